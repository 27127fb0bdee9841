#!/usr/bin/env node
// `npm test`: builds what the tests run against, then every Vitest project (engine, service, end-to-end).
import { spawnSync } from "node:child_process";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run("npm", ["run", "build"]);
run("npx", ["vitest", "run", ...process.argv.slice(2)]);
