/** @jest-environment jsdom */
/**
 * The preview's sheet view takes typing as Excel does, from the keyboard
 * alone: select a cell, type or press Enter/F2 to edit, Enter commits and
 * moves down, Escape cancels; what is typed is read as Excel reads it.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { LOG_SHEET, isoDateToExcelSerial } from "../../src/core";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { SheetGrid } from "../../src/sheet/SheetGrid";
import { LanguageProvider, loadLanguage, usePaneTranslator } from "../../src/taskpane/i18n";
import { SheetLanguage } from "../../src/sheet/words";

/** The sheet view in the pane's language, as the preview and the web tracker hand it over. */
function SheetInPaneLanguage({ workbook }: { workbook: MemoryWorkbook }) {
  return (
    <SheetLanguage translator={usePaneTranslator()}>
      <SheetGrid workbook={workbook} />
    </SheetLanguage>
  );
}

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

describe("a long sheet draws the rows in view, not all of them", () => {
  const ROWS = 2000;
  function longWorkbook(): MemoryWorkbook {
    const cells = Array.from({ length: ROWS }, (_, index) => [`Row ${index + 1}`, index + 1]);
    return new MemoryWorkbook({ sheets: [{ name: "Long", cells }] });
  }
  function renderLong(workbook: MemoryWorkbook) {
    render(
      <FluentProvider theme={webLightTheme}>
        <SheetGrid workbook={workbook} />
      </FluentProvider>,
    );
    return { grid: screen.getByRole("grid", { name: "Long" }), scroller: screen.getByRole("region", { name: "Sheet Long" }) };
  }
  const drawnRows = (grid: HTMLElement) =>
    [...grid.querySelectorAll("tbody tr[data-row]")].map((row) => Number(row.getAttribute("data-row")));
  /** Scrolls the sheet view as a person would, and lets the view follow (it follows on the next animation frame). */
  async function scrollTo(scroller: HTMLElement, top: number): Promise<void> {
    Object.defineProperty(scroller, "scrollTop", { configurable: true, value: top });
    await act(async () => {
      scroller.dispatchEvent(new Event("scroll"));
      await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
    });
  }
  const ROW_HEIGHT = 21; // jsdom lays nothing out: the view keeps its estimate of a row's height

  test("the rows not drawn stand as spacers of their height, and the table tells assistive technology its size", () => {
    const { grid } = renderLong(longWorkbook());
    const drawn = drawnRows(grid);
    expect(drawn[0]).toBe(1);
    expect(drawn.length).toBeLessThan(150);
    expect(drawn).not.toContain(ROWS);
    const spacers = [...grid.querySelectorAll<HTMLElement>('tbody tr[aria-hidden="true"]')];
    const standIns = spacers.reduce((sum, spacer) => sum + parseFloat(spacer.style.height) / ROW_HEIGHT, 0);
    // Every row of the sheet (and the empty ones below it for typing) is drawn or stood in for, once.
    expect(drawn.length + standIns).toBe(ROWS + 3);
    expect(grid).toHaveAttribute("aria-rowcount", String(ROWS + 3 + 1));
    expect(within(grid).getByRole("gridcell", { name: "A40 Row 40" }).closest("tr")).toHaveAttribute("aria-rowindex", "41");
  });

  test("scrolling draws the rows come into view; the last row can be reached and edited", async () => {
    const workbook = longWorkbook();
    const { grid, scroller } = renderLong(workbook);
    await scrollTo(scroller, (ROWS - 10) * ROW_HEIGHT);
    const drawn = drawnRows(grid);
    expect(drawn).toContain(ROWS);
    expect(drawn).not.toContain(500);
    await userEvent.dblClick(within(grid).getByRole("gridcell", { name: `A${ROWS} Row ${ROWS}` }));
    await userEvent.keyboard(" edited{Enter}");
    expect(workbook.cell("Long", ROWS, 0)).toBe(`Row ${ROWS} edited`);
  });

  test("an entry being typed, and the cursor, stay drawn when the sheet is scrolled away from them", async () => {
    const workbook = longWorkbook();
    const { grid, scroller } = renderLong(workbook);
    await userEvent.dblClick(within(grid).getByRole("gridcell", { name: "B5 5" }));
    await userEvent.keyboard("{Backspace}42");
    await scrollTo(scroller, 1200 * ROW_HEIGHT);
    expect(drawnRows(grid)).toContain(1200);
    const editor = within(grid).getByRole("textbox", { name: "Edit cell B5" });
    expect(editor).toHaveValue("42");
    expect(editor).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    expect(workbook.cell("Long", 5, 1)).toBe(42);
    // Enter moved the cursor to B6, which is drawn (and focused) though out of the scrolled view.
    expect(within(grid).getByRole("gridcell", { name: "B6 6" })).toHaveFocus();
  });

  test("a selection made elsewhere (a finding's Go to) draws its row, however far down", async () => {
    const workbook = await workbookWithForm();
    workbook.setCell(LOG_SHEET, 1800, 0, "2024-05-02");
    // jsdom has no layout, hence no scrollIntoView: record what the view asks the browser to bring into view.
    const revealed: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      revealed.push(this);
    };
    const grid = renderGrid(workbook);
    expect(drawnRows(grid)).not.toContain(1750);
    await act(() => workbook.goTo({ kind: "row", row: 1750 }));
    expect(drawnRows(grid)).toContain(1750);
    const row = grid.querySelector('tr[data-row="1750"]');
    expect(row).toHaveAttribute("data-selected", "true");
    expect(revealed.length).toBeGreaterThan(0);
    expect(revealed.every((element) => element === row)).toBe(true);
  });
});

