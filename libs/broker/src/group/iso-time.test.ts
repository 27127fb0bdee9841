import { describe, expect, it } from "vitest";
import { parseIsoDateTime, parseIsoDuration } from "./iso-time.js";

describe("ISO-8601 for offset resets", () => {
  it("parses date-times with and without zones", () => {
    expect(parseIsoDateTime("2024-01-02T03:04:05.678Z")).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseIsoDateTime("2024-01-02T03:04:05+01:00")).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(parseIsoDateTime("2024-01-02T03:04:05-0130")).toBe(Date.UTC(2024, 0, 2, 4, 34, 5));
    expect(parseIsoDateTime("2024-01-02T03:04+02")).toBe(Date.UTC(2024, 0, 2, 1, 4));
    expect(parseIsoDateTime("2024-01-02T03:04:05.000")).toBe(new Date(2024, 0, 2, 3, 4, 5).getTime());
    expect(() => parseIsoDateTime("yesterday")).toThrow(/Error parsing timestamp 'yesterday'/);
    expect(() => parseIsoDateTime("2024-13-02T03:04:05Z")).toThrow(/Error parsing timestamp/);
  });

  it("parses durations as Java's Duration.parse does", () => {
    expect(parseIsoDuration("PT1H")).toBe(3_600_000);
    expect(parseIsoDuration("P1DT2H")).toBe(93_600_000);
    expect(parseIsoDuration("P2D")).toBe(172_800_000);
    expect(parseIsoDuration("PT30M")).toBe(1_800_000);
    expect(parseIsoDuration("pt1.5s")).toBe(1_500);
    expect(parseIsoDuration("-PT10S")).toBe(-10_000);
    expect(parseIsoDuration("PT-6H3M")).toBe(-6 * 3_600_000 + 3 * 60_000);
    for (const bad of ["P", "PT", "1H", "P1Y", "PT1H2", ""]) expect(() => parseIsoDuration(bad)).toThrow(/cannot be parsed to a Duration/);
  });
});
