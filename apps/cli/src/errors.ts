/** A mistake in the command line: reported in one line, exit code 2 like a usage error. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A failure the user should read as one line (the server refused, a topic is missing): exit code 1. */
export class CommandError extends Error {
  override readonly name = "CommandError";
}
