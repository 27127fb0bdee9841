import { describe, expect, it } from "vitest";
import { closestName } from "./closest-name.js";

describe("closestName", () => {
  const names = ["num.partitions", "log.dirs", "log.dir", "broker.id"];

  it("suggests the nearest name within two edits (one for short names)", () => {
    expect(closestName("num.partition", names)).toBe("num.partitions");
    expect(closestName("nun.partitons", names)).toBe("num.partitions");
    expect(closestName("log.dris", names)).toBe("log.dirs");
    expect(closestName("brker.id", names)).toBe("broker.id");
  });

  it("suggests nothing for a name far from every candidate, or one that is a candidate", () => {
    expect(closestName("partitions.count", names)).toBeUndefined();
    expect(closestName("log.dir", names)).toBeUndefined();
  });
});
