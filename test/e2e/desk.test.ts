/**
 * The coordinator's desk in the built web tracker (dist/tracker.html), in
 * headless Chromium at 1280 and 1024 px: four files set on the Coordinator
 * tab's input (a submission ready to award, one earning no credit, one
 * edited after export, a plain CSV log) are listed in docs/rules.md §4's order with
 * the results across the page's width (the sheet view steps aside and the
 * tracking form's Save is not offered); the edited one opens to the changed
 * row's cells; sorting by mentee and by export date, and the "needs
 * attention" filter, reorder and narrow the list. Screenshots are kept in
 * test-results/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { type Browser, DIST, ROOT, launchChromium } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

const RESULTS = join(ROOT, "test-results");
const CLI = join(ROOT, "lib", "cli.cjs");
const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";
const CREDIT = [
  HEADER,
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-01-11,small-group,Virtual,,,6,",
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
].join("\n");
const SHORT = [HEADER, "2024-01-10,treatment,In person,Jane Roe,CST-T,6,"].join("\n");

let server: StaticServer;
let browser: Browser;
let folder: string;
const files: string[] = [];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "cst-e2e-desk-"));
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(folder, "credit.csv"), CREDIT);
  writeFileSync(join(folder, "short.csv"), SHORT);
  writeFileSync(join(folder, "plain-log.csv"), CREDIT);
  const exportAs = (source: string, out: string, name: string, email: string) =>
    execFileSync(process.execPath, [CLI, "export", source, out, "--name", name, "--email", email, "--as-of", "2024-06-01"], {
      cwd: folder,
    });
  exportAs("credit.csv", "ready.xlsx", "Cleo Ready", "cleo@example.org");
  exportAs("short.csv", "zero-credits.xlsx", "Ann Zero", "ann@example.org");
  exportAs("credit.csv", "edited.xlsx", "Bea Edited", "bea@example.org");
  // Exported on three days (the export time is shown to the minute, and no fingerprint covers it), and one edited.
  const days = { "ready.xlsx": "2024-06-01", "zero-credits.xlsx": "2024-06-02", "edited.xlsx": "2024-06-03" };
  for (const [name, day] of Object.entries(days)) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(folder, name));
    workbook.getWorksheet("Submission")!.eachRow((row) => {
      if (row.getCell(1).value === "Exported") row.getCell(2).value = `${day} 09:00 UTC`;
    });
    if (name === "edited.xlsx") {
      const log = workbook.getWorksheet("Tracking Form")!;
      log.getCell("F3").value = 8;
      log.getCell("G3").value = "two hours added later";
    }
    await workbook.xlsx.writeFile(join(folder, name));
  }
  files.push(...["ready.xlsx", "zero-credits.xlsx", "edited.xlsx", "plain-log.csv"].map((name) => join(folder, name)));
  server = await serveDirectory(DIST);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

const results = (page: Page) => page.getByRole("list", { name: "Verified submissions" });
const states = (page: Page) =>
  results(page)
    .getByTestId("verification-state")
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-state")));
const fileNames = (page: Page) =>
  results(page)
    .getByTestId("verified-mentee")
    .evaluateAll((nodes) => nodes.map((node) => node.lastElementChild?.textContent ?? ""));

async function openDesk(width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.origin}/tracker.html`);
  await page.getByTestId("app-title").waitFor();
  // The mentee's view: the tracking form's Save and the sheet view beside the pane.
  await page.getByRole("button", { name: "Save", exact: true }).waitFor();
  await expect(page.getByRole("region", { name: /^Sheet / }).isVisible()).resolves.toBe(true);
  await page.getByRole("tab", { name: "Coordinator" }).click();
  await page.getByTestId("submission-files").setInputFiles(files);
  await results(page).waitFor();
  await page.getByText("Verified 4 files.").waitFor();
  return { page, errors };
}

test.each([1280, 1024])(
  "at %i px: four files listed in docs/rules.md §4's order across the width; sorted, filtered, the edit shown",
  async (width) => {
    const { page, errors } = await openDesk(width);
    await expect(states(page)).resolves.toEqual(["edited", "not-a-submission", "nothing-to-award", "ready"]);
    await expect(fileNames(page)).resolves.toEqual(["edited.xlsx", "plain-log.csv", "zero-credits.xlsx", "ready.xlsx"]);
    const first = results(page).locator("li").first();
    await expect(first.getByTestId("verification-state").textContent()).resolves.toBe("EDITED after export: row 3 changed");
    await expect(first.textContent()).resolves.toMatch(
      /Bea Editededited\.xlsxbea@example\.orgexported 2024-06-03 09:00 UTC1 creditA 6 h · B 8 h · C 12 h/,
    );

    // The results take the width: the sheet view stepped aside, and the only Save is the record's.
    await expect(page.getByRole("region", { name: /^Sheet / }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Save", exact: true }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Save as…" }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Save the record" }).count()).resolves.toBe(1);
    const paneWidth = await page.getByTestId("pane").evaluate((pane) => pane.getBoundingClientRect().width);
    expect(paneWidth).toBeGreaterThan(width - 40);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
    // One line per file: the state, mentee and next credit of a result share its top.
    const tops = await first.evaluate((item) => [...item.children].slice(0, 7).map((cell) => Math.round(cell.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);

    // The edited one opens to the changed row's cells.
    await first.getByText("Findings and changes").click();
    const changed = first.getByTestId("changed-row");
    await expect(changed.textContent()).resolves.toMatch(/^Row 3 changed:/);
    await expect(changed.getByRole("cell").allTextContents()).resolves.toEqual([
      "2024-01-11",
      "small-group",
      "Virtual",
      "",
      "",
      "8",
      "two hours added later",
    ]);
    await page.screenshot({ path: join(RESULTS, `desk-${width}.png`) });

    const sorting = page.getByRole("group", { name: "Sort the results" });
    await sorting.getByRole("button", { name: "Mentee" }).click();
    await expect(fileNames(page)).resolves.toEqual(["zero-credits.xlsx", "edited.xlsx", "ready.xlsx", "plain-log.csv"]);
    await sorting.getByRole("button", { name: /^Mentee/ }).click();
    await expect(fileNames(page)).resolves.toEqual(["ready.xlsx", "edited.xlsx", "zero-credits.xlsx", "plain-log.csv"]);
    await sorting.getByRole("button", { name: "Exported" }).click();
    await expect(fileNames(page)).resolves.toEqual(["ready.xlsx", "zero-credits.xlsx", "edited.xlsx", "plain-log.csv"]);
    // Opened findings stay open when the list is sorted.
    await expect(results(page).locator("li", { hasText: "edited.xlsx" }).locator("details").getAttribute("open")).resolves.toBe("");
    await sorting.getByRole("button", { name: /^State/ }).click();
    await expect(states(page)).resolves.toEqual(["edited", "not-a-submission", "nothing-to-award", "ready"]);

    await page.getByRole("checkbox", { name: "Needs attention only" }).check();
    await expect(fileNames(page)).resolves.toEqual(["edited.xlsx"]);
    await page.screenshot({ path: join(RESULTS, `desk-attention-${width}.png`) });
    await page.getByRole("checkbox", { name: "Needs attention only" }).uncheck();
    await expect(fileNames(page)).resolves.toHaveLength(4);

    // Back to the mentee's view: the sheet view and the tracking form's Save return.
    await page.getByRole("tab", { name: "Mentee" }).click();
    await page.getByRole("button", { name: "Save", exact: true }).waitFor();
    await expect(page.getByRole("region", { name: /^Sheet / }).isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  },
);
