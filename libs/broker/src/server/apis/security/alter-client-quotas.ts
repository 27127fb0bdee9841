import { ApiKey, decodeAlterClientQuotasRequest, encodeAlterClientQuotasResponse, type AlterClientQuotasRequest, type AlterClientQuotasResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, KafkaError, SecurityDisabledError } from "../../../errors.js";
import { formatQuotaEntity, quotaEntityOf, type ClientQuotaAlteration } from "../../../security/client-quota.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/**
 * AlterClientQuotas (`kafka-configs --alter --entity-type users|clients --add-config producer_byte_rate=…`): one
 * result per entity, checked with Kafka's rules; `validate_only` changes nothing. Needs ALTER_CONFIGS on the cluster.
 */
export function alterClientQuotasApi(services: BrokerServices) {
  const everyEntry = (request: AlterClientQuotasRequest, error: KafkaError): AlterClientQuotasResponseInput => ({
    throttleTimeMs: 0,
    entries: request.entries.map((e) => ({ errorCode: error.code, errorMessage: error.message, entity: e.entity })),
  });

  return defineApi<AlterClientQuotasRequest, AlterClientQuotasResponseInput>({
    apiKey: ApiKey.AlterClientQuotas,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeAlterClientQuotasRequest,
    encode: encodeAlterClientQuotasResponse,
    async handle(request, context) {
      if (!services.auth.authorizeCluster(context, "ALTER_CONFIGS")) return everyEntry(request, new ClusterAuthorizationFailedError());
      const quotas = services.security?.quotas;
      if (quotas === undefined) return everyEntry(request, new SecurityDisabledError("Client quotas need the broker's security"));
      const parsed = request.entries.map((e): ClientQuotaAlteration | KafkaError => {
        try {
          return { entity: quotaEntityOf(e.entity), changes: e.ops.map((op) => ({ key: op.key, value: op.remove ? null : op.value })) };
        } catch (error) {
          return toKafkaError(error);
        }
      });
      const valid = parsed.filter((p): p is ClientQuotaAlteration => !(p instanceof KafkaError));
      const results = await quotas.alterClientQuotas(valid, request.validateOnly);
      let next = 0;
      return {
        throttleTimeMs: 0,
        entries: request.entries.map((e, i) => {
          const p = parsed[i]!;
          const error = p instanceof KafkaError ? p : results[next++]!;
          if (!(p instanceof KafkaError) && !request.validateOnly) {
            const detail = p.changes.map((c) => (c.value === null ? `${c.key} removed` : `${c.key}=${c.value}`)).join(", ");
            services.auth.recordChange(context, "ALTER_CONFIGS", "CLIENT_QUOTA", formatQuotaEntity(p.entity), error, detail);
          }
          return { errorCode: error?.code ?? 0, errorMessage: error?.message ?? null, entity: e.entity };
        }),
      };
    },
    errorResponse: everyEntry,
  });
}
