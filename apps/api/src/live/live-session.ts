import { Logger } from "@nestjs/common";
import { Broker, CorruptRangeError, OffsetOutOfRangeError, UnknownTopicOrPartitionError, visitRecords, type Acks, type TopicDescription } from "@skein/broker";
import type { RawData, WebSocket } from "ws";
import { groupFrameType } from "../group-consume/group-consume-protocol.js";
import type { ProduceBatcher } from "../records/produce-batcher.js";
import { requireWritableTopic } from "../records/writable-topic.js";
import type { HttpAuthorizer } from "../security/http-authorizer.js";
import type { HttpIdentity } from "../security/http-identity.js";
import { authorizeProduce } from "../security/produce-authorization.js";
import { errorFrame } from "./error-frame.js";
import type { LiveLimits } from "./live-limits.js";
import { FrameError, parseClientFrame, type ProduceFrame, type StartPosition, type SubscribeFrame } from "./live-protocol.js";
import { RecordsFrame } from "./records-frame.js";
import type { SocketOutbox } from "./socket-outbox.js";
import { Subscription } from "./subscription.js";

/** What a session needs from the service that holds every session. */
export interface SessionContext {
  broker: Broker;
  /** Produces go through the service's batcher, with the frame's acks or this default. */
  batcher: ProduceBatcher;
  defaultAcks: Acks;
  limits: LiveLimits;
  /** Every frame is authorized as the REST request doing the same would be (READ to tail, WRITE to produce). */
  authz: HttpAuthorizer;
  /** Starts (or stops) delivering the topic's append notifications to the subscription. */
  register(subscription: Subscription, session: LiveSession): void;
  unregister(subscription: Subscription): void;
}

const logger = new Logger("LiveSession");

/**
 * One `/ws` connection: its subscriptions and produces. Records are read from each partition's position when
 * appends are announced, and sent in one `records` frame per subscription per read. Flow control is the socket's
 * outbox (socket-outbox.ts): while the client is behind the session stops reading from the log, it resumes when the
 * client catches up, and a client that stays behind past the limit is closed with 1008.
 */
export class LiveSession {
  private readonly subscriptions = new Map<string, Subscription>();
  private closed = false;
  /** Whether the peer answered the last protocol-level ping. */
  private alive = true;

  constructor(
    private readonly socket: WebSocket,
    private readonly outbox: SocketOutbox,
    private readonly context: SessionContext,
    /** Who the socket authenticated as at its upgrade. */
    private readonly identity: HttpIdentity,
  ) {
    socket.on("message", (data, isBinary) => this.receive(data, isBinary));
    socket.on("pong", () => (this.alive = true));
    outbox.onCaughtUp(() => this.resume());
    outbox.onClose(() => this.dispose());
  }

  /**
   * Keep-alive tick: drops a peer that did not answer the previous ping, then pings. A client that is behind is
   * left to the slow-consumer policy: its pong is stuck behind the records it has not read, so its silence says
   * nothing about whether it is alive.
   */
  heartbeat(): void {
    if (this.closed || this.outbox.behind) return;
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    this.socket.ping();
  }

  /** Records were appended to a partition the subscription follows: read them unless the client is behind. */
  wake(subscription: Subscription): void {
    if (!this.outbox.behind && !this.closed) void this.drain(subscription);
  }

