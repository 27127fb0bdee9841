import { describe, expect, it } from "vitest";
import { deliveryReport, deliveryReportWriter, instantText } from "./delivery-report.js";
import type { ParsedProduceRequest } from "./produce-request.js";

describe("delivery reports", () => {
  it("write timestamps as Java's Instant does, without an empty fraction", () => {
    expect(instantText(Date.parse("2021-02-05T19:14:42Z"))).toBe("2021-02-05T19:14:42Z");
    expect(instantText(Date.parse("2021-02-05T19:14:42.120Z"))).toBe("2021-02-05T19:14:42.120Z");
  });

  it("are the same object whether built as an object or as text", () => {
    const write = deliveryReportWriter("c-1", 'quote"d');
    const requests: ParsedProduceRequest[] = [
      { record: {}, key: undefined, value: undefined },
      { record: {}, key: { type: "BINARY", size: 3 }, value: { type: "JSON", size: 10 } },
      { record: {}, key: undefined, value: { type: "STRING", size: 0 } },
    ];
    for (const request of requests) {
      const result = { partition: 2, offset: 41, timestamp: 1700000000123 };
      expect(JSON.parse(write(request, result))).toEqual(deliveryReport("c-1", 'quote"d', request, result));
      expect(write(request, result)).toBe(JSON.stringify(deliveryReport("c-1", 'quote"d', request, result)));
    }
  });
});
