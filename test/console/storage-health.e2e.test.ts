/**
 * The console's storage indications in a real browser against the real service: the banner every page shows while
 * the data directory is nearly full (here from the start, with log.dir.nearly.full.ratio=0; a full one is the same
 * banner in red, see the REST tests on a filled tmpfs), and the corrupt ranges listed on a partition's view after a
 * flipped byte is met by a read.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { batchesOf, flipByte, segmentPath } from "../../libs/broker/src/test-support/corrupt.js";
import { launchChromium, type Browser } from "./support/chromium.js";
import { buildConsole } from "./support/console-build.js";
import { Rest } from "./support/rest.js";
import { capture } from "./support/screenshots.js";
import { startSkeinService, type SkeinService } from "./support/skein-service.js";

describe("console storage health", () => {
  let nearlyFull: SkeinService;
  let healthy: SkeinService;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildConsole();
    nearlyFull = await startSkeinService({ "log.dir.nearly.full.ratio": "0" });
    healthy = await startSkeinService({ "log.scrubber.enable": "false" });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await nearlyFull?.close();
    await healthy?.close();
  });

  test("every page shows a banner while the data directory is nearly full", async () => {
    for (const path of ["/", "/topics/", "/groups/"]) {
      await page.goto(`${nearlyFull.baseUrl}/console${path}`);
      const banner = page.getByTestId("storage-banner");
      await expect.poll(() => banner.innerText()).toMatch(/Data directory .* is nearly full\..*% used, .* free of .*Produces are refused once it is full/s);
      expect(await banner.getAttribute("role")).toBe("alert");
      expect(await banner.getAttribute("class")).toContain("alert-warn");
    }
    await capture(page, "storage-nearly-full-banner");
  });

  test("no banner while the data directory is fine", async () => {
    await page.goto(`${healthy.baseUrl}/console/`);
    await page.getByTestId("cluster-stats").waitFor();
    expect(await page.getByTestId("storage-banner").count()).toBe(0);
  });

  test("a partition's view lists the corrupt ranges found on disk", async () => {
    const rest = new Rest(healthy.baseUrl, healthy.clusterId);
    const created = await fetch(`${healthy.baseUrl}/v3/clusters/${healthy.clusterId}/topics`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ topic_name: "ledger", partitions_count: 1, configs: [{ name: "segment.bytes", value: "1024" }] }),
    });
    expect(created.status).toBe(201);
    for (let i = 0; i < 12; i++) await rest.produce("ledger", `entry-${i}-${"v".repeat(100)}`, 0);
    const segment = segmentPath(join(healthy.dataDir, "ledger-0"), 0);
    const batch = batchesOf(segment).find((b) => b.baseOffset === 3)!;
    flipByte(segment, batch.position + batch.size - 10);
    const read = await fetch(`${healthy.baseUrl}/v3/clusters/${healthy.clusterId}/topics/ledger/partitions/0/records?offset=3`);
    expect(read.status).toBe(500);

    await page.goto(`${healthy.baseUrl}/console/topics/view/?name=ledger&tab=segments`);
    const table = page.getByRole("table", { name: "Corrupt ranges" });
    await table.waitFor();
    const row = await table.locator("tbody tr").first().innerText();
    expect(row).toMatch(/^3\b/);
    expect(row).toContain("a read");
    expect(row).toContain("ledger-0/");
    await capture(page, "partition-corrupt-ranges");
  });

  test("the create-topic dialog shows the service's clear refusal of --partitions 100000, and nothing is created", async () => {
    await page.goto(`${healthy.baseUrl}/console/topics/`);
    await page.getByRole("button", { name: "Create topic" }).first().click();
    await page.getByLabel("Name").fill("huge");
    await page.getByLabel("Partitions").fill("100000");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    const error = page.getByTestId("create-topic-error");
    await expect.poll(() => error.innerText()).toMatch(/max\.broker\.partitions/);
    expect((await fetch(`${healthy.baseUrl}/v3/clusters/${healthy.clusterId}/topics/huge`)).status).toBe(404);
    await capture(page, "topics-create-too-many-partitions");
  });
});
