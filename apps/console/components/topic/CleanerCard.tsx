"use client";
import type { PartitionCleaner } from "@/lib/api";
import { formatAgo, formatBytes, formatDuration, formatNumber, formatPercent } from "@/lib/format";
import { Card } from "../Card";
import { EmptyState } from "../EmptyState";
import { StatusBadge } from "../StatusBadge";

/** The log cleaner's state for a compacted partition: dirty ratio, last run, bytes reclaimed, why it is idle. */
export function CleanerCard({ cleaner }: { cleaner: PartitionCleaner | null }) {
  if (!cleaner) {
    return (
      <Card title="Log cleaner">
        <EmptyState title="Cleaner state unavailable" hint="The service did not answer for this partition's cleaner; retry in a moment." />
      </Card>
    );
  }
  const now = Date.now();
  const run = cleaner.last_run;
  const reclaimed = cleaner.totals?.bytes_reclaimed ?? cleaner.bytes_reclaimed;
  return (
    <Card title="Log cleaner" actions={cleaner.status && <StatusBadge tone={cleaner.status === "cleaning" ? "info" : cleaner.status === "eligible" ? "warn" : "muted"} dot>{cleaner.status}</StatusBadge>}>
      <dl className="kv" data-testid="cleaner-state">
        <dt>Dirty ratio</dt>
        <dd>
          {formatPercent(cleaner.dirty_ratio)}
          {cleaner.min_cleanable_dirty_ratio !== undefined && <span className="faint"> (cleans above {formatPercent(cleaner.min_cleanable_dirty_ratio)})</span>}
        </dd>
        <dt>First dirty offset</dt>
        <dd>{formatNumber(cleaner.first_dirty_offset)}</dd>
        {cleaner.cleanable_bytes !== undefined && (
          <>
            <dt>Cleanable</dt>
            <dd>{formatBytes(cleaner.cleanable_bytes)}</dd>
          </>
        )}
        <dt>Last run</dt>
        <dd>
          {run ? (
            <>
              {run.ended_at ? `${formatAgo(now - run.ended_at)} ago` : "running"} · {run.outcome ?? "—"}
              {run.duration_ms !== undefined && ` · took ${formatDuration(run.duration_ms)}`}
              {run.trigger && ` · triggered by ${run.trigger}`}
              {run.error && <span className="faint"> · {run.error}</span>}
            </>
          ) : (
            "never"
          )}
        </dd>
        <dt>Bytes reclaimed</dt>
        <dd>{formatBytes(reclaimed)}{cleaner.totals?.runs !== undefined && <span className="faint"> over {formatNumber(cleaner.totals.runs)} runs</span>}</dd>
        {cleaner.not_cleaned_reason && (
          <>
            <dt>Not cleaning because</dt>
            <dd>{cleaner.not_cleaned_reason.message}</dd>
          </>
        )}
      </dl>
    </Card>
  );
}
