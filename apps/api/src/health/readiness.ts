import type { LogDirStatus } from "@skein/broker";

/** One check of `/readyz`: `pass`, `warn` (still serving) or `fail`, with what it found. */
export interface ReadinessCheck {
  status: "pass" | "warn" | "fail";
  /** Why it warns or fails; absent when it passes. */
  reason?: string;
  [detail: string]: unknown;
}

/** The answer of `/readyz`. */
export interface ReadinessReport {
  /** `ready`: every check passes (or warns); `degraded`: a check fails, the service serves what it still can. */
  status: "ready" | "degraded";
  /** Whether produces are accepted: the data directory is writable (not full, not failed). */
  writable: boolean;
  checks: {
    engine: ReadinessCheck;
    storage: ReadinessCheck;
    metadata_database: ReadinessCheck;
    broker_registration: ReadinessCheck;
  };
}

/** The `storage` check from the data directory's state: nearly full warns, full or failed fails (writes refused). */
export function storageCheck(status: LogDirStatus, offlinePartitions: number): ReadinessCheck {
  const details = {
    log_dir: status.path,
    state: status.state,
    usable_bytes: status.usableBytes,
    total_bytes: status.totalBytes,
    used_ratio: status.usedRatio,
    nearly_full_ratio: status.nearlyFullRatio,
    offline_partitions: offlinePartitions,
  };
  const percent = `${Math.round(status.usedRatio * 1000) / 10}% used, ${status.usableBytes} bytes usable`;
  switch (status.state) {
    case "full":
      return { status: "fail", reason: `The data directory ${status.path} is full (${percent}): produces are refused until space is freed.`, ...details };
    case "failed":
      return { status: "fail", reason: `The data directory ${status.path} failed: ${status.error ?? "an I/O error"}. Writes are refused until a restart.`, ...details };
    case "nearly-full":
      return { status: "warn", reason: `The data directory ${status.path} is nearly full (${percent}; log.dir.nearly.full.ratio=${status.nearlyFullRatio}).`, ...details };
    default:
      if (offlinePartitions > 0) return { status: "warn", reason: `${offlinePartitions} partition(s) cannot be served (see the log dir's offline_partitions).`, ...details };
      return { status: "pass", ...details };
  }
}
