import { Controller, Get, Query, Res } from "@nestjs/common";
import { ApiOkResponse, ApiOperation, ApiQuery, ApiServiceUnavailableResponse, ApiTags } from "@nestjs/swagger";
import type { FastifyReply } from "fastify";
import { HealthService } from "./health.service.js";
import type { ReadinessReport } from "./readiness.js";
import { PublicRoute } from "../security/route-security.js";

const READY_EXAMPLE = {
  status: "degraded",
  writable: false,
  checks: {
    engine: { status: "pass" },
    storage: { status: "fail", reason: "The data directory /data is full (99.9% used, 0 bytes usable): produces are refused until space is freed.", log_dir: "/data", state: "full" },
    metadata_database: { status: "pass", database: "sqlite" },
    broker_registration: { status: "pass", registered: true, listener: "localhost:8080" },
  },
};

@ApiTags("service")
@Controller()
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get("healthz")
  @PublicRoute("load balancers and orchestrators probe it")
  @ApiOperation({ summary: "Liveness: the process answers" })
  @ApiOkResponse({ description: "Alive", schema: { example: { status: "ok" } } })
  live(): { status: "ok" } {
    return { status: "ok" };
  }

  @Get("readyz")
  @PublicRoute("load balancers and orchestrators probe it")
  @ApiOperation({
    summary: "Readiness, check by check",
    description:
      "200 while the service can serve reads: `status` is `ready`, or `degraded` when a check fails (the data directory full or failed, " +
      "the metadata database unreachable); `writable` says whether produces are accepted. 503 when the engine is shut down. With " +
      "`?writes=true` (for a load balancer that routes producers) the answer is 503 also while writes are refused.",
  })
  @ApiQuery({ name: "writes", required: false, enum: ["true", "false"], description: "Answer 503 unless produces are accepted" })
  @ApiOkResponse({ description: "Serving (maybe degraded)", schema: { example: READY_EXAMPLE } })
  @ApiServiceUnavailableResponse({ description: "Not ready (or, with ?writes=true, not taking writes): the REST error shape with the checks", schema: { example: { error_code: 503, message: "Not ready: the engine is shut down.", ...READY_EXAMPLE } } })
  async ready(@Query("writes") writes: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport | (ReadinessReport & { error_code: number; message: string })> {
    const report = await this.health.readiness();
    const { engine, storage } = report.checks;
    if (engine.status === "fail") return notReady(reply, `Not ready: ${engine.reason}`, report);
    if (writes === "true" && !report.writable) return notReady(reply, `Not ready for writes: ${storage.reason}`, report);
    return report;
  }
}

function notReady(reply: FastifyReply, message: string, report: ReadinessReport): ReadinessReport & { error_code: number; message: string } {
  void reply.status(503);
  return { error_code: 503, message, ...report };
}
