/**
 * The workbook through Office.js. Every operation is one `Excel.run` with a
 * fixed number of `context.sync()` calls, plus one per chunk where a log is
 * read or marked: Excel on the web refuses a request or a response over
 * 5 MB ("Excel on the web has a payload size limit for requests and
 * responses of 5MB"), so rows go in chunks sized to stay near a fifth of
 * that, never cell by cell.
 * https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins
 *
 * Text stays text. `Range.values` reads a string as if typed: one starting
 * with "=", "+" or "-" becomes a formula, "007" becomes 7
 * (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member).
 * A cell formatted as Text (`@`) keeps what it is given as text
 * (https://learn.microsoft.com/office/troubleshoot/excel/long-numbers-incorrectly-in-excel:
 * set the Text format, then enter the value). So every string this add-in
 * writes goes into a cell whose number format is set to `@` first, in the
 * same batch (commands run in the order they were queued); `null` leaves the
 * other cells' formats as they are
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values).
 * This holds in a form made before its text columns were formatted as Text.
 *
 * A formula is told from a value by reading both `formulas` and `values`: a
 * formula reads back as its text through the one and its result through the
 * other, a value the same through both
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-set-get-values).
 *
 * The pane follows the workbook through `WorksheetCollection.onChanged`
 * (ExcelApi 1.9), which fires for edits made in the grid and by add-in code
 * alike, with `onAdded` and `onDeleted` for sheets
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-events).
 *
 * Date system: the workbook's 1904 setting (`Workbook.use1904DateSystem`) is
 * a preview API that no released requirement set has, and loading an
 * unsupported property fails the whole batch. So the date system is read by
 * asking the workbook's own DATE function (ExcelApi 1.2) for 1904-01-01: it
 * is serial 0 in the 1904 system and 1462 in the 1900 system. Hosts without
 * ExcelApi 1.2 fall back to the 1900 system, Excel's default.
 */
import {
  type CellValue,
  INPUT_COLUMN_COUNT,
  LISTS_SHEET as FORM_LISTS_SHEET,
  LOG_SHEET,
  LOG_TABLE,
  PROFILE_FIELDS,
  PROFILE_INDEX,
  PROFILE_SHEET,
  formLayout,
  isBlankCell,
} from "../core";
import {
  type FormRead,
  type GoToTarget,
  type InsertFormResult,
  type ProfileChanges,
  type RowMark,
  type TrackingWorkbook,
  type VerificationRow,
  type VerificationWrite,
  noProfileError,
} from "./workbook";
import {
  cellName,
  formAlreadyHere,
  formulaInTheWay,
  inputColumns,
  profileRowProblem,
  rowBelowNotEmpty,
  rowChanged,
  sameCell,
  sameCells,
  writtenFormat,
} from "./decisions";
import {
  type Block,
  type ExcelValue,
  FIRST_CHUNK_ROWS,
  isFormula,
  isPayloadTooLarge,
  loadBlock,
  run,
  toCellValue,
  toExcelValue,
} from "./officeBatch";
import { applySheet } from "./officeLayout";
import { PROFILE_LABELS_ADDRESS, PROFILE_VALUES_ADDRESS, readFormContent } from "./officeRead";
import { followForm } from "./officeEvents";
import { markRows, readVerification, writeVerification } from "./officeOwnPlaces";

export { CHUNK_BYTES, FIRST_CHUNK_ROWS, MAX_CHUNK_ROWS, RUN_OPTIONS } from "./officeBatch";

/** A table row as the pane read it: the row's range with its values and formulas, and the seven input columns. */
interface TableLine {
  readonly sheetName: string;
  /** 0-based sheet column of the table's first column. */
  readonly left: number;
  readonly columns: readonly number[];
  readonly values: readonly unknown[];
  readonly formulas: readonly unknown[];
  readonly range: Excel.Range;
  /** 0-based index of the row in the table's body. */
  readonly index: number;
}

export class OfficeWorkbook implements TrackingWorkbook {
  /**
   * `readForm`'s revision: moved by the add-in's own writes of rows and Profile and by each change of the
   * form's sheets a subscription hears. With no subscription listening (or before ExcelApi 1.9, which has
   * no events to hear), nothing says what changed: every read moves it.
   */
  private revision = 0;
  private subscriptions = 0;

  /** Runs one of the add-in's own writes of what `readForm` reads, then moves the revision. */
  private async writing<T>(write: Promise<T>): Promise<T> {
    const result = await write;
    this.revision++;
    return result;
  }

  async readForm(): Promise<FormRead> {
    const content = await readFormContent();
    if (this.subscriptions === 0) this.revision++;
    return { ...content, revision: this.revision };
  }

  async insertForm(): Promise<InsertFormResult> {
    return this.writing(this.insert());
  }

