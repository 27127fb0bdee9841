/** Where a group's records live in `__consumer_offsets`, computed exactly as Kafka computes it. */

/** Java's `String.hashCode()`: s[0]·31^(n−1) + … + s[n−1] over UTF-16 code units, in 32-bit arithmetic. */
export function javaStringHashCode(value: string): number {
  let hash = 0;
  for (let i = 0; i < value.length; i++) hash = (Math.imul(hash, 31) + value.charCodeAt(i)) | 0;
  return hash;
}

/** Kafka's `Utils.abs`: the absolute value, except that Integer.MIN_VALUE maps to 0. */
export function kafkaAbs(value: number): number {
  return value === -2147483648 ? 0 : Math.abs(value);
}

/** `Utils.abs(groupId.hashCode) % offsets.topic.num.partitions`: the coordinator partition of a group. */
export function offsetsPartitionFor(groupId: string, partitionCount: number): number {
  return kafkaAbs(javaStringHashCode(groupId)) % partitionCount;
}
