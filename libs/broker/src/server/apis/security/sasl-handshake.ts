import { ApiKey, decodeSaslHandshakeRequest, encodeSaslHandshakeResponse, type SaslHandshakeRequest, type SaslHandshakeResponseInput } from "@skein/protocol";
import { IllegalSaslStateError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";

/**
 * SaslHandshake once a connection needs no more authentication (a PLAINTEXT or SSL listener, or a SASL connection
 * already authenticated that may not re-authenticate now): ILLEGAL_SASL_STATE, as Kafka answers. On SASL listeners
 * the handshakes that start an authentication are answered by the connection's `SaslServerAuthenticator`.
 */
export function saslHandshakeApi(enabledMechanisms: readonly string[]) {
  return defineApi<SaslHandshakeRequest, SaslHandshakeResponseInput>({
    apiKey: ApiKey.SaslHandshake,
    minVersion: 0,
    maxVersion: 1,
    decode: decodeSaslHandshakeRequest,
    encode: encodeSaslHandshakeResponse,
    handle: () => ({ errorCode: new IllegalSaslStateError().code, mechanisms: enabledMechanisms }),
    errorResponse: (_request, error) => ({ errorCode: error.code, mechanisms: enabledMechanisms }),
  });
}
