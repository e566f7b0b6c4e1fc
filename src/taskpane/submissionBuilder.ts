import type { SubmissionBuilder } from "./exportSubmission";

/** Loads the workbook writer (exceljs) only when an export is asked for: it stays out of the pane's first download. */
export async function loadSubmissionBuilder(): Promise<SubmissionBuilder> {
  const { buildSubmissionWorkbook } = await import(/* webpackChunkName: "submission-writer" */ "../workbook/submission");
  return (submission, translator) => buildSubmissionWorkbook(submission, { translator });
}
