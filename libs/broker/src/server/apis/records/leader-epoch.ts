import type { Broker } from "../../../broker.js";
import { FencedLeaderEpochError, UnknownLeaderEpochError } from "../../../errors.js";

/**
 * Kafka's check of a request's `current_leader_epoch` (KIP-320): an older epoch is FENCED_LEADER_EPOCH, a newer one
 * UNKNOWN_LEADER_EPOCH; -1 skips the check. Returns the partition's leader epoch.
 */
export function checkLeaderEpoch(broker: Broker, topic: string, partition: number, requested: number): number {
  const current = broker.partitionOffsets(topic, partition).leaderEpoch;
  if (requested >= 0 && requested < current) throw new FencedLeaderEpochError(`The leader epoch ${requested} of ${topic}-${partition} in the request is older than the current epoch ${current}.`);
  if (requested > current) throw new UnknownLeaderEpochError(`The leader epoch ${requested} of ${topic}-${partition} in the request is newer than the current epoch ${current}.`);
  return current;
}
