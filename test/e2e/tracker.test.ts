/**
 * The web tracker (dist/tracker.html) in headless Chromium, with files
 * written at test time by openpyxl and LibreOffice: open, add, correct and
 * remove activities in the pane, save, and read the saved file back with
 * openpyxl and with `verify`; export and verify `unchanged`; a CSV log saved
 * as a workbook; the page reloaded with its server gone (the service worker
 * answers) still opens a file; no request leaves the page's origin; axe;
 * screenshots at 320 and 1280 px.
 *
 * The system's file pickers (File System Access) cannot be answered in a
 * headless browser, so the page is given none: it opens through its file
 * input and saves as a download, as in Firefox and Safari. The pickers' path
 * is tested in jsdom (test/tracker/trackerPage.test.tsx).
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { LIBREOFFICE, OPENPYXL, PYTHON, resaveWithLibreOffice, toolsReady, writeOpenpyxl } from "../workbook/tools";
import { type Browser, DIST, ROOT, axeViolations, launchChromium, openWithoutPickers } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

const RESULTS = join(ROOT, "test-results");
const CLI = join(ROOT, "lib", "cli.cjs");
const AS_OF = "2024-12-31";
const ready = toolsReady(OPENPYXL, LIBREOFFICE);
const maybe = ready ? describe : describe.skip;

let server: StaticServer;
let browser: Browser;
let folder: string;
/** Requests the pages made to anywhere but the page's own servers. */
const outside: string[] = [];
/** The page's own servers' origins. */
const own = new Set<string>();

/** openpyxl's reading of a saved form: the Profile values and the log's rows, dates as ISO text. */
const READ_SCRIPT = String.raw`
import datetime, json, sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
def plain(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return value
log = wb["Tracking Form"]
rows = [[plain(cell) for cell in row] for row in log.iter_rows(min_row=2, max_col=7, values_only=True)]
print(json.dumps({
    "sheets": wb.sheetnames,
    "tables": list(log.tables.keys()),
    "header": [cell.value for cell in log[1][:7]],
    "profile": [plain(row[1]) for row in wb["Profile"].iter_rows(min_row=1, max_row=6, max_col=2, values_only=True)],
    "rows": [row for row in rows if any(value is not None for value in row)],
}))
`;

interface OpenpyxlReading {
  readonly sheets: string[];
  readonly tables: string[];
  readonly header: string[];
  readonly profile: unknown[];
  readonly rows: unknown[][];
}

const readWithOpenpyxl = (file: string): OpenpyxlReading =>
  JSON.parse(execFileSync(PYTHON, ["-c", READ_SCRIPT, file], { encoding: "utf8" }));

interface VerifyJson {
  readonly credits: number;
  readonly hours: Record<string, number>;
  readonly valid: boolean;
  readonly mentee: { name: string | null; email: string | null };
  readonly profile: { errors: unknown[]; warnings: unknown[] };
  readonly rows: { row: number; category: string | null; hours: number; errors: unknown[]; warnings: unknown[] }[];
  readonly next: unknown;
  readonly fingerprint: string;
  readonly submission: "unchanged" | "edited" | null;
}

/** `verify --json` of a file (exit 0 or 1: its JSON either way). */
function verify(file: string): VerifyJson {
  try {
    return JSON.parse(execFileSync(process.execPath, [CLI, "verify", file, "--json", "--as-of", AS_OF], { encoding: "utf8" }));
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return JSON.parse(stdout);
    throw error;
  }
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "cst-e2e-tracker-"));
  if (ready) {
    writeOpenpyxl(join(folder, "openpyxl.xlsx"), "rich");
    // The 1904 date system, with a comment, a chart and a chart sheet, as LibreOffice re-saves them.
    writeOpenpyxl(join(folder, "mac.xlsx"), "1904");
    const [resaved] = resaveWithLibreOffice([join(folder, "mac.xlsx")], folder);
    copyFileSync(resaved as string, join(folder, "libreoffice.xlsx"));
  }
  writeFileSync(
    join(folder, "log.csv"),
    [
      "Date;Activity;Format;Provider;Credential;Quantity;Notes",
      "2024-01-10;treatment;In person;Jane Roe;CST-T;6;",
      "2024-01-11;small-group;Virtual;;;6;+1 extra session, see email",
      "2024-01-12;one-on-one;Virtual;Mo Mentor;Mentor;1,5;=not a formula",
      "",
    ].join("\r\n"),
  );
  server = await serveDirectory(DIST);
  browser = await launchChromium();
  // Anything not from the page's own server is refused and noted (the service worker's requests included).
  own.add(server.origin);
  await browser.context.route(
    (url) => !own.has(url.origin),
    async (route) => {
      outside.push(route.request().url());
      await route.abort();
    },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

afterEach(() => {
  expect(outside).toEqual([]);
});

const pane = (page: Page) => page.getByTestId("pane");

/** The tracker at `width` px, without the system's file pickers (see above); page errors collected. */
async function openTracker(width: number, origin = server.origin): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await openWithoutPickers(browser.context, `${origin}/tracker.html`, width);
  await page.getByTestId("document-name").waitFor();
  return { page, errors };
}

