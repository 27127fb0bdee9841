/** The shape of records as producers send them and as the log returns them. */

export type TimestampType = "CreateTime" | "LogAppendTime";

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

/** A record before the log has given it an offset. */
export interface RecordInput {
  key?: Buffer | null;
  value?: Buffer | null;
  headers?: RecordHeader[];
  /** Epoch milliseconds; the append time when absent. */
  timestamp?: number;
}

/** A record read back from a partition log. */
export interface LogRecord {
  offset: number;
  timestamp: number;
  timestampType: TimestampType;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}
