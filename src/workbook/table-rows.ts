/**
 * The rows of a log table as a worksheet's rows stream by (read-xlsx.ts): the table's own rows, and rows
 * typed right below a table without a totals row, which Excel would have grown the table over.
 *
 * No Node APIs.
 */
import { type CellValue, type LogRow, belowTableError, belowTableWarning, isBlankCell } from "../core";
import type { RowCells, RowReader } from "./sheet";

/** The seven log cells of a row, by the worksheet columns of the log's columns. */
export function logCells(cells: RowCells, indexByColumn: ReadonlyMap<number, number>): CellValue[] {
  const out: CellValue[] = [null, null, null, null, null, null, null];
  for (let i = 0; i < cells.count; i++) {
    const index = indexByColumn.get(cells.columns[i] as number);
    if (index !== undefined) out[index] = cells.values[i] as CellValue;
  }
  return out;
}

export const indexOfColumns = (columns: readonly number[]): Map<number, number> => new Map(columns.map((column, index) => [column, index]));

/** "H3": a cell's reference. */
function cellReference(column: number, row: number): string {
  let letters = "";
  for (let left = column; left > 0; left = Math.floor((left - 1) / 26)) letters = String.fromCharCode(65 + ((left - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/**
 * The rows of the MentorshipLog table: between its header row and its totals row. Without a totals row,
 * also the rows right below it that hold something in its columns, up to the first row that does not:
 * Excel grows a table when a row is typed below it, but LibreOffice Calc and openpyxl do not, so those
 * rows are the log's too, with a warning on the first that names them all. When one of them has a value
 * outside the table's columns, they are not the log's: the first carries an error naming that cell.
 */
export class TableRows implements RowReader {
  readonly rows: LogRow[] = [];
  wantsMore = true;
  private readonly indexByColumn: Map<number, number>;
  private below: { first: number; last: number; index: number; outside: string | null } | null = null;

  constructor(
    private readonly first: number,
    private readonly last: number,
    columns: readonly number[],
    /** The table's columns, and whether rows below it may be the log's (it has no totals row). */
    private readonly span: { readonly left: number; readonly right: number; readonly growsDown: boolean },
  ) {
    this.indexByColumn = indexOfColumns(columns);
  }

  row(row: number, cells: RowCells): void {
    if (row < this.first) return;
    if (row <= this.last) {
      this.rows.push({ row, cells: logCells(cells, this.indexByColumn) });
      return;
    }
    const next = this.below === null ? this.last + 1 : this.below.last + 1;
    if (!this.span.growsDown || row !== next || !this.holdsValueInSpan(cells)) {
      this.wantsMore = false;
      return;
    }
    const outside = this.valueOutsideSpan(row, cells);
    if (this.below === null) this.below = { first: row, last: row, index: this.rows.length, outside };
    else {
      this.below.last = row;
      this.below.outside ??= outside;
    }
    this.rows.push({ row, cells: logCells(cells, this.indexByColumn) });
  }

  /**
   * The rows read so far that are settled, taken out: all of them but those below the table, whose finding
   * waits for the end of the sheet (`finish`).
   */
  take(): LogRow[] {
    const settled = this.below === null ? this.rows.length : this.below.index;
    const taken = this.rows.splice(0, settled);
    if (this.below !== null) this.below.index -= taken.length;
    return taken;
  }

  /** Puts the finding about the rows below the table on the first of them, once the sheet is read. */
  finish(table: string): void {
    const below = this.below;
    if (below === null) return;
    const first = this.rows[below.index] as LogRow;
    if (below.outside === null) {
      this.rows[below.index] = { ...first, found: { errors: [], warnings: [belowTableWarning(table, below.first, below.last)] } };
      return;
    }
    this.rows.length = below.index;
    this.rows.push({ ...first, found: { errors: [belowTableError(table, below.first, below.last, below.outside)], warnings: [] } });
  }

  private holdsValueInSpan(cells: RowCells): boolean {
    for (let i = 0; i < cells.count; i++) {
      const column = cells.columns[i] as number;
      if (column >= this.span.left && column <= this.span.right && !isBlankCell(cells.values[i] as CellValue)) return true;
    }
    return false;
  }

  private valueOutsideSpan(row: number, cells: RowCells): string | null {
    for (let i = 0; i < cells.count; i++) {
      const column = cells.columns[i] as number;
      if ((column < this.span.left || column > this.span.right) && !isBlankCell(cells.values[i] as CellValue)) {
        return cellReference(column, row);
      }
    }
    return null;
  }
}
