// Which brokers the client suites and `npm run bench:kafka` run against: one switch for all of them (and for
// vitest.config.ts, which leaves out the Skein-only interop suite while Skein is not selected).

/** @typedef {"apache-kafka" | "skein"} TargetId */

/**
 * The targets every client suite and the benchmark run against: Apache Kafka (which keeps the suites honest: what
 * they expect is what Kafka does) and Skein. SKEIN_KAFKA_TARGETS=skein (or =apache-kafka) runs one of them.
 * @type {readonly TargetId[]}
 */
export const DEFAULT_TARGETS = ["apache-kafka", "skein"];

/**
 * The selected target ids: SKEIN_KAFKA_TARGETS (comma-separated) or DEFAULT_TARGETS.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {TargetId[]}
 */
export function selectedTargetIds(env = process.env) {
  const ids = env.SKEIN_KAFKA_TARGETS ? env.SKEIN_KAFKA_TARGETS.split(",").map((id) => id.trim()).filter(Boolean) : [...DEFAULT_TARGETS];
  for (const id of ids) {
    if (id !== "apache-kafka" && id !== "skein") throw new Error(`SKEIN_KAFKA_TARGETS: unknown target ${id} (apache-kafka, skein)`);
  }
  return /** @type {TargetId[]} */ (ids);
}
