import { EventEmitter } from "node:events";
import { AppendNotifier } from "../append-notifier.js";
import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import type { GroupCoordinator } from "../group/group-coordinator.js";
import { TransactionCoordinator } from "../txn/transaction-coordinator.js";
import type { ApiHandler } from "./api-handler.js";
import { alterConfigsApi } from "./apis/admin/alter-configs.js";
import { createPartitionsApi } from "./apis/admin/create-partitions.js";
import { createTopicsApi } from "./apis/admin/create-topics.js";
import { deleteRecordsApi } from "./apis/admin/delete-records.js";
import { deleteTopicsApi } from "./apis/admin/delete-topics.js";
import { describeClusterApi } from "./apis/admin/describe-cluster.js";
import { describeConfigsApi } from "./apis/admin/describe-configs.js";
import { describeLogDirsApi } from "./apis/admin/describe-log-dirs.js";
import { incrementalAlterConfigsApi } from "./apis/admin/incremental-alter-configs.js";
import { apiVersionsApi } from "./apis/api-versions.js";
import { deleteGroupsApi } from "./apis/group/delete-groups.js";
import { describeGroupsApi } from "./apis/group/describe-groups.js";
import { findCoordinatorApi } from "./apis/group/find-coordinator.js";
import { heartbeatApi } from "./apis/group/heartbeat.js";
import { joinGroupApi } from "./apis/group/join-group.js";
import { leaveGroupApi } from "./apis/group/leave-group.js";
import { listGroupsApi } from "./apis/group/list-groups.js";
import { offsetCommitApi } from "./apis/group/offset-commit.js";
import { offsetDeleteApi } from "./apis/group/offset-delete.js";
import { offsetFetchApi } from "./apis/group/offset-fetch.js";
import { syncGroupApi } from "./apis/group/sync-group.js";
import { describeTopicPartitionsApi } from "./apis/describe-topic-partitions.js";
import { metadataApi } from "./apis/metadata.js";
import { fetchApi } from "./apis/records/fetch.js";
import { addOffsetsToTxnApi } from "./apis/txn/add-offsets-to-txn.js";
import { addPartitionsToTxnApi } from "./apis/txn/add-partitions-to-txn.js";
import { describeProducersApi } from "./apis/txn/describe-producers.js";
import { describeTransactionsApi } from "./apis/txn/describe-transactions.js";
import { endTxnApi } from "./apis/txn/end-txn.js";
import { initProducerIdApi } from "./apis/txn/init-producer-id.js";
import { listTransactionsApi } from "./apis/txn/list-transactions.js";
import { txnOffsetCommitApi } from "./apis/txn/txn-offset-commit.js";
import { writeTxnMarkersApi } from "./apis/txn/write-txn-markers.js";
import { listOffsetsApi } from "./apis/records/list-offsets.js";
import { produceApi } from "./apis/records/produce.js";
import { offsetForLeaderEpochApi } from "./apis/records/offset-for-leader-epoch.js";
import { electLeadersApi } from "./apis/admin/elect-leaders.js";
import type { BrokerServices } from "./broker-services.js";
import { singleNodeCluster } from "./cluster-view.js";
import { KafkaApis, type KafkaRequestEvent } from "./kafka-apis.js";
import { KafkaServer } from "./kafka-server.js";

export interface KafkaListenerOptions {
  /** Interface to listen on. */
  host: string;
  /** Port to listen on (Kafka's 9092 by default in the service); 0 picks a free one. */
  port: number;
  /** The host clients are told to connect to (Metadata, FindCoordinator): an address they can reach. */
  advertisedHost: string;
  /** The advertised port; the bound port when absent. */
  advertisedPort?: number;
  socketRequestMaxBytes?: number;
  connectionsMaxIdleMs?: number;
  logger?: Logger;
  clock?: Clock;
  /**
   * The transaction coordinator the listener serves transactions with (the service shares its own with REST); when
   * absent the listener starts one over the broker and stops it with itself.
   */
  transactions?: TransactionCoordinator;
}

