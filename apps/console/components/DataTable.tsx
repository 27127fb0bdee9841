"use client";
import { useMemo, useState, type ReactNode } from "react";
import { EmptyState } from "./EmptyState";

export interface Column<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  /** Makes the column sortable by this value. */
  sortValue?: (row: T) => string | number | boolean | null | undefined;
  numeric?: boolean;
  /** Hidden on phone widths. */
  hideOnSmall?: boolean;
}

export interface DataTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Enables the search box: the text a row is matched against. */
  searchText?: (row: T) => string;
  searchPlaceholder?: string;
  initialSort?: { key: string; descending?: boolean };
  rowClassName?: (row: T) => string | undefined;
  /** Extra controls at the right of the toolbar. */
  actions?: ReactNode;
  /** What to show when there are no rows at all (not merely none matching the search). */
  empty?: ReactNode;
  label?: string;
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A dense table with click-to-sort headers and an optional search box. */
export function DataTable<T>({ columns, rows, rowKey, searchText, searchPlaceholder, initialSort, rowClassName, actions, empty, label }: DataTableProps<T>) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState(initialSort ?? null);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    const filtered = q && searchText ? rows.filter((row) => searchText(row).toLowerCase().includes(q)) : rows;
    const column = sort && columns.find((c) => c.key === sort.key);
    if (!column?.sortValue) return filtered;
    const value = column.sortValue;
    const sorted = [...filtered].sort((a, b) => compare(value(a), value(b)));
    return sort?.descending ? sorted.reverse() : sorted;
  }, [rows, query, sort, columns, searchText]);

  const toggleSort = (key: string) =>
    setSort((current) => (current?.key === key ? { key, descending: !current.descending } : { key, descending: false }));

  return (
    <div>
      {(searchText || actions) && (
        <div className="toolbar">
          {searchText && (
            <input
              className="search"
              type="search"
              placeholder={searchPlaceholder ?? "Search"}
              aria-label={searchPlaceholder ?? "Search"}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          )}
          <span className="spacer" />
          {actions}
        </div>
      )}
      {rows.length === 0 ? (
        (empty ?? <EmptyState title="Nothing here yet" />)
      ) : visible.length === 0 ? (
        <EmptyState title={`No match for “${query}”`} hint="Try a shorter search, or clear it to see every row." action={<button className="btn" onClick={() => setQuery("")}>Clear search</button>} />
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label={label}>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} className={[c.numeric ? "num" : "", c.hideOnSmall ? "hide-sm" : ""].join(" ").trim() || undefined} aria-sort={sort?.key === c.key ? (sort.descending ? "descending" : "ascending") : undefined}>
                    {c.sortValue ? (
                      <button onClick={() => toggleSort(c.key)}>
                        {c.header}
                        <span className="sort-mark">{sort?.key === c.key ? (sort.descending ? "▼" : "▲") : "↕"}</span>
                      </button>
                    ) : (
                      c.header
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <tr key={rowKey(row)} className={rowClassName?.(row)}>
                  {columns.map((c) => (
                    <td key={c.key} className={[c.numeric ? "num" : "", c.hideOnSmall ? "hide-sm" : ""].join(" ").trim() || undefined}>
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {searchText && rows.length > 0 && (
        <div className="table-foot">
          {visible.length === rows.length ? `${rows.length} ${rows.length === 1 ? "row" : "rows"}` : `${visible.length} of ${rows.length} rows`}
        </div>
      )}
    </div>
  );
}
