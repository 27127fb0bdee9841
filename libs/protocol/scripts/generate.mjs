#!/usr/bin/env node
// Generates libs/protocol/src/generated/ from Kafka's message definitions: one file per message (types, decoder,
// encoder), the registry, the API-key table and the schemas for test support.
//
//   npm run generate -w @skein/protocol            writes the files (removing generated files no longer produced)
//   node scripts/generate.mjs --check              exits 1 when the committed files differ from what it would write
//
// The definitions are read from ../shared/kafka-protocol beside the repository (messages/ and coordinator-records/),
// or from the directory in SKEIN_KAFKA_PROTOCOL_DIR. They are never committed; what is generated from them is.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { emitApiKeys, emitApiMessages, emitIndex, emitSchemas } from "./generator/emit-index.mjs";
import { emitMessage, fileNameOf } from "./generator/emit-message.mjs";
import { loadMessages } from "./generator/spec.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = resolve(here, "..");
const outDir = join(packageDir, "src", "generated");
const sourceDir = process.env.SKEIN_KAFKA_PROTOCOL_DIR ?? resolve(packageDir, "../../../shared/kafka-protocol");
const check = process.argv.includes("--check");

if (!existsSync(join(sourceDir, "messages"))) {
  console.error(`Kafka's message definitions are not at ${sourceDir} (set SKEIN_KAFKA_PROTOCOL_DIR).`);
  process.exit(2);
}

const messages = [...loadMessages(join(sourceDir, "messages")), ...loadMessages(join(sourceDir, "coordinator-records"))].sort((a, b) =>
  a.name.localeCompare(b.name),
);
const names = new Set();
for (const message of messages) {
  if (names.has(message.name)) throw new Error(`Two messages are named ${message.name}`);
  names.add(message.name);
}
// Type names are <Message><Struct>: check that no two coincide, nor with a message or its Input twin.
const typeNames = new Map();
for (const message of messages) {
  for (const struct of message.structs.values()) {
    for (const name of [struct.typeName, `${struct.typeName}Input`]) {
      if (typeNames.has(name)) throw new Error(`Type name ${name} of ${message.name} collides with one of ${typeNames.get(name)}`);
      typeNames.set(name, message.name);
    }
  }
}

const files = new Map();
for (const message of messages) files.set(`${fileNameOf(message)}.ts`, emitMessage(message));
files.set("index.ts", emitIndex(messages));
files.set("api-keys.ts", emitApiKeys(messages));
files.set("api-messages.ts", emitApiMessages(messages));
files.set("schemas.ts", emitSchemas(messages));

const existing = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith(".ts")) : [];
if (check) {
  const differing = [...files].filter(([name, text]) => !existsSync(join(outDir, name)) || readFileSync(join(outDir, name), "utf8") !== text).map(([n]) => n);
  const extra = existing.filter((name) => !files.has(name));
  if (differing.length > 0 || extra.length > 0) {
    console.error(`src/generated is not what the generator writes: ${[...differing.map((n) => `${n} differs`), ...extra.map((n) => `${n} is extra`)].join(", ")}.`);
    process.exit(1);
  }
  console.log(`src/generated matches the generator (${files.size} files from ${messages.length} message definitions).`);
} else {
  mkdirSync(outDir, { recursive: true });
  for (const name of existing) if (!files.has(name)) rmSync(join(outDir, name));
  for (const [name, text] of files) writeFileSync(join(outDir, name), text);
  console.log(`Wrote ${files.size} files to src/generated from ${messages.length} message definitions in ${sourceDir}.`);
}
