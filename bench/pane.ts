/**
 * The pane's figures of docs/rules.md §9, measured in headless Chromium on the built
 * preview (dist/, from `npm run build:local`):
 * - adding an activity to a 2,000-row log, beside adding it to a 20-row log
 *   (from the click on "Add to log" to the pane saying "Added as row N", the
 *   new row selected and the page painted);
 * - the pane's first render (navigation start to the pane's first render),
 *   beside a minimal page of React and Fluent UI's provider, heading, tabs,
 *   a field and a button, bundled here the way the add-in's pages are.
 * Each figure and its floor are measured in turns.
 */
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../test/e2e/browser";
import { serveDirectory } from "../test/e2e/server";
import { type Figure, median } from "./measure";

const ROUNDS = 7;

const MINIMAL_PANE = `
import { Button, Field, FluentProvider, Input, Tab, TabList, webLightTheme } from "@fluentui/react-components";
import { useEffect } from "react";
import { createRoot } from "react-dom/client";
function Pane() {
  useEffect(() => { performance.mark("cst-first-render"); }, []);
  return (
    <FluentProvider theme={webLightTheme}>
      <main><h1>Minimal pane</h1>
        <TabList selectedValue="a"><Tab value="a">One</Tab><Tab value="b">Two</Tab></TabList>
        <Field label="Name"><Input /></Field><Button appearance="primary">Save</Button>
      </main>
    </FluentProvider>
  );
}
createRoot(document.getElementById("root")!).render(<Pane />);
`;

async function minimalPage(root: string): Promise<string> {
  const folder = mkdtempSync(join(tmpdir(), "cst-bench-minimal-"));
  writeFileSync(join(folder, "minimal.tsx"), MINIMAL_PANE);
  await build({
    entryPoints: [join(folder, "minimal.tsx")],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"' },
    nodePaths: [join(root, "node_modules")],
    outfile: join(folder, "minimal.js"),
    logLevel: "warning",
  });
  writeFileSync(
    join(folder, "minimal.html"),
    '<!doctype html><html lang="en"><body><div id="root"></div><script src="minimal.js"></script></body></html>',
  );
  return folder;
}

async function firstRender(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName("cst-first-render").length > 0);
  const at = await page.evaluate(() => performance.getEntriesByName("cst-first-render")[0]!.startTime);
  await page.close();
  return at;
}

/** One add, timed in the page: from the click to the status saying the row was added, then a painted frame. */
async function timeAdd(page: Page): Promise<number> {
  // The page measured is the one in front: a page behind another gets its animation frames late, or not at all.
  await page.bringToFront();
  const form = page.getByRole("form", { name: "Add an activity" });
  await form.getByLabel("Activity").selectOption("small-group");
  await form.getByLabel("Format").selectOption("virtual");
  await form.getByLabel(/^Quantity/).fill("1");
  const button = form.getByRole("button", { name: "Add to log" });
  await button.waitFor();
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const form = document.querySelector('form[aria-label="Add an activity"]')!;
        const button = [...form.querySelectorAll("button")].find((each) => each.textContent === "Add to log")!;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (!/Added as row \d+/.test(form.textContent ?? "")) return;
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        });
        observer.observe(form, { subtree: true, childList: true, characterData: true });
        button.click();
      }),
  );
}

/** The time the newest file under `folder` was changed. */
function newestIn(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

export async function benchPane(root: string): Promise<{ figures: Figure[]; notes: string[] }> {
  const dist = join(root, "dist");
  if (!existsSync(join(dist, "preview.html"))) {
    return { figures: [], notes: ["The pane's figures need the built preview: run npm run build:local, then npm run bench."] };
  }
  // A preview built before the sources last changed measures other code than the one in the tree.
  const built = statSync(join(dist, "preview.html")).mtimeMs;
  if (newestIn(join(root, "src")) > built) {
    return { figures: [], notes: ["The built preview is older than src: run npm run build:local, then npm run bench."] };
  }
  const server = await serveDirectory(dist);
  const minimal = await minimalPage(root);
  const minimalServer = await serveDirectory(minimal);
  const browser = await launchChromium({ width: 1280, height: 900 });
  const context = browser.context;
  try {
    const open = async (rows: number) => {
      const page = await context.newPage();
      await page.goto(`${server.origin}/preview.html?rows=${rows}`);
      await page.getByRole("form", { name: "Add an activity" }).waitFor();
      await page.getByRole("heading", { name: new RegExp(`^Logged activities \\(${rows.toLocaleString("en")}\\)`) }).waitFor();
      return page;
    };
    const small = await open(20);
    const large = await open(2000);
    await timeAdd(small);
    await timeAdd(large);
    const smallTimes: number[] = [];
    const largeTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      smallTimes.push(await timeAdd(small));
      largeTimes.push(await timeAdd(large));
    }
    const renders: number[] = [];
    const floors: number[] = [];
    await firstRender(context, `${minimalServer.origin}/minimal.html`);
    await firstRender(context, `${server.origin}/preview.html`);
    for (let round = 0; round < ROUNDS; round++) {
      floors.push(await firstRender(context, `${minimalServer.origin}/minimal.html`));
      renders.push(await firstRender(context, `${server.origin}/preview.html`));
    }
    return {
      figures: [
        {
          name: "pane: add an activity to a 2,000-row log (preview, Chromium)",
          ms: median(largeTimes),
          floorMs: median(smallTimes),
          floorName: "the same add on a 20-row log",
          targetRatio: 2,
        },
        {
          name: "pane: first render (preview, Chromium)",
          ms: median(renders),
          floorMs: median(floors),
          floorName: "a minimal React + Fluent UI pane",
          targetRatio: 1.5,
        },
      ],
      notes: [],
    };
  } finally {
    await browser.close();
    await server.close();
    await minimalServer.close();
    rmSync(minimal, { recursive: true, force: true });
  }
}
