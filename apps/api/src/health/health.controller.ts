import { Controller, Get } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from "@nestjs/swagger";
import { HealthService } from "./health.service.js";

@ApiTags("service")
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get("healthz")
  @ApiOperation({ summary: "Liveness: the process answers" })
  @ApiOkResponse({ description: "Alive", schema: { example: { status: "ok" } } })
  live(): { status: "ok" } {
    return { status: "ok" };
  }

  @Get("readyz")
  @ApiOperation({ summary: "Readiness: the engine is open and the metadata database answers" })
  @ApiOkResponse({ description: "Ready", schema: { example: { status: "ready" } } })
  @ApiServiceUnavailableResponse({ description: "Not ready", schema: { example: { error_code: 503, message: "Not ready: metadata database: connection refused" } } })
  async ready(): Promise<{ status: "ready" }> {
    await this.health.checkReady();
    return { status: "ready" };
  }
}
