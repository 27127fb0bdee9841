/** A start-up setting that is wrong (a bad flag, an unreadable or invalid server.properties): reported in one line, no stack. */
export class StartupConfigError extends Error {
  override readonly name = "StartupConfigError";
}
