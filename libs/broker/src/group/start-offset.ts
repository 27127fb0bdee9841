import type { Broker } from "../broker.js";
import { InvalidRequestError, OffsetOutOfRangeError } from "../errors.js";

/** A consumer's `auto.offset.reset`. */
export type AutoOffsetReset = "latest" | "earliest" | "none";

/**
 * Kafka's client-side NoOffsetForPartitionException: a partition has no committed offset and `auto.offset.reset`
 * is `none`. Carries INVALID_REQUEST's code for the edges, since Kafka has no wire code for it.
 */
export class NoOffsetForPartitionError extends InvalidRequestError {
  constructor(readonly topic: string, readonly partition: number) {
    super(`Undefined offset with no reset policy for partitions: [${topic}-${partition}]`);
  }
}

/**
 * Where a consumer starts reading a partition: its committed offset while that is still in the log, otherwise where
 * `auto.offset.reset` says (earliest: the log start, latest: the high watermark, none: an error).
 */
export function resolveStartOffset(
  broker: Pick<Broker, "partitionOffsets">,
  topic: string,
  partition: number,
  committed: number | undefined,
  autoOffsetReset: AutoOffsetReset,
): number {
  const { logStartOffset, highWatermark } = broker.partitionOffsets(topic, partition);
  const known = committed !== undefined && committed >= 0;
  if (known && committed >= logStartOffset && committed <= highWatermark) return committed;
  switch (autoOffsetReset) {
    case "earliest":
      return logStartOffset;
    case "latest":
      return highWatermark;
    case "none":
      if (!known) throw new NoOffsetForPartitionError(topic, partition);
      throw new OffsetOutOfRangeError(
        `Fetch position ${committed} is out of range for partition ${topic}-${partition} (log start ${logStartOffset}, high watermark ${highWatermark}) and auto.offset.reset is none.`,
      );
    default:
      throw new InvalidRequestError(`Invalid value ${String(autoOffsetReset)} for auto.offset.reset: use latest, earliest or none.`);
  }
}
