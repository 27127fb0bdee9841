import { describe, expect, it } from "vitest";
import { resolveServer } from "./server-address.js";

describe("resolveServer", () => {
  it("takes --bootstrap-server as a URL or Kafka's host:port", () => {
    expect(resolveServer("https://skein.example:8443/", {})).toBe("https://skein.example:8443");
    expect(resolveServer("localhost:9092", {})).toBe("http://localhost:9092");
    expect(resolveServer("a:1,b:2", {})).toBe("http://a:1");
  });

  it("falls back to SKEIN_SERVER, then http://localhost:8080", () => {
    expect(resolveServer(undefined, { SKEIN_SERVER: "10.0.0.5:8080" })).toBe("http://10.0.0.5:8080");
    expect(resolveServer(undefined, {})).toBe("http://localhost:8080");
  });

  it("refuses other schemes", () => {
    expect(() => resolveServer("ftp://x", {})).toThrow(/only http and https/);
  });
});
