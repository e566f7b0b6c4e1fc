/** @jest-environment jsdom */
/**
 * The pane follows the workbook (docs/rules.md §10): rows typed into the sheet, rows
 * deleted and Profile edits show up in Progress and Findings without a
 * click, with the in-memory workbook of the preview and with Office.js
 * against the Excel model. And what the pane writes through Office.js stays
 * as typed and stays out of what the user owns.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LOG_COLUMNS, LOG_TABLE, PROFILE_FIELDS } from "../../src/core";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { ExcelModel, type Scalar } from "../excel/excelModel";
import { LOG_SHEET, PROFILE_SHEET, fill, formWorkbook, renderApp, treatment } from "./helpers";

afterEach(() => ExcelModel.uninstall());

// The pane reads the workbook again FOLLOW_DELAY_MS (250 ms) after a change; jsdom's rendering of Fluent under load takes the rest.
const followed = { timeout: 3000 };

describe("with the preview's in-memory workbook", () => {
  test("a row typed into the table, cell by cell, updates Progress and Findings without a click", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2)]);
    renderApp(workbook);
    await screen.findByText("Category A · treatment received: 2 of 6 h");
    ["2024-01-11", "Treatment received from a CST-T or CST-D", "In person", "Dolores Achebe", "CST-T", "1.5"].forEach((typed, column) =>
      workbook.setCell(LOG_SHEET, 3, column, typed),
    );
    await screen.findByText("Category A · treatment received: 3.5 of 6 h", undefined, followed);
    expect(screen.getByRole("heading", { name: "Logged activities (2)" })).toBeInTheDocument();

    workbook.setCell(LOG_SHEET, 3, 1, "Reiki");
    const findings = await screen.findByRole("list", { name: "Findings" }, followed);
    expect(await within(findings).findByRole("button", { name: /^Row 3: Activity "Reiki"/ }, followed)).toBeInTheDocument();
  });

  test("a row deleted in the sheet and a Profile value typed in the sheet show up without a click", async () => {
    const workbook = await formWorkbook([treatment("2024-01-10", 2), treatment("2024-01-11", 3, "Dolores Achebe")]);
    renderApp(workbook);
    await screen.findByText("Category A · treatment received: 5 of 6 h");
    workbook.deleteTableRow(2);
    await screen.findByText("Category A · treatment received: 3 of 6 h", undefined, followed);
    workbook.setCell(PROFILE_SHEET, 2, 1, "not-an-email");
    await screen.findByRole("button", { name: /^Profile, Email: Email "not-an-email"/ }, followed);
  });
});

const LOG = "Tracking Form";

/** Excel (the model) holding the form with treatment rows, as a mentee's workbook would. */
function excelWith(rows: Scalar[][]): ExcelModel {
  const model = new ExcelModel().install();
  model.addSheet(
    PROFILE_SHEET,
    PROFILE_FIELDS.map((field, index) => [field.label, ["Ada Quint", "ada@example.org", "", "", 0, "current"][index] as Scalar]),
  );
  model.addSheet(LOG, [[...LOG_COLUMNS], ...rows]);
  model.addTable(LOG, `A1:G${Math.max(rows.length, 1) + 1}`, LOG_TABLE);
  return model;
}

const treatmentCells = (date: string, hours: number) => treatment(date, hours) as Scalar[];

describe("with Office.js against the Excel model", () => {
  test("a row typed into the table updates Progress without a click", async () => {
    const model = excelWith([treatmentCells("2024-01-10", 2)]);
    renderApp(new OfficeWorkbook());
    await screen.findByText("Category A · treatment received: 2 of 6 h");
    ["2024-01-11", "Treatment received from a CST-T or CST-D", "In person", "Dolores Achebe", "CST-T", "1.5"].forEach((typed, column) =>
      model.type(LOG, `${String.fromCharCode(65 + column)}3`, typed),
    );
    expect(model.table(LOG_TABLE)?.rowCount).toBe(2);
    await screen.findByText("Category A · treatment received: 3.5 of 6 h", undefined, followed);
  });

  test('an activity with the note \'+1 session\' and the provider =HYPERLINK("x","y") is added as typed and reads back the same', async () => {
    const model = excelWith([treatmentCells("2024-01-10", 2)]);
    renderApp(new OfficeWorkbook());
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "small-group");
    fill(within(form).getByLabelText(/^Date/), "2024-02-01");
    await userEvent.selectOptions(within(form).getByLabelText(/^Format/), "virtual");
    fill(within(form).getByLabelText(/^Provider/), '=HYPERLINK("x","y")');
    fill(within(form).getByLabelText(/^Quantity/), "1");
    fill(within(form).getByLabelText(/^Notes/), "+1 session");
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
    await within(form).findByText("Added as row 3.");
    expect(model.cell(LOG, "D3")).toMatchObject({ value: '=HYPERLINK("x","y")', formula: null });
    expect(model.cell(LOG, "G3")).toMatchObject({ value: "+1 session", formula: null });
    const content = await new OfficeWorkbook().readForm();
    expect(content.log.rows[1]?.cells.slice(3)).toEqual(['=HYPERLINK("x","y")', "", 1, "+1 session"]);
  });

  test("saving the profile writes only the changed field: a formula in another Profile cell survives", async () => {
    const model = excelWith([]);
    model.typeFormula(PROFILE_SHEET, "B1", "=Settings!A1", "Ada Quint");
    renderApp(new OfficeWorkbook());
    const form = await screen.findByRole("form", { name: "Profile" });
    await waitFor(() => expect(within(form).getByLabelText("Mentee name")).toHaveValue("Ada Quint"));
    fill(within(form).getByLabelText("Email"), "ada@example.net");
    await userEvent.click(within(form).getByRole("button", { name: "Save profile" }));
    await within(form).findByText(/^Saved to the Profile sheet: /);
    expect(model.cell(PROFILE_SHEET, "B1")).toMatchObject({ formula: "=Settings!A1", value: "Ada Quint" });
    expect(model.cell(PROFILE_SHEET, "B2").value).toBe("ada@example.net");
  });

  test("Write status column refuses, naming the cell, when the CST Status column holds a formula", async () => {
    const model = excelWith([treatmentCells("2024-01-10", 2), treatmentCells("2024-01-11", 2)]);
    model.type(LOG, "H1", "CST Status");
    model.typeFormula(LOG, "H3", "=CST.STATUS(A3:G3)", "OK");
    renderApp(new OfficeWorkbook());
    await userEvent.click(await screen.findByRole("button", { name: "Show each row's status in the sheet" }));
    await screen.findByText(/Tracking Form!H3 holds a formula \(=CST\.STATUS\(A3:G3\)\)/);
    expect(model.cell(LOG, "H3").formula).toBe("=CST.STATUS(A3:G3)");
    expect(model.cell(LOG, "H2").value).toBe("");
  });

  test("Record refuses, naming the sheet, when a sheet named CST Verification is the user's", async () => {
    const model = excelWith([treatmentCells("2024-01-10", 2)]);
    model.addSheet("CST Verification", [["My own checks"]]);
    renderApp(new OfficeWorkbook());
    await userEvent.click(await screen.findByRole("tab", { name: "Coordinator" }));
    await userEvent.click(screen.getByRole("button", { name: "Verify this workbook" }));
    await userEvent.click(await screen.findByRole("button", { name: "Record in CST Verification" }));
    await screen.findByText(/A sheet named CST Verification is already in this workbook, not made by the add-in/);
    expect(model.values("CST Verification", "A1:B2")).toEqual([
      ["My own checks", ""],
      ["", ""],
    ]);
  });
});
