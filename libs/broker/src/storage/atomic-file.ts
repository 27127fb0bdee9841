import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";

/**
 * Writes `data` to `path` as Kafka writes its checkpoint files: to `path.tmp`, fsynced (unless `sync` is false), then
 * renamed over `path`, so a crash leaves the old file or the new one, never a torn one. The temporary file goes when
 * the write fails.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array, options: { sync?: boolean; mode?: number } = {}): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w", options.mode ?? 0o666);
  try {
    const bytes = typeof data === "string" ? Buffer.from(data) : data;
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    if (options.sync ?? true) fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
}
