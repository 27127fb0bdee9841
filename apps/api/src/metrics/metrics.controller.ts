import { Controller, Get, Header, Res } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import type { FastifyReply } from "fastify";
import { MetricsService } from "./metrics.service.js";
import { CLUSTER, RequireAcl } from "../security/route-security.js";

@ApiTags("service")
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get("metrics")
  @RequireAcl(["DESCRIBE", "CLUSTER", CLUSTER])
  @Header("cache-control", "no-store")
  @ApiOperation({ summary: "Prometheus metrics (text exposition format)" })
  @ApiOkResponse({ description: "The metrics", content: { "text/plain": { schema: { type: "string" } } } })
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const body = await this.metrics.registry.metrics();
    await reply.type(this.metrics.registry.contentType).send(body);
  }
}
