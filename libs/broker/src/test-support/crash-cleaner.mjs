// A child process for the cleaner crash test: opens a compacted log and cleans it until the parent kills it.
// Prints "ready" before the pass, "swapped <base>" after each segment swap and "done <outcome>" at the end; with
// "finish" as the last argument it then closes the log and exits instead of waiting to be killed.
import { join } from "node:path";
import { LogCleaner, systemClock } from "../../dist/index.js";
import { Log } from "../../dist/storage/log.js";

const [dataDir, name, settingsJson, mode] = process.argv.slice(2);
// JSON has no Infinity: the parent's "never" values arrive as null.
const config = Object.fromEntries(Object.entries(JSON.parse(settingsJson)).map(([k, v]) => [k, v === null ? Number.POSITIVE_INFINITY : v]));
const { log } = Log.open({ dir: join(dataDir, name), name, config, clock: systemClock });
const replaceSegments = log.replaceSegments.bind(log);
log.replaceSegments = (cleaned, old) => {
  replaceSegments(cleaned, old);
  process.stdout.write(`swapped ${cleaned.baseOffset}\n`);
};
const logger = { info: () => undefined, warn: (message) => process.stderr.write(message + "\n") };
const cleaner = new LogCleaner({ logs: () => [log], dataDir, clock: systemClock, logger, sliceMs: 1 });
process.stdout.write("ready\n");
const run = await cleaner.runOnce();
process.stdout.write(`done ${run?.outcome ?? "nothing"}\n`);
if (mode === "finish") {
  log.close();
} else {
  setInterval(() => undefined, 1000);
}
