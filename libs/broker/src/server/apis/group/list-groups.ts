import { ApiKey, decodeListGroupsRequest, encodeListGroupsResponse, type ListGroupsRequest, type ListGroupsResponseInput } from "@skein/protocol";
import type { GroupState } from "../../../group/group-types.js";
import { defineApi } from "../../api-handler.js";
import type { BrokerServices } from "../../broker-services.js";

const STATES: readonly GroupState[] = ["Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"];

/** ListGroups, with v4's state filter (Kafka matches state names case-insensitively). */
export function listGroupsApi(services: BrokerServices) {
  return defineApi<ListGroupsRequest, ListGroupsResponseInput>({
    apiKey: ApiKey.ListGroups,
    minVersion: 0,
    maxVersion: 4,
    decode: decodeListGroupsRequest,
    encode: encodeListGroupsResponse,
    handle(request, context) {
      const wanted = request.statesFilter.map((s) => s.toLowerCase());
      const states = wanted.length > 0 ? STATES.filter((s) => wanted.includes(s.toLowerCase())) : undefined;
      // Kafka: DESCRIBE on the cluster lists every group, otherwise the groups the principal may DESCRIBE.
      const all = services.auth.authorizeCluster(context, "DESCRIBE", { logIfDenied: false });
      const listed = services.groups.listGroups(states ? { states } : {}).filter((g) => all || services.auth.authorize(context, "DESCRIBE", "GROUP", g.groupId, { logIfDenied: false }));
      return {
        throttleTimeMs: 0,
        errorCode: 0,
        groups: listed.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType, groupState: context.apiVersion >= 4 ? g.state : "" })),
      };
    },
    errorResponse: (_request, error) => ({ errorCode: error.code, groups: [] }),
  });
}
