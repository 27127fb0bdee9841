import { describe, expect, it } from "vitest";
import { messageCodecs } from "./generated/api-messages.js";
import { decodeChecked, FuzzFailure, runFuzz, schemaOf } from "./testing/index.js";

// A short run per decoder keeps `npm test` fast; `npm run fuzz -w @skein/protocol` runs millions (see the README).
const INPUTS_PER_DECODER = 2000;

describe("fuzz smoke: every decoder returns or throws ProtocolDecodeError, with a result proportional to its input", () => {
  for (const codec of messageCodecs.values()) {
    it(codec.name, () => {
      const report = runFuzz({ codec, schema: schemaOf(codec.name), inputs: INPUTS_PER_DECODER, seed: 1 });
      expect(report.inputs).toBe(INPUTS_PER_DECODER);
      expect(report.decoded + report.rejected).toBe(INPUTS_PER_DECODER);
      // Mutations must exercise both outcomes, or the fuzzer tests nothing.
      expect(report.rejected).toBeGreaterThan(0);
      expect(report.maxFootprintPerByte).toBeLessThan(32);
    });
  }

  it("reports a decoder that throws anything but ProtocolDecodeError", () => {
    const broken = { ...messageCodecs.get("ProduceRequest")!, decode: (): never => { throw new TypeError("a bug"); } };
    expect(() => decodeChecked(broken, 3, Buffer.alloc(8), 32)).toThrow(FuzzFailure);
  });

  it("reports a result out of proportion to the input, and bytes copied instead of viewed", () => {
    const huge = { ...messageCodecs.get("ProduceRequest")!, decode: () => ({ items: new Array(100_000).fill(0) }) };
    expect(() => decodeChecked(huge, 3, Buffer.alloc(8), 32)).toThrow(/footprint units from 8 bytes/);
    const copying = { ...messageCodecs.get("ProduceRequest")!, decode: () => ({ records: Buffer.alloc(4) }) };
    expect(() => decodeChecked(copying, 3, Buffer.alloc(8), 32)).toThrow(/not a view into the input/);
  });
});
