/**
 * One candidate reader on one workbook, in its own process (bench/readers.ts
 * runs it): prints what it read of the log (dates, quantities, notes) or
 * the refusal, its time and its peak resident memory (VmHWM).
 *
 *   node lib/bench-reader.cjs strict|exceljs|exceljs-guarded|sheetjs FILE
 */
import { readFileSync } from "node:fs";
import type * as SheetJs from "xlsx";
import { type CellValue, LOG_COLUMNS } from "../src/core";

// Each candidate's library is loaded only when it runs, so a process's memory is its own.

export type Cell = string | number | null;

/** A cell as the comparison sees it: dates as ISO text, a formula without a result and an error by their kind. */
function shown(value: CellValue): Cell {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "object") {
    if ("isoDate" in value) return value.isoDate;
    if ("excelError" in value) return `error ${value.excelError}`;
    return `formula ${value.formula}`;
  }
  return typeof value === "boolean" ? String(value) : value;
}

const pick = (cells: readonly CellValue[]): Cell[] => [shown(cells[0]), shown(cells[5]), shown(cells[6])];

/** SheetJS (npm xlsx 0.18.5, the last release on npm): the sheet whose first row has the headers. */
async function readWithSheetJs(bytes: Uint8Array): Promise<Cell[][]> {
  const XLSX: typeof SheetJs = await import("xlsx");
  const workbook = XLSX.read(bytes, { type: "array", cellDates: true, cellFormula: true });
  const names = [...workbook.SheetNames].sort((a, b) => Number(b === "Tracking Form") - Number(a === "Tracking Form"));
  for (const name of names) {
    const sheet = workbook.Sheets[name];
    if (sheet === undefined || sheet["!ref"] === undefined) continue;
    const range = XLSX.utils.decode_range(sheet["!ref"]);
    const cell = (row: number, column: number): SheetJs.CellObject | undefined => sheet[XLSX.utils.encode_cell({ r: row, c: column })];
    const headers = LOG_COLUMNS.map((_, column) =>
      String(cell(0, column)?.v ?? "")
        .trim()
        .toLowerCase(),
    );
    if (headers.join() !== LOG_COLUMNS.map((header) => header.toLowerCase()).join()) continue;
    const rows: Cell[][] = [];
    for (let row = 1; row <= range.e.r; row++) {
      const value = (column: number): Cell => {
        const found = cell(row, column);
        if (found === undefined) return null;
        if (found.t === "e") return `error ${found.w ?? ""}`;
        if (found.f !== undefined && (found.v === undefined || found.v === "")) return `formula ${found.f}`;
        if (found.v instanceof Date) return found.v.toISOString().slice(0, 10);
        return found.v === "" || found.v === undefined ? null : (found.v as string | number);
      };
      const cells = [value(0), value(5), value(6)];
      if (cells.some((part) => part !== null)) rows.push(cells);
    }
    return rows;
  }
  throw new Error("no sheet with the headers");
}

async function read(candidate: string, bytes: Uint8Array): Promise<Cell[][]> {
  switch (candidate) {
    case "strict": {
      const { readWorkbookLog } = await import("../src/workbook/read-xlsx");
      return (await readWorkbookLog(bytes)).log.rows.map((row) => pick(row.cells));
    }
    case "exceljs-guarded":
    case "exceljs": {
      const { readWorkbookLog } = await import("./candidates/exceljs-reader");
      return (await readWorkbookLog(bytes, candidate === "exceljs-guarded")).log.rows.map((row) => pick(row.cells));
    }
    case "exceljs-load": {
      // exceljs's own load alone, no reading of the log: the floor of the batch figure.
      const ExcelJS = (await import("exceljs")).default;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
      return [];
    }
    case "sheetjs":
      return readWithSheetJs(bytes);
    default:
      throw new Error(`unknown candidate ${candidate}`);
  }
}

function peakKilobytes(): number {
  const status = readFileSync("/proc/self/status", "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

async function main(): Promise<void> {
  const [candidate, ...files] = process.argv.slice(2);
  const started = performance.now();
  const results: { file: string; rows?: Cell[][]; rowCount?: number; error?: string }[] = [];
  for (const file of files) {
    try {
      const rows = await read(candidate as string, new Uint8Array(readFileSync(file)));
      results.push(
        files.length > 1 || rows.length > 20
          ? { file, rowCount: rows.length, rows: rows.slice(0, 3) }
          : { file, rows, rowCount: rows.length },
      );
    } catch (error) {
      results.push({ file, error: error instanceof Error ? error.message.split("\n")[0] : String(error) });
    }
  }
  process.stdout.write(`${JSON.stringify({ results, ms: performance.now() - started, peakKb: peakKilobytes() })}\n`);
}

void main();
