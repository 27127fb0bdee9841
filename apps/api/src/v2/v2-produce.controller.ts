import { Body, Controller, Header, HttpCode, Param, Post, Query, Req, Res, UseFilters } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
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
import { pathInt } from "../common/path-params.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { ProducerSettings } from "../config/producer-settings.js";
import { LOG_DIR_FULL } from "../errors/kafka-error-mapping.js";
import { ACKS_QUERY_DESCRIPTION, acksQuery } from "../records/producer-acks.js";
import { V2ExceptionFilter } from "./v2-exception.filter.js";
import { produceFormatOf, V2_JSON } from "./v2-media-types.js";
import { V2ProduceService, type V2ProduceResponse } from "./v2-produce.service.js";
import { V2ProduceRequestDto, V2ProduceResponseDto } from "./v2.dto.js";
import { Broker } from "@skein/broker";
import { HttpAuthorizer } from "../security/http-authorizer.js";
import { identityOf } from "../security/http-identity.js";
import { authorizeProduce } from "../security/produce-authorization.js";
import { AuthorizeInHandler } from "../security/route-security.js";

const CONSUMES = ["application/vnd.kafka.binary.v2+json", "application/vnd.kafka.json.v2+json", V2_JSON];

@ApiTags("Produce (v2)")
@UseFilters(V2ExceptionFilter)
@Controller("topics")
export class V2ProduceController {
  constructor(
    private readonly produce: V2ProduceService,
    private readonly settings: ProducerSettings,
    private readonly broker: Broker,
    private readonly authz: HttpAuthorizer,
  ) {}

  @Post(":topic")
  @AuthorizeInHandler("WRITE on the topic, and CREATE for a topic it auto-creates")
  @HttpCode(200)
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Produce to a topic", description: "The Content-Type names the embedded format: binary (base64; also the generic v2 type) or json." })
  @ApiConsumes(...CONSUMES)
  @ApiQuery({ name: "acks", required: false, enum: ["0", "1", "all", "-1"], description: ACKS_QUERY_DESCRIPTION })
  @ApiBody({ type: V2ProduceRequestDto })
  @ApiOkResponse({ type: V2ProduceResponseDto })
  @ApiBadRequestResponse({ type: ErrorDto, description: "An unknown acks value (40002); a key or value that is not base64 (binary)" })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: "No records (422); avro, protobuf or jsonschema without a schema registry (42206)" })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorDto })
  @ApiResponse({ status: 507, type: V2ProduceResponseDto, description: "A record was refused because the disk is full: error_code 50701 at the top and on each refused record" })
  async toTopic(
    @Param("topic") topic: string,
    @Query("acks") acks: string | undefined,
    @Req() request: FastifyRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<V2ProduceResponse> {
    authorizeProduce(this.authz, this.broker, identityOf(request), topic, "POST /topics/{topic}");
    return answered(reply, await this.produce.produce(topic, produceFormatOf(request), body, acksQuery(acks, this.settings.acks)));
  }

  @Post(":topic/partitions/:partition")
  @AuthorizeInHandler("WRITE on the topic, and CREATE for a topic it auto-creates")
  @HttpCode(200)
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Produce to a partition", description: "A record's own `partition` wins over the path's, as in the REST Proxy." })
  @ApiConsumes(...CONSUMES)
  @ApiQuery({ name: "acks", required: false, enum: ["0", "1", "all", "-1"], description: ACKS_QUERY_DESCRIPTION })
  @ApiBody({ type: V2ProduceRequestDto })
  @ApiOkResponse({ type: V2ProduceResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "A partition the topic does not have (40402)" })
  @ApiResponse({ status: 507, type: V2ProduceResponseDto, description: "A record was refused because the disk is full: error_code 50701 at the top and on each refused record" })
  async toPartition(
    @Param("topic") topic: string,
    @Param("partition") partition: string,
    @Query("acks") acks: string | undefined,
    @Req() request: FastifyRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<V2ProduceResponse> {
    authorizeProduce(this.authz, this.broker, identityOf(request), topic, "POST /topics/{topic}/partitions/{partition}");
    return answered(reply, await this.produce.produce(topic, produceFormatOf(request), body, acksQuery(acks, this.settings.acks), pathInt(partition)));
  }
}

/** 507 when a record was refused because the disk is full (the REST Proxy answers its producer's errors inside a 200 otherwise). */
function answered(reply: FastifyReply, response: V2ProduceResponse): V2ProduceResponse {
  if (response.error_code === LOG_DIR_FULL) void reply.status(507);
  return response;
}
