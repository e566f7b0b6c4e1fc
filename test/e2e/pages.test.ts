/**
 * The built pages as a new user meets them, in headless Chromium:
 * - help.html, the manifest's SupportUrl and LearnMoreUrl and each function's
 *   help, renders, passes axe, reads at 320 px, and has every function's
 *   section at the anchor its help link names; so does the German page,
 *   help.de.html, which lists the other languages' pages (screenshots in
 *   test-results/);
 * - where the bundles cannot run (Excel whose web view is Internet Explorer 11
 *   cannot parse them; simulated by blocking them) the pane and the preview
 *   show what is needed instead of a blank page, and where they run that
 *   note never shows.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Browser, DIST, ROOT, axeViolations, launchChromium, serveOfficeCdn } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

/** How long the pages wait for their bundles before showing the note (taskpane.html and preview.html), with a margin. */
const NOTE_DELAY_MS = 5000;
const PAST_THE_DELAY_MS = NOTE_DELAY_MS + 1500;
const RESULTS = join(ROOT, "test-results");

let server: StaticServer;
let browser: Browser;
const requests: string[] = [];

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await serveDirectory(DIST);
  browser = await launchChromium();
  await serveOfficeCdn(browser.context);
  browser.context.on("request", (request) => requests.push(request.url()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(file: string, width = 1100): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 800 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${server.origin}/${file}`);
  return { page, errors };
}

function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("the help page", () => {
  const helpUrls = (JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as { functions: { id: string; helpUrl: string }[] })
    .functions;

  test("says what the add-in does, how to install it, and each function with an example, at the anchor of its help link", async () => {
    const before = requests.length;
    const { page, errors } = await open("help.html");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("CST Mentorship Tracker");
    for (const name of [
      "What the add-in does",
      "Install it in Excel",
      "Custom functions",
      "What the coordinator sees",
      "Which Excel it needs",
    ]) {
      await expect(page.getByRole("heading", { level: 2, name }).isVisible()).resolves.toBe(true);
    }
    for (const name of ["Excel on the web", "Excel on Windows", "Excel on Mac"]) {
      await expect(page.getByRole("heading", { level: 3, name }).isVisible()).resolves.toBe(true);
    }
    const text = (await page.locator("main").textContent()) ?? "";
    for (const example of [
      "=CST.CREDIT(MentorshipLog, CSTProfile)",
      '=CST.HOURS(MentorshipLog, "A", CSTProfile)',
      "=CST.STATUS(MentorshipLog[@[Date]:[Notes]])",
      '=CST.CREDITED("precepting", 2)',
    ]) {
      expect(text).toContain(example);
    }
    expect(text).toMatch(/optional last\s+argument as_of/);
    expect(text).toMatch(/not a signature/);

    expect(helpUrls).toHaveLength(6);
    for (const fn of helpUrls) {
      const anchor = new URL(fn.helpUrl).hash.slice(1);
      const heading = page.locator(`[id="${anchor}"]`);
      await expect(heading.textContent()).resolves.toMatch(new RegExp(`^CST\\.${fn.id}\\(`));
    }
    // Following a function's help link shows its section.
    await page.goto(`${server.origin}/help.html#cst-credited`);
    await expect(page.locator("#cst-credited").isVisible()).resolves.toBe(true);
    const top = await page.locator("#cst-credited").evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeLessThan(100);

    // The manifest it offers for download is there.
    const manifest = await page.request.get(`${server.origin}/manifest.xml`);
    expect(manifest.status()).toBe(200);
    expect(errors).toEqual([]);
    expect(requests.slice(before).filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
    await page.close();
  });

  test("passes axe and reads at 320 px without scrolling sideways", async () => {
    const { page } = await open("help.html", 320);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.close();
  });

  test("in German: its language set, its own words, every function's section at the anchor of its German help link", async () => {
    const before = requests.length;
    const germanHelp = (
      JSON.parse(readFileSync(join(DIST, "functions.de.json"), "utf8")) as { functions: { id: string; helpUrl: string }[] }
    ).functions;
    const { page, errors } = await open("help.de.html");
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("de");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("CST-Mentoring-Tracker");
    for (const name of ["Was das Add-In tut", "In Excel installieren", "Benutzerdefinierte Funktionen", "Was die Koordination sieht"]) {
      await expect(page.getByRole("heading", { level: 2, name }).isVisible()).resolves.toBe(true);
    }
    // The shared stylesheet applies (help.css, from the page's own origin).
    await expect(page.locator("main").evaluate((main) => getComputedStyle(main).maxWidth)).resolves.toBe("736px");
    // An activity: its German name, and under it the English label written into cells.
    const row = page.locator("tr", { hasText: "Hospitation in einem Advanced-CST-Workshop" });
    await expect(row.locator('[lang="en"]').textContent()).resolves.toBe("Precepting an Advanced CST workshop");
    await expect(row.textContent()).resolves.toContain("1,5 Std. je Tag");

    expect(germanHelp).toHaveLength(6);
    for (const fn of germanHelp) {
      const url = new URL(fn.helpUrl);
      expect(url.pathname).toBe("/help.de.html");
      await expect(page.locator(`[id="${url.hash.slice(1)}"]`).textContent()).resolves.toMatch(new RegExp(`^CST\\.${fn.id}\\(`));
    }

    // The other languages, each in its own name; German is the current page.
    const languages = page.getByRole("navigation", { name: "Sprache" });
    await expect(languages.getByRole("link").allTextContents()).resolves.toEqual([
      "English",
      "Deutsch",
      "español",
      "français",
      "日本語",
      "português (Brasil)",
    ]);
    await expect(languages.getByRole("link", { name: "Deutsch" }).getAttribute("aria-current")).resolves.toBe("page");
    await page.screenshot({ path: join(RESULTS, "help-de-1100.png"), fullPage: true });
    await languages.getByRole("link", { name: "English" }).click();
    await page.waitForURL(`${server.origin}/help.html`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("CST Mentorship Tracker");

    // Following a function's German help link shows its section.
    await page.goto(`${server.origin}/help.de.html#cst-credited`);
    const top = await page.locator("#cst-credited").evaluate((element) => element.getBoundingClientRect().top);
    expect(top).toBeLessThan(100);
    expect(errors).toEqual([]);
    expect(requests.slice(before).filter((url) => !url.startsWith(`${server.origin}/`))).toEqual([]);
    await page.close();
  });

  test("in German: passes axe and reads at 320 px without scrolling sideways", async () => {
    const { page } = await open("help.de.html", 320);
    expect(await axeViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(RESULTS, "help-de-320.png"), fullPage: true });
    await page.close();
  });
});

