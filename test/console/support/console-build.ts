import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const CONSOLE_OUT = fileURLToPath(new URL("../../../apps/console/out/", import.meta.url));

/**
 * Builds the console's static export so the service has the current pages to serve.
 * SKEIN_CONSOLE_PREBUILT=1 skips it when `apps/console/out` is already fresh (for example in CI after `next build`).
 */
export function buildConsole(): void {
  if (process.env.SKEIN_CONSOLE_PREBUILT === "1" && existsSync(`${CONSOLE_OUT}index.html`)) return;
  const result = spawnSync("npm", ["run", "build", "-w", "@skein/console"], { cwd: REPO, encoding: "utf8", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`next build failed:\n${result.stdout}\n${result.stderr}`);
}
