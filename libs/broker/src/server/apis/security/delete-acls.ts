import { ApiKey, decodeDeleteAclsRequest, encodeDeleteAclsResponse, type DeleteAclsRequest, type DeleteAclsResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, KafkaError, SecurityDisabledError } from "../../../errors.js";
import { formatAcl, type AclBindingFilter } from "../../../security/acl.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";
import { aclFilterFromWire, aclToWire } from "./acl-codes.js";

/**
 * DeleteAcls (`kafka-acls --remove`): per filter, the ACLs it matched and removed. Needs ALTER on the cluster;
 * SECURITY_DISABLED without an authorizer.
 */
export function deleteAclsApi(services: BrokerServices) {
  const everyFilter = (request: DeleteAclsRequest, error: KafkaError): DeleteAclsResponseInput => ({
    throttleTimeMs: 0,
    filterResults: request.filters.map(() => ({ errorCode: error.code, errorMessage: error.message, matchingAcls: [] })),
  });

  return defineApi<DeleteAclsRequest, DeleteAclsResponseInput>({
    apiKey: ApiKey.DeleteAcls,
    minVersion: 0,
    maxVersion: 3,
    decode: decodeDeleteAclsRequest,
    encode: encodeDeleteAclsResponse,
    async handle(request, context) {
      if (!services.auth.authorizeCluster(context, "ALTER")) return everyFilter(request, new ClusterAuthorizationFailedError());
      const authorizer = services.security?.authorizer;
      if (authorizer == null) return everyFilter(request, new SecurityDisabledError("No Authorizer is configured."));
      const parsed = request.filters.map((f): AclBindingFilter | KafkaError => {
        try {
          return aclFilterFromWire(f, context.apiVersion);
        } catch (error) {
          return toKafkaError(error);
        }
      });
      const valid = parsed.filter((p): p is AclBindingFilter => !(p instanceof KafkaError));
      const deleted = await authorizer.deleteAcls(valid);
      let next = 0;
      return {
        throttleTimeMs: 0,
        filterResults: parsed.map((p) => {
          if (p instanceof KafkaError) return { errorCode: p.code, errorMessage: p.message, matchingAcls: [] };
          const result = deleted[next++]!;
          for (const binding of result.deleted) services.auth.recordChange(context, "DELETE", "ACL", formatAcl(binding), result.error);
          return {
            errorCode: result.error?.code ?? 0,
            errorMessage: result.error?.message ?? null,
            matchingAcls: result.deleted.map((b) => ({ errorCode: 0, errorMessage: null, ...aclToWire(b) })),
          };
        }),
      };
    },
    errorResponse: everyFilter,
  });
}
