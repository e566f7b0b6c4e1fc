/**
 * The production build as deployed, run once for an origin (ADDIN_ORIGIN,
 * into a temporary folder, so a dist/ that other tests serve is left alone):
 * every URL of the manifest and of functions.json is on that origin and is a
 * file of the build; both files pass Microsoft's schemas; bundle names carry
 * a content hash; the pages load only their own origin's files and Office.js
 * from Microsoft's CDN; functions.json declares the six functions; exceljs
 * stays out of the taskpane's initial JavaScript, which fits its budget
 * (issue 4: 250 KB gzip). A production build without an origin, or for this
 * machine, is refused before it compiles anything.
 */
import { parse } from "acorn";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ACTIVITIES, ELIGIBLE_FROM, RULE_SETS, ordinal } from "../../src/core";
import { validateFunctionsMetadata, validateManifest } from "../support/schemas";

const ROOT = path.resolve(__dirname, "../..");
const WEBPACK = path.join(ROOT, "node_modules/webpack/bin/webpack.js");
const ORIGIN = "https://cst.example.org";
const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const BUDGET_GZIP_BYTES = 250 * 1024;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own code, CommonJS
const { localizeManifest, culturesOf } = require("../../scripts/localize.cjs") as {
  localizeManifest: (xml: string) => string;
  culturesOf: (tag: string, tags: string[]) => string[];
};
const FUNCTION_IDS = ["CATEGORY", "CREDIT", "CREDITED", "HOURS", "MISSING", "STATUS"];
/** The help's languages and their pages (src/help: one file each), English first as the pages list them. */
const HELP_TAGS = ["en", "de", "es", "fr", "ja", "pt-BR"];
const HELP_PAGES = HELP_TAGS.map((tag) => (tag === "en" ? "help.html" : `help.${tag}.html`));

interface EntrySize {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

interface FunctionsMetadata {
  allowErrorForDataTypeAny?: boolean;
  functions: { id: string; helpUrl?: string }[];
}

let out: string;
let log: string;

function environment(origin: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.ADDIN_ORIGIN;
  if (origin !== undefined) env.ADDIN_ORIGIN = origin;
  return env;
}

beforeAll(() => {
  out = mkdtempSync(path.join(os.tmpdir(), "cst-build-"));
  log = execFileSync(process.execPath, [WEBPACK, "--mode", "production", "--output-path", out], {
    cwd: ROOT,
    env: environment(ORIGIN),
    encoding: "utf8",
    stdio: "pipe",
    maxBuffer: 64 * 1024 * 1024,
  });
}, 900_000);

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const read = (file: string) => readFileSync(path.join(out, file), "utf8");
const sizes = () => JSON.parse(read("bundle-sizes.json")) as { pages: Record<string, EntrySize>; entries: Record<string, EntrySize> };
const metadata = () => JSON.parse(read("functions.json")) as FunctionsMetadata;

/** Every URL in a manifest: attribute values and element text that start with http (XML namespace names are not URLs it loads). */
function manifestUrls(xml: string): string[] {
  const withoutNamespaces = xml.replace(/\sxmlns(?::[\w-]+)?="[^"]*"/g, "");
  return [...withoutNamespaces.matchAll(/(?:="|>)(https?:\/\/[^"<\s]+)/g)].map((match) => match[1]!);
}

