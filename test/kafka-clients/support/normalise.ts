// What differs between two brokers' answers to the same command without being a difference in behaviour: generated
// ids, ports, timestamps and column widths. Both outputs go through the same normalisation, then compare as text.

/** Kafka's base64url topic id (22 characters) after `TopicId:` or in a `topicId` field. */
const TOPIC_ID = /(TopicId:\s*|"topicId":\s*")[A-Za-z0-9_-]{22}/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HOST_PORT = /\b(127\.0\.0\.1|localhost):\d{2,5}\b/g;
const TIMESTAMP = /\b(CreateTime|LogAppendTime):\d+/g;
/**
 * Apache Kafka 4.4's KRaft controller keeps a cluster-level `min.insync.replicas` for eligible leader replicas
 * (KIP-966), so `kafka-topics --describe` lists it among a topic's non-default configs. Skein has no ELR and sets
 * nothing there; the setting is dropped from that line so the rest of the line still compares.
 */
const ELR_MIN_ISR = /^(Topic: .* Configs:.*?)(?: ?min\.insync\.replicas=1,?)/;
/** A JVM tool's client-side log lines (log4j on standard error), which differ between runs of the same tool. */
const LOG_LINE = /^\[\d{4}-\d\d-\d\d [\d:,]+\] (TRACE|DEBUG|INFO|WARN|ERROR) /;

/**
 * Normalises a tool's output: topic ids → `<topic-id>`, UUIDs (member and consumer ids) → `<uuid>`, loopback
 * ports → `<port>`, record timestamps → `<ts>`, runs of spaces or tabs → one space (column widths follow the
 * widest id), trailing spaces and blank lines dropped.
 */
export function normaliseOutput(text: string): string {
  return text
    .replace(TOPIC_ID, "$1<topic-id>")
    .replace(UUID, "<uuid>")
    .replace(HOST_PORT, "$1:<port>")
    .replace(TIMESTAMP, "$1:<ts>")
    .split("\n")
    .filter((line) => !LOG_LINE.test(line))
    .map((line) => line.replace(/[ \t]+/g, " ").replace(ELR_MIN_ISR, "$1").trimEnd())
    .filter((line) => line !== "")
    .join("\n");
}

/** The normalised lines sorted: for output whose order the protocol leaves open (records of several partitions). */
export function normaliseUnordered(text: string): string {
  return normaliseOutput(text).split("\n").sort().join("\n");
}

/**
 * A column-aligned table as kafka-consumer-groups prints it (a header line of upper-case names, then rows), as
 * objects keyed by column; `-` stays `-`. Several tables (one per group) are concatenated.
 */
export function parseTable(text: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  let header: string[] | null = null;
  for (const line of text.split("\n")) {
    const cells = line.trim().split(/\s+/).filter(Boolean);
    if (cells.length === 0) continue;
    if (cells.every((cell) => /^[A-Z][A-Z-]*$/.test(cell)) && cells.includes("GROUP")) {
      header = cells;
      continue;
    }
    if (!header || cells.length !== header.length) continue;
    rows.push(Object.fromEntries(header.map((name, i) => [name, cells[i]!])));
  }
  return rows;
}
