"use client";
import { useEffect, useMemo, useState } from "react";
import { api, ApiError, type CreateTopicRequest } from "@/lib/api";
import { parseConfigInput } from "@/lib/config-units";
import { useClusterId } from "@/hooks/use-cluster";
import { Dialog } from "../Dialog";

interface Form {
  name: string;
  partitions: string;
  replicationFactor: string;
  cleanupPolicy: string;
  retention: string;
  retentionBytes: string;
  segmentBytes: string;
}

const EMPTY: Form = { name: "", partitions: "1", replicationFactor: "1", cleanupPolicy: "", retention: "", retentionBytes: "", segmentBytes: "" };

/** Turns the form into a create request, or says which field is wrong. */
function toRequest(form: Form): { request?: CreateTopicRequest; errors: Partial<Record<keyof Form, string>> } {
  const errors: Partial<Record<keyof Form, string>> = {};
  const integer = (text: string, field: keyof Form, label: string) => {
    if (text.trim() === "") return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) errors[field] = `${label} must be a whole number of at least 1`;
    return n;
  };
  const configs: { name: string; value: string }[] = [];
  const config = (text: string, field: keyof Form, name: string) => {
    if (text.trim() === "") return;
    const parsed = parseConfigInput(name, text);
    if (parsed.ok) configs.push({ name, value: parsed.value });
    else errors[field] = parsed.message;
  };
  if (form.name.trim() === "") errors.name = "A topic needs a name";
  const partitions = integer(form.partitions, "partitions", "Partitions");
  const replicationFactor = integer(form.replicationFactor, "replicationFactor", "Replication factor");
  if (form.cleanupPolicy) configs.push({ name: "cleanup.policy", value: form.cleanupPolicy });
  config(form.retention, "retention", "retention.ms");
  config(form.retentionBytes, "retentionBytes", "retention.bytes");
  config(form.segmentBytes, "segmentBytes", "segment.bytes");
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    request: {
      topic_name: form.name.trim(),
      ...(partitions !== undefined && { partitions_count: partitions }),
      ...(replicationFactor !== undefined && { replication_factor: replicationFactor }),
      ...(configs.length && { configs }),
    },
  };
}

/** Creates a topic; as the user types, the service checks the request (validate_only) and its messages are shown. */
export function CreateTopicDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (name: string) => void }) {
  const clusterId = useClusterId();
  const [form, setForm] = useState<Form>(EMPTY);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { request, errors } = useMemo(() => toRequest(form), [form]);

  useEffect(() => {
    if (!request) return;
    // An answer about fields that have changed since is dropped, so a stale refusal never shows.
    let current = true;
    const timer = setTimeout(() => {
      api
        .createTopic(clusterId, { ...request, validate_only: true })
        .then(() => current && setServerError(null))
        .catch((e: ApiError) => current && setServerError(e.message));
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [clusterId, request]);

  const set = (field: keyof Form) => (e: { target: { value: string } }) => {
    setTouched(true);
    setServerError(null);
    setForm((f) => ({ ...f, [field]: e.target.value }));
  };

  const submit = async () => {
    setTouched(true);
    if (!request) return;
    setBusy(true);
    try {
      await api.createTopic(clusterId, request);
      onCreated(request.topic_name);
    } catch (e) {
      setServerError((e as ApiError).message);
      setBusy(false);
    }
  };

  const fieldError = (field: keyof Form) => (touched && errors[field] ? <div className="field-error">{errors[field]}</div> : null);

  return (
    <Dialog
      title="Create topic"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn btn-primary" onClick={submit} disabled={busy || !request || serverError !== null}>
            {busy ? "Creating…" : "Create"}
          </button>
        </>
      }
    >
      <form className="form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="field">
          <label htmlFor="topic-name">Name</label>
          <input id="topic-name" value={form.name} onChange={set("name")} placeholder="orders" autoComplete="off" spellCheck={false} aria-invalid={Boolean(touched && (errors.name || serverError))} />
          {fieldError("name")}
          <div className="field-hint">Letters, digits, “.”, “_” and “-”, up to 249 characters.</div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="topic-partitions">Partitions</label>
            <input id="topic-partitions" inputMode="numeric" value={form.partitions} onChange={set("partitions")} />
            {fieldError("partitions")}
          </div>
          <div className="field">
            <label htmlFor="topic-rf">Replication factor</label>
            <input id="topic-rf" inputMode="numeric" value={form.replicationFactor} onChange={set("replicationFactor")} />
            {fieldError("replicationFactor")}
          </div>
          <div className="field">
            <label htmlFor="topic-cleanup">Cleanup policy</label>
            <select id="topic-cleanup" value={form.cleanupPolicy} onChange={set("cleanupPolicy")}>
              <option value="">broker default</option>
              <option value="delete">delete</option>
              <option value="compact">compact</option>
              <option value="compact,delete">compact, delete</option>
            </select>
          </div>
        </div>
        <div className="form-row">
          <div className="field">
            <label htmlFor="topic-retention">Retention time</label>
            <input id="topic-retention" value={form.retention} onChange={set("retention")} placeholder="broker default, e.g. 7 days" />
            {fieldError("retention")}
          </div>
          <div className="field">
            <label htmlFor="topic-retention-bytes">Retention size</label>
            <input id="topic-retention-bytes" value={form.retentionBytes} onChange={set("retentionBytes")} placeholder="e.g. 10 GiB, unlimited" />
            {fieldError("retentionBytes")}
          </div>
          <div className="field">
            <label htmlFor="topic-segment-bytes">Segment size</label>
            <input id="topic-segment-bytes" value={form.segmentBytes} onChange={set("segmentBytes")} placeholder="e.g. 1 GiB" />
            {fieldError("segmentBytes")}
          </div>
        </div>
        <button type="submit" hidden />
      </form>
      {touched && serverError && (
        <div className="alert alert-error" role="alert" data-testid="create-topic-error">
          {serverError}
        </div>
      )}
    </Dialog>
  );
}
