import type { OffsetResetRequest, OffsetResetStrategy } from "@skein/broker";
import { RestError } from "../errors/rest-error.js";

const invalid = (message: string) => new RestError(400, 40002, message);

/**
 * `POST .../offsets:reset`: `{"strategy", "value", "topics": [{"topic_name", "partitions"}], "dry_run"}` as the
 * engine's reset request. `dry_run` defaults to true, like the tool without `--execute`.
 */
export function parseOffsetReset(groupId: string, body: unknown): OffsetResetRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid("The reset request must be a JSON object with a strategy.");
  const b = body as Record<string, unknown>;
  const dryRun = b.dry_run === undefined ? true : b.dry_run;
  if (typeof dryRun !== "boolean") throw invalid("dry_run must be true or false.");
  const request: OffsetResetRequest = { groupId, strategy: strategyOf(b.strategy, b.value), dryRun };
  if (b.topics !== undefined && b.topics !== null) {
    if (!Array.isArray(b.topics)) throw invalid("topics must be a list of {topic_name, partitions}.");
    request.topics = b.topics.map((entry, i) => {
      const t = entry as Record<string, unknown>;
      if (typeof t?.topic_name !== "string" || t.topic_name === "") throw invalid(`topics[${i}].topic_name must be a topic name.`);
      if (t.partitions === undefined || t.partitions === null) return { topic: t.topic_name };
      if (!Array.isArray(t.partitions) || !t.partitions.every((p) => Number.isInteger(p) && p >= 0)) {
        throw invalid(`topics[${i}].partitions must be a list of partition ids.`);
      }
      return { topic: t.topic_name, partitions: t.partitions as number[] };
    });
  }
  return request;
}

function strategyOf(strategy: unknown, value: unknown): OffsetResetStrategy {
  const integer = (name: string): number => {
    if (!Number.isSafeInteger(value)) throw invalid(`The ${name} strategy needs an integer value.`);
    return value as number;
  };
  const text = (name: string): string => {
    if (typeof value !== "string" || value === "") throw invalid(`The ${name} strategy needs a string value (ISO-8601).`);
    return value;
  };
  switch (strategy) {
    case "to-earliest":
    case "to-latest":
    case "to-current":
      return { type: strategy };
    case "to-offset":
      return { type: strategy, offset: integer(strategy) };
    case "shift-by":
      return { type: strategy, shift: integer(strategy) };
    case "to-datetime":
      return { type: strategy, datetime: text(strategy) };
    case "by-duration":
      return { type: strategy, duration: text(strategy) };
    default:
      throw invalid(`Unknown strategy ${JSON.stringify(strategy)}: use to-earliest, to-latest, to-current, to-offset, shift-by, to-datetime or by-duration.`);
  }
}
