#!/usr/bin/env node
// `npm test`: builds what the tests run against, installs Debian's chromium for the browser tests when it is missing
// (as root), installs the third-party Kafka clients (scripts/kafka-clients-setup.mjs) and etcd (scripts/etcd-setup.mjs), starts a throwaway PostgreSQL
// for the service's tests (Debian's package, installed when missing), then runs every Vitest project (engine,
// service, end-to-end, Kafka clients), and closes with one plain "N passed, N failed" line. PostgreSQL failing to
// start fails the run; SKEIN_TEST_POSTGRES=skip runs without it (its tests report as skipped),
// SKEIN_TEST_POSTGRES_URL uses a server you already have.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureEtcd } from "./etcd-setup.mjs";
import { setupKafkaClients } from "./kafka-clients-setup.mjs";
import { startPostgres } from "./postgres.mjs";

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: "inherit", shell: false, env });
  return result.status ?? 1;
}

const buildStatus = run("npm", ["run", "build"]);
if (buildStatus !== 0) process.exit(buildStatus);
// Vitest strips types without checking them: the tests' own types are checked here.
for (const project of ["libs/protocol/tsconfig.test.json", "libs/broker/tsconfig.test.json", "apps/api/tsconfig.test.json", "apps/cli/tsconfig.test.json", "test/tsconfig.cli.json", "test/kafka-clients/tsconfig.json"]) {
  const status = run("npx", ["tsc", "-p", project]);
  if (status !== 0) process.exit(status);
}

// The browser tests drive Debian's chromium (never a downloaded browser). Installing it here, before Vitest, keeps a
// slow package mirror out of the tests' own time limits; the tests still explain what to do when it is missing.
if (!existsSync("/usr/bin/chromium") && process.getuid?.() === 0) {
  const apt = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (run("apt-get", ["update"], apt) !== 0 || run("apt-get", ["install", "-y", "chromium"], apt) !== 0) {
    console.error("\nchromium could not be installed with apt-get: the browser tests will fail.");
  }
}

// The Kafka client suites drive third-party clients: kcat (apt), Kafka's jars and the Java examples (Maven), the
// franz-go program (Go modules) and confluent-kafka (pip), installed and cached here, outside the tests' time limits.
try {
  await setupKafkaClients({ log: (line) => console.log(line) });
} catch (error) {
  console.error(`\n${error.message}\nThe Kafka client suites will fail.`);
}

// The cluster tests start etcd members (Debian's etcd-server), installed here outside the tests' time limits.
try {
  console.log(`etcd: ${ensureEtcd()}`);
} catch (error) {
  console.error(`\n${error.message}\nThe cluster tests will fail.`);
}

let postgres = null;
if (process.env.SKEIN_TEST_POSTGRES !== "skip" && !process.env.SKEIN_TEST_POSTGRES_URL) {
  try {
    postgres = await startPostgres();
  } catch (error) {
    console.error(`\nPostgreSQL could not be started for the tests (set SKEIN_TEST_POSTGRES=skip to run without it):\n${error.message}`);
    process.exit(1);
  }
  console.log(`PostgreSQL for the tests at ${postgres.url}`);
}
// Vitest gets the signal too; waiting for it to exit lets the finally below stop PostgreSQL.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => undefined);

const reportDir = mkdtempSync(join(tmpdir(), "skein-test-report-"));
const reportFile = join(reportDir, "vitest.json");
let status = 1;
try {
  // `npm run build` above has just built the console's static export: the browser tests need not rebuild it.
  const env = { ...process.env, SKEIN_CONSOLE_PREBUILT: "1", ...(postgres ? { SKEIN_TEST_POSTGRES_URL: postgres.url } : {}) };
  status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`, ...process.argv.slice(2)], env);
  try {
    const report = JSON.parse(readFileSync(reportFile, "utf8"));
    const skipped = report.numPendingTests + report.numTodoTests;
    console.log(`\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
  } catch {
    console.log("\nno test report was written");
  }
} finally {
  postgres?.stop();
  rmSync(reportDir, { recursive: true, force: true });
}
process.exit(status);
