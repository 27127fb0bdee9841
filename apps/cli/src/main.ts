import { runCli } from "./cli.js";

/** The `skein` executable: runs the command line, then exits once standard output has been written. */
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  // `skein ... | head` closes the pipe early: not an error of ours.
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env });
process.stdout.write("", () => process.exit(code));
