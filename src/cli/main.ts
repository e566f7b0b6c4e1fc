/**
 * Entry point of the `cst-mentorship` command (bundled to lib/cli.cjs by
 * scripts/build-cli.mjs).
 */
import { runCli } from "./commands";

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
