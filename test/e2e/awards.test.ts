/**
 * docs/rules.md §4 in the built web tracker (dist/tracker.html), in headless Chromium
 * at 320 px: a mentee exports, records the award, logs more hours, and the
 * progress counts toward the 2nd credit only; a coordinator's view flags the
 * same hours submitted again. Screenshots are kept in test-results/.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Browser, DIST, ROOT, launchChromium, openWithoutPickers } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

const RESULTS = join(ROOT, "test-results");
const CLI = join(ROOT, "lib", "cli.cjs");

let server: StaticServer;
let browser: Browser;
let folder: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), "cst-e2e-awards-"));
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    join(folder, "log.csv"),
    [
      "Date,Activity,Format,Provider,Credential,Quantity,Notes",
      "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
      "2024-01-11,small-group,Virtual,,,6,",
      "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
      "",
    ].join("\r\n"),
  );
  server = await serveDirectory(DIST);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(folder, { recursive: true, force: true });
});

const pane = (page: Page) => page.getByTestId("pane");

async function download(page: Page, click: () => Promise<void>, name: string): Promise<string> {
  const [started] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = join(folder, name);
  await started.saveAs(file);
  return file;
}

function verifyState(file: string): string {
  try {
    return JSON.parse(execFileSync(process.execPath, [CLI, "verify", file, "--json"], { encoding: "utf8" })).state;
  } catch (error) {
    return JSON.parse((error as { stdout: string }).stdout).state;
  }
}

test("export, Record an award, more hours: progress counts toward the 2nd credit only; the same hours again are flagged", async () => {
  const { page, errors } = await openWithoutPickers(browser.context, `${server.origin}/tracker.html`, 320);
  await page.getByTestId("document-name").waitFor();
  await page.getByTestId("open-file").setInputFiles(join(folder, "log.csv"));
  await pane(page).getByRole("heading", { name: "Logged activities (3)" }).waitFor();

  const profile = pane(page).getByRole("form", { name: "Profile" });
  await profile.getByLabel("Mentee name").fill("Ann Mentee");
  await profile.getByLabel("Email").fill("ann@example.org");
  await profile.getByLabel("CST-T certified on").fill("2024-02-01");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await pane(page)
    .getByTestId("credits-earned")
    .filter({ hasText: /^1 credit$/ })
    .waitFor();

  const first = await download(page, () => pane(page).getByRole("button", { name: "Export submission" }).last().click(), "first.xlsx");
  await pane(page).getByTestId("export-next-steps").waitFor();
  await page.screenshot({ path: join(RESULTS, "awards-exported-320.png"), fullPage: true });
  expect(verifyState(first)).toBe("ready");

  await pane(page).getByRole("button", { name: "Record an award" }).click();
  await pane(page).getByRole("form", { name: "Record an award" }).getByRole("button", { name: "Record" }).click();
  await pane(page)
    .getByText(/^Recorded: 1 credit awarded from this log/)
    .waitFor();
  await pane(page)
    .getByTestId("credits-earned")
    .filter({ hasText: /^0 credits$/ })
    .waitFor();
  await pane(page).getByRole("heading", { name: "Next: the 2nd credit" }).waitFor();

  // More hours after CST-T: they count toward the 2nd credit; the 1st credit's hours stay with it.
  const form = pane(page).getByRole("form", { name: "Add an activity" });
  await form.getByLabel("Activity").selectOption({ label: "Treatment received from a CST-T or CST-D (A)" });
  await form.getByLabel("Date").fill("2024-03-01");
  await form.getByLabel("Treating therapist").fill("Jane Roe");
  await form.getByRole("combobox", { name: "Credential" }).fill("CST-T");
  await form.getByLabel("Quantity (hours)").fill("6");
  await form.getByRole("button", { name: "Add to log" }).click();
  await pane(page).getByRole("heading", { name: "Logged activities (4)" }).waitFor();
  await pane(page).getByText("Category A · treatment received: 6 of 12 h").waitFor();
  await expect(pane(page).getByText("Category C · 1x1 mentorship: 0 of 12 h").count()).resolves.toBe(1);
  await expect(pane(page).getByTestId("credits-earned").textContent()).resolves.toBe("0 credits");
  await page.screenshot({ path: join(RESULTS, "awards-recorded-320.png"), fullPage: true });

  // The coordinator's view: the 1st credit's file, and the same file sent again under another name.
  const again = join(folder, "first-again.xlsx");
  copyFileSync(first, again);
  await page.getByRole("tab", { name: "Coordinator" }).click();
  await page.getByTestId("submission-files").setInputFiles([first, again]);
  const list = page.getByRole("list", { name: "Verified submissions" });
  await list.waitFor();
  const states = page.getByTestId("verification-state");
  await expect(states.first().textContent()).resolves.toMatch(
    /^ALREADY AWARDED: claims the 1st credit, awarded from first\.xlsx on \d{4}-\d{2}-\d{2}/,
  );
  await expect(states.nth(1).textContent()).resolves.toBe("READY TO AWARD");
  await expect(states.first().getAttribute("data-state")).resolves.toBe("already-awarded");
  await page.screenshot({ path: join(RESULTS, "awards-coordinator-320.png"), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});
