import type { PartitionRegistration } from "../cluster/cluster-metadata-store.js";
import type { FollowerState, Partition } from "../cluster/partition.js";

/**
 * Kafka's `Partition.makeLeader`: takes the registration, starts the new leader epoch at the log end (so followers of
 * older epochs truncate to where theirs ended) and resets every follower's state — ISR members count as caught up
 * now, so none is dropped before it had a chance to fetch.
 */
export function becomeLeader(p: Partition, localBrokerId: number, registration: PartitionRegistration, version: number, now: number): void {
  const log = p.log;
  log.startReplicating();
  const newEpoch = registration.leaderEpoch !== p.leaderEpoch || !p.isLeaderHere;
  p.setRegistration(registration, version);
  if (!newEpoch) return;
  log.leaderEpochs.assign(registration.leaderEpoch, log.logEndOffset);
  p.leaderEpochStartOffset = log.logEndOffset;
  p.isLeaderHere = true;
  p.followers.clear();
  for (const id of registration.replicas) {
    if (id === localBrokerId) continue;
    p.followers.set(id, { logEndOffset: -1, lastCaughtUpTimeMs: registration.isr.includes(id) ? now : 0, lastFetchTimeMs: 0, leaderEndOffsetAtLastFetch: -1 });
  }
}

/** Kafka's `Partition.makeFollower`: takes the registration; the leader's follower state goes. */
export function becomeFollower(p: Partition, registration: PartitionRegistration, version: number): void {
  p.setRegistration(registration, version);
  p.isLeaderHere = false;
  p.followers.clear();
  p.log.startReplicating();
}

/**
 * Records a follower's fetch at `fetchOffset` (its log end offset; everything below it is on its disk): Kafka's
 * `updateFollowerFetchState`. A follower caught up when it reached the leader's log end, or the end as of its
 * previous fetch.
 */
export function updateFollowerFetch(p: Partition, brokerId: number, fetchOffset: number, now: number): void {
  const leaderEnd = p.log.logEndOffset;
  let follower = p.followers.get(brokerId);
  if (!follower) p.followers.set(brokerId, (follower = { logEndOffset: -1, lastCaughtUpTimeMs: 0, lastFetchTimeMs: 0, leaderEndOffsetAtLastFetch: -1 }));
  if (fetchOffset >= leaderEnd) follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, now);
  else if (fetchOffset >= follower.leaderEndOffsetAtLastFetch && follower.leaderEndOffsetAtLastFetch >= 0) {
    follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, follower.lastFetchTimeMs);
  }
  follower.logEndOffset = fetchOffset;
  follower.leaderEndOffsetAtLastFetch = leaderEnd;
  follower.lastFetchTimeMs = now;
}

/**
 * Kafka's `maybeIncrementLeaderHW`: the high watermark moves up to the smallest log end offset of the ISR — and only
 * while the ISR has at least `min.insync.replicas` members, so records acknowledged to acks=all producers are on
 * that many disks. Returns whether it moved.
 */
export function maybeIncrementHighWatermark(p: Partition, localBrokerId: number, minInSyncReplicas: number): boolean {
  if (!p.isLeaderHere || p.isr.length < minInSyncReplicas) return false;
  const log = p.log;
  let candidate = log.logEndOffset;
  for (const id of p.isr) {
    if (id === localBrokerId) continue;
    const follower: FollowerState | undefined = p.followers.get(id);
    candidate = Math.min(candidate, follower?.logEndOffset ?? -1);
  }
  if (candidate <= log.highWatermark) return false;
  log.setHighWatermark(candidate);
  return true;
}

/** ISR members that have not caught up within `replica.lag.time.max.ms` (Kafka's `getOutOfSyncReplicas`). */
export function outOfSyncReplicas(p: Partition, localBrokerId: number, now: number, lagTimeMaxMs: number): number[] {
  return p.isr.filter((id) => id !== localBrokerId && now - (p.followers.get(id)?.lastCaughtUpTimeMs ?? 0) > lagTimeMaxMs);
}

/**
 * Replicas outside the ISR that caught up: their log reaches the high watermark and the start of this leader's epoch
 * (Kafka's `isFollowerInSync`), and they fetched recently.
 */
export function caughtUpReplicas(p: Partition, now: number, lagTimeMaxMs: number): number[] {
  const log = p.log;
  const result: number[] = [];
  for (const [id, follower] of p.followers) {
    if (p.isr.includes(id) || !p.replicas.includes(id)) continue;
    if (follower.logEndOffset >= log.highWatermark && follower.logEndOffset >= p.leaderEpochStartOffset && now - follower.lastFetchTimeMs <= lagTimeMaxMs) result.push(id);
  }
  return result;
}
