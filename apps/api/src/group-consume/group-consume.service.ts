import { Injectable, Logger, type OnModuleDestroy } from "@nestjs/common";
import { AppendNotifier, Broker, GroupCoordinator, KafkaError } from "@skein/broker";
import type { RawData, WebSocket } from "ws";
import { ConsumerInstance, type TopicPartition } from "../consumers/consumer-instance.js";
import { errorFrame } from "../live/error-frame.js";
import { FrameError } from "../live/live-protocol.js";
import { RecordsFrame } from "../live/records-frame.js";
import type { SocketOutbox } from "../live/socket-outbox.js";
import { RestError } from "../errors/rest-error.js";
import { AUTHORIZATION_FAILED } from "../security/http-auth-error.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import type { HttpIdentity } from "../security/http-identity.js";
import { groupFrameType, parseGroupFrame, type GroupSubscribeFrame } from "./group-consume-protocol.js";

/** How long one read waits for records before it looks again (reads end early on records and rebalances). */
const POLL_MS = 1000;
/** The most key and value bytes one `records` frame carries. */
const FRAME_BYTES = 1024 * 1024;

const logger = new Logger("GroupConsume");

/**
 * `/ws` group consumption: a `group_subscribe` frame makes the socket a member of a consumer group (through the
 * same `ConsumerInstance` as REST v2 consumers, not persisted): the assignment is pushed on every rebalance, records
 * of the assigned partitions stream as they arrive, and offsets are committed on `commit` frames or automatically.
 * The socket leaving the group ends its membership.
 */
@Injectable()
export class GroupConsumeService implements OnModuleDestroy {
  private readonly notifier: AppendNotifier;
  private readonly sockets = new Map<WebSocket, { outbox: SocketOutbox; subscriptions: Map<string, ConsumerInstance<Buffer>> }>();

  constructor(
    private readonly broker: Broker,
    private readonly coordinator: GroupCoordinator,
    private readonly authz: HttpAuthorizer,
  ) {
    this.notifier = new AppendNotifier(broker);
  }

  /** Whether this text frame is a group-consumption frame (which the live-tail session then leaves alone). */
  static handles(text: string): boolean {
    return groupFrameType(text) !== undefined;
  }

  /** A client connected as `identity`: its group frames are handled here, and answered through the socket's outbox. */
  open(socket: WebSocket, outbox: SocketOutbox, identity: HttpIdentity): void {
    const subscriptions = new Map<string, ConsumerInstance<Buffer>>();
    this.sockets.set(socket, { outbox, subscriptions });
    socket.on("message", (data: RawData, isBinary: boolean) => {
      if (isBinary) return;
      const text = data.toString();
      if (!GroupConsumeService.handles(text)) return;
      this.receive(outbox, subscriptions, text, identity).catch((error: unknown) => outbox.send(errorFrame(error, logger)));
    });
    // Closed for slowness (or gone): the memberships end now, not when the client finally answers the close.
    outbox.onClose(() => this.close(socket));
  }

  /** The client went away: its memberships end (committing first where auto-commit is on). */
  close(socket: WebSocket): void {
    const entry = this.sockets.get(socket);
    this.sockets.delete(socket);
    for (const instance of entry?.subscriptions.values() ?? []) void instance.close();
  }

  onModuleDestroy(): void {
    for (const socket of [...this.sockets.keys()]) this.close(socket);
    this.notifier.close();
  }

