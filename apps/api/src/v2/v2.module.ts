import { Module } from "@nestjs/common";
import { RecordsModule } from "../records/records.module.js";
import { V2MetadataController } from "./v2-metadata.controller.js";
import { V2ProduceController } from "./v2-produce.controller.js";
import { V2ProduceService } from "./v2-produce.service.js";

/** Confluent v2: produce to topics and partitions, topic and broker metadata (consumer instances live apart). */
@Module({
  imports: [RecordsModule],
  controllers: [V2ProduceController, V2MetadataController],
  providers: [V2ProduceService],
})
export class V2Module {}
