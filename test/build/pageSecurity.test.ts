/**
 * Every page's entry sets zod to parse without compiling before any other module runs: the pages'
 * Content-Security-Policy forbids eval, which zod's compiled parsers would probe for (src/excel/pageSecurity.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ENTRIES = [
  "src/taskpane/index.tsx",
  "src/tracker/index.tsx",
  "src/preview/index.tsx",
  "src/commands/commands.ts",
  "src/functions/functions.ts",
];

test.each(ENTRIES)("%s imports the page security settings before anything else", (entry) => {
  const source = readFileSync(join(__dirname, "..", "..", entry), "utf8");
  const imports = [...source.matchAll(/^import\s[^;]*?["']([^"']+)["'];?$/gms)].map((match) => match[1]);
  expect(imports[0]).toBe("../excel/pageSecurity");
});

test("the webpack entries are those pages", () => {
  const config = readFileSync(join(__dirname, "..", "..", "webpack.config.js"), "utf8");
  for (const entry of ENTRIES.filter((each) => !each.includes("functions"))) expect(config).toContain(`"./${entry}"`);
});
