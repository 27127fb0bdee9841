// What each target supports of Kafka's processing guarantees: the one place that decides which exactly-once checks run
// against which broker (Kafka Streams' processing.guarantee=exactly_once_v2, Kafka Connect's
// exactly.once.source.support=enabled, the read_committed checks behind both). Every check is written once; a target
// runs those of the guarantees listed for it.

/** @typedef {import("./target-selection.mjs").TargetId} TargetId */
/** @typedef {"at_least_once" | "exactly_once_v2"} ProcessingGuarantee */

/**
 * The guarantees each target is tested with, weakest first. Exactly-once needs the broker's transactions
 * (InitProducerId with a transactional id, AddPartitionsToTxn, AddOffsetsToTxn, TxnOffsetCommit, EndTxn, markers,
 * read_committed up to the last stable offset); both targets have them.
 * @type {Readonly<Record<TargetId, readonly ProcessingGuarantee[]>>}
 */
export const PROCESSING_GUARANTEES = {
  "apache-kafka": ["at_least_once", "exactly_once_v2"],
  skein: ["at_least_once", "exactly_once_v2"],
};

/**
 * The guarantees a target is tested with: PROCESSING_GUARANTEES, plus exactly_once_v2 for the targets that
 * SKEIN_KAFKA_EXACTLY_ONCE names (comma-separated), to try exactly-once on a target before switching it on here.
 * @param {TargetId} target
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {ProcessingGuarantee[]}
 */
export function processingGuarantees(target, env = process.env) {
  const listed = [...PROCESSING_GUARANTEES[target]];
  const forced = (env.SKEIN_KAFKA_EXACTLY_ONCE ?? "").split(",").map((id) => id.trim());
  if (forced.includes(target) && !listed.includes("exactly_once_v2")) listed.push("exactly_once_v2");
  return listed;
}

/**
 * Whether a target is tested with exactly-once (and so with transactions).
 * @param {TargetId} target
 */
export function supportsExactlyOnce(target) {
  return processingGuarantees(target).includes("exactly_once_v2");
}
