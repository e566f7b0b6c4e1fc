/**
 * The workbooks the reader candidates are measured on (bench/readers.ts):
 * one of each kind a coordinator receives, written by the real tools as the
 * tests write them, the project's own export (3 rows and 100,000 rows), and
 * the hostile files. A kind whose tool is missing here is left out, and said.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type CellValue, type LogInput, prepareSubmission } from "../src/core";
import { buildSubmissionWorkbook } from "../src/workbook/submission";
import { writeEntityBomb, writeFarRow, writeZipBomb } from "../test/support/hostile-files";
import {
  GNUMERIC,
  LIBREOFFICE,
  OPENPYXL,
  PIL,
  type Tool,
  resaveWithGnumeric,
  resaveWithLibreOffice,
  writeOpenpyxl,
  writePrefixed,
  writeSheetJs,
} from "../test/workbook/tools";
import { generateLog } from "./data";

export type Cell = string | number | null;

export interface CorpusFile {
  readonly kind: string;
  readonly file: string;
  /** The log's rows as [date, quantity, notes], or "refuse" for a file that must be refused. */
  readonly expected: Cell[][] | "refuse" | { readonly rowCount: number };
}

const LOG: Cell[][] = [
  ["2024-03-05", 6, "first"],
  ["2024-03-06", 6, null],
  ["2024-03-07", 12, "late in the day"],
];
const PROFILE: CellValue[] = ["Bench Mentee", "bench@example.org", "", "", 0, "current"];

/** The project's export of a generated log of `rows` rows (seeded: the same every run). */
export async function exportedSubmission(rows: number, seed: number): Promise<Uint8Array> {
  const grid = generateLog(rows, seed);
  const log: LogInput = {
    rows: grid.slice(1).map((cells, index) => ({ row: index + 2, cells })),
    profileCells: PROFILE,
    dateSystem: "1900",
  };
  const prepared = await prepareSubmission(log, { asOf: "2024-12-31", exportedAt: "2025-01-02T10:00:00.000Z" });
  if (!prepared.ok) throw new Error(`the generated log of ${rows} rows has errors`);
  return buildSubmissionWorkbook(prepared.submission);
}

export async function buildCorpus(folder: string, root: string): Promise<{ files: CorpusFile[]; missing: string[] }> {
  mkdirSync(folder, { recursive: true });
  const files: CorpusFile[] = [];
  const missing: string[] = [];
  const have = (...tools: Tool[]): boolean => {
    const absent = tools.filter((tool) => !tool.available());
    for (const tool of absent) missing.push(`${tool.name} (Debian ${tool.debianPackage})`);
    return absent.length === 0;
  };
  const path = (name: string) => join(folder, name);

  const small: LogInput = {
    rows: LOG.map(([date, quantity, notes], index) => ({
      row: index + 2,
      cells: [
        { isoDate: date as string },
        ["treatment", "small-group", "one-on-one"][index] as string,
        ["In person", "Virtual", "Virtual"][index] as string,
        ["Jane Roe", "", "Mo Mentor"][index] as string,
        ["CST-T", "", "Mentor"][index] as string,
        quantity,
        notes,
      ],
    })),
    profileCells: PROFILE,
    dateSystem: "1900",
  };
  const prepared = await prepareSubmission(small, { asOf: "2024-12-31" });
  if (!prepared.ok) throw new Error("the small log has errors");
  writeFileSync(path("export.xlsx"), await buildSubmissionWorkbook(prepared.submission));
  files.push({ kind: "project export (exceljs)", file: path("export.xlsx"), expected: LOG });

  if (have(OPENPYXL)) {
    files.push({ kind: "openpyxl: chart, chart sheet, comment", file: writeOpenpyxl(path("openpyxl-rich.xlsx"), "rich"), expected: LOG });
    files.push({ kind: "openpyxl: 1904 date system", file: writeOpenpyxl(path("openpyxl-1904.xlsx"), "1904"), expected: LOG });
    if (have(PIL)) files.push({ kind: "openpyxl: image", file: writeOpenpyxl(path("openpyxl-image.xlsx"), "image"), expected: LOG });
    files.push({
      kind: "openpyxl: formula without result, error cell",
      file: writeOpenpyxl(path("openpyxl-formula.xlsx"), "formula"),
      expected: [LOG[0] as Cell[], ["2024-03-06", 6, "error #N/A"], ["2024-03-07", "formula 6*2", "late in the day"]],
    });
    files.push({ kind: "prefixed namespace (x:)", file: writePrefixed(path("openpyxl-rich.xlsx"), path("prefixed.xlsx")), expected: LOG });
    if (have(LIBREOFFICE)) {
      const [rich, mac] = resaveWithLibreOffice([path("openpyxl-rich.xlsx"), path("openpyxl-1904.xlsx")], path("lo"));
      files.push({ kind: "LibreOffice re-save", file: rich as string, expected: LOG });
      files.push({ kind: "LibreOffice re-save, 1904", file: mac as string, expected: LOG });
    }
    if (have(GNUMERIC)) {
      files.push({ kind: "gnumeric re-save", file: resaveWithGnumeric(path("openpyxl-rich.xlsx"), path("gnumeric.xlsx")), expected: LOG });
    }
  }
  files.push({ kind: 'SheetJS, cellDates (t="d")', file: writeSheetJs(path("sheetjs-dates.xlsx"), true, root), expected: LOG });
  files.push({ kind: "SheetJS, serial dates", file: writeSheetJs(path("sheetjs-serials.xlsx"), false, root), expected: LOG });
  writeFileSync(path("export-100000.xlsx"), await exportedSubmission(100_000, 9));
  files.push({ kind: "project export, 100,000 rows", file: path("export-100000.xlsx"), expected: { rowCount: 100_000 } });
  writeZipBomb(path("zip-bomb.xlsx"));
  files.push({ kind: "zip bomb (0.45 GB of XML)", file: path("zip-bomb.xlsx"), expected: "refuse" });
  writeEntityBomb(path("entity-bomb.xlsx"));
  files.push({ kind: "XML entity bomb", file: path("entity-bomb.xlsx"), expected: "refuse" });
  await writeFarRow(path("far-row.xlsx"));
  files.push({ kind: "row 2,000,000,000", file: path("far-row.xlsx"), expected: "refuse" });
  return { files, missing };
}
