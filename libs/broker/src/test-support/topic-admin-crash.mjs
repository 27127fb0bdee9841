// A child process for the topic atomicity tests: it creates or deletes a topic and SIGKILLs itself at one step of
// the operation, as a crash would: "before-save"/"after-save" around the metadata store's write of a creation,
// "before-delete"/"after-delete" around the store's write of a deletion.
// Usage: topic-admin-crash.mjs <dataDir> create|delete <topic> <partitions> <crash point>
import { join } from "node:path";
import { Broker, FileMetadataStore } from "../../dist/index.js";

const [dataDir, action, topic, partitions, point] = process.argv.slice(2);
const crash = (at) => {
  if (at === point) process.kill(process.pid, "SIGKILL");
};

class CrashingStore extends FileMetadataStore {
  async saveTopic(metadata) {
    if (metadata.name === topic) crash("before-save");
    await super.saveTopic(metadata);
    if (metadata.name === topic) crash("after-save");
  }
  async deleteTopic(name) {
    if (name === topic) crash("before-delete");
    await super.deleteTopic(name);
    if (name === topic) crash("after-delete");
  }
}

const broker = await Broker.open({ dataDir, metadataStore: new CrashingStore(join(dataDir, "metadata.json")), brokerConfig: { "log.scrubber.enable": "false" } });
if (action === "create") await broker.createTopic({ name: topic, partitions: Number(partitions) });
else await broker.deleteTopic(topic);
process.stdout.write("no crash\n");
await broker.close();
