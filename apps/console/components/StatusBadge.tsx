import type { ReactNode } from "react";

export type Tone = "ok" | "warn" | "err" | "info" | "accent" | "muted";

/** A small coloured label for a state. */
export function StatusBadge({ tone, children, dot }: { tone: Tone; children: ReactNode; dot?: boolean }) {
  return <span className={`badge ${tone === "muted" ? "" : `badge-${tone}`} ${dot ? "badge-dot" : ""}`.trim()}>{children}</span>;
}

/** How a consumer group state reads: "Stable" in green, rebalancing in amber, "Dead" in red. */
export function GroupStateBadge({ state }: { state: string }) {
  const tone: Tone = state === "STABLE" ? "ok" : state === "EMPTY" ? "muted" : state === "DEAD" ? "err" : state.includes("REBALANCE") ? "warn" : "muted";
  const label = state.toLowerCase().replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
  return (
    <StatusBadge tone={tone} dot>
      {label}
    </StatusBadge>
  );
}
