/**
 * The Coordinator tab in headless Chromium (the built preview), with real
 * files on its file input: a submission exported by the command line, the
 * same submission edited after export, and a CSV log with errors. Each is
 * shown with its state; Record appends three rows to the CST Verification
 * sheet, and recording the same files again adds none.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { type Browser, ROOT, launchChromium } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

const RESULTS = join(ROOT, "test-results");
let server: StaticServer;
let browser: Browser;
let folder: string;

const LOG = [
  "Date,Activity,Format,Provider,Credential,Quantity,Notes",
  "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
  "2024-01-11,small-group,Virtual,,,6,",
  "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
].join("\n");

beforeAll(async () => {
  server = await serveDirectory(join(ROOT, "dist"));
  browser = await launchChromium();
  folder = mkdtempSync(join(tmpdir(), "cst-e2e-coordinator-"));
  writeFileSync(join(folder, "log.csv"), LOG);
  const cli = (...args: string[]) => execFileSync(process.execPath, [join(ROOT, "lib", "cli.cjs"), ...args], { cwd: folder });
  cli("export", "log.csv", "unchanged.xlsx", "--name", "Ann Mentee", "--email", "ann@example.org", "--as-of", "2024-06-01");
  const edited = new ExcelJS.Workbook();
  await edited.xlsx.readFile(join(folder, "unchanged.xlsx"));
  edited.getWorksheet("Tracking Form")!.getCell("F3").value = 8;
  await edited.xlsx.writeFile(join(folder, "edited.xlsx"));
  writeFileSync(join(folder, "errors.csv"), `${LOG}\n03/04/2024,treatment,Virtual,Jane Roe,CST-T,2,\n`);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

const pane = (page: Page) => page.getByTestId("pane");

test("three files verified in the pane, recorded once in CST Verification; the screenshot looked at", async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.origin}/preview.html`);
  await page.getByTestId("app-title").waitFor();
  await pane(page).getByRole("tab", { name: "Coordinator" }).click();
  await pane(page)
    .getByTestId("submission-files")
    .setInputFiles(["unchanged.xlsx", "edited.xlsx", "errors.csv"].map((name) => join(folder, name)));
  const list = pane(page).getByRole("list", { name: "Verified submissions" });
  const state = (name: string) => list.locator("li", { hasText: name }).getByTestId("verification-state");
  await expect(state("unchanged.xlsx").textContent()).resolves.toBe("READY TO AWARD");
  await expect(state("edited.xlsx").textContent()).resolves.toBe("EDITED after export: row 3 changed");
  await expect(state("errors.csv").textContent()).resolves.toBe("HAS ERRORS");
  await expect(list.locator("li", { hasText: "unchanged.xlsx" }).textContent()).resolves.toMatch(/Ann Mentee.*ann@example\.org/);

  await pane(page).getByRole("button", { name: "Record in CST Verification" }).click();
  await pane(page).getByText("Recorded 3 submissions in the CST Verification sheet.").waitFor();
  const sheet = page.getByRole("region", { name: /^Sheet CST Verification/ });
  await page.getByRole("tab", { name: "CST Verification" }).click();
  await sheet.locator('tr[data-row="5"]').waitFor();
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, "coordinator-1280.png") });
  // Rows with content (the sheet view shows a few blank rows below, to type into).
  const filled = async () => (await sheet.locator("tbody tr").allTextContents()).filter((text) => !/^\d+$/.test(text));
  await expect(filled()).resolves.toHaveLength(5);
  await expect(sheet.locator('tr[data-row="2"]').textContent()).resolves.toContain("Fingerprint");

  await pane(page).getByRole("button", { name: "Record in CST Verification" }).click();
  await pane(page).getByText("Recorded 0 submissions in the CST Verification sheet (3 already recorded, by fingerprint).").waitFor();
  await expect(filled()).resolves.toHaveLength(5);
  expect(errors).toEqual([]);
  expect(readFileSync(join(folder, "errors.csv"), "utf8")).toContain("03/04/2024");
  await page.close();
});
