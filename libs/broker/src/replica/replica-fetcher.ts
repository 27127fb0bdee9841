import { ApiKey, type FetchResponse, type OffsetForLeaderEpochResponse } from "@skein/protocol";
import type { Logger } from "../broker-types.js";
import type { Clock } from "../clock.js";
import type { Partition } from "../cluster/partition.js";
import { FencedLeaderEpochError, NotLeaderOrFollowerError, OffsetOutOfRangeError, UnknownLeaderEpochError, UnknownTopicOrPartitionError } from "../errors.js";
import { UNDEFINED_EPOCH } from "../storage/leader-epoch-cache.js";
import { BrokerConnection } from "./broker-connection.js";

/** How a follower fetches (Kafka's `replica.fetch.*` settings). */
export interface ReplicaFetcherSettings {
  localBrokerId: number;
  fetchMaxBytes: number;
  partitionMaxBytes: number;
  fetchWaitMaxMs: number;
  backoffMs: number;
  requestTimeoutMs: number;
  clock: Clock;
  logger: Logger;
  /** Called after records were appended and flushed on this replica, with its new offsets. */
  onFetched(partition: Partition): void;
}

type FetchState = "truncating" | "fetching";

interface FetchedPartition {
  partition: Partition;
  state: FetchState;
  /** The leader epoch the follower fetches in; a newer registration replaces the entry. */
  leaderEpoch: number;
  /** Not fetched before this time (after an error). */
  delayedUntil: number;
}

const FETCH_VERSION = 12;
const OFFSET_FOR_LEADER_EPOCH_VERSION = 4;
const LIST_OFFSETS_VERSION = 7;

/**
 * Kafka's ReplicaFetcherThread for one leader broker: for every partition this broker follows on it, first
 * truncates the local log to where its last leader epoch ends on the leader (OffsetForLeaderEpoch, KIP-101/279),
 * then fetches with its replica id from its log end offset, appends what comes exactly as the leader stored it,
 * flushes it — a follower reports an offset to the leader only once the records below it are on its disk, since
 * acks=all counts on that — and takes the leader's high watermark.
 */
export class ReplicaFetcher {
  private readonly partitions = new Map<string, FetchedPartition>();
  private readonly connection: BrokerConnection;
  private stopped = false;
  /** The error of the failing requests in a row, while they fail. */
  private failing: string | null = null;
  private wake: (() => void) | null = null;
  private readonly loop: Promise<void>;

  constructor(
    readonly leaderId: number,
    readonly host: string,
    readonly port: number,
    private readonly settings: ReplicaFetcherSettings,
  ) {
    this.connection = new BrokerConnection(host, port, `replica-fetcher-${settings.localBrokerId}`, settings.requestTimeoutMs);
    this.loop = this.run();
  }

  /** Starts following a partition (in its registration's leader epoch), truncating first. */
  addPartition(partition: Partition): void {
    this.partitions.set(keyOf(partition), { partition, state: "truncating", leaderEpoch: partition.leaderEpoch, delayedUntil: 0 });
    this.wake?.();
  }

  removePartition(partition: Partition): void {
    this.partitions.delete(keyOf(partition));
  }

  /** The partitions followed. */
  followed(): Partition[] {
    return [...this.partitions.values()].map((e) => e.partition);
  }

  get partitionCount(): number {
    return this.partitions.size;
  }

