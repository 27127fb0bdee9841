/** How the engine tells file-system errors apart: which mean "no space", which are the process's own limits. */

/** The errno code of a Node file-system error (`ENOSPC`, `EIO`, …), or undefined for other errors. */
export function errorCode(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** No space (or quota) left on the device: the write did not happen, or only partly. */
export function isNoSpaceError(err: unknown): boolean {
  const code = errorCode(err);
  return code === "ENOSPC" || code === "EDQUOT";
}

/** Too many open files, in the process or the system: a limit of the process, not a fault of the disk. */
export function isResourceLimitError(err: unknown): boolean {
  const code = errorCode(err);
  return code === "EMFILE" || code === "ENFILE";
}

/** A file or directory that is missing or of the wrong kind: a fault of that partition's files, not of the disk. */
export function isMissingFileError(err: unknown): boolean {
  const code = errorCode(err);
  return code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR";
}
