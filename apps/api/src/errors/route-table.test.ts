import { describe, expect, it } from "vitest";
import { RouteTable } from "./route-table.js";

describe("RouteTable", () => {
  const routes = new RouteTable();
  routes.add(["GET", "HEAD"], "/v3/clusters/:cluster_id/topics");
  routes.add("POST", "/v3/clusters/:cluster_id/topics");
  routes.add("DELETE", "/v3/clusters/:cluster_id/topics/:topic_name");

  it("lists the methods served at a path, parameters matched", () => {
    expect(routes.allowedMethods("/v3/clusters/abc/topics")).toEqual(["GET", "HEAD", "POST"]);
    expect(routes.allowedMethods("/v3/clusters/abc/topics/orders")).toEqual(["DELETE"]);
  });

  it("knows no methods for an unknown path", () => {
    expect(routes.allowedMethods("/v3/nothing")).toEqual([]);
  });
});