  private async insert(): Promise<InsertFormResult> {
    return run(async (context) => {
      const { worksheets, tables } = context.workbook;
      const checks = [
        ...[PROFILE_SHEET, LOG_SHEET, FORM_LISTS_SHEET].map((name) => worksheets.getItemOrNullObject(name).load("name")),
        tables.getItemOrNullObject(LOG_TABLE).load("name"),
      ];
      await context.sync();
      const existing = checks.filter((item) => !item.isNullObject).map((item) => item.name);
      if (existing.length > 0) return formAlreadyHere(existing);

      const layout = formLayout();
      // A batch runs in queue order: every sheet is added before the rules, lists and names that refer to another sheet.
      const sheets = layout.sheets.map((sheetLayout) => worksheets.add(sheetLayout.name));
      layout.sheets.forEach((sheetLayout, index) => applySheet(sheets[index] as Excel.Worksheet, sheetLayout));
      for (const name of layout.names) context.workbook.names.add(name.name, worksheets.getItem(name.sheet).getRange(name.address));
      const log = worksheets.getItem(LOG_SHEET);
      log.activate();
      await context.sync();
      return { inserted: true };
    });
  }

  async appendRow(cells: readonly CellValue[]): Promise<number> {
    return this.writing(this.append(cells));
  }

