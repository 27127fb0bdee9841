import type { Broker } from "../broker.js";
import { systemClock, type Clock } from "../clock.js";
import { InvalidRequestError, NonEmptyGroupError } from "../errors.js";
import { compareStrings } from "./assignors/assignor.js";
import type { GroupCoordinator } from "./group-coordinator.js";
import { parseIsoDateTime, parseIsoDuration } from "./iso-time.js";

/** The scenarios of `kafka-consumer-groups --reset-offsets`. */
export type OffsetResetStrategy =
  | { type: "to-earliest" }
  | { type: "to-latest" }
  | { type: "to-current" }
  | { type: "to-offset"; offset: number }
  | { type: "shift-by"; shift: number }
  | { type: "to-datetime"; datetime: string }
  | { type: "by-duration"; duration: string };

export interface OffsetResetRequest {
  groupId: string;
  strategy: OffsetResetStrategy;
  /** `--topic t` (all its partitions) or `--topic t:0,2`; omitted: `--all-topics` (every topic the group committed). */
  topics?: { topic: string; partitions?: number[] }[];
  /** Only compute the plan (the tool's default); `false` is `--execute`. */
  dryRun?: boolean;
}

export interface OffsetResetPlanEntry {
  topic: string;
  partition: number;
  /** The committed offset before the reset; null when there is none. */
  currentOffset: number | null;
  newOffset: number;
}

type OffsetsBroker = Pick<Broker, "partitionOffsets" | "offsetForTimestamp" | "describeTopic">;

/**
 * `kafka-consumer-groups --reset-offsets`: computes the new offset of every chosen partition (clamped to the log
 * like the tool does) and, unless a dry run, commits them. Executing is refused while the group is active, with the
 * tool's message. (The tool refuses dry runs of active groups too; the plan is harmless, so Skein shows it.)
 */
export async function resetOffsets(
  broker: OffsetsBroker,
  coordinator: GroupCoordinator,
  request: OffsetResetRequest,
  options: { clock?: Clock } = {},
): Promise<OffsetResetPlanEntry[]> {
  const { groupId } = request;
  const dryRun = request.dryRun ?? true;
  const state = coordinator.groupState(groupId);
  if (!dryRun && state !== "Empty" && state !== "Dead") {
    throw new NonEmptyGroupError(`Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${state}.`);
  }
  const plan = await planOffsetReset(broker, coordinator, request, options.clock ?? systemClock);
  if (dryRun || plan.length === 0) return plan;
  const results = await coordinator.commitOffsets({
    groupId,
    generationId: -1,
    memberId: "",
    offsets: plan.map((e) => ({ topic: e.topic, partition: e.partition, offset: e.newOffset })),
  });
  const failed = results.find((r) => r.error !== null);
  if (failed) throw failed.error!;
  return plan;
}

async function planOffsetReset(broker: OffsetsBroker, coordinator: GroupCoordinator, request: OffsetResetRequest, clock: Clock): Promise<OffsetResetPlanEntry[]> {
  const committed = new Map(coordinator.committedOffsets(request.groupId).map((c) => [`${c.partition}:${c.topic}`, c.offset]));
  const current = (topic: string, partition: number) => committed.get(`${partition}:${topic}`) ?? null;
  const partitions = partitionsToReset(broker, coordinator, request);
  const { strategy } = request;
  const timestamp =
    strategy.type === "to-datetime" ? parseIsoDateTime(strategy.datetime) : strategy.type === "by-duration" ? clock.now() - parseIsoDuration(strategy.duration) : undefined;

  const plan: OffsetResetPlanEntry[] = [];
  for (const { topic, partition } of partitions) {
    const { logStartOffset, highWatermark } = broker.partitionOffsets(topic, partition);
    const clamp = (offset: number) => Math.min(Math.max(offset, logStartOffset), highWatermark);
    const currentOffset = current(topic, partition);
    let newOffset: number;
    switch (strategy.type) {
      case "to-earliest":
        newOffset = logStartOffset;
        break;
      case "to-latest":
        newOffset = highWatermark;
        break;
      case "to-current":
        newOffset = currentOffset ?? highWatermark;
        break;
      case "to-offset":
        newOffset = clamp(requireInteger(strategy.offset, "to-offset"));
        break;
      case "shift-by":
        if (currentOffset === null) {
          throw new InvalidRequestError(`Cannot shift offset for partition ${topic}-${partition} since there is no current committed offset`);
        }
        newOffset = clamp(currentOffset + requireInteger(strategy.shift, "shift-by"));
        break;
      case "to-datetime":
      case "by-duration":
        newOffset = (await broker.offsetForTimestamp(topic, partition, Math.max(timestamp!, 0)))?.offset ?? highWatermark;
        break;
      default:
        throw new InvalidRequestError(`Unknown reset strategy ${(strategy as { type: string }).type}.`);
    }
    plan.push({ topic, partition, currentOffset, newOffset });
  }
  return plan;
}

/** `--all-topics` (the group's committed partitions), `--topic t` (every partition) or `--topic t:0,1`. */
function partitionsToReset(broker: OffsetsBroker, coordinator: GroupCoordinator, request: OffsetResetRequest): { topic: string; partition: number }[] {
  if (!request.topics) return coordinator.committedOffsets(request.groupId).map(({ topic, partition }) => ({ topic, partition }));
  const chosen = new Map<string, { topic: string; partition: number }>();
  for (const { topic, partitions } of request.topics) {
    const count = broker.describeTopic(topic).partitions.length;
    for (const partition of partitions ?? Array.from({ length: count }, (_, p) => p)) {
      broker.partitionOffsets(topic, partition);
      chosen.set(`${partition}:${topic}`, { topic, partition });
    }
  }
  return [...chosen.values()].sort((a, b) => compareStrings(a.topic, b.topic) || a.partition - b.partition);
}

function requireInteger(value: number, option: string): number {
  if (!Number.isSafeInteger(value)) throw new InvalidRequestError(`--${option} needs an integer, got ${value}.`);
  return value;
}
