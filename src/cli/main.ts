/**
 * Entry point of the `cst-mentorship` command (bundled to lib/cli.cjs by
 * scripts/build-cli.mjs).
 */
import { runCli } from "./commands";

// A reader that stops early (`| head`) closes the pipe: that is not a failure worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write(`cst-mentorship: cannot write the output: ${error.message}\n`);
  process.exit(2);
});

const io = {
  out: (text: string) => process.stdout.write(`${text}\n`),
  err: (text: string) => process.stderr.write(`${text}\n`),
};

runCli(process.argv.slice(2), io).then(
  (status) => {
    // Setting the status instead of exiting lets a large report finish reaching a pipe.
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`cst-mentorship: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