describe("where the bundles cannot run", () => {
  const notes = [
    [
      "taskpane.html",
      "The tracker cannot start in this Excel",
      /Microsoft 365 on Windows, which shows add-ins with the Microsoft Edge WebView2/,
    ],
    ["preview.html", "The preview cannot start in this browser", /needs a current browser/],
  ] as const;

  async function openWithoutBundles(file: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.route(`${server.origin}/*.js`, (route) => route.abort());
    await page.goto(`${server.origin}/${file}`);
    return page;
  }

  test("the pane and the preview say what is needed, after a few seconds, instead of staying blank; the note passes axe", async () => {
    const pages = await Promise.all(notes.map(([file]) => openWithoutBundles(file)));
    for (const [index, [, heading]] of notes.entries()) {
      // Not at once: a pane whose bundles are still on their way must not flash it.
      await expect(pages[index]!.getByRole("heading", { name: heading }).isVisible()).resolves.toBe(false);
    }
    for (const [index, [, heading, needs]] of notes.entries()) {
      const page = pages[index]!;
      await page.getByRole("heading", { name: heading }).waitFor({ state: "visible", timeout: PAST_THE_DELAY_MS * 2 });
      await expect(page.locator("#root").textContent()).resolves.toMatch(needs);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
  });

  test("where the bundles run, the note never shows", async () => {
    const pages = await Promise.all(notes.map(([file]) => open(file, 340)));
    for (const { page } of pages) await page.getByTestId("app-title").waitFor();
    await pages[0]!.page.waitForTimeout(PAST_THE_DELAY_MS);
    for (const [index, [, heading]] of notes.entries()) {
      const { page, errors } = pages[index]!;
      await expect(page.getByRole("heading", { name: heading }).count()).resolves.toBe(0);
      await expect(page.getByTestId("app-title").isVisible()).resolves.toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
