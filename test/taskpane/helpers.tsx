/// <reference types="@testing-library/jest-dom" />
import { fireEvent, render } from "@testing-library/react";
import type ExcelJS from "exceljs";
import { prepareSubmission } from "../../src/core/submission";
import { buildSubmissionWorkbook } from "../../src/workbook/submission";
import { loadWorkbook } from "../workbook/build";
import { type CellValue, LOG_SHEET, PROFILE_FIELDS, PROFILE_SHEET, isoDateToExcelSerial } from "../../src/core";
import type { ProfileChanges, TrackingWorkbook } from "../../src/excel/workbook";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { App } from "../../src/taskpane/App";
import type { SubmissionBuilder } from "../../src/taskpane/exportSubmission";
import type { SubmissionOpener } from "../../src/taskpane/openSubmission";

export const AS_OF = "2025-01-15";

export const serial = (iso: string) => isoDateToExcelSerial(iso, "1900");

export function treatment(date: string, hours: number, provider = "Ilse Brandvold"): CellValue[] {
  return [serial(date), "Treatment received from a CST-T or CST-D", "In person", provider, "CST-D", hours, ""];
}
export function oneOnOne(date: string, hours: number): CellValue[] {
  return [serial(date), "1x1 mentorship with a certified mentor", "Virtual", "Tomasz Reyes", "Mentor", hours, ""];
}
export function group(date: string, hours: number): CellValue[] {
  return [serial(date), "Small group mentorship (4–8 participants)", "In person", "", "", hours, ""];
}

/** Every Profile field, from the six cells in the form's order. */
export function allFields(cells: readonly CellValue[]): ProfileChanges {
  return Object.fromEntries(PROFILE_FIELDS.map((field, index) => [field.key, cells[index]]));
}

/** A workbook with the form, a profile and the given rows. */
export async function formWorkbook(rows: CellValue[][], profile: CellValue[] = ["Ada Quint", "ada@example.org", "", "", 0, "current"]) {
  const workbook = new MemoryWorkbook({ sheets: [{ name: "Budget", cells: [["Rent", 1200]] }] });
  await workbook.insertForm();
  await workbook.writeProfile(allFields(profile));
  for (const row of rows) await workbook.appendRow(row);
  return workbook;
}

export function renderApp(
  workbook: TrackingWorkbook,
  exporter: { loadBuilder?: () => Promise<SubmissionBuilder>; open?: SubmissionOpener } = {},
) {
  const build = jest.fn<Promise<Uint8Array>, Parameters<SubmissionBuilder>>(async () => new Uint8Array([80, 75, 3, 4]));
  const open = jest.fn<ReturnType<SubmissionOpener>, Parameters<SubmissionOpener>>(async () => "downloaded" as const);
  const loadBuilder = exporter.loadBuilder ?? (async () => build);
  const view = render(<App workbook={workbook} asOf={AS_OF} exporter={{ loadBuilder, open: exporter.open ?? open }} />);
  return { ...view, build, open };
}

export const cellsOf = (workbook: MemoryWorkbook, sheet: string) =>
  workbook.getSnapshot().sheets.find((s) => s.name === sheet)?.cells ?? [];
export { LOG_SHEET, PROFILE_SHEET };

/** Sets a text field's value as one change: typing key by key through Fluent's inputs is slow and tests nothing more. */
export function fill(element: HTMLElement, value: string): void {
  fireEvent.change(element, { target: { value } });
}

// Fluent's MessageBar watches its size; jsdom has no ResizeObserver.
if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  class NoResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, "ResizeObserver", { value: NoResizeObserver, configurable: true });
}

/** A log of one treatment, one group and one 1x1 mentorship: enough for a credit. */
export const SAMPLE_ROWS = [treatment("2024-01-10", 6), group("2024-01-11", 6), oneOnOne("2024-01-12", 12)];

/** The exported submission workbook's bytes (of SAMPLE_ROWS), as a file a coordinator received, changed by `edit` after export. */
export async function submissionFile(name: string, edit?: (book: ExcelJS.Workbook) => void): Promise<File> {
  const workbook = await formWorkbook(SAMPLE_ROWS);
  const prepared = await prepareSubmission((await workbook.readForm()).log, { asOf: AS_OF, exportedAt: "2025-01-15T10:00:00.000Z" });
  if (!prepared.ok) throw new Error("the sample should export");
  let bytes = await buildSubmissionWorkbook(prepared.submission);
  if (edit !== undefined) {
    const book = await loadWorkbook(bytes);
    edit(book);
    bytes = new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
  }
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}