/** Attribute values in the (minified: quotes dropped where possible) HTML. */
function attributeValues(html: string, pattern: string): string[] {
  return [...html.matchAll(new RegExp(`${pattern}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "g"))].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
}

function scriptsOf(html: string): string[] {
  return attributeValues(html, "<script[^>]*\\ssrc");
}

function contentSecurityPolicy(html: string): Map<string, string[]> {
  const policy = attributeValues(html, 'http-equiv="?Content-Security-Policy"?\\s+content')[0] ?? "";
  return new Map(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0] !== "")
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** The one bundle named after an entry (or the webpack runtime): `functions.<hash>.js`. */
function entryFile(entry: string): string {
  const files = readdirSync(out).filter((file) => file.startsWith(`${entry}.`) && file.endsWith(".js"));
  expect(files).toHaveLength(1);
  return files[0]!;
}

test("the bundle has the pages, functions.json, the manifest and the icons, and no copy of Office.js", () => {
  expect(log).toMatch(/compiled successfully/);
  for (const file of [
    "taskpane.html",
    "preview.html",
    "tracker.html",
    "service-worker.js",
    ...HELP_PAGES,
    "help.css",
    "functions.json",
    "manifest.xml",
    "assets/icon-16.png",
    "assets/icon-32.png",
    "assets/icon-64.png",
    "assets/icon-80.png",
  ]) {
    expect(existsSync(path.join(out, file))).toBe(true);
  }
  expect(existsSync(path.join(out, "office-js"))).toBe(false);
  expect(readdirSync(out).filter((file) => /^office/i.test(file))).toEqual([]);
});

test("every emitted bundle parses as ECMAScript 2022, the version of the oldest browsers the build targets (.browserslistrc)", () => {
  const scripts = readdirSync(out).filter((file) => file.endsWith(".js"));
  expect(scripts.length).toBeGreaterThan(5);
  const failures = scripts.flatMap((file) => {
    try {
      parse(read(file), { ecmaVersion: 2022, sourceType: "script" });
      return [];
    } catch (error) {
      return [`${file}: ${(error as Error).message}`];
    }
  });
  expect(failures).toEqual([]);
});

test("every bundle's name carries a content hash", () => {
  // The service worker alone keeps its name: a browser looks for a new version of it at the same address.
  const scripts = readdirSync(out).filter((file) => file.endsWith(".js") && file !== "service-worker.js");
  expect(scripts.length).toBeGreaterThan(5);
  for (const file of scripts) expect(file).toMatch(/^[\w-]+\.[0-9a-f]{20}\.js$/);
  for (const entry of ["runtime", "functions", "commands", "taskpane", "preview", "tracker"]) {
    expect(scripts.filter((file) => file.startsWith(`${entry}.`))).toHaveLength(1);
  }
});

test("every URL of the built manifest is on ADDIN_ORIGIN and names a file of the build; it passes Microsoft's XSDs", () => {
  const xml = read("manifest.xml");
  const urls = manifestUrls(xml);
  expect(urls.length).toBeGreaterThan(8);
  expect(xml).not.toMatch(/localhost/);
  for (const url of urls) {
    expect(new URL(url).origin).toBe(ORIGIN);
    const file = new URL(url).pathname.replace(/^\//, "");
    if (file !== "") expect(existsSync(path.join(out, file))).toBe(true);
  }
  // The source manifest with the origin replaced, and nothing else.
  // The source for the origin, with an Override per language from the catalogs (scripts/localize.cjs).
  expect(xml).toBe(localizeManifest(readFileSync(path.join(ROOT, "manifest.xml"), "utf8").split("https://localhost:3000").join(ORIGIN)));
  for (const tag of ["de", "es", "fr", "ja", "pt-BR"]) {
    expect(xml).toContain(`Value="${ORIGIN}/functions.${tag}.json"`);
    const localized = JSON.parse(read(`functions.${tag}.json`)) as FunctionsMetadata;
    expect(validateFunctionsMetadata(localized).valid).toBe(true);
    expect(localized.functions.map((fn) => fn.id)).toEqual(metadata().functions.map((fn) => fn.id));
    // Each function's help in that language, at its section of the language's help page.
    const help = read(`help.${tag}.html`);
    for (const fn of localized.functions) {
      expect(fn.helpUrl).toBe(`${ORIGIN}/help.${tag}.html#cst-${fn.id.toLowerCase()}`);
      expect(attributeValues(help, "\\sid")).toContain(`cst-${fn.id.toLowerCase()}`);
    }
    // The support link and Get Started's Learn more too, for each of Office's display languages the catalog serves.
    const cultures = culturesOf(tag, ["en", "de", "es", "fr", "ja", "pt-BR"]).length;
    expect(xml.match(new RegExp(`Value="${ORIGIN}/help\\.${tag}\\.html"`, "g"))).toHaveLength(2 * cultures);
  }
  const validity = validateManifest(path.join(out, "manifest.xml"));
  expect(validity.messages).toMatch(/validates$/);
  expect(validity.valid).toBe(true);
});

test("functions.json declares the six functions with help on ADDIN_ORIGIN, lets error cells reach them, and passes Microsoft's schema", () => {
  const functions = metadata();
  expect(functions.functions.map((fn) => fn.id).sort()).toEqual(FUNCTION_IDS);
  expect(functions.allowErrorForDataTypeAny).toBe(true);
  const help = read("help.html");
  for (const fn of functions.functions) {
    const anchor = `cst-${fn.id.toLowerCase()}`;
    expect(fn.helpUrl).toBe(`${ORIGIN}/help.html#${anchor}`);
    expect(attributeValues(help, "\\sid")).toContain(anchor);
  }
  const validity = validateFunctionsMetadata(functions);
  expect(validity.messages).toBe("");
  expect(validity.valid).toBe(true);
});

test("the functions bundle registers each function of functions.json with office.js's CustomFunctions.associate", () => {
  const script = read(entryFile("functions"));
  for (const fn of metadata().functions) expect(script).toContain(`CustomFunctions.associate("${fn.id}",`);
});

