/**
 * The built taskpane.html as Excel loads it, with Microsoft's own office.js
 * (from its CDN address, served from the @microsoft/office-js package):
 * every custom function of the built functions.json and every ribbon
 * FunctionName of the built manifest must be in office.js's association
 * tables, whatever order the scripts arrive in (docs/rules.md §10, Registration).
 *
 * What office.js does, read from office.debug.js and the host scripts:
 * - office.js itself defines `CustomFunctions.associate` and
 *   `Office.actions.associate` at once; each records into an
 *   `OfficeExt.Association`, `CustomFunctions._association.mappings` and
 *   `Office.actions._association.mappings` (keys upper-cased).
 * - From the page's host information (in Excel on Windows
 *   `_host_Info=Excel|Win32|16.01|...`) it then loads the host's script,
 *   excel-win32-16.01.js, with an asynchronous script element. That script
 *   adds `CustomFunctions.Error` and `ErrorCode`, and hands the same
 *   `_association` to the runtime that calls the functions
 *   (`setCustomFunctionAssociation(window.CustomFunctions._association)`).
 * So the host's script may arrive after the page's deferred bundles have run
 * (late), or before (early); outside Excel it never arrives.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { type Browser, type OfficeCdn, DIST, OFFICE_CDN, launchChromium, recordViolations, serveOfficeCdn, violations } from "./browser";
import { type StaticServer, serveDirectory } from "./server";

/** What Excel on Windows passes the add-in's page (office.js reads it from the URL when the host does not provide it). */
const EXCEL_ON_WINDOWS = "?_host_Info=Excel$Win32$16.01$en-US$$$$0";
const HOST_SCRIPT = `${OFFICE_CDN}excel-win32-16.01.js`;

let server: StaticServer;
let browser: Browser;
let cdn: OfficeCdn;

