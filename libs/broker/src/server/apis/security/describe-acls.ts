import { ApiKey, decodeDescribeAclsRequest, encodeDescribeAclsResponse, type DescribeAclsRequest, type DescribeAclsResponseDescribeAclsResourceInput, type DescribeAclsResponseInput } from "@skein/protocol";
import { ClusterAuthorizationFailedError, SecurityDisabledError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { aclFilterFromWire, aclToWire } from "./acl-codes.js";

/**
 * DescribeAcls (`kafka-acls --list`): the ACLs the filter selects, grouped by resource pattern. Needs DESCRIBE on the
 * cluster; answers SECURITY_DISABLED without an authorizer, as Kafka does.
 */
export function describeAclsApi(services: BrokerServices) {
  const failure = (error: { code: number; message: string }): DescribeAclsResponseInput => ({ throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, resources: [] });

  return defineApi<DescribeAclsRequest, DescribeAclsResponseInput>({
    apiKey: ApiKey.DescribeAcls,
    minVersion: 0,
    maxVersion: 3,
    decode: decodeDescribeAclsRequest,
    encode: encodeDescribeAclsResponse,
    handle(request, context) {
      if (!services.auth.authorizeCluster(context, "DESCRIBE")) return failure(new ClusterAuthorizationFailedError());
      const authorizer = services.security?.authorizer;
      if (authorizer == null) return failure(new SecurityDisabledError("No Authorizer is configured on the broker"));
      const resources = new Map<string, DescribeAclsResponseDescribeAclsResourceInput & { acls: ReturnType<typeof aclToWire>[] }>();
      for (const binding of authorizer.acls(aclFilterFromWire(request, context.apiVersion))) {
        const wire = aclToWire(binding);
        const key = `${wire.resourceType}\u0000${wire.patternType}\u0000${wire.resourceName}`;
        let resource = resources.get(key);
        if (resource === undefined) resources.set(key, (resource = { resourceType: wire.resourceType, resourceName: wire.resourceName, patternType: wire.patternType, acls: [] }));
        resource.acls.push(wire);
      }
      return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, resources: [...resources.values()] };
    },
    errorResponse: (_request, error) => failure(error),
  });
}
