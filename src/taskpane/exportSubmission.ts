/**
 * Export (docs/rules.md §6): refuse while the log or the profile has an error and list
 * the findings; otherwise build the submission workbook and open it as a new
 * workbook (or offer it as a download). The user's workbook is only read.
 */
import type { IsoDate } from "../core";
import type { Translator } from "../i18n";
import { type PreparedSubmission, type Submission, errorText, prepareSubmission } from "../core";
import type { TrackingWorkbook } from "../excel/workbook";
import { type ListedFinding, listFindings } from "./findings";
import type { SubmissionOpener } from "./openSubmission";

/** Builds the submission workbook's .xlsx bytes. */
export type SubmissionBuilder = (submission: Submission, tr?: Translator) => Promise<Uint8Array>;

export type ExportOutcome =
  | { readonly kind: "refused"; readonly findings: readonly ListedFinding[] }
  | {
      readonly kind: "opened" | "downloaded";
      readonly fileName: string;
      readonly credits: number;
      /** Downloaded because Excel cannot open a workbook this large from an add-in: its size in bytes. */
      readonly tooLarge?: number;
    }
  | { readonly kind: "failed"; readonly message: string };

export interface ExportDependencies {
  readonly loadBuilder: () => Promise<SubmissionBuilder>;
  readonly open: SubmissionOpener;
  readonly asOf?: IsoDate;
  /** The language the printed submission speaks (the pane's). */
  readonly translator?: Translator;
}

export function submissionFileName(mentee: string, asOf: IsoDate): string {
  const name = mentee
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-");
  return `CST-submission-${name === "" ? "mentee" : name}-${asOf}.xlsx`;
}

export async function exportSubmission(workbook: TrackingWorkbook, dependencies: ExportDependencies): Promise<ExportOutcome> {
  let prepared: PreparedSubmission;
  try {
    const content = await workbook.readForm();
    if (!content.hasLog)
      return { kind: "failed", message: "There is no tracking form to export: insert it and log your activities first." };
    prepared = await prepareSubmission(content.log, { asOf: dependencies.asOf });
  } catch (error) {
    return { kind: "failed", message: errorText(error) };
  }
  if (!prepared.ok) return { kind: "refused", findings: listFindings(prepared.assessment).filter((finding) => finding.level === "error") };
  try {
    const build = await dependencies.loadBuilder();
    const bytes = await build(prepared.submission, dependencies.translator);
    const fileName = submissionFileName(prepared.submission.summary.mentee, prepared.assessment.asOf);
    const kind = await dependencies.open(bytes, fileName);
    if (kind === "downloadedTooLarge") return { kind: "downloaded", fileName, credits: prepared.report.credits, tooLarge: bytes.length };
    return { kind, fileName, credits: prepared.report.credits };
  } catch (error) {
    const detail = errorText(error);
    return { kind: "failed", message: `The submission could not be built (${detail}): your workbook is unchanged; try again.` };
  }
}
