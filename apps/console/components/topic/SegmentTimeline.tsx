"use client";
import { formatAgo, formatBytes, formatDuration, formatNumber, formatTimestamp } from "@/lib/format";
import type { SegmentView } from "@/lib/segment-view";
import { EmptyState } from "../EmptyState";
import { SegmentTimeAxis } from "./SegmentTimeAxis";

/**
 * The partition's segments from oldest to newest, widths by size, with the retention horizon drawn where the next
 * retention check would cut: segments left of it (hatched red) are due for deletion.
 */
export function SegmentTimeline({ view }: { view: SegmentView }) {
  const { segments, retention, retentionMs, retentionBytes } = view;
  const now = Date.now();
  const sorted = [...segments].sort((a, b) => a.base_offset - b.base_offset);
  const due = new Map((retention?.due_for_deletion ?? []).map((d) => [d.base_offset, d]));
  const weights = sorted.map((s) => Math.max(s.size_bytes, 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const dueWeight = sorted.reduce((sum, s, i) => sum + (due.has(s.base_offset) ? weights[i] : 0), 0);
  const horizonPercent = total ? (dueWeight / total) * 100 : 0;
  const dueBytes = [...due.values()].reduce((sum, d) => sum + d.size_bytes, 0);
  const newest = Math.max(...sorted.map((s) => s.last_offset ?? s.base_offset));
  const timeHorizon = retentionMs !== null && retentionMs >= 0 ? now - retentionMs : null;

  return (
    <div className="timeline">
      <div className="timeline-legend" data-testid="retention-summary">
        <span>
          Retention time <strong data-testid="retention-ms">{formatDuration(retentionMs)}</strong>
        </span>
        <span>
          Retention size <strong>{retentionBytes === null ? "—" : formatBytes(retentionBytes)}</strong>
        </span>
        <span>
          Horizon{" "}
          <strong data-testid="retention-horizon">{timeHorizon === null ? "none (kept forever by time)" : formatTimestamp(timeHorizon)}</strong>
        </span>
      </div>
      {sorted.length === 0 ? (
        <EmptyState title="No segments yet" hint="Produce a record to this partition and its first segment appears here." />
      ) : (
        <>
          <div className="timeline-caption">By size — what the next retention check frees</div>
          <div className="timeline-track" role="img" aria-label={`${sorted.length} segments, ${due.size} due for deletion`}>
            {sorted.map((s, i) => (
              <div
                key={s.base_offset}
                className={`timeline-seg ${due.has(s.base_offset) ? "due" : ""} ${s.active ? "active" : ""}`.trim()}
                style={{ flexGrow: weights[i], flexBasis: 0 }}
                title={`Segment ${s.base_offset}–${s.last_offset ?? "(empty)"} · ${formatBytes(s.size_bytes)} · newest record ${formatTimestamp(s.max_timestamp)}${due.has(s.base_offset) ? ` · due for deletion (${due.get(s.base_offset)!.reason})` : ""}${s.active ? " · active" : ""}`}
              >
                {weights[i] / total > 0.08 ? formatNumber(s.base_offset) : ""}
              </div>
            ))}
            {retention && <div className="timeline-horizon" style={{ left: `calc(${horizonPercent}% - 1px)` }} title="Retention horizon" />}
          </div>
          <div className="timeline-labels">
            <span>offset {formatNumber(sorted[0].base_offset)} (oldest)</span>
            <span>offset {formatNumber(newest)} (newest)</span>
          </div>
          <div className="timeline-caption">By time — records older than the horizon expire</div>
          <SegmentTimeAxis segments={sorted} horizon={timeHorizon} now={now} />
        </>
      )}
      <div className="timeline-legend">
        <span><i className="swatch" style={{ background: "var(--accent-soft)", border: "1px solid var(--accent)" }} />kept</span>
        <span><i className="swatch" style={{ background: "var(--err-soft)", border: "1px solid var(--err)" }} />due for deletion</span>
        <span><i className="swatch" style={{ background: "var(--ok-soft)", border: "1px solid var(--ok)" }} />active segment</span>
        <span><i className="swatch" style={{ background: "var(--err)" }} />retention horizon</span>
      </div>
      {view.retentionError && <div className="alert alert-warn">Retention state unavailable: {view.retentionError}</div>}
      {retention && (
        <div className="muted" data-testid="retention-due">
          {due.size === 0
            ? "Nothing is due: the next retention check deletes no segment."
            : `The next retention check deletes ${due.size} ${due.size === 1 ? "segment" : "segments"} (${formatBytes(dueBytes)}).`}{" "}
          Last check {retention.last_check_at ? `${formatAgo(now - retention.last_check_at)} ago` : "not yet"}; next{" "}
          {retention.next_check_at ? (retention.next_check_at > now ? `in ${formatAgo(retention.next_check_at - now)}` : "now") : "not scheduled"} (every {formatDuration(retention.check_interval_ms)}).
          {retention.recent_deletions.length > 0 &&
            ` Recently deleted: ${retention.recent_deletions.length} ${retention.recent_deletions.length === 1 ? "segment" : "segments"}, the last ${formatAgo(now - Math.max(...retention.recent_deletions.map((d) => d.deleted_at)))} ago.`}
        </div>
      )}
    </div>
  );
}