  /** The socket closed (or is being closed): forget every subscription. */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const subscription of this.subscriptions.values()) this.context.unregister(subscription);
    this.subscriptions.clear();
  }

  private receive(data: RawData, isBinary: boolean): void {
    let frame;
    try {
      if (isBinary) throw new FrameError(400, "Frames are JSON text, not binary.");
      frame = parseClientFrame(data.toString());
    } catch (error) {
      // Group-consumption frames are answered by group-consume/ (GroupConsumeService), which shares the socket.
      if (!isBinary && groupFrameType(data.toString()) !== undefined) return;
      this.sendError(error);
      return;
    }
    switch (frame.type) {
      case "ping":
        this.send({ type: "pong" });
        return;
      case "unsubscribe":
        this.unsubscribe(frame.id);
        return;
      case "subscribe":
        this.subscribe(frame).catch((error: unknown) => this.sendError(error, frame.id));
        return;
      case "produce":
        this.produce(frame).catch((error: unknown) => this.sendError(error, frame.id));
        return;
    }
  }

  private async subscribe(frame: SubscribeFrame): Promise<void> {
    if (this.subscriptions.has(frame.id)) throw new FrameError(40901, `A subscription with id ${frame.id} exists: unsubscribe it first.`, frame.id);
    if (this.subscriptions.size >= this.context.limits.maxSubscriptions) {
      throw new FrameError(400, `A session holds at most ${this.context.limits.maxSubscriptions} subscriptions.`, frame.id);
    }
    this.context.authz.require(this.identity, "READ", "TOPIC", frame.topic, "WebSocket subscribe");
    const topic = this.describe(frame.topic, frame.id);
    const count = topic.partitions.length;
    const partitions = frame.partitions ?? topic.partitions.map((p) => p.partition);
    const missing = partitions.find((p) => p >= count);
    if (missing !== undefined) throw new FrameError(40402, `Partition ${missing} not found: topic ${frame.topic} has partitions 0 to ${count - 1}.`, frame.id);

    const subscription = new Subscription(frame.id, frame.topic, frame.partitions === undefined, frame.filter, frame.encoding, frame.isolationLevel);
    for (const partition of partitions) subscription.positions.set(partition, await this.startOffset(frame.topic, partition, frame.from));
    if (this.closed || this.subscriptions.has(frame.id)) return;
    this.subscriptions.set(frame.id, subscription);
    this.context.register(subscription, this);
    // From here on appends are announced; whatever is already past a position is read now.
    for (const [partition, position] of subscription.positions) {
      // read_committed: what lies past the last stable offset waits for its transaction's marker.
      if (position < subscription.readableEnd(this.context.broker.partitionOffsets(frame.topic, partition))) subscription.pending.add(partition);
    }
    this.send({ type: "subscribed", id: frame.id, partitions: [...subscription.positions].map(([partition, offset]) => ({ partition, offset })) });
    if (subscription.pending.size > 0) this.wake(subscription);
  }

  private unsubscribe(id: string): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) {
      this.sendError(new FrameError(400, `No subscription with id ${id}.`, id));
      return;
    }
    this.subscriptions.delete(id);
    this.context.unregister(subscription);
  }

  private async startOffset(topic: string, partition: number, from: StartPosition): Promise<number> {
    const offsets = this.context.broker.partitionOffsets(topic, partition);
    if (from === "latest") return offsets.highWatermark;
    if (from === "earliest") return offsets.logStartOffset;
    if ("offset" in from) return Math.min(Math.max(from.offset, offsets.logStartOffset), offsets.highWatermark);
    const found = await this.context.broker.offsetForTimestamp(topic, partition, from.timestamp);
    return found?.offset ?? offsets.highWatermark;
  }

  private async produce(frame: ProduceFrame): Promise<void> {
    authorizeProduce(this.context.authz, this.context.broker, this.identity, frame.topic, "WebSocket produce");
    requireWritableTopic(this.context.broker, frame.topic);
    const record = { key: frame.key, value: frame.value, headers: frame.headers, partition: frame.partition, timestamp: frame.timestamp };
    const [result] = await this.context.batcher.produce(frame.topic, [record], frame.acks ?? this.context.defaultAcks);
    this.send({ type: "ack", id: frame.id, partition: result!.partition, offset: result!.offset, timestamp: result!.timestamp });
  }

  /**
   * Reads what the subscription has not read yet and sends it, until it is caught up or the client falls behind:
   * one `records` frame per round over its partitions, written straight from the batches read.
   */
  private async drain(subscription: Subscription): Promise<void> {
    if (subscription.draining) return; // the running loop sees the new pending partitions
    subscription.draining = true;
    const { broker, limits } = this.context;
    try {
      while (subscription.pending.size > 0 && !this.outbox.behind && !this.closed && this.subscriptions.get(subscription.id) === subscription) {
        // Kafka checks every Fetch: an ACL removed while the tail runs ends it (with a 403 error frame).
        this.context.authz.require(this.identity, "READ", "TOPIC", subscription.topic, "WebSocket subscribe");
        const partitions = [...subscription.pending];
        subscription.pending.clear();
        let frame: RecordsFrame | undefined;
        for (const partition of partitions) {
          const position = subscription.positions.get(partition)!;
          let read;
          try {
            read = await broker.fetchRecordBatches(subscription.topic, partition, position, { maxBytes: limits.readBytes, isolationLevel: subscription.isolationLevel });
          } catch (error) {
            if (error instanceof OffsetOutOfRangeError) {
              // Retention or DeleteRecords removed records the client had not read: go on from the log start.
              subscription.positions.set(partition, broker.partitionOffsets(subscription.topic, partition).logStartOffset);
              subscription.pending.add(partition);
              continue;
            }
            // Records found corrupt on disk (a read stops where they begin, and a read inside them fails every time):
            // the client is told which, once, never sent their bytes, and the tail goes on after them. A range the
            // engine could not bound ends the tail.
            if (!(error instanceof CorruptRangeError) || error.range === null) throw error;
            this.sendError(error, subscription.id);
            subscription.positions.set(partition, Math.max(position, error.range.lastOffset + 1));
            subscription.pending.add(partition);
            continue;
          }
          let next = read.nextOffset;
          if (read.batches.length > 0) {
            const records = (frame ??= new RecordsFrame(subscription.id, subscription.encoding, read.batches.length * 2));
            let taken = 0;
            const after = visitRecords(read.batches, position, (record) => {
              if (!subscription.matches(record)) return true;
              records.add(subscription.topic, partition, record);
              return ++taken < limits.readRecords;
            });
            // Stopped at the read's record limit: the next read starts after the last record taken.
            if (taken >= limits.readRecords) next = after;
          }
          subscription.positions.set(partition, Math.max(position, next));
          // A read_committed tail has nothing to read past the last stable offset (an open transaction) until a marker
          // moves it, and its `append` wakes the tail then. Reading on would spin without progress.
          if (next < subscription.readableEnd(read)) subscription.pending.add(partition);
        }
        if (frame && frame.count > 0 && !this.closed) this.outbox.send(frame.finish());
      }
    } catch (error) {
      // The topic was deleted, its READ was taken away, or the engine shut down: the subscription ends with the error.
      this.subscriptions.delete(subscription.id);
      this.context.unregister(subscription);
      this.sendError(error, subscription.id);
    } finally {
      subscription.draining = false;
    }
  }

  private describe(topic: string, id: string): TopicDescription {
    try {
      return this.context.broker.describeTopic(topic);
    } catch (error) {
      if (error instanceof UnknownTopicOrPartitionError) throw new FrameError(40403, `Topic ${topic} not found.`, id);
      throw error;
    }
  }

  private send(frame: object): void {
    if (!this.closed) this.outbox.send(frame);
  }

  /** The client caught up: read on for every subscription with records waiting. */
  private resume(): void {
    for (const subscription of this.subscriptions.values()) if (subscription.pending.size > 0) void this.drain(subscription);
  }

  private sendError(error: unknown, id?: string): void {
    this.send(errorFrame(error, logger, id));
  }

}
