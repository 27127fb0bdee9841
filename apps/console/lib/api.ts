/**
 * The console's one REST client: every call the console makes to the Skein service, with typed responses.
 * Failures are thrown as `ApiError` carrying the service's `{error_code, message}` body.
 */
import type {
  BrokerData,
  ClusterData,
  ConsumerAssignmentData,
  ConsumerData,
  ConsumerGroupData,
  ConsumerLagData,
  CorruptRangeData,
  CreateTopicRequest,
  LagHistory,
  LagSummaryData,
  LogDirData,
  PartitionCleaner,
  PartitionData,
  PartitionLog,
  PartitionTransactions,
  PartitionRetention,
  ProduceRequest,
  ProduceResponse,
  ReadFrom,
  RecordList,
  ReplicaData,
  ResetOffsetsPlan,
  ResetOffsetsRequest,
  ResourceList,
  SegmentData,
  Throughput,
  TopicConfigData,
  TopicData,
} from "./api-types";
import { CONSOLE_CLIENT_HEADER, csrfHeaders } from "./session";

export type * from "./api-types";

/** A failed call, in the service's error shape; `error_code` 0 means the service could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly error_code: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return this.error_code >= 1000 ? Number(String(this.error_code).slice(0, 3)) : this.error_code;
  }
}

/** The live-tail WebSocket: the service's `/ws` (set by next.config.ts under `next dev`), else this origin's. */
export function webSocketUrl(): string {
  return process.env.NEXT_PUBLIC_SKEIN_WS ?? `${window.location.origin.replace(/^http/, "ws")}/ws`;
}

const enc = encodeURIComponent;

/** Turns an absolute `metadata.next` link into one this console can fetch (the service may name another host). */
function relativeLink(link: string): string {
  const url = new URL(link, "http://placeholder");
  return url.pathname + url.search;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    // Same-origin paths: the service serves the console; under `next dev` the dev server forwards /v3/* to it.
    response = await fetch(path, {
      method,
      headers: { Accept: "application/json", ...CONSOLE_CLIENT_HEADER, ...csrfHeaders(method), ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
  } catch {
    throw new ApiError(0, "Cannot reach the Skein service. Check that it is running, then retry.");
  }
  const text = await response.text();
  if (!response.ok) throw toApiError(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

function toApiError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error_code?: number; message?: string | null };
    if (typeof body.error_code === "number") return new ApiError(body.error_code, body.message ?? `HTTP ${status}`);
  } catch {
    // not JSON: fall through to the status line
  }
  return new ApiError(status, text.trim() || `HTTP ${status}`);
}

/** Reads every page of a v3 list, following `metadata.next`. */
async function listAll<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | null | undefined = path;
  for (let pages = 0; next && pages < 100; pages++) {
    const page: ResourceList<T> = await request<ResourceList<T>>("GET", next);
    items.push(...page.data);
    next = page.metadata.next ? relativeLink(page.metadata.next) : null;
  }
  return items;
}

const cluster = (c: string) => `/v3/clusters/${enc(c)}`;
const topic = (c: string, t: string) => `${cluster(c)}/topics/${enc(t)}`;
const partition = (c: string, t: string, p: number) => `${topic(c, t)}/partitions/${p}`;
const group = (c: string, g: string) => `${cluster(c)}/consumer-groups/${enc(g)}`;

