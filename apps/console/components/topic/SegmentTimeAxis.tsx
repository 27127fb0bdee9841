"use client";
import type { SegmentData } from "@/lib/api";
import { formatDuration, formatTimestamp } from "@/lib/format";

/**
 * The segments placed by time, from the oldest record to now, with the time-based retention horizon (now minus
 * retention.ms): a closed segment whose newest record is left of the line is what the next check deletes by time.
 */
export function SegmentTimeAxis({ segments, horizon, now }: { segments: SegmentData[]; horizon: number | null; now: number }) {
  const timed = segments.filter((s) => s.first_timestamp !== null && s.max_timestamp !== null);
  if (timed.length === 0) return null;
  const start = Math.min(...timed.map((s) => s.first_timestamp!), horizon ?? Infinity);
  const span = Math.max(1, now - start);
  const at = (t: number) => `${(Math.min(Math.max(t - start, 0), span) / span) * 100}%`;
  const expired = (s: SegmentData) => !s.active && horizon !== null && s.max_timestamp! < horizon;

  return (
    <div>
      <div className="timeline-track time-track" role="img" aria-label="Segments by time, with the retention horizon">
        {timed.map((s) => (
          <div
            key={s.base_offset}
            className={`time-seg ${expired(s) ? "due" : ""} ${s.active ? "active" : ""}`.trim()}
            style={{ left: `min(${at(s.first_timestamp!)}, calc(100% - 3px))`, width: `max(3px, calc(${at(s.max_timestamp!)} - ${at(s.first_timestamp!)}))` }}
            title={`Segment ${s.base_offset}: records from ${formatTimestamp(s.first_timestamp)} to ${formatTimestamp(s.max_timestamp)}`}
          />
        ))}
        {horizon !== null && horizon > start && <div className="timeline-horizon" style={{ left: at(horizon) }} title={`Retention horizon ${formatTimestamp(horizon)}`} />}
      </div>
      <div className="timeline-labels">
        <span>{formatTimestamp(start)}</span>
        {horizon !== null && <span className="horizon-label">horizon: {formatDuration(now - horizon)} ago</span>}
        <span>now</span>
      </div>
    </div>
  );
}
