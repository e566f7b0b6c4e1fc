/**
 * The pane and the web tracker in other languages, in headless Chromium
 * (docs/rules.md, "Languages"):
 * - under the pseudo-locale en-XA (every message accented and about 40%
 *   longer) at 320 px, no element's text is wider or taller than its box
 *   (scroll size over client size) and the page does not scroll sideways;
 * - under the right-to-left pseudo-locale ar-XB the pane is laid out
 *   mirrored (Fluent's dir);
 * - a browser in German or Japanese gets the web tracker in that language.
 * Screenshots are kept in test-results/.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Browser, DIST, ROOT, launchChromium, openWithoutPickers } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

const RESULTS = join(ROOT, "test-results");

let server: StaticServer;
beforeAll(async () => {
  server = await serveDirectory(DIST);
});
afterAll(async () => {
  await server?.close();
});

/**
 * Elements whose own text does not fit their box: block-level, shown, with a
 * text node of their own, whose scrollWidth or scrollHeight is more than their
 * clientWidth or clientHeight (one pixel of rounding allowed). The sheet
 * view is a grid that scrolls by design and is left out.
 */
function clippedText(page: Page, root: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const problems: string[] = [];
    const scope = document.querySelector(selector);
    if (scope === null) return [`no ${selector}`];
    for (const element of scope.querySelectorAll<HTMLElement>("*")) {
      if (element.closest('[role="grid"], option, select, script, style') !== null) continue;
      const style = getComputedStyle(element);
      if (style.display === "inline" || style.display === "contents" || element.getClientRects().length === 0) continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? "").trim() !== "");
      if (!ownText) continue;
      if (element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1) {
        problems.push(
          `${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth}x${element.scrollHeight} in ${element.clientWidth}x${element.clientHeight}: ${(element.textContent ?? "").slice(0, 60)}`,
        );
      }
    }
    return problems;
  }, root);
}

