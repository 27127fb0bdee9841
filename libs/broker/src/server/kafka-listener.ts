import { EventEmitter } from "node:events";
import type { Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { AppendNotifier } from "../append-notifier.js";
import type { Broker } from "../broker.js";
import type { Logger } from "../broker-types.js";
import { systemClock, type Clock } from "../clock.js";
import type { GroupCoordinator } from "../group/group-coordinator.js";
import { normalizeHost } from "../security/authorizer.js";
import type { BrokerSecurity } from "../security/broker-security.js";
import { formatPrincipal, userPrincipal } from "../security/principal.js";
import { rfc2253Name } from "../security/ssl-principal-mapper.js";
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
import { alterClientQuotasApi } from "./apis/security/alter-client-quotas.js";
import { alterUserScramCredentialsApi } from "./apis/security/alter-user-scram-credentials.js";
import { createAclsApi } from "./apis/security/create-acls.js";
import { deleteAclsApi } from "./apis/security/delete-acls.js";
import { describeAclsApi } from "./apis/security/describe-acls.js";
import { describeClientQuotasApi } from "./apis/security/describe-client-quotas.js";
import { describeUserScramCredentialsApi } from "./apis/security/describe-user-scram-credentials.js";
import { saslAuthenticateApi } from "./apis/security/sasl-authenticate.js";
import { saslHandshakeApi } from "./apis/security/sasl-handshake.js";
import { AuthHelper } from "./auth-helper.js";
import type { BrokerServices } from "./broker-services.js";
import { singleNodeCluster } from "./cluster-view.js";
import type { Connection, ConnectionInfo, RequestProcessor, ResponseBytes, SecurityProtocol } from "./connection.js";
import { KafkaApis, type KafkaRequestEvent } from "./kafka-apis.js";
import { KafkaServer } from "./kafka-server.js";
import type { ListenerConfig } from "./listener-config.js";
import { SaslServerAuthenticator } from "./sasl-server-authenticator.js";

export interface KafkaListenerOptions {
  /** The listeners (`listenerConfigs` reads them from broker configs); without them, one PLAINTEXT listener on host:port. */
  listeners?: readonly ListenerConfig[];
  /** Interface of the PLAINTEXT listener used when `listeners` is absent. */
  host?: string;
  /** Its port (Kafka's 9092 by default in the service); 0 picks a free one. */
  port?: number;
  /** The host its clients are told to connect to (Metadata, FindCoordinator): an address they can reach. */
  advertisedHost?: string;
  /** The advertised port; the bound port when absent. */
  advertisedPort?: number;
  /** The broker's security: needed by SASL listeners; ACLs and quotas apply on every listener when given. */
  security?: BrokerSecurity | null;
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

/** A listener as it runs: its name, protocol, bound port and what it advertises. */
export interface RunningListener {
  name: string;
  securityProtocol: SecurityProtocol;
  host: string;
  port: number;
  advertisedHost: string;
  advertisedPort: number;
}

/**
 * Skein's Kafka listeners: Kafka's wire protocol on one TCP port per listener (PLAINTEXT, SSL, SASL_PLAINTEXT,
 * SASL_SSL), served by the engine and group coordinator the rest of the service uses, so a topic or group is the same
 * whether reached over the wire, REST, WebSocket or the console. Metadata tells each client the address of the
 * listener it connected to. Emits `request` (a `KafkaRequestEvent`) for every request it answers.
 */
export class KafkaListener extends EventEmitter<{ request: [KafkaRequestEvent] }> {
  private constructor(
    private readonly servers: KafkaServer[],
    private readonly appends: AppendNotifier,
    /** Every listener, in the order configured. */
    readonly endpoints: readonly RunningListener[],
    /** A transaction coordinator the listener started itself (none given), stopped with it. */
    private readonly ownTransactions: TransactionCoordinator | null,
  ) {
    super();
  }

  static async start(broker: Broker, groups: GroupCoordinator, options: KafkaListenerOptions): Promise<KafkaListener> {
    const logger = options.logger ?? { info: () => undefined, warn: () => undefined };
    const clock = options.clock ?? systemClock;
    const security = options.security ?? null;
    const configs: readonly ListenerConfig[] = options.listeners ?? [
      {
        name: "PLAINTEXT",
        securityProtocol: "PLAINTEXT",
        host: options.host ?? "127.0.0.1",
        port: options.port ?? 9092,
        advertisedHost: options.advertisedHost ?? "127.0.0.1",
        advertisedPort: options.advertisedPort ?? null,
        tls: null,
        saslMechanisms: [],
        reauthMs: 0,
      },
    ];
    const saslListener = configs.find((l) => l.securityProtocol.startsWith("SASL_"));
    if (saslListener && security === null) throw new Error(`Listener ${saslListener.name} (${saslListener.securityProtocol}) needs the broker's security (credentials) to authenticate clients`);
    for (const l of configs) {
      if (l.securityProtocol.startsWith("SASL_") && l.saslMechanisms.length === 0) throw new Error(`Listener ${l.name} (${l.securityProtocol}) has no SASL mechanism enabled (sasl.enabled.mechanisms)`);
    }

    const appends = new AppendNotifier(broker);
    // Advertised ports of listeners on port 0 are only known once they are bound; the view reads this map then.
    const endpoints = new Map(configs.map((l) => [l.name, { host: l.advertisedHost, port: l.advertisedPort ?? l.port }]));
    const ownTransactions = options.transactions ? null : await TransactionCoordinator.start(broker, { clock, logger, completions: groups });
    const transactions = options.transactions ?? ownTransactions!;
    const services: BrokerServices = {
      broker,
      groups,
      transactions,
      cluster: broker.clusterView ?? singleNodeCluster(broker.clusterId, broker.brokerId, endpoints),
      clock,
      logger,
      auth: new AuthHelper(security),
      security,
    };
    const mechanisms = [...new Set(configs.flatMap((l) => l.saslMechanisms))];
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
      saslHandshakeApi(mechanisms),
      createTopicsApi(services),
      deleteTopicsApi(services),
      deleteRecordsApi(services),
      initProducerIdApi(services),
      describeAclsApi(services),
      createAclsApi(services),
      deleteAclsApi(services),
      describeConfigsApi(services),
      alterConfigsApi(services),
      describeLogDirsApi(services),
      saslAuthenticateApi(),
      createPartitionsApi(services),
      deleteGroupsApi(services),
      incrementalAlterConfigsApi(services),
      offsetDeleteApi(services),
      describeClientQuotasApi(services),
      alterClientQuotasApi(services),
      describeUserScramCredentialsApi(services),
      alterUserScramCredentialsApi(services),
      describeClusterApi(services),
      describeTopicPartitionsApi(services),
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
    const apis: KafkaApis = new KafkaApis([...handlers, apiVersionsApi(() => apis.supportedApis())], logger, (event) => listener?.emit("request", event), security);

    const servers: KafkaServer[] = [];
    const running: RunningListener[] = [];
    try {
      for (const config of configs) {
        const server = new KafkaServer(listenerProcessor(config, apis, security, broker, clock, options.socketRequestMaxBytes ?? 104_857_600), {
          host: config.host,
          port: config.port,
          listenerName: config.name,
          securityProtocol: config.securityProtocol,
          tls: config.tls,
          socketRequestMaxBytes: options.socketRequestMaxBytes,
          connectionsMaxIdleMs: options.connectionsMaxIdleMs,
          logger,
          ...(security === null ? {} : connectionSecurity(config, security)),
        });
        const port = await server.start();
        servers.push(server);
        const advertisedPort = config.advertisedPort ?? port;
        endpoints.set(config.name, { host: config.advertisedHost, port: advertisedPort });
        running.push({ name: config.name, securityProtocol: config.securityProtocol, host: config.host, port, advertisedHost: config.advertisedHost, advertisedPort });
      }
    } catch (error) {
      await Promise.all(servers.map((s) => s.stop(0)));
      appends.close();
      await ownTransactions?.close();
      throw error;
    }
    listener = new KafkaListener(servers, appends, running, ownTransactions);
    return listener;
  }

  /** The first listener's bound port. */
  get port(): number {
    return this.endpoints[0]!.port;
  }

  /** The first listener's advertised host. */
  get advertisedHost(): string {
    return this.endpoints[0]!.advertisedHost;
  }

  /** The first listener's advertised port. */
  get advertisedPort(): number {
    return this.endpoints[0]!.advertisedPort;
  }

  /** The running listener named `name` (`SASL_SSL`). */
  endpoint(name: string): RunningListener | undefined {
    return this.endpoints.find((l) => l.name === name);
  }

  get connectionCount(): number {
    return this.servers.reduce((sum, s) => sum + s.connectionCount, 0);
  }

  /** Stops accepting connections, finishes requests in flight (up to `graceMs`) and closes every connection. */
  async stop(graceMs?: number): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop(graceMs)));
    this.appends.close();
    await this.ownTransactions?.close();
  }
}

