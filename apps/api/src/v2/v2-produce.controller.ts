import { Body, Controller, Header, HttpCode, Param, Post, Req, UseFilters } from "@nestjs/common";
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse, ApiUnsupportedMediaTypeResponse } from "@nestjs/swagger";
import type { FastifyRequest } from "fastify";
import { pathInt } from "../common/path-params.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { V2ExceptionFilter } from "./v2-exception.filter.js";
import { produceFormatOf, V2_JSON } from "./v2-media-types.js";
import { V2ProduceService, type V2ProduceResponse } from "./v2-produce.service.js";
import { V2ProduceRequestDto, V2ProduceResponseDto } from "./v2.dto.js";

const CONSUMES = ["application/vnd.kafka.binary.v2+json", "application/vnd.kafka.json.v2+json", V2_JSON];

@ApiTags("Produce (v2)")
@UseFilters(V2ExceptionFilter)
@Controller("topics")
export class V2ProduceController {
  constructor(private readonly produce: V2ProduceService) {}

  @Post(":topic")
  @HttpCode(200)
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Produce to a topic", description: "The Content-Type names the embedded format: binary (base64; also the generic v2 type) or json." })
  @ApiConsumes(...CONSUMES)
  @ApiBody({ type: V2ProduceRequestDto })
  @ApiOkResponse({ type: V2ProduceResponseDto })
  @ApiUnprocessableEntityResponse({ type: ErrorDto, description: "No records (422); avro, protobuf or jsonschema without a schema registry (42206)" })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorDto })
  toTopic(@Param("topic") topic: string, @Req() request: FastifyRequest, @Body() body: unknown): Promise<V2ProduceResponse> {
    return this.produce.produce(topic, produceFormatOf(request), body);
  }

  @Post(":topic/partitions/:partition")
  @HttpCode(200)
  @Header("content-type", V2_JSON)
  @ApiOperation({ summary: "Produce to a partition", description: "A record's own `partition` wins over the path's, as in the REST Proxy." })
  @ApiConsumes(...CONSUMES)
  @ApiBody({ type: V2ProduceRequestDto })
  @ApiOkResponse({ type: V2ProduceResponseDto })
  toPartition(@Param("topic") topic: string, @Param("partition") partition: string, @Req() request: FastifyRequest, @Body() body: unknown): Promise<V2ProduceResponse> {
    return this.produce.produce(topic, produceFormatOf(request), body, pathInt(partition));
  }
}
