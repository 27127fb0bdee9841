import type { ClusterData, LogDirData } from "./api-types";
import { formatBytes, formatPercent } from "./format";

/** What the storage banner says about a data directory, or null when there is nothing to say. */
export interface StorageNotice {
  tone: "warn" | "error";
  title: string;
  detail: string;
}

/** The controller's broker id from the cluster resource (`controller.related` ends in `/brokers/<id>`): Skein runs one broker. */
export function controllerId(cluster: ClusterData | undefined): number | null {
  const match = /\/brokers\/(\d+)$/.exec(cluster?.controller?.related ?? "");
  return match ? Number(match[1]) : null;
}

/** A notice when the data directory is nearly full, full or failed, or when partitions cannot be served. */
export function storageNotice(dir: LogDirData): StorageNotice | null {
  const space = `${formatPercent(dir.used_ratio)} used, ${formatBytes(dir.usable_bytes)} free of ${formatBytes(dir.total_bytes)}`;
  switch (dir.state) {
    case "failed":
      return { tone: "error", title: `Data directory ${dir.path} failed`, detail: `${dir.error ?? "An I/O error took it offline"}. Writes are refused until the service restarts; reads go on.` };
    case "full":
      return { tone: "error", title: `Data directory ${dir.path} is full`, detail: `${space}. Produces are refused until space is freed (delete topics or records, or free the disk); reads go on.` };
    case "nearly-full":
      return { tone: "warn", title: `Data directory ${dir.path} is nearly full`, detail: `${space}, past the ${formatPercent(dir.nearly_full_ratio)} warning threshold. Produces are refused once it is full.` };
    default: {
      const offline = dir.offline_partitions.length;
      if (offline === 0) return null;
      const names = dir.offline_partitions.map((p) => `${p.topic_name}-${p.partition_id}`).join(", ");
      return { tone: "warn", title: `${offline} partition${offline === 1 ? "" : "s"} cannot be served`, detail: `${names}: their logs could not be opened. Reads and writes of them fail until the cause is fixed and the service restarts.` };
    }
  }
}
