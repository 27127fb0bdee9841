import { randomUUID } from "node:crypto";
import { Injectable, Logger, type OnModuleDestroy } from "@nestjs/common";
import { AppendNotifier, Broker, GroupCoordinator } from "@skein/broker";
import { Engine } from "../engine/engine.js";
import { RestError } from "../errors/rest-error.js";
import { readConsumerSettings, type ConsumerSettings } from "./consumer-settings.js";
import { ConsumerInstance } from "./consumer-instance.js";
import { ConsumerInstanceStore, type ConsumerInstanceDefinition } from "./consumer-instance-store.js";
import { V2RecordsBody } from "./embedded-format.js";

/** A v2 consumer instance: it reads records in its embedded format. */
/** A v2 instance: its reads answer the `GET records` body, written in its embedded format. */
export type RestConsumerInstance = ConsumerInstance<Buffer>;

/** What `POST /consumers/{group}` asks for, already validated. */
export type NewConsumerInstance = Pick<ConsumerInstanceDefinition, "format" | "autoOffsetReset" | "autoCommitEnable"> & { name: string | null };

export const consumerNotFound = (): RestError => new RestError(404, 40403, "Consumer instance not found.");

/**
 * The v2 consumer instances this node serves. Each instance is also a row in the metadata database: a request for
 * an instance this process does not hold (after a restart, or on another node behind a load balancer) rebuilds it
 * from its row, rejoining its group with its subscription and resuming from the group's committed offsets.
 * Instances idle for `consumer.instance.timeout.ms` are deleted and leave their group.
 */
