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
      {config.documentation && <p className="muted">{config.documentation}</p>}
      <div className="muted">
        Now <strong>{humanConfigValue(config.name, config.value)}</strong> <ConfigSourceBadge source={config.source} />
      </div>
      <form className="field" onSubmit={(e) => { e.preventDefault(); void save(); }}>
        <label htmlFor="config-value">New value</label>
        {config.valid_values ? (
          <EnumInput config={config} value={input} onChange={(value) => { setInput(value); setError(null); }} />
        ) : (
          <input id="config-value" value={input} onChange={(e) => { setInput(e.target.value); setError(null); }} autoComplete="off" spellCheck={false} aria-invalid={!parsed.ok} />
        )}
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

/**
 * An enumerated config as a select; a list config (`cleanup.policy`) as one checkbox per allowed value, kept in the
 * order Kafka lists them ("compact,delete").
 */
function EnumInput({ config, value, onChange }: { config: TopicConfigData; value: string; onChange: (value: string) => void }) {
  const allowed = config.valid_values ?? [];
  if (!isListConfig(config)) {
    return (
      <select id="config-value" value={value} onChange={(e) => onChange(e.target.value)}>
        {!allowed.includes(value) && <option value={value}>{value}</option>}
        {allowed.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    );
  }
  const chosen = new Set(value.split(",").map((item) => item.trim()).filter(Boolean));
  const toggle = (option: string, on: boolean) => {
    if (on) chosen.add(option);
    else chosen.delete(option);
    onChange(allowed.filter((item) => chosen.has(item)).join(","));
  };
  return (
    <div id="config-value" role="group" aria-label="New value" className="checks">
      {allowed.map((option) => (
        <label key={option} className="check">
          <input type="checkbox" checked={chosen.has(option)} onChange={(e) => toggle(option, e.target.checked)} /> {option}
        </label>
      ))}
    </div>
  );
}

/** `cleanup.policy` is Kafka's one enumerated LIST topic config: any combination of its values. */
function isListConfig(config: TopicConfigData): boolean {
  return config.name === "cleanup.policy" || config.name === "log.cleanup.policy";
}
