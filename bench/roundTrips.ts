/**
 * Round trips to Excel (docs/rules.md §9): the context.sync() calls each of the pane's
 * actions makes through the Office.js adapter, counted on the project's
 * Excel model (test/excel/excelModel.ts, which follows Microsoft's pages:
 * on Excel on the web each sync crosses the network), beside the log's size
 * and the budget: 2 plus one per chunk of about 1 MB of the log.
 */
import { OfficeWorkbook } from "../src/excel/officeWorkbook";
import { ExcelModel } from "../test/excel/excelModel";
import { excelWithForm, treatmentRow as row } from "../test/excel/forms";

const CHUNK_BYTES = 1_000_000;

async function syncsOf(model: ExcelModel, action: () => Promise<unknown>): Promise<number> {
  const before = model.syncs;
  await action();
  return model.syncs - before;
}

export async function benchRoundTrips(): Promise<string[]> {
  const lines = ["Round trips to Excel (context.sync calls per action, on the Excel model; budget 2 + 1 per ~1 MB chunk of the log):"];
  for (const count of [20, 2_000, 100_000]) {
    const model = excelWithForm(count);
    const workbook = new OfficeWorkbook();
    const bytes = JSON.stringify(model.values("Tracking Form", `A1:G${count + 1}`)).length;
    const budget = 2 + Math.ceil(bytes / CHUNK_BYTES);
    const content = await workbook.readForm();
    const last = content.log.rows[content.log.rows.length - 1];
    const counts: [string, number][] = [
      ["read (the refresh after an edit)", await syncsOf(model, () => workbook.readForm())],
      ["add", await syncsOf(model, () => workbook.appendRow(row(count)))],
      ["correct", last === undefined ? 0 : await syncsOf(model, () => workbook.writeRow(last.row, row(count + 1), last.cells))],
      ["profile save", await syncsOf(model, () => workbook.writeProfile({ email: "ada.quint@example.org" }))],
      [
        "status write",
        await syncsOf(model, () =>
          workbook.markRows(content.log.rows.map((each) => ({ row: each.row, level: "ok" as const, text: "OK" }))),
        ),
      ],
      ["remove", last === undefined ? 0 : await syncsOf(model, () => workbook.removeRow(last.row, row(count + 1)))],
    ];
    const over = counts.filter(([, syncs]) => syncs > budget).map(([name]) => name);
    lines.push(
      `  ${count.toLocaleString("en")} rows (${(bytes / 1_000_000).toFixed(1)} MB, budget ${budget}): ${counts.map(([name, syncs]) => `${name} ${syncs}`).join(", ")}${over.length === 0 ? " (within budget)" : ` (OVER BUDGET: ${over.join(", ")})`}`,
    );
    ExcelModel.uninstall();
  }
  return lines;
}