@Injectable()
export class ConsumerInstancesService implements OnModuleDestroy {
  private readonly logger = new Logger("ConsumerInstances");
  private readonly instances = new Map<string, RestConsumerInstance>();
  private readonly loading = new Map<string, Promise<RestConsumerInstance | null>>();
  /** Instances this node is expiring: not rebuilt from their row meanwhile (that would bring them back). */
  private readonly expiring = new Set<string>();
  private readonly store: ConsumerInstanceStore;
  private readonly notifier: AppendNotifier;
  private readonly settings: ConsumerSettings;
  private readonly timer: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    engine: Engine,
    private readonly broker: Broker,
    private readonly coordinator: GroupCoordinator,
  ) {
    this.store = ConsumerInstanceStore.open(engine.database);
    this.notifier = new AppendNotifier(broker);
    this.settings = readConsumerSettings();
    this.timer = setInterval(() => void this.sweep(), this.settings.sweepIntervalMs).unref();
  }

  get instanceTimeoutMs(): number {
    return this.settings.instanceTimeoutMs;
  }

  /** Creates an instance; 40902 when the group already has one of this name. */
  async create(groupId: string, request: NewConsumerInstance, clientHost: string): Promise<RestConsumerInstance> {
    const name = request.name ?? `rest-consumer-${randomUUID()}`;
    if (this.instances.has(id(groupId, name))) throw alreadyExists();
    const now = Date.now();
    const definition: ConsumerInstanceDefinition = {
      groupId,
      name,
      format: request.format,
      autoOffsetReset: request.autoOffsetReset,
      autoCommitEnable: request.autoCommitEnable,
      topics: null,
      topicPattern: null,
      assignments: null,
      memberId: null,
      createdAt: now,
      lastUsedAt: now,
    };
    if (!(await this.store.create(definition))) {
      const existing = await this.store.find(groupId, name);
      if (existing && !this.isRowExpired(existing.lastUsedAt)) throw alreadyExists();
      // An expired leftover (its node died before sweeping it): take its place.
      await this.store.delete(groupId, name);
      if (!(await this.store.create(definition))) throw alreadyExists();
    }
    return this.hold(definition, clientHost);
  }

  /** The instance, held here or rebuilt from the database; 40403 when it does not exist (or expired). */
  async get(groupId: string, name: string, clientHost: string): Promise<RestConsumerInstance> {
    const key = id(groupId, name);
    let instance: RestConsumerInstance | null = this.instances.get(key) ?? null;
    if (!instance) {
      let loading = this.loading.get(key);
      if (!loading) {
        loading = this.load(groupId, name, clientHost).finally(() => this.loading.delete(key));
        this.loading.set(key, loading);
      }
      instance = await loading;
    }
    if (!instance) throw consumerNotFound();
    this.touch(instance);
    return instance;
  }

  /** Deletes an instance: commits (with auto-commit), leaves the group, forgets the row. */
  async delete(groupId: string, name: string, clientHost: string): Promise<void> {
    const instance = await this.get(groupId, name, clientHost);
    this.instances.delete(id(groupId, name));
    await instance.close();
    await this.store.delete(groupId, name);
  }

  /** Every instance held by this node (the WebSocket and the console do not need them; tests and metrics do). */
  held(): RestConsumerInstance[] {
    return [...this.instances.values()];
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    // Instances stay in the database: another node, or this one restarted, serves them on.
    for (const instance of this.instances.values()) await instance.close();
    this.instances.clear();
    this.notifier.close();
    await this.store.close();
  }

  private async load(groupId: string, name: string, clientHost: string): Promise<RestConsumerInstance | null> {
    if (this.expiring.has(id(groupId, name))) return null;
    const definition = await this.store.find(groupId, name);
    if (!definition) return null;
    if (this.isRowExpired(definition.lastUsedAt)) {
      await this.store.delete(groupId, name);
      return null;
    }
    const existing = this.instances.get(id(groupId, name));
    if (existing) return existing;
    this.logger.log(`Serving consumer instance ${name} of group ${groupId} from the metadata database`);
    return this.hold(definition, clientHost);
  }

  private hold(definition: ConsumerInstanceDefinition, clientHost: string): RestConsumerInstance {
    const { groupId, name } = definition;
    const instance = new ConsumerInstance(this.broker, this.coordinator, this.notifier, definition, {
      clientHost,
      newSink: () => new V2RecordsBody(definition.format),
      sessionTimeoutMs: this.settings.sessionTimeoutMs,
      persist: (changes) => {
        this.store.update(groupId, name, changes).catch((error: Error) => this.logger.warn(`Saving consumer instance ${name} of group ${groupId} failed: ${error.message}`));
      },
    });
    this.instances.set(id(groupId, name), instance);
    return instance;
  }

  /** Marks a use; the database learns of it at most every tenth of the timeout, so reads stay off the database. */
  private touch(instance: RestConsumerInstance): void {
    const now = Date.now();
    const persistedAt = instance.definition.lastUsedAt;
    instance.lastUsedAt = now;
    if (now - persistedAt >= this.settings.instanceTimeoutMs / 10) {
      instance.definition.lastUsedAt = now;
      void this.store.update(instance.groupId, instance.name, { lastUsedAt: now }).catch(() => undefined);
    }
  }

  private isExpired(lastUsedAt: number): boolean {
    return Date.now() - lastUsedAt > this.settings.instanceTimeoutMs;
  }

  /** A row's last use is written lazily (see `touch`), so rows get that much grace before they count as expired. */
  private get rowTimeoutMs(): number {
    return this.settings.instanceTimeoutMs + this.settings.instanceTimeoutMs / 10 + this.settings.sweepIntervalMs;
  }

  private isRowExpired(lastUsedAt: number): boolean {
    return Date.now() - lastUsedAt > this.rowTimeoutMs;
  }

  /** Auto-commits every instance, expires the idle ones here and any idle row left by a node that is gone. */
  private async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const [key, instance] of [...this.instances]) {
        if (this.isExpired(instance.lastUsedAt)) {
          this.expiring.add(key);
          this.instances.delete(key);
          this.logger.log(`Consumer instance ${instance.name} of group ${instance.groupId} expired after ${this.settings.instanceTimeoutMs} ms idle`);
          try {
            // The row goes before the instance leaves its group, so that no request in between rebuilds it.
            const row = await this.store.find(instance.groupId, instance.name);
            // Another node may be serving it now: keep a row that someone used after this node last did.
            if (row && row.lastUsedAt <= instance.definition.lastUsedAt) await this.store.delete(instance.groupId, instance.name);
            await instance.close();
          } finally {
            this.expiring.delete(key);
          }
        } else {
          await instance.autoCommit();
        }
      }
      const held = new Set(this.instances.keys());
      const idle = await this.store.idleSince(Date.now() - this.rowTimeoutMs);
      for (const row of idle) if (!held.has(id(row.groupId, row.name))) await this.store.delete(row.groupId, row.name);
    } catch (error) {
      this.logger.warn(`Sweeping consumer instances failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }
}

function id(groupId: string, name: string): string {
  return `${groupId}\0${name}`;
}

function alreadyExists(): RestError {
  return new RestError(409, 40902, "Consumer with specified consumer ID already exists in the specified consumer group.");
}
