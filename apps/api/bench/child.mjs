// Runs a benchmark's server (the service, the HTTP ceiling) in a child process that prints one JSON line when it
// listens; the load generator then has the parent's event loop to itself.
import { spawn } from "node:child_process";

/**
 * Starts `node script` (with `--cpu-prof` into BENCH_SERVICE_PROF when set) and resolves with the JSON object of its
 * first output line, `baseUrl` and `stop()`.
 */
export async function spawnChild(script, env = {}) {
  const profile = process.env.BENCH_SERVICE_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_SERVICE_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, script], { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, ...env } });
  const line = await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.on("data", (chunk) => {
      text += chunk;
      const end = text.indexOf("\n");
      if (end !== -1) resolve(text.slice(0, end));
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
  const info = JSON.parse(line);
  return {
    ...info,
    baseUrl: `http://127.0.0.1:${info.port}`,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        child.once("exit", resolve);
        child.kill("SIGTERM");
      }),
  };
}
