import { describe, expect, it } from "vitest";
import { ThroughputHistory } from "./throughput-history.js";

describe("ThroughputHistory", () => {
  const t0 = 1_700_000_000_000;

  it("sums each second apart and reports the last complete one", () => {
    const history = new ThroughputHistory(10);
    history.add(t0, "in", 3, 300);
    history.add(t0 + 999, "in", 2, 200);
    history.add(t0 + 500, "out", 1, 10);
    history.add(t0 + 1000, "in", 7, 700);
    expect(history.latest(t0 + 1500)).toEqual({ timestamp: t0, records_in: 5, records_out: 1, bytes_in: 500, bytes_out: 10 });
    expect(history.latest(t0 + 2000)).toEqual({ timestamp: t0 + 1000, records_in: 7, records_out: 0, bytes_in: 700, bytes_out: 0 });
  });

  it("lists the window oldest first with idle seconds as zeros, forgetting what slid out", () => {
    const history = new ThroughputHistory(4);
    history.add(t0, "in", 1, 1);
    history.add(t0 + 2000, "out", 2, 2);
    const samples = history.history(t0 + 3000);
    expect(samples.map((s) => s.timestamp)).toEqual([t0 - 1000, t0, t0 + 1000, t0 + 2000]);
    expect(samples.map((s) => [s.records_in, s.records_out])).toEqual([[0, 0], [1, 0], [0, 0], [0, 2]]);
    // Four seconds later the slot of t0 holds t0 + 4000's traffic, and t0 has left the window.
    history.add(t0 + 4000, "in", 9, 9);
    expect(history.history(t0 + 5000).map((s) => s.records_in)).toEqual([0, 0, 0, 9]);
  });
});
