import { Module } from "@nestjs/common";
import { BrokerConfigsController } from "./broker-configs.controller.js";
import { BrokerConfigsService } from "./broker-configs.service.js";
import { BrokerReplicasController } from "./broker-replicas.controller.js";
import { BrokersController } from "./brokers.controller.js";
import { ClusterConfigsController } from "./cluster-configs.controller.js";
import { ClusterService } from "./cluster.service.js";
import { ClustersController } from "./clusters.controller.js";

/**
 * v3 clusters, brokers, broker configs, cluster-wide broker configs and replicas by broker;
 * `ClusterService.requireCluster` checks the cluster id for every v3 resource below it.
 */
@Module({
  controllers: [ClustersController, BrokerConfigsController, BrokersController, ClusterConfigsController, BrokerReplicasController],
  providers: [ClusterService, BrokerConfigsService],
  exports: [ClusterService],
})
export class ClusterModule {}
