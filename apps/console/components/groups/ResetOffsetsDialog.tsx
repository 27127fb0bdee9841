"use client";
import { useMemo, useState } from "react";
import { api, type ApiError, type ConsumerLagData, type ResetOffsetsPlan, type ResetOffsetsRequest, type ResetStrategy } from "@/lib/api";
import { parseConfigInput } from "@/lib/config-units";
import { formatNumber } from "@/lib/format";
import { useClusterId } from "@/hooks/use-cluster";
import { Dialog } from "../Dialog";

const STRATEGIES: { id: ResetStrategy; label: string; hint: string }[] = [
  { id: "to-earliest", label: "Earliest", hint: "The oldest offset still in each partition." },
  { id: "to-latest", label: "Latest", hint: "The end of each partition: skip everything not yet consumed." },
  { id: "to-current", label: "Current", hint: "Keep the committed offsets (clamped into each partition's range)." },
  { id: "to-offset", label: "Offset", hint: "The same offset in every chosen partition." },
  { id: "shift-by", label: "Shift by", hint: "Move each committed offset by N (negative to re-read)." },
  { id: "to-datetime", label: "Date and time", hint: "The first offset at or after a moment." },
  { id: "by-duration", label: "Duration ago", hint: "The first offset at or after now minus a duration." },
];

/** Turns the strategy's input into the request's `value`, or an error message. */
function strategyValue(strategy: ResetStrategy, input: string): { value?: number | string; error?: string } {
  if (strategy === "to-offset" || strategy === "shift-by") {
    const n = Number(input);
    if (input.trim() === "" || !Number.isInteger(n)) return { error: "Enter a whole number" };
    if (strategy === "to-offset" && n < 0) return { error: "An offset is 0 or more" };
    return { value: n };
  }
  if (strategy === "to-datetime") {
    const t = Date.parse(input);
    return Number.isFinite(t) ? { value: new Date(t).toISOString() } : { error: "Pick a date and time" };
  }
  if (strategy === "by-duration") {
    if (/^P/i.test(input.trim())) return { value: input.trim().toUpperCase() };
    const parsed = parseConfigInput("duration.ms", input);
    if (!parsed.ok || Number(parsed.value) < 0) return { error: 'Enter a duration such as "1 h", "30 min" or "PT1H"' };
    return { value: `PT${Number(parsed.value) / 1000}S` };
  }
  return {};
}

/** Kafka's --reset-offsets: pick a strategy and scope, preview the plan (dry run), then execute it. */
export function ResetOffsetsDialog({ groupId, state, lags, onClose, onDone }: { groupId: string; state: string; lags: ConsumerLagData[]; onClose: () => void; onDone: () => void }) {
  const clusterId = useClusterId();
  const topics = useMemo(() => [...new Set(lags.map((l) => l.topic_name))].sort(), [lags]);
  const [strategy, setStrategy] = useState<ResetStrategy>("to-earliest");
  const [input, setInput] = useState("");
  const [topic, setTopic] = useState<string>("");
  const [plan, setPlan] = useState<{ request: string; result: ResetOffsetsPlan } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const { value, error: inputError } = strategyValue(strategy, input);
  const request: Omit<ResetOffsetsRequest, "dry_run"> = { strategy, ...(value !== undefined && { value }), ...(topic && { topics: [{ topic_name: topic }] }) };
  const requestKey = JSON.stringify(request);
  const previewed = plan?.request === requestKey;
  const active = state !== "EMPTY" && state !== "DEAD";
  const needsValue = ["to-offset", "shift-by", "to-datetime", "by-duration"].includes(strategy);

  const run = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.resetOffsets(clusterId, groupId, { ...request, dry_run: dryRun });
      if (dryRun) setPlan({ request: requestKey, result });
      else {
        setPlan({ request: requestKey, result });
        setDone(true);
      }
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Reset offsets of ${groupId}`}
      wide
      onClose={done ? onDone : onClose}
      footer={
        done ? (
          <button className="btn btn-primary" onClick={onDone}>Done</button>
        ) : (
          <>
            <button className="btn" onClick={onClose}>Cancel</button>
            <button className="btn" disabled={busy || Boolean(inputError)} onClick={() => run(true)}>
              {busy && !previewed ? "Previewing…" : "Preview (dry run)"}
            </button>
            <button className="btn btn-danger solid" disabled={busy || !previewed} onClick={() => run(false)} title={previewed ? undefined : "Preview the plan first"}>
              Execute reset
            </button>
          </>
        )
      }
    >
      {active && !done && (
        <div className="alert alert-warn">
          The group is {state.toLowerCase().replace(/_/g, " ")}: Kafka only resets offsets of an inactive group. Stop its consumers first; the preview works either way.
        </div>
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor="reset-strategy">Strategy</label>
          <select id="reset-strategy" value={strategy} onChange={(e) => { setStrategy(e.target.value as ResetStrategy); setInput(""); }}>
            {STRATEGIES.map((s) => (
              <option key={s.id} value={s.id}>{s.label}</option>
            ))}
          </select>
          <div className="field-hint">{STRATEGIES.find((s) => s.id === strategy)?.hint}</div>
        </div>
        {needsValue && (
          <div className="field">
            <label htmlFor="reset-value">{strategy === "to-offset" ? "Offset" : strategy === "shift-by" ? "Shift by" : strategy === "to-datetime" ? "Date and time" : "Duration"}</label>
            <input
              id="reset-value"
              type={strategy === "to-datetime" ? "datetime-local" : "text"}
              step={strategy === "to-datetime" ? 1 : undefined}
              value={input}
              onChange={(e) => setInput(e.target.value)}
              placeholder={strategy === "shift-by" ? "-10" : strategy === "by-duration" ? "1 h" : "0"}
              aria-invalid={Boolean(input && inputError)}
            />
            {input && inputError && <div className="field-error">{inputError}</div>}
          </div>
        )}
        <div className="field">
          <label htmlFor="reset-topic">Topics</label>
          <select id="reset-topic" value={topic} onChange={(e) => setTopic(e.target.value)}>
            <option value="">all topics of the group</option>
            {topics.map((t) => (
              <option key={t} value={t}>{t}</option>
            ))}
          </select>
        </div>
      </div>
      {error && <div className="alert alert-error" role="alert" data-testid="reset-error">{error}</div>}
      {done && <div className="alert alert-ok" role="status" data-testid="reset-done">Offsets reset: the group resumes from the new offsets.</div>}
      {plan && (
        <div>
          <div className="field-label" style={{ marginBottom: 6 }}>
            {plan.result.dry_run ? "Preview — nothing changed yet" : "Applied"}
            {!previewed && !done && <span className="field-error"> · the settings changed since this preview: preview again</span>}
          </div>
          <div className="table-wrap card">
            <table className="table" data-testid="reset-plan">
              <thead>
                <tr><th>Topic</th><th className="num">Partition</th><th className="num">Current</th><th className="num">New</th><th className="num">Change</th></tr>
              </thead>
              <tbody>
                {plan.result.data.map((p) => (
                  <tr key={`${p.topic_name}/${p.partition_id}`}>
                    <td className="mono">{p.topic_name}</td>
                    <td className="num">{p.partition_id}</td>
                    <td className="num">{formatNumber(p.current_offset)}</td>
                    <td className="num"><strong>{formatNumber(p.new_offset)}</strong></td>
                    <td className="num">{p.current_offset === null ? "—" : `${p.new_offset - p.current_offset >= 0 ? "+" : ""}${formatNumber(p.new_offset - p.current_offset)}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Dialog>
  );
}
