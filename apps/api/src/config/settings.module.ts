import { Module, type DynamicModule } from "@nestjs/common";
import { ProducerSettings } from "./producer-settings.js";

/** Provides the service-wide settings main.ts read from the environment (or a test chose) to every module. */
@Module({})
export class SettingsModule {
  static forRoot(producer: ProducerSettings): DynamicModule {
    return { module: SettingsModule, global: true, providers: [{ provide: ProducerSettings, useValue: producer }], exports: [ProducerSettings] };
  }
}