export const api = {
  listClusters: () => listAll<ClusterData>("/v3/clusters"),
  getCluster: (c: string) => request<ClusterData>("GET", cluster(c)),
  listBrokers: (c: string) => listAll<BrokerData>(`${cluster(c)}/brokers`),
  listBrokerReplicas: (c: string, brokerId: number) => listAll<ReplicaData>(`${cluster(c)}/brokers/${brokerId}/partition-replicas`),
  getThroughput: (c: string) => request<Throughput>("GET", `${cluster(c)}/throughput`),
  listLogDirs: (c: string, brokerId: number) => listAll<LogDirData>(`${cluster(c)}/brokers/${brokerId}/log-dirs`),

  /** Every topic, internal ones (`__consumer_offsets`, ...) included: the console shows them behind a toggle. */
  listTopics: (c: string) => listAll<TopicData>(`${cluster(c)}/topics?include_internal=true`),
  getTopic: (c: string, t: string) => request<TopicData>("GET", topic(c, t)),
  createTopic: (c: string, body: CreateTopicRequest) => request<TopicData>("POST", `${cluster(c)}/topics`, body),
  deleteTopic: (c: string, t: string) => request<void>("DELETE", topic(c, t)),
  setPartitionCount: (c: string, t: string, partitionsCount: number) =>
    request<TopicData>("PATCH", topic(c, t), { partitions_count: partitionsCount }),

  listAllTopicConfigs: (c: string) => listAll<TopicConfigData>(`${cluster(c)}/topics/-/configs`),
  listTopicConfigs: (c: string, t: string) => listAll<TopicConfigData>(`${topic(c, t)}/configs`),
  updateTopicConfig: (c: string, t: string, name: string, value: string) =>
    request<void>("PUT", `${topic(c, t)}/configs/${enc(name)}`, { value }),
  resetTopicConfig: (c: string, t: string, name: string) => request<void>("DELETE", `${topic(c, t)}/configs/${enc(name)}`),

  listPartitions: (c: string, t: string) => listAll<PartitionData>(`${topic(c, t)}/partitions`),
  listReplicas: (c: string, t: string, p: number) => listAll<ReplicaData>(`${partition(c, t, p)}/replicas`),
  getPartitionLog: (c: string, t: string, p: number) => request<PartitionLog>("GET", `${partition(c, t, p)}/log`),
  listSegments: (c: string, t: string, p: number) => listAll<SegmentData>(`${partition(c, t, p)}/segments`),
  getRetention: (c: string, t: string, p: number) => request<PartitionRetention>("GET", `${partition(c, t, p)}/retention`),
  getCleaner: (c: string, t: string, p: number) => request<PartitionCleaner>("GET", `${partition(c, t, p)}/cleaner`),
  getTransactions: (c: string, t: string, p: number) => request<PartitionTransactions>("GET", `${partition(c, t, p)}/transactions`),
  listCorruptions: (c: string, t: string, p: number) => listAll<CorruptRangeData>(`${partition(c, t, p)}/corruptions`),

  readRecords: (c: string, t: string, p: number, from: ReadFrom, limit: number) => {
    const start = "offset" in from ? `offset=${from.offset}` : "timestamp" in from ? `timestamp=${from.timestamp}` : "from=newest";
    return request<RecordList>("GET", `${partition(c, t, p)}/records?${start}&limit=${limit}`);
  },
  /** Produces one record; the service answers with a delivery report whose own error_code says if it was stored. */
  produceRecord: async (c: string, t: string, body: ProduceRequest) => {
    const report = await request<ProduceResponse>("POST", `${topic(c, t)}/records`, body);
    if (report.error_code !== 200) throw new ApiError(report.error_code, report.message ?? "The record was not stored");
    return report;
  },

  listConsumerGroups: (c: string) => listAll<ConsumerGroupData>(`${cluster(c)}/consumer-groups`),
  getConsumerGroup: (c: string, g: string) => request<ConsumerGroupData>("GET", group(c, g)),
  listConsumers: (c: string, g: string) => listAll<ConsumerData>(`${group(c, g)}/consumers`),
  listAssignments: (c: string, g: string, consumerId: string) =>
    listAll<ConsumerAssignmentData>(`${group(c, g)}/consumers/${enc(consumerId)}/assignments`),
  listLags: (c: string, g: string) => listAll<ConsumerLagData>(`${group(c, g)}/lags`),
  getLagSummary: (c: string, g: string) => request<LagSummaryData>("GET", `${group(c, g)}/lag-summary`),
  getLagHistory: (c: string, g: string, minutes: number) => request<LagHistory>("GET", `${group(c, g)}/lag-history?minutes=${minutes}`),
  resetOffsets: (c: string, g: string, body: ResetOffsetsRequest) => request<ResetOffsetsPlan>("POST", `${group(c, g)}/offsets:reset`, body),
};
