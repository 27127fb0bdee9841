import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { MetricsModule } from "../metrics/metrics.module.js";
import { ProduceBatcher } from "./produce-batcher.js";
import { RecordStreamBody } from "./record-stream-body.js";
import { RecordsController } from "./records.controller.js";
import { RecordsService } from "./records.service.js";

/** v3 produce: `POST .../topics/{t}/records` (single or streamed) and `.../records:batch`. */
@Module({
  imports: [ClusterModule, MetricsModule],
  controllers: [RecordsController],
  providers: [RecordsService, RecordStreamBody, ProduceBatcher],
  exports: [ProduceBatcher],
})
export class RecordsModule {}
