/**
 * xxHash32 (Yann Collet's), as the LZ4 frame format uses it for its header checksum. A plain implementation: the
 * frame descriptors it hashes are a few bytes long.
 */
const PRIME1 = 0x9e3779b1;
const PRIME2 = 0x85ebca77;
const PRIME3 = 0xc2b2ae3d;
const PRIME4 = 0x27d4eb2f;
const PRIME5 = 0x165667b1;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function round(acc: number, lane: number): number {
  return Math.imul(rotl((acc + Math.imul(lane, PRIME2)) | 0, 13), PRIME1);
}

/** The unsigned 32-bit xxHash of `data[start, end)` with `seed`. */
export function xxhash32(data: Uint8Array, start = 0, end = data.length, seed = 0): number {
  let pos = start;
  const length = end - start;
  const lane = (p: number) => data[p]! | (data[p + 1]! << 8) | (data[p + 2]! << 16) | (data[p + 3]! << 24);
  let h: number;
  if (length >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0;
    let v2 = (seed + PRIME2) | 0;
    let v3 = seed | 0;
    let v4 = (seed - PRIME1) | 0;
    while (pos <= end - 16) {
      v1 = round(v1, lane(pos));
      v2 = round(v2, lane(pos + 4));
      v3 = round(v3, lane(pos + 8));
      v4 = round(v4, lane(pos + 12));
      pos += 16;
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0;
  } else {
    h = (seed + PRIME5) | 0;
  }
  h = (h + length) | 0;
  while (pos <= end - 4) {
    h = Math.imul(rotl((h + Math.imul(lane(pos), PRIME3)) | 0, 17), PRIME4);
    pos += 4;
  }
  while (pos < end) {
    h = Math.imul(rotl((h + Math.imul(data[pos]!, PRIME5)) | 0, 11), PRIME1);
    pos++;
  }
  h = Math.imul(h ^ (h >>> 15), PRIME2);
  h = Math.imul(h ^ (h >>> 13), PRIME3);
  return (h ^ (h >>> 16)) >>> 0;
}
