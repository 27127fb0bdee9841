import type { LogSettings } from "../storage/log-settings.js";

/** Kafka's default topic settings, overridable per test. */
export function logSettings(overrides: Partial<LogSettings> = {}): LogSettings {
  return {
    segmentBytes: 1024 * 1024 * 1024,
    segmentMs: 7 * 24 * 3600 * 1000,
    segmentJitterMs: 0,
    segmentIndexBytes: 10 * 1024 * 1024,
    indexIntervalBytes: 4096,
    maxMessageBytes: 1048588,
    messageTimestampType: "CreateTime",
    messageTimestampBeforeMaxMs: Number.POSITIVE_INFINITY,
    messageTimestampAfterMaxMs: Number.POSITIVE_INFINITY,
    compressionType: "producer",
    flushMessages: Number.POSITIVE_INFINITY,
    flushMs: Number.POSITIVE_INFINITY,
    compact: false,
    delete: true,
    retentionMs: 7 * 24 * 3600 * 1000,
    retentionBytes: -1,
    minCleanableDirtyRatio: 0.5,
    deleteRetentionMs: 24 * 3600 * 1000,
    minCompactionLagMs: 0,
    maxCompactionLagMs: Number.POSITIVE_INFINITY,
    ...overrides,
  };
}