const functionIds = (JSON.parse(readFileSync(join(DIST, "functions.json"), "utf8")) as { functions: { id: string }[] }).functions.map(
  (fn) => fn.id,
);
const ribbonFunctionNames = [...readFileSync(join(DIST, "manifest.xml"), "utf8").matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map(
  (match) => match[1]!,
);

beforeAll(async () => {
  server = await serveDirectory(DIST);
  browser = await launchChromium();
  cdn = await serveOfficeCdn(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Registered {
  readonly functions: string[];
  readonly actions: string[];
  readonly errorArrived: boolean;
}

function registered(page: Page): Promise<Registered> {
  return page.evaluate(() => {
    const tables = window as unknown as {
      CustomFunctions: { _association: { mappings: Record<string, unknown> }; Error?: unknown };
      Office: { actions: { _association: { mappings: Record<string, unknown> } } };
    };
    const functionsOf = (mappings: Record<string, unknown>) => Object.keys(mappings).filter((key) => typeof mappings[key] === "function");
    return {
      functions: functionsOf(tables.CustomFunctions._association.mappings),
      actions: functionsOf(tables.Office.actions._association.mappings),
      errorArrived: typeof tables.CustomFunctions.Error === "function",
    };
  });
}

function expectEverythingRegistered(tables: Registered): void {
  expect(functionIds).toHaveLength(6);
  expect(ribbonFunctionNames).toEqual(["exportSubmission"]);
  expect([...tables.functions].sort()).toEqual(functionIds.map((id) => id.toUpperCase()).sort());
  expect(tables.actions).toEqual(ribbonFunctionNames.map((name) => name.toUpperCase()));
}

async function openPane(arrange: (page: Page) => Promise<unknown>, query: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await recordViolations(page);
  await arrange(page);
  await page.goto(`${server.origin}/taskpane.html${query}`, { waitUntil: "domcontentloaded" });
  return { page, errors };
}

/** The functions answer with the runtime's own CustomFunctions.Error once it is there, whenever it came. */
async function expectRuntimeErrors(page: Page): Promise<void> {
  const answers = await page.evaluate(() => {
    const runtime = (
      window as unknown as {
        CustomFunctions: { _association: { mappings: Record<string, (...args: unknown[]) => unknown> }; Error: new () => object };
      }
    ).CustomFunctions;
    const unknownActivity = runtime._association.mappings.CATEGORY!("massage") as { code?: string; message?: string };
    return {
      credited: runtime._association.mappings.CREDITED!("precepting", 2),
      isRuntimeError: unknownActivity instanceof runtime.Error,
      code: unknownActivity.code,
      message: unknownActivity.message,
    };
  });
  expect(answers).toEqual({
    credited: 3,
    isRuntimeError: true,
    code: "#N/A",
    message: expect.stringMatching(/^Activity "massage" is not in the program's list/),
  });
}

async function expectNothingRefused(page: Page, errors: string[]): Promise<void> {
  expect(errors).toEqual([]);
  expect(cdn.missing).toEqual([]);
  // office.js's own requests to its CDN are all allowed by the page's Content-Security-Policy.
  expect((await violations(page)).filter((violation) => violation.blockedURI.startsWith("https://appsforoffice.microsoft.com"))).toEqual(
    [],
  );
}

test("CustomFunctions.Error arriving late (the host's script after the page's bundles): every function and command is registered", async () => {
  let releaseHostScript: () => void = () => undefined;
  const hostScriptHeld = new Promise<void>((release) => (releaseHostScript = release));
  const { page, errors } = await openPane(
    (page) =>
      page.route(HOST_SCRIPT, async (route) => {
        await hostScriptHeld;
        await route.fallback();
      }),
    EXCEL_ON_WINDOWS,
  );

  // DOMContentLoaded: the deferred bundles have run; the host's script has not arrived.
  const beforeHost = await registered(page);
  expect(beforeHost.errorArrived).toBe(false);
  expectEverythingRegistered(beforeHost);

  releaseHostScript();
  await page.waitForFunction(
    () => typeof (window as unknown as { CustomFunctions: { Error?: unknown } }).CustomFunctions.Error === "function",
  );
  expectEverythingRegistered(await registered(page));
  await expectRuntimeErrors(page);
  expect(cdn.requested).toContain(HOST_SCRIPT);
  await expectNothingRefused(page, errors);
  await page.close();
});

test("CustomFunctions.Error arriving early (the host's script before the page's bundles): every function and command is registered", async () => {
  let hostArrived: Promise<unknown> | null = null;
  const { page, errors } = await openPane(
    (page) =>
      page.route(`${server.origin}/*.js`, async (route) => {
        hostArrived ??= page.waitForFunction(
          () => typeof (window as unknown as { CustomFunctions?: { Error?: unknown } }).CustomFunctions?.Error === "function",
        );
        await hostArrived;
        await route.continue();
      }),
    EXCEL_ON_WINDOWS,
  );

  const tables = await registered(page);
  expect(tables.errorArrived).toBe(true);
  expectEverythingRegistered(tables);
  await expectRuntimeErrors(page);
  await expectNothingRefused(page, errors);
  await page.close();
});

test("outside Excel (no host script ever arrives): every function and command is registered, and the pane runs on its sample", async () => {
  const { page, errors } = await openPane(async () => undefined, "");
  await page.getByTestId("app-title").waitFor();
  const tables = await registered(page);
  expect(tables.errorArrived).toBe(false);
  expectEverythingRegistered(tables);
  expect(cdn.requested).toContain(`${OFFICE_CDN}office.js`);
  await expectNothingRefused(page, errors);
  await page.close();
});

describe("the pane follows Office's theme and Windows high contrast, at 320 px", () => {
  const SHOTS = join(__dirname, "..", "..", "test-results");

  /** Office's dark theme as the host reports it: office.js reads Office.context.officeTheme from the host. */
  async function darkOffice(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const theme = {
        isDarkTheme: true,
        bodyBackgroundColor: "#262626",
        bodyForegroundColor: "#ffffff",
        controlBackgroundColor: "#333333",
        controlForegroundColor: "#ffffff",
      };
      // Office.context is made by office.js after this script, and Office gives the theme before Office.onReady
      // resolves: the theme goes on each context the moment office.js sets it (a timer may run too late).
      const themed = (context: unknown) => {
        if (typeof context === "object" && context !== null && !Object.prototype.hasOwnProperty.call(context, "officeTheme")) {
          Object.defineProperty(context, "officeTheme", { value: theme, configurable: true });
        }
      };
      const watchContext = (office: unknown) => {
        if (typeof office !== "object" || office === null) return;
        let context = (office as { context?: unknown }).context;
        themed(context);
        Object.defineProperty(office, "context", {
          configurable: true,
          enumerable: true,
          get: () => context,
          set: (value: unknown) => {
            context = value;
            themed(value);
          },
        });
      };
      let office: unknown;
      Object.defineProperty(window, "Office", {
        configurable: true,
        get: () => office,
        set: (value: unknown) => {
          if (value !== office) watchContext(value);
          office = value;
        },
      });
      // Should office.js define Office some other way, a timer still sets the theme once the context is there.
      const started = Date.now();
      const timer = setInterval(() => {
        themed((window as unknown as { Office?: { context?: unknown } }).Office?.context);
        if (Date.now() - started > 5000) clearInterval(timer);
      }, 1);
    });
  }

  async function pane(arrange: (page: Page) => Promise<unknown>): Promise<Page> {
    const { page, errors } = await openPane(async (page) => {
      await page.setViewportSize({ width: 320, height: 720 });
      await arrange(page);
    }, "");
    await page.getByTestId("app-title").waitFor();
    await page
      .getByText(/^Category A/)
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    return page;
  }

  const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

  test("a dark officeTheme gets Fluent's dark theme; the whole page is dark", async () => {
    const page = await pane(darkOffice);
    // The emulated host gives its theme on a timer of this test's: the pane follows it once it is there.
    await page.waitForFunction(() => document.documentElement.dataset.theme === "dark", null, { timeout: 5000 }).catch(() => undefined);
    expect(await theme(page)).toBe("dark");
    expect(await background(page)).toBe("rgb(41, 41, 41)");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(SHOTS, "pane-dark-320.png"), fullPage: true });
    await page.close();
  });

  test("forced-colors: active (Windows high contrast) gets the high-contrast theme, whatever Office's theme", async () => {
    const page = await pane(async (page) => {
      await darkOffice(page);
      await page.emulateMedia({ forcedColors: "active", colorScheme: "dark" });
    });
    expect(await theme(page)).toBe("highContrast");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.screenshot({ path: join(SHOTS, "pane-high-contrast-320.png"), fullPage: true });
    await page.close();
  });

  test("without an Office theme (light) the pane stays light", async () => {
    const page = await pane(async () => undefined);
    expect(await theme(page)).toBe("light");
    expect(await background(page)).toBe("rgb(255, 255, 255)");
    await page.close();
  });
});
