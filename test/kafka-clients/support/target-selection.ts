// Which brokers the client suites run against: one switch for every suite (and for vitest.config.ts, which leaves
// out the Skein-only interop suite while Skein is not selected).

export type TargetId = "apache-kafka" | "skein";

/**
 * The targets every client suite runs against. Skein joins when its Kafka listener lands: make this line
 * `["apache-kafka", "skein"]` (or run with SKEIN_KAFKA_TARGETS=apache-kafka,skein, or =skein alone).
 */
export const DEFAULT_TARGETS: readonly TargetId[] = ["apache-kafka"];

/** The selected target ids: SKEIN_KAFKA_TARGETS (comma-separated) or DEFAULT_TARGETS. */
export function selectedTargetIds(env: NodeJS.ProcessEnv = process.env): TargetId[] {
  const ids = env.SKEIN_KAFKA_TARGETS ? env.SKEIN_KAFKA_TARGETS.split(",").map((id) => id.trim()).filter(Boolean) : [...DEFAULT_TARGETS];
  for (const id of ids) {
    if (id !== "apache-kafka" && id !== "skein") throw new Error(`SKEIN_KAFKA_TARGETS: unknown target ${id} (apache-kafka, skein)`);
  }
  return ids as TargetId[];
}

