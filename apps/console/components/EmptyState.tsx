import type { ReactNode } from "react";

/** Shown when a request succeeded with nothing to show: says why, and what to do next. */
export function EmptyState({ title, hint, action }: { title: string; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="state">
      <div className="state-title">{title}</div>
      {hint && <div className="state-hint">{hint}</div>}
      {action}
    </div>
  );
}