  private async receive(outbox: SocketOutbox, subscriptions: Map<string, ConsumerInstance<Buffer>>, text: string, identity: HttpIdentity): Promise<void> {
    const frame = parseGroupFrame(text);
    switch (frame.type) {
      case "group_subscribe": {
        if (subscriptions.has(frame.id)) throw new FrameError(40901, `A subscription with id ${frame.id} exists: unsubscribe it first.`, frame.id);
        this.authorize(identity, frame.group, frame.topics, frame.id);
        for (const topic of frame.topics) this.requireTopic(topic, frame.id);
        const instance = this.member(outbox, frame);
        subscriptions.set(frame.id, instance);
        void this.stream(outbox, frame.id, subscriptions, instance, identity);
        return;
      }
      case "group_unsubscribe": {
        const instance = subscriptions.get(frame.id);
        if (!instance) throw new FrameError(400, `No group subscription with id ${frame.id}.`, frame.id);
        subscriptions.delete(frame.id);
        await instance.close();
        outbox.send({ type: "group_unsubscribed", id: frame.id });
        return;
      }
      case "commit": {
        const instance = subscriptions.get(frame.id);
        if (!instance) throw new FrameError(400, `No group subscription with id ${frame.id}.`, frame.id);
        try {
          this.authorize(identity, instance.groupId, (frame.offsets ?? instance.assignment()).map((o) => o.topic), frame.id);
          const committed = await instance.commit(frame.offsets);
          outbox.send({ type: "committed", id: frame.id, offsets: committed.map((c) => ({ topic: c.topic, partition: c.partition, offset: c.committed })) });
        } catch (error) {
          outbox.send(errorFrame(error, logger, frame.id));
        }
        return;
      }
    }
  }

  private member(outbox: SocketOutbox, frame: GroupSubscribeFrame): ConsumerInstance<Buffer> {
    const now = Date.now();
    return new ConsumerInstance<Buffer>(
      this.broker,
      this.coordinator,
      this.notifier,
      {
        groupId: frame.group,
        name: `ws-${frame.id}`,
        format: "binary",
        autoOffsetReset: frame.autoOffsetReset,
        autoCommitEnable: frame.autoCommit,
        topics: [...frame.topics],
        topicPattern: null,
        assignments: null,
        memberId: null,
        createdAt: now,
        lastUsedAt: now,
      },
      {
        clientHost: "/ws",
        sessionTimeoutMs: 10_000,
        persist: () => undefined,
        newSink: () => new RecordsFrame(frame.id, frame.encoding, 64 * 1024, true),
        onAssign: (assignment: TopicPartition[], generationId: number) => {
          outbox.send({ type: "assigned", id: frame.id, group: frame.group, generation_id: generationId, partitions: assignment });
        },
      },
    );
  }

  /** Reads and sends records while the subscription lasts, pausing while the client is behind (the outbox's policy). */
  /** READ on the group and on each topic, as Kafka's JoinGroup, Fetch and OffsetCommit ask. @throws RestError 403 */
  private authorize(identity: HttpIdentity, group: string, topics: readonly string[], id: string): void {
    const request = `WebSocket group consumption (${id})`;
    this.authz.require(identity, "READ", "GROUP", group, request);
    for (const topic of new Set(topics)) this.authz.require(identity, "READ", "TOPIC", topic, request);
  }

  private async stream(
    outbox: SocketOutbox,
    id: string,
    subscriptions: Map<string, ConsumerInstance<Buffer>>,
    instance: ConsumerInstance<Buffer>,
    identity: HttpIdentity,
  ): Promise<void> {
    const live = () => subscriptions.get(id) === instance && outbox.isOpen;
    while (live()) {
      if (outbox.behind) {
        await outbox.caughtUp();
        continue;
      }
      try {
        // Checked at every read, as Kafka checks every Fetch: an ACL taken away ends the subscription.
        this.authorize(identity, instance.groupId, instance.assignment().map((p) => p.topic), id);
        const { count, answer } = await instance.read(POLL_MS, FRAME_BYTES);
        if (count > 0 && live()) outbox.send(answer);
      } catch (error) {
        outbox.send(errorFrame(error, logger, id));
        if (error instanceof RestError && error.errorCode === AUTHORIZATION_FAILED) {
          // Denied: the membership ends, as a Kafka consumer's does on GROUP_ or TOPIC_AUTHORIZATION_FAILED.
          subscriptions.delete(id);
          await instance.close();
          break;
        }
        if (!(error instanceof KafkaError) || !live()) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    }
  }

  private requireTopic(topic: string, id: string): void {
    try {
      this.broker.describeTopic(topic);
    } catch {
      throw new FrameError(40403, `Topic ${topic} not found.`, id);
    }
  }
}
