#!/usr/bin/env node
// `npm start [-- server.properties | --config FILE] [--override name=value]...`: builds what changed (scripts/build.mjs:
// nothing, when nothing did, so a restart takes seconds), then runs the service in this process, so signals reach it
// and its arguments are this script's.
import { build } from "./build.mjs";

try {
  console.log(build());
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
await import("../apps/api/dist/main.js");
