import { readFileSync } from "node:fs";
import { UsageError } from "../errors.js";

/** A user's password or an API key's id and secret, sent as HTTP Basic. */
export interface Credentials {
  user: string;
  password: string;
}

/**
 * The credentials `skein` sends: `--command-config FILE` (a Kafka client properties file: its `sasl.jaas.config`
 * `username`/`password`, so the file Kafka's tools use works as is, or the REST Proxy clients' `basic.auth.user.info`
 * `user:password`), else SKEIN_USER and SKEIN_PASSWORD; none when neither is given.
 * @throws UsageError for an unreadable file or one without credentials
 */
export function resolveCredentials(commandConfig: string | undefined, env: NodeJS.ProcessEnv): Credentials | undefined {
  if (commandConfig !== undefined) return credentialsFromFile(commandConfig);
  const user = env.SKEIN_USER?.trim();
  const password = env.SKEIN_PASSWORD;
  if (!user && password === undefined) return undefined;
  if (!user || password === undefined) throw new UsageError("SKEIN_USER and SKEIN_PASSWORD go together: set both, or neither");
  return { user, password };
}

/** The `Authorization` header for `credentials`. */
export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`, "utf8").toString("base64")}`;
}

function credentialsFromFile(file: string): Credentials {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`--command-config: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const properties = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const at = line.search(/[=:]/);
    if (at > 0) properties.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  const userInfo = properties.get("basic.auth.user.info");
  if (userInfo !== undefined) {
    const colon = userInfo.indexOf(":");
    if (colon <= 0) throw new UsageError(`--command-config: basic.auth.user.info in ${file} must be user:password`);
    return { user: userInfo.slice(0, colon), password: userInfo.slice(colon + 1) };
  }
  const jaas = properties.get("sasl.jaas.config");
  if (jaas !== undefined) {
    const user = /\busername\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
    const password = /\bpassword\s*=\s*"([^"]*)"/.exec(jaas)?.[1];
    if (user && password !== undefined) return { user, password };
    throw new UsageError(`--command-config: sasl.jaas.config in ${file} needs username="..." and password="..."`);
  }
  throw new UsageError(`--command-config: ${file} has no credentials (sasl.jaas.config with username and password, or basic.auth.user.info=user:password)`);
}
