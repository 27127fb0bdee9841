"use client";
import { useState } from "react";
import { api, type ApiError, type TopicConfigData } from "@/lib/api";
import { configUnit, editableConfigValue, humanConfigValue, parseConfigInput } from "@/lib/config-units";
import { useClusterId } from "@/hooks/use-cluster";
import { Dialog } from "../Dialog";
import { ConfigSourceBadge } from "./ConfigSourceBadge";

/** Edits one topic config; durations and sizes are typed in human units and checked before they are sent. */
export function EditConfigDialog({ topic, config, onClose, onSaved }: { topic: string; config: TopicConfigData; onClose: () => void; onSaved: () => void }) {
  const clusterId = useClusterId();
  const [input, setInput] = useState(editableConfigValue(config.name, config.value));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parsed = parseConfigInput(config.name, input);
  const unit = configUnit(config.name);

  const save = async () => {
    if (!parsed.ok) return;
    setBusy(true);
    try {
      await api.updateTopicConfig(clusterId, topic, config.name, parsed.value);
      onSaved();
    } catch (e) {
      setError((e as ApiError).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Edit ${config.name}`}
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn btn-primary" disabled={!parsed.ok || busy} onClick={save}>
            {busy ? "Saving…" : "Save"}
          </button>
        </>
      }
    >
      <div className="muted">
        Now <strong>{humanConfigValue(config.name, config.value)}</strong> <ConfigSourceBadge source={config.source} />
      </div>
      <form className="field" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label htmlFor="config-value">New value</label>
        <input id="config-value" value={input} onChange={(e) => { setInput(e.target.value); setError(null); }} autoComplete="off" spellCheck={false} aria-invalid={!parsed.ok} />
        {!parsed.ok ? (
          <div className="field-error">{parsed.message}</div>
        ) : (
          unit !== "plain" && (
            <div className="field-hint">
              = <span className="mono">{parsed.value}</span> {unit === "duration" ? "ms" : "bytes"} ({humanConfigValue(config.name, parsed.value)})
            </div>
          )
        )}
        {unit === "duration" && <div className="field-hint">For example 7 days, 12 h, 30 min, 500 ms, or forever.</div>}
        {unit === "size" && <div className="field-hint">For example 1 GiB, 512 MiB, 1048576, or unlimited.</div>}
      </form>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
    </Dialog>
  );
}
