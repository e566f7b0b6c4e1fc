/**
 * Headless Chromium for the browser tests, and Microsoft's CDN for Office.js
 * served from the @microsoft/office-js package: the tests run offline, and
 * the pages load Office.js from https://appsforoffice.microsoft.com as they
 * do in Excel, so their Content-Security-Policy is exercised as it is there.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, type Page, type Route, chromium } from "playwright-core";

export const ROOT = join(__dirname, "..", "..");
export const DIST = join(ROOT, "dist");
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_PACKAGE = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Debian Chromium with the project's flags and a fresh profile, removed on close. */
export async function launchChromium(viewport = { width: 1100, height: 900 }, locale?: string): Promise<Browser> {
  const profileDir = mkdtempSync(join(tmpdir(), "cst-e2e-"));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport,
    // The browser's language (navigator.languages, Accept-Language) where a test sets one.
    ...(locale === undefined ? {} : { locale }),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** A file of the CDN's /lib/1/hosted/ folder, from the npm package that ships the same files; null if it has none. */
function officePackageFile(url: string): Buffer | null {
  if (!url.startsWith(OFFICE_CDN)) return null;
  const relative = decodeURIComponent(new URL(url).pathname).slice(new URL(OFFICE_CDN).pathname.length);
  const file = join(OFFICE_PACKAGE, relative);
  if (!file.startsWith(OFFICE_PACKAGE) || !existsSync(file) || !statSync(file).isFile()) return null;
  return readFileSync(file);
}

export async function fulfilFromOfficePackage(route: Route): Promise<void> {
  const body = officePackageFile(route.request().url());
  await (body === null ? route.fulfill({ status: 404, body: "" }) : route.fulfill({ status: 200, contentType: "text/javascript", body }));
}

export interface OfficeCdn {
  /** Every CDN address the pages asked for, in order. */
  readonly requested: string[];
  /** Those the package does not have (the real CDN would have served them: the test is missing a file). */
  readonly missing: string[];
}

/** Answers every request for Microsoft's Office.js CDN from the package; any other outside request is refused. */
export async function serveOfficeCdn(context: BrowserContext): Promise<OfficeCdn> {
  const cdn: OfficeCdn = { requested: [], missing: [] };
  await context.route("https://appsforoffice.microsoft.com/**", async (route) => {
    const url = route.request().url();
    cdn.requested.push(url);
    if (officePackageFile(url) === null) cdn.missing.push(url);
    await fulfilFromOfficePackage(route);
  });
  return cdn;
}

export interface Violation {
  readonly blockedURI: string;
  readonly directive: string;
}

/** Records the page's Content-Security-Policy violations (read them with `violations(page)`). */
export async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { blockedURI: string; directive: string }[] = [];
    (window as unknown as { cstViolations: typeof seen }).cstViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push({ blockedURI: event.blockedURI, directive: event.effectiveDirective }),
    );
  });
}

export function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { cstViolations?: Violation[] }).cstViolations ?? []);
}

/** Runs axe-core in the page (through the debugging protocol: the page's Content-Security-Policy rightly refuses injected scripts). */
export async function axeViolations(page: Page, exclude: string[][] = []): Promise<{ id: string; targets: unknown[] }[]> {
  await page.evaluate(readFileSync(join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8"));
  return page.evaluate(async (excluded) => {
    type Axe = { run: (context: unknown) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
    const result = await (window as unknown as { axe: Axe }).axe.run(excluded.length === 0 ? document : { exclude: excluded });
    return result.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target) }));
  }, exclude);
}

/**
 * A new page of `url` at `width` px, with its page errors collected, and without the system's file pickers
 * (File System Access): a headless browser cannot answer them, so the pages open through their file input
 * and save as a download, as in Firefox and Safari. The pickers' path is tested in jsdom.
 */
export async function openWithoutPickers(context: BrowserContext, url: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.addInitScript(() => {
    delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker;
    delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  });
  await page.goto(url);
  return { page, errors };
}
