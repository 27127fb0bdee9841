// Generated from openapi.json by openapi-typescript (npm run generate -w @skein/sdk). Do not edit.

export interface paths {
    "/auth/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in
         * @description With the session's CSRF token and the cluster operations the principal may perform. Never 401: signed_in says.
         */
        get: operations["AuthController_session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Checks the user's password and starts a session. Failed sign-ins are audited and, past authentication.failures.max per source, refused for a while (429).
         */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Ends the session (its cookie no longer works anywhere) and clears the cookie. Needs the X-CSRF-Token.
         */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/acls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List ACLs
         * @description The ACLs matching every given filter; pattern_type=MATCH finds the ACLs that apply to resource_name.
         */
        get: operations["AclsController_list"];
        put?: never;
        /** Create an ACL */
        post: operations["AclsController_create"];
        /**
         * Delete ACLs
         * @description Deletes every ACL the filter matches; resource_type, pattern_type, operation and permission are required (ANY allowed).
         */
        delete: operations["AclsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/acls:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Batch Create ACLs
         * @description All or none: every ACL is checked first.
         */
        post: operations["AclsController_batchCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users
         * @description Users with an HTTP password or a SCRAM credential; never a hash, salt or key.
         */
        get: operations["UsersController_list"];
        put?: never;
        /**
         * Create a user
         * @description Stores an scrypt hash for HTTP and SCRAM-SHA-256/512 credentials for the wire, made from one password.
         */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/users/{user_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a user */
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a user
         * @description Its password, SCRAM credentials, API keys and sessions go; its ACLs stay, as in Kafka.
         */
        delete: operations["UsersController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/users/{user_name}/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set a user's password
         * @description Replaces the HTTP hash and both SCRAM credentials; makes the user when missing (ALTER on the cluster).
         */
        put: operations["UsersController_setPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List every API key */
        get: operations["UsersController_allKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/users/{user_name}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a user's API keys */
        get: operations["UsersController_keys"];
        put?: never;
        /**
         * Create an API key
         * @description The answer carries the secret, once: it is stored as a hash. Use the key id and secret as HTTP Basic credentials.
         */
        post: operations["UsersController_createKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/users/{user_name}/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an API key */
        delete: operations["UsersController_deleteKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/client-quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List client quotas
         * @description Every entity with a quota; ?user= and ?client_id= select by name (an empty value selects <default>).
         */
        get: operations["ClientQuotasController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/client-quotas:alter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Alter client quotas
         * @description Sets (a value) or removes (null) quota keys of each entity; all valid or nothing stored.
         */
        post: operations["ClientQuotasController_alter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Authentications, changes and denials from every surface (wire, REST, WebSocket, console, CLI), newest first. Filters: principal, surface, outcome, operation, resource (part of `TYPE:name`), since/until (epoch ms or ISO-8601). Pages with `before` = the previous page's `metadata.next_before`. format=ndjson or csv downloads the matching events (up to limit, at most 100,000).
         */
        get: operations["AuditLogController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process answers */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness, check by check
         * @description 200 while the service can serve reads: `status` is `ready`, or `degraded` when a check fails (the data directory full or failed, the metadata database unreachable); `writable` says whether produces are accepted. 503 when the engine is shut down. With `?writes=true` (for a load balancer that routes producers) the answer is 503 also while writes are refused.
         */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics (text exposition format) */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Clusters
         * @description The one cluster this service is.
         */
        get: operations["ClustersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Cluster */
        get: operations["ClustersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/-/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Dynamic Broker Configs
         * @description The configs of every broker in the cluster.
         */
        get: operations["BrokerConfigsController_listAll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/{broker_id}/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Broker Configs */
        get: operations["BrokerConfigsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/{broker_id}/configs:alter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Batch Alter Broker Configs
         * @description Sets (SET) or resets (DELETE) several broker configs at once; all or nothing.
         */
        post: operations["BrokerConfigsController_alter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/{broker_id}/configs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Broker Config */
        get: operations["BrokerConfigsController_get"];
        /** Update Broker Config */
        put: operations["BrokerConfigsController_update"];
        post?: never;
        /**
         * Reset Broker Config
         * @description Back to the value the broker inherits.
         */
        delete: operations["BrokerConfigsController_reset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Brokers */
        get: operations["BrokersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/{broker_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Broker */
        get: operations["BrokersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/broker-configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Dynamic Broker Configs
         * @description Only the configs set cluster-wide; empty when none is.
         */
        get: operations["ClusterConfigsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/broker-configs:alter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Batch Alter Dynamic Broker Configs */
        post: operations["ClusterConfigsController_alter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/broker-configs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Dynamic Broker Config */
        get: operations["ClusterConfigsController_get"];
        /** Update Dynamic Broker Config */
        put: operations["ClusterConfigsController_update"];
        post?: never;
        /**
         * Reset Dynamic Broker Config
         * @description Removes the cluster-wide value.
         */
        delete: operations["ClusterConfigsController_reset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/{broker_id}/partition-replicas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Replicas by Broker
         * @description Every partition replica the broker hosts, internal topics included.
         */
        get: operations["BrokerReplicasController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Topics */
        get: operations["TopicsController_list"];
        put?: never;
        /**
         * Create Topic
         * @description 201 with the topic; with `validate_only`, 200 and nothing is created.
         */
        post: operations["TopicsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Topic */
        get: operations["TopicsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete Topic
         * @description Deletes the topic and frees its logs' space at once, even on a full disk. When the metadata database cannot record the deletion (a full disk under SQLite, PostgreSQL away) the topic is still deleted for every client: the answer is 202 with the reason, and the database write is retried in the background and at the next start.
         */
        delete: operations["TopicsController_delete"];
        options?: never;
        head?: never;
        /**
         * Update Partition Count
         * @description Raises the partition count; a decrease or the same count is refused (40002).
         */
        patch: operations["TopicsController_update"];
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/-/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List All Topic Configs
         * @description The configs of every topic of the cluster.
         */
        get: operations["TopicConfigsController_listAll"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/configs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Topic Configs */
        get: operations["TopicConfigsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/configs:alter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Batch Alter Topic Configs
         * @description SET or DELETE several configs at once, all or nothing; `validate_only` changes nothing.
         */
        post: operations["TopicConfigsController_alter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/configs/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Topic Config */
        get: operations["TopicConfigsController_get"];
        /** Update Topic Config */
        put: operations["TopicConfigsController_update"];
        post?: never;
        /**
         * Reset Topic Config
         * @description Removes the topic's override: the value is inherited again.
         */
        delete: operations["TopicConfigsController_reset"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Partitions */
        get: operations["PartitionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Partition */
        get: operations["PartitionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/offset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Partition Offsets
         * @description The earliest offset (log start) and the latest (high watermark).
         */
        get: operations["PartitionsController_offsets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/replicas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Replicas */
        get: operations["PartitionsController_replicas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/replicas/{broker_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Replica */
        get: operations["PartitionsController_replica"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Segments
         * @description The partition's log segments, oldest first; the last is the active one.
         */
        get: operations["PartitionStorageController_segments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/segments/{base_offset}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Segment
         * @description One segment, by its base offset.
         */
        get: operations["PartitionStorageController_segment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Partition Log
         * @description Log start and end offsets, high watermark and size in bytes.
         */
        get: operations["PartitionStorageController_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/corruptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Corrupt Ranges
         * @description Ranges of the partition's log found corrupt (a record batch failing its CRC32C, a bad length or offsets) by recovery after a crash, the background scrubber or a read. Each was moved aside into the file `quarantined_as` names; the offsets it held are a gap in the log (reads skip them, as compaction's gaps), and every intact batch after it was kept.
         */
        get: operations["PartitionStorageController_corruptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/retention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Partition Retention
         * @description What retention will delete next and why, what it deleted recently, and when it checks.
         */
        get: operations["PartitionStorageController_retention"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/cleaner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Partition Cleaner State
         * @description The log cleaner's view: dirty ratio, first dirty offset, last run, bytes reclaimed, and why it has not run.
         */
        get: operations["PartitionStorageController_cleaner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/delete-records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Delete Records
         * @description Kafka's DeleteRecords: records before `offset` (-1: the high watermark) are no longer readable. Works on a full disk (it frees whole segments); `checkpoint_pending` says when the new log start offset could not be written to disk yet.
         */
        post: operations["PartitionStorageController_deleteRecords"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Records
         * @description Records of one partition from `offset`, from the first record at or after `timestamp` (through the time index), or the newest `limit` (`from=newest`); without any, from the log start. Keys, values and header values are base64. Committed records only (up to the last stable offset, aborted transactions left out) unless `isolation_level=read_uncommitted`; transaction markers are never records.
         */
        get: operations["PartitionRecordsController_read"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/partitions/{partition_id}/transactions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Open Transactions
         * @description The partition's open transactions (producer id and epoch, transactional id when this broker's coordinator knows it, first offset, how long open, timeout) with its last stable offset, high watermark and LSO lag. A transaction is hanging when open longer than its transaction.timeout.ms (transaction.max.timeout.ms when the coordinator does not know the producer) or when its coordinator no longer counts this partition in an open transaction, as `kafka-transactions find-hanging` decides.
         */
        get: operations["PartitionTransactionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a consumer instance
         * @description instance_id is the requested name; 40902 when the group has one of that name.
         */
        post: operations["ConsumersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a consumer instance
         * @description Commits (with auto-commit) and leaves the group.
         */
        delete: operations["ConsumersController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The subscribed topics */
        get: operations["ConsumersController_subscription"];
        put?: never;
        /** Subscribe to topics or a topic pattern */
        post: operations["ConsumersController_subscribe"];
        /** Unsubscribe (leaves the group) */
        delete: operations["ConsumersController_unsubscribe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The partitions the instance reads (manual, or assigned by its group) */
        get: operations["ConsumersController_assignments"];
        put?: never;
        /** Assign partitions manually */
        post: operations["ConsumersController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Seek partitions to offsets */
        post: operations["ConsumersController_seek"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/positions/beginning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Seek partitions to their first offset */
        post: operations["ConsumersController_seekToBeginning"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/positions/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Seek partitions to their end */
        post: operations["ConsumersController_seekToEnd"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read records
         * @description Answers in the instance's embedded format: Accept application/vnd.kafka.json.v2+json or binary (40601 when it differs).
         */
        get: operations["ConsumersController_records"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/consumers/{group}/instances/{instance}/offsets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Committed offsets
         * @description A GET with a JSON body: {"partitions": [{"topic": "orders", "partition": 0}]}.
         */
        get: operations["ConsumersController_committed"];
        put?: never;
        /**
         * Commit offsets
         * @description Stores offset + 1 of each given record; without a body, the positions of every assigned partition. Answers the JSON array of what was committed, as the REST Proxy's CommitOffsetsResponse: {topic, partition, consumed, committed} per partition.
         */
        post: operations["ConsumersController_commit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Consumer Groups */
        get: operations["ConsumerGroupsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Consumer Group
         * @description State, partition assignor and coordinator of a group.
         */
        get: operations["ConsumerGroupsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete Consumer Group (Skein)
         * @description Only an empty group; 409 while it has members.
         */
        delete: operations["ConsumerGroupsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/consumers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Consumers */
        get: operations["ConsumerGroupsController_consumers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/consumers/{consumer}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Consumer */
        get: operations["ConsumerGroupsController_consumer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/consumers/{consumer}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Consumer Assignments */
        get: operations["ConsumerGroupsController_assignments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/consumers/{consumer}/assignments/{topic}/partitions/{partition}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Consumer Assignment */
        get: operations["ConsumerGroupsController_assignment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/lags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Consumer Lags
         * @description Current offset, log end offset and lag of every partition the group committed.
         */
        get: operations["ConsumerGroupsController_lags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/lags/{topic}/partitions/{partition}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Consumer Lag */
        get: operations["ConsumerGroupsController_lag"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/lag-summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Consumer Group Lag Summary */
        get: operations["ConsumerGroupsController_lagSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/lag-history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lag over time (Skein)
         * @description Samples every 5 s, kept for 24 h; ?minutes=60 by default.
         */
        get: operations["ConsumerGroupsController_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/offsets:reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset offsets (Skein)
         * @description kafka-consumer-groups --reset-offsets: every strategy, dry run by default; 409 while the group has members.
         */
        post: operations["ConsumerGroupsController_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/consumer-groups/{group}/offsets/{topic}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a group's offsets of a topic (Skein)
         * @description 409 while members subscribe to the topic.
         */
        delete: operations["ConsumerGroupsController_deleteOffsets"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Produce Records
         * @description One record, or many concatenated JSON records in one (chunked) body: one delivery report per record, in order, each followed by \r\n and written as soon as the record is stored. Per-record errors travel inside the 200, except that a body sent whole (with a Content-Length up to 1 MiB) in which a record was refused because the disk is full answers 507 (its report has error_code 50701). A streamed body's reports carry 50701 inside the 200.
         */
        post: operations["RecordsController_produce"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/records:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Produce Records Batch
         * @description At most 1000 entries with distinct ids; each succeeds or fails on its own.
         */
        post: operations["RecordsController_produceBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/topics/{topic_name}/records:search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search Records
         * @description Scans the topic's records server-side (every partition from its log start; for an exact `key`, only the key's murmur2 partition) and streams one JSON object per line as it goes: `SkeinSearchMatch` (a record, keys and values base64), `SkeinSearchProgress` (`records_scanned` of `records_total`, `bytes_scanned`, `matches`, `elapsed_ms`) a few times a second, and a last `SkeinSearchDone` (`stopped`: `end` or `limit`; `skipped`: partitions with records corrupt on disk). Every criterion given must hold. Closing the connection stops the scan.
         */
        get: operations["RecordSearchController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/topics/{topic}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a topic: its configs in force and its partitions */
        get: operations["V2MetadataController_topic"];
        put?: never;
        /**
         * Produce to a topic
         * @description The Content-Type names the embedded format: binary (base64; also the generic v2 type) or json.
         */
        post: operations["V2ProduceController_toTopic"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/topics/{topic}/partitions/{partition}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a partition: its leader and replicas */
        get: operations["V2MetadataController_partition"];
        put?: never;
        /**
         * Produce to a partition
         * @description A record's own `partition` wins over the path's, as in the REST Proxy.
         */
        post: operations["V2ProduceController_toPartition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/topics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List topic names */
        get: operations["V2MetadataController_topics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/topics/{topic}/partitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a topic's partitions */
        get: operations["V2MetadataController_partitions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/topics/{topic}/partitions/{partition}/offsets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A partition's beginning and end offsets */
        get: operations["V2MetadataController_offsets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/brokers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List broker ids */
        get: operations["V2MetadataController_brokers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/throughput": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records and bytes in and out per second, now and for the last 10 minutes (1 s samples) */
        get: operations["ThroughputController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v3/clusters/{cluster_id}/brokers/{broker_id}/log-dirs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Log Dirs
         * @description Kafka's DescribeLogDirs, with what an operator needs before the disk fills: usable and total bytes, the used ratio against log.dir.nearly.full.ratio, the state (ok, nearly-full, full, failed), partitions that cannot be served, corrupt ranges found (and quarantined) and the background scrubber's progress. Skein has one data directory per broker.
         */
        get: operations["LogDirsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        SessionDto: {
            /** @description Whether the request is signed in (always true without authentication) */
            signed_in: boolean;
            /**
             * @description SKEIN_AUTHENTICATION_METHOD
             * @enum {string}
             */
            authentication: "NONE" | "BASIC";
            /** @description Whether ACLs are enforced (authorizer.class.name is set) */
            authorization: boolean;
            /** @example alice */
            user?: string;
            /** @example User:alice */
            principal?: string;
            /** @enum {string} */
            method?: "none" | "basic" | "api-key" | "session";
            /** @description Send it back in X-CSRF-Token with every change made with the session cookie */
            csrf_token?: string;
            /** @description When the session ends (epoch ms) */
            expires_at?: number;
            /** @description Whether the principal is one of super.users */
            super_user?: boolean;
            /** @description The operations the principal may perform on the cluster */
            cluster_operations?: string[];
            /** @description Whether the principal may READ the audit log topic */
            audit_log_readable?: boolean;
        };
        LoginRequestDto: {
            /** @example alice */
            username: string;
            /** @example correct horse battery staple */
            password: string;
        };
        ErrorDto: {
            /**
             * @description The HTTP status, or the status followed by two digits
             * @example 40403
             */
            error_code: number;
            /** @example This server does not host this topic-partition. */
            message: string | null;
        };
        ResourceCollectionMetadataDto: {
            /** @description Absolute URL of this list */
            self: string;
            /** @description The next page, or null when this is the last */
            next: string | null;
        };
        AclMetadataDto: {
            /** @description The search that finds exactly this ACL */
            self: string;
        };
        AclDataDto: {
            /**
             * @example TOPIC
             * @enum {string}
             */
            resource_type: "TOPIC" | "GROUP" | "CLUSTER" | "TRANSACTIONAL_ID" | "DELEGATION_TOKEN";
            /** @example orders */
            resource_name: string;
            /**
             * @example LITERAL
             * @enum {string}
             */
            pattern_type: "LITERAL" | "PREFIXED";
            /** @example User:alice */
            principal: string;
            /** @example * */
            host: string;
            /**
             * @example READ
             * @enum {string}
             */
            operation: "ALL" | "READ" | "WRITE" | "CREATE" | "DELETE" | "ALTER" | "DESCRIBE" | "CLUSTER_ACTION" | "DESCRIBE_CONFIGS" | "ALTER_CONFIGS" | "IDEMPOTENT_WRITE";
            /**
             * @example ALLOW
             * @enum {string}
             */
            permission: "ALLOW" | "DENY";
            /** @example KafkaAcl */
            kind: string;
            metadata: components["schemas"]["AclMetadataDto"];
            cluster_id: string;
        };
        AclDataListDto: {
            /** @example KafkaAclList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["AclDataDto"][];
        };
        CreateAclRequestDto: {
            /**
             * @example TOPIC
             * @enum {string}
             */
            resource_type: "TOPIC" | "GROUP" | "CLUSTER" | "TRANSACTIONAL_ID" | "DELEGATION_TOKEN";
            /** @example orders */
            resource_name: string;
            /**
             * @example LITERAL
             * @enum {string}
             */
            pattern_type: "LITERAL" | "PREFIXED";
            /** @example User:alice */
            principal: string;
            /** @example * */
            host: string;
            /**
             * @example READ
             * @enum {string}
             */
            operation: "ALL" | "READ" | "WRITE" | "CREATE" | "DELETE" | "ALTER" | "DESCRIBE" | "CLUSTER_ACTION" | "DESCRIBE_CONFIGS" | "ALTER_CONFIGS" | "IDEMPOTENT_WRITE";
            /**
             * @example ALLOW
             * @enum {string}
             */
            permission: "ALLOW" | "DENY";
        };
        BatchCreateAclRequestDto: {
            data: components["schemas"]["CreateAclRequestDto"][];
        };
        DeleteAclsResponseDto: {
            data: components["schemas"]["AclDataDto"][];
        };
        ResourceMetadataDto: {
            /**
             * @description Absolute URL of this resource
             * @example http://localhost:8080/v3/clusters/4L6g3nShT-eMCtK--X86sw
             */
            self: string;
            /**
             * @description Resource name
             * @example crn:///kafka=4L6g3nShT-eMCtK--X86sw
             */
            resource_name: string | null;
        };
        ScramInfoDto: {
            /** @enum {string} */
            mechanism: "SCRAM-SHA-256" | "SCRAM-SHA-512";
            /** @example 8192 */
            iterations: number;
        };
        UserDataDto: {
            /** @example SkeinUser */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @example alice */
            user_name: string;
            /** @example User:alice */
            principal: string;
            /** @description Whether the user has an HTTP password (users set up over the wire have only SCRAM credentials) */
            has_password: boolean;
            scram_credentials: components["schemas"]["ScramInfoDto"][];
            api_keys_count: number;
            super_user: boolean;
            created_at: number | null;
            updated_at: number | null;
        };
        UserDataListDto: {
            /** @example SkeinUserList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["UserDataDto"][];
        };
        CreateUserRequestDto: {
            /**
             * @description 1 to 128 letters, digits, '.', '_', '-' or '@'
             * @example alice
             */
            user_name: string;
            /** @description At least 8 characters; stored only as an scrypt hash and SCRAM-SHA-256/512 credentials */
            password: string;
        };
        SetPasswordRequestDto: {
            password: string;
            /** @description Required when users change their own password without ALTER on the cluster */
            current_password?: string;
        };
        ApiKeyDataDto: {
            /** @example SkeinApiKey */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            /** @example Q7KX2M4PZ8RWT3NB */
            key_id: string;
            /** @example alice */
            user_name: string;
            description: string;
            created_at: number;
            last_used_at: number | null;
            /** @description Only in the answer that created the key: it is stored hashed and never shown again */
            secret?: string;
        };
        ApiKeyDataListDto: {
            /** @example SkeinApiKeyList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["ApiKeyDataDto"][];
        };
        CreateApiKeyRequestDto: {
            /** @example nightly export job */
            description?: string;
        };
        ClientQuotaEntityDto: {
            /** @description A user name, or null for <default>; absent when the entity has no user */
            user?: string | null;
            /** @description A client id, or null for <default> */
            client_id?: string | null;
        };
        ClientQuotaDataDto: {
            /** @example SkeinClientQuota */
            kind: string;
            cluster_id: string;
            entity: components["schemas"]["ClientQuotaEntityDto"];
            /**
             * @example {
             *       "producer_byte_rate": 1048576
             *     }
             */
            quotas: Record<string, never>;
        };
        ClientQuotaDataListDto: {
            /** @example SkeinClientQuotaList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["ClientQuotaDataDto"][];
        };
        ClientQuotaChangeDto: {
            /** @enum {string} */
            key: "producer_byte_rate" | "consumer_byte_rate" | "request_percentage" | "controller_mutation_rate";
            /** @description The new value, or null to remove the quota */
            value: number | null;
        };
        ClientQuotaAlterationDto: {
            entity: components["schemas"]["ClientQuotaEntityDto"];
            changes: components["schemas"]["ClientQuotaChangeDto"][];
        };
        AlterClientQuotasRequestDto: {
            data: components["schemas"]["ClientQuotaAlterationDto"][];
            validate_only?: boolean;
        };
        AuditEventDto: {
            /** @description The event's offset in _skein_audit */
            offset: number;
            /** @description Epoch milliseconds */
            time: number;
            /** @example User:alice */
            principal: string;
            /** @example 10.0.0.7 */
            source_address: string;
            /** @enum {string} */
            surface: "wire" | "rest" | "ws" | "console" | "cli";
            /** @example CREATE */
            operation: string;
            /**
             * @example {
             *       "type": "TOPIC",
             *       "name": "orders"
             *     }
             */
            resource: Record<string, never> | null;
            /** @enum {string} */
            outcome: "success" | "failure" | "denied";
            /** @example POST /v3/clusters/:cluster_id/topics */
            request?: string;
            detail?: string;
        };
        AuditEventListDto: {
            /** @example SkeinAuditEventList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            /** @description Newest first */
            data: components["schemas"]["AuditEventDto"][];
        };
        RelationshipDto: {
            /** @description Absolute URL of the related resource */
            related: string;
        };
        ClusterDataDto: {
            /** @example KafkaCluster */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            /** @example 4L6g3nShT-eMCtK--X86sw */
            cluster_id: string;
            controller?: components["schemas"]["RelationshipDto"];
            acls: components["schemas"]["RelationshipDto"];
            brokers: components["schemas"]["RelationshipDto"];
            broker_configs: components["schemas"]["RelationshipDto"];
            consumer_groups: components["schemas"]["RelationshipDto"];
            topics: components["schemas"]["RelationshipDto"];
            partition_reassignments: components["schemas"]["RelationshipDto"];
        };
        ClusterDataListDto: {
            /** @example KafkaClusterList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["ClusterDataDto"][];
        };
        ConfigSynonymDto: {
            /** @example log.retention.ms */
            name: string;
            value: string | null;
            /** @enum {string} */
            source: "DYNAMIC_TOPIC_CONFIG" | "DYNAMIC_BROKER_CONFIG" | "DYNAMIC_DEFAULT_BROKER_CONFIG" | "STATIC_BROKER_CONFIG" | "DEFAULT_CONFIG" | "UNKNOWN";
        };
        BrokerConfigDataDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @example retention.ms */
            name: string;
            /** @description Null for a sensitive config, or one nothing sets that has no default */
            value: string | null;
            is_default: boolean;
            is_read_only: boolean;
            is_sensitive: boolean;
            /**
             * @description Where the value comes from: the first synonym's source
             * @enum {string}
             */
            source: "DYNAMIC_TOPIC_CONFIG" | "DYNAMIC_BROKER_CONFIG" | "DYNAMIC_DEFAULT_BROKER_CONFIG" | "STATIC_BROKER_CONFIG" | "DEFAULT_CONFIG" | "UNKNOWN";
            /** @description Every place the config is set, in the order the value is resolved */
            synonyms: components["schemas"]["ConfigSynonymDto"][];
            /** @description Skein's extension: Kafka's documentation of the config; null for a name Skein does not know */
            documentation: string | null;
            /**
             * @description Skein's extension: the values an enumerated config allows (for a list config, each item's); null for any other config
             * @example [
             *       "compact",
             *       "delete"
             *     ]
             */
            valid_values: string[] | null;
            /** @example KafkaBrokerConfig */
            kind: string;
            /** @example 0 */
            broker_id: number;
        };
        BrokerConfigDataListDto: {
            /** @example KafkaBrokerConfigList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["BrokerConfigDataDto"][];
        };
        AlterConfigEntryDto: {
            /** @example compression.type */
            name: string;
            /** @description The new value (SET) */
            value?: string | null;
            /**
             * @description SET (the default) or DELETE (back to the inherited value)
             * @enum {string|null}
             */
            operation?: "SET" | "DELETE" | null;
        };
        AlterConfigBatchRequestDto: {
            data: components["schemas"]["AlterConfigEntryDto"][];
            /** @description Only validate the changes */
            validate_only?: boolean;
        };
        UpdateConfigRequestDto: {
            /** @example gzip */
            value: string;
        };
        BrokerDataDto: {
            /** @example KafkaBroker */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @example 0 */
            broker_id: number;
            /** @example localhost */
            host: string | null;
            /** @example 8080 */
            port: number | null;
            rack: string | null;
            configs: components["schemas"]["RelationshipDto"];
            partition_replicas: components["schemas"]["RelationshipDto"];
        };
        BrokerDataListDto: {
            /** @example KafkaBrokerList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["BrokerDataDto"][];
        };
        ClusterConfigDataDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @example retention.ms */
            name: string;
            /** @description Null for a sensitive config, or one nothing sets that has no default */
            value: string | null;
            is_default: boolean;
            is_read_only: boolean;
            is_sensitive: boolean;
            /**
             * @description Where the value comes from: the first synonym's source
             * @enum {string}
             */
            source: "DYNAMIC_TOPIC_CONFIG" | "DYNAMIC_BROKER_CONFIG" | "DYNAMIC_DEFAULT_BROKER_CONFIG" | "STATIC_BROKER_CONFIG" | "DEFAULT_CONFIG" | "UNKNOWN";
            /** @description Every place the config is set, in the order the value is resolved */
            synonyms: components["schemas"]["ConfigSynonymDto"][];
            /** @description Skein's extension: Kafka's documentation of the config; null for a name Skein does not know */
            documentation: string | null;
            /**
             * @description Skein's extension: the values an enumerated config allows (for a list config, each item's); null for any other config
             * @example [
             *       "compact",
             *       "delete"
             *     ]
             */
            valid_values: string[] | null;
            /** @example KafkaClusterConfig */
            kind: string;
            /** @example BROKER */
            config_type: string;
        };
        ClusterConfigDataListDto: {
            /** @example KafkaClusterConfigList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["ClusterConfigDataDto"][];
        };
        ReplicaDataDto: {
            /** @example KafkaReplica */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            broker_id: number;
            is_leader: boolean;
            is_in_sync: boolean;
            broker: components["schemas"]["RelationshipDto"];
        };
        ReplicaDataListDto: {
            /** @example KafkaReplicaList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["ReplicaDataDto"][];
        };
        TopicDataDto: {
            /** @example KafkaTopic */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @example orders */
            topic_name: string;
            is_internal: boolean;
            /** @example 1 */
            replication_factor: number;
            /** @example 3 */
            partitions_count: number;
            partitions: components["schemas"]["RelationshipDto"];
            configs: components["schemas"]["RelationshipDto"];
            partition_reassignments: components["schemas"]["RelationshipDto"];
            authorized_operations: string[];
        };
        TopicDataListDto: {
            /** @example KafkaTopicList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["TopicDataDto"][];
        };
        TopicConfigEntryDto: {
            /** @example cleanup.policy */
            name: string;
            /** @example compact */
            value?: string | null;
        };
        CreateTopicRequestDto: {
            /** @example orders */
            topic_name: string;
            /**
             * @description Default: the broker's num.partitions
             * @example 3
             */
            partitions_count?: number;
            /**
             * @description Default: the broker's default.replication.factor
             * @example 1
             */
            replication_factor?: number;
            configs?: components["schemas"]["TopicConfigEntryDto"][];
            /** @description Only validate: create nothing and answer 200 */
            validate_only?: boolean;
        };
        UpdatePartitionCountRequestDto: {
            /**
             * @description The new partition count; it must be larger than the current one
             * @example 6
             */
            partitions_count: number;
        };
        TopicDeletionDto: {
            /** @example SkeinTopicDeletion */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            topic_id: string;
            /** @description Why the metadata database has not recorded the deletion (it is retried in the background and at start-up) */
            metadata_pending: string;
            message: string;
        };
        TopicConfigDataDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @example retention.ms */
            name: string;
            /** @description Null for a sensitive config, or one nothing sets that has no default */
            value: string | null;
            is_default: boolean;
            is_read_only: boolean;
            is_sensitive: boolean;
            /**
             * @description Where the value comes from: the first synonym's source
             * @enum {string}
             */
            source: "DYNAMIC_TOPIC_CONFIG" | "DYNAMIC_BROKER_CONFIG" | "DYNAMIC_DEFAULT_BROKER_CONFIG" | "STATIC_BROKER_CONFIG" | "DEFAULT_CONFIG" | "UNKNOWN";
            /** @description Every place the config is set, in the order the value is resolved */
            synonyms: components["schemas"]["ConfigSynonymDto"][];
            /** @description Skein's extension: Kafka's documentation of the config; null for a name Skein does not know */
            documentation: string | null;
            /**
             * @description Skein's extension: the values an enumerated config allows (for a list config, each item's); null for any other config
             * @example [
             *       "compact",
             *       "delete"
             *     ]
             */
            valid_values: string[] | null;
            /** @example KafkaTopicConfig */
            kind: string;
            /** @example orders */
            topic_name: string;
        };
        TopicConfigDataListDto: {
            /** @example KafkaTopicConfigList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["TopicConfigDataDto"][];
        };
        PartitionDataDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example KafkaPartition */
            kind: string;
            /** @description The leader's replica */
            leader: components["schemas"]["RelationshipDto"] | null;
            replicas: components["schemas"]["RelationshipDto"];
            reassignment: components["schemas"]["RelationshipDto"];
        };
        PartitionDataListDto: {
            /** @example KafkaPartitionList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["PartitionDataDto"][];
        };
        PartitionWithOffsetsDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example KafkaPartitionWithOffsets */
            kind: string;
            /** @description The log start offset */
            earliest_offset: number;
            /** @description The high watermark: the offset the next record gets */
            latest_offset: number;
        };
        SegmentDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example SkeinSegment */
            kind: string;
            base_offset: number;
            /** @description Null for an empty segment */
            last_offset: number | null;
            size_bytes: number;
            first_timestamp: number | null;
            max_timestamp: number | null;
            /** @description The segment being appended to */
            active: boolean;
        };
        SegmentListDto: {
            /** @example SkeinSegmentList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["SegmentDto"][];
        };
        PartitionLogDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example SkeinPartitionLog */
            kind: string;
            log_start_offset: number;
            log_end_offset: number;
            high_watermark: number;
            size_bytes: number;
        };
        CorruptRangeDto: {
            /** @example SkeinCorruptRange */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @description The first offset the corrupt bytes covered (as far as the intact batches around them tell) */
            base_offset: number;
            /** @description The last offset they covered */
            last_offset: number;
            /** @description The segment that held them */
            segment_base_offset: number;
            size_bytes: number;
            /** @description Where the bytes were moved, relative to the data directory; null while they could not be moved aside */
            quarantined_as: string | null;
            /** @description Epoch milliseconds */
            detected_at: number;
            /**
             * @description Found by recovery after a crash, by the background scrubber, or by a read
             * @enum {string}
             */
            detected_by: "recovery" | "scrubber" | "read";
            /** @example CRC32C mismatch */
            reason: string;
        };
        CorruptRangeListDto: {
            /** @example SkeinCorruptRangeList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["CorruptRangeDto"][];
        };
        RetentionSegmentDto: {
            base_offset: number;
            last_offset: number | null;
            size_bytes: number;
            max_timestamp: number | null;
            /** @enum {string} */
            reason: "retention.ms" | "retention.bytes" | "log-start-offset";
        };
        RetentionDeletionDto: {
            base_offset: number;
            last_offset: number | null;
            size_bytes: number;
            max_timestamp: number | null;
            /** @enum {string} */
            reason: "retention.ms" | "retention.bytes" | "log-start-offset";
            deleted_at: number;
        };
        PartitionRetentionDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example SkeinPartitionRetention */
            kind: string;
            /** @description What the next retention check deletes, and why */
            due_for_deletion: components["schemas"]["RetentionSegmentDto"][];
            recent_deletions: components["schemas"]["RetentionDeletionDto"][];
            last_check_at: number | null;
            next_check_at: number | null;
            check_interval_ms: number;
        };
        PartitionCleanerDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example SkeinPartitionCleaner */
            kind: string;
            /** @description cleanup.policy includes compact */
            compacted: boolean;
            /** @description log.cleaner.enable */
            cleaner_running: boolean;
            /** @enum {string} */
            status: "cleaning" | "eligible" | "idle";
            dirty_ratio: number;
            min_cleanable_dirty_ratio: number;
            first_dirty_offset: number;
            first_uncleanable_offset: number;
            clean_bytes: number;
            cleanable_bytes: number;
            held_back_bytes: number;
            earliest_dirty_timestamp: number | null;
            next_tombstone_expiry_at: number | null;
            /** @description Why the log is not being cleaned: {code, message} */
            not_cleaned_reason: Record<string, never> | null;
            /** @description The last pass: trigger, started_at, ended_at, duration_ms, outcome, error, stats */
            last_run: Record<string, never> | null;
            /** @description runs, bytes_reclaimed, records_removed, tombstones_removed */
            totals: Record<string, never>;
            bytes_reclaimed: number;
            next_check_at: number | null;
        };
        DeleteRecordsRequestDto: {
            /**
             * @description Records before this offset are deleted; -1 means the high watermark
             * @example 42
             */
            offset: number;
        };
        DeleteRecordsResultDto: {
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            /** @example SkeinDeleteRecordsResult */
            kind: string;
            /** @description The partition's new log start offset */
            log_start_offset: number;
            /** @description Null when the new log start offset is on disk. Otherwise why not yet (the disk is full): readers already cannot read below it, it is written as soon as the disk has room, and a restart before then starts the log at the earlier offset again. */
            checkpoint_pending: string | null;
        };
        RecordPayloadDto: {
            /** @description Bytes */
            size: number;
            /** @description Base64 */
            data: string;
        };
        RecordHeaderDto: {
            name: string;
            /** @description Base64 */
            value: string | null;
        };
        RecordDto: {
            /** @example SkeinRecord */
            kind: string;
            partition_id: number;
            offset: number;
            timestamp: number;
            /** @enum {string} */
            timestamp_type: "CreateTime" | "LogAppendTime";
            key: components["schemas"]["RecordPayloadDto"] | null;
            value: components["schemas"]["RecordPayloadDto"] | null;
            headers: components["schemas"]["RecordHeaderDto"][];
        };
        RecordListDto: {
            /** @example SkeinRecordList */
            kind: string;
            /** @description `next`: the same read from next_offset; null once the read's end is reached (the last stable offset, or the high watermark with read_uncommitted) */
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            log_start_offset: number;
            log_end_offset: number;
            high_watermark: number;
            /** @description The last stable offset: below it every transaction is decided; read_committed reads stop here */
            last_stable_offset: number;
            /**
             * @description The read's isolation level
             * @enum {string}
             */
            isolation_level: "read_committed" | "read_uncommitted";
            /** @description Where the next read continues */
            next_offset: number;
            data: components["schemas"]["RecordDto"][];
        };
        OpenTransactionDto: {
            producer_id: number;
            producer_epoch: number;
            /** @description The transactional id, when this broker's coordinator knows the producer id */
            transactional_id: string | null;
            /** @description The coordinator's state of that transactional id (Ongoing, PrepareCommit, ...) */
            coordinator_state: string | null;
            /** @description The offset of the transaction's first record in this partition */
            first_offset: number;
            /** @description When the transaction started (the coordinator's start time); null when unknown */
            started_at: string | null;
            /** @description The timestamp of the producer's last batch in this partition */
            last_write_at: string;
            /** @description How long it has been open: since started_at, or at least since last_write_at when the start is unknown */
            open_ms: number;
            timeout_ms: number;
            /**
             * @description The producer's timeout, or the broker's maximum when the producer is unknown
             * @enum {string}
             */
            timeout_source: "transaction.timeout.ms" | "transaction.max.timeout.ms";
            /** @description Open longer than timeout_ms, or its coordinator no longer counts this partition in an open transaction (as kafka-transactions find-hanging) */
            hanging: boolean;
        };
        PartitionTransactionsDto: {
            /** @example SkeinPartitionTransactions */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            high_watermark: number;
            /** @description Below it every transaction is decided; read_committed consumers stop here */
            last_stable_offset: number;
            /** @description high_watermark - last_stable_offset: what read_committed consumers wait for */
            lso_lag: number;
            /** @description Open transactions, oldest first offset first */
            data: components["schemas"]["OpenTransactionDto"][];
        };
        ProduceRequestHeaderDto: {
            name: string;
            /**
             * Format: byte
             * @description base64
             */
            value?: string | null;
        };
        ProduceRequestDataDto: {
            /**
             * @description AVRO, JSONSCHEMA and PROTOBUF need a schema registry, which Skein has not (42206)
             * @enum {string}
             */
            type: "BINARY" | "JSON" | "STRING";
            /** @description BINARY: strict base64; STRING: a string; JSON: any JSON value */
            data?: Record<string, never> | null;
        };
        ProduceRequestDto: {
            partition_id?: number | null;
            headers?: components["schemas"]["ProduceRequestHeaderDto"][];
            key?: components["schemas"]["ProduceRequestDataDto"] | null;
            value?: components["schemas"]["ProduceRequestDataDto"] | null;
            /**
             * Format: date-time
             * @description ISO-8601, or epoch milliseconds (Skein)
             */
            timestamp?: string | null;
        };
        ProduceResponseDataDto: {
            /** @enum {string} */
            type: "BINARY" | "JSON" | "STRING";
            /** @description Serialized size in bytes */
            size: number;
        };
        ProduceResponseDto: {
            /**
             * @description 200 when stored; otherwise the error's code, with `message`
             * @example 200
             */
            error_code: number;
            message?: string;
            cluster_id?: string;
            topic_name?: string;
            partition_id?: number;
            offset?: number;
            /** Format: date-time */
            timestamp?: string;
            key?: components["schemas"]["ProduceResponseDataDto"];
            value?: components["schemas"]["ProduceResponseDataDto"];
        };
        ProduceBatchRequestEntryDto: {
            partition_id?: number | null;
            headers?: components["schemas"]["ProduceRequestHeaderDto"][];
            key?: components["schemas"]["ProduceRequestDataDto"] | null;
            value?: components["schemas"]["ProduceRequestDataDto"] | null;
            /**
             * Format: date-time
             * @description ISO-8601, or epoch milliseconds (Skein)
             */
            timestamp?: string | null;
            id: string;
        };
        ProduceBatchRequestDto: {
            entries: components["schemas"]["ProduceBatchRequestEntryDto"][];
        };
        ProduceBatchSuccessDto: {
            id: string;
            cluster_id: string;
            topic_name: string;
            partition_id: number;
            offset: number;
            /** Format: date-time */
            timestamp: string;
            key?: components["schemas"]["ProduceResponseDataDto"];
            value?: components["schemas"]["ProduceResponseDataDto"];
        };
        ProduceBatchFailureDto: {
            id: string;
            error_code: number;
            message: string;
        };
        ProduceBatchResponseDto: {
            successes: components["schemas"]["ProduceBatchSuccessDto"][];
            failures: components["schemas"]["ProduceBatchFailureDto"][];
        };
        V2ProduceRecordDto: {
            /** @description binary: base64; json: any JSON value */
            key?: Record<string, never> | null;
            /** @description binary: base64; json: any JSON value */
            value?: Record<string, never> | null;
            partition?: number | null;
        };
        V2ProduceRequestDto: {
            records: components["schemas"]["V2ProduceRecordDto"][];
        };
        V2PartitionOffsetDto: {
            partition: number | null;
            offset: number | null;
            /** @description 50002 (Kafka error), 50003 (retriable) or 50701 (the disk is full) when not stored */
            error_code: number | null;
            error: string | null;
        };
        V2ProduceResponseDto: {
            offsets: components["schemas"]["V2PartitionOffsetDto"][];
            key_schema_id: number | null;
            value_schema_id: number | null;
            /** @description Only in a 507: 50701, a record was refused because the disk is full */
            error_code?: number;
            /** @description Only in a 507: why */
            message?: string;
        };
        V2ReplicaDto: {
            broker: number;
            leader: boolean;
            in_sync: boolean;
        };
        V2PartitionDto: {
            partition: number;
            leader: number;
            replicas: components["schemas"]["V2ReplicaDto"][];
        };
        V2TopicDto: {
            name: string;
            /** @description Every config in force, by name */
            configs: {
                [key: string]: string | null;
            };
            partitions: components["schemas"]["V2PartitionDto"][];
        };
        V2PartitionOffsetsDto: {
            /** @description The log start offset */
            beginning_offset: number;
            /** @description The offset the next record will get (the high watermark) */
            end_offset: number;
        };
        V2BrokerListDto: {
            brokers: number[];
        };
        ThroughputSampleDto: {
            /** @description Start of the second (epoch ms) */
            timestamp: number;
            records_in: number;
            records_out: number;
            bytes_in: number;
            bytes_out: number;
        };
        ThroughputDto: {
            /** @example SkeinThroughput */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            /** @description Records appended in the last complete second */
            records_in_per_sec: number;
            /** @description Records read by clients in the last complete second */
            records_out_per_sec: number;
            bytes_in_per_sec: number;
            bytes_out_per_sec: number;
            /** @description One sample per second for the last 10 minutes, oldest first */
            history: components["schemas"]["ThroughputSampleDto"][];
        };
        OfflinePartitionDto: {
            topic_name: string;
            partition_id: number;
            /** @description Why its log cannot be served (reads and writes answer KAFKA_STORAGE_ERROR) */
            reason: string;
        };
        ScrubberDto: {
            /** @description log.scrubber.enable */
            enabled: boolean;
            /** @description log.scrubber.bytes.per.second */
            bytes_per_second: number;
            /** @description Epoch milliseconds */
            last_pass_completed_at: number | null;
            /** @description Bytes verified since the broker started */
            bytes_verified: number;
            /** @description Corrupt ranges found since the broker started */
            corruptions_found: number;
        };
        LogDirDto: {
            /** @example SkeinLogDir */
            kind: string;
            metadata: components["schemas"]["ResourceMetadataDto"];
            cluster_id: string;
            broker_id: number;
            /** @example /var/lib/skein */
            path: string;
            /**
             * @description nearly-full: still writable, used_ratio at or above log.dir.nearly.full.ratio; full: appends are refused (507/50701) until free space is back above log.dir.min.free.bytes, by any means and without a restart; failed: an I/O error other than a full disk took the directory offline, writes are refused until a restart
             * @enum {string}
             */
            state: "ok" | "nearly-full" | "full" | "failed";
            /** @description Whether appends are accepted (ok or nearly-full) */
            writable: boolean;
            total_bytes: number;
            /** @description Bytes the broker may still write on the filesystem */
            usable_bytes: number;
            /** @example 0.42 */
            used_ratio: number;
            /**
             * @description log.dir.nearly.full.ratio
             * @example 0.9
             */
            nearly_full_ratio: number;
            /** @description The last storage error */
            error: string | null;
            /** @description When the space was last measured (epoch milliseconds) */
            checked_at: number;
            offline_partitions: components["schemas"]["OfflinePartitionDto"][];
            corrupt_ranges: components["schemas"]["CorruptRangeDto"][];
            scrubber: components["schemas"]["ScrubberDto"];
        };
        LogDirListDto: {
            /** @example SkeinLogDirList */
            kind: string;
            metadata: components["schemas"]["ResourceCollectionMetadataDto"];
            data: components["schemas"]["LogDirDto"][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthController_session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionDto"];
                };
            };
            /** @description Wrong user name or password (40101) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Too many failed authentications from this address (42901) */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    AclsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AclDataListDto"];
                };
            };
            /** @description An unknown enum value (400), or security disabled (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AclsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAclRequestDto"];
            };
        };
        responses: {
            /** @description Created (an ACL that exists already is no error, as in Kafka) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid ACL (40002), e.g. a CLUSTER name other than kafka-cluster */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AclsController_delete: {
        parameters: {
            query: {
                permission: unknown;
                operation: unknown;
                pattern_type: unknown;
                resource_type: unknown;
            };
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteAclsResponseDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AclsController_batchCreate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchCreateAclRequestDto"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDataListDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDataDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The user exists (409) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                user_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserDataDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such user (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                user_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such user (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_setPassword: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                user_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPasswordRequestDto"];
            };
        };
        responses: {
            /** @description Set */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_allKeys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDataListDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_keys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                user_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDataListDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_createKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                user_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyDataDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    UsersController_deleteKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                user_name: string;
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such key for this user (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClientQuotasController_list: {
        parameters: {
            query?: {
                user?: string;
                client_id?: string;
            };
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClientQuotaDataListDto"];
                };
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClientQuotasController_alter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlterClientQuotasRequestDto"];
            };
        };
        responses: {
            /** @description Altered (or validated only) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not authorized (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    AuditLogController_read: {
        parameters: {
            query?: {
                format?: "json" | "ndjson" | "csv";
                /** @description Default 100; at most 1,000 (100,000 for exports) */
                limit?: unknown;
                before?: unknown;
                until?: unknown;
                since?: unknown;
                resource?: unknown;
                operation?: unknown;
                outcome?: "success" | "failure" | "denied";
                surface?: "wire" | "rest" | "ws" | "console" | "cli";
                principal?: unknown;
            };
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventListDto"];
                    "application/x-ndjson": components["schemas"]["AuditEventListDto"];
                    "text/csv": components["schemas"]["AuditEventListDto"];
                };
            };
            /** @description No READ on the _skein_audit topic (40301) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: {
                /** @description Answer 503 unless produces are accepted */
                writes?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Serving (maybe degraded) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Not ready (or, with ?writes=true, not taking writes): the REST error shape with the checks */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    ClustersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterDataListDto"];
                };
            };
        };
    };
    ClustersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterDataDto"];
                };
            };
            /** @description No cluster with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerConfigsController_listAll: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerConfigDataListDto"];
                };
            };
            /** @description No such cluster, broker or config */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerConfigsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerConfigDataListDto"];
                };
            };
            /** @description No such cluster, broker or config */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerConfigsController_alter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlterConfigBatchRequestDto"];
            };
        };
        responses: {
            /** @description Altered */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid value or a read-only config (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster, broker or config */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerConfigsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerConfigDataDto"];
                };
            };
            /** @description No such cluster, broker or config */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerConfigsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConfigRequestDto"];
            };
        };
        responses: {
            /** @description Updated */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid value or a read-only config (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster, broker or config */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerConfigsController_reset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such cluster, broker or config */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerDataListDto"];
                };
            };
            /** @description No cluster with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BrokerDataDto"];
                };
            };
            /** @description No such cluster or broker */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClusterConfigsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterConfigDataListDto"];
                };
            };
            /** @description No such cluster, or the config is not set cluster-wide */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClusterConfigsController_alter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlterConfigBatchRequestDto"];
            };
        };
        responses: {
            /** @description Altered */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid value or a read-only config (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster, or the config is not set cluster-wide */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClusterConfigsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ClusterConfigDataDto"];
                };
            };
            /** @description No such cluster, or the config is not set cluster-wide */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClusterConfigsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConfigRequestDto"];
            };
        };
        responses: {
            /** @description Updated */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid value or a read-only config (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster, or the config is not set cluster-wide */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ClusterConfigsController_reset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such cluster, or the config is not set cluster-wide */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    BrokerReplicasController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicaDataListDto"];
                };
            };
            /** @description No such cluster or broker */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicsController_list: {
        parameters: {
            query?: {
                include_authorized_operations?: boolean;
                /** @description Skein's extension: also list internal topics (`__consumer_offsets`, ...), which are left out by default as Kafka's listTopics leaves them out. */
                include_internal?: "true" | "false";
            };
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicDataListDto"];
                };
            };
            /** @description No such cluster (404) or topic (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTopicRequestDto"];
            };
        };
        responses: {
            /** @description Validated only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicDataDto"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicDataDto"];
                };
            };
            /** @description The topic exists, or a bad partition count, replication factor or config (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404) or topic (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No body, a missing topic_name, or an invalid topic name (42206) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicsController_get: {
        parameters: {
            query?: {
                include_authorized_operations?: boolean;
            };
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicDataDto"];
                };
            };
            /** @description No such cluster (404) or topic (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted and its logs freed; the metadata database records it later */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicDeletionDto"];
                };
            };
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An internal topic, or deletion disabled (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404) or topic (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePartitionCountRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicDataDto"];
                };
            };
            /** @description Not an increase (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404) or topic (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No body or no partitions_count (42206) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicConfigsController_listAll: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicConfigDataListDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or config (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicConfigsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicConfigDataListDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or config (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicConfigsController_alter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AlterConfigBatchRequestDto"];
            };
        };
        responses: {
            /** @description Altered (or validated) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid value (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or config (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicConfigsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicConfigDataDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or config (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicConfigsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConfigRequestDto"];
            };
        };
        responses: {
            /** @description Updated */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An invalid value (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or config (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    TopicConfigsController_reset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such cluster (404), topic (40403) or config (404) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionDataListDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionDataDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionsController_offsets: {
        parameters: {
            query?: {
                offset_type?: "earliest_and_latest";
            };
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionWithOffsetsDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionsController_replicas: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicaDataListDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionsController_replica: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
                broker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReplicaDataDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_segments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentListDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_segment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
                base_offset: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SegmentDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionLogDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_corruptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorruptRangeListDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_retention: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionRetentionDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_cleaner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionCleanerDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionStorageController_deleteRecords: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeleteRecordsRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeleteRecordsResultDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The offset is beyond the high watermark (41601) */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionRecordsController_read: {
        parameters: {
            query?: {
                /** @description Read from this offset */
                offset?: string;
                /** @description Read from the first record at or after this time: epoch milliseconds or ISO-8601 */
                timestamp?: string;
                /** @description The newest `limit` records */
                from?: "newest";
                /** @description At most this many records (1 to 1000, default 50) */
                limit?: string;
                /** @description At most about this many bytes of record batches (at least one batch is read) */
                max_bytes?: string;
                /** @description read_committed (default): records up to the last stable offset, aborted transactions left out; read_uncommitted: up to the high watermark, records of open and aborted transactions included. Transaction markers are never records. Another value is 400 (40002). */
                isolation_level?: "read_committed" | "read_uncommitted";
            };
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordListDto"];
                };
            };
            /** @description A bad query parameter (400); an unknown isolation_level (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The offset is below the log start offset or beyond the log end (41601) */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    PartitionTransactionsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
                partition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartitionTransactionsDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    ConsumersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    ConsumersController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_subscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    ConsumersController_subscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_unsubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_assignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_seek: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_seekToBeginning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_seekToEnd: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_records: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_committed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumersController_commit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                group: string;
                instance: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
        };
    };
    ConsumerGroupsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_consumers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_consumer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
                consumer: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_assignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
                consumer: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_assignment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
                consumer: string;
                topic: string;
                partition: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_lags: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_lag: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
                topic: string;
                partition: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_lagSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_history: {
        parameters: {
            query: {
                minutes: string;
            };
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_reset: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": unknown;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    ConsumerGroupsController_deleteOffsets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                group: string;
                topic: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    RecordsController_produce: {
        parameters: {
            query?: {
                /** @description What the answer waits for (Kafka's producer acks). all (-1): the records are fsynced to disk, concurrent produces sharing one fsync (group commit). 1: written to the operating system: they survive the service crashing, not a power loss. 0: nothing: the answer comes before the write, offsets are -1 and a record the broker then refuses is lost. Default: the service's SKEIN_PRODUCER_ACKS (all). */
                acks?: "0" | "1" | "all" | "-1";
            };
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProduceRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProduceResponseDto"];
                };
            };
            /** @description An unknown acks value (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404), or no such topic while auto.create.topics.enable=false (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Not application/json */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description Empty body (42206) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description The data directory's disk is full (50701): nothing of the refused records was written */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    RecordsController_produceBatch: {
        parameters: {
            query?: {
                /** @description What the answer waits for (Kafka's producer acks). all (-1): the records are fsynced to disk, concurrent produces sharing one fsync (group commit). 1: written to the operating system: they survive the service crashing, not a power loss. 0: nothing: the answer comes before the write, offsets are -1 and a record the broker then refuses is lost. Default: the service's SKEIN_PRODUCER_ACKS (all). */
                acks?: "0" | "1" | "all" | "-1";
            };
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProduceBatchRequestDto"];
            };
        };
        responses: {
            207: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProduceBatchResponseDto"];
                };
            };
            /** @description No such cluster (404), or no such topic while auto.create.topics.enable=false (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No body, no entries, too many, or ids missing or repeated (42208) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    RecordSearchController_search: {
        parameters: {
            query?: {
                /** @description The exact key (UTF-8). Only the key's murmur2 partition is scanned (where Kafka's producers put it), unless `partition` names one. */
                key?: string;
                /** @description Text (UTF-8 bytes) the value contains */
                value_contains?: string;
                /** @description A header with this exact name */
                header_name?: string;
                /** @description Text a header's value contains (that of `header_name` when given, else any header's) */
                header_contains?: string;
                /** @description A path into a JSON value, such as `$.customer.id` or `$.items[0].sku`; with `json_equals` */
                json_path?: string;
                /** @description The JSON value at `json_path` must equal this (`"kim"`, `42`, `true`; text that is not JSON is taken as a string) */
                json_equals?: string;
                /** @description Scan only this partition */
                partition?: string;
                /** @description Stop after this many matches (1 to 10000, default 100) */
                limit?: string;
            };
            header?: never;
            path: {
                cluster_id: string;
                topic_name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Lines of JSON (SkeinSearchProgress, SkeinSearchMatch, SkeinSearchDone) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No criterion, or a bad one (40002) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No such cluster (404), topic (40403) or partition (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    V2MetadataController_topic: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                topic: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2TopicDto"];
                };
            };
            /** @description Topic not found (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    V2ProduceController_toTopic: {
        parameters: {
            query?: {
                /** @description What the answer waits for (Kafka's producer acks). all (-1): the records are fsynced to disk, concurrent produces sharing one fsync (group commit). 1: written to the operating system: they survive the service crashing, not a power loss. 0: nothing: the answer comes before the write, offsets are -1 and a record the broker then refuses is lost. Default: the service's SKEIN_PRODUCER_ACKS (all). */
                acks?: "0" | "1" | "all" | "-1";
            };
            header?: never;
            path: {
                topic: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kafka.binary.v2+json": components["schemas"]["V2ProduceRequestDto"];
                "application/vnd.kafka.json.v2+json": components["schemas"]["V2ProduceRequestDto"];
                "application/vnd.kafka.v2+json": components["schemas"]["V2ProduceRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2ProduceResponseDto"];
                };
            };
            /** @description An unknown acks value (40002); a key or value that is not base64 (binary) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description No records (422); avro, protobuf or jsonschema without a schema registry (42206) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A record was refused because the disk is full: error_code 50701 at the top and on each refused record */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2ProduceResponseDto"];
                };
            };
        };
    };
    V2MetadataController_partition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                topic: string;
                partition: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2PartitionDto"];
                };
            };
            /** @description Topic not found (40403), partition not found (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    V2ProduceController_toPartition: {
        parameters: {
            query?: {
                /** @description What the answer waits for (Kafka's producer acks). all (-1): the records are fsynced to disk, concurrent produces sharing one fsync (group commit). 1: written to the operating system: they survive the service crashing, not a power loss. 0: nothing: the answer comes before the write, offsets are -1 and a record the broker then refuses is lost. Default: the service's SKEIN_PRODUCER_ACKS (all). */
                acks?: "0" | "1" | "all" | "-1";
            };
            header?: never;
            path: {
                topic: string;
                partition: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.kafka.binary.v2+json": components["schemas"]["V2ProduceRequestDto"];
                "application/vnd.kafka.json.v2+json": components["schemas"]["V2ProduceRequestDto"];
                "application/vnd.kafka.v2+json": components["schemas"]["V2ProduceRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2ProduceResponseDto"];
                };
            };
            /** @description A partition the topic does not have (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
            /** @description A record was refused because the disk is full: error_code 50701 at the top and on each refused record */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2ProduceResponseDto"];
                };
            };
        };
    };
    V2MetadataController_topics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string[];
                };
            };
        };
    };
    V2MetadataController_partitions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                topic: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2PartitionDto"][];
                };
            };
            /** @description Topic not found (40403) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    V2MetadataController_offsets: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                topic: string;
                partition: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2PartitionOffsetsDto"];
                };
            };
            /** @description Topic not found (40403), partition not found (40402) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    V2MetadataController_brokers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["V2BrokerListDto"];
                };
            };
        };
    };
    ThroughputController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ThroughputDto"];
                };
            };
            /** @description No cluster with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
    LogDirsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                cluster_id: string;
                broker_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LogDirListDto"];
                };
            };
            /** @description No such cluster or broker */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorDto"];
                };
            };
        };
    };
}
