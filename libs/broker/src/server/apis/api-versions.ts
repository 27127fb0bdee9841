import { ApiKey, decodeApiVersionsRequest, encodeApiVersionsResponse, type ApiVersionsRequest, type ApiVersionsResponseInput } from "@skein/protocol";
import { InvalidRequestError } from "../../errors.js";
import { defineApi } from "../api-handler.js";

/** What Kafka accepts as a client software name or version (KIP-511). */
const SOFTWARE = /^[a-zA-Z0-9](?:[a-zA-Z0-9\-.]*[a-zA-Z0-9])?$/;

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
    handle(request, context) {
      if (context.apiVersion >= 3 && !(SOFTWARE.test(request.clientSoftwareName) && SOFTWARE.test(request.clientSoftwareVersion))) {
        return { errorCode: new InvalidRequestError().code, apiKeys: supportedApis(), throttleTimeMs: 0 };
      }
      return { errorCode: 0, apiKeys: supportedApis(), throttleTimeMs: 0 };
    },
    errorResponse: (_request, error) => ({ errorCode: error.code, apiKeys: supportedApis() }),
  });
}
