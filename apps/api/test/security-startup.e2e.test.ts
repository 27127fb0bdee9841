import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./support/databases.js";
import { basic } from "./support/secured-service.js";
import { ServiceProcess } from "./support/service-process.js";

/** The built service started from the environment the README documents (SKEIN_AUTHENTICATION_METHOD, SKEIN_ADMIN_*, ...). */
describe("security settings from the environment (the built service)", () => {
  let db: TestDatabase;
  let running: ServiceProcess | null = null;

  beforeEach(async () => {
    db = await createTestDatabase("sqlite");
  });

  afterEach(async () => {
    await running?.stop("SIGKILL");
    running = null;
    await db?.drop();
  });

  function start(env: NodeJS.ProcessEnv): ServiceProcess {
    running = new ServiceProcess({ SKEIN_DATA_DIR: db.dataDir, DATABASE_URL: "", SKEIN_KAFKA_PORT: "0", ...env });
    return running;
  }

  it("asks for HTTP Basic with SKEIN_AUTHENTICATION_METHOD=BASIC, and makes SKEIN_ADMIN_USER a super user", async () => {
    const service = start({
      SKEIN_AUTHENTICATION_METHOD: "BASIC",
      SKEIN_ADMIN_USER: "root",
      SKEIN_ADMIN_PASSWORD: "root-password-1",
      SKEIN_AUTHORIZER_CLASS_NAME: "org.apache.kafka.metadata.authorizer.StandardAuthorizer",
      SKEIN_ALLOW_EVERYONE_IF_NO_ACL_FOUND: "false",
    });
    const base = await service.baseUrl();
    expect(service.log).toContain("created the admin User:root");
    expect(service.log).toMatch(/Security .*HTTP BASIC/);

    const anonymous = await fetch(`${base}/v3/clusters`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error_code: number }).error_code).toBe(40101);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    const session = await fetch(`${base}/auth/session`, { headers: { authorization: basic("root", "root-password-1") } });
    expect(await session.json()).toMatchObject({ signed_in: true, principal: "User:root", super_user: true, authentication: "BASIC", authorization: true });
    const clusters = await fetch(`${base}/v3/clusters`, { headers: { authorization: basic("root", "root-password-1") } });
    expect(clusters.status).toBe(200);
    expect(service.log).not.toContain("root-password-1");
  });

  it("refuses to serve HTTP without authentication beyond loopback, unless SKEIN_ALLOW_UNAUTHENTICATED=true", async () => {
    const refused = start({ HOST: "0.0.0.0" });
    await expect(refused.waitFor(/REST API/, 30_000)).rejects.toThrow(/exited \(1\)/);
    expect(refused.log).toMatch(/Refusing to serve HTTP on 0\.0\.0\.0 \(HOST\) without authentication/);
    expect(refused.log).toContain("SKEIN_ALLOW_UNAUTHENTICATED=true");

    const allowed = start({ HOST: "0.0.0.0", SKEIN_ALLOW_UNAUTHENTICATED: "true" });
    await allowed.waitFor(/REST API\s+http/);
    expect(allowed.log).toMatch(/SKEIN_ALLOW_UNAUTHENTICATED=true exposes HTTP on 0\.0\.0\.0 \(HOST\) without authentication/);
  });
});
