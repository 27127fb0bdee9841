import { CONSUMER_PROTOCOL_TYPE } from "./consumer-protocol.js";
import type { ConsumerGroup } from "./consumer-group.js";
import type { CommittedOffset } from "./group-types.js";

/**
 * Which committed offsets are due, by Kafka's `GroupMetadata.removeExpiredOffsets` rules (KIP-211): those of an
 * Empty group `offsets.retention.minutes` after the group became empty, those of a group without a protocol (simple
 * commits) and of topics a Stable consumer group no longer subscribes to after their commit. An offset committed
 * with an explicit expire timestamp (OffsetCommit v1) expires at it.
 */
export function expiredOffsets(group: ConsumerGroup, offsets: readonly CommittedOffset[], now: number, retentionMs: number): CommittedOffset[] {
  const due = (o: CommittedOffset, base: number) => (o.expireTimestamp >= 0 ? now >= o.expireTimestamp : now - base >= retentionMs);
  if (group.protocolType === null) return offsets.filter((o) => due(o, o.commitTimestamp));
  if (group.state === "Empty") return offsets.filter((o) => due(o, group.currentStateTimestamp ?? o.commitTimestamp));
  if (group.protocolType === CONSUMER_PROTOCOL_TYPE && group.state === "Stable") {
    const subscribed = group.subscribedTopics();
    if (subscribed) return offsets.filter((o) => !subscribed.has(o.topic) && due(o, o.commitTimestamp));
  }
  return [];
}

