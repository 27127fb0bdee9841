import type { RecordView } from "@skein/broker";

/**
 * Where a consumer's read puts its records: an answer written record by record as the batches are walked (a v2
 * `GET records` body, a WebSocket `records` frame), so that no object per record is made on the way.
 */
export interface RecordSink<A> {
  /**
   * Adds one record (`record` is valid only during the call). Throws a RestError, having added nothing, for a record
   * it cannot represent: the read then ends before that record.
   */
  add(topic: string, partition: number, record: RecordView): void;
  /** Records added so far. */
  readonly count: number;
  /** The answer, once every record was added. */
  finish(): A;
}
