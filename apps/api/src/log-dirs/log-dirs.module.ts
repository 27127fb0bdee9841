import { Module } from "@nestjs/common";
import { ClusterModule } from "../cluster/cluster.module.js";
import { LogDirsController } from "./log-dirs.controller.js";

/** Skein's storage health over REST: a broker's log dirs (space, state, offline partitions, corrupt ranges, scrubber). */
@Module({
  imports: [ClusterModule],
  controllers: [LogDirsController],
})
export class LogDirsModule {}
