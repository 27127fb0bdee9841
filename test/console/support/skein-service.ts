import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../../apps/api/src/app.js";
import { Engine } from "../../../apps/api/src/engine/engine.js";
import { CONSOLE_OUT } from "./console-build.js";

/** The real Skein service on an ephemeral port over a temporary data directory (SQLite metadata), serving the console. */
export interface SkeinService {
  baseUrl: string;
  clusterId: string;
  /** The data directory (partition logs under it). */
  dataDir: string;
  /** The engine in this process: tests drive what REST cannot (a transaction through the coordinator). */
  engine: Engine;
  close(): Promise<void>;
}

/** With `admin`, HTTP asks for credentials (SKEIN_AUTHENTICATION_METHOD=BASIC) and that user is made, a super user. */
export async function startSkeinService(brokerConfig: Record<string, string> = {}, options: { admin?: { user: string; password: string } } = {}): Promise<SkeinService> {
  const dataDir = mkdtempSync(join(tmpdir(), "skein-console-e2e-"));
  const engine = await Engine.open({ dataDir, brokerConfig, admin: options.admin });
  const app = await createApp({ engine, logger: false, consoleDir: CONSOLE_OUT, security: { authentication: options.admin ? "BASIC" : "NONE" } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.getHttpServer().address();
  if (typeof address !== "object" || address === null) throw new Error("the service is not listening on a TCP port");
  const baseUrl = `http://127.0.0.1:${address.port}`;
  await engine.metadata.registerBroker({ brokerId: engine.broker.brokerId, host: "127.0.0.1", port: address.port, rack: null });
  return {
    baseUrl,
    clusterId: engine.broker.clusterId,
    dataDir,
    engine,
    close: async () => {
      await app.close();
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
