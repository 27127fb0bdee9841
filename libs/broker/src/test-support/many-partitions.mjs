// A child process for the descriptor-budget test, run under a low `ulimit -n`: it creates a topic with many
// partitions, rolls several segments in each, produces to all of them in one acks=all request, reads everything
// back, and does it again after a restart. Prints "ok <partitions> <segments> <records> <max open log files>".
import { Broker } from "../../dist/index.js";
import { sharedOpenFiles } from "../../dist/storage/open-files.js";

const [dataDir, partitionsArg] = process.argv.slice(2);
const partitions = Number(partitionsArg);
let broker = await Broker.open({ dataDir, brokerConfig: { "log.scrubber.enable": "false", "log.cleaner.enable": "false" } });
await broker.createTopic({ name: "many", partitions, configs: { "segment.bytes": "1024", "index.interval.bytes": "100" } });
let produced = 0;
for (let round = 0; round < 4; round++) {
  const records = Array.from({ length: partitions }, (_, p) => ({ value: Buffer.alloc(400, 65 + round), partition: p }));
  await broker.produce("many", records, { acks: round % 2 === 0 ? -1 : 1 });
  produced += records.length;
}
let maxOpen = sharedOpenFiles.size;

async function readEverything() {
  let records = 0;
  for (let p = 0; p < partitions; p++) {
    let next = 0;
    while (next < broker.partitionOffsets("many", p).logEndOffset) {
      const fetched = await broker.fetch("many", p, next);
      records += fetched.records.length;
      next = fetched.nextOffset;
    }
    maxOpen = Math.max(maxOpen, sharedOpenFiles.size);
  }
  return records;
}
const first = await readEverything();
await broker.close();
broker = await Broker.open({ dataDir, brokerConfig: { "log.scrubber.enable": "false", "log.cleaner.enable": "false" } });
const second = await readEverything();
const segments = broker.describeTopic("many").partitions.reduce((sum, p) => sum + broker.listSegments("many", p.partition).length, 0);
await broker.close();
if (first !== produced || second !== produced) throw new Error(`read ${first} then ${second} of ${produced} records`);
process.stdout.write(`ok ${partitions} ${segments} ${produced} ${maxOpen} ${sharedOpenFiles.maxOpen}\n`);
