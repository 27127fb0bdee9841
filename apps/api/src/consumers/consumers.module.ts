import { Module } from "@nestjs/common";
import { ConsumerInstancesService } from "./consumer-instances.service.js";
import { ConsumersController } from "./consumers.controller.js";

/** REST Proxy v2 consumer instances, kept in the metadata database so any node (or a restarted one) serves them. */
@Module({
  controllers: [ConsumersController],
  providers: [ConsumerInstancesService],
  exports: [ConsumerInstancesService],
})
export class ConsumersModule {}
