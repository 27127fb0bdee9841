import { CorruptRecordError, InvalidRecordError, MessageTooLargeError, UnsupportedForMessageFormatError } from "../errors.js";
import type { LogSettings } from "./log-settings.js";
import type { PreparedAppend } from "./log.js";
import { LOG_OVERHEAD, MAGIC_V2, isControlBatch, setLogAppendTime, validateBatch } from "./record-batch.js";

/**
 * The record batches of one partition of a Produce request, checked and made ready for `Log.commitAppend` without
 * decoding them: whole batches only, magic 2, a matching CRC, no control batches from clients, each within
 * `max.message.bytes`. The log assigns offsets by rewriting each batch's base offset in place.
 */
export function prepareClientBatches(records: Buffer, settings: LogSettings, name: string, now: number): PreparedAppend {
  const batches: PreparedAppend["batches"][number][] = [];
  let recordCount = 0;
  let pos = 0;
  while (pos < records.length) {
    if (records.length - pos < LOG_OVERHEAD + 5) throw new CorruptRecordError(`The produce request to ${name} ends with ${records.length - pos} byte(s) that are not a record batch.`);
    const magic = records.readInt8(pos + 16);
    if (magic !== MAGIC_V2) throw new UnsupportedForMessageFormatError(`Produce requests to ${name} must use message format v2 (magic 2), not magic ${magic}.`);
    const header = validateBatch(records, pos, records.length);
    if (typeof header === "string") throw new CorruptRecordError(`A record batch produced to ${name} is corrupt: ${header}.`);
    const size = LOG_OVERHEAD + header.batchLength;
    if (size > settings.maxMessageBytes) {
      throw new MessageTooLargeError(`The record batch size in the append to ${name} is ${size} bytes which exceeds the maximum configured value of ${settings.maxMessageBytes} (max.message.bytes).`);
    }
    if (isControlBatch(header.attributes)) throw new InvalidRecordError(`Clients may not produce control batches (to ${name}).`);
    if (header.recordCount !== header.lastOffsetDelta + 1 || header.recordCount <= 0) {
      throw new InvalidRecordError(`A record batch produced to ${name} claims ${header.recordCount} record(s) but its last offset delta is ${header.lastOffsetDelta}.`);
    }
    const data = records.subarray(pos, pos + size);
    if (settings.messageTimestampType === "LogAppendTime") setLogAppendTime(data, 0, now);
    batches.push({ data, count: header.recordCount, maxTimestamp: settings.messageTimestampType === "LogAppendTime" ? now : header.maxTimestamp });
    recordCount += header.recordCount;
    pos += size;
  }
  if (batches.length === 0) throw new InvalidRecordError(`A produce request to ${name} carried no record batch.`);
  return { batches, recordCount, now };
}
