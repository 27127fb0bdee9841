/**
 * Kafka's murmur2 hash (`org.apache.kafka.common.utils.Utils.murmur2`), bit for bit: the hash behind the
 * default partitioner, so that a key lands on the same partition here as with any Kafka client.
 */
const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** The 32-bit murmur2 hash of `data` as Kafka computes it: a signed 32-bit integer. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = (SEED ^ length) | 0;
  const length4 = length >>> 2;

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }

  // The last one to three bytes: Java's switch falls through from 3 to 1.
  const tail = length & ~3;
  const remaining = length & 3;
  if (remaining >= 3) h ^= data[tail + 2]! << 16;
  if (remaining >= 2) h ^= data[tail + 1]! << 8;
  if (remaining >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }

  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Kafka's `Utils.toPositive`: clears the sign bit (not `Math.abs`, which would differ for negatives). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}
