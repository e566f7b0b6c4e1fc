/** @jest-environment jsdom */
/**
 * The ribbon's Export with the pane closed, against the Excel model, where
 * `Office.addin.showAsTaskpane()` resolves and shows nothing (Excel ignores
 * it for add-ins in Microsoft's marketplace): the export does not run in the
 * hidden pane, where nobody would see its outcome; it runs once the person
 * opens the pane; meanwhile a small dialog over the workbook says to open it.
 */
import { screen } from "@testing-library/react";
import { LOG_COLUMNS, LOG_TABLE, PROFILE_FIELDS } from "../../src/core";
import { SHOW_WAIT_MS, exportSubmission } from "../../src/commands/commands";
import { takeExportRequest } from "../../src/commands/exportRequest";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { ExcelModel, type Scalar } from "../excel/excelModel";
import { PROFILE_SHEET, renderApp, treatment } from "./helpers";

afterEach(() => {
  takeExportRequest();
  ExcelModel.uninstall();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("Export clicked while the pane is closed waits for the pane, then exports once, where it is seen", async () => {
  const model = new ExcelModel().install();
  model.addSheet(
    PROFILE_SHEET,
    PROFILE_FIELDS.map((field, index) => [field.label, ["Ada Quint", "ada@example.org", "", "", 0, "current"][index] as Scalar]),
  );
  model.addSheet("Tracking Form", [[...LOG_COLUMNS], treatment("2024-01-10", 2) as Scalar[]]);
  model.addTable("Tracking Form", "A1:G2", LOG_TABLE);
  const workbook = new OfficeWorkbook();
  const exported: string[] = [];
  const readForm = workbook.readForm.bind(workbook);
  workbook.readForm = () => {
    exported.push(new Error().stack?.includes("exportSubmission") ? "export" : "read");
    return readForm();
  };
  renderApp(workbook);
  await screen.findByText("Category A · treatment received: 2 of 6 h");
  model.hidePane();
  await pause(0);

  const completed = jest.fn();
  await exportSubmission({ source: { id: "CST.ExportSubmission" }, completed } as unknown as Office.AddinCommands.Event);
  await pause(300);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(model.showRequests).toBe(1);
  expect(model.paneVisible).toBe(false);
  expect(exported.filter((kind) => kind === "export")).toEqual([]);

  // Where the person looks: after a moment without the pane, a small dialog over the workbook says to open it.
  expect(model.dialogs).toEqual([]);
  await pause(SHOW_WAIT_MS);
  expect(model.dialogs).toEqual([{ url: expect.stringMatching(/\/help\.html#ribbon-export$/), open: true }]);

  model.showPane();
  await pause(300);
  expect(exported.filter((kind) => kind === "export")).toEqual(["export"]);
  expect(model.dialogs[0]?.open).toBe(false);
});

test("with the pane open, the export runs at once and no dialog is shown", async () => {
  const model = new ExcelModel().install();
  model.addSheet("Tracking Form", [[...LOG_COLUMNS]]);
  renderApp(new OfficeWorkbook());
  await screen.findByRole("heading", { name: "CST Mentorship Tracker" });
  await exportSubmission({ completed: () => undefined } as unknown as Office.AddinCommands.Event);
  await pause(SHOW_WAIT_MS + 100);
  expect(model.showRequests).toBe(0);
  expect(model.dialogs).toEqual([]);
});

test("the dialog that says to open the pane speaks Office's display language: its help page, English where there is none", async () => {
  for (const [displayLanguage, page] of [
    ["ja-JP", "help.ja.html"],
    ["sv-SE", "help.html"],
  ] as const) {
    const model = new ExcelModel();
    model.displayLanguage = displayLanguage;
    model.install();
    model.addSheet("Tracking Form", [[...LOG_COLUMNS]]);
    const view = renderApp(new OfficeWorkbook());
    await screen.findByRole("heading", { name: "CST Mentorship Tracker" });
    model.hidePane();
    await exportSubmission({ completed: () => undefined } as unknown as Office.AddinCommands.Event);
    await pause(SHOW_WAIT_MS + 100);
    expect(model.dialogs.map(({ url }) => url.slice(url.lastIndexOf("/") + 1))).toEqual([`${page}#ribbon-export`]);
    takeExportRequest();
    view.unmount();
    ExcelModel.uninstall();
  }
});
