"use client";

export interface HeaderRow {
  name: string;
  value: string;
}

/** Editable record headers: name and text value per row, add and remove. */
export function HeaderRows({ rows, onChange }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void }) {
  const update = (i: number, patch: Partial<HeaderRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="field">
      <span className="field-label">Headers</span>
      {rows.map((row, i) => (
        <div key={i} style={{ display: "flex", gap: 6 }}>
          <input aria-label={`Header ${i + 1} name`} placeholder="name" value={row.name} onChange={(e) => update(i, { name: e.target.value })} style={{ flex: 1 }} />
          <input aria-label={`Header ${i + 1} value`} placeholder="value" value={row.value} onChange={(e) => update(i, { value: e.target.value })} style={{ flex: 2 }} />
          <button type="button" className="btn btn-sm" aria-label={`Remove header ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>✕</button>
        </div>
      ))}
      <div>
        <button type="button" className="btn btn-sm" onClick={() => onChange([...rows, { name: "", value: "" }])}>+ Add header</button>
      </div>
    </div>
  );
}
