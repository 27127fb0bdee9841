// A child process for the etcd store's tests: registers broker <id> under <prefix> (session TTL 1 s), campaigns for controller when
// asked, prints "registered <epoch|none>", then keeps its lease alive until it is killed.
import { EtcdClusterStore } from "../../dist/index.js";

const [endpoints, prefix, id, campaign] = process.argv.slice(2);
const store = new EtcdClusterStore({ endpoints: endpoints.split(","), prefix });
const brokerId = Number(id);
const session = await store.registerBroker({ brokerId, host: "127.0.0.1", port: 9092 + brokerId, rack: null, httpUrl: null }, 1000);
const fence = campaign === "campaign" ? await store.campaign(session) : null;
process.stdout.write(`registered ${fence ? fence.epoch : "none"}\n`);
setInterval(() => undefined, 1 << 30);
