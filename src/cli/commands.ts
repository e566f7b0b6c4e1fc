/**
 * The command line's commands (docs/rules.md §7). Each writes through `Io` and returns
 * its exit status: 0 no errors, 1 some row or profile error, 2 a file cannot
 * be read or the arguments are wrong.
 */
import { createHash } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  type Assessment,
  type LogInput,
  type ProfileOverrides,
  type RecordRow,
  type Sha256Stream,
  type VerificationState,
  type VerifiedReport,
  AwardLedger,
  FORM,
  byState,
  isStreamed,
  logRowDigests,
  needsAttention,
  prepareSubmission,
  readSubmissionSheet,
  recordRow,
  reportLog,
  reportRowsOf,
  utcTimeText,
  verificationState,
  verifyLog,
  errorText,
} from "../core";
import { UnreadableFileError } from "../workbook/errors";
import { type Command, type Flags, PROGRAM, UsageError, parseArguments, usage, usageError } from "./args";
import { jsonPieces, reportPieces } from "./json";
import { expandFileArguments, readLogFile, readLogFileToVerify } from "./read-log";
import { appendRecord, readRecordRows } from "./record";
import { type Translator, ENGLISH_TRANSLATOR, findingText } from "../i18n";
import { argumentsTranslator, cliTranslator } from "./language";
import { batchLine, batchTotals, breakdownLines, findingLines, findingsSummary, reportTextLines, stateText } from "./text";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /**
   * Writes one line made of pieces, as `out` writes their join (a long report, without making it one
   * string), and settles once the output has taken them: a slow reader holds the report back.
   */
  outPieces?(pieces: Iterable<string>): Promise<void>;
}

/** A value's JSON as one line of output: in pieces where the output takes them. */
async function outJson(io: Io, value: unknown): Promise<void> {
  if (io.outPieces === undefined) io.out(JSON.stringify(value));
  else await io.outPieces(jsonPieces(value));
}

/** A report's JSON as one line of output, its rows made from the assessment a few hundred at a time where the output takes pieces. */
async function outReport(io: Io, report: VerifiedReport, assessment: Assessment): Promise<void> {
  if (io.outPieces === undefined) io.out(JSON.stringify(report));
  else await io.outPieces(reportPieces(report, (start, end) => reportRowsOf(assessment.rows, start, end), assessment.rows.length));
}

/** Each line after the first, after its line break. */
function* joinedLines(lines: Iterable<string>): Generator<string> {
  let first = true;
  for (const line of lines) {
    yield first ? line : `\n${line}`;
    first = false;
  }
}

