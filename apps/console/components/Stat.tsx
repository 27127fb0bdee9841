import type { ReactNode } from "react";

/** One headline number with its label, and a line saying what it counts when that is not obvious. */
export function Stat({ label, value, tone, small, hint }: { label: string; value: ReactNode; tone?: "warn"; small?: boolean; hint?: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className={`stat-value ${small ? "small" : ""} ${tone ?? ""}`.trim()}>{value}</div>
      {hint && <div className="stat-hint">{hint}</div>}
    </div>
  );
}
