import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { ConsumerGroupsController } from "./consumer-groups.controller.js";
import { ConsumerGroupsService } from "./consumer-groups.service.js";
import { LagHistoryService } from "./lag-history.service.js";

/** v3 consumer groups: description, members, assignments, lag (now and over time), offset reset and deletion. */
@Module({
  imports: [ClusterModule],
  controllers: [ConsumerGroupsController],
  providers: [ConsumerGroupsService, LagHistoryService],
  exports: [ConsumerGroupsService, LagHistoryService],
})
export class ConsumerGroupsModule {}
