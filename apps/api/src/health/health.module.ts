import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { HealthController } from "./health.controller.js";
import { HealthService } from "./health.service.js";

@Module({ imports: [ClusterModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
