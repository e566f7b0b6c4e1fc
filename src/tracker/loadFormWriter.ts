import type { FormWriter } from "./formWriter";

/** Loads the form writer (exceljs) only when a form is saved. */
export async function loadFormWriter(): Promise<FormWriter> {
  const { buildFormWorkbook } = await import(/* webpackChunkName: "form-writer" */ "./formWriter");
  return buildFormWorkbook;
}
