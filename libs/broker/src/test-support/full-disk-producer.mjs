// A child process for the full-disk test: on a small filesystem (argv[2]) it produces until the active segment's
// last page is partly used, fills the filesystem from outside Skein, then produces single small records (acks=1 and
// acks=all in turn) until one is refused. It prints "acked <offset> <value>" for each acknowledged record and
// "refused <error> <code> <message>" for the refusal, then waits to be killed.
import { closeSync, openSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { Broker } from "../../dist/index.js";

const [dataDir] = process.argv.slice(2);
const broker = await Broker.open({
  dataDir,
  brokerConfig: { "log.dir.min.free.bytes": "0", "log.dir.space.check.interval.ms": "3600000", "log.scrubber.enable": "false" },
});
await broker.createTopic({ name: "edge" });
const segment = join(dataDir, "edge-0", "00000000000000000000.log");
const produce = async (value, acks) => {
  const [result] = await broker.produce("edge", [{ value: Buffer.from(value) }], { acks });
  process.stdout.write(`acked ${result.offset} ${value}\n`);
};
for (let i = 0; statSync(segment).size % 4096 < 1000 || statSync(segment).size % 4096 > 2000; i++) await produce(`before-${i}`.padEnd(150, "."), 1);

const fd = openSync(join(dataDir, "filler.bin"), "a");
for (let chunk = 1 << 20; chunk >= 1; chunk >>= 1) {
  const bytes = Buffer.alloc(chunk, 0x5a);
  for (;;) {
    try {
      writeSync(fd, bytes);
    } catch (err) {
      if (err.code !== "ENOSPC") throw err;
      break;
    }
  }
}
closeSync(fd);

for (let i = 0; ; i++) {
  const acks = i % 2 === 0 ? 1 : -1;
  try {
    await produce(`full-${i}-${acks === 1 ? "one" : "all"}`, acks);
  } catch (err) {
    process.stdout.write(`refused ${err.constructor.name} ${err.code} ${err.message}\n`);
    break;
  }
}
setInterval(() => undefined, 1000);
