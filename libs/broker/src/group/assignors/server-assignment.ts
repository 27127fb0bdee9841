import type { Broker } from "../../broker.js";
import { InconsistentGroupProtocolError, KafkaError } from "../../errors.js";
import { decodeAssignment, decodeSubscription, encodeAssignment, type TopicPartitions } from "../consumer-protocol.js";
import type { JoinGroupResult } from "../group-types.js";
import type { AssignorMember } from "./assignor.js";
import { serverAssignor } from "./index.js";

/**
 * What a leader without its own assignor sends in SyncGroup: the group's chosen protocol names a server-side
 * assignor, run over the members' subscriptions, the topics' partition counts, and what each member owns (from its
 * subscription, else its previous assignment as the coordinator knows it).
 */
export function assignOnServer(
  broker: Pick<Broker, "describeTopic">,
  joined: JoinGroupResult,
  previousAssignment: (memberId: string) => Buffer | undefined,
): { memberId: string; assignment: Buffer }[] {
  const assignor = serverAssignor(joined.protocolName ?? "");
  if (!assignor) throw new InconsistentGroupProtocolError(`The group chose protocol ${joined.protocolName}, which has no server-side assignor.`);
  const members: AssignorMember[] = joined.members.map((m) => {
    const subscription = decodeSubscription(m.metadata);
    const owned = subscription.ownedPartitions?.length ? subscription.ownedPartitions : decodedPartitions(previousAssignment(m.memberId));
    return { memberId: m.memberId, groupInstanceId: m.groupInstanceId, topics: subscription.topics, ownedPartitions: owned };
  });
  const partitionsPerTopic = new Map<string, number>();
  for (const topic of new Set(members.flatMap((m) => m.topics))) {
    try {
      partitionsPerTopic.set(topic, broker.describeTopic(topic).partitions.length);
    } catch (err) {
      if (!(err instanceof KafkaError)) throw err;
    }
  }
  const assignment = assignor.assign(partitionsPerTopic, members);
  return members.map((m) => ({ memberId: m.memberId, assignment: encodeAssignment({ partitions: assignment.get(m.memberId) ?? [] }) }));
}

/** A member's partitions from consumer-protocol assignment bytes; none when absent or undecodable. */
export function decodedPartitions(assignment: Buffer | undefined): TopicPartitions[] {
  if (!assignment) return [];
  try {
    return decodeAssignment(assignment).partitions;
  } catch {
    return [];
  }
}
