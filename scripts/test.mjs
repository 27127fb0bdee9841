#!/usr/bin/env node
// `npm test`: builds what the tests run against, then every Vitest project (engine, service, end-to-end), and
// closes with one plain "N passed, N failed" line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", shell: false });
  return result.status ?? 1;
}

const buildStatus = run("npm", ["run", "build"]);
if (buildStatus !== 0) process.exit(buildStatus);

const reportDir = mkdtempSync(join(tmpdir(), "skein-test-report-"));
const reportFile = join(reportDir, "vitest.json");
const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`, ...process.argv.slice(2)]);
try {
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
} catch {
  console.log("\nno test report was written");
}
rmSync(reportDir, { recursive: true, force: true });
process.exit(status);
