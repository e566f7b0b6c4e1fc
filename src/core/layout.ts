/**
 * The tracking form's workbook layout, as plain data made from the form
 * definition (form.ts): sheets in order, the table and its headers, column
 * widths, number formats (Text on every text column, so that typed text
 * never becomes a formula), dropdown lists and the ranges they take their
 * choices from, frozen rows and the page setup for printing. The three
 * writers (Office.js in the add-in, the in-memory workbook of the preview,
 * exceljs for files) only apply this description, so they cannot drift.
 */
import { type FormDefinition, FORM, NUMBER_FORMATS, columnLetter } from "./form";

/** A range of a sheet: a block of cells, or the data rows of one table column however many there are (rows and columns 1-based). */
export type LayoutRange =
  | { readonly kind: "cells"; readonly top: number; readonly left: number; readonly bottom: number; readonly right: number }
  | { readonly kind: "tableColumn"; readonly column: number };

/** One cell as a layout range. */
export function cellRange(row: number, column: number): LayoutRange {
  return { kind: "cells", top: row, left: column, bottom: row, right: column };
}

/** Where a dropdown takes its choices: a column of the lists sheet, from row 2 (row 1 names the list). */
export interface ListSource {
  readonly sheet: string;
  readonly column: number;
  readonly firstRow: number;
  readonly lastRow: number;
}

export interface LayoutValidation {
  readonly range: LayoutRange;
  readonly list: ListSource;
  /** Shown when the cell is selected, and when a value off the list is typed (a warning: other spellings are still read). */
  readonly title: string;
  readonly help: string;
}

export interface LayoutFormat {
  readonly range: LayoutRange;
  readonly numberFormat: string;
}

export interface LayoutTable {
  readonly name: string;
  /** The header row's sheet row; the table starts in column A. */
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly style: string;
}

export interface PageLayout {
  readonly orientation: "portrait" | "landscape";
  /** Pages wide; and pages tall, 0 for as many as the content needs. */
  readonly fitToWidth: number;
  readonly fitToHeight: number;
  /** Rows repeated at the top of every printed page ("1:1"), or null. */
  readonly repeatRows: string | null;
  readonly printGridlines: boolean;
  /** Footer in Excel's header/footer codes (&A sheet name, &P page, &N pages), centred. */
  readonly footer: string;
}

export interface SheetLayout {
  readonly name: string;
  readonly hidden: boolean;
  /** Widths in characters by 1-based column. */
  readonly widths: readonly { readonly column: number; readonly width: number }[];
  /** Fixed cells the form is made with: labels, headers, list choices. */
  readonly values: readonly { readonly row: number; readonly column: number; readonly value: string; readonly bold: boolean }[];
  /** Values a new form starts with, where a person then types their own (the Profile's defaults). */
  readonly defaults: readonly { readonly row: number; readonly column: number; readonly value: string | number }[];
  readonly formats: readonly LayoutFormat[];
  readonly validations: readonly LayoutValidation[];
  readonly table: LayoutTable | null;
  /** Rows frozen at the top (the log's header row). */
  readonly frozenRows: number;
  readonly page: PageLayout | null;
}

/** A workbook name the form defines for formulas: `CSTProfile` for the Profile sheet's value cells. */
export interface LayoutName {
  readonly name: string;
  readonly sheet: string;
  /** An absolute A1 address on that sheet ("$B$1:$B$7"). */
  readonly address: string;
}

export interface WorkbookLayout {
  readonly sheets: readonly SheetLayout[];
  /** Defined after every sheet exists: a name refers to its sheet. */
  readonly names: readonly LayoutName[];
}

export interface LayoutOptions {
  /** The mentee's name for the printed footer (an export knows it; the form in a workbook does not). */
  readonly mentee?: string;
}

/** The formula a list validation refers to: ='CST Lists'!$A$2:$A$12. */
export function listFormula(list: ListSource): string {
  const letter = columnLetter(list.column);
  return `='${list.sheet.replace(/'/g, "''")}'!$${letter}$${list.firstRow}:$${letter}$${list.lastRow}`;
}

/** The A1 address of a layout range on a sheet whose table body ends at `lastRow`. */
export function rangeAddress(range: LayoutRange, table: LayoutTable | null, lastRow: number): string {
  if (range.kind === "cells") {
    const topLeft = `${columnLetter(range.left)}${range.top}`;
    return range.top === range.bottom && range.left === range.right ? topLeft : `${topLeft}:${columnLetter(range.right)}${range.bottom}`;
  }
  const letter = columnLetter(range.column);
  const first = (table?.headerRow ?? 1) + 1;
  return `${letter}${first}:${letter}${Math.max(first, lastRow)}`;
}

