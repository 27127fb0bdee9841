import type { PartitionAssignor } from "./assignor.js";
import { RangeAssignor } from "./range-assignor.js";
import { RoundRobinAssignor } from "./round-robin-assignor.js";
import { StickyAssignor } from "./sticky-assignor.js";

export type { AssignorMember, PartitionAssignor, TopicPartition } from "./assignor.js";
export { RangeAssignor, RoundRobinAssignor, StickyAssignor };

/** The assignors the coordinator can run itself, by protocol name. */
export type ServerAssignorName = "range" | "roundrobin" | "sticky";

export const DEFAULT_ASSIGNOR: ServerAssignorName = "range";

const ASSIGNORS: ReadonlyMap<string, PartitionAssignor> = new Map<string, PartitionAssignor>(
  [new RangeAssignor(), new RoundRobinAssignor(), new StickyAssignor()].map((a) => [a.name, a]),
);

/** The server-side assignor with this protocol name, if there is one. */
export function serverAssignor(name: string): PartitionAssignor | undefined {
  return ASSIGNORS.get(name);
}

export function isServerAssignorName(name: string): name is ServerAssignorName {
  return ASSIGNORS.has(name);
}
