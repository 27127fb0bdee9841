// Which Kafka APIs, at which versions, each client and tool sends: with SKEIN_KAFKA_API_USAGE=<dir>, the shared
// Apache Kafka logs every request it completes (kafka.request.logger at DEBUG, with a timestamp), every client
// process the suites run notes its label and lifetime in <dir>/runs.jsonl, and the global setup's teardown writes
// <dir>/API-USAGE.md: per client run, the APIs and versions of the requests that arrived on client connections while
// it ran (in-process Node clients are recognised by their client ids instead).
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The directory SKEIN_KAFKA_API_USAGE names, or null when usage is not being recorded. */
export function apiUsageDir() {
  const dir = process.env.SKEIN_KAFKA_API_USAGE;
  if (!dir) return null;
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Notes that a client process ran from `start` to `end` (epoch ms), when usage is being recorded.
 * @param {string} label
 * @param {number} start
 * @param {number} end
 */
export function recordRun(label, start, end) {
  const dir = apiUsageDir();
  if (dir) appendFileSync(join(dir, "runs.jsonl"), `${JSON.stringify({ label, start, end })}\n`);
}

/**
 * A run's label: the program and the flags that say what it does (kafka-topics --create, kcat -G, ...).
 * @param {string} program
 * @param {readonly string[]} args
 */
export function runLabel(program, args) {
  const actions = args.filter((arg, i) =>
    /^--(create|list|describe|alter|delete|reset-offsets|to-earliest|shift-by|add-config|delete-config|from-beginning|group|max-messages|execute|producer-property|version|files)$/.test(arg) ||
    /^-[PCLGK]$/.test(arg) ||
    (i === 0 && /^[a-z]+$/.test(arg)),
  );
  return [program, ...new Set(actions)].join(" ");
}

/** In-process clients, recognised by the client id they send. */
const IN_PROCESS_CLIENTS = [
  [/^skein-kafkajs-check/, "kafkajs 2.2.4 (in-process)"],
  [/^skein-platformatic-check/, "@platformatic/kafka 1.35 (in-process)"],
  [/^nest-orders/, "NestJS Kafka transport (kafkajs 2.2.4)"],
];

/** Which runs a connection's client software can belong to, by the run's label. */
const RUNS_OF_SOFTWARE = [
  [/^apache-kafka-java/, /^(kafka-|java )/],
  [/^librdkafka/, /^kcat/],
  [/^confluent-kafka-python/, /^confluent-kafka/],
  [/^kgo/, /^franz-go/],
];

/**
 * Builds the markdown summary from the broker's request log and the recorded runs. Each client connection belongs
 * to one run: among the runs of its software that were alive at its first request, the one started last (a tool
 * opens its connections right after it starts, while consumers started earlier keep theirs).
 * @param {string} requestLog the broker's requests.log (`<epoch ms> Completed request:{json}` per line)
 * @param {string} runsJsonl
 */
export function summariseApiUsage(requestLog, runsJsonl) {
  /** @type {{ label: string, start: number, end: number }[]} */
  const runs = runsJsonl.split("\n").filter(Boolean).map((line) => JSON.parse(line));
  /** @type {{ at: number, connection: string, clientId: string, api: string, version: number, software: string }[]} */
  const requests = [];
  for (const line of requestLog.split("\n")) {
    const match = /^(\d+) Completed request:(.*)$/.exec(line);
    if (!match) continue;
    const entry = JSON.parse(match[2]);
    if (entry.listener !== "PLAINTEXT" || entry.isForwarded) continue;
    const header = entry.requestHeader;
    const software = entry.request?.clientSoftwareName
      ? `${entry.request.clientSoftwareName} ${entry.request.clientSoftwareVersion}`
      : entry.clientInformation?.softwareName && entry.clientInformation.softwareName !== "unknown"
        ? `${entry.clientInformation.softwareName} ${entry.clientInformation.softwareVersion}`
        : "";
    requests.push({ at: Number(match[1]), connection: entry.connection, clientId: header.clientId ?? "", api: header.requestApiKeyName, version: header.requestApiVersion, software });
  }

  /** @type {Map<string, { first: number, software: string, clientId: string }>} */
  const connections = new Map();
  for (const request of requests) {
    const known = connections.get(request.connection);
    if (!known) connections.set(request.connection, { first: request.at, software: request.software, clientId: request.clientId });
    else if (!known.software && request.software) known.software = request.software;
  }
  /** @type {Map<string, string>} connection → label */
  const owner = new Map();
  for (const [connection, { first, software, clientId }] of connections) {
    const inProcess = IN_PROCESS_CLIENTS.find(([pattern]) => /** @type {RegExp} */ (pattern).test(clientId));
    if (inProcess) {
      owner.set(connection, /** @type {string} */ (inProcess[1]));
      continue;
    }
    const kind = RUNS_OF_SOFTWARE.find(([pattern]) => /** @type {RegExp} */ (pattern).test(software));
    const candidates = runs.filter((run) => run.start <= first && first <= run.end + 50 && (!kind || /** @type {RegExp} */ (kind[1]).test(run.label)));
    const latest = candidates.sort((a, b) => b.start - a.start)[0];
    if (latest) owner.set(connection, latest.label);
  }

  /** @type {Map<string, Map<string, Set<number>>>} label → API name → versions */
  const usage = new Map();
  /** @type {Map<string, string>} label → client software */
  const softwareOf = new Map();
  for (const request of requests) {
    const label = owner.get(request.connection);
    if (!label) continue;
    const apis = usage.get(label) ?? new Map();
    usage.set(label, apis);
    const versions = apis.get(request.api) ?? new Set();
    apis.set(request.api, versions);
    versions.add(request.version);
    const software = connections.get(request.connection)?.software;
    if (software) softwareOf.set(label, software);
  }
  const lines = [
    "# Kafka APIs and versions each client sends to Apache Kafka 4.4",
    "",
    "Recorded by `SKEIN_KAFKA_API_USAGE=<dir> npx vitest run --project kafka-clients` (test/kafka-clients/support/api-usage.mjs):",
    "the broker's request log; each client connection is attributed to the run of its client software started last",
    "before its first request. These are the versions a client picks against a broker that supports everything;",
    "against a broker advertising less it picks the highest version both support, or falls back as noted in the README.",
    "",
    "| client run | software (ApiVersions v3+) | APIs (versions) |",
    "|---|---|---|",
  ];
  for (const [label, apis] of [...usage].sort(([a], [b]) => a.localeCompare(b))) {
    const list = [...apis]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([api, versions]) => `${api} ${[...versions].sort((a, b) => a - b).join("/")}`)
      .join(", ");
    lines.push(`| ${label} | ${softwareOf.get(label) ?? "—"} | ${list} |`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes <dir>/API-USAGE.md from the broker's request log.
 * @param {string} dir
 * @param {string} requestLogFile
 */
export function writeApiUsage(dir, requestLogFile) {
  const runsFile = join(dir, "runs.jsonl");
  const summary = summariseApiUsage(readFileSync(requestLogFile, "utf8"), existsSync(runsFile) ? readFileSync(runsFile, "utf8") : "");
  writeFileSync(join(dir, "API-USAGE.md"), summary);
  writeFileSync(join(dir, "requests.log"), readFileSync(requestLogFile));
}