test("taskpane.html loads Office.js from Microsoft's CDN first, then functions, commands and taskpane in one runtime", () => {
  const scripts = scriptsOf(read("taskpane.html"));
  expect(scripts[0]).toBe(OFFICE_JS);
  expect(scripts[1]).toBe(entryFile("runtime"));
  const order = ["functions", "commands", "taskpane"].map((entry) => scripts.indexOf(entryFile(entry)));
  expect(order.every((index) => index > 1)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test("preview.html and tracker.html each run their own page alone, without Office.js; the help pages run no script at all", () => {
  for (const [page, entry] of [
    ["preview.html", "preview"],
    ["tracker.html", "tracker"],
  ] as const) {
    const scripts = scriptsOf(read(page));
    expect(scripts.some((script) => /office/i.test(script))).toBe(false);
    expect(scripts).toContain(entryFile(entry));
    for (const other of ["functions", "commands", "taskpane", entry === "preview" ? "tracker" : "preview"]) {
      expect(scripts).not.toContain(entryFile(other));
    }
  }
  for (const page of HELP_PAGES) expect(read(page)).not.toMatch(/<script/i);
});

test("the pages reference nothing outside their own origin but Office.js, which the Content-Security-Policy alone admits", () => {
  for (const page of ["taskpane.html", "preview.html", "tracker.html", ...HELP_PAGES]) {
    const html = read(page);
    const references = attributeValues(html, "\\s(?:src|href)");
    expect(references.length).toBeGreaterThan(0);
    const outside = references.filter((reference) => /^(https?:)?\/\//.test(reference));
    expect(outside).toEqual(page === "taskpane.html" ? [OFFICE_JS] : []);

    const policy = contentSecurityPolicy(html);
    expect(policy.get("default-src")).toEqual(["'self'"]);
    expect(policy.get("script-src")).toEqual(
      page === "taskpane.html" ? ["'self'", "https://appsforoffice.microsoft.com/lib/1/hosted/"] : ["'self'"],
    );
    expect(policy.get("object-src")).toEqual(["'none'"]);
    const otherOrigins = [...policy].flatMap(([name, sources]) =>
      sources.filter((source) => /^https?:/.test(source) && !(name === "script-src" && page === "taskpane.html")),
    );
    expect(otherOrigins).toEqual([]);
  }
});

test("exceljs is a lazy chunk, not part of the taskpane page's initial JavaScript, which fits its budget", () => {
  const { pages, entries } = sizes();
  const pane = pages["taskpane.html"]!;
  for (const entry of ["functions", "commands", "taskpane"]) {
    for (const file of entries[entry]!.files) expect(pane.files).toContain(file);
  }
  for (const file of pane.files) expect(read(file)).not.toMatch(/exceljs/i);
  const lazy = readdirSync(out).filter((file) => file.endsWith(".js") && !pane.files.includes(file));
  expect(lazy.some((file) => /exceljs/i.test(read(file)))).toBe(true);
  console.log(
    `Initial JavaScript of taskpane.html (functions, commands, taskpane): ${(pane.gzipBytes / 1024).toFixed(1)} KB gzip (${(pane.bytes / 1024).toFixed(1)} KB) in ${pane.files.join(", ")}`,
  );
  expect(pane.gzipBytes).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});

test("no page carries the ICU message parser: the catalogs are compiled at build time", () => {
  const scripts = readdirSync(out).filter((file) => file.endsWith(".js"));
  expect(scripts.filter((file) => read(file).includes("EXPECT_ARGUMENT_CLOSING_BRACE"))).toEqual([]);
});

describe("a production build that would not work where it is deployed is refused, in one line, before compiling", () => {
  let refusedOut: string;
  beforeAll(() => {
    refusedOut = mkdtempSync(path.join(os.tmpdir(), "cst-refused-"));
  });
  afterAll(() => {
    rmSync(refusedOut, { recursive: true, force: true });
  });

  test.each([
    ["without ADDIN_ORIGIN", undefined, /^Build refused: ADDIN_ORIGIN is not set: /],
    ["for https://localhost:3000", "https://localhost:3000", /^Build refused: ADDIN_ORIGIN "https:\/\/localhost:3000" is this machine/],
  ])("%s", (_case, origin, refusal) => {
    const result = spawnSync(process.execPath, [WEBPACK, "--mode", "production", "--output-path", refusedOut], {
      cwd: ROOT,
      env: environment(origin),
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    const lines = `${result.stderr}${result.stdout}`.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(refusal);
    expect(lines[0]).toMatch(/npm run build:local/);
    expect(readdirSync(refusedOut)).toEqual([]);
  });
});

test("the service worker lists the tracker's page, every script it loads or may load later, the icons and the help, and no add-in page", () => {
  const line = /^const PRECACHE = (.*);$/m.exec(read("service-worker.js"));
  expect(line).not.toBeNull();
  const { version, files } = JSON.parse(line![1]!) as { version: string; files: string[] };
  expect(version).toMatch(/^[0-9a-f]{16}$/);
  for (const file of files) expect(existsSync(path.join(out, file))).toBe(true);
  expect(files).toEqual(
    expect.arrayContaining(["tracker.html", ...HELP_PAGES, "help.css", "assets/icon-32.png", ...scriptsOf(read("tracker.html"))]),
  );
  // The chunks loaded on demand (the workbook reader when a file is opened, the form writer when it is saved).
  for (const chunk of ["workbook-reader", "form-writer", "submission-writer"]) {
    expect(files.some((file) => file.startsWith(`${chunk}.`) && file.endsWith(".js"))).toBe(true);
  }
  for (const page of ["taskpane.html", "preview.html", "manifest.xml", "functions.json"]) expect(files).not.toContain(page);
  expect(files).not.toContain(entryFile("taskpane"));
});

test("each help page lists every language's page, each in its own name, its own marked as the current page", () => {
  for (const [index, page] of HELP_PAGES.entries()) {
    const html = read(page);
    expect(html).not.toContain("<!-- help languages -->");
    const list = /<nav class="?languages"?[^>]*>(.*?)<\/nav>/s.exec(html)?.[1] ?? "";
    expect(attributeValues(list, "\\shref")).toEqual(HELP_PAGES);
    expect(attributeValues(list, "\\shreflang")).toEqual(HELP_TAGS);
    expect(list).toContain(">Deutsch<");
    expect(list).toContain(">日本語<");
    // The current page: the one link marked so.
    expect([...list.matchAll(/<a ([^>]*)aria-current="?page"?/g)].map((match) => attributeValues(` ${match[1]}`, "\\shref")[0])).toEqual([
      HELP_PAGES[index],
    ]);
  }
  expect(read("help.de.html")).toMatch(/<nav class="?languages"? aria-label="?Sprache"?/);
});

describe("help.html explains the program's rules as the core applies them (docs/rules.md §1–4, 11)", () => {
  /** The help page's text as a reader sees it: tags gone, entities read, spaces folded; a table row or paragraph a line. */
  const text = () =>
    read("help.html")
      .replace(/\s+/g, " ")
      // The built page is minified (closing tags left out): a block's opening or closing tag starts a line.
      .replace(/<\/?(tr|p|li|h[1-6]|table|ul|ol)\b[^>]*>/g, "\n")
      .replace(/<[^>]+>/g, " ")
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/ +/g, " ")
      .replace(/ *\n */g, "\n");
  const rowOf = (help: string, label: string) => help.split("\n").find((line) => line.includes(label)) ?? "";

  test("every activity of the catalog, in its category, with how it counts", () => {
    const help = text();
    for (const activity of ACTIVITIES) {
      const row = rowOf(help, activity.label);
      expect(row).not.toBe("");
      const per =
        activity.unit === "hours"
          ? activity.capHours === null
            ? "the hours"
            : `up to ${activity.capHours} h per`
          : `${activity.hoursPerUnit} h per ${activity.unit.replace(/s$/, "")}`;
      expect(row).toContain(per);
      if (activity.formats.length === 1) expect(row).toContain("in person only");
    }
    // A row's category is the last category heading of the table before it (a category's cell spans its rows).
    const categoryOf = (label: string) => [...help.slice(0, help.indexOf(label)).matchAll(/\n([ABC]) · /g)].pop()?.[1];
    for (const activity of ACTIVITIES) expect([activity.label, categoryOf(activity.label)]).toEqual([activity.label, activity.category]);
  });

  test("the start dates, the credentials that count, and each credit's minimums from the rule sets", () => {
    const help = text();
    for (const [category, date] of Object.entries(ELIGIBLE_FROM)) expect(help).toMatch(new RegExp(`category ${category} from ${date}`));
    expect(help).toMatch(/Technique Certified \(CST-T\) or Diplomate \(CST-D\) therapist, received in person/);
    expect(help).toMatch(/certified CST mentor/);
    RULE_SETS.current.credits.forEach((rule, index) => {
      const minimums = Object.entries(rule.minimums)
        .map(([category, hours]) => `${category} ${hours} h`)
        .join(", ");
      const line = help.split("\n").find((each) => each.trim().startsWith(`${ordinal(index + 1)} `)) ?? "";
      expect(line).toContain(minimums);
      expect(line).toContain(rule.requires === null ? "anyone" : rule.requires === "technique" ? "(CST-T)" : "(CST-D)");
    });
    expect(help).toMatch(/4th and later Diplomate Certified \(CST-D\) A 12 h, C 12 h/);
    const first = RULE_SETS["2014"].credits[0];
    expect(help).toContain(`every credit needs A ${first.minimums.A} h, B ${first.minimums.B} h and C ${first.minimums.C} h, 24 h in all`);
    expect(help).toMatch(/An hour counts toward one credit only/);
    expect(help).toMatch(/Record an award/);
    expect(help).toMatch(/never delete rows after an award/);
  });
});
