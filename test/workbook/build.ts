/** Workbooks for the tests, built with plain exceljs calls (not with the project's writer). */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { UnreadableFileError } from "../../src/workbook/errors";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";

export const HEADERS = ["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"];

export interface WorkbookSpec {
  readonly date1904?: boolean;
  /** Profile rows as [label, value]; omitted: no Profile sheet. */
  readonly profile?: readonly (readonly [string, ExcelJS.CellValue])[];
  readonly rows: readonly ExcelJS.CellValue[][];
  /** Where the table goes; default sheet "Tracking Form" at A1. */
  readonly sheet?: string;
  readonly ref?: string;
  /** Put the rows on a plain sheet (headers in row 1) instead of a table. */
  readonly noTable?: boolean;
  readonly tableName?: string;
  readonly extraSheets?: readonly string[];
}

export function utcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export async function buildWorkbook(spec: WorkbookSpec): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.properties.date1904 = spec.date1904 === true;
  for (const name of spec.extraSheets ?? []) workbook.addWorksheet(name).getCell("A1").value = "unrelated";
  if (spec.profile !== undefined) {
    const profile = workbook.addWorksheet("Profile");
    spec.profile.forEach(([label, value], index) => {
      profile.getCell(index + 1, 1).value = label;
      profile.getCell(index + 1, 2).value = value;
    });
  }
  const sheet = workbook.addWorksheet(spec.sheet ?? "Tracking Form");
  if (spec.noTable) {
    HEADERS.forEach((header, index) => (sheet.getCell(1, index + 1).value = header));
    spec.rows.forEach((row, r) => row.forEach((value, c) => (sheet.getCell(r + 2, c + 1).value = value)));
  } else {
    sheet.addTable({
      name: spec.tableName ?? "MentorshipLog",
      ref: spec.ref ?? "A1",
      headerRow: true,
      columns: HEADERS.map((name) => ({ name, filterButton: true })),
      rows: spec.rows.length > 0 ? spec.rows.map((row) => HEADERS.map((_, index) => row[index] ?? null)) : [HEADERS.map(() => null)],
    });
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The same workbook with its worksheet relationships rewritten to absolute targets, as openpyxl writes them. */
export async function withAbsoluteTargets(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let rewritten = 0;
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/_rels\/.*\.rels$/.test(name)) continue;
    const xml = await zip.file(name)!.async("string");
    const absolute = xml.replace(/Target="\.\.\/([^"]+)"/g, (_match, target: string) => {
      rewritten++;
      return `Target="/xl/${target}"`;
    });
    zip.file(name, absolute);
  }
  if (rewritten === 0) throw new Error("the workbook has no worksheet relationship to rewrite");
  return zip.generateAsync({ type: "uint8array" });
}

/** Loads .xlsx bytes with plain exceljs (its types ask for a Buffer; any byte array works). */
export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** The message the workbook reader refuses these bytes with (the test fails if it reads them, or fails otherwise). */
export async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await readWorkbookLog(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(UnreadableFileError);
    return (error as Error).message;
  }
  throw new Error("expected the workbook to be refused");
}
