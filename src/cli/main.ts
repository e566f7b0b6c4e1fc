/**
 * Entry point of the `cst-mentorship` command (bundled to lib/cli.cjs by
 * scripts/build-cli.mjs). Everything it writes goes through `terminalSafe`.
 */
import { errorText } from "../core";
import { type Translator, ENGLISH_TRANSLATOR } from "../i18n";
import { runCli } from "./commands";
import { argumentsTranslator } from "./language";
import { terminalSafe } from "./terminal";

const argv = process.argv.slice(2);
/** The language of the last words below: English until the arguments' language is loaded. */
let said: Translator = ENGLISH_TRANSLATOR;
argumentsTranslator(argv).then(
  (tr) => (said = tr),
  () => undefined,
);

// A reader that stops early (`| head`) closes the pipe: that is not a failure worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write(`cst-mentorship: ${terminalSafe(said.t("cli.cannotWrite", { detail: error.message }))}\n`);
  process.exit(2);
});

/** Pieces are gathered up to this many characters before a write: fewer, larger writes. */
const WRITE_SIZE = 1 << 16;

/**
 * Writes to stdout and, when the stream holds more than it can pass on (a pipe to a reader slower than the
 * report, such as `| jq`), settles only once it has drained: the report then waits for its reader instead
 * of piling up in memory. Writes to a file are synchronous and settle at once.
 */
function writeOut(text: string): Promise<void> | undefined {
  if (process.stdout.write(text)) return undefined;
  return new Promise((resolve) => process.stdout.once("drain", resolve));
}

const io = {
  out: (text: string) => process.stdout.write(`${terminalSafe(text)}\n`),
  err: (text: string) => process.stderr.write(`${terminalSafe(text)}\n`),
  // terminalSafe escapes character by character: the pieces made safe one by one are the whole made safe.
  outPieces: async (pieces: Iterable<string>) => {
    let gathered = "";
    for (const piece of pieces) {
      gathered += piece;
      if (gathered.length >= WRITE_SIZE) {
        await writeOut(terminalSafe(gathered));
        gathered = "";
      }
    }
    await writeOut(`${terminalSafe(gathered)}\n`);
  },
};

runCli(argv, io).then(
  (status) => {
    // Setting the status instead of exiting lets a large report finish reaching a pipe.
    process.exitCode = status;
  },
  (error: unknown) => {
    const detail = errorText(error);
    process.stderr.write(`cst-mentorship: ${terminalSafe(said.t("cli.unexpectedFailure", { detail: detail.split("\n")[0] ?? "" }))}\n`);
    process.exitCode = 2;
  },
);
