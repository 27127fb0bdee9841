"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { api } from "@/lib/api";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { ConfirmNameDialog } from "../ConfirmNameDialog";
import { EmptyState } from "../EmptyState";
import { ErrorState } from "../ErrorState";
import { PageHeader } from "../PageHeader";
import { StatusBadge } from "../StatusBadge";
import { Tabs } from "../Tabs";
import { topicHref, type TopicTab } from "../topics/links";
import { ConfigsTab } from "./ConfigsTab";
import { ConsumersTab } from "./ConsumersTab";
import { LiveTailTab } from "./LiveTailTab";
import { MessagesTab } from "./MessagesTab";
import { PartitionsTab } from "./PartitionsTab";
import { ProduceTab } from "./ProduceTab";
import { SegmentsTab } from "./SegmentsTab";

const TABS: { id: TopicTab; label: string }[] = [
  { id: "partitions", label: "Partitions" },
  { id: "segments", label: "Segments" },
  { id: "configs", label: "Configs" },
  { id: "messages", label: "Messages" },
  { id: "produce", label: "Produce" },
  { id: "tail", label: "Live tail" },
  { id: "consumers", label: "Consumers" },
];

/** One topic, in tabs: `/topics/view/?name=orders&tab=partitions`. */
export function TopicDetail() {
  const params = useSearchParams();
  const router = useRouter();
  const clusterId = useClusterId();
  const name = params.get("name") ?? "";
  const tab = (TABS.find((t) => t.id === params.get("tab"))?.id ?? "partitions") as TopicTab;
  const topic = useResource(name ? `topic:${clusterId}:${name}` : null, () => api.getTopic(clusterId, name), { intervalMs: 10_000 });
  const [deleting, setDeleting] = useState(false);

  if (!name) return <EmptyState title="No topic chosen" hint="Pick a topic from the list." action={<Link className="btn" href="/topics/">All topics</Link>} />;
  if (topic.error && !topic.data) return <ErrorState error={topic.error} what={`topic ${name}`} onRetry={topic.reload} action={<Link className="btn btn-primary" href="/topics/">All topics</Link>} />;

  const data = topic.data;
  return (
    <>
      <PageHeader
        crumbs={<><Link href="/topics/">Topics</Link> /</>}
        title={<span className="mono">{name}</span>}
        badges={
          data && (
            <>
              <StatusBadge tone="accent">{data.partitions_count} {data.partitions_count === 1 ? "partition" : "partitions"}</StatusBadge>
              <StatusBadge tone="muted">replication {data.replication_factor}</StatusBadge>
              {data.is_internal && <StatusBadge tone="info">internal</StatusBadge>}
            </>
          )
        }
        actions={
          data && !data.is_internal && (
            <button className="btn btn-danger" onClick={() => setDeleting(true)}>
              Delete topic
            </button>
          )
        }
      />
      <Tabs active={tab} items={TABS.map((t) => ({ id: t.id, label: t.label, href: topicHref(name, t.id) }))} />
      {tab === "partitions" && <PartitionsTab topic={name} partitionsCount={data?.partitions_count} onChanged={topic.reload} />}
      {tab === "segments" && <SegmentsTab topic={name} partitionsCount={data?.partitions_count} />}
      {tab === "configs" && <ConfigsTab topic={name} />}
      {tab === "messages" && <MessagesTab topic={name} partitionsCount={data?.partitions_count} />}
      {tab === "produce" && <ProduceTab topic={name} partitionsCount={data?.partitions_count} />}
      {tab === "tail" && <LiveTailTab topic={name} partitionsCount={data?.partitions_count} />}
      {tab === "consumers" && <ConsumersTab topic={name} />}
      {deleting && (
        <ConfirmNameDialog
          title="Delete topic"
          name={name}
          actionLabel="Delete topic"
          consequence={<>This deletes <strong>{name}</strong> with all its partitions and records. Consumers reading it will fail. It cannot be undone.</>}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await api.deleteTopic(clusterId, name);
            router.push("/topics/");
          }}
        />
      )}
    </>
  );
}