/**
 * Skein's Kafka listener: Kafka's wire protocol on a TCP port, served by the engine and group coordinator the rest
 * of the service uses, so a topic or group is the same whether reached over the wire, REST, WebSocket or the console.
 * Emits `request` (a `KafkaRequestEvent`) for every request it answers.
 */
export class KafkaListener extends EventEmitter<{ request: [KafkaRequestEvent] }> {
  private constructor(
    private readonly server: KafkaServer,
    private readonly appends: AppendNotifier,
    /** A transaction coordinator the listener started itself (none given), stopped with it. */
    private readonly ownTransactions: TransactionCoordinator | null,
    readonly port: number,
    readonly advertisedHost: string,
    readonly advertisedPort: number,
  ) {
    super();
  }

  static async start(broker: Broker, groups: GroupCoordinator, options: KafkaListenerOptions): Promise<KafkaListener> {
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const appends = new AppendNotifier(broker);
    const self = { nodeId: broker.brokerId, host: options.advertisedHost, port: options.advertisedPort ?? options.port, rack: null };
    const ownTransactions = options.transactions ? null : await TransactionCoordinator.start(broker, { clock: options.clock, logger, completions: groups });
    const transactions = options.transactions ?? ownTransactions!;
    const services: BrokerServices = { broker, groups, transactions, cluster: broker.clusterView ?? singleNodeCluster(broker.clusterId, self), clock: options.clock ?? systemClock, logger };
    const handlers: ApiHandler<any, any>[] = [
      produceApi(services),
      fetchApi({ ...services, appends }),
      listOffsetsApi(services),
      offsetForLeaderEpochApi(services),
      electLeadersApi(services),
      metadataApi(services),
      offsetCommitApi(services),
      offsetFetchApi(services),
      findCoordinatorApi(services),
      joinGroupApi(services),
      heartbeatApi(services),
      leaveGroupApi(services),
      syncGroupApi(services),
      describeGroupsApi(services),
      listGroupsApi(services),
      createTopicsApi(services),
      deleteTopicsApi(services),
      deleteRecordsApi(services),
      describeConfigsApi(services),
      alterConfigsApi(services),
      createPartitionsApi(services),
      deleteGroupsApi(services),
      incrementalAlterConfigsApi(services),
      offsetDeleteApi(services),
      describeClusterApi(services),
      describeTopicPartitionsApi(services),
      initProducerIdApi(services),
      describeLogDirsApi(services),
      addPartitionsToTxnApi(services),
      addOffsetsToTxnApi(services),
      endTxnApi(services),
      writeTxnMarkersApi(services),
      txnOffsetCommitApi(services),
      describeProducersApi(services),
      describeTransactionsApi(services),
      listTransactionsApi(services),
    ];
    let listener: KafkaListener | undefined;
    const apis: KafkaApis = new KafkaApis([...handlers, apiVersionsApi(() => apis.supportedApis())], logger, (event) => listener?.emit("request", event));
    const server = new KafkaServer(apis, {
      host: options.host,
      port: options.port,
      socketRequestMaxBytes: options.socketRequestMaxBytes,
      connectionsMaxIdleMs: options.connectionsMaxIdleMs,
      logger,
    });
    let port: number;
    try {
      port = await server.start();
    } catch (err) {
      await ownTransactions?.close();
      throw err;
    }
    // With port 0 the advertised port is only known now.
    self.port = options.advertisedPort ?? port;
    listener = new KafkaListener(server, appends, ownTransactions, port, options.advertisedHost, self.port);
    return listener;
  }

  get connectionCount(): number {
    return this.server.connectionCount;
  }

  /** Stops accepting connections, finishes requests in flight (up to `graceMs`) and closes every connection. */
  async stop(graceMs?: number): Promise<void> {
    await this.server.stop(graceMs);
    this.appends.close();
    await this.ownTransactions?.close();
  }
}
