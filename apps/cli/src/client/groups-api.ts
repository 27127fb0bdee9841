import { CommandError } from "../errors.js";
import { ApiError, type RestClient } from "./rest-client.js";
import type { ConsumerAssignmentData, ConsumerData, ConsumerGroupData, ConsumerLagData, OffsetResetPlan, ResourceList } from "./v3-types.js";

/** v3 consumer-group resources, with Skein's offsets:reset and DELETE extensions. */

function unknownGroup(error: unknown, group: string): never {
  if (error instanceof ApiError && error.status === 404 && !error.routeMissing) throw new CommandError(`Consumer group '${group}' does not exist.`);
  throw error;
}

export async function listGroups(client: RestClient): Promise<ConsumerGroupData[]> {
  return (await client.request<ResourceList<ConsumerGroupData>>("GET", await client.v3("consumer-groups"))).data;
}

export async function getGroup(client: RestClient, group: string): Promise<ConsumerGroupData> {
  return client.request<ConsumerGroupData>("GET", await client.v3("consumer-groups", group)).catch((e) => unknownGroup(e, group));
}

export async function listConsumers(client: RestClient, group: string): Promise<ConsumerData[]> {
  const list = await client.request<ResourceList<ConsumerData>>("GET", await client.v3("consumer-groups", group, "consumers")).catch((e) => unknownGroup(e, group));
  return list.data;
}

export async function listAssignments(client: RestClient, group: string, consumerId: string): Promise<ConsumerAssignmentData[]> {
  const path = await client.v3("consumer-groups", group, "consumers", consumerId, "assignments");
  return (await client.request<ResourceList<ConsumerAssignmentData>>("GET", path)).data;
}

export async function listLags(client: RestClient, group: string): Promise<ConsumerLagData[]> {
  return (await client.request<ResourceList<ConsumerLagData>>("GET", await client.v3("consumer-groups", group, "lags")).catch((e) => unknownGroup(e, group))).data;
}

export type ResetStrategy = "to-earliest" | "to-latest" | "to-current" | "to-offset" | "shift-by" | "to-datetime" | "by-duration";

export interface OffsetResetRequest {
  strategy: ResetStrategy;
  value?: number | string;
  /** Omitted: every topic the group has offsets for. */
  topics?: { topic_name: string; partitions?: number[] }[];
  dry_run: boolean;
}

/** Skein's `offsets:reset`: plans, and unless dry_run applies, Kafka's --reset-offsets. */
export async function resetOffsets(client: RestClient, group: string, request: OffsetResetRequest): Promise<OffsetResetPlan> {
  return client.request<OffsetResetPlan>("POST", await client.v3("consumer-groups", group, "offsets:reset"), { body: request });
}

export async function deleteGroup(client: RestClient, group: string): Promise<void> {
  await client.request("DELETE", await client.v3("consumer-groups", group)).catch((e) => unknownGroup(e, group));
}

export async function deleteGroupOffsets(client: RestClient, group: string, topic: string): Promise<void> {
  await client.request("DELETE", await client.v3("consumer-groups", group, "offsets", topic)).catch((e) => unknownGroup(e, group));
}
