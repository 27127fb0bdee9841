import { Module } from "@nestjs/common";
import { V2BodyParsers } from "../v2/v2-media-types.js";
import { ConsumerInstancesService } from "./consumer-instances.service.js";
import { ConsumersController } from "./consumers.controller.js";

/** REST Proxy v2 consumer instances, kept in the metadata database so any node (or a restarted one) serves them. */
@Module({
  controllers: [ConsumersController],
  // V2BodyParsers teaches Fastify the v2 request media types (idempotent: the v2 produce module asks for it too).
  providers: [ConsumerInstancesService, V2BodyParsers],
  exports: [ConsumerInstancesService],
})
export class ConsumersModule {}
