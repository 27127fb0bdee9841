import { Module, type DynamicModule } from "@nestjs/common";
import { ClusterModule } from "./cluster/cluster.module.js";
import { ProducerSettings } from "./config/producer-settings.js";
import { SettingsModule } from "./config/settings.module.js";
import { ConfigsModule } from "./configs/configs.module.js";
import { ConsumerGroupsModule } from "./consumer-groups/consumer-groups.module.js";
import { ConsumersModule } from "./consumers/consumers.module.js";
import { Engine } from "./engine/engine.js";
import { EngineModule } from "./engine/engine.module.js";
import { HealthModule } from "./health/health.module.js";
import { LiveModule } from "./live/live.module.js";
import { LogDirsModule } from "./log-dirs/log-dirs.module.js";
import { MetricsModule } from "./metrics/metrics.module.js";
import { PartitionsModule } from "./partitions/partitions.module.js";
import { RecordsModule } from "./records/records.module.js";
import type { HttpSecuritySettings } from "./security/http-security-settings.js";
import { SecurityModule } from "./security/security.module.js";
import { SearchModule } from "./search/search.module.js";
import { ThroughputModule } from "./throughput/throughput.module.js";
import { TopicsModule } from "./topics/topics.module.js";
import { V2Module } from "./v2/v2.module.js";

/** The service: one module per resource, over the embedded engine. */
@Module({})
export class AppModule {
  static forRoot(engine: Engine, producer: ProducerSettings, security: HttpSecuritySettings): DynamicModule {
    return {
      module: AppModule,
      imports: [
        EngineModule.forRoot(engine),
        SettingsModule.forRoot(producer),
        SecurityModule.forRoot(engine, security),
        HealthModule,
        MetricsModule,
        ClusterModule,
        TopicsModule,
        ConfigsModule,
        PartitionsModule,
        ConsumersModule,
        ConsumerGroupsModule,
        RecordsModule,
        SearchModule,
        V2Module,
        LiveModule,
        ThroughputModule,
        LogDirsModule,
      ],
    };
  }
}
