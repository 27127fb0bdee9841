"use client";
import { useState } from "react";
import { api, type ApiError } from "@/lib/api";
import { useClusterId } from "@/hooks/use-cluster";
import { Dialog } from "../Dialog";

/** Raises a topic's partition count; Kafka never lowers it, so the form refuses anything not above the current. */
export function AddPartitionsDialog({ topic, current, onClose, onDone }: { topic: string; current: number; onClose: () => void; onDone: () => void }) {
  const clusterId = useClusterId();
  const [count, setCount] = useState(String(current + 1));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const n = Number(count);
  const invalid = !Number.isInteger(n) ? "Enter a whole number" : n <= current ? `A topic's partitions can only grow: enter more than ${current}` : null;

  const submit = async () => {
    if (invalid) return;
    setBusy(true);
    try {
      await api.setPartitionCount(clusterId, topic, n);
      onDone();
    } catch (e) {
      setError((e as ApiError).message);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add partitions"
      onClose={onClose}
      footer={
        <>
          <button className="btn" onClick={onClose}>Cancel</button>
          <button className="btn btn-primary" disabled={Boolean(invalid) || busy} onClick={submit}>
            {busy ? "Saving…" : invalid ? "Add partitions" : `Grow to ${n} partitions`}
          </button>
        </>
      }
    >
      <form className="field" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label htmlFor="partition-count">New partition count (now {current})</label>
        <input id="partition-count" inputMode="numeric" value={count} onChange={(e) => { setCount(e.target.value); setError(null); }} aria-invalid={Boolean(invalid)} />
        {invalid && <div className="field-error">{invalid}</div>}
        <div className="field-hint">Records with a key may map to a different partition afterwards, so per-key ordering restarts.</div>
      </form>
      {error && <div className="alert alert-error" role="alert">{error}</div>}
    </Dialog>
  );
}
