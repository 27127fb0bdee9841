import { Module } from "@nestjs/common";
import { GroupConsumeService } from "./group-consume.service.js";

/** Consuming as a group member over `/ws`; the live gateway hands its sockets to `GroupConsumeService`. */
@Module({
  providers: [GroupConsumeService],
  exports: [GroupConsumeService],
})
export class GroupConsumeModule {}
