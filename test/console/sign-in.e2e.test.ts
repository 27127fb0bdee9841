/**
 * The console's sign-in in a real browser against the service asking for credentials (SKEIN_AUTHENTICATION_METHOD=BASIC
 * with a first admin): the sign-in page, a wrong password, who is signed in, a change through the console (it carries
 * the session's CSRF token), the same change refused without the token, the cookie out of the page's reach, sign-out.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchChromium, type Browser } from "./support/chromium.js";
import { buildConsole } from "./support/console-build.js";
import { capture } from "./support/screenshots.js";
import { startSkeinService, type SkeinService } from "./support/skein-service.js";

const ADMIN = { user: "admin", password: "console-admin-secret" };

describe("console sign-in", () => {
  let service: SkeinService;
  let browser: Browser;
  let page: Page;

  /** fetch() from inside the page as the console makes it (same origin, the session cookie, X-Skein-Client), answering status and body. */
  const fetchInPage = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    page.evaluate(
      async ({ method, path, headers, body }) => {
        const response = await fetch(path, { method, headers: { "Content-Type": "application/json", "X-Skein-Client": "console", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: response.status, body: await response.text() };
      },
      { method, path, headers, body },
    );

  beforeAll(async () => {
    buildConsole();
    service = await startSkeinService({}, { admin: ADMIN });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.setDefaultTimeout(10_000);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  test("without a session every page is the sign-in page, and the API answers 401", async () => {
    await page.goto(`${service.baseUrl}/console/topics/`);
    await page.getByRole("heading", { name: "Sign in to Skein" }).waitFor();
    await capture(page, "sign-in");
    expect((await fetchInPage("GET", "/v3/clusters")).status).toBe(401);
  });

  test("a wrong password is refused with the service's message", async () => {
    await page.getByLabel("User").fill(ADMIN.user);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("sign-in-error").innerText()).toMatch(/user name or password/i);
    await expect.poll(() => page.getByLabel("Password").inputValue()).toBe("");
  });

  test("signs in: the page shows who is signed in, and the session cookie is HttpOnly and SameSite=Strict", async () => {
    await page.getByLabel("User").fill(ADMIN.user);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("signed-in").innerText()).toContain("Signed in as User:admin");
    await page.getByText("No topics yet").waitFor();
    const cookies = await browser.context.cookies(service.baseUrl);
    expect(cookies.find((c) => c.name === "skein_session")).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("skein_session");
  });

  test("a change through the console carries the CSRF token; the same request without it is refused (403, 40302)", async () => {
    await page.getByRole("button", { name: "Create topic" }).first().click();
    await page.getByLabel("Name").fill("signed-in-topic");
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await page.getByRole("link", { name: "signed-in-topic", exact: true }).waitFor();

    const forged = await fetchInPage("POST", `/v3/clusters/${service.clusterId}/topics`, {}, { topic_name: "forged", partitions_count: 1 });
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.body)).toMatchObject({ error_code: 40302 });
    const wrongToken = await fetchInPage("POST", `/v3/clusters/${service.clusterId}/topics`, { "X-CSRF-Token": "forged" }, { topic_name: "forged", partitions_count: 1 });
    expect(wrongToken.status).toBe(403);
    const topics = await fetchInPage("GET", `/v3/clusters/${service.clusterId}/topics`);
    expect(topics.status).toBe(200);
    expect(topics.body).not.toContain('"forged"');
  });

  test("signs out: back to the sign-in page, and the old session no longer works", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Skein" }).waitFor();
    expect((await fetchInPage("GET", "/v3/clusters")).status).toBe(401);
    const session = JSON.parse((await fetchInPage("GET", "/auth/session")).body) as { signed_in: boolean };
    expect(session.signed_in).toBe(false);
  });
});
