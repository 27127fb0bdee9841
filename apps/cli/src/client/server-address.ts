import { UsageError } from "../errors.js";

/** Where the CLI talks to when neither --bootstrap-server nor SKEIN_SERVER says. */
export const DEFAULT_SERVER = "http://localhost:8080";

/**
 * The service's base URL from `--bootstrap-server` (an http(s) URL or Kafka's host:port; of a comma-separated list
 * the first), else `SKEIN_SERVER`, else http://localhost:8080.
 */
export function resolveServer(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const given = option?.trim() || env.SKEIN_SERVER?.trim() || DEFAULT_SERVER;
  const first = given.split(",")[0]!.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(first) ? first : `http://${first}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`Invalid server address '${first}': expected an http(s) URL or host:port`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`Invalid server address '${first}': only http and https are supported`);
  }
  return url.toString().replace(/\/+$/, "");
}
