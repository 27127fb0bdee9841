"use client";
import { useState } from "react";
import { api, type ApiError, type TopicConfigData } from "@/lib/api";
import { configUnit, humanConfigValue } from "@/lib/config-units";
import { useClusterId } from "@/hooks/use-cluster";
import { useResource } from "@/hooks/use-resource";
import { Card } from "../Card";
import { DataTable } from "../DataTable";
import { EmptyState } from "../EmptyState";
import { ResourceView } from "../ResourceView";
import { ConfigSourceBadge } from "./ConfigSourceBadge";
import { EditConfigDialog } from "./EditConfigDialog";

/** Every config of the topic with value and source; edit in human units, or reset to the inherited value. */
export function ConfigsTab({ topic }: { topic: string }) {
  const clusterId = useClusterId();
  const configs = useResource(`configs:${clusterId}:${topic}`, () => api.listTopicConfigs(clusterId, topic));
  const [editing, setEditing] = useState<TopicConfigData | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const reset = async (config: TopicConfigData) => {
    try {
      await api.resetTopicConfig(clusterId, topic, config.name);
      setMessage({ ok: true, text: `${config.name} reset to its inherited value.` });
      configs.reload();
    } catch (e) {
      setMessage({ ok: false, text: `Could not reset ${config.name}: ${(e as ApiError).message}` });
    }
  };

  return (
    <Card title="Configs" flush>
      {message && <div className={`alert ${message.ok ? "alert-ok" : "alert-error"}`} role="status" style={{ margin: 10 }}>{message.text}</div>}
      <ResourceView resource={configs} what="configs">
        {(rows) => (
          <DataTable<TopicConfigData>
            label="Configs"
            rows={rows}
            rowKey={(c) => c.name}
            searchText={(c) => `${c.name} ${c.value ?? ""} ${c.documentation ?? ""}`}
            searchPlaceholder="Search configs"
            initialSort={{ key: "name" }}
            empty={<EmptyState title="No configs reported" hint="The service lists no configs for this topic." />}
            columns={[
              {
                key: "name",
                header: "Name",
                sortValue: (c) => c.name,
                render: (c) => (
                  <>
                    <span className="mono">{c.name}</span>
                    {c.documentation && <div className="config-doc faint" data-testid={`config-doc-${c.name}`}>{c.documentation}</div>}
                  </>
                ),
              },
              {
                key: "value",
                header: "Value",
                sortValue: (c) => c.value,
                render: (c) => (
                  <span data-testid={`config-value-${c.name}`}>
                    {c.is_sensitive ? "••••••" : humanConfigValue(c.name, c.value)}
                    {!c.is_sensitive && configUnit(c.name) !== "plain" && c.value !== null && <span className="faint mono"> {c.value}</span>}
                  </span>
                ),
              },
              { key: "source", header: "Source", sortValue: (c) => c.source, render: (c) => <ConfigSourceBadge source={c.source} /> },
              {
                key: "actions",
                header: "",
                render: (c) =>
                  !c.is_read_only && (
                    <span className="nowrap">
                      <button className="btn btn-sm" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                        Edit
                      </button>{" "}
                      {c.source === "DYNAMIC_TOPIC_CONFIG" && (
                        <button className="btn btn-sm" onClick={() => reset(c)} aria-label={`Reset ${c.name}`}>
                          Reset
                        </button>
                      )}
                    </span>
                  ),
              },
            ]}
          />
        )}
      </ResourceView>
      {editing && (
        <EditConfigDialog
          topic={topic}
          config={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setMessage({ ok: true, text: `${editing.name} updated.` });
            setEditing(null);
            configs.reload();
          }}
        />
      )}
    </Card>
  );
}
