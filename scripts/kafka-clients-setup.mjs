#!/usr/bin/env node
// Installs, builds and caches the third-party Kafka clients the client suites drive (test/kafka-clients), pinned, from
// the registries this project may use: kcat from Debian (apt-get, as root), Kafka 4.x's jars, the Java and Kafka
// Streams examples, Kafka Connect's worker and its plugins (the FileStream connectors, Debezium's PostgreSQL
// connector) from Maven Central (~/.m2), the franz-go program from the Go module proxy (Go's module and build
// caches), and confluent-kafka from PyPI in a venv. Each step is keyed by a hash of its sources under SKEIN_CACHE_DIR
// (~/.cache/skein), so a warm machine only checks. `npm test` runs it once before Vitest; the suites' global setup
// runs it again (then instant) so that a direct `npx vitest run --project kafka-clients` works too.
//
//   node scripts/kafka-clients-setup.mjs      installs what is missing and prints how long each step took
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { cacheDir, kafkaClasspath } from "../test/kafka-clients/support/kafka-dist.mjs";
import { postgresBin } from "./postgres.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const JAVA_EXAMPLES_DIR = join(ROOT, "examples", "java");
export const STREAMS_EXAMPLES_DIR = join(ROOT, "examples", "java", "streams");
export const CONNECT_DIR = join(ROOT, "examples", "connect");
const DEBEZIUM_PLUGIN_POM_DIR = join(CONNECT_DIR, "plugins", "debezium-postgres");
const GO_DIR = join(ROOT, "test", "kafka-clients", "go");
const PYTHON_DIR = join(ROOT, "test", "kafka-clients", "python");

/**
 * sha256 (16 hex digits) over the files under the given paths, names included.
 * @param {string[]} paths
 */
function hashSources(paths) {
  const hash = createHash("sha256");
  /** @param {string} path */
  const visit = (path) => {
    if (statSync(path).isDirectory()) {
      for (const name of readdirSync(path).sort()) if (name !== "target" && name !== "__pycache__") visit(join(path, name));
    } else {
      hash.update(relative(ROOT, path)).update(readFileSync(path));
    }
  };
  paths.forEach(visit);
  return hash.digest("hex").slice(0, 16);
}

/**
 * Runs a command to completion; throws with its output when it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} failed (${result.error?.message ?? result.status}):\n${result.stdout ?? ""}${result.stderr ?? ""}`);
  }
  return result.stdout;
}

/** @param {string} command */
function onPath(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/** kcat (librdkafka's command-line client) from Debian; installed with apt-get when missing and running as root. */
export function ensureKcat() {
  if (onPath("kcat")) return "kcat";
  if (process.getuid?.() !== 0) throw new Error("kcat is missing: apt-get install kcat (as root)");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    run("apt-get", ["install", "-y", "kcat"], { env });
  } catch {
    run("apt-get", ["update"], { env });
    run("apt-get", ["install", "-y", "kcat"], { env });
  }
  return "kcat";
}

/**
 * A Maven project of Java mains built with `mvn package`, offline once ~/.m2 has its jars (rebuilt when its pom or
 * sources change): the classpath to run its mains with (`target/classes` first).
 * @param {string} dir
 */
function ensureMavenMains(dir) {
  const digest = hashSources([join(dir, "pom.xml"), join(dir, "src")]);
  const stamp = join(dir, "target", "skein-build.sha");
  const classpathFile = join(dir, "target", "classpath.txt");
  const read = () => `${join(dir, "target", "classes")}:${readFileSync(classpathFile, "utf8").trim()}`;
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === digest && existsSync(classpathFile)) {
    const classpath = read();
    if (classpath.split(":").every((entry) => existsSync(entry))) return classpath;
  }
  mavenOfflineFirst(["package", "dependency:build-classpath", "-Dmdep.outputFile=target/classpath.txt"], dir);
  writeFileSync(stamp, digest);
  return read();
}

/**
 * Runs Maven in a project: offline first (a warm ~/.m2 needs no network), then online.
 * @param {string[]} goals
 * @param {string} dir
 */
function mavenOfflineFirst(goals, dir) {
  try {
    run("mvn", ["-q", "-B", "-o", ...goals], { cwd: dir });
  } catch {
    run("mvn", ["-q", "-B", ...goals], { cwd: dir });
  }
}

/** The course's Java examples (examples/java, kafka-clients and spring-kafka): the classpath of their mains. */
export function ensureJavaExamples() {
  return ensureMavenMains(JAVA_EXAMPLES_DIR);
}

