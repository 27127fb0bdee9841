import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { skein, spawnService, startService, type Running, type SkeinResult } from "./skein-processes.js";

/**
 * The course's chapter on broker configs: start the service with the repository's config/server.properties, edit
 * num.partitions, log.retention.check.interval.ms and log.cleaner.backoff.ms, restart, and see them apply and show as
 * STATIC_BROKER_CONFIG. The built service runs in a child process over a temporary data directory.
 */

const SHIPPED = fileURLToPath(new URL("../../config/server.properties", import.meta.url));

function ok(result: SkeinResult): SkeinResult {
  if (result.code !== 0) throw new Error(`skein exited ${result.code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Sets `name=value` on the line that sets it, as a text editor would. */
function edit(file: string, name: string, value: string): void {
  const text = readFileSync(file, "utf8");
  const pattern = new RegExp(`^${name.replaceAll(".", "\\.")}=.*$`, "m");
  if (!pattern.test(text)) throw new Error(`${file} does not set ${name}`);
  writeFileSync(file, text.replace(pattern, `${name}=${value}`));
}

describe("server.properties, as the course edits it", () => {
  let dir: string;
  let dataDir: string;
  let file: string;
  let service: Running | null = null;
  let server: string;
  const run = (...args: string[]) => skein(server, args);
  const start = async (options: { args?: string[]; env?: NodeJS.ProcessEnv } = {}) => {
    ({ service, baseUrl: server } = await startService(dataDir, { args: [file], ...options }));
    return service!;
  };
  const stop = async () => {
    expect(await service?.stop("SIGTERM")).toBe(0);
    service = null;
  };
  /** The describe line of one broker config: `  name=value sensitive=false synonyms={...}`. */
  const brokerConfig = async (name: string) => {
    const all = ok(await run("configs", "--entity-type", "brokers", "--entity-name", "0", "--describe", "--all")).stdout;
    return all.split("\n").find((line) => line.startsWith(`  ${name}=`));
  };
  const v3 = async (path: string) => {
    const clusters = (await (await fetch(`${server}/v3/clusters`)).json()) as { data: { cluster_id: string }[] };
    return (await fetch(`${server}/v3/clusters/${clusters.data[0]!.cluster_id}/${path}`)).json() as Promise<Record<string, unknown>>;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "skein-server-properties-"));
    dataDir = join(dir, "data");
    file = join(dir, "server.properties");
    copyFileSync(SHIPPED, file);
  });

  afterEach(async () => {
    await service?.stop("SIGKILL");
    service = null;
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts with the shipped file: every config at Kafka's defaults but four (as Kafka's single-broker sample), all STATIC_BROKER_CONFIG", async () => {
    const running = await start();
    await running.waitFor((s) => s.stdout.includes("Cluster "), "the start log");
    expect(running.stdout).toContain(
      `Config    ${file}; 23 static broker config(s), not at Kafka's defaults: offsets.topic.replication.factor=1, group.initial.rebalance.delay.ms=0, transaction.state.log.replication.factor=1, transaction.state.log.min.isr=1\n`,
    );
    expect(running.stdout).not.toMatch(/WARN/);
    expect(await brokerConfig("num.partitions")).toBe("  num.partitions=1 sensitive=false synonyms={STATIC_BROKER_CONFIG:num.partitions=1, DEFAULT_CONFIG:num.partitions=1}");
    await stop();
  });

  it("applies num.partitions, log.retention.check.interval.ms and log.cleaner.backoff.ms edited in the file after a restart", async () => {
    edit(file, "num.partitions", "3");
    edit(file, "log.retention.check.interval.ms", "1000");
    edit(file, "log.cleaner.backoff.ms", "1000");
    const running = await start();
    await running.waitFor((s) => s.stdout.includes("Cluster "), "the start log");
    expect(running.stdout).toMatch(/Config {4}\S+; 23 static broker config\(s\), not at Kafka's defaults: num\.partitions=3, log\.retention\.check\.interval\.ms=1000, log\.cleaner\.backoff\.ms=1000,/);

    // skein configs shows them as Kafka's kafka-configs does: --all with their source, --describe names them on stderr.
    expect(await brokerConfig("num.partitions")).toBe("  num.partitions=3 sensitive=false synonyms={STATIC_BROKER_CONFIG:num.partitions=3, DEFAULT_CONFIG:num.partitions=1}");
    expect(await brokerConfig("log.retention.check.interval.ms")).toMatch(/^ {2}log\.retention\.check\.interval\.ms=1000 sensitive=false synonyms=\{STATIC_BROKER_CONFIG:log\.retention\.check\.interval\.ms=1000, DEFAULT_CONFIG:/);
    expect(await brokerConfig("log.cleaner.backoff.ms")).toMatch(/^ {2}log\.cleaner\.backoff\.ms=1000 sensitive=false synonyms=\{STATIC_BROKER_CONFIG:log\.cleaner\.backoff\.ms=1000, DEFAULT_CONFIG:/);
    const dynamicOnly = ok(await run("configs", "--entity-type", "brokers", "--describe"));
    expect(dynamicOnly.stdout).toBe("Dynamic configs for broker 0 are:\n");
    expect(dynamicOnly.stderr).toMatch(/^Broker 0 also has 23 static config\(s\) \(STATIC_BROKER_CONFIG, from server\.properties or SKEIN_ variables\): .*num\.partitions.*; --all lists them\.\n$/);
    expect(await v3("brokers/0/configs/num.partitions")).toMatchObject({ value: "3", source: "STATIC_BROKER_CONFIG", is_default: false });

    // A topic created without a count, and one created by producing to it, get num.partitions.
    ok(await run("topics", "--create", "--topic", "config-test"));
    expect(ok(await run("topics", "--describe", "--topic", "config-test")).stdout).toMatch(/^Topic: config-test\tPartitionCount: 3\t/);
    ok(await skein(server, ["console-producer", "--topic", "auto_created"], "one\n"));
    expect(ok(await run("topics", "--describe", "--topic", "auto_created")).stdout).toMatch(/^Topic: auto_created\tPartitionCount: 3\t/);

    // The retention check runs every second now, and the cleaner checks every second when idle.
    const retention = await v3("topics/config-test/partitions/0/retention");
    expect(retention.check_interval_ms).toBe(1000);
    expect(retention.next_check_at as number).toBeLessThanOrEqual(Date.now() + 1000);
    ok(await run("topics", "--create", "--topic", "bank-account", "--partitions", "1", "--config", "cleanup.policy=compact", "--config", "segment.ms=100", "--config", "min.cleanable.dirty.ratio=0.001"));
    ok(await skein(server, ["console-producer", "--topic", "bank-account", "--property", "parse.key=true", "--property", "key.separator=,"], "kim,100\nlee,200\nkim,150\n"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A record after segment.ms rolls the segment, so the first one can be cleaned.
    ok(await skein(server, ["console-producer", "--topic", "bank-account", "--property", "parse.key=true", "--property", "key.separator=,"], "park,10\n"));
    const cleaner = await v3("topics/bank-account/partitions/0/cleaner");
    expect(cleaner.next_check_at as number).toBeLessThanOrEqual(Date.now() + 1000);
    const deadline = Date.now() + 60_000;
    let state = cleaner;
    while ((state.totals as { runs: number }).runs === 0) {
      if (Date.now() > deadline) throw new Error(`bank-account was never cleaned: ${JSON.stringify(state)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = await v3("topics/bank-account/partitions/0/cleaner");
    }
    const values = ok(await run("console-consumer", "--topic", "bank-account", "--from-beginning", "--property", "print.key=true", "--property", "key.separator=,", "--timeout-ms", "2000"));
    expect(values.stdout.trimEnd().split("\n")).toEqual(["lee,200", "kim,150", "park,10"]);
    await stop();
  });

  it("lets SKEIN_ variables override the file and --override override both", async () => {
    const env = { SKEIN_NUM_PARTITIONS: "2", SKEIN_LOG_CLEANER_BACKOFF_MS: "5000", SKEIN_AUTO_CREATE_TOPICS_ENABLE: "false" };
    const running = await start({ args: [file, "--override", "log.cleaner.backoff.ms=2000"], env });
    await running.waitFor((s) => s.stdout.includes("Cluster "), "the start log");
    expect(running.stdout).toMatch(
      /num\.partitions=2 \(SKEIN_NUM_PARTITIONS\), auto\.create\.topics\.enable=false \(SKEIN_AUTO_CREATE_TOPICS_ENABLE\), log\.retention\.check\.interval\.ms=1000, log\.cleaner\.backoff\.ms=2000 \(--override\)/,
    );
    expect(await brokerConfig("num.partitions")).toBe("  num.partitions=2 sensitive=false synonyms={STATIC_BROKER_CONFIG:num.partitions=2, DEFAULT_CONFIG:num.partitions=1}");
    expect(await brokerConfig("log.cleaner.backoff.ms")).toMatch(/^ {2}log\.cleaner\.backoff\.ms=2000 /);

    // With auto.create.topics.enable=false, producing to a missing topic is refused, and says why.
    const refused = await skein(server, ["console-producer", "--topic", "not_created"], "one\n");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe("Error: Topic 'not_created' does not exist, and the server does not create topics on produce (auto.create.topics.enable=false)\n");
    await stop();
  });

  it("warns about Kafka configs it does not use and refuses an invalid value, naming its line", async () => {
    writeFileSync(file, `${readFileSync(file, "utf8")}zookeeper.connect=localhost:2181\nnum.partiton=4\n`);
    const warned = await start();
    await warned.waitFor((s) => s.stdout.includes("Cluster "), "the start log");
    const lines = readFileSync(file, "utf8").split("\n").length - 1;
    expect(warned.stdout).toContain(`WARN [Skein] Ignoring Kafka configs Skein does not use (Skein has no ZooKeeper): zookeeper.connect (line ${lines - 1})\n`);
    expect(warned.stdout).toContain(`WARN [Skein] Ignoring num.partiton (line ${lines}): not a broker config Skein knows; did you mean num.partitions?\n`);
    await stop();

    edit(file, "num.partitions", "three");
    const line = readFileSync(file, "utf8").split("\n").findIndex((l) => l === "num.partitions=three") + 1;
    const refused = spawnService(dataDir, { args: [file] });
    expect(await refused.exited).toBe(1);
    expect(refused.stdout + refused.stderr).toMatch(
      new RegExp(`ERROR \\[Skein\\] Start-up failed: ${file.replaceAll(".", "\\.")} line ${line}: Invalid value three for configuration num\\.partitions: Not a number of type INT\\n`),
    );
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});
