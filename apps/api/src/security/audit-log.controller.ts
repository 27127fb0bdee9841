import { Controller, Get, Param, Query, Res } from "@nestjs/common";
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from "@nestjs/swagger";
import { AUDIT_SURFACES, AuditLog, Broker } from "@skein/broker";
import type { FastifyReply } from "fastify";
import { ClusterService } from "../cluster/cluster.service.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RestError } from "../errors/rest-error.js";
import { AuditLogReader, type AuditEventAt, type AuditQuery } from "./audit-log-reader.js";
import { RequireAcl } from "./route-security.js";
import { AuditEventListDto } from "./security.dto.js";

const OUTCOMES = ["success", "failure", "denied"];
const FORMATS = ["json", "ndjson", "csv"] as const;

function auditEventData(event: AuditEventAt) {
  return {
    offset: event.offset,
    time: event.time ?? 0,
    principal: event.principal,
    source_address: event.sourceAddress,
    surface: event.surface,
    operation: event.operation,
    resource: event.resource,
    outcome: event.outcome,
    ...(event.request !== undefined ? { request: event.request } : {}),
    ...(event.detail !== undefined ? { detail: event.detail } : {}),
  };
}

function csvField(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  // Quoted always; a leading =, +, - or @ is prefixed so spreadsheets do not run it as a formula.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replaceAll('"', '""')}"`;
}

function timeParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const number = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(number)) throw new RestError(400, 40002, `${name} must be epoch milliseconds or an ISO-8601 time, got '${value}'.`);
  return number;
}

/**
 * The audit log (`_skein_audit`), newest first, filtered, and exported as JSON lines or CSV. Reading it needs READ on
 * the topic, exactly as consuming it with a Kafka client does.
 */
@ApiTags("Audit log (Skein)")
@ApiForbiddenResponse({ type: ErrorDto, description: "No READ on the _skein_audit topic (40301)" })
@Controller("v3/clusters/:cluster_id")
export class AuditLogController {
  private readonly reader: AuditLogReader;

  constructor(
    private readonly cluster: ClusterService,
    broker: Broker,
  ) {
    this.reader = new AuditLogReader(broker);
  }

  @Get("audit-log")
  @RequireAcl(["READ", "TOPIC", { literal: AuditLog.TOPIC }])
  @ApiOperation({
    summary: "Read the audit log",
    description:
      "Authentications, changes and denials from every surface (wire, REST, WebSocket, console, CLI), newest first. Filters: principal, " +
      "surface, outcome, operation, resource (part of `TYPE:name`), since/until (epoch ms or ISO-8601). Pages with `before` = the previous " +
      "page's `metadata.next_before`. format=ndjson or csv downloads the matching events (up to limit, at most 100,000).",
  })
  @ApiQuery({ name: "principal", required: false, example: "User:alice" })
  @ApiQuery({ name: "surface", required: false, enum: [...AUDIT_SURFACES] })
  @ApiQuery({ name: "outcome", required: false, enum: OUTCOMES })
  @ApiQuery({ name: "operation", required: false, example: "DELETE" })
  @ApiQuery({ name: "resource", required: false, example: "TOPIC:orders" })
  @ApiQuery({ name: "since", required: false })
  @ApiQuery({ name: "until", required: false })
  @ApiQuery({ name: "before", required: false })
  @ApiQuery({ name: "limit", required: false, description: "Default 100; at most 1,000 (100,000 for exports)" })
  @ApiQuery({ name: "format", required: false, enum: [...FORMATS] })
  @ApiProduces("application/json", "application/x-ndjson", "text/csv")
  @ApiOkResponse({ type: AuditEventListDto })
  async read(@Links() links: ResourceLinks, @Param("cluster_id") clusterId: string, @Query() raw: Record<string, string | undefined>, @Res() reply: FastifyReply): Promise<void> {
    this.cluster.requireCluster(clusterId);
    const format = (raw.format ?? "json") as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new RestError(400, 40002, `format must be one of ${FORMATS.join(", ")}.`);
    const query = this.query(raw, format === "json" ? 1_000 : 100_000);
    const page = await this.reader.read(query);
    if (format === "json") {
      const self = `${links.url("v3", "clusters", clusterId, "audit-log")}`;
      const next = page.nextBefore === null ? null : `${self}?${new URLSearchParams({ ...definedOnly(raw), before: String(page.nextBefore) }).toString()}`;
      await reply.type("application/json").send({ kind: "SkeinAuditEventList", metadata: { self, next, next_before: page.nextBefore }, data: page.events.map(auditEventData) });
      return;
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    void reply.header("content-disposition", `attachment; filename="skein-audit-${stamp}.${format === "csv" ? "csv" : "jsonl"}"`);
    if (format === "ndjson") {
      await reply.type("application/x-ndjson").send(page.events.map((e) => `${JSON.stringify(auditEventData(e))}\n`).join(""));
      return;
    }
    const header = ["offset", "time", "principal", "source_address", "surface", "operation", "resource_type", "resource_name", "outcome", "request", "detail"];
    const rows = page.events.map((e) =>
      [e.offset, new Date(e.time ?? 0).toISOString(), e.principal, e.sourceAddress, e.surface, e.operation, e.resource?.type, e.resource?.name, e.outcome, e.request, e.detail].map(csvField).join(","),
    );
    await reply.type("text/csv; charset=utf-8").send(`${header.join(",")}\r\n${rows.map((r) => `${r}\r\n`).join("")}`);
  }

  private query(raw: Record<string, string | undefined>, maxLimit: number): AuditQuery {
    const limit = raw.limit === undefined || raw.limit === "" ? Math.min(100, maxLimit) : Number(raw.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw new RestError(400, 40002, `limit must be an integer from 1 to ${maxLimit}.`);
    if (raw.surface !== undefined && raw.surface !== "" && !(AUDIT_SURFACES as readonly string[]).includes(raw.surface)) throw new RestError(400, 40002, `surface must be one of ${AUDIT_SURFACES.join(", ")}.`);
    if (raw.outcome !== undefined && raw.outcome !== "" && !OUTCOMES.includes(raw.outcome)) throw new RestError(400, 40002, `outcome must be one of ${OUTCOMES.join(", ")}.`);
    const before = raw.before === undefined || raw.before === "" ? undefined : Number(raw.before);
    if (before !== undefined && (!Number.isSafeInteger(before) || before < 0)) throw new RestError(400, 40002, "before must be an offset.");
    const text = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);
    return {
      principal: text(raw.principal),
      surface: text(raw.surface),
      outcome: text(raw.outcome),
      operation: text(raw.operation)?.toUpperCase(),
      resource: text(raw.resource),
      since: timeParam("since", raw.since),
      until: timeParam("until", raw.until),
      beforeOffset: before,
      limit,
    };
  }
}

function definedOnly(raw: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== "before"));
}
