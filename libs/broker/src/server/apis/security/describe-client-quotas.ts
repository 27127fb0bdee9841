import { ApiKey, decodeDescribeClientQuotasRequest, encodeDescribeClientQuotasResponse, type DescribeClientQuotasRequest, type DescribeClientQuotasResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, InvalidRequestError, UnsupportedVersionError } from "../../../errors.js";
import { QUOTA_ENTITY_TYPES, type ClientQuotaFilter, type QuotaKey } from "../../../security/client-quota.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

const MATCH_EXACT = 0;
const MATCH_DEFAULT = 1;
const MATCH_SPECIFIED = 2;

/**
 * DescribeClientQuotas (`kafka-configs --describe --entity-type users|clients`): the entities the filter selects with
 * their quotas, the filter checked with Kafka's messages. Needs DESCRIBE_CONFIGS on the cluster.
 */
export function describeClientQuotasApi(services: BrokerServices) {
  function filterOf(request: DescribeClientQuotasRequest): ClientQuotaFilter {
    const seen = new Set<string>();
    const components = request.components.map((c) => {
      if (c.entityType === "") throw new InvalidRequestError("Invalid empty entity type.");
      if (seen.has(c.entityType)) throw new InvalidRequestError(`Entity type ${c.entityType} cannot appear more than once in the filter.`);
      seen.add(c.entityType);
      if (c.entityType !== "ip" && !(QUOTA_ENTITY_TYPES as readonly string[]).includes(c.entityType)) throw new UnsupportedVersionError(`Unsupported entity type ${c.entityType}`);
      switch (c.matchType) {
        case MATCH_EXACT:
          if (c.match === null) throw new InvalidRequestError("Request specified MATCH_TYPE_EXACT, but set match string to null.");
          return { entityType: c.entityType, match: { kind: "exact" as const, name: c.match } };
        case MATCH_DEFAULT:
          if (c.match !== null) throw new InvalidRequestError("Request specified MATCH_TYPE_DEFAULT, but also specified a match string.");
          return { entityType: c.entityType, match: { kind: "default" as const } };
        case MATCH_SPECIFIED:
          if (c.match !== null) throw new InvalidRequestError("Request specified MATCH_TYPE_SPECIFIED, but also specified a match string.");
          return { entityType: c.entityType, match: { kind: "specified" as const } };
        default:
          throw new InvalidRequestError(`Unknown match type ${c.matchType}`);
      }
    });
    if (seen.has("ip") && (seen.has("user") || seen.has("client-id"))) {
      throw new InvalidRequestError("Invalid entity filter component combination. IP filter component should not be used with user or clientId filter component.");
    }
    return { components, strict: request.strict };
  }

  return defineApi<DescribeClientQuotasRequest, DescribeClientQuotasResponseInput>({
    apiKey: ApiKey.DescribeClientQuotas,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeDescribeClientQuotasRequest,
    encode: encodeDescribeClientQuotasResponse,
    handle(request, context) {
      if (!services.auth.authorizeCluster(context, "DESCRIBE_CONFIGS")) {
        const error = new ClusterAuthorizationFailedError();
        return { throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, entries: null };
      }
      const filter = filterOf(request);
      const entries = services.security?.quotas.describeClientQuotas(filter) ?? [];
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        errorMessage: null,
        entries: entries.map((e) => ({
          entity: QUOTA_ENTITY_TYPES.filter((t) => e.entity[t] !== undefined).map((t) => ({ entityType: t, entityName: e.entity[t]! })),
          values: (Object.entries(e.quotas) as [QuotaKey, number][]).map(([key, value]) => ({ key, value })),
        })),
      };
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, entries: null }),
  });
}
