import { Body, Controller, HttpCode, Param, Post, Query, Req, Res } from "@nestjs/common";
import { RouteConfig } from "@nestjs/platform-fastify";
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from "@nestjs/swagger";
import type { FastifyReply, FastifyRequest } from "fastify";
import { payloadError } from "../common/v3-body.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { ProducerSettings } from "../config/producer-settings.js";
import { MetricsService } from "../metrics/metrics.service.js";
import { ACKS_QUERY_DESCRIPTION, acksQuery } from "./producer-acks.js";
import { readWholeBody, RECORD_STREAM_ROUTE, recordStreamOf, sendReportStream } from "./record-stream-body.js";
import { ProduceBatchRequestDto, ProduceBatchResponseDto, ProduceRequestDto, ProduceResponseDto } from "./records.dto.js";
import { RecordsService, type BatchFailure, type BatchSuccess } from "./records.service.js";
import { Broker } from "@skein/broker";
import { ClusterService } from "../cluster/cluster.service.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { Identity, identityOf, type HttpIdentity } from "../security/http-identity.js";
import { authorizeProduce } from "../security/produce-authorization.js";
import { AuthorizeInHandler } from "../security/route-security.js";

@ApiTags("Records (v3)")
@ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), or no such topic while auto.create.topics.enable=false (40403)" })
@Controller("v3/clusters/:cluster_id/topics")
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly metrics: MetricsService,
    private readonly settings: ProducerSettings,
    private readonly cluster: ClusterService,
    private readonly broker: Broker,
    private readonly authz: HttpAuthorizer,
  ) {}

  /** The cluster, then Kafka's produce rules (WRITE; CREATE for a topic it would auto-create). */
  private authorize(clusterId: string, topicName: string, identity: HttpIdentity, route: string): void {
    this.cluster.requireCluster(clusterId);
    authorizeProduce(this.authz, this.broker, identity, topicName, route);
  }

  @Post(":topic_name/records")
  @AuthorizeInHandler("WRITE on the topic, and CREATE for a topic it auto-creates")
  @RouteConfig(RECORD_STREAM_ROUTE)
  @ApiOperation({
    summary: "Produce Records",
    description:
      "One record, or many concatenated JSON records in one (chunked) body: one delivery report per record, in order, " +
      "each followed by \\r\\n and written as soon as the record is stored. Per-record errors travel inside the 200, except that a " +
      "body sent whole (with a Content-Length up to 1 MiB) in which a record was refused because the disk is full answers 507 " +
      "(its report has error_code 50701). A streamed body's reports carry 50701 inside the 200.",
  })
  @ApiQuery({ name: "acks", required: false, enum: ["0", "1", "all", "-1"], description: ACKS_QUERY_DESCRIPTION })
  @ApiBody({ type: ProduceRequestDto })
  @ApiOkResponse({ type: ProduceResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An unknown acks value (40002)" })
  @ApiResponse({ status: 507, type: ErrorDto, description: "The data directory's disk is full (50701): nothing of the refused records was written" })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: "Empty body (42206)" })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorDto, description: "Not application/json" })
  async produce(
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Query("acks") acksParam: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const acks = acksQuery(acksParam, this.settings.acks);
    const body = recordStreamOf(request);
    this.authorize(clusterId, topicName, identityOf(request), "POST /v3/clusters/{c}/topics/{t}/records");
    this.records.requireWritableTopic(clusterId, topicName);
    if (request.headers["content-length"] === "0") throw payloadError("Request body is empty. Data is required.");
    const maxRecordBytes = request.routeOptions.bodyLimit;
    const whole = await readWholeBody(request, body);
    if (whole === undefined) {
      await sendReportStream(request, reply, this.records.produceStream(clusterId, topicName, body, maxRecordBytes, acks), this.metrics);
    } else {
      const { status, reports } = await this.records.produceWhole(clusterId, topicName, whole, maxRecordBytes, acks);
      await reply.status(status).type("application/json").send(reports);
    }
  }

  @Post(":topic_name/records::batch")
  @AuthorizeInHandler("WRITE on the topic, and CREATE for a topic it auto-creates")
  @HttpCode(207)
  @ApiOperation({ summary: "Produce Records Batch", description: `At most 1000 entries with distinct ids; each succeeds or fails on its own.` })
  @ApiQuery({ name: "acks", required: false, enum: ["0", "1", "all", "-1"], description: ACKS_QUERY_DESCRIPTION })
  @ApiBody({ type: ProduceBatchRequestDto })
  @ApiResponse({ status: 207, type: ProduceBatchResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: "No body, no entries, too many, or ids missing or repeated (42208)" })
  produceBatch(
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Query("acks") acksParam: string | undefined,
    @Body() body: unknown,
    @Identity() identity: HttpIdentity,
  ): Promise<{ successes: BatchSuccess[]; failures: BatchFailure[] }> {
    this.authorize(clusterId, topicName, identity, "POST /v3/clusters/{c}/topics/{t}/records:batch");
    return this.records.produceBatch(clusterId, topicName, body, acksQuery(acksParam, this.settings.acks));
  }
}
