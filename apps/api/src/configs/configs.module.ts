import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { TopicConfigsController } from "./topic-configs.controller.js";
import { TopicConfigsService } from "./topic-configs.service.js";

/** v3 topic configs: list (one topic or all), get, set, reset, batch alter. */
@Module({
  imports: [ClusterModule],
  controllers: [TopicConfigsController],
  providers: [TopicConfigsService],
})
export class ConfigsModule {}