/** Footer text in Excel's codes; `&` in a name is doubled so it prints as itself. */
function footer(mentee: string | undefined): string {
  const who = mentee === undefined || mentee.trim() === "" ? "" : `${mentee.trim().replace(/&/g, "&&")} · `;
  return `${who}&A · page &P of &N`;
}

/** The layout of the tracking form (Profile, Tracking Form, the hidden lists sheet). */
export function formLayout(form: FormDefinition = FORM, options: LayoutOptions = {}): WorkbookLayout {
  const lists: { label: string; choices: readonly string[] }[] = [];
  const listOf = (label: string, choices: readonly string[]): ListSource => {
    lists.push({ label, choices });
    return { sheet: form.listsSheet, column: lists.length, firstRow: 2, lastRow: choices.length + 1 };
  };

  const table: LayoutTable = {
    name: form.logTable,
    headerRow: 1,
    headers: form.log.map((column) => column.label),
    style: "TableStyleMedium2",
  };
  const log: SheetLayout = {
    name: form.logSheet,
    hidden: false,
    widths: form.log.map((column, index) => ({ column: index + 1, width: column.width })),
    values: [],
    defaults: [],
    formats: form.log.map((column, index) => ({
      range: { kind: "tableColumn", column: index + 1 },
      numberFormat: NUMBER_FORMATS[column.kind],
    })),
    validations: form.log.flatMap((column, index): LayoutValidation[] =>
      column.choices === null
        ? []
        : [
            {
              range: { kind: "tableColumn", column: index + 1 },
              list: listOf(column.label, column.choices),
              title: column.label,
              help: column.help,
            },
          ],
    ),
    table,
    frozenRows: 1,
    page: {
      orientation: "landscape",
      fitToWidth: 1,
      fitToHeight: 0,
      repeatRows: "1:1",
      printGridlines: true,
      footer: footer(options.mentee),
    },
  };

  const profile: SheetLayout = {
    name: form.profileSheet,
    hidden: false,
    widths: [
      { column: 1, width: 26 },
      { column: 2, width: 40 },
    ],
    values: form.profile.map((field, index) => ({ row: index + 1, column: 1, value: field.label, bold: true })),
    defaults: form.profile.map((field, index) => ({ row: index + 1, column: 2, value: field.defaultValue })),
    formats: form.profile.map((field, index) => ({
      range: cellRange(index + 1, 2),
      numberFormat: NUMBER_FORMATS[field.kind],
    })),
    validations: form.profile.flatMap((field, index): LayoutValidation[] =>
      field.choices === null
        ? []
        : [{ range: cellRange(index + 1, 2), list: listOf(field.label, field.choices), title: field.label, help: field.help }],
    ),
    table: null,
    frozenRows: 0,
    page: {
      orientation: "portrait",
      fitToWidth: 1,
      fitToHeight: 1,
      repeatRows: null,
      printGridlines: true,
      footer: footer(options.mentee),
    },
  };

  const listsSheet: SheetLayout = {
    name: form.listsSheet,
    hidden: true,
    widths: lists.map((list, index) => ({
      column: index + 1,
      width: Math.max(10, list.label.length, ...list.choices.map((choice) => choice.length)),
    })),
    values: lists.flatMap((list, index) => [
      { row: 1, column: index + 1, value: list.label, bold: true },
      ...list.choices.map((choice, offset) => ({ row: offset + 2, column: index + 1, value: choice, bold: false })),
    ]),
    formats: lists.map((list, index) => ({
      range: { kind: "cells", top: 1, left: index + 1, bottom: list.choices.length + 1, right: index + 1 },
      numberFormat: NUMBER_FORMATS.text,
    })),
    defaults: [],
    validations: [],
    table: null,
    frozenRows: 0,
    page: null,
  };

  const profileValues: LayoutName = { name: form.profileName, sheet: form.profileSheet, address: `$B$1:$B$${form.profile.length}` };
  return { sheets: [profile, log, listsSheet], names: [profileValues] };
}

/** Widths in characters of the add-in's own CST Verification sheet: its labels, then their values. */
export const VERIFICATION_WIDTHS: SheetLayout["widths"] = [
  { column: 1, width: 28 },
  { column: 2, width: 60 },
];

/** The sheet of a layout by name. */
export function layoutSheet(layout: WorkbookLayout, name: string): SheetLayout {
  const sheet = layout.sheets.find((candidate) => candidate.name === name);
  if (sheet === undefined) throw new RangeError(`The layout has no sheet ${name}.`);
  return sheet;
}
