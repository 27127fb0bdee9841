import {
  ApiKey,
  decodeAlterUserScramCredentialsRequest,
  encodeAlterUserScramCredentialsResponse,
  type AlterUserScramCredentialsRequest,
  type AlterUserScramCredentialsResponseInput,
} from "@skein/protocol";
import {
  ClusterAuthorizationFailedError,
  DuplicateResourceError,
  ResourceNotFoundError,
  SecurityDisabledError,
  UnacceptableCredentialError,
  UnsupportedSaslMechanismError,
  type KafkaError,
} from "../../../errors.js";
import type { ScramCredentialChange } from "../../../security/credential-store.js";
import { SCRAM_MAX_ITERATIONS, SCRAM_MIN_ITERATIONS, scramCredentialFromSaltedPassword, scramMechanismOf, type ScramMechanism } from "../../../security/scram.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";
import { toKafkaError } from "../../error-codes.js";

/**
 * AlterUserScramCredentials (`kafka-configs --alter --entity-type users --add-config 'SCRAM-SHA-256=[password=…]'`
 * and `--delete-config`): the client sends a salt and the salted password (never the password); the broker keeps the
 * salt, iterations, StoredKey and ServerKey. Kafka's rules and messages (`ScramControlManager`): one change per user
 * per request (DUPLICATE_RESOURCE), a known mechanism (UNSUPPORTED_SASL_MECHANISM), 4096 to 16384 iterations and a
 * non-empty name (UNACCEPTABLE_CREDENTIAL), deleting only what exists (RESOURCE_NOT_FOUND). Needs ALTER on the cluster.
 */
export function alterUserScramCredentialsApi(services: BrokerServices) {
  const everyUser = (request: AlterUserScramCredentialsRequest, error: KafkaError): AlterUserScramCredentialsResponseInput => ({
    throttleTimeMs: 0,
    results: [...new Set([...request.deletions, ...request.upsertions].map((c) => c.name))].map((user) => ({ user, errorCode: error.code, errorMessage: error.message })),
  });

  function checkName(name: string, mechanismCode: number): { mechanism: ScramMechanism } | KafkaError {
    if (name === "") return new UnacceptableCredentialError("Username must not be empty");
    const mechanism = scramMechanismOf(mechanismCode);
    return mechanism === undefined ? new UnsupportedSaslMechanismError("Unknown SCRAM mechanism") : { mechanism };
  }

  return defineApi<AlterUserScramCredentialsRequest, AlterUserScramCredentialsResponseInput>({
    apiKey: ApiKey.AlterUserScramCredentials,
    minVersion: 0,
    maxVersion: 0,
    decode: decodeAlterUserScramCredentialsRequest,
    encode: encodeAlterUserScramCredentialsResponse,
    async handle(request, context) {
      if (!services.auth.authorizeCluster(context, "ALTER")) return everyUser(request, new ClusterAuthorizationFailedError());
      const store = services.security?.authenticator.credentials;
      if (store === undefined) return everyUser(request, new SecurityDisabledError("SCRAM credentials need the broker's security"));
      const existing = new Set((await store.listScramCredentials()).map((c) => `${c.user}\u0000${c.mechanism}`));
      const errors = new Map<string, KafkaError>();
      const changes = new Map<string, ScramCredentialChange>();
      const claim = (user: string): boolean => {
        if (errors.has(user)) return false;
        if (changes.has(user)) {
          changes.delete(user);
          errors.set(user, new DuplicateResourceError("A user credential cannot be altered twice in the same request"));
          return false;
        }
        return true;
      };
      for (const deletion of request.deletions) {
        if (!claim(deletion.name)) continue;
        const checked = checkName(deletion.name, deletion.mechanism);
        if (!("mechanism" in checked)) errors.set(deletion.name, checked);
        else if (!existing.has(`${deletion.name}\u0000${checked.mechanism}`)) errors.set(deletion.name, new ResourceNotFoundError("Attempt to delete a user credential that does not exist"));
        else changes.set(deletion.name, { kind: "delete", user: deletion.name, mechanism: checked.mechanism });
      }
      for (const upsertion of request.upsertions) {
        if (!claim(upsertion.name)) continue;
        const checked = checkName(upsertion.name, upsertion.mechanism);
        if (!("mechanism" in checked)) errors.set(upsertion.name, checked);
        else if (upsertion.iterations < SCRAM_MIN_ITERATIONS) errors.set(upsertion.name, new UnacceptableCredentialError("Too few iterations"));
        else if (upsertion.iterations > SCRAM_MAX_ITERATIONS) errors.set(upsertion.name, new UnacceptableCredentialError("Too many iterations"));
        else {
          const credential = scramCredentialFromSaltedPassword(checked.mechanism, upsertion.saltedPassword, upsertion.salt, upsertion.iterations);
          changes.set(upsertion.name, { kind: "upsert", user: upsertion.name, mechanism: checked.mechanism, credential });
        }
      }
      let storeError: KafkaError | null = null;
      try {
        if (changes.size > 0) await store.alterScramCredentials([...changes.values()]);
      } catch (error) {
        storeError = toKafkaError(error);
      }
      for (const change of changes.values()) {
        const detail = change.kind === "upsert" ? `${change.mechanism} credential set (${change.credential.iterations} iterations)` : `${change.mechanism} credential deleted`;
        services.auth.recordChange(context, change.kind === "upsert" ? "ALTER" : "DELETE", "USER", change.user, storeError, detail);
      }
      return {
        throttleTimeMs: 0,
        results: [
          ...[...changes.keys()].map((user) => ({ user, errorCode: storeError?.code ?? 0, errorMessage: storeError?.message ?? null })),
          ...[...errors].map(([user, error]) => ({ user, errorCode: error.code, errorMessage: error.message })),
        ],
      };
    },
    errorResponse: everyUser,
  });
}
