import { ApiKey, decodeListGroupsRequest, encodeListGroupsResponse, type ListGroupsRequest, type ListGroupsResponseInput } from "@skein/protocol";
import type { GroupState } from "../../../group/group-types.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

const STATES: readonly GroupState[] = ["Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"];

/** Every Skein group runs the classic protocol (KIP-848's `consumer` groups are not served). */
const GROUP_TYPE = "classic";

/**
 * ListGroups, with v4's state filter and v5's type filter (Kafka matches both case-insensitively; a type it does not
 * know matches no group).
 */
export function listGroupsApi(services: BrokerServices) {
  return defineApi<ListGroupsRequest, ListGroupsResponseInput>({
    apiKey: ApiKey.ListGroups,
    minVersion: 0,
    maxVersion: 5,
    decode: decodeListGroupsRequest,
    encode: encodeListGroupsResponse,
    handle(request, context) {
      const wanted = request.statesFilter.map((s) => s.toLowerCase());
      const states = wanted.length > 0 ? STATES.filter((s) => wanted.includes(s.toLowerCase())) : undefined;
      const types = request.typesFilter.map((t) => t.trim().toLowerCase());
      if (types.length > 0 && !types.includes(GROUP_TYPE)) return { throttleTimeMs: 0, errorCode: 0, groups: [] };
      // Kafka: DESCRIBE on the cluster lists every group, otherwise the groups the principal may DESCRIBE.
      const all = services.auth.authorizeCluster(context, "DESCRIBE", { logIfDenied: false });
      const listed = services.groups.listGroups(states ? { states } : {}).filter((g) => all || services.auth.authorize(context, "DESCRIBE", "GROUP", g.groupId, { logIfDenied: false }));
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        groups: listed.map((g) => ({
          groupId: g.groupId,
          protocolType: g.protocolType,
          groupState: context.apiVersion >= 4 ? g.state : "",
          groupType: context.apiVersion >= 5 ? GROUP_TYPE : "",
        })),
      };
    },
    errorResponse: (_request, error) => ({ errorCode: error.code, groups: [] }),
  });
}
