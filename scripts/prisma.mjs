#!/usr/bin/env node
// Prisma for both of Skein's providers from one schema. prisma/schema.prisma (SQLite) is the only schema edited by
// hand; prisma/postgres/schema.prisma is derived from it, because Prisma wants one provider per schema file.
//
//   node scripts/prisma.mjs generate         derive the PostgreSQL schema and generate both clients (the build does this)
//   node scripts/prisma.mjs migration NAME   write the next migration for both providers, diffing the schema at git
//                                            HEAD (or nothing, for the first) against the working copy: commit each
//                                            migration with its schema before making the next
//
// The JavaScript schema engine connects to a database even to diff two schema files, so `migration` starts a
// throwaway PostgreSQL (scripts/postgres.mjs). Migrations are never made with `prisma migrate dev`: it needs a
// shadow database, which the JavaScript schema engine cannot provide (P3006).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startPostgres } from "./postgres.mjs";

const SQLITE_SCHEMA = "prisma/schema.prisma";
const POSTGRES_SCHEMA = "prisma/postgres/schema.prisma";
const MIGRATIONS = { sqlite: "prisma/migrations", postgres: "prisma/postgres/migrations" };

/** The PostgreSQL twin of the SQLite schema: another provider and url, its own client output. */
function derivePostgresSchema(sqliteSchema) {
  const replace = (text, pattern, replacement) => {
    if (!pattern.test(text)) throw new Error(`prisma/schema.prisma: expected to find ${pattern}`);
    return text.replace(pattern, replacement);
  };
  let schema = replace(sqliteSchema, /provider(\s*)= "sqlite"/, 'provider$1= "postgresql"');
  schema = replace(schema, /url(\s*)= "file:[^"]*"/, 'url$1= "postgresql://localhost/skein"');
  schema = replace(schema, /output(\s*)= "\.\.\/apps\/api\/generated\/sqlite"/, 'output$1= "../../apps/api/generated/postgres"');
  return `// GENERATED from prisma/schema.prisma by scripts/prisma.mjs: do not edit.\n${schema}`;
}

/** Runs the Prisma CLI and returns its standard output; on failure, shows everything it said and throws. */
function prisma(args, env = {}) {
  const result = spawnSync("npx", ["--no-install", "prisma", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error(`prisma ${args.join(" ")} failed (${result.status ?? result.signal})`);
  }
  return result.stdout;
}

function writePostgresSchema(sqliteSchema, path) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, derivePostgresSchema(sqliteSchema));
}

function generate() {
  writePostgresSchema(readFileSync(SQLITE_SCHEMA, "utf8"), POSTGRES_SCHEMA);
  for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
    // Only the outcome: the CLI's banners and its advice about the placeholder url line are noise here.
    const output = prisma(["generate", "--no-hints", "--schema", schema]);
    console.log(output.split("\n").filter((line) => line.includes("Generated Prisma Client")).join("\n"));
  }
}

/** The JavaScript schema engine connects even to diff two files, so this starts a throwaway PostgreSQL. */
async function migration(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? "")) throw new Error("usage: node scripts/prisma.mjs migration NAME (lower-case letters, digits, _)");
  const scratch = mkdtempSync(join(tmpdir(), "skein-prisma-"));
  const postgres = await startPostgres();
  try {
    const first = !existsSync(MIGRATIONS.sqlite) || readdirSync(MIGRATIONS.sqlite).every((entry) => !/^\d/.test(entry));
    const previous = first ? null : schemaAtHead();
    const current = readFileSync(SQLITE_SCHEMA, "utf8");
    writePostgresSchema(current, POSTGRES_SCHEMA);
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const sides = [
      { provider: "sqlite", from: previous, to: SQLITE_SCHEMA, env: { SKEIN_DATA_DIR: scratch } },
      { provider: "postgres", from: previous && derivePostgresSchema(previous), to: POSTGRES_SCHEMA, env: { DATABASE_URL: postgres.url } },
    ];
    for (const side of sides) {
      const fromArgs = side.from === null ? ["--from-empty"] : ["--from-schema-datamodel", writeScratch(scratch, side.provider, side.from)];
      const sql = prisma(["migrate", "diff", ...fromArgs, "--to-schema-datamodel", side.to, "--script"], side.env);
      if (sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"))) throw new Error(`${SQLITE_SCHEMA} has not changed since HEAD: no migration to write`);
      const dir = join(MIGRATIONS[side.provider], `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "migration.sql"), sql);
      console.log(`wrote ${dir}/migration.sql`);
    }
  } finally {
    postgres.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The schema the last committed migration was made from. */
function schemaAtHead() {
  try {
    return execFileSync("git", ["show", `HEAD:${SQLITE_SCHEMA}`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch {
    throw new Error(`cannot read ${SQLITE_SCHEMA} at git HEAD: commit the schema together with its latest migration first`);
  }
}

function writeScratch(dir, provider, schema) {
  const path = join(dir, `${provider}.prisma`);
  writeFileSync(path, schema);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.chdir(fileURLToPath(new URL("..", import.meta.url)));
  const [command, name] = process.argv.slice(2);
  if (command === "generate") generate();
  else if (command === "migration") await migration(name);
  else throw new Error(`unknown command ${command}: generate | migration NAME`);
}
