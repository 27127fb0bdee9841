import { describe, expect, it } from "vitest";
import { parseReports, produceBody } from "./records-api.js";

describe("v3 produce bodies and reports", () => {
  it("concatenates records as JSON objects with BINARY key and value, leaving out a null key", () => {
    const body = produceBody([{ key: "kim", value: "50000 won" }, { key: null, value: "x" }]);
    expect(body).toBe('{"key":{"type":"BINARY","data":"a2lt"},"value":{"type":"BINARY","data":"NTAwMDAgd29u"}}{"value":{"type":"BINARY","data":"eA=="}}');
  });

  it("reads reports one per line, or as an array", () => {
    const reports = '{"error_code":200,"partition_id":0,"offset":1}\r\n{"error_code":400,"message":"bad"}\r\n';
    expect(parseReports(reports)).toEqual([{ error_code: 200, partition_id: 0, offset: 1 }, { error_code: 400, message: "bad" }]);
    expect(parseReports('[{"error_code":200}]')).toEqual([{ error_code: 200 }]);
  });
});
