/**
 * The coordinator's checks, with the same core and the same readers as the
 * command line: the open workbook (recomputed from its rows, with the
 * CST Status column written beside the input), and submission files chosen
 * or dropped in the pane (read in the pane: nothing leaves the computer).
 * Each result can be recorded in the add-in's own `CST Verification` sheet,
 * one row per submission, never twice for one fingerprint.
 */
import {
  type Assessment,
  type IsoDate,
  type RecordRow,
  type VerifiedReport,
  type WorkbookContent,
  AwardLedger,
  RECORD_COLUMNS,
  canonicalRow,
  logRowDigests,
  newRecordRows,
  readSubmissionSheet,
  recordHeaderIsOld,
  recordRow,
  verifyLog,
  errorText,
} from "../core";
import { type TrackingWorkbook, WorkbookError } from "../excel/workbook";
import { type UnreadableWords, UnreadableFileError } from "../workbook/errors";
import { type ListedFinding, listFindings, rowMarks } from "./findings";

/** One verified source: the open workbook or a file. */
export type Verification =
  | {
      readonly ok: true;
      readonly name: string;
      readonly report: VerifiedReport;
      readonly assessment: Assessment;
      readonly findings: readonly ListedFinding[];
      /** The log rows' digests (a submission's; none for a plain log), for the record's ledger of awards. */
      readonly rowDigests: readonly { readonly row: number; readonly digest: string }[];
      /** The changed and added rows' cells as the fingerprint reads them (dates as YYYY-MM-DD), by row number: what the coordinator is shown of an edit. */
      readonly editedRows: ReadonlyMap<number, readonly string[]>;
    }
  | {
      readonly ok: false;
      readonly name: string;
      /** Why the file could not be verified, in English. */
      readonly error: string;
      /** The same in the catalogs' words, for a file that cannot be read (the pane shows it in its language); null for another failure. */
      readonly words: UnreadableWords | null;
    };

/** What the open workbook is called in results and in the record (the pane shows it in its language). */
export const OPEN_WORKBOOK = "This workbook";

/** The open workbook has no log to verify: the pane says so in its language. */
export class NoLogError extends WorkbookError {
  constructor() {
    super("This workbook has no MentorshipLog table: open a tracking form or a submission to verify.", "coordinator.noLog");
    this.name = "NoLogError";
  }
}

async function verified(name: string, content: WorkbookContent, asOf?: IsoDate, ledger?: AwardLedger): Promise<Verification> {
  const stored = content.submissionRows === null ? null : readSubmissionSheet(content.submissionRows);
  const { assessment, report } = await verifyLog(content.log, { asOf, submission: stored });
  const rowDigests = stored === null ? [] : await logRowDigests(content.log);
  const awardClash = ledger?.check(report, rowDigests) ?? null;
  // Only the edited rows are kept (a log may have a million rows); a removed row is not in the file, only its digest's row number.
  const edited = new Set((report.edits ?? []).flatMap((edit) => ("row" in edit && edit.change !== "removed" ? [edit.row] : [])));
  const editedRows = new Map<number, readonly string[]>();
  if (edited.size > 0) {
    for (const row of content.log.rows) if (edited.has(row.row)) editedRows.set(row.row, canonicalRow(row.cells, content.log.dateSystem));
  }
  return {
    ok: true,
    name,
    report: awardClash === null ? report : { ...report, awardClash },
    assessment,
    findings: listFindings(assessment),
    rowDigests,
    editedRows,
  };
}

/** The awards the workbook's CST Verification sheet records (docs/rules.md §4): what a verification here is checked against. */
export async function recordedAwards(workbook: TrackingWorkbook): Promise<AwardLedger> {
  const rows = await workbook.readVerification();
  return new AwardLedger(rows[0]?.[0] === RECORD_COLUMNS[0] ? rows.slice(1) : rows);
}

/** Verifies the open workbook and writes each row's status beside the input (never into it). */
export async function verifyOpenWorkbook(workbook: TrackingWorkbook, asOf?: IsoDate, ledger?: AwardLedger): Promise<Verification> {
  const content = await workbook.readForm();
  if (!content.hasLog) throw new NoLogError();
  const result = await verified(OPEN_WORKBOOK, content, asOf, ledger);
  if (result.ok) await workbook.markRows(rowMarks(result.assessment));
  return result;
}

/** A file's bytes, from a browser's File (FileReader where `arrayBuffer` is missing). */
export function fileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsArrayBuffer(file);
  });
}

/** Verifies a submission file (.xlsx or .csv) with the command line's readers; a file that cannot be read says why, in one line. */
export async function verifyFile(file: File, asOf?: IsoDate, ledger?: AwardLedger): Promise<Verification> {
  try {
    const { checkFileSize, readLogBytes } = await import(/* webpackChunkName: "workbook-reader" */ "../workbook/read-file");
    const head = await fileBytes(file.slice(0, 8));
    checkFileSize(file.name, file.size, head);
    return await verified(file.name, await readLogBytes(file.name, await fileBytes(file)), asOf, ledger);
  } catch (error) {
    return { ok: false, name: file.name, error: errorText(error), words: error instanceof UnreadableFileError ? error.words : null };
  }
}

/** A verified file's row of the record (docs/rules.md §4: with its log rows' digests, for the ledger of awards). */
export function recordRowOf(result: Extract<Verification, { ok: true }>, verifiedAt: string): RecordRow {
  return recordRow(
    result.name,
    result.report,
    verifiedAt,
    result.rowDigests.map(({ digest }) => digest),
  );
}

/**
 * Appends the verified results to the `CST Verification` sheet's record
 * (its header row written the first time); those whose fingerprint the
 * record holds are left out. Returns how many rows were added.
 */
export async function recordVerifications(
  workbook: TrackingWorkbook,
  results: readonly Verification[],
  now: () => Date = () => new Date(),
): Promise<{ added: number; skipped: number }> {
  const verifiedAt = now().toISOString();
  const rows: RecordRow[] = results.flatMap((result) => (result.ok ? [recordRowOf(result, verifiedAt)] : []));
  const existing = await workbook.readVerification();
  const hasHeader = existing[0]?.[0] === RECORD_COLUMNS[0];
  const present = hasHeader ? existing.slice(1) : existing;
  const added = newRecordRows(present, rows);
  if (hasHeader && recordHeaderIsOld(existing[0] ?? [])) {
    // A record begun before its last columns: written again under today's header, its rows' values kept.
    await workbook.writeVerification({ rows: [[...RECORD_COLUMNS], ...present, ...added], mode: "replace" });
    return { added: added.length, skipped: rows.length - added.length };
  }
  const write = hasHeader ? added : [[...RECORD_COLUMNS], ...added];
  if (write.length > 0 && (added.length > 0 || !hasHeader)) await workbook.writeVerification({ rows: write, mode: "append" });
  return { added: added.length, skipped: rows.length - added.length };
}
