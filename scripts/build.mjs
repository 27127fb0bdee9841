#!/usr/bin/env node
// `npm run build` (and the first half of `npm start`): builds what changed since the last build, and only that.
//
//   1. Prisma clients (`node scripts/prisma.mjs generate`): skipped when prisma/schema.prisma, the script, the Prisma
//      config and package-lock.json hash as at the last generate and the clients exist.
//   2. TypeScript (`tsc -b libs/protocol libs/broker libs/sdk apps/api apps/cli examples/nestjs-kafka`): always run; tsc's build
//      mode skips what is up to date.
//   3. The console's static export (`next build`): skipped when apps/console's sources, the workspace packages it
//      depends on, package-lock.json and the NEXT_PUBLIC_ variables hash as at the last export and out/ exists.
//
// `--force` rebuilds everything. Stamps live under node_modules/.cache/skein-build (scripts/build-stamp.mjs).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { clearStamp, hashInputs, isFresh, listInputs, writeStamp } from "./build-stamp.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** The build steps with stamps: what each reads, what it writes, and the command that makes it. */
export function stampedSteps(root = ROOT, env = process.env) {
  return [
    {
      name: "prisma",
      label: "Prisma clients",
      inputs: () => listInputs(root, ["prisma/schema.prisma", "scripts/prisma.mjs", "prisma.config.ts", "package-lock.json"]),
      extra: () => ({}),
      outputs: ["apps/api/generated/sqlite/index.js", "apps/api/generated/postgres/index.js", "prisma/postgres/schema.prisma"],
      command: [process.execPath, ["scripts/prisma.mjs", "generate"]],
    },
    {
      name: "console",
      label: "console",
      inputs: () =>
        listInputs(root, ["apps/console", ...workspaceDependencies(root, "apps/console"), "package-lock.json", "tsconfig.base.json"], (file) =>
          file.endsWith(".tsbuildinfo") || file === "apps/console/next-env.d.ts",
        ),
      // Next inlines NEXT_PUBLIC_ variables into the export.
      extra: () => Object.fromEntries(Object.entries(env).filter(([name]) => name.startsWith("NEXT_PUBLIC_"))),
      outputs: ["apps/console/out/index.html"],
      command: ["npm", ["run", "build", "-w", "@skein/console"]],
    },
  ];
}

/** The directories of the workspace packages (libs/*, apps/*) that `dir`'s package.json depends on. */
function workspaceDependencies(root, dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const names = new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }).filter((name) => name.startsWith("@skein/")));
  if (names.size === 0) return [];
  return ["libs", "apps"]
    .flatMap((parent) => readdirSync(join(root, parent)).map((entry) => `${parent}/${entry}`))
    .filter((workspace) => existsSync(join(root, workspace, "package.json")) && names.has(JSON.parse(readFileSync(join(root, workspace, "package.json"), "utf8")).name));
}

function run(root, [command, args]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (${result.status ?? result.signal})`);
}

/** Runs the build; resolves to one line saying what was done. */
export function build({ root = ROOT, force = false, env = process.env } = {}) {
  const started = Date.now();
  const done = [];
  const [prismaStep, consoleStep] = stampedSteps(root, env);
  const stamped = (step) => {
    const hash = hashInputs(root, step.inputs(), step.extra());
    if (!force && isFresh(root, step.name, hash, step.outputs)) return;
    const stepStarted = Date.now();
    clearStamp(root, step.name);
    run(root, step.command);
    writeStamp(root, step.name, hash);
    done.push(`${step.label} rebuilt (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
  };
  stamped(prismaStep);
  run(root, [process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-b", "libs/protocol", "libs/broker", "libs/sdk", "apps/api", "apps/cli", "examples/nestjs-kafka"]]);
  stamped(consoleStep);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `Build: ${done.length === 0 ? "up to date" : done.join(", ")}; TypeScript checked; ${seconds} s in all`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(build({ force: process.argv.includes("--force") }));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
