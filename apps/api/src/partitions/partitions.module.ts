import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { PartitionRecordsController } from "./partition-records.controller.js";
import { PartitionRecordsService } from "./partition-records.service.js";
import { PartitionStorageController } from "./partition-storage.controller.js";
import { PartitionTransactionsController } from "./partition-transactions.controller.js";
import { PartitionTransactionsService } from "./partition-transactions.service.js";
import { PartitionsController } from "./partitions.controller.js";
import { PartitionsService } from "./partitions.service.js";

/** v3 partitions and replicas, and Skein's partition extensions: storage, retention, cleaner, DeleteRecords, reads, open transactions. */
@Module({
  imports: [ClusterModule],
  controllers: [PartitionsController, PartitionStorageController, PartitionRecordsController, PartitionTransactionsController],
  providers: [PartitionsService, PartitionRecordsService, PartitionTransactionsService],
  exports: [PartitionsService],
})
export class PartitionsModule {}
