/**
 * The production build, run once (into a temporary folder, so a dist/ that
 * other tests serve is left alone): the deployable bundle is complete, the
 * pages load only their own origin's files, functions.json declares the six
 * functions, exceljs stays out of the taskpane's initial JavaScript, and the
 * initial JavaScript fits the taskpane's budget (issue 4: 250 KB gzip).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const BUDGET_GZIP_BYTES = 250 * 1024;

interface EntrySize {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

let out: string;
let log: string;

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "cst-build-"));
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ADDIN_ORIGIN;
  log = execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", out],
    {
      cwd: ROOT,
      env,
      encoding: "utf8",
      stdio: "pipe",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
}, 900_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(path.join(out, file), "utf8");

test("the bundle has the pages, the entry scripts, functions.json, the manifest, the icons and Office.js", () => {
  expect(log).toMatch(/compiled successfully/);
  for (const file of [
    "taskpane.html",
    "preview.html",
    "taskpane.js",
    "functions.js",
    "commands.js",
    "preview.js",
    "functions.json",
    "manifest.xml",
    "assets/icon-16.png",
    "assets/icon-32.png",
    "assets/icon-64.png",
    "assets/icon-80.png",
    "office-js/office.js",
  ]) {
    expect(existsSync(path.join(out, file))).toBe(true);
  }
  // Debug builds of Office.js are left out (they double its size).
  expect(readdirSync(path.join(out, "office-js")).filter((file) => file.endsWith(".debug.js"))).toEqual([]);
});

test("functions.json declares the six CST functions, and functions.js registers each with the runtime", () => {
  const metadata = JSON.parse(read("functions.json")) as { functions: { id: string }[] };
  const ids = metadata.functions.map((fn) => fn.id).sort();
  expect(ids).toEqual(["CATEGORY", "CREDIT", "CREDITED", "HOURS", "MISSING", "STATUS"]);
  const script = read("functions.js");
  for (const id of ids) expect(script).toContain(`.associate("${id}",`);
});

/** Attribute values in the (minified: quotes dropped where possible) HTML. */
function attributeValues(html: string, pattern: string): string[] {
  return [...html.matchAll(new RegExp(`${pattern}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "g"))].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
}

function scriptsOf(html: string): string[] {
  return attributeValues(html, "<script[^>]*\\ssrc");
}

test("taskpane.html loads Office.js first, then functions, commands and taskpane in one runtime", () => {
  const scripts = scriptsOf(read("taskpane.html"));
  expect(scripts[0]).toBe("office-js/office.js");
  expect(scripts[1]).toBe("runtime.js");
  const order = ["functions.js", "commands.js", "taskpane.js"].map((file) => scripts.indexOf(file));
  expect(order.every((index) => index > 1)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test("preview.html runs the preview alone (no Office.js, no custom functions, no ribbon commands)", () => {
  const scripts = scriptsOf(read("preview.html"));
  expect(scripts).not.toContain("office-js/office.js");
  expect(scripts).toContain("preview.js");
  for (const file of ["functions.js", "commands.js", "taskpane.js"]) expect(scripts).not.toContain(file);
});

test("the pages reference nothing outside their own origin and carry a Content-Security-Policy", () => {
  for (const page of ["taskpane.html", "preview.html"]) {
    const html = read(page);
    const references = attributeValues(html, "\\s(?:src|href)");
    expect(references.length).toBeGreaterThan(2);
    for (const reference of references) expect(reference).not.toMatch(/^(https?:)?\/\//);
    expect(html).toMatch(/http-equiv="?Content-Security-Policy"?[^>]*default-src 'self'; script-src 'self';/);
  }
});

test("exceljs is a lazy chunk, not part of the taskpane page's initial JavaScript, which fits its budget", () => {
  const sizes = JSON.parse(read("bundle-sizes.json")) as { pages: Record<string, EntrySize>; entries: Record<string, EntrySize> };
  const pane = sizes.pages["taskpane.html"]!;
  for (const entry of ["functions", "commands", "taskpane"]) {
    for (const file of sizes.entries[entry]!.files) expect(pane.files).toContain(file);
  }
  for (const file of pane.files) expect(read(file)).not.toMatch(/exceljs/i);
  const lazy = readdirSync(out).filter((file) => file.endsWith(".js") && !pane.files.includes(file));
  expect(lazy.some((file) => /exceljs/i.test(read(file)))).toBe(true);
  console.log(
    `Initial JavaScript of taskpane.html (functions, commands, taskpane): ${(pane.gzipBytes / 1024).toFixed(1)} KB gzip (${(pane.bytes / 1024).toFixed(1)} KB) in ${pane.files.join(", ")}`,
  );
  expect(pane.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});

test("the built manifest points at the dev server unless ADDIN_ORIGIN is set", () => {
  expect(read("manifest.xml")).toBe(readFileSync(path.join(ROOT, "manifest.xml"), "utf8"));
});
