/** @jest-environment jsdom */
/**
 * Typed numbers follow Excel's decimal mark (Application.decimalSeparator),
 * not the web view's language: English Office with German regional settings
 * types 1,5 in the grid, and the pane takes it too.
 */
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LOG_COLUMNS, LOG_TABLE, PROFILE_FIELDS } from "../../src/core";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { ExcelModel, type Scalar } from "../excel/excelModel";
import { PROFILE_SHEET, fill, renderApp, treatment } from "./helpers";

afterEach(() => ExcelModel.uninstall());

async function addQuantity(model: ExcelModel, quantity: string) {
  model.addSheet(
    PROFILE_SHEET,
    PROFILE_FIELDS.map((field, index) => [field.label, ["Ada Quint", "ada@example.org", "", "", 0, "current"][index] as Scalar]),
  );
  model.addSheet("Tracking Form", [[...LOG_COLUMNS], treatment("2024-01-10", 2) as Scalar[]]);
  model.addTable("Tracking Form", "A1:G2", LOG_TABLE);
  renderApp(new OfficeWorkbook());
  const form = await screen.findByRole("form", { name: "Add an activity" });
  await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "small-group");
  fill(within(form).getByLabelText(/^Date/), "2024-02-01");
  await userEvent.selectOptions(within(form).getByLabelText(/^Format/), "virtual");
  fill(within(form).getByLabelText(/^Provider/), "Dolores Achebe");
  fill(within(form).getByLabelText(/^Quantity/), quantity);
  await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
  return form;
}

test("Excel set to a decimal comma, the pane in English: 1,5 is added as 1.5", async () => {
  expect(navigator.language).toMatch(/^en/);
  const model = new ExcelModel({ decimalSeparator: "," }).install();
  const form = await addQuantity(model, "1,5");
  await within(form).findByText(/^Added as row 3\./, undefined, { timeout: 3000 });
  expect(model.cell("Tracking Form", "F3").value).toBe(1.5);
});

test("Excel set to a decimal point: 1,5 is not taken as 1.5", async () => {
  const model = new ExcelModel({ decimalSeparator: "." }).install();
  await addQuantity(model, "1,5");
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(model.table(LOG_TABLE)?.rowCount).toBe(1);
});
