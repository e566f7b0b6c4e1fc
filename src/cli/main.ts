/**
 * Entry point of the `cst-mentorship` command (bundled to lib/cli.cjs by
 * scripts/build-cli.mjs). Everything it writes goes through `terminalSafe`.
 */
import { runCli } from "./commands";
import { terminalSafe } from "./terminal";

// A reader that stops early (`| head`) closes the pipe: that is not a failure worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write(`cst-mentorship: cannot write the output: ${terminalSafe(error.message)}\n`);
  process.exit(2);
});

const io = {
  out: (text: string) => process.stdout.write(`${terminalSafe(text)}\n`),
  err: (text: string) => process.stderr.write(`${terminalSafe(text)}\n`),
};

runCli(process.argv.slice(2), io).then(
  (status) => {
    // Setting the status instead of exiting lets a large report finish reaching a pipe.
    process.exitCode = status;
  },
  (error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cst-mentorship: unexpected failure: ${terminalSafe(detail.split("\n")[0] ?? "")}\n`);
    process.exitCode = 2;
  },
);
