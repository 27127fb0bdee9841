import type { ReactNode } from "react";

/** One headline number with its label. */
export function Stat({ label, value, tone, small }: { label: string; value: ReactNode; tone?: "warn"; small?: boolean }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className={`stat-value ${small ? "small" : ""} ${tone ?? ""}`.trim()}>{value}</div>
    </div>
  );
}