async function openFile(page: Page, file: string, activities: number): Promise<void> {
  await page.getByTestId("open-file").setInputFiles(file);
  await page.getByText(new RegExp(`^Opened ${file.slice(file.lastIndexOf("/") + 1).replace(".", "\\.")}: ${activities} activit`)).waitFor();
  await pane(page)
    .getByRole("heading", { name: `Logged activities (${activities})` })
    .waitFor();
}

/** Waits until the page says this of the form (it says so shortly after a change). */
async function documentState(page: Page, text: string): Promise<void> {
  await page
    .getByTestId("document-state")
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
}

/** Clicks `button` and saves the download it starts into the test's folder as `name`. */
async function download(page: Page, click: () => Promise<void>, name: string): Promise<{ file: string; suggested: string }> {
  const [started] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = join(folder, name);
  await started.saveAs(file);
  return { file, suggested: started.suggestedFilename() };
}

maybe("with workbooks written by openpyxl and LibreOffice", () => {
  test("an openpyxl workbook: add, correct and remove activities, save; openpyxl and verify read exactly that back", async () => {
    const { page, errors } = await openTracker(1280);
    await openFile(page, join(folder, "openpyxl.xlsx"), 3);
    // The chart sheet and the Notes sheet are not carried, and the page says so before anything is saved.
    await page.getByText(/Not kept: the sheets “Hours chart” and “Notes”/).waitFor();

    const form = pane(page).getByRole("form", { name: "Add an activity" });
    await form.getByLabel("Activity").selectOption({ label: "Treatment received from a CST-T or CST-D (A)" });
    await form.getByLabel("Date").fill("2024-05-02");
    await form.getByLabel("Treating therapist").fill("Ilse Brandvold");
    await form.getByRole("combobox", { name: "Credential" }).fill("CST-D");
    await form.getByLabel("Quantity (hours)").fill("1.5");
    await form.getByLabel("Notes").fill("+ follow-up, =see notes");
    await form.getByRole("button", { name: "Add to log" }).click();
    await pane(page).getByRole("heading", { name: "Logged activities (4)" }).waitFor();
    await documentState(page, "Unsaved changes");

    await pane(page).getByRole("button", { name: "Edit row 4" }).click();
    const correct = pane(page).getByRole("form", { name: "Correct row 4" });
    await correct.getByLabel("Quantity (hours)").fill("10");
    await correct.getByRole("button", { name: "Save row 4" }).click();
    await pane(page).getByRole("button", { name: "Remove row 3" }).click();
    await pane(page).getByRole("group", { name: "Remove row 3?" }).getByRole("button", { name: "Remove row 3" }).click();
    await pane(page).getByRole("heading", { name: "Logged activities (3)" }).waitFor();

    const saved = await download(page, () => page.getByRole("button", { name: "Save", exact: true }).click(), "openpyxl-saved.xlsx");
    expect(saved.suggested).toBe("openpyxl.xlsx");
    await documentState(page, "No unsaved changes");

    const reading = readWithOpenpyxl(saved.file);
    expect(reading.sheets).toEqual(["Profile", "Tracking Form", "CST Lists"]);
    expect(reading.tables).toEqual(["MentorshipLog"]);
    expect(reading.header).toEqual(["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]);
    expect(reading.profile).toEqual(["Ann Mentee", "ann@example.org", null, null, 0, "current"]);
    // Rows the pane wrote hold the activity as the form's dropdown shows it; the row it did not touch is as the file had it.
    expect(reading.rows).toEqual([
      ["2024-03-05", "treatment", "In person", "Jane Roe", "CST-T", 6, "first"],
      ["2024-03-07", "1x1 mentorship with a certified mentor", "Virtual", "Mo Mentor", "Mentor", 10, "late in the day"],
      ["2024-05-02", "Treatment received from a CST-T or CST-D", "In person", "Ilse Brandvold", "CST-D", 1.5, "+ follow-up, =see notes"],
    ]);
    const json = verify(saved.file);
    expect(json.rows.map((row) => [row.row, row.category, row.hours, row.errors])).toEqual([
      [2, "A", 6, []],
      [3, "C", 10, []],
      [4, "A", 1.5, []],
    ]);
    expect(json.hours).toEqual({ A: 7.5, B: 0, C: 10 });
    expect(json.mentee).toEqual({ name: "Ann Mentee", email: "ann@example.org" });
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a LibreOffice workbook opened and saved unchanged verifies to the same JSON; its export verifies unchanged", async () => {
    const { page, errors } = await openTracker(1280);
    const original = join(folder, "libreoffice.xlsx");
    await openFile(page, original, 3);
    const saved = await download(page, () => page.getByRole("button", { name: "Save", exact: true }).click(), "libreoffice-saved.xlsx");
    expect(verify(saved.file)).toEqual(verify(original));

    const exported = await download(
      page,
      () => pane(page).getByRole("button", { name: "Export submission" }).last().click(),
      "libreoffice-submission.xlsx",
    );
    expect(exported.suggested).toMatch(/\.xlsx$/);
    const json = verify(exported.file);
    expect(json.submission).toBe("unchanged");
    expect(json.credits).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

test("a CSV log (semicolons, decimal comma) opens and saves as a tracking-form workbook with the CSV's rows; text stays text", async () => {
  const { page, errors } = await openTracker(1280);
  await openFile(page, join(folder, "log.csv"), 3);
  const saved = await download(page, () => page.getByRole("button", { name: "Save", exact: true }).click(), "log-saved.xlsx");
  expect(saved.suggested).toBe("log.xlsx");
  // The same JSON but the fingerprint: the saved form has a Profile (the template's, "Credits already awarded" 0), the CSV none.
  const { fingerprint: csvPrint, ...csv } = verify(join(folder, "log.csv"));
  const { fingerprint: workbookPrint, ...workbook } = verify(saved.file);
  expect(workbook).toEqual(csv);
  expect(workbookPrint).not.toBe(csvPrint);
  expect(workbook.hours).toEqual({ A: 6, B: 6, C: 1.5 });
  if (OPENPYXL.available()) {
    expect(readWithOpenpyxl(saved.file).rows.map((row) => row[6])).toEqual([null, "+1 extra session, see email", "=not a formula"]);
  }
  expect(errors).toEqual([]);
  await page.close();
});

test("axe finds nothing, and the page reads at 320 and 1280 px (screenshots looked at)", async () => {
  mkdirSync(RESULTS, { recursive: true });
  for (const width of [320, 1280]) {
    const { page, errors } = await openTracker(width);
    await openFile(page, join(folder, "log.csv"), 3);
    // Fluent's focus manager (tabster) adds aria-hidden focus sentinels by design; everything else is checked.
    expect(await axeViolations(page, [["[data-tabster-dummy]"]])).toEqual([]);
    // No sideways scrolling of the page itself (the sheet view scrolls within its own region).
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.screenshot({ path: join(RESULTS, `tracker-${width}.png`) });
    expect(errors).toEqual([]);
    await page.close();
  }
});

test("offline: with its server gone, the page reloads from the service worker and still opens a file", async () => {
  const offline = await serveDirectory(DIST);
  own.add(offline.origin);
  const { page, errors } = await openTracker(1280, offline.origin);
  // Controlled once the worker has installed every file and claimed the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  const files = JSON.parse(readFileSync(join(DIST, "service-worker.js"), "utf8").match(/^const PRECACHE = (.*);$/m)?.[1] ?? "{}").files;
  expect(files).toEqual(expect.arrayContaining(["tracker.html", "help.html"]));
  await offline.close();

  await page.reload();
  await page.getByTestId("document-name").waitFor();
  await openFile(page, join(folder, "log.csv"), 3);
  // The lazily loaded chunks (the form writer) came from the cache too: Save works.
  const saved = await download(page, () => page.getByRole("button", { name: "Save", exact: true }).click(), "offline-saved.xlsx");
  expect(verify(saved.file).rows).toHaveLength(3);
  expect(errors).toEqual([]);
  await page.close();
});
