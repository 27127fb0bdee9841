import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** One etcd member started by a test. */
export interface EtcdMember {
  name: string;
  clientUrl: string;
  process: ChildProcess;
}

/** Real etcd members on free loopback ports, in a temporary directory, for the cluster tests. */
export interface EtcdTestCluster {
  members: EtcdMember[];
  /** Every member's client URL. */
  endpoints: string[];
  /** SIGKILLs one member (the Jepsen nemesis' "kill the etcd leader"). */
  kill(name: string): Promise<void>;
  /** Starts a killed member again on its data directory. */
  restart(name: string): Promise<void>;
  /** The name of the current Raft leader. */
  leader(): Promise<string>;
  stop(): Promise<void>;
}

const ROOT = resolve(fileURLToPath(new URL("../../../../", import.meta.url)));

/** The etcd binary, installed (Debian's etcd-server, as root) by scripts/etcd-setup.mjs when missing. */
function etcdBinary(): string {
  const found = spawnSync("sh", ["-c", "command -v etcd"], { encoding: "utf8" });
  if (found.status === 0) return found.stdout.trim();
  const setup = spawnSync(process.execPath, [join(ROOT, "scripts", "etcd-setup.mjs")], { encoding: "utf8" });
  if (setup.status !== 0) throw new Error(`etcd is not installed and could not be: ${setup.stderr}`);
  return setup.stdout.trim();
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts `size` etcd members (3.4, Debian's) forming one cluster on loopback, with a short election timeout so a
 * killed leader is replaced within a second or two, and resolves once every member answers its health check.
 */
export async function startEtcd(size = 1): Promise<EtcdTestCluster> {
  const binary = etcdBinary();
  const dir = mkdtempSync(join(tmpdir(), "skein-etcd-"));
  const specs: { name: string; clientPort: number; peerPort: number }[] = [];
  for (let i = 0; i < size; i++) specs.push({ name: `etcd${i}`, clientPort: await freePort(), peerPort: await freePort() });
  const initialCluster = specs.map((s) => `${s.name}=http://127.0.0.1:${s.peerPort}`).join(",");
  const members = new Map<string, EtcdMember>();

  const launch = (spec: (typeof specs)[number], state: "new" | "existing"): EtcdMember => {
    const clientUrl = `http://127.0.0.1:${spec.clientPort}`;
    const child = spawn(
      binary,
      [
        `--name=${spec.name}`,
        `--data-dir=${join(dir, spec.name)}`,
        `--listen-client-urls=${clientUrl}`,
        `--advertise-client-urls=${clientUrl}`,
        `--listen-peer-urls=http://127.0.0.1:${spec.peerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${spec.peerPort}`,
        `--initial-cluster=${initialCluster}`,
        `--initial-cluster-state=${state}`,
        "--initial-cluster-token=skein-test",
        "--heartbeat-interval=50",
        "--election-timeout=500",
        "--log-level=error",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    child.stderr!.resume();
    const member = { name: spec.name, clientUrl, process: child };
    members.set(spec.name, member);
    return member;
  };

  const waitHealthy = async (urls: string[]): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const healthy = await Promise.all(urls.map((url) => fetch(`${url}/health`).then((r) => r.ok, () => false)));
      if (healthy.every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`etcd did not become healthy at ${urls.join(", ")}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  for (const spec of specs) launch(spec, "new");
  await waitHealthy(specs.map((s) => `http://127.0.0.1:${s.clientPort}`));

  const exited = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once("exit", () => r())));
  return {
    get members() {
      return [...members.values()];
    },
    endpoints: specs.map((s) => `http://127.0.0.1:${s.clientPort}`),
    async kill(name) {
      const member = members.get(name)!;
      member.process.kill("SIGKILL");
      await exited(member.process);
    },
    async restart(name) {
      const spec = specs.find((s) => s.name === name)!;
      launch(spec, "existing");
      await waitHealthy([`http://127.0.0.1:${spec.clientPort}`]);
    },
    async leader() {
      for (const spec of specs) {
        const status = await fetch(`http://127.0.0.1:${spec.clientPort}/v3/maintenance/status`, { method: "POST", body: "{}" }).then(
          (r) => (r.ok ? (r.json() as Promise<{ header: { member_id: string }; leader: string }>) : null),
          () => null,
        );
        if (status && status.header.member_id === status.leader) return spec.name;
      }
      throw new Error("no etcd member reports itself as the leader");
    },
    async stop() {
      await Promise.all(
        [...members.values()].map((m) => {
          m.process.kill("SIGKILL");
          return exited(m.process);
        }),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
