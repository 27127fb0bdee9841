import { ApiKey, decodeCreateAclsRequest, encodeCreateAclsResponse, type CreateAclsRequest, type CreateAclsResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, KafkaError, SecurityDisabledError } from "../../../errors.js";
import { formatAcl, type AclBinding } from "../../../security/acl.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { aclFromWire } from "./acl-codes.js";

/**
 * CreateAcls (`kafka-acls --add`): one result per ACL, each checked with Kafka's rules (INVALID_REQUEST naming what
 * is wrong) and the valid ones stored together. Needs ALTER on the cluster; SECURITY_DISABLED without an authorizer.
 */
export function createAclsApi(services: BrokerServices) {
  const everyOne = (request: CreateAclsRequest, error: KafkaError): CreateAclsResponseInput => ({
    throttleTimeMs: 0,
    results: request.creations.map(() => ({ errorCode: error.code, errorMessage: error.message })),
  });

  return defineApi<CreateAclsRequest, CreateAclsResponseInput>({
    apiKey: ApiKey.CreateAcls,
    minVersion: 0,
    maxVersion: 3,
    decode: decodeCreateAclsRequest,
    encode: encodeCreateAclsResponse,
    async handle(request, context) {
      if (!services.auth.authorizeCluster(context, "ALTER")) return everyOne(request, new ClusterAuthorizationFailedError());
      const authorizer = services.security?.authorizer;
      if (authorizer == null) return everyOne(request, new SecurityDisabledError("No Authorizer is configured."));
      const parsed = request.creations.map((c): AclBinding | KafkaError => {
        try {
          return aclFromWire({ ...c, patternType: c.resourcePatternType }, context.apiVersion);
        } catch (error) {
          return toKafkaError(error);
        }
      });
      const valid = parsed.filter((p): p is AclBinding => !(p instanceof KafkaError));
      const created = await authorizer.createAcls(valid);
      let next = 0;
      const results = parsed.map((p) => (p instanceof KafkaError ? p : created[next++]!));
      parsed.forEach((p, i) => {
        if (!(p instanceof KafkaError)) services.auth.recordChange(context, "CREATE", "ACL", formatAcl(p), results[i]);
      });
      return { throttleTimeMs: 0, results: results.map((error) => ({ errorCode: error?.code ?? 0, errorMessage: error?.message ?? null })) };
    },
    errorResponse: everyOne,
  });
}
