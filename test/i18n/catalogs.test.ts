/**
 * The catalogs a translator edits (docs/rules.md, "Languages"): each one has
 * every message of English, with English's placeholders, and the program's
 * terms as the glossary fixes them.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type GlossaryTerm, catalogProblems, glossaryProblems } from "../../src/i18n/check";
import { ENGLISH, LANGUAGES } from "../../src/i18n";

const MESSAGES = join(__dirname, "../../src/i18n/messages");
const GLOSSARY = JSON.parse(readFileSync(join(__dirname, "../../src/i18n/glossary.json"), "utf8")) as Record<string, GlossaryTerm>;
const FIRST_CATALOGS = ["en", "es", "pt-BR", "de", "fr", "ja"];

function catalogOf(folder: string, tag: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(folder, `${tag}.json`), "utf8")) as Record<string, unknown>;
}

/** Every catalog in a folder, checked as the suite checks the project's own. */
function folderProblems(folder: string): string[] {
  const english = catalogOf(folder, "en") as Record<string, string>;
  return readdirSync(folder)
    .filter((name) => name.endsWith(".json") && name !== "en.json")
    .flatMap((name) => {
      const tag = name.slice(0, -".json".length);
      return catalogProblems(english, catalogOf(folder, tag)).map(
        (problem) => `${tag} ${problem.id}: ${problem.problem}: ${problem.detail}`,
      );
    });
}

/** FormatJS's own checker over a folder's catalogs: its exit status and what it said. */
function formatjsVerify(folder: string): { status: number; output: string } {
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .map((name) => join(folder, name));
  try {
    const output = execFileSync(
      process.execPath,
      [require.resolve("@formatjs/cli/bin/formatjs"), "verify", "--source-locale", "en", "--missing-keys", "--extra-keys", ...files],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stdout: string; stderr: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

test("the first six catalogs are offered", () => {
  for (const tag of FIRST_CATALOGS) expect(LANGUAGES).toContain(tag);
  expect(LANGUAGES[0]).toBe("en");
});

test.each(FIRST_CATALOGS.filter((tag) => tag !== "en"))("the %s catalog has every message of English, with its placeholders", (tag) => {
  expect(catalogProblems(ENGLISH, catalogOf(MESSAGES, tag))).toEqual([]);
});

test.each(FIRST_CATALOGS.filter((tag) => tag !== "en"))("the %s catalog writes the program's terms as the glossary does", (tag) => {
  expect(glossaryProblems(ENGLISH, catalogOf(MESSAGES, tag), tag, GLOSSARY)).toEqual([]);
});

test("the glossary names every term of the program in each first language", () => {
  expect(Object.keys(GLOSSARY).sort()).toEqual(
    ["1x1", "CST-D", "CST-T", "category", "certified mentor", "credit", "mentorship", "treatment"].sort(),
  );
  for (const entry of Object.values(GLOSSARY)) for (const tag of FIRST_CATALOGS.slice(1)) expect(entry[tag]).toBeDefined();
});

test("formatjs verify finds the project's catalogs complete", () => {
  expect(formatjsVerify(MESSAGES)).toMatchObject({ status: 0 });
});

describe("a broken copy of the catalogs", () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "cst-catalogs-"));
    for (const name of readdirSync(MESSAGES)) copyFileSync(join(MESSAGES, name), join(folder, name));
    const german = catalogOf(folder, "de") as Record<string, string>;
    delete german["dashboard.progress"];
    // A translator renamed a placeholder.
    german["dashboard.next"] = "Als Nächstes: das {kredit}. Credit";
    // And left a brace open.
    german["dashboard.export"] = "Einreichung {exportieren";
    writeFileSync(join(folder, "de.json"), JSON.stringify(german, null, 2));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  test("fails the suite's check: the missing key, the renamed placeholder and the broken message, by name", () => {
    expect(folderProblems(folder)).toEqual([
      "de dashboard.progress: missing: no message dashboard.progress",
      "de dashboard.export: invalid: EXPECT_ARGUMENT_CLOSING_BRACE",
      "de dashboard.next: placeholders: has {kredit}, English has {credit}",
    ]);
  });

  test("fails formatjs verify too", () => {
    const { status, output } = formatjsVerify(folder);
    expect(status).not.toBe(0);
    expect(output).toMatch(/dashboard\.progress/);
  });

  test("while the untouched copy passes", () => {
    expect(folderProblems(MESSAGES)).toEqual([]);
  });
});

test("a term translated otherwise than the glossary says is reported", () => {
  const spanish = { ...catalogOf(MESSAGES, "es"), "dashboard.categoryBar": "Grupo {category} · {name}" };
  expect(glossaryProblems(ENGLISH, spanish, "es", GLOSSARY).map((problem) => problem.id)).toEqual(["dashboard.categoryBar"]);
});

test("a translation the message parser cannot read is a placeholder problem, not a glossary one: its words are read as written", () => {
  const spanish = { ...catalogOf(MESSAGES, "es"), "dashboard.categoryBar": "Categoría {category · {name}" };
  expect(glossaryProblems(ENGLISH, spanish, "es", GLOSSARY)).toEqual([]);
  expect(catalogProblems(ENGLISH, spanish).map((problem) => problem.id)).toContain("dashboard.categoryBar");
});