/** Requests of one listener: through a SASL authenticator per connection on SASL listeners, straight to KafkaApis otherwise. */
function listenerProcessor(config: ListenerConfig, apis: KafkaApis, security: BrokerSecurity | null, broker: Broker, clock: Clock, maxRequestBytes: number): RequestProcessor {
  if (security === null || !config.securityProtocol.startsWith("SASL_")) return apis;
  const authenticators = new WeakMap<ConnectionInfo, SaslServerAuthenticator>();
  const options = {
    mechanisms: config.saslMechanisms,
    reauthMs: config.reauthMs,
    maxReceiveBytes: broker.config("sasl.server.max.receive.size") as number,
    maxRequestBytes,
    failedAuthenticationDelayMs: broker.config("connection.failed.authentication.delay.ms") as number,
    security,
    clock,
  };
  return {
    process(frame: Buffer, connection: ConnectionInfo): Promise<ResponseBytes | null> {
      let authenticator = authenticators.get(connection);
      if (authenticator === undefined) authenticators.set(connection, (authenticator = new SaslServerAuthenticator(connection, apis, options)));
      return authenticator.process(frame, () => apis.process(frame, connection));
    },
  };
}

/**
 * The listener's part of authentication outside SASL: on SSL listeners addresses with too many failures are refused
 * before the handshake, failed TLS handshakes and oversized pre-authentication frames count as failures (audited), and on SSL
 * listeners a client certificate names the connection's principal (`ssl.principal.mapping.rules`).
 */
