import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { MetricsModule } from "../metrics/metrics.module.js";
import { RecordSearchController } from "./record-search.controller.js";

/** Skein's server-side record search: a streamed, cancellable scan of a topic. */
@Module({
  imports: [ClusterModule, MetricsModule],
  controllers: [RecordSearchController],
})
export class SearchModule {}