test("as people type: a date read two ways is refused beside the grid and kept as typed; month names, decimal commas and short activity names are read", async () => {
  const workbook = await workbookWithForm();
  const grid = renderGrid(workbook);
  await userEvent.click(within(grid).getByRole("gridcell", { name: /^A2/ }));
  await userEvent.keyboard("3/10/2024{Enter}");
  const editor = within(grid).getByRole("textbox", { name: "Edit cell A2" });
  expect(editor).toHaveValue("3/10/2024");
  expect(editor).toHaveAttribute("aria-invalid", "true");
  expect(screen.getByRole("alert")).toHaveTextContent(
    /A2: "3\/10\/2024" could be 3 October 2024 or 10 March 2024: type it as 2024-10-03 or 2024-03-10/,
  );
  expect(workbook.cell(LOG_SHEET, 2, 0)).toBe("");
  await userEvent.clear(editor);
  await userEvent.keyboard("10 March 2024{Tab}Small group{Tab}Virtual{Tab}{ArrowRight}{ArrowRight}1,5{Enter}");
  expect(screen.queryByRole("alert")).toBeNull();
  expect(workbook.cell(LOG_SHEET, 2, 0)).toBe(isoDateToExcelSerial("2024-03-10", "1900"));
  expect(workbook.cell(LOG_SHEET, 2, 1)).toBe("Small group mentorship (4–8 participants)");
  expect(workbook.cell(LOG_SHEET, 2, 5)).toBe(1.5);
  const { log } = await workbook.readForm();
  expect(log.rows[0]?.cells.slice(0, 3)).toEqual([
    isoDateToExcelSerial("2024-03-10", "1900"),
    "Small group mentorship (4–8 participants)",
    "Virtual",
  ]);
});

test("Activity, Format and Credential cells offer the form's lists while typed", async () => {
  const workbook = await workbookWithForm();
  const grid = renderGrid(workbook);
  await userEvent.click(within(grid).getByRole("gridcell", { name: /^B2/ }));
  await userEvent.keyboard("{Enter}");
  const list = within(grid).getByRole("combobox", { name: "Edit cell B2" }).getAttribute("list") ?? "";
  const options = [...(document.getElementById(list)?.querySelectorAll("option") ?? [])].map((option) => option.value);
  expect(options).toHaveLength(11);
  expect(options).toContain("Study group session (in person or virtual)");
  await userEvent.keyboard("{Escape}{ArrowRight}{Enter}");
  expect(within(grid).getByRole("combobox", { name: "Edit cell C2" }).getAttribute("list")).toBe("cst-choices-format");
  await userEvent.keyboard("{Escape}{ArrowRight}{Enter}");
  expect(within(grid).getByRole("textbox", { name: "Edit cell D2" })).not.toHaveAttribute("list");
});

