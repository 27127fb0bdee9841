import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearStamp, hashInputs, isFresh, listInputs, writeStamp } from "./build-stamp.mjs";
import { stampedSteps } from "./build.mjs";

describe("build stamps", () => {
  let root;
  const write = (path, text) => {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "skein-build-stamp-"));
    write("app/page.tsx", "export default 1;");
    write("app/lib/api.ts", "export const a = 1;");
    write("app/out/index.html", "built");
    write("app/.next/cache", "cache");
    write("app/node_modules/x/index.js", "dep");
    write("app/tsconfig.tsbuildinfo", "{}");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("lists the sources, sorted, without dependencies, build output, caches and skipped files", () => {
    expect(listInputs(root, ["app", "missing"], (file) => file.endsWith(".tsbuildinfo"))).toEqual(["app/lib/api.ts", "app/page.tsx"]);
  });

  it("hashes paths and contents: an edit, a rename or another setting changes the hash, a rewrite of the same bytes does not", () => {
    const hash = () => hashInputs(root, listInputs(root, ["app"]), { NEXT_PUBLIC_X: "1" });
    const first = hash();
    write("app/page.tsx", "export default 1;");
    expect(hash()).toBe(first);
    write("app/page.tsx", "export default 2;");
    const edited = hash();
    expect(edited).not.toBe(first);
    renameSync(join(root, "app/lib/api.ts"), join(root, "app/lib/client.ts"));
    expect(hash()).not.toBe(edited);
    expect(hashInputs(root, listInputs(root, ["app"]), { NEXT_PUBLIC_X: "2" })).not.toBe(hash());
  });

  it("calls a step fresh only after a stamp of the same hash, while its outputs exist", () => {
    const hash = hashInputs(root, listInputs(root, ["app"]));
    expect(isFresh(root, "console", hash, ["app/out/index.html"])).toBe(false);
    writeStamp(root, "console", hash);
    expect(isFresh(root, "console", hash, ["app/out/index.html"])).toBe(true);
    expect(isFresh(root, "console", "another hash", ["app/out/index.html"])).toBe(false);
    expect(isFresh(root, "console", hash, ["app/out/missing.html"])).toBe(false);
    clearStamp(root, "console");
    expect(isFresh(root, "console", hash, ["app/out/index.html"])).toBe(false);
  });
});

describe("the build's stamped steps", () => {
  const repo = fileURLToPath(new URL("..", import.meta.url));

  it("hash the Prisma schema and generator, and the console's sources but not its export", () => {
    const [prisma, console] = stampedSteps(repo, { NEXT_PUBLIC_SKEIN_API: "http://x" });
    expect(prisma.inputs()).toEqual(expect.arrayContaining(["prisma/schema.prisma", "scripts/prisma.mjs", "package-lock.json"]));
    const consoleInputs = console.inputs();
    expect(consoleInputs).toEqual(expect.arrayContaining(["apps/console/app/layout.tsx", "apps/console/next.config.ts", "apps/console/package.json", "package-lock.json"]));
    expect(consoleInputs.filter((file) => /\/(out|\.next|node_modules)\//.test(file) || file.endsWith("next-env.d.ts"))).toEqual([]);
    expect(console.extra()).toEqual({ NEXT_PUBLIC_SKEIN_API: "http://x" });
  });
});
