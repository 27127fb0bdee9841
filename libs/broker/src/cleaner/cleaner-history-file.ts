import { readFileSync } from "node:fs";
import type { LogCleanerState, LogCleaningRun } from "./log-cleaner-manager.js";
import { writeFileAtomically } from "../storage/atomic-file.js";

/** Skein's file, beside Kafka's `cleaner-offset-checkpoint`, of what the cleaner did to each compacted partition. */
export const CLEANER_HISTORY_FILE = "skein-cleaner-history.json";

/** What is kept of one partition across restarts: its last pass and its running totals. */
export interface PartitionCleaningHistory {
  lastRun: LogCleaningRun | null;
  totals: LogCleanerState["totals"];
}

const VERSION = 1;

/**
 * The cleaner's history per partition directory (`bank-account-0`), so "why was this compacted, and what did it
 * remove" survives a restart. JSON, written to a temporary file, fsynced and renamed like Kafka's checkpoint files.
 */
export class CleanerHistoryFile {
  constructor(readonly path: string) {}

  /** The history by partition directory; empty when the file is missing. Throws on an unreadable file. */
  read(): Map<string, PartitionCleaningHistory> {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return new Map();
      throw err;
    }
    const parsed = JSON.parse(text) as { version?: unknown; partitions?: unknown };
    if (parsed.version !== VERSION || typeof parsed.partitions !== "object" || parsed.partitions === null) {
      throw new Error(`${this.path} is not a version ${VERSION} cleaner history`);
    }
    const history = new Map<string, PartitionCleaningHistory>();
    for (const [name, entry] of Object.entries(parsed.partitions as Record<string, PartitionCleaningHistory>)) {
      if (typeof entry?.totals?.runs !== "number") throw new Error(`${this.path}: the entry of ${name} has no totals`);
      history.set(name, { lastRun: entry.lastRun ?? null, totals: entry.totals });
    }
    return history;
  }

  write(history: ReadonlyMap<string, PartitionCleaningHistory>): void {
    const text = JSON.stringify({ version: VERSION, partitions: Object.fromEntries(history) });
    writeFileAtomically(this.path, text);
  }
}
