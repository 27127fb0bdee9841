import type { MetadataClient } from "../metadata/prisma-client.js";

/** The tables whose changes other nodes sharing the database must notice. */
export type SecurityTable = "acls" | "client_quotas";

/**
 * Notices changes other processes made to the security tables of a shared database (several nodes on one
 * PostgreSQL): every change raises its table's counter in `security_versions` in the same transaction, and this
 * feed polls the counters and calls the table's listeners when one moved past what this process has seen. A change
 * this process made itself is not reported back, unless another change slipped in before it.
 */
export class SecurityChangeFeed {
  private readonly seen = new Map<SecurityTable, number>();
  private readonly listeners = new Map<SecurityTable, Set<() => void>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly prisma: MetadataClient,
    private readonly intervalMs = 2000,
  ) {}

  /** The counters as they are now, taken as seen (call before loading the tables). */
  async start(): Promise<void> {
    for (const row of await this.prisma.securityVersion.findMany()) this.seen.set(row.name as SecurityTable, row.version);
    this.timer = setInterval(() => void this.poll(), this.intervalMs).unref();
  }

  /** Calls `listener` after another process changed `table`; returns a function that stops the calls. */
  watch(table: SecurityTable, listener: () => void): () => void {
    let set = this.listeners.get(table);
    if (set === undefined) this.listeners.set(table, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The operation that raises `table`'s counter: part of every change's transaction. */
  bump(table: SecurityTable) {
    return this.prisma.securityVersion.upsert({ where: { name: table }, create: { name: table, version: 1 }, update: { version: { increment: 1 } } });
  }

  /** This process's change took `table` to `version`: seen, when it directly follows what was seen before. */
  noteOwnChange(table: SecurityTable, version: number): void {
    if ((this.seen.get(table) ?? 0) === version - 1) this.seen.set(table, version);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const row of await this.prisma.securityVersion.findMany()) {
        const table = row.name as SecurityTable;
        if (row.version === this.seen.get(table)) continue;
        this.seen.set(table, row.version);
        for (const listener of this.listeners.get(table) ?? []) listener();
      }
    } catch {
      // The database is away: the next poll tries again, and /readyz reports the database meanwhile.
    } finally {
      this.polling = false;
    }
  }
}
