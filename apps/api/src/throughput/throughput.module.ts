import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { MetricsModule } from "../metrics/metrics.module.js";
import { ThroughputController } from "./throughput.controller.js";
import { ThroughputService } from "./throughput.service.js";

/** Cluster activity: `GET /v3/clusters/{c}/throughput`, and `ThroughputService.recordOut` for every reader of records. */
@Module({
  imports: [ClusterModule, MetricsModule],
  controllers: [ThroughputController],
  providers: [ThroughputService],
  exports: [ThroughputService],
})
export class ThroughputModule {}
