import type { ReplicaData } from "@/lib/api";

/** Broker ids of replicas: the leader emphasised, replicas out of sync in red. */
export function ReplicaList({ replicas }: { replicas: ReplicaData[] }) {
  return (
    <span>
      {[...replicas]
        .sort((a, b) => a.broker_id - b.broker_id)
        .map((r) => (
          <span
            key={r.broker_id}
            className={`replica ${r.is_leader ? "leader" : ""} ${r.is_in_sync ? "" : "out-of-sync"}`.trim()}
            title={`Broker ${r.broker_id}${r.is_leader ? ", leader" : ""}${r.is_in_sync ? ", in sync" : ", out of sync"}`}
          >
            {r.broker_id}
          </span>
        ))}
    </span>
  );
}
