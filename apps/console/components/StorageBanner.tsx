"use client";
import { api, type ClusterData } from "@/lib/api";
import { controllerId, storageNotice } from "@/lib/storage-health";
import { useResource } from "@/hooks/use-resource";

/**
 * Shown above every page while the broker's data directory is nearly full, full or failed, or partitions cannot be
 * served: the state, the space left and what it means for produces. Polled every 10 s; silent when all is well or
 * when the log dirs cannot be read (the page itself reports an unreachable service).
 */
export function StorageBanner({ cluster }: { cluster: ClusterData | undefined }) {
  const brokerId = controllerId(cluster);
  const clusterId = cluster?.cluster_id;
  const logDirs = useResource(clusterId && brokerId !== null ? `log-dirs:${clusterId}:${brokerId}` : null, clusterId && brokerId !== null ? () => api.listLogDirs(clusterId, brokerId) : null, { intervalMs: 10_000 });
  const notices = (logDirs.data ?? []).flatMap((dir) => {
    const notice = storageNotice(dir);
    return notice ? [{ ...notice, key: dir.path }] : [];
  });
  if (notices.length === 0) return null;
  return (
    <div className="storage-banners">
      {notices.map((notice) => (
        <div key={notice.key} className={`alert alert-${notice.tone} storage-banner`} role="alert" data-testid="storage-banner">
          <strong>{notice.title}.</strong> {notice.detail}
        </div>
      ))}
    </div>
  );
}
