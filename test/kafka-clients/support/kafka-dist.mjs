// Apache Kafka's distribution from Maven Central: the classpath of kafka-dist/pom.xml (broker and tools at one pinned
// version), resolved by Maven once and cached by the pom's hash, so later runs start Kafka's classes offline at once.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder holding kafka-dist's pom.xml and the log4j2 configurations of the tools and the broker. */
export const KAFKA_DIST_DIR = fileURLToPath(new URL("../kafka-dist/", import.meta.url));

/** Where downloads and builds of the client checks are cached (`SKEIN_CACHE_DIR`, default ~/.cache/skein). */
export function cacheDir() {
  const dir = process.env.SKEIN_CACHE_DIR ?? join(homedir(), ".cache", "skein");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The version of Kafka that kafka-dist/pom.xml pins. */
export function kafkaVersion() {
  const match = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(readFileSync(join(KAFKA_DIST_DIR, "pom.xml"), "utf8"));
  if (!match) throw new Error("kafka-dist/pom.xml names no kafka.version");
  return match[1];
}

/**
 * Kafka's classpath (jars joined with `:`): from the cache when every jar is still in ~/.m2, otherwise resolved by
 * Maven (offline first, then from Maven Central).
 * @returns {string}
 */
export function kafkaClasspath() {
  const pom = readFileSync(join(KAFKA_DIST_DIR, "pom.xml"));
  const digest = createHash("sha256").update(pom).digest("hex").slice(0, 16);
  const cached = join(cacheDir(), `kafka-dist-${digest}.classpath`);
  if (existsSync(cached)) {
    const classpath = readFileSync(cached, "utf8").trim();
    if (classpath.split(":").every((jar) => existsSync(jar))) return classpath;
  }
  /** @param {boolean} offline */
  const resolve = (offline) =>
    execFileSync("mvn", ["-q", "-B", ...(offline ? ["-o"] : []), "dependency:build-classpath", `-Dmdep.outputFile=${cached}`], {
      cwd: KAFKA_DIST_DIR,
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
    });
  try {
    resolve(true);
  } catch {
    try {
      resolve(false);
    } catch (caught) {
      const error = /** @type {{ stdout?: string, stderr?: string }} */ (caught);
      throw new Error(`Maven could not resolve Kafka's jars (kafka-dist/pom.xml):\n${error.stdout ?? ""}${error.stderr ?? ""}`);
    }
  }
  const classpath = readFileSync(cached, "utf8").trim();
  writeFileSync(cached, classpath);
  return classpath;
}

/** The `java` that runs Kafka: $JAVA_HOME/bin/java when set, else the one on PATH (Java 17 or newer). */
export function javaExecutable() {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
}
