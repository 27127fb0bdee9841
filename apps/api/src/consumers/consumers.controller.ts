import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Req, Res, UseFilters } from "@nestjs/common";
import { ApiBody, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from "@nestjs/swagger";
import type { FastifyReply, FastifyRequest } from "fastify";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { RestError } from "../errors/rest-error.js";
import { V2ExceptionFilter } from "../v2/v2-exception.filter.js";
import { V2_JSON } from "../v2/v2-media-types.js";
import { DEFAULT_REQUEST_MAX_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from "./consumer-settings.js";
import { ConsumerInstancesService } from "./consumer-instances.service.js";
import type { CommittedPosition, TopicPartition } from "./consumer-instance.js";
import { parseCommit, parseCreateInstance, parsePartitions, parseSeek, parseSubscription, queryInt } from "./consumer-requests.js";
import { formatMismatch, mediaTypeOf, requestedFormat, V2_BINARY_RECORDS, V2_JSON_RECORDS } from "./embedded-format.js";
import { readGetBody } from "./get-body.js";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { identityOf } from "../security/http-identity.js";
import { AuthorizeInHandler, RequireAcl, param } from "../security/route-security.js";

/** The longest a `GET records` may wait for records. */
const MAX_READ_TIMEOUT_MS = 30_000;

/** REST Proxy v2 consumer instances: HTTP shapes only; `ConsumerInstancesService` and `ConsumerInstance` do the work. */
@ApiTags("Consumers (v2)")
@Controller("consumers")
@UseFilters(V2ExceptionFilter)
export class ConsumersController {
  constructor(
    private readonly instances: ConsumerInstancesService,
    private readonly authz: HttpAuthorizer,
  ) {}

  /** `operation` on the group and on each topic (each named once), as Kafka checks a consumer's requests. */
  private authorize(request: FastifyRequest, operation: "READ" | "DESCRIBE", group: string, topics: Iterable<string>): void {
    const identity = identityOf(request);
    const route = `${request.method} ${request.routeOptions.url}`;
    this.authz.require(identity, operation, "GROUP", group, route);
    for (const topic of new Set(topics)) this.authz.require(identity, operation, "TOPIC", topic, route);
  }

  @Post(":group")
  @RequireAcl(["READ", "GROUP", param("group")])
  @HttpCode(200)
  @Header("Content-Type", V2_JSON)
  @ApiOperation({ summary: "Create a consumer instance", description: "instance_id is the requested name; 40902 when the group has one of that name." })
  @ApiBody({ schema: { example: { name: "my_consumer", format: "json", "auto.offset.reset": "earliest", "auto.commit.enable": "false" } } })
  @ApiOkResponse({ schema: { example: { instance_id: "my_consumer", base_uri: "http://localhost:8080/consumers/my_group/instances/my_consumer" } } })
  async create(@Param("group") group: string, @Body() body: unknown, @Links() links: ResourceLinks, @Req() request: FastifyRequest): Promise<{ instance_id: string; base_uri: string }> {
    const instance = await this.instances.create(group, parseCreateInstance(body), clientHost(request));
    return { instance_id: instance.name, base_uri: links.url("consumers", group, "instances", instance.name) };
  }

  @Delete(":group/instances/:instance")
  @RequireAcl(["READ", "GROUP", param("group")])
  @HttpCode(204)
  @ApiOperation({ summary: "Delete a consumer instance", description: "Commits (with auto-commit) and leaves the group." })
  async delete(@Param("group") group: string, @Param("instance") name: string, @Req() request: FastifyRequest): Promise<void> {
    await this.instances.delete(group, name, clientHost(request));
  }

  @Post(":group/instances/:instance/subscription")
  @AuthorizeInHandler("READ on the group and on every topic subscribed (a pattern subscribes to the readable topics it matches)")
  @HttpCode(204)
  @ApiOperation({ summary: "Subscribe to topics or a topic pattern" })
  @ApiBody({ schema: { example: { topics: ["orders"] } } })
  async subscribe(@Param("group") group: string, @Param("instance") name: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<void> {
    const subscription = parseSubscription(body);
    this.authorize(request, "READ", group, "topics" in subscription ? subscription.topics : []);
    (await this.instances.get(group, name, clientHost(request))).subscribe(subscription);
  }

  @Get(":group/instances/:instance/subscription")
  @RequireAcl(["READ", "GROUP", param("group")])
  @Header("Content-Type", V2_JSON)
  @ApiOperation({ summary: "The subscribed topics" })
  @ApiOkResponse({ schema: { example: { topics: ["orders"] } } })
  async subscription(@Param("group") group: string, @Param("instance") name: string, @Req() request: FastifyRequest): Promise<{ topics: string[] }> {
    return { topics: (await this.instances.get(group, name, clientHost(request))).subscription() };
  }

  @Delete(":group/instances/:instance/subscription")
  @RequireAcl(["READ", "GROUP", param("group")])
  @HttpCode(204)
  @ApiOperation({ summary: "Unsubscribe (leaves the group)" })
  async unsubscribe(@Param("group") group: string, @Param("instance") name: string, @Req() request: FastifyRequest): Promise<void> {
    await (await this.instances.get(group, name, clientHost(request))).unsubscribe();
  }

  @Post(":group/instances/:instance/assignments")
  @AuthorizeInHandler("READ on the group and on every topic assigned")
  @HttpCode(204)
  @ApiOperation({ summary: "Assign partitions manually" })
  @ApiBody({ schema: { example: { partitions: [{ topic: "orders", partition: 0 }] } } })
  async assign(@Param("group") group: string, @Param("instance") name: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<void> {
    const partitions = parsePartitions(body);
    this.authorize(request, "READ", group, partitions.map((p) => p.topic));
    (await this.instances.get(group, name, clientHost(request))).assign(partitions);
  }

  @Get(":group/instances/:instance/assignments")
  @RequireAcl(["READ", "GROUP", param("group")])
  @Header("Content-Type", V2_JSON)
  @ApiOperation({ summary: "The partitions the instance reads (manual, or assigned by its group)" })
  async assignments(@Param("group") group: string, @Param("instance") name: string, @Req() request: FastifyRequest): Promise<{ partitions: TopicPartition[] }> {
    return { partitions: (await this.instances.get(group, name, clientHost(request))).assignment() };
  }

  @Post(":group/instances/:instance/positions")
  @RequireAcl(["READ", "GROUP", param("group")])
  @HttpCode(204)
  @ApiOperation({ summary: "Seek partitions to offsets" })
  @ApiBody({ schema: { example: { offsets: [{ topic: "orders", partition: 0, offset: 42 }] } } })
  async seek(@Param("group") group: string, @Param("instance") name: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<void> {
    const offsets = parseSeek(body);
    await (await this.instances.get(group, name, clientHost(request))).seek(offsets);
  }

  @Post(":group/instances/:instance/positions/beginning")
  @RequireAcl(["READ", "GROUP", param("group")])
  @HttpCode(204)
  @ApiOperation({ summary: "Seek partitions to their first offset" })
  async seekToBeginning(@Param("group") group: string, @Param("instance") name: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<void> {
    const partitions = parsePartitions(body);
    await (await this.instances.get(group, name, clientHost(request))).seekToBeginning(partitions);
  }

  @Post(":group/instances/:instance/positions/end")
  @RequireAcl(["READ", "GROUP", param("group")])
  @HttpCode(204)
  @ApiOperation({ summary: "Seek partitions to their end" })
  async seekToEnd(@Param("group") group: string, @Param("instance") name: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<void> {
    const partitions = parsePartitions(body);
    await (await this.instances.get(group, name, clientHost(request))).seekToEnd(partitions);
  }

  @Get(":group/instances/:instance/records")
  @AuthorizeInHandler("READ on the group and on every topic the instance reads, at every read (as Kafka checks every Fetch)")
  @ApiOperation({
    summary: "Read records",
    description: "Answers in the instance's embedded format: Accept application/vnd.kafka.json.v2+json or binary (40601 when it differs).",
  })
  @ApiProduces(V2_BINARY_RECORDS, V2_JSON_RECORDS)
  async records(
    @Param("group") group: string,
    @Param("instance") name: string,
    @Query("timeout") timeout: string | undefined,
    @Query("max_bytes") maxBytes: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const timeoutMs = Math.min(queryInt(timeout, DEFAULT_REQUEST_TIMEOUT_MS), MAX_READ_TIMEOUT_MS);
    const bytes = queryInt(maxBytes, DEFAULT_REQUEST_MAX_BYTES) || DEFAULT_REQUEST_MAX_BYTES;
    const wanted = requestedFormat(request.headers.accept);
    this.authorize(request, "READ", group, []);
    const instance = await this.instances.get(group, name, clientHost(request));
    this.authorize(request, "READ", group, instance.assignment().map((p) => p.topic));
    if (wanted !== instance.format) throw formatMismatch();
    const { answer } = await instance.read(timeoutMs, bytes);
    void reply.type(mediaTypeOf(instance.format));
    return answer;
  }

  @Post(":group/instances/:instance/offsets")
  @AuthorizeInHandler("READ on the group and on every topic committed")
  @HttpCode(200)
  @Header("Content-Type", V2_JSON)
  @ApiOperation({
    summary: "Commit offsets",
    description:
      "Stores offset + 1 of each given record; without a body, the positions of every assigned partition. Answers the JSON array " +
      "of what was committed, as the REST Proxy's CommitOffsetsResponse: {topic, partition, consumed, committed} per partition.",
  })
  @ApiBody({ required: false, schema: { example: { offsets: [{ topic: "orders", partition: 0, offset: 41 }] } } })
  @ApiOkResponse({ schema: { example: [{ topic: "orders", partition: 0, consumed: 41, committed: 42 }] } })
  async commit(@Param("group") group: string, @Param("instance") name: string, @Body() body: unknown, @Req() request: FastifyRequest): Promise<CommittedPosition[]> {
    const offsets = parseCommit(body);
    this.authorize(request, "READ", group, []);
    const instance = await this.instances.get(group, name, clientHost(request));
    this.authorize(request, "READ", group, (offsets ?? instance.assignment()).map((p) => p.topic));
    return instance.commit(offsets);
  }

  @Get(":group/instances/:instance/offsets")
  @AuthorizeInHandler("DESCRIBE on the group and on every topic asked for")
  @Header("Content-Type", V2_JSON)
  @ApiOperation({ summary: "Committed offsets", description: 'A GET with a JSON body: {"partitions": [{"topic": "orders", "partition": 0}]}.' })
  async committed(
    @Param("group") group: string,
    @Param("instance") name: string,
    @Req() request: FastifyRequest,
  ): Promise<{ offsets: { topic: string; partition: number; offset: number; metadata: string }[] }> {
    const body = request.body ?? (await readGetBody(request.raw, request.routeOptions.bodyLimit));
    this.authorize(request, "DESCRIBE", group, []);
    const instance = await this.instances.get(group, name, clientHost(request));
    // The REST Proxy answers a request without a body (no partitions asked for) 40402 Partition not found.
    if (body === undefined || body === null) throw new RestError(404, 40402, "Partition not found.");
    const partitions = parsePartitions(body);
    this.authorize(request, "DESCRIBE", group, partitions.map((p) => p.topic));
    return { offsets: instance.committed(partitions) };
  }
}

/** Kafka shows a member's host as `/address`. */
function clientHost(request: FastifyRequest): string {
  return `/${request.ip}`;
}
