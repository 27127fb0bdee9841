import { formatColumns, MISSING } from "./table.js";

/** One row of `consumer-groups --describe`: a partition of the group, with its committed offset and owner. */
export interface GroupOffsetRow {
  group: string;
  topic: string;
  partition: number;
  currentOffset: number | null;
  logEndOffset: number | null;
  lag: number | null;
  consumerId: string | null;
  host: string | null;
  clientId: string | null;
}

export interface GroupMemberRow {
  group: string;
  consumerId: string;
  host: string | null;
  clientId: string;
  partitions: number;
}

export interface GroupStateRow {
  group: string;
  coordinator: string;
  assignmentStrategy: string;
  state: string;
  members: number;
}

export interface ResetPlanRow {
  group: string;
  topic: string;
  partition: number;
  newOffset: number;
}

const text = (value: string | number | null): string => (value === null || value === "" ? MISSING : String(value));

/** Kafka's offsets table: GROUP TOPIC PARTITION CURRENT-OFFSET LOG-END-OFFSET LAG CONSUMER-ID HOST CLIENT-ID. */
export function formatGroupOffsets(rows: readonly GroupOffsetRow[]): string {
  const header = ["GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"];
  const cells = rows.map((r) => [
    r.group,
    r.topic,
    String(r.partition),
    text(r.currentOffset),
    text(r.logEndOffset),
    text(r.lag),
    text(r.consumerId),
    text(r.host),
    text(r.clientId),
  ]);
  const auto = { min: 15 };
  return "\n" + formatColumns([header, ...cells], [auto, auto, 10, 15, 15, 15, auto, auto, 0]) + "\n";
}

/** Kafka's `--members` table: GROUP CONSUMER-ID HOST CLIENT-ID #PARTITIONS. */
export function formatGroupMembers(rows: readonly GroupMemberRow[]): string {
  const header = ["GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"];
  const cells = rows.map((r) => [r.group, r.consumerId, text(r.host), r.clientId, String(r.partitions)]);
  const auto = { min: 15 };
  return "\n" + formatColumns([header, ...cells], [auto, auto, auto, auto, 0]) + "\n";
}

/** Kafka's `--state` table: GROUP COORDINATOR (ID) ASSIGNMENT-STRATEGY STATE #MEMBERS. */
export function formatGroupState(row: GroupStateRow): string {
  const header = ["GROUP", "COORDINATOR (ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"];
  const cells = [row.group, row.coordinator, text(row.assignmentStrategy), row.state, String(row.members)];
  return "\n" + formatColumns([header, cells], [{ min: 15 }, { min: 25 }, 20, 15, 0]) + "\n";
}

/** Kafka's reset plan: GROUP TOPIC PARTITION NEW-OFFSET, fixed widths. */
export function formatResetPlan(rows: readonly ResetPlanRow[]): string {
  const header = ["GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"];
  const cells = rows.map((r) => [r.group, r.topic, String(r.partition), String(r.newOffset)]);
  return "\n" + formatColumns([header, ...cells], [30, 30, 10, 15]) + "\n";
}

/** Kafka's spelling of a group state (`Stable`, `PreparingRebalance`) from v3's (`STABLE`, `PREPARING_REBALANCE`). */
export function kafkaGroupState(state: string): string {
  return state
    .toLowerCase()
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
}
