// Kafka Connect workers as Kafka's bin/connect-standalone.sh and bin/connect-distributed.sh run them
// (examples/connect/bin): Kafka's own main classes on the worker classpath that scripts/kafka-clients-setup.mjs lays
// out, with the example's property files, a few keys overridden per test (the broker, ports, paths).
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONNECT_DIR, ensureConnect } from "../../../scripts/kafka-clients-setup.mjs";
import { javaExecutable } from "./kafka-dist.mjs";
import { KafkaToolProcess } from "./kafka-tool.mjs";
import { waitUntil } from "./processes.js";

export type ConnectMode = "standalone" | "distributed";

const MAIN_CLASS: Record<ConnectMode, string> = {
  standalone: "org.apache.kafka.connect.cli.ConnectStandalone",
  distributed: "org.apache.kafka.connect.cli.ConnectDistributed",
};

/** Reads one of examples/connect/config/*.properties into an ordered map (comments and blank lines dropped). */
export function exampleProperties(name: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of readFileSync(join(CONNECT_DIR, "config", name), "utf8").split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const equals = trimmed.indexOf("=");
    properties.set(trimmed.slice(0, equals), trimmed.slice(equals + 1));
  }
  return properties;
}

/**
 * Writes an example's properties to `path` with `overrides` applied (the plugin.path always the one the setup laid
 * out, since the example's is relative to examples/connect). Returns the path.
 */
export function writeWorkerProperties(path: string, example: string, overrides: Record<string, string | number>): string {
  const properties = exampleProperties(example);
  if (properties.has("plugin.path")) properties.set("plugin.path", ensureConnect().pluginPath);
  for (const [key, value] of Object.entries(overrides)) properties.set(key, String(value));
  writeFileSync(path, [...properties].map(([key, value]) => `${key}=${value}\n`).join(""));
  return path;
}

/** A Connect worker in a child process, with its REST API's base URL. */
export interface ConnectWorker {
  readonly url: string;
  readonly process: KafkaToolProcess;
}

/**
 * Starts a worker (`propertiesFile` first, then any connector property files for standalone) in `cwd` and resolves
 * once its REST API answers. The worker's log (INFO, config/connect-log4j2.xml) is its standard output.
 */
export async function startConnectWorker(
  mode: ConnectMode,
  url: string,
  propertiesFile: string,
  connectorFiles: readonly string[] = [],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ConnectWorker> {
  const { classpath } = ensureConnect();
  const args = [
    "-Xms128M",
    "-Xmx512M",
    // Workers spend these tests mostly starting up and moving a few thousand lines: C1 alone starts them sooner.
    "-XX:TieredStopAtLevel=1",
    `-Dlog4j2.configurationFile=${join(CONNECT_DIR, "config", "connect-log4j2.xml")}`,
    "-cp",
    classpath,
    MAIN_CLASS[mode],
    propertiesFile,
    ...connectorFiles,
  ];
  const child = spawn(javaExecutable(), args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  const worker = new KafkaToolProcess(`connect-${mode}`, child, `connect-${mode}`);
  const timeoutMs = options.timeoutMs ?? 120_000;
  try {
    await waitUntil(async () => {
      if (child.exitCode !== null) throw new Error(`the ${mode} worker exited (${child.exitCode}) before its REST API answered`);
      return (await fetch(url).catch(() => null))?.ok === true;
    }, `the ${mode} worker's REST API at ${url}`, timeoutMs);
  } catch (error) {
    await worker.stop("SIGKILL");
    throw new Error(`${(error as Error).message}\n--- worker log (end) ---\n${worker.stdout.slice(-6000)}${worker.stderr.slice(-2000)}`);
  }
  return { url, process: worker };
}

/** The lines of a worker's log at ERROR level: what a test prints when a connector misbehaves. */
export function workerErrors(worker: ConnectWorker): string {
  return worker.process.stdout.split("\n").filter((line) => / ERROR /.test(line)).slice(-20).join("\n");
}

/** A connector's status as Connect's REST API reports it. */
export interface ConnectorStatus {
  name: string;
  connector: { state: string; worker_id: string };
  tasks: { id: number; state: string; worker_id: string; trace?: string }[];
  type: string;
}

/** Connect's REST API (https://kafka.apache.org/documentation/#connect_rest): JSON in and out, errors thrown. */
export class ConnectRest {
  constructor(readonly url: string) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** POST /connectors */
  createConnector(name: string, config: Record<string, string>): Promise<unknown> {
    return this.request("POST", "/connectors", { name, config });
  }

  /** PUT /connectors/{name}/config: creates or reconfigures. */
  putConnectorConfig(name: string, config: Record<string, string>): Promise<unknown> {
    return this.request("PUT", `/connectors/${name}/config`, config);
  }

  /** GET /connectors/{name}/status */
  status(name: string): Promise<ConnectorStatus> {
    return this.request("GET", `/connectors/${name}/status`);
  }

  /** Waits until the connector and `tasks` tasks are RUNNING; returns that status. */
  async waitForRunning(name: string, tasks: number, timeoutMs = 120_000): Promise<ConnectorStatus> {
    let status: ConnectorStatus | undefined;
    try {
      await waitUntil(async () => {
        status = await this.status(name).catch(() => undefined);
        if (!status) return false;
        const failed = status.tasks.find((task) => task.state === "FAILED");
        if (failed) throw new Error(`${name} task ${failed.id} FAILED on ${failed.worker_id}:\n${failed.trace ?? ""}`);
        return status.connector.state === "RUNNING" && status.tasks.length === tasks && status.tasks.every((task) => task.state === "RUNNING");
      }, `${name} and ${tasks} task(s) RUNNING`, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; last status: ${JSON.stringify(status)}`);
    }
    return status!;
  }
}
