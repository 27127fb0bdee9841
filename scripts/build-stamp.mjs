// Content-hash stamps for the build steps that have no incremental mode of their own (Prisma's client generator,
// Next.js's static export): a step is skipped only when the hash of everything it reads equals the hash stamped
// after its last successful run and its output is still there. Timestamps are never trusted: a checkout, a copy or
// `touch` changes them without changing what the step would produce, and an edit within the same second does not.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Directories never hashed: dependencies, build output, caches. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".next", "out", "dist", "generated", ".git", "coverage", "test-artifacts"]);

/**
 * The files under each path (a file, or a directory walked recursively without SKIPPED_DIRECTORIES and the files
 * `skip` rejects), as paths relative to `root`, sorted.
 */
export function listInputs(root, paths, skip = () => false) {
  const files = [];
  const walk = (absolute) => {
    if (!existsSync(absolute)) return;
    const rel = relative(root, absolute).split(sep).join("/");
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute)) if (!SKIPPED_DIRECTORIES.has(entry)) walk(join(absolute, entry));
    } else if (!skip(rel)) {
      files.push(rel);
    }
  };
  for (const path of paths) walk(join(root, path));
  return [...new Set(files)].sort();
}

/** A SHA-256 over each file's path and content, and over `extra` (settings that change the output, such as environment variables). */
export function hashInputs(root, files, extra = {}) {
  const hash = createHash("sha256");
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update("\0");
  }
  hash.update(JSON.stringify(Object.entries(extra).sort(([a], [b]) => a.localeCompare(b))));
  return hash.digest("hex");
}

/** Where a step's stamp is kept; under node_modules, so a fresh `npm ci` (new dependencies) rebuilds everything. */
export function stampPath(root, step) {
  return join(root, "node_modules", ".cache", "skein-build", `${step}.sha256`);
}

/** Whether the step's last successful run read exactly these inputs and its outputs all still exist. */
export function isFresh(root, step, hash, outputs) {
  const stamp = stampPath(root, step);
  if (!existsSync(stamp) || readFileSync(stamp, "utf8").trim() !== hash) return false;
  return outputs.every((output) => existsSync(join(root, output)));
}

/** Forgets the step's stamp (before it runs: a run that fails half-way must not look fresh). */
export function clearStamp(root, step) {
  rmSync(stampPath(root, step), { force: true });
}

/** Records that the step ran successfully on inputs with this hash. */
export function writeStamp(root, step, hash) {
  const stamp = stampPath(root, step);
  mkdirSync(join(stamp, ".."), { recursive: true });
  writeFileSync(stamp, `${hash}\n`);
}
