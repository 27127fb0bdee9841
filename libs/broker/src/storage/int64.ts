/** Big-endian 64-bit integers as JavaScript numbers (offsets and timestamps fit in 53 bits). */

const TWO_32 = 4294967296;

export function readInt64BE(buf: Buffer, pos: number): number {
  return buf.readInt32BE(pos) * TWO_32 + buf.readUInt32BE(pos + 4);
}

export function writeInt64BE(buf: Buffer, pos: number, value: number): void {
  const high = Math.floor(value / TWO_32);
  buf.writeInt32BE(high, pos);
  buf.writeUInt32BE(value - high * TWO_32, pos + 4);
}
