import type { ProduceResult } from "@skein/broker";
import type { RestError } from "../errors/rest-error.js";
import type { DataReport, ParsedProduceRequest } from "./produce-request.js";

/** A successful delivery report, as the REST Proxy writes it (`key` and `value` only when the request typed them). */
export interface DeliveryReport {
  error_code: 200;
  cluster_id: string;
  topic_name: string;
  partition_id: number;
  offset: number;
  timestamp: string;
  key?: DataReport;
  value?: DataReport;
}

/** The report of a stored record. */
export function deliveryReport(clusterId: string, topicName: string, request: ParsedProduceRequest, result: ProduceResult): DeliveryReport {
  const report: DeliveryReport = {
    error_code: 200,
    cluster_id: clusterId,
    topic_name: topicName,
    partition_id: result.partition,
    offset: result.offset,
    timestamp: instantText(result.timestamp),
  };
  if (request.key) report.key = request.key;
  if (request.value) report.value = request.value;
  return report;
}

/**
 * `deliveryReport` as JSON text, built by concatenation: a streamed produce writes one per record, and this is the
 * hot path of a thousand-record request. Same fields, same order.
 */
export function deliveryReportWriter(clusterId: string, topicName: string): (request: ParsedProduceRequest, result: ProduceResult) => string {
  const prefix = `{"error_code":200,"cluster_id":${JSON.stringify(clusterId)},"topic_name":${JSON.stringify(topicName)},"partition_id":`;
  const data = (name: string, report: DataReport | undefined) => (report ? `,"${name}":{"type":"${report.type}","size":${report.size}}` : "");
  return (request, result) =>
    `${prefix}${result.partition},"offset":${result.offset},"timestamp":"${instantText(result.timestamp)}"${data("key", request.key)}${data("value", request.value)}}`;
}

/** The report of a record that was not stored. */
export function errorReport(error: RestError): { error_code: number; message: string } {
  return { error_code: error.errorCode, message: error.message };
}

let lastMillis = Number.NaN;
let lastText = "";

/** Epoch milliseconds as Java's `Instant.toString()` writes them (the REST Proxy's JSON): no ".000" fraction. */
export function instantText(millis: number): string {
  // Records produced together share a timestamp: remember the last one formatted.
  if (millis !== lastMillis) {
    const iso = new Date(millis).toISOString();
    lastText = iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
    lastMillis = millis;
  }
  return lastText;
}
