/**
 * The command line's commands (SPEC 7). Each writes through `Io` and returns
 * its exit status: 0 no errors, 1 some row or profile error, 2 a file cannot
 * be read or the arguments are wrong.
 */
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve, basename } from "node:path";
import type { Report } from "../core";
import { prepareSubmission, readSubmissionSheet, verifyLog, type VerifiedReport } from "../core/submission";
import { UnreadableFileError } from "../workbook/errors";
import { type Command, type Flags, PROGRAM, USAGE, UsageError, parseArguments, profileOverrides } from "./args";
import { expandFileArguments, readLogFile } from "./read-log";
import { batchLine, findingLines, findingsSummary, reportText } from "./text";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

/** The one line a person sees for a problem that stops a command. */
export function problemLine(message: string): string {
  return `${PROGRAM}: ${message}`;
}

const exitStatusOf = (report: Report): number => (report.valid ? EXIT_OK : EXIT_FINDINGS);

/** Verifies one file: its report, with the submission check when it is an exported submission. */
export async function verifyFile(path: string, flags: Flags): Promise<VerifiedReport> {
  const { log, submissionRows } = await readLogFile(path);
  const submission = submissionRows === null ? null : readSubmissionSheet(submissionRows);
  const { report } = await verifyLog(log, { asOf: flags.asOf, overrides: profileOverrides(flags), submission });
  return report;
}

function unreadableMessage(path: string, error: unknown): string {
  if (error instanceof UnreadableFileError) return `${path}: ${error.message}`;
  throw error;
}

export async function runVerify(paths: readonly string[], flags: Flags, io: Io): Promise<number> {
  const { files, batch } = await expandFileArguments(paths);
  if (!batch) {
    const file = files[0] as string;
    let report: VerifiedReport;
    try {
      report = await verifyFile(file, flags);
    } catch (error) {
      io.err(problemLine(unreadableMessage(file, error)));
      return EXIT_UNREADABLE;
    }
    io.out(flags.json ? JSON.stringify(report) : reportText(file, report));
    return exitStatusOf(report);
  }

  let worst = EXIT_OK;
  const results: object[] = [];
  const tally = { valid: 0, invalid: 0, unreadable: 0, credits: 0, unchanged: 0, edited: 0 };
  for (const file of files) {
    try {
      const report = await verifyFile(file, flags);
      worst = Math.max(worst, exitStatusOf(report));
      if (report.valid) tally.valid++;
      else tally.invalid++;
      tally.credits += report.credits;
      if (report.submission !== null) tally[report.submission]++;
      if (flags.json) results.push({ file, ...report });
      else io.out(batchLine(file, report));
    } catch (error) {
      // One file that cannot be checked must not stop a coordinator's batch: it is reported and the rest go on.
      const message =
        error instanceof UnreadableFileError
          ? unreadableMessage(file, error)
          : `${file}: could not be checked (${error instanceof Error ? error.message : String(error)})`;
      worst = EXIT_UNREADABLE;
      tally.unreadable++;
      io.err(problemLine(message));
      if (flags.json) results.push({ file, error: message });
      else io.out(`${file}: unreadable`);
    }
  }
  if (flags.json) io.out(JSON.stringify(results));
  else {
    const submissions = tally.unchanged + tally.edited > 0 ? `; submissions: ${tally.unchanged} unchanged, ${tally.edited} edited` : "";
    io.out(
      `Total: ${files.length} files: ${tally.valid} without errors, ${tally.invalid} with errors, ${tally.unreadable} unreadable; ${tally.credits} ${tally.credits === 1 ? "credit" : "credits"} earned${submissions}`,
    );
  }
  return worst;
}

/** Writes the bytes to a temporary file beside the target, then renames it: a failed export leaves no partial file. */
async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as { code?: unknown } | null)?.code;
    const reason = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : null;
    if (reason === null) throw error;
    throw new UnreadableFileError(`${path} cannot be written: ${reason}`);
  }
}

export async function runExport(file: string, output: string, flags: Flags, io: Io): Promise<number> {
  if (resolve(file) === resolve(output)) throw new UsageError("the export's output is its input file: choose another OUT.xlsx");
  let source;
  try {
    source = await readLogFile(file);
  } catch (error) {
    io.err(problemLine(unreadableMessage(file, error)));
    return EXIT_UNREADABLE;
  }
  const prepared = await prepareSubmission(source.log, { asOf: flags.asOf, overrides: profileOverrides(flags) });
  if (!prepared.ok) {
    if (flags.json) io.out(JSON.stringify(prepared.report));
    else {
      io.out(
        [
          `${file}: ${findingsSummary(prepared.report)}: not exported; fix these errors and export again (nothing was written)`,
          ...findingLines(prepared.report),
          ...(prepared.report.profile.errors.some((error) => error.code === "missing-name") && /\.csv$/i.test(file)
            ? ['  A CSV log has no Profile sheet: give the mentee\'s name with --name "NAME" (and --email, certification dates as needed).']
            : []),
        ].join("\n"),
      );
    }
    return EXIT_FINDINGS;
  }
  const { buildSubmissionWorkbook } = await import("../workbook/submission");
  const bytes = await buildSubmissionWorkbook(prepared.submission);
  try {
    await writeWhole(output, bytes);
  } catch (error) {
    io.err(problemLine(unreadableMessage(output, error)));
    return EXIT_UNREADABLE;
  }
  const { report, submission } = prepared;
  if (flags.json) io.out(JSON.stringify(report));
  else {
    io.out(
      [
        `${file}: exported to ${output} (${findingsSummary(report)})`,
        ...findingLines(report),
        `Credits earned: ${report.credits} (rule set ${report.ruleSet}), as of ${submission.summary.asOf}`,
        `Fingerprint: ${report.fingerprint}`,
      ].join("\n"),
    );
  }
  return EXIT_OK;
}

export async function runTemplate(output: string, io: Io): Promise<number> {
  const { buildTemplateWorkbook } = await import("../workbook/template");
  try {
    await writeWhole(output, await buildTemplateWorkbook());
  } catch (error) {
    io.err(problemLine(unreadableMessage(output, error)));
    return EXIT_UNREADABLE;
  }
  io.out(`Wrote the blank tracking form to ${output}`);
  return EXIT_OK;
}

export async function runCommand(command: Command, io: Io): Promise<number> {
  switch (command.command) {
    case "help":
      io.out(USAGE);
      return EXIT_OK;
    case "verify":
      return runVerify(command.files, command.flags, io);
    case "export":
      return runExport(command.file, command.output, command.flags, io);
    case "template":
      return runTemplate(command.output, io);
  }
}

/**
 * The whole program: arguments in, exit status out. Nothing escapes as a
 * stack trace: usage mistakes and unreadable files are one line on stderr
 * with status 2, and an unexpected failure is one line too.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await runCommand(parseArguments(argv), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(problemLine(`${error.message} (see ${PROGRAM} --help)`));
      return EXIT_UNREADABLE;
    }
    if (error instanceof UnreadableFileError) {
      io.err(problemLine(error.message));
      return EXIT_UNREADABLE;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.err(problemLine(`unexpected failure: ${detail.split("\n")[0] ?? ""}`));
    return EXIT_UNREADABLE;
  }
}