const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("pseudo-locales at 320 px", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ width: 320, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the pane under en-XA (accented, 40% longer): no clipped text, no sideways scroll", async () => {
    const { page, errors } = await openWithoutPickers(browser.context, `${server.origin}/preview.html?lang=en-XA`, 320);
    const title = page.getByTestId("app-title");
    await title.waitFor();
    // Pseudo-localized: accented, and longer than the English "CST Mentorship Tracker".
    expect(await title.textContent()).toMatch(/^\[ÇŠŢ Ṁéñţöŕšĥíþ Ţŕàçķéŕ ĥ.*\]$/);
    await page.getByText(/^\[Ŵĥéŕé ýöûŕ ĥöûŕš ŵéñţ/).click();
    await page.getByTestId("pane").screenshot({ path: join(RESULTS, "pseudo-en-XA-pane-320.png") });
    expect(await clippedText(page, '[data-testid="pane"]')).toEqual([]);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await page.getByRole("tab", { name: /^\[Çööŕđíñàţöŕ/ }).click();
    await page.waitForTimeout(300);
    expect(await clippedText(page, '[data-testid="pane"]')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the web tracker under en-XA: no clipped text, no sideways scroll", async () => {
    const { page, errors } = await openWithoutPickers(browser.context, `${server.origin}/tracker.html?lang=en-XA`, 320);
    await page.getByTestId("app-title").waitFor();
    await page.getByTestId("document-state").waitFor();
    await page.screenshot({ path: join(RESULTS, "pseudo-en-XA-tracker-320.png"), fullPage: true });
    expect(await clippedText(page, "body")).toEqual([]);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the pane under ar-XB (right to left) is mirrored", async () => {
    const { page, errors } = await openWithoutPickers(browser.context, `${server.origin}/preview.html?lang=ar-XB`, 320);
    const title = page.getByTestId("app-title");
    await title.waitFor();
    const layout = await page.evaluate(() => {
      const pane = document.querySelector('[data-testid="pane"] main') as HTMLElement;
      const box = (element: Element | null) => element!.getBoundingClientRect();
      const tabs = [...document.querySelectorAll('[role="tab"]')].map((tab) => box(tab));
      return {
        dir: getComputedStyle(pane).direction,
        paneLeft: box(pane).left,
        paneRight: box(pane).right,
        titleLeft: box(document.querySelector('[data-testid="app-title"] ')).left,
        titleRight: box(document.querySelector('[data-testid="app-title"]')).right,
        titleText: box(document.querySelector('[data-testid="app-title"]')).width,
        firstTabLeft: tabs[0]!.left,
        secondTabLeft: tabs[1]!.left,
      };
    });
    expect(layout.dir).toBe("rtl");
    // The first tab (Mentee) stands to the right of the second: the tab list runs right to left.
    expect(layout.firstTabLeft).toBeGreaterThan(layout.secondTabLeft);
    await page.getByTestId("pane").screenshot({ path: join(RESULTS, "pseudo-ar-XB-pane-320.png") });
    expect(await clippedText(page, '[data-testid="pane"]')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("the check finds text that does not fit: a title forced onto one line in a narrow box", async () => {
    const { page } = await openWithoutPickers(browser.context, `${server.origin}/preview.html?lang=en-XA`, 320);
    await page.getByTestId("app-title").waitFor();
    await page.addStyleTag({ content: '[data-testid="app-title"] { white-space: nowrap; overflow: hidden; width: 120px; }' });
    expect(await clippedText(page, '[data-testid="pane"]')).toEqual([expect.stringMatching(/^h1\..*in 120x.*\[ÇŠŢ Ṁéñţöŕšĥíþ/)]);
    await page.close();
  });

  test("the web tracker under ar-XB is right to left", async () => {
    const { page } = await openWithoutPickers(browser.context, `${server.origin}/tracker.html?lang=ar-XB`, 320);
    await page.getByTestId("app-title").waitFor();
    expect(await page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).direction)).toBe("rtl");
    await page.screenshot({ path: join(RESULTS, "pseudo-ar-XB-tracker-320.png"), fullPage: true });
    await page.close();
  });
});

describe.each([
  [
    "de-DE",
    "Ihr Fortschritt",
    "Neues Formular",
    "Deutsch",
    "hours.ods kann nicht geöffnet werden: Es ist eine OpenDocument-Tabelle (.ods)",
  ],
  [
    "ja-JP",
    "あなたの進捗",
    "新しいフォーム",
    "日本語",
    "hours.ods を開けません: OpenDocument スプレッドシート (.ods) のため、読み取りません",
  ],
])("the web tracker in a browser whose language is %s", (locale, progress, newForm, menuName, refusal) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium({ width: 1100, height: 900 }, locale);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("speaks that language, offers it checked in the language menu, and keeps a choice made there", async () => {
    const { page, errors } = await openWithoutPickers(browser.context, `${server.origin}/tracker.html`, 1100);
    await page.getByRole("button", { name: newForm }).waitFor();
    const menu = page.getByTestId("language-menu");
    expect(await menu.locator("option:checked").textContent()).toBe(menuName);
    await page.screenshot({ path: join(RESULTS, `tracker-${locale}.png`) });
    expect(await page.evaluate(() => navigator.languages[0])).toBe(locale);
    await page.getByRole("heading", { name: progress }).waitFor();
    // The menu's choice is kept on this computer: English after a reload.
    await menu.selectOption("en");
    await page.getByRole("button", { name: "New form" }).waitFor();
    await page.reload();
    await page.getByRole("button", { name: "New form" }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  test("says in that language why a file cannot be opened", async () => {
    const { page, errors } = await openWithoutPickers(browser.context, `${server.origin}/tracker.html`, 1100);
    // The browser's language, not the choice the test before made in the menu.
    await page.evaluate(() => window.localStorage.clear());
    await page.reload();
    await page.getByRole("button", { name: newForm }).waitFor();
    await page
      .getByTestId("open-file")
      .setInputFiles({ name: "hours.ods", mimeType: "application/octet-stream", buffer: Buffer.from("x") });
    await page.getByText(refusal).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