/** Lines as one output: in pieces where the output takes them (a report of a log with many findings is long). */
async function outLines(io: Io, lines: Iterable<string>): Promise<void> {
  if (io.outPieces === undefined) io.out([...lines].join("\n"));
  else await io.outPieces(joinedLines(lines));
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

/** The one line a person sees for a problem that stops a command. */
export function problemLine(message: string): string {
  return `${PROGRAM}: ${message}`;
}

/** 1 when the coordinator must look: row or profile errors, or a submission edited after export or whose summary differs. */
const exitStatusOf = (report: VerifiedReport): number => (report.valid && !needsAttention(report) ? EXIT_OK : EXIT_FINDINGS);

/** A verified file: its report, its assessment, and its log rows' digests (a submission's; none for a plain log). */
export interface VerifiedFile {
  readonly report: VerifiedReport;
  readonly assessment: Assessment;
  readonly rowDigests: readonly { readonly row: number; readonly digest: string }[];
}

/**
 * Verifies one file: its report, with the submission check when it is an exported submission, and
 * with the ledger's check of its claim (docs/rules.md §4) when a ledger is given.
 */
export async function verifyFile(
  path: string,
  flags: Flags,
  overrides: ProfileOverrides = {},
  ledger?: AwardLedger,
): Promise<VerifiedFile> {
  const { log, submissionRows } = await readLogFileToVerify(path);
  // A CSV log, or a workbook without a Submission sheet, is checked as it is read: it is no submission.
  if (isStreamed(log)) return { ...(await reportLog(log, { asOf: flags.asOf, overrides, sha256: nodeSha256 })), rowDigests: [] };
  const submission = submissionRows === null ? null : readSubmissionSheet(submissionRows);
  const verified = await verifyLog(log, { asOf: flags.asOf, overrides, submission, sha256: nodeSha256 });
  if (submission === null) return { ...verified, rowDigests: [] };
  const rowDigests = await logRowDigests(log as LogInput, nodeSha256Hex);
  const awardClash = ledger?.check(verified.report, rowDigests) ?? null;
  return {
    assessment: verified.assessment,
    report: awardClash === null ? verified.report : { ...verified.report, awardClash },
    rowDigests,
  };
}

/** SHA-256 of a text's UTF-8 bytes in hex, at once. */
const nodeSha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** A report as `--json` prints it: with its state (docs/rules.md §4) first. */
const withState = (report: VerifiedReport): VerifiedReport & { state: VerificationState } =>
  Object.defineProperties({ state: verificationState(report) }, Object.getOwnPropertyDescriptors(report)) as VerifiedReport & {
    state: VerificationState;
  };

/** Node's SHA-256, piece by piece: a long log's canonical form is hashed as it is made, never held whole as bytes. */
export function nodeSha256(): Sha256Stream {
  const hash = createHash("sha256");
  return { update: (text) => hash.update(text, "utf8"), hex: () => hash.digest("hex") };
}

/** Why a file cannot be read, in the language of the human output (English: the message as it is, which `--json` keeps too). */
function unreadableText(error: UnreadableFileError, tr: Translator): string {
  return findingText(tr, error);
}

function unreadableMessage(path: string, error: unknown, tr: Translator = ENGLISH_TRANSLATOR): string {
  if (error instanceof UnreadableFileError) return `${path}: ${unreadableText(error, tr)}`;
  throw error;
}

async function record(flags: Flags, rows: readonly RecordRow[], io: Io, tr: Translator): Promise<boolean> {
  if (flags.record === undefined) return true;
  try {
    const added = await appendRecord(flags.record, rows);
    const skipped = rows.length - added;
    io.err(`${PROGRAM}: ${tr.t("cli.recorded", { added, file: flags.record, skipped })}`);
    return true;
  } catch (error) {
    io.err(
      problemLine(
        error instanceof UnreadableFileError
          ? unreadableText(error, tr)
          : tr.t("cli.recordNotWritten", { file: flags.record, detail: (error as Error).message }),
      ),
    );
    return false;
  }
}

export async function runVerify(
  paths: readonly string[],
  flags: Flags,
  overrides: ProfileOverrides,
  io: Io,
  now: () => Date = () => new Date(),
): Promise<number> {
  // Beside `--json`, stderr stays English whatever the locale says.
  const tr = flags.json ? ENGLISH_TRANSLATOR : await cliTranslator(flags.lang);
  let expanded: { files: string[]; batch: boolean };
  try {
    expanded = await expandFileArguments(paths);
  } catch (error) {
    if (!(error instanceof UnreadableFileError)) throw error;
    io.err(problemLine(unreadableText(error, tr)));
    return EXIT_UNREADABLE;
  }
  const { files, batch } = expanded;
  const verifiedAt = now().toISOString();
  // The record is the ledger of awards (docs/rules.md §4); the files of a batch join it as they are verified.
  let ledger: AwardLedger;
  try {
    ledger = new AwardLedger(flags.record === undefined ? [] : await readRecordRows(flags.record));
  } catch (error) {
    io.err(problemLine(unreadableMessage(flags.record ?? "", error, tr)));
    return EXIT_UNREADABLE;
  }
  if (!batch) {
    const file = files[0] as string;
    let result: VerifiedFile;
    try {
      result = await verifyFile(file, flags, overrides, ledger);
    } catch (error) {
      io.err(problemLine(unreadableMessage(file, error, tr)));
      return EXIT_UNREADABLE;
    }
    if (flags.json) await outReport(io, withState(result.report), result.assessment);
    else await outLines(io, reportTextLines(file, result.report, result.assessment, tr));
    const recorded = await record(
      flags,
      [
        recordRow(
          file,
          result.report,
          verifiedAt,
          result.rowDigests.map(({ digest }) => digest),
        ),
      ],
      io,
      tr,
    );
    return recorded ? exitStatusOf(result.report) : EXIT_UNREADABLE;
  }

  let worst = EXIT_OK;
  const results: { file: string; state: VerificationState; credits: number; json: object; line: string }[] = [];
  const rows: RecordRow[] = [];
  for (const file of files) {
    try {
      const { report, assessment, rowDigests } = await verifyFile(file, flags, overrides, ledger);
      worst = Math.max(worst, exitStatusOf(report));
      const row = recordRow(
        file,
        report,
        verifiedAt,
        rowDigests.map(({ digest }) => digest),
      );
      ledger.add(row);
      rows.push(row);
      const state = verificationState(report);
      results.push({
        file,
        state,
        credits: report.credits,
        json: { file, ...withState(report) },
        line: batchLine(file, report, assessment, tr),
      });
    } catch (error) {
      // One file that cannot be checked must not stop a coordinator's batch: it is reported and the rest go on.
      const failed = (said: Translator) =>
        error instanceof UnreadableFileError
          ? unreadableMessage(file, error, said)
          : said.t("cli.notChecked", { file, detail: errorText(error) });
      worst = EXIT_UNREADABLE;
      // The JSON keeps the message in English; the line on stderr is in the output's language.
      const message = failed(ENGLISH_TRANSLATOR);
      io.err(problemLine(failed(tr)));
      results.push({
        file,
        state: "unreadable",
        credits: 0,
        json: { file, state: "unreadable", error: message },
        line: `${file}: ${stateText("unreadable", tr)}`,
      });
    }
  }
  // Attention first (docs/rules.md §4): a batch lists its results in the order of the states.
  const ordered = byState(results, (result) => result.state);
  if (flags.json)
    await outJson(
      io,
      ordered.map((result) => result.json),
    );
  else await outLines(io, [...ordered.map((result) => result.line), ...batchTotals(ordered, tr)]);
  const recorded = await record(flags, rows, io, tr);
  return recorded ? worst : EXIT_UNREADABLE;
}

/** Writes the bytes to a temporary file beside the target, then renames it: a failed export leaves no partial file. */
export async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const code = (error as { code?: unknown } | null)?.code;
    const reason = code === "ENOENT" ? "its folder does not exist" : code === "EACCES" || code === "EPERM" ? "permission denied" : null;
    if (reason === null) throw error;
    throw new UnreadableFileError(`${path} cannot be written: ${reason}`, "unreadable.cannotWrite", {
      path,
      reason: code === "ENOENT" ? "folder" : "denied",
    });
  }
}

