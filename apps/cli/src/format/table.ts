/** Kafka's `%-Ns` padding: the text left-aligned in at least `width` characters. */
export function padRight(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/**
 * Rows in columns the way Kafka's admin tools print them: every column but the last padded to its width and
 * followed by one space. A width of `auto` is the longest cell, at least `min`.
 */
export function formatColumns(rows: readonly (readonly string[])[], widths: readonly (number | { min: number })[]): string {
  const resolved = widths.map((width, column) =>
    typeof width === "number" ? width : Math.max(width.min, ...rows.map((row) => (row[column] ?? "").length)),
  );
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : padRight(cell, resolved[column] ?? 0) + " "))
        .join(""),
    )
    .join("\n");
}

/** Kafka's placeholder for a column with no value. */
export const MISSING = "-";
