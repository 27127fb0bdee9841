import { join } from "node:path";

/** File names of a log directory, as Kafka names them. */
export const LOG_SUFFIX = ".log";
export const INDEX_SUFFIX = ".index";
export const TIME_INDEX_SUFFIX = ".timeindex";
export const TXN_INDEX_SUFFIX = ".txnindex";
export const CLEANED_SUFFIX = ".cleaned";
export const SWAP_SUFFIX = ".swap";
export const DELETED_SUFFIX = ".deleted";

/** A base offset as the 20-digit zero-padded file name stem Kafka uses. */
export function offsetFileStem(offset: number): string {
  return String(offset).padStart(20, "0");
}

export function segmentFilePaths(dir: string, baseOffset: number, suffix = "") {
  const stem = join(dir, offsetFileStem(baseOffset));
  return {
    log: stem + LOG_SUFFIX + suffix,
    index: stem + INDEX_SUFFIX + suffix,
    timeIndex: stem + TIME_INDEX_SUFFIX + suffix,
    txnIndex: stem + TXN_INDEX_SUFFIX + suffix,
  };
}

/** The base offset named by a segment file (`00000000000000000042.log` → 42), or undefined for other files. */
export function parseSegmentBaseOffset(fileName: string, suffix = LOG_SUFFIX): number | undefined {
  const match = /^(\d{20})(\..+)$/.exec(fileName);
  if (!match || match[2] !== suffix) return undefined;
  return Number(match[1]);
}
