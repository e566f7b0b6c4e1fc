/**
 * The readers of a tracking form's sheets other than the log's table (read-xlsx.ts): the header row of a
 * log kept without a table, the Profile's label/value rows, and the Submission sheet of an exported
 * submission.
 */
import { type CellValue, type FormDefinition, type LogRow, LOG_COLUMNS, SUBMISSION_SHEET, labelKey, profileLabels } from "../core";
import { UnreadableFileError } from "./errors";

import { LIMITS } from "./limits";

import { type RowCells, type RowReader } from "./sheet";

import { indexOfColumns, logCells } from "./table-rows";

const headerKey = (value: CellValue): string => (typeof value === "string" ? value.trim().toLowerCase() : "");

/** Columns of the seven log columns, found by header text (column number → text), or the missing headers. */
export function mapColumns(headers: ReadonlyMap<number, string>): { columns: number[] } | { missing: string[] } {
  const byHeader = new Map<string, number>();
  for (const [column, text] of headers) if (!byHeader.has(text)) byHeader.set(text, column);
  const columns: number[] = [];
  const missing: string[] = [];
  for (const header of LOG_COLUMNS) {
    const column = byHeader.get(header.toLowerCase());
    if (column === undefined) missing.push(header);
    else columns.push(column);
  }
  return missing.length > 0 ? { missing } : { columns };
}

/** A sheet whose first row may hold the headers: its rows when it does. */
export class HeaderRows implements RowReader {
  readonly rows: LogRow[] = [];
  wantsMore = true;
  matched = false;
  private indexByColumn = new Map<number, number>();

  /** `headerOnly`: whether the first row has the headers, and no more (the rows are streamed later). */
  constructor(private readonly headerOnly = false) {}

  row(row: number, cells: RowCells): void {
    if (!this.matched) {
      this.wantsMore = false;
      if (row !== 1) return;
      const headers = new Map<number, string>();
      for (let i = 0; i < cells.count; i++) headers.set(cells.columns[i] as number, headerKey(cells.values[i]));
      const mapped = mapColumns(headers);
      if ("missing" in mapped) return;
      this.matched = true;
      this.wantsMore = !this.headerOnly;
      this.indexByColumn = indexOfColumns(mapped.columns);
      return;
    }
    this.rows.push({ row, cells: logCells(cells, this.indexByColumn) });
  }

  take(): LogRow[] {
    return this.rows.splice(0);
  }

  finish(): void {}
}

/** Columns A and B of every row of the Profile sheet. */
export class ProfileRows implements RowReader {
  readonly labels = new Map<number, CellValue>();
  readonly values = new Map<number, CellValue>();
  readonly wantsMore = true;

  row(row: number, cells: RowCells): void {
    for (let i = 0; i < cells.count; i++) {
      const column = cells.columns[i];
      if (column === 1) this.labels.set(row, cells.values[i] as CellValue);
      else if (column === 2) this.values.set(row, cells.values[i] as CellValue);
    }
  }

  /**
   * The values, each found by its label (or a label earlier forms gave it) in
   * column A; a field whose label is nowhere in column A is read from its
   * docs/rules.md §5 position (B1…B7) only when that row has no label at all.
   */
  profileCells(form: FormDefinition): CellValue[] {
    const rowByLabel = new Map<string, number>();
    const label = (value: CellValue | undefined): string => (typeof value === "string" ? labelKey(value) : "");
    for (const [row, value] of [...this.labels].sort((a, b) => a[0] - b[0])) {
      const key = label(value);
      if (key !== "" && !rowByLabel.has(key)) rowByLabel.set(key, row);
    }
    return form.profile.map((field, index) => {
      let row = profileLabels(field)
        .map((each) => rowByLabel.get(labelKey(each)))
        .find((found) => found !== undefined);
      if (row === undefined) {
        const position = index + 1;
        if (label(this.labels.get(position)) !== "") return "";
        row = position;
      }
      return this.values.get(row) ?? null;
    });
  }
}

/** Every row of the Submission sheet from row 1, every cell in column order (blanks between as null). */
export class SubmissionRows implements RowReader {
  readonly rows: CellValue[][] = [];
  readonly wantsMore = true;
  private slots = 0;

  row(row: number, cells: RowCells): void {
    if (cells.count === 0) return;
    const width = Math.max(...cells.columns.slice(0, cells.count));
    this.slots += width + Math.max(0, row - this.rows.length);
    if (this.slots > LIMITS.maxSubmissionCells) {
      throw new UnreadableFileError(
        `its ${SUBMISSION_SHEET} sheet has more than ${LIMITS.maxSubmissionCells.toLocaleString("en")} cells, more than any submission: it is not read`,
        "unreadable.submissionTooLarge",
        { sheet: SUBMISSION_SHEET, count: LIMITS.maxSubmissionCells },
      );
    }
    const out: CellValue[] = new Array<CellValue>(width).fill(null);
    for (let i = 0; i < cells.count; i++) out[(cells.columns[i] as number) - 1] = cells.values[i] as CellValue;
    while (this.rows.length < row - 1) this.rows.push([]);
    if (this.rows.length === row - 1) this.rows.push(out);
    else this.rows[row - 1] = out;
  }
}
