import type { ParsedOptions } from "./parser.js";
import type { OffsetResetRequest, ResetStrategy } from "../client/groups-api.js";
import { UsageError } from "../errors.js";

const STRATEGIES: ResetStrategy[] = ["to-earliest", "to-latest", "to-current", "to-offset", "shift-by", "to-datetime", "by-duration"];

/** ISO-8601 durations as Kafka's --by-duration takes them: PnDTnHnM (seconds allowed). */
const DURATION = /^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Parses `--topic T` or `--topic T:0,1` into a reset scope entry. */
export function parseTopicScope(text: string): { topic_name: string; partitions?: number[] } {
  const colon = text.indexOf(":");
  if (colon === -1) return { topic_name: text };
  const topic = text.slice(0, colon);
  const partitions = text
    .slice(colon + 1)
    .split(",")
    .map((p) => p.trim());
  if (!topic || partitions.some((p) => !/^\d+$/.test(p))) throw new UsageError(`Invalid --topic '${text}': expected topic or topic:partition,partition`);
  return { topic_name: topic, partitions: partitions.map(Number) };
}

/** A Kafka date-time (`2026-11-25T10:00:00.000`, local time unless it names a zone) as an ISO instant. */
export function parseDateTime(text: string): string {
  const date = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(date.getTime())) {
    throw new UsageError(`Invalid --to-datetime '${text}': expected YYYY-MM-DDTHH:mm:SS.sss, optionally with a zone`);
  }
  return date.toISOString();
}

/** Reads --reset-offsets' strategy, scope and --dry-run/--execute into Skein's offsets:reset request. */
export function resetRequest(options: ParsedOptions): OffsetResetRequest {
  const given = STRATEGIES.filter((s) => options.has(s));
  if (given.length !== 1) throw new UsageError(`--reset-offsets needs exactly one of ${STRATEGIES.map((s) => `--${s}`).join(", ")}`);
  const strategy = given[0]!;
  if (options.has("all-topics") === options.has("topic")) throw new UsageError("--reset-offsets needs one of --all-topics or --topic");
  if (options.has("dry-run") && options.has("execute")) throw new UsageError("--dry-run and --execute cannot be used together");
  const request: OffsetResetRequest = { strategy, dry_run: !options.has("execute") };
  if (strategy === "to-offset") request.value = options.integer("to-offset", { min: 0 })!;
  if (strategy === "shift-by") request.value = options.integer("shift-by")!;
  if (strategy === "to-datetime") request.value = parseDateTime(options.value("to-datetime")!);
  if (strategy === "by-duration") {
    const duration = options.value("by-duration")!.toUpperCase();
    if (!DURATION.test(duration)) throw new UsageError(`Invalid --by-duration '${options.value("by-duration")}': expected PnDTnHnM, for example PT1H or P1DT2H30M`);
    request.value = duration;
  }
  if (options.has("topic")) request.topics = options.values("topic").map(parseTopicScope);
  return request;
}
