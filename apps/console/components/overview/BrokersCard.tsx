"use client";
import { api, type BrokerData, type ReplicaData } from "@/lib/api";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { ResourceView } from "../ResourceView";
import { StatusBadge } from "../StatusBadge";

interface BrokerRow {
  broker: BrokerData;
  replicas: ReplicaData[] | null;
  controller: boolean;
}

async function loadBrokers(clusterId: string): Promise<BrokerRow[]> {
  const [cluster, brokers] = await Promise.all([api.getCluster(clusterId), api.listBrokers(clusterId)]);
  const controllerId = cluster.controller?.related.match(/\/brokers\/(\d+)$/)?.[1];
  return Promise.all(
    brokers.map(async (broker) => ({
      broker,
      replicas: await api.listBrokerReplicas(clusterId, broker.broker_id).catch(() => null),
      controller: String(broker.broker_id) === controllerId,
    })),
  );
}

/** Every broker with its address, state, and how many partitions it leads and replicates. */
export function BrokersCard() {
  const clusterId = useClusterId();
  const brokers = useResource(`broker-rows:${clusterId}`, () => loadBrokers(clusterId), { intervalMs: 10_000 });
  return (
    <Card title="Brokers" flush>
      <ResourceView resource={brokers} what="brokers" isEmpty={(rows) => rows.length === 0} empty={<EmptyState title="No brokers registered" hint="A broker registers when the service starts; check the service log." />}>
        {(rows) => (
          <DataTable
            label="Brokers"
            rows={rows}
            rowKey={(r) => String(r.broker.broker_id)}
            initialSort={{ key: "id" }}
            columns={[
              { key: "id", header: "ID", sortValue: (r) => r.broker.broker_id, render: (r) => <span className="mono">{r.broker.broker_id}</span> },
              {
                key: "state",
                header: "State",
                render: (r) => (
                  <>
                    {/* The service lists registered brokers only (it reports no other state). */}
                    <StatusBadge tone="ok" dot>
                      Registered
                    </StatusBadge>{" "}
                    {r.controller && <StatusBadge tone="accent">Controller</StatusBadge>}
                  </>
                ),
              },
              { key: "host", header: "Address", render: (r) => <span className="mono">{r.broker.host ?? "—"}{r.broker.port ? `:${r.broker.port}` : ""}</span> },
              { key: "rack", header: "Rack", hideOnSmall: true, render: (r) => r.broker.rack ?? <span className="faint">—</span> },
              { key: "leaders", header: "Leaders", numeric: true, sortValue: (r) => r.replicas?.filter((x) => x.is_leader).length, render: (r) => (r.replicas ? formatNumber(r.replicas.filter((x) => x.is_leader).length) : "—") },
              { key: "replicas", header: "Replicas", numeric: true, sortValue: (r) => r.replicas?.length, render: (r) => (r.replicas ? formatNumber(r.replicas.length) : "—") },
            ]}
          />
        )}
      </ResourceView>
    </Card>
  );
}
