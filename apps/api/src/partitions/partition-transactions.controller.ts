import { Controller, Get, Param } from "@nestjs/common";
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from "@nestjs/swagger";
import { pathInt } from "../common/path-params.js";
import { Links, type ResourceLinks } from "../common/resource-links.js";
import { ErrorDto } from "../common/v3-resource.dto.js";
import { RequireAcl, param } from "../security/route-security.js";
import { PartitionTransactionsDto } from "./partition.dto.js";
import { PartitionTransactionsService } from "./partition-transactions.service.js";
import { partitionTransactionsView } from "./partition-views.js";

/** Skein's extension: the transactions open in a partition and the last stable offset they hold back. */
@ApiTags("Partition storage (Skein)")
@Controller("v3/clusters/:cluster_id/topics/:topic_name/partitions/:partition_id/transactions")
export class PartitionTransactionsController {
  constructor(private readonly transactions: PartitionTransactionsService) {}

  @Get()
  // Kafka's DescribeProducers needs READ on the topic.
  @RequireAcl(["READ", "TOPIC", param("topic_name")])
  @ApiOperation({
    summary: "List Open Transactions",
    description:
      "The partition's open transactions (producer id and epoch, transactional id when this broker's coordinator knows it, first offset, " +
      "how long open, timeout) with its last stable offset, high watermark and LSO lag. A transaction is hanging when open longer than its " +
      "transaction.timeout.ms (transaction.max.timeout.ms when the coordinator does not know the producer) or when its coordinator no longer " +
      "counts this partition in an open transaction, as `kafka-transactions find-hanging` decides.",
  })
  @ApiOkResponse({ type: PartitionTransactionsDto })
  @ApiNotFoundResponse({ type: ErrorDto, description: "No such cluster (404), topic (40403) or partition (40402)" })
  list(
    @Links() links: ResourceLinks,
    @Param("cluster_id") clusterId: string,
    @Param("topic_name") topicName: string,
    @Param("partition_id") rawPartitionId: string,
  ): ReturnType<typeof partitionTransactionsView> {
    const partitionId = pathInt(rawPartitionId);
    return partitionTransactionsView({ links, clusterId, topicName, partitionId }, this.transactions.describe(clusterId, topicName, partitionId));
  }
}
