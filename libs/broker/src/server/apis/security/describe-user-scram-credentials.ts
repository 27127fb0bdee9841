import {
  ApiKey,
  decodeDescribeUserScramCredentialsRequest,
  encodeDescribeUserScramCredentialsResponse,
  type DescribeUserScramCredentialsRequest,
  type DescribeUserScramCredentialsResponseInput,
} from "@skein/protocol";
import { ClusterAuthorizationFailedError, DuplicateResourceError, ResourceNotFoundError } from "../../../errors.js";
import type { ScramCredentialInfo } from "../../../security/credential-store.js";
import { scramMechanismCode } from "../../../security/scram.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

/**
 * DescribeUserScramCredentials (`kafka-configs --describe --entity-type users`): each user's SCRAM mechanisms and
 * iteration counts — never salts or keys. Every user when none is named; RESOURCE_NOT_FOUND for a user without
 * credentials and DUPLICATE_RESOURCE for one named twice, with Kafka's messages. Needs DESCRIBE on the cluster.
 */
export function describeUserScramCredentialsApi(services: BrokerServices) {
  return defineApi<DescribeUserScramCredentialsRequest, DescribeUserScramCredentialsResponseInput>({
    apiKey: ApiKey.DescribeUserScramCredentials,
    minVersion: 0,
    maxVersion: 0,
    decode: decodeDescribeUserScramCredentialsRequest,
    encode: encodeDescribeUserScramCredentialsResponse,
    async handle(request, context) {
      if (!services.auth.authorizeCluster(context, "DESCRIBE")) {
        const error = new ClusterAuthorizationFailedError();
        return { throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, results: [] };
      }
      const store = services.security?.authenticator.credentials;
      const credentials: ScramCredentialInfo[] = store === undefined ? [] : await store.listScramCredentials();
      const byUser = new Map<string, ScramCredentialInfo[]>();
      for (const c of credentials) byUser.set(c.user, [...(byUser.get(c.user) ?? []), c]);
      const requested = request.users === null || request.users.length === 0 ? [...byUser.keys()] : request.users.map((u) => u.name);
      const counts = new Map<string, number>();
      for (const user of requested) counts.set(user, (counts.get(user) ?? 0) + 1);
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        errorMessage: null,
        results: [...counts].map(([user, count]) => {
          const error =
            count > 1
              ? new DuplicateResourceError(`Cannot describe SCRAM credentials for the same user twice in a single request: ${user}`)
              : byUser.has(user)
                ? null
                : new ResourceNotFoundError(`Attempt to describe a user credential that does not exist: ${user}`);
          return {
            user,
            errorCode: error?.code ?? 0,
            errorMessage: error?.message ?? null,
            credentialInfos: error === null ? byUser.get(user)!.map((c) => ({ mechanism: scramMechanismCode(c.mechanism), iterations: c.iterations })) : [],
          };
        }),
      };
    },
    errorResponse: (_request, error) => ({ throttleTimeMs: 0, errorCode: error.code, errorMessage: error.message, results: [] }),
  });
}
