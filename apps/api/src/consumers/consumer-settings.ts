/** The REST Proxy's consumer settings the service honours, from the environment. */
export interface ConsumerSettings {
  /** `consumer.instance.timeout.ms` (SKEIN_CONSUMER_INSTANCE_TIMEOUT_MS): idle instances are deleted after it. Default 300000. */
  instanceTimeoutMs: number;
  /** How often idle instances are looked for and auto-commits written: a quarter of the timeout, at most 5 s. */
  sweepIntervalMs: number;
  /** The group session timeout of instances (SKEIN_CONSUMER_SESSION_TIMEOUT_MS). Default 10000. */
  sessionTimeoutMs: number;
}

/** `consumer.request.timeout.ms`: how long `GET records` waits for records when the request gives no timeout. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 1000;
/** `consumer.request.max.bytes`: the most key and value bytes one `GET records` returns. */
export const DEFAULT_REQUEST_MAX_BYTES = 64 * 1024 * 1024;

export function readConsumerSettings(env: NodeJS.ProcessEnv = process.env): ConsumerSettings {
  const instanceTimeoutMs = positiveInt(env, "SKEIN_CONSUMER_INSTANCE_TIMEOUT_MS", 300_000);
  return {
    instanceTimeoutMs,
    sweepIntervalMs: Math.max(50, Math.min(5000, Math.floor(instanceTimeoutMs / 4))),
    sessionTimeoutMs: positiveInt(env, "SKEIN_CONSUMER_SESSION_TIMEOUT_MS", 10_000),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer of milliseconds, got "${raw}"`);
  return value;
}
