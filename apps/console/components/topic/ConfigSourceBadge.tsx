import type { ConfigSource } from "@/lib/api";
import { StatusBadge } from "../StatusBadge";

/** Where a config's value comes from, in three words: topic (set here), broker, or default. */
export function ConfigSourceBadge({ source }: { source: ConfigSource }) {
  if (source === "DYNAMIC_TOPIC_CONFIG") return <StatusBadge tone="accent">topic</StatusBadge>;
  if (source.includes("BROKER")) return <StatusBadge tone="info">broker</StatusBadge>;
  if (source === "DEFAULT_CONFIG") return <StatusBadge tone="muted">default</StatusBadge>;
  return <StatusBadge tone="muted">{source.toLowerCase()}</StatusBadge>;
}
