import { describe, expect, it } from "vitest";
import { ResourceLinks } from "./resource-links.js";

describe("ResourceLinks", () => {
  const links = new ResourceLinks("http://localhost:8080");

  it("builds absolute URLs from encoded segments", () => {
    expect(links.url("v3", "clusters", "c-1", "topics", "a b")).toBe("http://localhost:8080/v3/clusters/c-1/topics/a%20b");
    expect(links.related("v3", "clusters", "c-1", "brokers", 0)).toEqual({ related: "http://localhost:8080/v3/clusters/c-1/brokers/0" });
  });

  it("builds resource names the REST Proxy's way", () => {
    expect(links.crn("kafka", "c-1")).toBe("crn:///kafka=c-1");
    expect(links.crn("kafka", "c-1", "broker", 1)).toBe("crn:///kafka=c-1/broker=1");
  });
});
