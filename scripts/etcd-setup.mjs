#!/usr/bin/env node
// Installs etcd (Debian's etcd-server: the `etcd` binary the cluster tests and `npm run cluster` start) when it is
// missing and we run as root. `npm test` runs it before Vitest; the tests' helper runs it again when `etcd` is not
// on the PATH, so a direct `npx vitest run` works too.
//
//   node scripts/etcd-setup.mjs      installs etcd-server if needed and prints the etcd binary's path
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The etcd binary, installed from Debian with apt-get when missing (as root); throws when it cannot be had. */
export function ensureEtcd() {
  const found = spawnSync("sh", ["-c", "command -v etcd"], { encoding: "utf8" });
  if (found.status === 0) return found.stdout.trim();
  if (process.getuid?.() !== 0) throw new Error("etcd is missing: apt-get install etcd-server (as root)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => spawnSync("apt-get", ["install", "-y", "etcd-server"], { encoding: "utf8", env });
  let result = install();
  if (result.status !== 0) {
    spawnSync("apt-get", ["update"], { stdio: "ignore", env });
    result = install();
  }
  if (result.status !== 0) throw new Error(`apt-get install etcd-server failed:\n${result.stdout}${result.stderr}`);
  return ensureEtcd();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensureEtcd());
