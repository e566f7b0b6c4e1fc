/** @jest-environment jsdom */
/**
 * Round trips to Excel from the pane (docs/rules.md §9 and 10), against the Excel
 * model, which counts every context.sync(): a refresh after an edit to the
 * form costs one read of the form; an edit elsewhere costs none; nothing is
 * read while the pane is hidden, and what changed meanwhile is read when it
 * shows; two reads never run at once; the pane's own writes cost no second
 * read; and each action stays within 2 syncs plus one per chunk of about
 * 1 MB, at 20 rows as at 2,000.
 */
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { OfficeWorkbook } from "../../src/excel/officeWorkbook";
import { ExcelModel } from "../excel/excelModel";
import { excelWithForm } from "../excel/forms";
import { fill, renderApp } from "./helpers";

afterEach(() => ExcelModel.uninstall());

const LOG = "Tracking Form";
const followed = { timeout: 3000 };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const excelWith = (count: number) => excelWithForm(count, ["Budget"]);

/** The pane over Office.js, with every read of the form counted, and the most read at once. */
function pane(model: ExcelModel) {
  const workbook = new OfficeWorkbook();
  const reads = { started: 0, running: 0, most: 0 };
  const readForm = workbook.readForm.bind(workbook);
  workbook.readForm = async () => {
    reads.started++;
    reads.most = Math.max(reads.most, ++reads.running);
    try {
      return await readForm();
    } finally {
      reads.running--;
    }
  };
  renderApp(workbook);
  return { workbook, reads, model };
}

/** Waits until the pane has read the form and everything it started has ended. */
async function quiet(model: ExcelModel, reads: { running: number }): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await model.settle();
    await pause(300);
    await model.settle();
    if (reads.running === 0) return;
  }
}

describe("following the workbook costs round trips only when the form changes", () => {
  test("an edit to the log costs one read (2 syncs); an edit on another sheet or beside the table costs none", async () => {
    const model = excelWith(20);
    const { reads } = pane(model);
    await screen.findByText(/^Category A · treatment received: (10|6) of 6 h/);
    await quiet(model, reads);
    const before = model.syncs;
    const started = reads.started;
    model.type("Budget", "B1", "1300");
    model.type(LOG, "M4", "scratch");
    await quiet(model, reads);
    expect(model.syncs - before).toBe(0);
    expect(reads.started).toBe(started);

    model.type(LOG, "G2", "typed note");
    await quiet(model, reads);
    expect(reads.started).toBe(started + 1);
    expect(model.syncs - before).toBe(2);
  });

  test("nothing is read while the pane is hidden; what changed is read once when it shows", async () => {
    const model = excelWith(20);
    const { reads } = pane(model);
    await screen.findByText(/^Category A/);
    await quiet(model, reads);
    const before = model.syncs;
    model.hidePane();
    for (let i = 0; i < 5; i++) model.type(LOG, `G${i + 2}`, `typed while hidden ${i}`);
    await quiet(model, reads);
    expect(model.syncs).toBe(before);
    model.showPane();
    await quiet(model, reads);
    expect(model.syncs - before).toBe(2);
    const content = await new OfficeWorkbook().readForm();
    expect(content.log.rows[4]?.cells[6]).toBe("typed while hidden 4");
  });

  test("two reads never run at once: edits during a read ask for one more read after it", async () => {
    const model = excelWith(2_000);
    const { reads } = pane(model);
    await screen.findByText(/^Category A/, undefined, followed);
    await quiet(model, reads);
    // A read takes 3 round trips of 150 ms, longer than the pane waits after a change.
    model.latencyMs = 150;
    for (let i = 0; i < 6; i++) {
      model.type(LOG, `G${i + 2}`, `burst ${i}`);
      await pause(120);
    }
    await quiet(model, reads);
    expect(reads.most).toBe(1);
    const content = await new OfficeWorkbook().readForm();
    expect(content.log.rows[5]?.cells[6]).toBe("burst 5");
  });

  test("adding from the pane costs the write (2 syncs), one read (2) and going to the row (1): no second read for its own write", async () => {
    const model = excelWith(20);
    const { reads } = pane(model);
    const form = await screen.findByRole("form", { name: "Add an activity" });
    await quiet(model, reads);
    await userEvent.selectOptions(within(form).getByLabelText(/^Activity/), "small-group");
    fill(within(form).getByLabelText(/^Date/), "2024-02-01");
    await userEvent.selectOptions(within(form).getByLabelText(/^Format/), "virtual");
    fill(within(form).getByLabelText(/^Provider/), "Dolores Achebe");
    fill(within(form).getByLabelText(/^Quantity/), "1");
    const before = model.syncs;
    const started = reads.started;
    await userEvent.click(within(form).getByRole("button", { name: "Add to log" }));
    await within(form).findByText(/^Added as row 22\./, undefined, followed);
    await quiet(model, reads);
    expect(reads.started - started).toBe(1);
    // The write, the read after it, and selecting the new row in the sheet.
    expect(model.syncs - before).toBe(2 + 2 + 1);
    await waitFor(() => expect(model.cell(LOG, "D22").value).toBe("Dolores Achebe"));
  });
});
