import { describe, expect, it } from "vitest";
import { RestError } from "../errors/rest-error.js";
import { parseRecordsQuery } from "./records-query.js";

describe("parseRecordsQuery", () => {
  it("reads one start: an offset, a time (epoch ms or ISO-8601), the newest, or the log start", () => {
    expect(parseRecordsQuery({ offset: "42", limit: "10" })).toEqual({ start: { offset: 42 }, limit: 10, maxBytes: undefined, isolationLevel: "read_committed" });
    expect(parseRecordsQuery({ timestamp: "1700000000000" }).start).toEqual({ timestamp: 1_700_000_000_000 });
    expect(parseRecordsQuery({ timestamp: "2023-11-14T22:13:20Z" }).start).toEqual({ timestamp: 1_700_000_000_000 });
    expect(parseRecordsQuery({ timestamp: "2023-11-14T23:13:20.000+01:00" }).start).toEqual({ timestamp: 1_700_000_000_000 });
    expect(parseRecordsQuery({ from: "newest", max_bytes: "1024" })).toEqual({ start: { newest: true }, limit: 50, maxBytes: 1024, isolationLevel: "read_committed" });
    expect(parseRecordsQuery({}).start).toEqual({ earliest: true });
  });

  it("reads committed records unless isolation_level says read_uncommitted; another value is 400/40002", () => {
    expect(parseRecordsQuery({}).isolationLevel).toBe("read_committed");
    expect(parseRecordsQuery({ isolation_level: "read_uncommitted" }).isolationLevel).toBe("read_uncommitted");
    expect(() => parseRecordsQuery({ isolation_level: "READ_COMMITTED" })).toThrow(expect.objectContaining({ body: expect.objectContaining({ error_code: 40002 }) }));
  });

  it.each([{ offset: "1", timestamp: "2" }, { offset: "-1" }, { offset: "1.5" }, { limit: "1001" }, { from: "latest" }, { timestamp: "next tuesday" }, { max_bytes: "0" }])(
    "refuses %o with 400",
    (raw) => {
      const error = (() => {
        try {
          parseRecordsQuery(raw);
        } catch (thrown) {
          return thrown;
        }
      })();
      expect(error).toBeInstanceOf(RestError);
      expect((error as RestError).body.error_code).toBe(400);
    },
  );
});
