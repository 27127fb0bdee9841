#!/usr/bin/env node
// Fuzzes the decoders: every input is a mutation of a round-trip encoding (every version), and every decode must
// return or throw ProtocolDecodeError, within a time bound, with a result proportional to the input.
//
//   npm run fuzz -w @skein/protocol -- --api Produce --inputs 10000000      the request and response decoders of Produce
//   npm run fuzz -w @skein/protocol -- --api ConsumerProtocolAssignment     one message by name
//   npm run fuzz -w @skein/protocol -- --api all --listener broker          every API the broker listener serves, and
//                                                                           the headers and embedded data messages
//   npm run fuzz -w @skein/protocol -- --api Produce,Fetch,RequestHeader      several, comma-separated
//   npm run fuzz -w @skein/protocol -- --api all --except Produce,Fetch          every decoder but those
//   options: --inputs N (default 1000000), --seed S (default 1), --time-bound-ms MS (default 2000), --shard I/N
//
// Prints one JSON line per decoder (inputs, decoded, rejected, seconds, largest footprint per input byte, slowest
// decode); on a failure prints the input (hex) with the error and its stack, and exits 1.
import { apiMessages, messageCodecs, Reader } from "../dist/index.js";
import { FuzzFailure, runFuzz, schemaOf } from "../dist/testing/index.js";

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
}

const api = option("api", "all");
const inputs = Number(option("inputs", "1000000"));
const seed = Number(option("seed", "1"));
const timeBoundMs = Number(option("time-bound-ms", "2000"));
const listener = option("listener", null);
const [shard, shards] = option("shard", "0/1").split("/").map(Number);

/** The codecs named by a comma-separated list of API names, API keys or message names. */
function named(list) {
  return list
    .split(",")
    .filter((name) => name !== "")
    .flatMap((name) => {
      const byApi = [...apiMessages.values()].find((a) => a.name.toLowerCase() === name.toLowerCase() || String(a.apiKey) === name);
      if (byApi) return [byApi.request, byApi.response];
      const codec = messageCodecs.get(name);
      if (!codec) throw new Error(`No API or message is named ${name}.`);
      return [codec];
    });
}

function targets() {
  if (api !== "all") return named(api);
  const except = new Set(named(option("except", "")).map((c) => c.name));
  const apiCodecNames = new Set([...apiMessages.values()].flatMap((a) => [a.request.name, a.response.name]));
  const apis = [...apiMessages.values()].filter((a) => listener === null || a.listeners.includes(listener));
  // Headers and embedded data messages (consumer protocol, __consumer_offsets records, ...) belong to no API.
  const others = [...messageCodecs.values()].filter((c) => !apiCodecNames.has(c.name));
  return [...apis.flatMap((a) => [a.request, a.response]), ...others].filter((c) => !except.has(c.name));
}

// Expected rejections are ProtocolDecodeErrors by the million: without stack traces they cost a tenth as much.
Error.stackTraceLimit = 0;
const all = targets().filter((_, i) => i % shards === shard);
const totals = { decoders: 0, inputs: 0, seconds: 0 };
for (const codec of all) {
  const started = performance.now();
  try {
    const report = runFuzz({ codec, schema: schemaOf(codec.name), inputs, seed, now: () => performance.now(), timeBoundMs });
    const seconds = (performance.now() - started) / 1000;
    totals.decoders++;
    totals.inputs += report.inputs;
    totals.seconds += seconds;
    console.log(JSON.stringify({ ...report, seconds: Number(seconds.toFixed(1)), maxFootprintPerByte: Number(report.maxFootprintPerByte.toFixed(2)), slowestMs: Number(report.slowestMs.toFixed(1)) }));
  } catch (error) {
    if (!(error instanceof FuzzFailure)) throw error;
    Error.stackTraceLimit = 50;
    console.log(JSON.stringify({ target: codec.name, failure: error.message }));
    try {
      codec.decode(new Reader(error.input), error.version);
    } catch (again) {
      console.log(again.stack);
    }
    process.exit(1);
  }
}
console.log(JSON.stringify({ total: true, ...totals, seconds: Number(totals.seconds.toFixed(1)) }));