test("in German, the sheet view's names, hint and refusals are German; what is typed is written as Excel reads it", async () => {
  const workbook = await workbookWithForm();
  render(
    <FluentProvider theme={webLightTheme}>
      <LanguageProvider language={await loadLanguage(["de-DE"])}>
        <SheetInPaneLanguage workbook={workbook} />
      </LanguageProvider>
    </FluentProvider>,
  );
  expect(screen.getByRole("region", { name: "Arbeitsmappe (Vorschau)" })).toBeInTheDocument();
  expect(screen.getByRole("tablist", { name: "Blätter" })).toBeInTheDocument();
  expect(screen.getByText(/^Tippen Sie wie in Excel in das Blatt/)).toBeInTheDocument();
  // Sheet and table names stay the workbook's own.
  const grid = screen.getByRole("grid", { name: LOG_SHEET });
  expect(screen.getByRole("region", { name: `Blatt ${LOG_SHEET}` })).toBeInTheDocument();
  await userEvent.click(within(grid).getByRole("gridcell", { name: /^A2/ }));
  await userEvent.keyboard("31/02/2024{Enter}");
  expect(within(grid).getByRole("textbox", { name: "Zelle A2 bearbeiten" })).toHaveValue("31/02/2024");
  expect(screen.getByRole("alert")).toHaveTextContent(
    "A2: „31/02/2024“ ist kein echtes Kalenderdatum: Prüfen Sie Monat und Tag. (Esc bricht ab.)",
  );
  await userEvent.clear(within(grid).getByRole("textbox", { name: "Zelle A2 bearbeiten" }));
  await userEvent.keyboard("2024-02-28{Enter}");
  expect(workbook.cell(LOG_SHEET, 2, 0)).toBe(isoDateToExcelSerial("2024-02-28", "1900"));
});

describe("typing is read in the page's language, not the browser's", () => {
  function renderIn(workbook: MemoryWorkbook, language: Awaited<ReturnType<typeof loadLanguage>>) {
    return render(
      <FluentProvider theme={webLightTheme}>
        <LanguageProvider language={language}>
          <SheetInPaneLanguage workbook={workbook} />
        </LanguageProvider>
      </FluentProvider>,
    );
  }

  test("a German page in an English browser: German month names and decimal commas, German months in a refusal", async () => {
    expect(navigator.language).toBe("en-US");
    const workbook = await workbookWithForm();
    renderIn(workbook, await loadLanguage(["de"]));
    const grid = screen.getByRole("grid", { name: LOG_SHEET });
    await userEvent.click(within(grid).getByRole("gridcell", { name: /^A2/ }));
    await userEvent.keyboard("3/10/2024{Enter}");
    expect(screen.getByRole("alert")).toHaveTextContent("„3/10/2024“ kann 3 Oktober 2024 oder 10 März 2024 sein");
    await userEvent.clear(within(grid).getByRole("textbox", { name: "Zelle A2 bearbeiten" }));
    await userEvent.keyboard("10. März 2024{Tab}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}1,5{Enter}");
    expect(workbook.cell(LOG_SHEET, 2, 0)).toBe(isoDateToExcelSerial("2024-03-10", "1900"));
    expect(workbook.cell(LOG_SHEET, 2, 5)).toBe(1.5);
  });

  test("an English page in a German browser names months in English, and the language menu's change is followed", async () => {
    const browser = jest.spyOn(navigator, "language", "get").mockReturnValue("de-DE");
    try {
      const workbook = await workbookWithForm();
      const { rerender } = renderIn(workbook, await loadLanguage(["en"]));
      const grid = screen.getByRole("grid", { name: LOG_SHEET });
      await userEvent.click(within(grid).getByRole("gridcell", { name: /^A2/ }));
      await userEvent.keyboard("3/10/2024{Enter}");
      expect(screen.getByRole("alert")).toHaveTextContent('"3/10/2024" could be 3 October 2024 or 10 March 2024');
      await userEvent.keyboard("{Escape}");
      rerender(
        <FluentProvider theme={webLightTheme}>
          <LanguageProvider language={await loadLanguage(["fr"])}>
            <SheetInPaneLanguage workbook={workbook} />
          </LanguageProvider>
        </FluentProvider>,
      );
      await userEvent.click(within(grid).getByRole("gridcell", { name: /^A2/ }));
      await userEvent.keyboard("3/10/2024{Enter}");
      expect(screen.getByRole("alert")).toHaveTextContent("3 octobre 2024");
    } finally {
      browser.mockRestore();
    }
  });
});
