import { describe, expect, it } from "vitest";
import { RestError } from "../errors/rest-error.js";
import { parseProduceRequest } from "./produce-request.js";
import { parseProduceRequestBytes } from "./produce-request-bytes.js";

/** What the general path makes of the text: the parsed request, or the error its report carries. */
function general(text: string): unknown {
  try {
    return parseProduceRequest(JSON.parse(text));
  } catch (error) {
    if (error instanceof RestError || error instanceof SyntaxError) return error;
    throw error;
  }
}

function fast(text: string) {
  const bytes = Buffer.from(text);
  return parseProduceRequestBytes(bytes, 0, bytes.length);
}

/** Compares records by their bytes, whether views of the body or copies. */
function comparable(parsed: unknown): unknown {
  return JSON.parse(JSON.stringify(parsed, (_, v) => (v && v.type === "Buffer" && Array.isArray(v.data) ? Buffer.from(v.data).toString("hex") : v)));
}

const COMMON = [
  '{"value":{"type":"STRING","data":"hello"}}',
  '{"key":{"type":"STRING","data":"kim"},"value":{"type":"STRING","data":"50000 won"}}',
  ' { "partition_id" : 2 , "key" : { "data" : "a2lt" , "type" : "BINARY" } , "value" : null , "headers" : [ ] }',
  '{"partition_id":null,"headers":null,"value":{"type":"BINARY","data":"AAEC"}}',
  '{"key":{"type":"STRING"},"value":{"type":"STRING","data":null}}',
  '{"value":{"type":"BINARY","data":""}}',
  "{}",
  '{"partition_id":0,"value":{"type":"STRING","data":"tab\\u0009 is escaped"}}',
];

const OTHERS = [
  '{"value":{"type":"STRING","data":"caf\\u00e9"}}',
  '{"value":{"type":"STRING","data":"café"}}',
  '{"value":{"type":"STRING","data":"line\\nbreak"}}',
  '{"value":{"type":"JSON","data":{"a":1}}}',
  '{"value":{"type":"AVRO","data":"x"}}',
  '{"value":{"data":"x"}}',
  '{"value":{"type":"BINARY","data":"not base64!"}}',
  '{"value":{"type":"STRING","data":"x","schema_id":1}}',
  '{"partition_id":-1,"value":null}',
  '{"partition_id":1.5}',
  '{"partition_id":1e2}',
  '{"partition_id":01}',
  '{"partition_id":"1"}',
  '{"partition_id":2147483648}',
  '{"timestamp":"2021-02-05T19:14:42Z","value":null}',
  '{"headers":[{"name":"h","value":"AQ=="}]}',
  '{"key":null,"key":{"type":"STRING","data":"last"}}',
  '{"value":{"type":"STRING","type":"BINARY","data":"AA=="}}',
  '{"__proto__":1}',
  '{"constructor":{"type":"STRING","data":"x"}}',
  '{"val\\u0075e":{"type":"STRING","data":"x"}}',
  '{"value":{"type":"STRING","data":"x"}',
  '{"value":{"type":"STRING","data":"x"},}',
  '{"value":nul}',
  '{"value":nullx}',
  "[]",
  '"just a string"',
];

describe("parseProduceRequestBytes", () => {
  it("reads the common requests exactly as JSON.parse and parseProduceRequest do", () => {
    for (const text of COMMON.filter((t) => !t.includes("\\u0009"))) {
      const read = fast(text);
      expect(read, text).not.toBeNull();
      expect(read!.end, text).toBe(Buffer.byteLength(text.trimEnd()));
      expect(comparable(read!.request), text).toEqual(comparable(general(text)));
    }
  });

  it("leaves every other request to the general path, which gives it its meaning or its error", () => {
    for (const text of [...OTHERS, COMMON.find((t) => t.includes("\\u0009"))!]) expect(fast(text), text).toBeNull();
  });

  it("never reads anything differently from the general path, across variations of the common requests", () => {
    const pieces = ['"partition_id":1', '"headers":[]', '"key":{"type":"STRING","data":"k"}', '"value":{"type":"BINARY","data":"AQID"}', '"value":null'];
    for (let mask = 0; mask < 1 << pieces.length; mask++) {
      const chosen = pieces.filter((_, i) => mask & (1 << i));
      const text = `{${chosen.join(",")}}`;
      const read = fast(text);
      const expected = general(text);
      if (read === null) expect(chosen.filter((p) => p.startsWith('"value"')).length, text).toBe(2);
      else expect(comparable(read.request), text).toEqual(comparable(expected));
    }
  });

  it("reads one record out of a longer body and says where it ends", () => {
    const body = Buffer.from('{"value":{"type":"STRING","data":"a"}} {"value":{"type":"STRING","data":"b"}}');
    const first = parseProduceRequestBytes(body, 0, body.length)!;
    expect(first.end).toBe(38);
    const second = parseProduceRequestBytes(body, 39, body.length)!;
    expect(second.request.record.value?.toString()).toBe("b");
  });
});