function connectionSecurity(config: ListenerConfig, security: BrokerSecurity) {
  const failure = (address: string, detail: string) => {
    const source = normalizeHost(address);
    // An address already refused is turned away unheard: nothing more to count or audit.
    if (security.authenticationLimiter.blockedForMs(source) > 0) return;
    const nowBlocked = security.authenticationLimiter.recordFailure(source);
    security.recordAudit({
      principal: "User:ANONYMOUS",
      sourceAddress: source,
      surface: "wire",
      operation: "AUTHENTICATE",
      resource: null,
      outcome: "failure",
      request: config.securityProtocol,
      detail: `listener ${config.name}: ${detail}${nowBlocked ? "; further connections from this address are refused for a while" : ""}`,
    });
  };
  return {
    // SSL listeners authenticate in the TLS handshake: a refused address is turned away before it. SASL listeners
    // let it in to tell it why (SASL_AUTHENTICATION_FAILED) without checking its credentials.
    admit: (address: string) => config.securityProtocol !== "SSL" || security.authenticationLimiter.blockedForMs(normalizeHost(address)) === 0,
    onTlsError: (address: string, error: Error) => failure(address, `TLS handshake failed: ${error.message}`),
    onConnectionError: (connection: ConnectionInfo, error: Error) => {
      if (config.securityProtocol.startsWith("SASL_") && connection.principal.name === "ANONYMOUS") failure(connection.remoteAddress, `before authentication: ${error.message}`);
    },
    onConnection: (connection: Connection, socket: Socket) => {
      if (config.securityProtocol !== "SSL" || config.tls === null || config.tls.clientAuth === "none") return;
      const certificate = (socket as TLSSocket).getPeerX509Certificate();
      if (certificate === undefined) return;
      try {
        connection.principal = userPrincipal(config.tls.principalMapper.apply(rfc2253Name(certificate.subject)));
      } catch (error) {
        failure(connection.remoteAddress, (error as Error).message);
        connection.close();
        return;
      }
      security.recordAudit({
        principal: formatPrincipal(connection.principal),
        sourceAddress: normalizeHost(connection.remoteAddress),
        surface: "wire",
        operation: "AUTHENTICATE",
        resource: null,
        outcome: "success",
        request: "SSL",
        detail: `TLS client certificate on listener ${config.name}`,
      });
    },
  };
}
