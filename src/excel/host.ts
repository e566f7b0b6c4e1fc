/**
 * What the host offers, asked of Office.js (the only code that calls it is
 * under src/excel): whether the page runs in Excel, and opening bytes as a
 * new workbook there.
 */

/** Resolves true once Office.js is ready inside Excel, false outside it (no Office.js, or another host). */
export function whenInExcel(): Promise<boolean> {
  if (typeof Office === "undefined") return Promise.resolve(false);
  return Office.onReady().then((info) => info.host === Office.HostType.Excel);
}

/**
 * Office's display language, a BCP 47 tag ("de-DE"), once Office.js is ready: the pane speaks it
 * (https://learn.microsoft.com/javascript/api/office/office.context#office-office-context-displaylanguage-member).
 */
export function displayLanguage(): string | null {
  return typeof Office === "undefined" ? null : (Office.context?.displayLanguage ?? null);
}

/** Whether the host offers ExcelApi `version` (false outside Office). */
export function supportsExcelApi(version: string): boolean {
  return typeof Office !== "undefined" && Office.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

/** Whether Excel can open bytes as a new workbook (ExcelApi 1.8). */
export function canCreateWorkbook(): boolean {
  return typeof Excel !== "undefined" && supportsExcelApi("1.8");
}

/**
 * The largest base64 text `Excel.createWorkbook` is given: it travels as one
 * request, and Excel on the web refuses a request over 5 MB
 * (https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins).
 * Whether desktop Excel has the same limit for this call is open in the
 * docs; one limit everywhere keeps the outcome the same on every host. The
 * margin leaves room for the request's own wrapping.
 */
export const CREATE_WORKBOOK_BASE64_LIMIT = 4_500_000;

/** Whether bytes fit one `Excel.createWorkbook` request. */
export function fitsCreateWorkbook(bytes: Uint8Array): boolean {
  return Math.ceil(bytes.length / 3) * 4 <= CREATE_WORKBOOK_BASE64_LIMIT;
}

/** Opens .xlsx bytes as a new workbook in Excel. */
export async function createWorkbook(bytes: Uint8Array): Promise<void> {
  await Excel.createWorkbook(bytesToBase64(bytes));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Excel's decimal mark, by Office.js instance: a setting that rarely changes, so asked once. */
const decimalMarks = new WeakMap<object, string>();

/**
 * The decimal mark Excel reads typed numbers with (`Application.decimalSeparator`,
 * ExcelApi 1.11: "based on Excel's local settings"), which the pane's typed
 * numbers follow so they read as the grid reads them; it can differ from the
 * web view's language (English Office with German regional settings).
 * Null outside Excel, on hosts without ExcelApi 1.11, or when Excel does not
 * answer (then the pane falls back to its language, and asks again next time).
 * https://learn.microsoft.com/javascript/api/excel/excel.application#excel-excel-application-decimalseparator-member
 */
export async function excelDecimalMark(): Promise<string | null> {
  if (typeof Excel === "undefined" || !supportsExcelApi("1.11")) return null;
  const known = decimalMarks.get(Excel);
  if (known !== undefined) return known;
  try {
    const mark = await Excel.run({ delayForCellEdit: true }, async (context) => {
      const application = context.workbook.application.load("decimalSeparator");
      await context.sync();
      return application.decimalSeparator;
    });
    decimalMarks.set(Excel, mark);
    return mark;
  } catch {
    return null;
  }
}
