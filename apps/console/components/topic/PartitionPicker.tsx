"use client";

/** Chooses one partition of a topic (or all of them when `allowAll`). */
export function PartitionPicker({ count, value, onChange, allowAll, id = "partition" }: { count: number | undefined; value: number | null; onChange: (p: number | null) => void; allowAll?: boolean; id?: string }) {
  return (
    <label className="check" htmlFor={id}>
      <span className="field-label">Partition</span>
      <select id={id} value={value === null ? "all" : String(value)} onChange={(e) => onChange(e.target.value === "all" ? null : Number(e.target.value))} disabled={count === undefined}>
        {allowAll && <option value="all">all</option>}
        {Array.from({ length: count ?? 1 }, (_, p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}
