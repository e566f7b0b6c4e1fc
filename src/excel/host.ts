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

/** Whether Excel can open bytes as a new workbook (ExcelApi 1.8). */
export function canCreateWorkbook(): boolean {
  return (
    typeof Office !== "undefined" &&
    typeof Excel !== "undefined" &&
    Office.context?.requirements?.isSetSupported("ExcelApi", "1.8") === true
  );
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