export async function runExport(command: Extract<Command, { command: "export" }>, io: Io): Promise<number> {
  const { file, output, flags, overrides } = command;
  for (const target of [output, flags.pdf]) {
    if (target !== null && target !== undefined && resolve(file) === resolve(target)) {
      throw usageError("cli.error.exportOverwritesInput");
    }
  }
  const tr = await cliTranslator(flags.lang);
  // What goes to stderr: `--json` is never translated, nor what it says beside the JSON.
  const said = flags.json ? ENGLISH_TRANSLATOR : tr;
  let source;
  try {
    source = await readLogFile(file);
  } catch (error) {
    io.err(problemLine(unreadableMessage(file, error, said)));
    return EXIT_UNREADABLE;
  }
  const prepared = await prepareSubmission(source.log, { asOf: flags.asOf, overrides });
  if (!prepared.ok) {
    if (flags.json) await outJson(io, prepared.report);
    else {
      const { report, assessment } = prepared;
      await outLines(io, [
        tr.t("cli.notExported", { file, findings: findingsSummary(report, assessment, tr) }),
        ...findingLines(report, assessment, tr),
        ...(report.profile.errors.some((error) => error.code === "missing-name") && /\.csv$/i.test(file) ? [tr.t("cli.csvNeedsName")] : []),
      ]);
    }
    return EXIT_FINDINGS;
  }
  const { buildSubmissionWorkbook } = await import("../workbook/submission");
  const bytes = await buildSubmissionWorkbook(prepared.submission, { translator: tr });
  const written: string[] = [];
  try {
    if (flags.pdf !== undefined) {
      const { workbookToPdf } = await import("./pdf");
      await writeWhole(flags.pdf, await workbookToPdf(bytes));
      written.push(flags.pdf);
    }
    if (output !== null) {
      await writeWhole(output, bytes);
      written.push(output);
    }
  } catch (error) {
    io.err(
      problemLine(
        error instanceof UnreadableFileError ? unreadableText(error, said) : unreadableMessage(output ?? flags.pdf ?? file, error),
      ),
    );
    return EXIT_UNREADABLE;
  }
  const { report, submission, assessment } = prepared;
  if (flags.json) await outJson(io, report);
  else {
    await outLines(io, [
      tr.t("cli.exported", { file, files: tr.list(written), findings: findingsSummary(report, assessment, tr) }),
      ...findingLines(report, assessment, tr),
      tr.t("cli.exportCredits", { count: report.credits, asOf: submission.summary.asOf, credit: report.next.credit }),
      ...breakdownLines(assessment, tr),
      tr.t("cli.exportedAt", { time: utcTimeText(submission.summary.exportedAt) }),
      tr.t("cli.fingerprint", { fingerprint: report.fingerprint }),
    ]);
  }
  return EXIT_OK;
}

export async function runTemplate(output: string, io: Io): Promise<number> {
  const { buildTemplateWorkbook } = await import("../workbook/template");
  const tr = await cliTranslator(undefined);
  try {
    await writeWhole(output, await buildTemplateWorkbook());
  } catch (error) {
    io.err(problemLine(unreadableMessage(output, error, tr)));
    return EXIT_UNREADABLE;
  }
  io.out(tr.t("cli.wroteTemplate", { file: output }));
  return EXIT_OK;
}

export async function runCommand(command: Command, io: Io, tr: Translator = ENGLISH_TRANSLATOR): Promise<number> {
  switch (command.command) {
    case "help":
      io.out(usage(FORM, tr));
      return EXIT_OK;
    case "verify":
      return runVerify(command.files, command.flags, command.overrides, io);
    case "export":
      return runExport(command, io);
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
  let tr = ENGLISH_TRANSLATOR;
  try {
    tr = await argumentsTranslator(argv);
    return await runCommand(parseArguments(argv), io, tr);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(problemLine(tr.t("cli.seeHelp", { message: error.say(tr), program: PROGRAM })));
      return EXIT_UNREADABLE;
    }
    if (error instanceof UnreadableFileError) {
      io.err(problemLine(error.message));
      return EXIT_UNREADABLE;
    }
    const detail = errorText(error);
    io.err(problemLine(tr.t("cli.unexpectedFailure", { detail: detail.split("\n")[0] ?? "" })));
    return EXIT_UNREADABLE;
  }
}
