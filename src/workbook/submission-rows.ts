/**
 * Which rows of a submission exceljs writes, and which are streamed
 * (`streamed-rows.ts`): exceljs writes the log's header, one row of each
 * kind (the same unit, the same kinds of value in the same columns, hence
 * the same styles), a row of the table left empty where the log has one,
 * and the totals; and the cover up to the first line of each kind. Every
 * other row is then written with the cells of the stand-in row of its kind.
 *
 * No Node APIs.
 */
import type ExcelJS from "exceljs";
import { type CellValue, type DateSystem, type LogRow, type QuantityUnit, type Submission, FORM } from "../core";
import { valueKind } from "./cell-xml";
import { coverLineCells, coverLineHeight, printedRowHeight } from "./printed";
import type { StreamedRow, StreamedSheet } from "./streamed-rows";
import { placeRows, valueForSheet } from "./write-form";

/** What exceljs writes: the log's rows (from row 2), their computed cells and units by row, and the cover's first lines. */
export interface StandIn {
  readonly rows: readonly LogRow[] | null;
  computedCells(row: number): readonly ExcelJS.CellValue[];
  unit(row: number): QuantityUnit | null;
  readonly coverLines: number;
}

export interface StreamPlan {
  readonly standIn: StandIn;
  readonly sheets: readonly StreamedSheet[];
}

/** The log's rows as the submission has them: computed cells by source row, units by sheet row (as the printed log reads them). */
export interface LogCells {
  computedCells(source: number): readonly ExcelJS.CellValue[];
  unit(row: number): QuantityUnit | null;
  readonly columns: number;
}

const HEADER_ROW = 1;

const signature = (unit: string | null, values: readonly ExcelJS.CellValue[]): string => JSON.stringify([unit, ...values.map(valueKind)]);

function inputCells(cells: readonly CellValue[], dateSystem: DateSystem): ExcelJS.CellValue[] {
  return FORM.log.map((column, index) => valueForSheet(cells[index], column.kind, dateSystem));
}

/** The log sheet's plan: its stand-in rows, and how the sheet's rows are made from them (null: exceljs writes it whole). */
function logPlan(
  submission: Submission,
  cells: LogCells,
): { rows: LogRow[]; computedCells: StandIn["computedCells"]; unit: StandIn["unit"]; sheet: StreamedSheet } | null {
  const { log } = submission;
  const placed = log.rows === null ? [] : placeRows(log.rows);
  const last = placed[placed.length - 1];
  if (last === undefined || (placed[0]?.row ?? 0) <= HEADER_ROW) return null;
  const valuesOf = (row: (typeof placed)[number]) => [...inputCells(row.cells, log.dateSystem), ...cells.computedCells(row.source)];
  const kinds = new Map<string, (typeof placed)[number]>();
  for (const row of placed) {
    const key = signature(cells.unit(row.row), valuesOf(row));
    if (!kinds.has(key)) kinds.set(key, row);
  }
  const lastRow = last.row;
  const gap = placed.length < lastRow - HEADER_ROW;
  const samples = [...kinds.values()];
  // Two stand-in rows at least, a row of the log last: the ranges' first row (2) then stays below the rows that move.
  if (samples.length === 1) samples.push(samples[0] as (typeof placed)[number]);
  const standInCount = samples.length + (gap ? 1 : 0);
  if (standInCount >= lastRow - HEADER_ROW) return null;
  const positions = new Map<string, number>();
  const standIn: { position: number; row: (typeof placed)[number] }[] = [];
  let position = HEADER_ROW + 1;
  const blank = gap ? HEADER_ROW + 2 : null;
  for (const row of samples) {
    if (position === blank) position++;
    standIn.push({ position, row });
    const key = signature(cells.unit(row.row), valuesOf(row));
    if (!positions.has(key)) positions.set(key, position);
    position++;
  }
  const standInLast = position - 1;
  const byPosition = new Map(standIn.map((each) => [each.position, each.row] as const));
  return {
    rows: standIn.map((each) => ({ row: each.position, cells: each.row.cells })),
    computedCells: (row) => {
      const real = byPosition.get(row);
      return real === undefined ? [] : cells.computedCells(real.source);
    },
    unit: (row) => {
      const real = byPosition.get(row);
      return real === undefined ? null : cells.unit(real.row);
    },
    sheet: {
      name: FORM.logSheet,
      shiftFrom: standInLast,
      shift: lastRow - standInLast,
      restFrom: standInLast + 1,
      *rows(): Generator<StreamedRow> {
        yield { row: HEADER_ROW, like: HEADER_ROW };
        let next = 0;
        for (let row = HEADER_ROW + 1; row <= lastRow; row++) {
          const each = placed[next];
          if (each === undefined || each.row !== row) {
            yield { row, like: blank as number };
            continue;
          }
          next++;
          const values = valuesOf(each);
          const like = positions.get(signature(cells.unit(each.row), values)) as number;
          yield { row, like, cells: values, height: printedRowHeight(row, values, cells.columns) };
        }
      },
    },
  };
}

/** The cover's plan: how many lines exceljs writes, and the rest as rows of the kinds before them (null: all by exceljs). */
function coverPlan(submission: Submission, sheetName: string): { lines: number; sheet: StreamedSheet } | null {
  const { lines } = submission.sheet;
  const first = new Map<string, number>();
  lines.forEach((line, index) => {
    const key = JSON.stringify([line.style, ...coverLineCells(line).map(valueKind)]);
    if (!first.has(key)) first.set(key, index + 1);
  });
  const standIn = Math.max(...first.values());
  if (standIn >= lines.length) return null;
  return {
    lines: standIn,
    sheet: {
      name: sheetName,
      lastRow: lines.length,
      shiftFrom: Infinity,
      shift: 0,
      *rows(): Generator<StreamedRow> {
        for (let row = 1; row <= lines.length; row++) {
          if (row <= standIn) {
            yield { row, like: row };
            continue;
          }
          const line = lines[row - 1]!;
          const values = coverLineCells(line);
          const like = first.get(JSON.stringify([line.style, ...values.map(valueKind)])) as number;
          yield { row, like, cells: values, height: coverLineHeight(line) };
        }
      },
    },
  };
}

/** What exceljs writes and what is streamed; null when exceljs writes it all at no greater cost. */
export function streamPlan(submission: Submission, cells: LogCells, coverSheet: string): StreamPlan | null {
  const log = logPlan(submission, cells);
  const cover = coverPlan(submission, coverSheet);
  if (log === null && cover === null) return null;
  return {
    standIn: {
      rows: log?.rows ?? submission.log.rows,
      computedCells: log?.computedCells ?? cells.computedCells,
      unit: log?.unit ?? cells.unit,
      coverLines: cover?.lines ?? submission.sheet.lines.length,
    },
    sheets: [...(cover === null ? [] : [cover.sheet]), ...(log === null ? [] : [log.sheet])],
  };
}
