import { Module, type DynamicModule } from "@nestjs/common";
import { Broker, GroupCoordinator, TransactionCoordinator } from "@skein/broker";
import { PrismaMetadataStore } from "../metadata/prisma-metadata-store.js";
import { Engine } from "./engine.js";

/** Provides the embedded engine to every module: `Engine`, its `Broker`, `GroupCoordinator`, `TransactionCoordinator` and metadata store, by class. */
@Module({})
export class EngineModule {
  static forRoot(engine: Engine): DynamicModule {
    return {
      module: EngineModule,
      global: true,
      providers: [
        { provide: Engine, useValue: engine },
        { provide: Broker, useValue: engine.broker },
        { provide: PrismaMetadataStore, useValue: engine.metadata },
        { provide: GroupCoordinator, useValue: engine.groups },
        { provide: TransactionCoordinator, useValue: engine.transactions },
      ],
      exports: [Engine, Broker, PrismaMetadataStore, GroupCoordinator, TransactionCoordinator],
    };
  }
}
