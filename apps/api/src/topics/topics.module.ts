import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { TopicsController } from "./topics.controller.js";
import { TopicsService } from "./topics.service.js";

/** v3 topics: list, create, describe, raise the partition count, delete. */
@Module({
  imports: [ClusterModule],
  controllers: [TopicsController],
  providers: [TopicsService],
  exports: [TopicsService],
})
export class TopicsModule {}
