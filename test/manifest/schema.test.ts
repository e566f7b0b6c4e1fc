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

/** The languages' side of the manifest and the functions (docs/rules.md, "Languages"), as the build writes them. */
describe("the manifest and functions metadata in each language", () => {
  interface Localize {
    localizeManifest(xml: string, catalogs?: Record<string, Record<string, string>>, helpTags?: string[]): string;
    localizedFunctionsMetadata(
      metadata: FunctionsMetadata,
      catalog: Record<string, string>,
      tag?: string,
      helpTags?: string[],
    ): FunctionsMetadata;
    translations(): Record<string, Record<string, string>>;
    cultureOf(tag: string): string;
    culturesOf(tag: string, tags?: string[]): string[];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own code, CommonJS
  const localize = require(path.join(ROOT, "scripts/localize.cjs")) as Localize;
  const english = JSON.parse(readFileSync(path.join(ROOT, "src/i18n/messages/en.json"), "utf8")) as Record<string, string>;
  const catalogs = localize.translations();
  const FIRST = ["de", "es", "fr", "ja", "pt-BR"];
  let generated: FunctionsMetadata;

  beforeAll(async () => {
    const result = await generateCustomFunctionsMetadata(path.join(ROOT, "src/functions/functions.ts"), false);
    generated = build.excelFunctionsMetadata(JSON.parse(result.metadataJson), "https://cst.example.org");
  });

  function localizedManifestFile(name: string, catalogsToUse = catalogs): string {
    const file = path.join(scratch, `${name}.xml`);
    writeFileSync(file, localize.localizeManifest(readFileSync(MANIFEST, "utf8"), catalogsToUse));
    return file;
  }

  test("the manifest with an Override per language is valid against the XSDs", () => {
    const file = localizedManifestFile("localized");
    const result = validateManifest(file);
    expect(result.messages).toMatch(/validates$/);
    const xml = readFileSync(file, "utf8");
    for (const tag of FIRST) {
      // Office matches an Override's Locale exactly: each of its display languages in the language has its own.
      for (const culture of localize.culturesOf(tag, ["en", ...FIRST])) {
        // Display name, description, 8 ribbon and get-started strings, the functions' metadata URL, and the support and
        // Learn more URLs on the language's help page.
        expect(xml.match(new RegExp(`Locale="${culture}"`, "g"))?.length).toBe(13);
        expect(xml).toContain(`<bt:Override Locale="${culture}" Value="https://localhost:3000/functions.${tag}.json"/>`);
        expect(xml).toContain(`<Override Locale="${culture}" Value="https://localhost:3000/help.${tag}.html"/>`);
        expect(xml).toContain(`<bt:Override Locale="${culture}" Value="https://localhost:3000/help.${tag}.html"/>`);
      }
    }
    expect(localize.culturesOf("es", ["en", ...FIRST])).toEqual(["es-ES", "es-MX"]);
    expect(localize.culturesOf("fr", ["en", ...FIRST])).toEqual(["fr-FR", "fr-CA"]);
    // Office in Portuguese (Portugal) reads the Brazilian catalog until one of its own exists.
    expect(localize.culturesOf("pt-BR", ["en", ...FIRST])).toEqual(["pt-BR", "pt-PT"]);
    expect(localize.culturesOf("pt-BR", ["en", ...FIRST, "pt-PT"])).toEqual(["pt-BR"]);
    expect(xml).toContain(`<Override Locale="es-MX" Value="${catalogs.es!["manifest.DisplayName"]!}"/>`);
    expect(xml).toContain('<Override Locale="de-DE" Value="CST-Mentoring-Tracker"/>');
    expect(xml).toContain('<bt:Override Locale="ja-JP" Value="トラッカーを開く"/>');
    // The functions' namespace is the same in every language.
    expect(xml).toMatch(/<bt:String id="Functions.Namespace" DefaultValue="CST"\/>/);
  });

  test("a translation over Microsoft's length limit stops the build, naming it", () => {
    const long = { de: { ...catalogs.de, "manifest.Tab.Label": "M".repeat(126) } };
    expect(() => localize.localizeManifest(readFileSync(MANIFEST, "utf8"), long)).toThrow(
      "de.json: manifest.Tab.Label is 126 characters; the manifest allows 125.",
    );
  });

  test("a manifest whose Override names a culture the schema refuses fails validation", () => {
    const file = localizedManifestFile("bad-culture");
    writeFileSync(file, readFileSync(file, "utf8").replace('Locale="de-DE"', 'Locale="deutsch"'));
    expect(validateManifest(file).valid).toBe(false);
  });

  test("English's catalog holds the manifest's own words and the functions' own descriptions", () => {
    const xml = readFileSync(MANIFEST, "utf8");
    const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&amp;/g, "&");
    expect(english["manifest.DisplayName"]).toBe(unescape(/<DisplayName DefaultValue="([^"]*)"/.exec(xml)![1]!));
    expect(english["manifest.Description"]).toBe(unescape(/<Description DefaultValue="([^"]*)"/.exec(xml)![1]!));
    for (const [, id, value] of xml.matchAll(/<bt:String id="([^"]+)" DefaultValue="([^"]*)"/g)) {
      if (id !== "Functions.Namespace") expect([id, english[`manifest.${id}`]]).toEqual([id, unescape(value!)]);
    }
    const fns = generated.functions as unknown as {
      id: string;
      description: string;
      parameters: { name: string; description: string }[];
    }[];
    for (const fn of fns) {
      expect(english[`functions.${fn.id}`]).toBe(fn.description);
      for (const parameter of fn.parameters) expect(english[`functions.${fn.id}.${parameter.name}`]).toBe(parameter.description);
    }
  });

  test.each(FIRST)("functions.%s.json is valid, keeps every name and id, and describes in that language", (tag) => {
    const localized = localize.localizedFunctionsMetadata(generated, catalogs[tag]!, tag);
    const result = validateFunctionsMetadata(localized);
    expect(result.messages).toBe("");
    type Fn = { id: string; name: string; description: string; parameters: { name: string; description: string }[] };
    const [built, translated] = [generated.functions as unknown as Fn[], localized.functions as unknown as Fn[]];
    expect(translated.map((fn) => [fn.id, fn.name, fn.parameters.map((p) => p.name)])).toEqual(
      built.map((fn) => [fn.id, fn.name, fn.parameters.map((p) => p.name)]),
    );
    for (const [index, fn] of translated.entries()) {
      expect(fn.description).toBe(catalogs[tag]![`functions.${fn.id}`]);
      expect(fn.description).not.toBe(built[index]!.description);
    }
    // Each function's help is its section of the language's help page.
    type Helped = { id: string; helpUrl: string };
    expect((localized.functions as unknown as Helped[]).map((fn) => fn.helpUrl)).toEqual(
      (generated.functions as unknown as Helped[]).map((fn) => `https://cst.example.org/help.${tag}.html#cst-${fn.id.toLowerCase()}`),
    );
  });

  test("a language without a help page of its own keeps the English help, in the manifest and the functions", () => {
    const withoutJapanese = ["de", "en", "es", "fr", "pt-BR"];
    const xml = localize.localizeManifest(readFileSync(MANIFEST, "utf8"), catalogs, withoutJapanese);
    expect(xml).not.toContain("help.ja.html");
    expect(xml).toContain('<bt:Override Locale="ja-JP" Value="https://localhost:3000/functions.ja.json"/>');
    const localized = localize.localizedFunctionsMetadata(generated, catalogs.ja!, "ja", withoutJapanese);
    for (const fn of localized.functions as unknown as { helpUrl: string }[]) expect(fn.helpUrl).toMatch(/\/help\.html#cst-/);
  });
});
