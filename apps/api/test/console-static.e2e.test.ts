import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTestService, type TestService } from "./support/test-service.js";

describe("the console beside the API", () => {
  let service: TestService | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    await service?.close();
    service = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("sends / to /console/ and serves the static export there, leaving REST paths alone", async () => {
    const consoleDir = mkdtempSync(join(tmpdir(), "skein-console-"));
    dirs.push(consoleDir);
    writeFileSync(join(consoleDir, "index.html"), "<html><title>Skein console</title></html>");
    mkdirSync(join(consoleDir, "topics"));
    writeFileSync(join(consoleDir, "topics", "index.html"), "<html><title>Topics</title></html>");
    service = await startTestService("sqlite", { consoleDir });

    const root = await service.http().get("/");
    expect(root.status).toBe(302);
    expect(root.headers.location).toBe("/console/");
    const home = await service.http().get("/console/");
    expect(home.status).toBe(200);
    expect(home.text).toContain("Skein console");
    expect((await service.http().get("/console/topics/")).text).toContain("Topics");
    expect((await service.http().get("/v3/clusters")).body.kind).toBe("KafkaClusterList");
  });

  it("says how to build the console when it has not been built", async () => {
    service = await startTestService("sqlite", { consoleDir: join(tmpdir(), "skein-no-console-here") });
    const response = await service.http().get("/console/");
    expect(response.status).toBe(503);
    expect(response.text).toMatch(/npm run build/);
  });
});