  private async append(cells: readonly CellValue[]): Promise<number> {
    return run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const header = table.getHeaderRowRange().load("values, columnCount");
      const body = table.getDataBodyRange().load("rowIndex, rowCount");
      const last = body.getLastRow().load("values, formulas");
      const below = table.getRange().getRowsBelow(1).load("values, formulas");
      await context.sync();

      const columns = inputColumns(header.values[0] ?? []);
      // A row is free when its input cells are blank and hold no formula (a formula may show nothing).
      const isFree = (values: readonly unknown[] = [], formulas: readonly unknown[] = []) =>
        columns.every((column) => isBlankCell(toCellValue(values[column])) && !isFormula(formulas[column], values[column]));
      let index: number | null = null;
      if (isFree(last.values[0], last.formulas[0])) {
        // The first free row after the last filled one: read upward from the last row, a chunk at a time.
        index = body.rowCount - 1;
        let size = FIRST_CHUNK_ROWS;
        for (let end = body.rowCount - 1; end > 0;) {
          const count = Math.min(size, end);
          const start = end - count;
          let block: Block;
          try {
            block = await loadBlock(context, body.getCell(start, 0).getResizedRange(count - 1, header.columnCount - 1), true);
          } catch (error) {
            if (!isPayloadTooLarge(error) || count === 1) throw error;
            size = Math.ceil(count / 2);
            continue;
          }
          let filled = -1;
          for (let i = count - 1; i >= 0 && filled < 0; i--) if (!isFree(block.values[i], block.formulas[i])) filled = start + i;
          if (filled >= 0) {
            index = filled + 1;
            break;
          }
          index = start;
          end = start;
        }
      }

      // Null leaves a cell as it is: computed columns keep their formulas and formats.
      const rowValues = new Array<ExcelValue | null>(header.columnCount).fill(null);
      columns.forEach((column, position) => (rowValues[column] = toExcelValue(cells[position])));
      let target: Excel.Range;
      if (index !== null) {
        target = body.getRow(index);
      } else {
        const belowValues = below.values[0] ?? [];
        const belowFormulas = below.formulas[0] ?? [];
        if (belowValues.some((value, column) => !isBlankCell(toCellValue(value)) || isFormula(belowFormulas[column], value))) {
          throw rowBelowNotEmpty(body.rowIndex + body.rowCount + 1);
        }
        index = body.rowCount;
        target = table.rows.add().getRange();
      }
      // The typings leave out null, which the API documents as "leave the cell unchanged".
      target.numberFormat = [rowValues.map((value) => writtenFormat(value))] as string[][];
      target.values = [rowValues] as ExcelValue[][];
      await context.sync();
      return body.rowIndex + 1 + index;
    });
  }

  /** Reads worksheet row `row` of the table with its values and formulas (one sync); refuses when it no longer holds `expected`. */
  private async readLine(context: Excel.RequestContext, row: number, expected: readonly CellValue[]): Promise<TableLine> {
    const table = context.workbook.tables.getItem(LOG_TABLE);
    const header = table.getHeaderRowRange().load("values");
    const body = table.getDataBodyRange().load("rowIndex, columnIndex");
    const sheet = table.worksheet.load("name");
    const range = body.getIntersectionOrNullObject(sheet.getRange(`${row}:${row}`)).load("values, formulas");
    await context.sync();
    const columns = inputColumns(header.values[0] ?? []);
    if (range.isNullObject) throw rowChanged(row);
    const values = range.values[0] ?? [];
    const formulas = range.formulas[0] ?? [];
    const current = columns.map((column) => toCellValue(values[column]));
    if (!sameCells(current, expected, INPUT_COLUMN_COUNT)) throw rowChanged(row);
    return { sheetName: sheet.name, left: body.columnIndex, columns, values, formulas, range, index: row - body.rowIndex - 1 };
  }

  async writeRow(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void> {
    await this.writing(this.correct(row, cells, expected));
  }

  private async correct(row: number, cells: readonly CellValue[], expected: readonly CellValue[]): Promise<void> {
    await run(async (context) => {
      const line = await this.readLine(context, row, expected);
      const rowValues = new Array<ExcelValue | null>(line.values.length).fill(null);
      line.columns.forEach((column, position) => {
        if (sameCell(cells[position], expected[position])) return;
        const formula = line.formulas[column];
        if (isFormula(formula, line.values[column])) {
          throw formulaInTheWay(cellName(line.sheetName, row, line.left + column), formula);
        }
        rowValues[column] = toExcelValue(cells[position]);
      });
      if (rowValues.every((value) => value === null)) return;
      line.range.numberFormat = [rowValues.map((value) => writtenFormat(value))] as string[][];
      line.range.values = [rowValues] as ExcelValue[][];
      await context.sync();
    });
  }

  async removeRow(row: number, expected: readonly CellValue[]): Promise<void> {
    await this.writing(
      run(async (context) => {
        const line = await this.readLine(context, row, expected);
        context.workbook.tables.getItem(LOG_TABLE).rows.getItemAt(line.index).delete();
        await context.sync();
      }),
    );
  }

  async writeProfile(changes: ProfileChanges): Promise<void> {
    const fields = PROFILE_FIELDS.map((field, index) => ({ field, index })).filter(({ field }) => field.key in changes);
    if (fields.length === 0) return;
    await this.writing(this.writeFields(fields, changes));
  }

  private async writeFields(
    fields: readonly { field: (typeof PROFILE_FIELDS)[number]; index: number }[],
    changes: ProfileChanges,
  ): Promise<void> {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(PROFILE_SHEET);
      const current = sheet.getRange(PROFILE_VALUES_ADDRESS).load("values, formulas");
      const labels = sheet.getRange(PROFILE_LABELS_ADDRESS).load("values");
      await context.sync();
      for (const { field, index } of fields) {
        const formula = current.formulas[index]?.[0];
        if (isFormula(formula, current.values[index]?.[0])) {
          throw formulaInTheWay(cellName(PROFILE_SHEET, index + 1, 1), formula);
        }
        const problem = profileRowProblem(field, index + 1, labels.values[index]?.[0]);
        if (problem !== null) throw problem;
      }
      for (const { field, index } of fields) {
        // A form made before the field has no label for it yet.
        if (isBlankCell(toCellValue(labels.values[index]?.[0]))) sheet.getRange(`A${index + 1}`).values = [[field.label]];
        const value = toExcelValue(changes[field.key]);
        const cell = sheet.getRange(`B${index + 1}`);
        const format = writtenFormat(value, field.kind);
        if (format !== null) cell.numberFormat = [[format]];
        cell.values = [[value]];
      }
      await context.sync();
    }, noProfileError);
  }

  async markRows(marks: readonly RowMark[]): Promise<void> {
    await markRows(marks);
  }

  async writeVerification(write: VerificationWrite): Promise<void> {
    await writeVerification(write);
  }

  async readVerification(): Promise<VerificationRow[]> {
    return readVerification();
  }

  async goTo(target: GoToTarget): Promise<void> {
    if (target.kind === "profile") {
      await run(async (context) => {
        const profile = context.workbook.worksheets.getItem(PROFILE_SHEET);
        profile.activate();
        const row = PROFILE_INDEX[target.field] + 1;
        profile.getRange(`A${row}:B${row}`).select();
        await context.sync();
      }, noProfileError);
      return;
    }
    await run(async (context) => {
      const table = context.workbook.tables.getItem(LOG_TABLE);
      const sheet = table.worksheet;
      sheet.activate();
      table
        .getRange()
        .getIntersection(sheet.getRange(`${target.row}:${target.row}`))
        .select();
      await context.sync();
    });
  }

  /**
   * Tells `listener` of changes to the form made by anyone but this add-in (see officeEvents.ts); each
   * moves `readForm`'s revision.
   */
  subscribe(listener: () => void): () => void {
    const stop = followForm(() => {
      this.revision++;
      listener();
    });
    if (stop === null) return () => undefined;
    this.subscriptions++;
    let listening = true;
    return () => {
      if (listening) this.subscriptions--;
      listening = false;
      stop();
    };
  }
}
