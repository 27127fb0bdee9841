#!/usr/bin/env node
// A throwaway PostgreSQL server from Debian's `postgresql` package, for tests and for making migrations: a fresh
// cluster in a temporary directory, listening on a free loopback port, with trust auth for user `skein`.
// Installed with apt-get when missing (as root). `initdb` refuses to run as root, so root runs it as `postgres`.
// Tuned for throwaway use: no fsync, so never point anything that matters at it.
//
//   import { startPostgres } from "./postgres.mjs"; const pg = await startPostgres(); ...; pg.stop();
//   node scripts/postgres.mjs     starts one, prints its URL, stops it on Ctrl-C
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const POSTGRES_LIB = "/usr/lib/postgresql";

/**
 * Starts a fresh PostgreSQL server; throws with the server's log when it cannot. `settings` are server parameters
 * (`-c name=value`), such as `{ wal_level: "logical" }` for logical decoding (Debezium).
 * @param {{ settings?: Record<string, string | number> }} [options]
 */
export async function startPostgres(options = {}) {
  const bin = postgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), "skein-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "pg.log");
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const run = (tool, args) => {
    const [command, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, tool), ...args]] : [join(bin, tool), args];
    const result = spawnSync(command, argv, { cwd: "/", encoding: "utf8" });
    if (result.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, "utf8") : "";
      throw new Error(`PostgreSQL: ${tool} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}${serverLog}`);
    }
  };
  const port = await freePort();
  const settings = Object.entries(options.settings ?? {}).map(([name, value]) => ` -c ${name}=${value}`).join("");
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off${settings}`;
  try {
    run("initdb", ["-D", data, "-U", "skein", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
    run("pg_ctl", ["-D", data, "-l", log, "-o", serverOptions, "-w", "start"]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  let halted = false;
  return {
    url: `postgresql://skein@127.0.0.1:${port}/postgres`,
    host: "127.0.0.1",
    port,
    /** The server's bin directory (psql, pg_ctl, ...). */
    bin,
    /** Stops the server but keeps its data (tests of an outage); `restart()` brings it back on the same port. */
    halt() {
      run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      halted = true;
    },
    restart() {
      run("pg_ctl", ["-D", data, "-l", log, "-o", serverOptions, "-w", "start"]);
      halted = false;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        if (!halted) run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The newest installed server's bin directory, installing Debian's `postgresql` when there is none. */
export function postgresBin() {
  const find = () => (existsSync(POSTGRES_LIB) ? readdirSync(POSTGRES_LIB).sort((a, b) => Number(b) - Number(a)) : []).map((v) => join(POSTGRES_LIB, v, "bin")).find((bin) => existsSync(join(bin, "initdb")));
  let bin = find();
  if (bin) return bin;
  if (process.getuid?.() !== 0) throw new Error("PostgreSQL is not installed (apt-get install postgresql), and only root can install it here");
  console.error("PostgreSQL is not installed: installing Debian's postgresql package");
  const apt = (args) => execFileSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  apt(["update"]);
  apt(["install", "-y", "--no-install-recommends", "postgresql"]);
  bin = find();
  if (!bin) throw new Error(`apt-get installed postgresql but no initdb was found under ${POSTGRES_LIB}`);
  return bin;
}

function postgresUser() {
  const line = readFileSync("/etc/passwd", "utf8").split("\n").find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("the postgres system user is missing (it comes with Debian's postgresql package)");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const pg = await startPostgres();
  console.log(pg.url);
  const stop = () => {
    pg.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => undefined, 1 << 30);
}
