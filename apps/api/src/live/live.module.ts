import { Module } from "@nestjs/common";
import { GroupConsumeModule } from "../group-consume/group-consume.module.js";
import { MetricsModule } from "../metrics/metrics.module.js";
import { RecordsModule } from "../records/records.module.js";
import { LiveTailService } from "./live-tail.service.js";
import { LiveGateway } from "./live.gateway.js";

/** The WebSocket endpoint `/ws`: live tail with server-side filters, produce with acks. */
@Module({
  imports: [MetricsModule, GroupConsumeModule, RecordsModule],
  providers: [LiveGateway, LiveTailService],
  exports: [LiveTailService],
})
export class LiveModule {}
