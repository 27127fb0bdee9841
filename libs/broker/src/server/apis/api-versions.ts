import { ApiKey, decodeApiVersionsRequest, encodeApiVersionsResponse, type ApiVersionsRequest, type ApiVersionsResponseInput } from "@skein/protocol";
import { defineApi } from "../api-handler.js";

/**
 * ApiVersions: the versions Skein implements and has tested, from the handlers' own table — never the ranges of
 * Kafka's message definitions. (An unsupported ApiVersions version is answered by the dispatcher.)
 */
export function apiVersionsApi(supportedApis: () => { apiKey: number; minVersion: number; maxVersion: number }[]) {
  return defineApi<ApiVersionsRequest, ApiVersionsResponseInput>({
    apiKey: ApiKey.ApiVersions,
    minVersion: 0,
    maxVersion: 3,
    decode: decodeApiVersionsRequest,
    encode: encodeApiVersionsResponse,
    handle: () => ({ errorCode: 0, apiKeys: supportedApis(), throttleTimeMs: 0 }),
    errorResponse: (_request, error) => ({ errorCode: error.code, apiKeys: supportedApis() }),
  });
}
