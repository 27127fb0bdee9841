import { Injectable } from "@nestjs/common";
import {
  Broker,
  describeGroupLag,
  GroupCoordinator,
  GroupIdNotFoundError,
  GroupSubscribedToTopicError,
  NonEmptyGroupError,
  resetOffsets,
  type GroupDescription,
  type GroupLag,
  type OffsetResetPlanEntry,
  type OffsetResetRequest,
} from "@skein/broker";
import { RestError } from "../errors/rest-error.js";

export const groupNotFound = (groupId: string): RestError => new RestError(404, 404, `Consumer group '${groupId}' could not be found.`);

/** Kafka's NON_EMPTY_GROUP and GROUP_SUBSCRIBED_TO_TOPIC are conflicts with the group's members: 409. */
const conflict = (message: string): RestError => new RestError(409, 40903, message);

/** Consumer groups as the v3 resources need them: over the coordinator, with the REST Proxy's not-found answers. */
@Injectable()
export class ConsumerGroupsService {
  constructor(
    private readonly broker: Broker,
    private readonly coordinator: GroupCoordinator,
  ) {}

  get coordinatorId(): number {
    return this.coordinator.coordinatorId;
  }

  list(): GroupDescription[] {
    return this.coordinator.listGroups().map((g) => this.coordinator.describeGroup(g.groupId));
  }

  /** A known group (live, or with committed offsets); 404 otherwise. */
  describe(groupId: string): GroupDescription {
    const description = this.coordinator.describeGroup(groupId);
    if (description.state === "Dead" && this.coordinator.committedOffsets(groupId).length === 0) throw groupNotFound(groupId);
    return description;
  }

  member(groupId: string, consumerId: string): GroupDescription["members"][number] {
    const member = this.describe(groupId).members.find((m) => m.memberId === consumerId);
    if (!member) throw new RestError(404, 404, `Consumer '${consumerId}' of group '${groupId}' could not be found.`);
    return member;
  }

  lag(groupId: string): GroupLag {
    try {
      return describeGroupLag(this.broker, this.coordinator, groupId);
    } catch (error) {
      if (error instanceof GroupIdNotFoundError) throw groupNotFound(groupId);
      throw error;
    }
  }

  /** Plans and (unless a dry run) executes a reset; 409 with Kafka's message while the group has members. */
  async resetOffsets(request: OffsetResetRequest): Promise<OffsetResetPlanEntry[]> {
    try {
      return await resetOffsets(this.broker, this.coordinator, request);
    } catch (error) {
      if (error instanceof NonEmptyGroupError) throw conflict(error.message);
      throw error;
    }
  }

  /** Deletes an empty group and its offsets. */
  async deleteGroup(groupId: string): Promise<void> {
    const [result] = await this.coordinator.deleteGroups([groupId]);
    const error = result?.error ?? null;
    if (error instanceof GroupIdNotFoundError) throw groupNotFound(groupId);
    if (error instanceof NonEmptyGroupError) throw conflict(error.message);
    if (error) throw error;
  }

  /** Deletes the group's committed offsets of one topic; 409 while members subscribe to it. */
  async deleteTopicOffsets(groupId: string, topic: string): Promise<void> {
    let results;
    try {
      results = await this.coordinator.deleteOffsets(groupId, [{ topic }]);
    } catch (error) {
      if (error instanceof GroupIdNotFoundError) throw groupNotFound(groupId);
      if (error instanceof NonEmptyGroupError) throw conflict(error.message);
      throw error;
    }
    const failed = results.find((r) => r.error !== null)?.error;
    if (failed instanceof GroupSubscribedToTopicError) throw conflict(failed.message);
    if (failed) throw failed;
  }
}
