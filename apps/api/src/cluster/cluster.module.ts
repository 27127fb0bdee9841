import { Module } from "@nestjs/common";
import { BrokerConfigsController } from "./broker-configs.controller.js";
import { BrokerConfigsService } from "./broker-configs.service.js";
import { BrokerRegistration } from "./broker-registration.js";
import { BrokerReplicasController } from "./broker-replicas.controller.js";
import { BrokersController } from "./brokers.controller.js";
import { ClusterConfigsController } from "./cluster-configs.controller.js";
import { ClusterService } from "./cluster.service.js";
import { ClustersController } from "./clusters.controller.js";

/**
 * v3 clusters, brokers (and their registration in the metadata database), broker configs, cluster-wide broker
 * configs and replicas by broker;
 * `ClusterService.requireCluster` checks the cluster id for every v3 resource below it.
 */
@Module({
  controllers: [ClustersController, BrokerConfigsController, BrokersController, ClusterConfigsController, BrokerReplicasController],
  providers: [ClusterService, BrokerConfigsService, BrokerRegistration],
  exports: [ClusterService, BrokerRegistration],
})
export class ClusterModule {}
