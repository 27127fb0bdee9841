#!/usr/bin/env node
// Regenerates openapi.json (the service's document, from the built service: `npm run build` first) and
// src/schema.ts from it. The drift test (src/drift.test.ts) fails when either no longer matches the service.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../../../apps/api/dist/app.js";
import { Engine } from "../../../apps/api/dist/engine/engine.js";
import { documentText, schemaText } from "./schema-text.mjs";

const SDK = fileURLToPath(new URL("..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "skein-sdk-"));
const engine = await Engine.open({ dataDir });
try {
  const app = await createApp({ engine, logger: false });
  await app.init();
  const response = await app.getHttpAdapter().getInstance().inject({ method: "GET", url: "/openapi.json" });
  const document = JSON.parse(response.body);
  writeFileSync(join(SDK, "openapi.json"), documentText(document));
  writeFileSync(join(SDK, "src/schema.ts"), await schemaText(document));
  await app.close();
} finally {
  await engine.close();
  rmSync(dataDir, { recursive: true, force: true });
}
