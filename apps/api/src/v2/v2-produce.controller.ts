import { Body, Controller, Header, HttpCode, Param, Post, Query, Req, UseFilters } from "@nestjs/common";
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from "@nestjs/swagger";
import type { FastifyRequest } from "fastify";
import { pathInt } from "../common/path-params.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { ProducerSettings } from "../config/producer-settings.js";
import { ACKS_QUERY_DESCRIPTION, acksQuery } from "../records/producer-acks.js";
import { V2ExceptionFilter } from "./v2-exception.filter.js";
import { produceFormatOf, V2_JSON } from "./v2-media-types.js";
import { V2ProduceService, type V2ProduceResponse } from "./v2-produce.service.js";
import { V2ProduceRequestDto, V2ProduceResponseDto } from "./v2.dto.js";

const CONSUMES = ["application/vnd.kafka.binary.v2+json", "application/vnd.kafka.json.v2+json", V2_JSON];

@ApiTags("Produce (v2)")
@UseFilters(V2ExceptionFilter)
@Controller("topics")
export class V2ProduceController {
  constructor(
    private readonly produce: V2ProduceService,
    private readonly settings: ProducerSettings,
  ) {}

  @Post(":topic")
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
  toTopic(@Param("topic") topic: string, @Query("acks") acks: string | undefined, @Req() request: FastifyRequest, @Body() body: unknown): Promise<V2ProduceResponse> {
    return this.produce.produce(topic, produceFormatOf(request), body, acksQuery(acks, this.settings.acks));
  }

  @Post(":topic/partitions/:partition")
  @HttpCode(200)
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Produce to a partition", description: "A record's own `partition` wins over the path's, as in the REST Proxy." })
  @ApiConsumes(...CONSUMES)
  @ApiQuery({ name: "acks", required: false, enum: ["0", "1", "all", "-1"], description: ACKS_QUERY_DESCRIPTION })
  @ApiBody({ type: V2ProduceRequestDto })
  @ApiOkResponse({ type: V2ProduceResponseDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "A partition the topic does not have (40402)" })
  toPartition(
    @Param("topic") topic: string,
    @Param("partition") partition: string,
    @Query("acks") acks: string | undefined,
    @Req() request: FastifyRequest,
    @Body() body: unknown,
  ): Promise<V2ProduceResponse> {
    return this.produce.produce(topic, produceFormatOf(request), body, acksQuery(acks, this.settings.acks), pathInt(partition));
  }
}