  /** Whether this fetcher follows `partition` in its current leader epoch. */
  follows(partition: Partition): boolean {
    const entry = this.partitions.get(keyOf(partition));
    return entry !== undefined && entry.partition === partition && entry.leaderEpoch === partition.leaderEpoch;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connection.close();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const now = this.settings.clock.now();
        const ready = [...this.partitions.values()].filter((p) => p.delayedUntil <= now);
        if (ready.length === 0) {
          await this.idle(this.partitions.size === 0 ? 60_000 : this.settings.backoffMs);
          continue;
        }
        const truncating = ready.filter((p) => p.state === "truncating");
        if (truncating.length > 0) await this.truncate(truncating);
        const fetching = ready.filter((p) => p.state === "fetching");
        if (fetching.length > 0) await this.fetch(fetching);
        if (this.failing !== null) this.settings.logger.info(`Replica fetcher for broker ${this.leaderId}: fetching again after "${this.failing}"`);
        this.failing = null;
      } catch (err) {
        if (this.stopped) return;
        // A leader that is down fails every retry the same way: said once, not every backoff.
        const message = (err as Error).message;
        if (message !== this.failing) this.settings.logger.warn(`Replica fetcher for broker ${this.leaderId}: ${message} (retrying every ${this.settings.backoffMs} ms)`);
        this.failing = message;
        await this.idle(this.settings.backoffMs);
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  /** Asks the leader where each partition's latest local epoch ends and truncates there (KIP-279). */
  private async truncate(entries: FetchedPartition[]): Promise<void> {
    const byTopic = groupByTopic(entries);
    const response = await this.connection.request<OffsetForLeaderEpochResponse>(ApiKey.OffsetForLeaderEpoch, OFFSET_FOR_LEADER_EPOCH_VERSION, {
      replicaId: this.settings.localBrokerId,
      topics: [...byTopic].map(([topic, list]) => ({
        topic,
        partitions: list.map((e) => ({ partition: e.partition.partition, currentLeaderEpoch: e.leaderEpoch, leaderEpoch: e.partition.log.leaderEpochs.latestEpoch ?? UNDEFINED_EPOCH })),
      })),
    });
    for (const topic of response.topics) {
      for (const result of topic.partitions) {
        const entry = this.current(topic.topic, result.partition, entries);
        if (!entry) continue;
        if (result.errorCode !== 0) {
          this.delay(entry, result.errorCode);
          continue;
        }
        const log = entry.partition.log;
        let offset: number;
        if (result.endOffset < 0 || result.leaderEpoch === UNDEFINED_EPOCH) {
          // The leader knows no epoch of ours (or we have none): keep only what was committed (Kafka's fallback).
          offset = log.highWatermark;
        } else {
          // The leader's answer names the largest epoch both have; ours may end earlier than the leader's (KIP-279).
          const local = log.leaderEpochs.endOffsetFor(result.leaderEpoch, log.logEndOffset);
          offset = Math.min(result.endOffset, local.endOffset < 0 ? log.logEndOffset : local.endOffset);
        }
        if (log.truncateTo(offset)) {
          this.settings.logger.info(`${log.name}: truncated to offset ${log.logEndOffset} before following broker ${this.leaderId} in leader epoch ${entry.leaderEpoch}`);
        }
        entry.state = "fetching";
      }
    }
  }

  private async fetch(entries: FetchedPartition[]): Promise<void> {
    const byTopic = groupByTopic(entries);
    const response = await this.connection.request<FetchResponse>(ApiKey.Fetch, FETCH_VERSION, {
      replicaId: this.settings.localBrokerId,
      maxWaitMs: this.settings.fetchWaitMaxMs,
      minBytes: 1,
      maxBytes: this.settings.fetchMaxBytes,
      isolationLevel: 0,
      sessionId: 0,
      sessionEpoch: -1,
      topics: [...byTopic].map(([topic, list]) => ({
        topic,
        partitions: list.map((e) => ({
          partition: e.partition.partition,
          currentLeaderEpoch: e.leaderEpoch,
          fetchOffset: e.partition.log.logEndOffset,
          lastFetchedEpoch: -1,
          logStartOffset: e.partition.log.logStartOffset,
          partitionMaxBytes: this.settings.partitionMaxBytes,
        })),
      })),
      forgottenTopicsData: [],
      rackId: "",
    });
    if (response.errorCode !== 0) throw new Error(`the leader answered the fetch with error code ${response.errorCode}`);
    for (const topic of response.responses) {
      for (const data of topic.partitions) {
        const entry = this.current(topic.topic, data.partitionIndex, entries);
        if (!entry) continue;
        if (data.errorCode === new OffsetOutOfRangeError().code) {
          await this.handleOutOfRange(entry);
          continue;
        }
        if (data.errorCode !== 0) {
          this.delay(entry, data.errorCode);
          continue;
        }
        const log = entry.partition.log;
        if (data.records && data.records.length > 0) {
          log.appendAsFollower(data.records);
          await log.flush();
          // The leadership may have changed while we flushed: a newer registration handles the partition now.
          if (this.current(topic.topic, data.partitionIndex, entries) !== entry) continue;
        }
        log.setHighWatermark(Math.min(data.highWatermark, log.logEndOffset));
        this.settings.onFetched(entry.partition);
      }
    }
  }

  /** The leader no longer has our fetch offset: start over at its log start when we are behind it, else truncate again. */
  private async handleOutOfRange(entry: FetchedPartition): Promise<void> {
    const { partition } = entry;
    const response = await this.connection.request<{ topics: { partitions: { errorCode: number; offset: number }[] }[] }>(ApiKey.ListOffsets, LIST_OFFSETS_VERSION, {
      replicaId: this.settings.localBrokerId,
      isolationLevel: 0,
      topics: [{ name: partition.topic, partitions: [{ partitionIndex: partition.partition, currentLeaderEpoch: entry.leaderEpoch, timestamp: -2 }] }],
    });
    const earliest = response.topics[0]?.partitions[0];
    if (!earliest || earliest.errorCode !== 0) {
      this.delay(entry, earliest?.errorCode ?? -1);
      return;
    }
    const log = partition.log;
    if (log.logEndOffset < earliest.offset) {
      this.settings.logger.warn(`${log.name}: the leader's log starts at ${earliest.offset}, past this replica's end ${log.logEndOffset}: starting over there`);
      log.truncateFullyAndStartAt(earliest.offset);
    } else {
      entry.state = "truncating";
    }
  }

  /** Backs off a partition after an error; leadership errors wait for the next registration, which re-adds it. */
  private delay(entry: FetchedPartition, errorCode: number): void {
    entry.delayedUntil = this.settings.clock.now() + this.settings.backoffMs;
    const expected = [new NotLeaderOrFollowerError().code, new FencedLeaderEpochError().code, new UnknownLeaderEpochError().code, new UnknownTopicOrPartitionError().code];
    if (!expected.includes(errorCode)) this.settings.logger.warn(`${entry.partition.topic}-${entry.partition.partition}: broker ${this.leaderId} answered error code ${errorCode}`);
  }

  /** The entry for a response's partition, if it is still the one the request was made for. */
  private current(topic: string, partition: number, sent: FetchedPartition[]): FetchedPartition | undefined {
    const entry = this.partitions.get(`${topic}-${partition}`);
    return entry && sent.includes(entry) ? entry : undefined;
  }
}

function keyOf(partition: Partition): string {
  return `${partition.topic}-${partition.partition}`;
}

function groupByTopic(entries: FetchedPartition[]): Map<string, FetchedPartition[]> {
  const byTopic = new Map<string, FetchedPartition[]>();
  for (const entry of entries) {
    let list = byTopic.get(entry.partition.topic);
    if (!list) byTopic.set(entry.partition.topic, (list = []));
    list.push(entry);
  }
  return byTopic;
}
