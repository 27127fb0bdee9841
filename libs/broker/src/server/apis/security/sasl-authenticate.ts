import { ApiKey, decodeSaslAuthenticateRequest, encodeSaslAuthenticateResponse, type SaslAuthenticateRequest, type SaslAuthenticateResponseInput } from "@skein/protocol";
import { IllegalSaslStateError } from "../../../errors.js";
import { defineApi } from "../../api-handler.js";

const EMPTY = Buffer.alloc(0);

/**
 * SaslAuthenticate outside an authentication (Kafka's `handleSaslAuthenticateRequest`): ILLEGAL_SASL_STATE. During
 * one, the connection's `SaslServerAuthenticator` answers it.
 */
export function saslAuthenticateApi() {
  return defineApi<SaslAuthenticateRequest, SaslAuthenticateResponseInput>({
    apiKey: ApiKey.SaslAuthenticate,
    minVersion: 0,
    maxVersion: 2,
    decode: decodeSaslAuthenticateRequest,
    encode: encodeSaslAuthenticateResponse,
    handle: () => ({ errorCode: new IllegalSaslStateError().code, errorMessage: "SaslAuthenticate request received after successful authentication", authBytes: EMPTY, sessionLifetimeMs: 0 }),
    errorResponse: (_request, error) => ({ errorCode: error.code, errorMessage: error.message, authBytes: EMPTY, sessionLifetimeMs: 0 }),
  });
}
