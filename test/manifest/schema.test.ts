/**
 * manifest.xml and functions.json against Microsoft's own schemas, offline
 * (test/support/schemas.ts). Each check is also shown failing on a
 * deliberately broken copy, so that it cannot pass by validating nothing.
 * The built files (dist/ for an origin) are checked the same way in
 * test/build/build.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { validateFunctionsMetadata, validateManifest } from "../support/schemas";

const ROOT = path.resolve(__dirname, "../..");
const MANIFEST = path.join(ROOT, "manifest.xml");

interface BuildConfig {
  excelFunctionsMetadata(generated: unknown, origin: string): FunctionsMetadata;
  DEV_ORIGIN: string;
}
interface FunctionsMetadata {
  allowErrorForDataTypeAny?: unknown;
  functions: { id: string; helpUrl?: string; parameters: Record<string, unknown>[] }[];
  [property: string]: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own code, CommonJS
const build = require(path.join(ROOT, "webpack.config.js")) as BuildConfig;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), "cst-schema-"));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function brokenManifest(name: string, edit: (xml: string) => string): string {
  const xml = readFileSync(MANIFEST, "utf8");
  const broken = edit(xml);
  expect(broken).not.toBe(xml);
  const file = path.join(scratch, `${name}.xml`);
  writeFileSync(file, broken);
  return file;
}

describe("manifest.xml against Microsoft's XSDs", () => {
  test("the manifest is valid", () => {
    const result = validateManifest(MANIFEST);
    expect(result.messages).toMatch(/validates$/);
    expect(result.valid).toBe(true);
  });

  test.each([
    ["a lifetime the schema does not know", (xml: string) => xml.replace('lifetime="long"', 'lifetime="forever"'), /lifetime.*forever/],
    ["an unknown element", (xml: string) => xml.replace("<Permissions>", "<Colour>teal</Colour>\n  <Permissions>"), /Colour/],
    [
      "elements out of order (Version before Id)",
      (xml: string) => xml.replace(/(<Id>[^<]*<\/Id>)(\s*)(<Version>[^<]*<\/Version>)/, "$3$2$1"),
      /Version|Id/,
    ],
  ])("a manifest with %s fails", (name, edit, complaint) => {
    const result = validateManifest(brokenManifest(name.replace(/\W+/g, "-"), edit));
    expect(result.valid).toBe(false);
    expect(result.messages).toMatch(complaint);
  });
});

describe("functions.json against Microsoft's JSON schema", () => {
  let metadata: FunctionsMetadata;

  beforeAll(async () => {
    const generated = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"), false);
    expect(generated.errors).toEqual([]);
    // What the build writes: the generator's metadata as the build completes it for Excel.
    metadata = build.excelFunctionsMetadata(JSON.parse(generated.metadataJson), "https://cst.example.org");
  });

  test("the metadata the build writes is valid, with allowErrorForDataTypeAny a top-level Boolean", () => {
    const result = validateFunctionsMetadata(metadata);
    expect(result.messages).toBe("");
    expect(result.valid).toBe(true);
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
  });

  test("the build puts every function's help on the add-in's origin, at the function's section of the help page", () => {
    for (const fn of metadata.functions) expect(fn.helpUrl).toBe(`https://cst.example.org/help.html#cst-${fn.id.toLowerCase()}`);
  });

  const copy = (): FunctionsMetadata => JSON.parse(JSON.stringify(metadata)) as FunctionsMetadata;

  test.each([
    [
      "allowErrorForDataTypeAny on a parameter instead of the file",
      (broken: FunctionsMetadata) => {
        delete broken.allowErrorForDataTypeAny;
        broken.functions[0]!.parameters[0]!.allowErrorForDataTypeAny = true;
      },
    ],
    ["allowErrorForDataTypeAny as a text", (broken: FunctionsMetadata) => void (broken.allowErrorForDataTypeAny = "true")],
    ["a top-level property the documentation does not name", (broken: FunctionsMetadata) => void (broken.allowEverything = true)],
    ["a misspelt parameter property", (broken: FunctionsMetadata) => void (broken.functions[0]!.parameters[0]!.dimension = "matrix")],
  ])("metadata with %s fails", (_name, breakIt) => {
    const broken = copy();
    breakIt(broken);
    const result = validateFunctionsMetadata(broken);
    expect(result.valid).toBe(false);
    expect(result.messages).not.toBe("");
  });
});
