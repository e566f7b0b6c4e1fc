/** @jest-environment jsdom */
/**
 * The preview's sheet view takes typing as Excel does, from the keyboard
 * alone: select a cell, type or press Enter/F2 to edit, Enter commits and
 * moves down, Escape cancels; what is typed is read as Excel reads it.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LOG_SHEET, isoDateToExcelSerial } from "../../src/core";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { SheetGrid } from "../../src/preview/SheetGrid";

async function workbookWithForm(): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await workbook.insertForm();
  return workbook;
}

function renderGrid(workbook: MemoryWorkbook) {
  render(
    <FluentProvider theme={webLightTheme}>
      <SheetGrid workbook={workbook} />
    </FluentProvider>,
  );
  return screen.getByRole("grid", { name: LOG_SHEET });
}

test("typing into a selected cell and pressing Enter writes it, read as Excel reads it; the table grows", async () => {
  const workbook = await workbookWithForm();
  const grid = renderGrid(workbook);
  await userEvent.click(within(grid).getByRole("gridcell", { name: /^A2/ }));
  await userEvent.keyboard("2024-05-02");
  expect(within(grid).getByRole("textbox", { name: "Edit cell A2" })).toHaveValue("2024-05-02");
  await userEvent.keyboard("{Enter}");
  expect(workbook.cell(LOG_SHEET, 2, 0)).toBe(isoDateToExcelSerial("2024-05-02", "1900"));
  expect(within(grid).getByRole("gridcell", { name: "A2 2024-05-02" })).toBeInTheDocument();
  // Enter moved the selection down: the next row is typed below the table and the table grows to take it.
  expect(within(grid).getByRole("gridcell", { name: /^A3/ })).toHaveFocus();
  await userEvent.keyboard("2024-05-03{Tab}+1 session{Enter}");
  expect(workbook.cell(LOG_SHEET, 3, 1)).toBe("+1 session");
  const content = await workbook.readForm();
  expect(content.log.rows.map((row) => row.row)).toEqual([2, 3]);
});

test("Enter or F2 edits the cell's content; Escape cancels; arrows move; Delete clears", async () => {
  const workbook = await workbookWithForm();
  workbook.setCell(LOG_SHEET, 2, 3, "Ilse Brandvold");
  const grid = renderGrid(workbook);
  await userEvent.click(within(grid).getByRole("gridcell", { name: /^C2/ }));
  await userEvent.keyboard("{ArrowRight}{F2}");
  const editor = within(grid).getByRole("textbox", { name: "Edit cell D2" });
  expect(editor).toHaveValue("Ilse Brandvold");
  await userEvent.keyboard(" Jr{Escape}");
  expect(workbook.cell(LOG_SHEET, 2, 3)).toBe("Ilse Brandvold");
  expect(within(grid).getByRole("gridcell", { name: /^D2/ })).toHaveFocus();
  await userEvent.keyboard("{Enter}{End} Jr{Enter}");
  expect(workbook.cell(LOG_SHEET, 2, 3)).toBe("Ilse Brandvold Jr");
  await userEvent.keyboard("{ArrowUp}{Delete}");
  expect(workbook.cell(LOG_SHEET, 2, 3)).toBe("");
});

test("a double-click edits; a formula typed into a General cell is kept as a formula and shown as one", async () => {
  const workbook = new MemoryWorkbook({ sheets: [{ name: "Notes", cells: [["My notes"]] }] });
  render(
    <FluentProvider theme={webLightTheme}>
      <SheetGrid workbook={workbook} />
    </FluentProvider>,
  );
  const grid = screen.getByRole("grid", { name: "Notes" });
  await userEvent.dblClick(within(grid).getByRole("gridcell", { name: /^A2/ }));
  await userEvent.keyboard("=1+1{Enter}");
  expect(workbook.cell("Notes", 2, 0)).toEqual({ formula: "=1+1" });
  expect(within(grid).getByRole("gridcell", { name: "A2 =1+1" })).toBeInTheDocument();
});