/** The Kafka Streams examples (examples/java/streams): the classpath of their mains. */
export function ensureStreamsExamples() {
  return ensureMavenMains(STREAMS_EXAMPLES_DIR);
}

/**
 * Kafka Connect (examples/connect): the worker's classpath and the plugin.path folder holding the FileStream
 * connectors and Debezium's PostgreSQL connector, laid out by Maven once per hash of the two poms.
 * @returns {{ classpath: string, pluginPath: string }}
 */
export function ensureConnect() {
  const digest = hashSources([join(CONNECT_DIR, "pom.xml"), join(DEBEZIUM_PLUGIN_POM_DIR, "pom.xml")]);
  const target = join(CONNECT_DIR, "target");
  const stamp = join(target, "skein-build.sha");
  const classpathFile = join(target, "classpath.txt");
  const pluginPath = join(target, "plugins");
  const ready = () => {
    if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== digest || !existsSync(classpathFile)) return false;
    const jars = [
      ...readFileSync(classpathFile, "utf8").trim().split(":"),
      ...["connect-file", "debezium-connector-postgres"].flatMap((plugin) => {
        const folder = join(pluginPath, plugin);
        return existsSync(folder) && readdirSync(folder).length > 0 ? readdirSync(folder).map((jar) => join(folder, jar)) : [join(folder, "(empty)")];
      }),
    ];
    return jars.every((jar) => existsSync(jar));
  };
  if (!ready()) {
    rmSync(pluginPath, { recursive: true, force: true });
    mavenOfflineFirst(["package"], CONNECT_DIR);
    mavenOfflineFirst(["package"], DEBEZIUM_PLUGIN_POM_DIR);
    writeFileSync(stamp, digest);
  }
  return { classpath: readFileSync(classpathFile, "utf8").trim(), pluginPath };
}

/** The franz-go program (test/kafka-clients/go) built once per source hash into the cache: its path. */
export function ensureFranzGo() {
  const binary = join(cacheDir(), "bin", `franz-go-check-${hashSources([GO_DIR])}`);
  if (existsSync(binary)) return binary;
  mkdirSync(join(cacheDir(), "bin"), { recursive: true });
  // -mod=readonly: go.sum pins every module; the proxy is asked only for what Go's module cache lacks.
  run("go", ["build", "-mod=readonly", "-o", binary, "."], { cwd: GO_DIR });
  return binary;
}

/** A venv with confluent-kafka (PyPI wheel bundling librdkafka) per requirements.txt: its python's path. */
export function ensurePythonClient() {
  const venv = join(cacheDir(), `venv-${hashSources([join(PYTHON_DIR, "requirements.txt")])}`);
  const python = join(venv, "bin", "python");
  const done = join(venv, ".installed");
  if (existsSync(done) && existsSync(python)) return python;
  run("python3", ["-m", "venv", "--clear", venv]);
  run(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", join(PYTHON_DIR, "requirements.txt")]);
  writeFileSync(done, new Date().toISOString());
  return python;
}

/**
 * Every step; each failure is collected (and thrown together at the end) so that one missing registry does not
 * hide the state of the others.
 * @param {{ log?: (line: string) => void }} [options]
 */
export async function setupKafkaClients(options = {}) {
  const log = options.log ?? (() => undefined);
  /** @type {[string, () => string][]} */
  const steps = [
    ["kcat (Debian)", ensureKcat],
    ["Apache Kafka jars (Maven Central)", kafkaClasspath],
    ["Java examples (Maven)", ensureJavaExamples],
    ["Kafka Streams examples (Maven)", ensureStreamsExamples],
    ["Kafka Connect worker and plugins (Maven)", () => ensureConnect().pluginPath],
    ["PostgreSQL for Debezium (Debian)", postgresBin],
    ["franz-go program (Go modules)", ensureFranzGo],
    ["confluent-kafka venv (PyPI)", ensurePythonClient],
  ];
  const failures = [];
  for (const [name, step] of steps) {
    const started = Date.now();
    try {
      step();
      log(`kafka clients: ${name} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      failures.push(`${name}: ${/** @type {Error} */ (error).message}`);
    }
  }
  if (failures.length > 0) throw new Error(`Kafka clients could not be set up:\n${failures.join("\n")}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  setupKafkaClients({ log: (line) => console.log(line) })
    .then(() => console.log(`kafka clients ready in ${((Date.now() - started) / 1000).toFixed(1)} s`))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}

