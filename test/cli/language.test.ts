/**
 * The command line's language (docs/rules.md, "Languages"): `--lang` or the
 * environment's locale chooses the human-readable output's; `--json` is the
 * same bytes in every language.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { STATE_HINT, STATE_TEXT, VERIFICATION_STATES } from "../../src/core";
import { ENGLISH } from "../../src/i18n";
import { run } from "./run";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");

let folder: string;
let log: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-language-"));
  log = join(folder, "log.csv");
  writeFileSync(
    log,
    [
      "Date,Activity,Format,Provider,Credential,Quantity,Notes",
      "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
      "2024-01-11,small-group,Virtual,,,6,",
      "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
      "2024-01-13,one-on-one,Virtual,Mo Mentor,Mentor,1.5,",
    ].join("\n"),
  );
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The built command line in a process with only the given locale variables. */
function cli(args: readonly string[], locale: Record<string, string> = {}) {
  const { LANG: _l, LC_ALL: _a, LC_MESSAGES: _m, ...environment } = process.env;
  const result = spawnSync(process.execPath, [CLI, ...args], { env: { ...environment, ...locale }, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test.each([
  ["de", ["Angerechnete Stunden: A 6 Std., B 6 Std., C 13,5 Std.", "Fingerabdruck: ", "Erworbene Credits: 1", "Nächstes Credit (das 2.)"]],
  ["es", ["Horas acreditadas: A 6 h, B 6 h, C 13,5 h", "Huella: ", "Créditos obtenidos: 1", "Siguiente crédito (el 2.º)"]],
  ["ja", ["認められた時間: A 6 時間, B 6 時間, C 13.5 時間", "フィンガープリント: ", "取得クレジット: 1", "次のクレジット (2 番目)"]],
])("verify --lang %s speaks that language (the built command)", (lang, lines) => {
  const { status, stdout } = cli(["verify", log, "--lang", lang, "--as-of", "2024-06-01"]);
  expect(status).toBe(0);
  for (const line of lines) expect(stdout).toContain(line);
  expect(stdout).not.toContain("Hours credited");
});

test("the environment's locale chooses the language: LC_ALL over LC_MESSAGES over LANG, --lang over all", () => {
  expect(cli(["verify", log], { LANG: "de_DE.UTF-8" }).stdout).toContain("Fingerabdruck: ");
  expect(cli(["verify", log], { LANG: "de_DE.UTF-8", LC_MESSAGES: "fr_FR.UTF-8" }).stdout).toContain("Empreinte : ");
  expect(cli(["verify", log], { LANG: "de_DE.UTF-8", LC_ALL: "ja_JP.UTF-8" }).stdout).toContain("フィンガープリント: ");
  expect(cli(["verify", log, "--lang", "es"], { LC_ALL: "ja_JP.UTF-8" }).stdout).toContain("Huella: ");
  expect(cli(["verify", log], { LANG: "C.UTF-8" }).stdout).toContain("Fingerprint: ");
  // A language without a catalog: English.
  expect(cli(["verify", log, "--lang", "sw"]).stdout).toContain("Fingerprint: ");
});

test("--json is byte-identical with and without --lang or a locale", () => {
  const plain = cli(["verify", log, "--json", "--as-of", "2024-06-01"]);
  expect(plain.status).toBe(0);
  for (const lang of ["de", "es", "ja", "pt-BR", "fr"]) {
    expect(cli(["verify", log, "--json", "--as-of", "2024-06-01", "--lang", lang]).stdout).toBe(plain.stdout);
  }
  expect(cli(["verify", log, "--json", "--as-of", "2024-06-01"], { LC_ALL: "de_DE.UTF-8" }).stdout).toBe(plain.stdout);
});

test("a batch's lines and totals speak the language", async () => {
  const { stdout } = await run("verify", folder, "--lang", "de", "--as-of", "2024-06-01");
  expect(stdout).toContain("Gesamt: 1 Datei: 1 KEINE EINREICHUNG");
  expect(stdout).toContain("Nicht bereit zur Vergabe:");
});

test("--lang must be a language tag", async () => {
  const { status, stderr } = await run("verify", log, "--lang", "not a tag!");
  expect(status).toBe(2);
  expect(stderr).toContain("--lang needs a language tag such as de, es, ja or pt-BR");
});

test("English's state words are SPEC 11's, as the record writes them", () => {
  for (const state of VERIFICATION_STATES) {
    expect(ENGLISH[`state.${state}`]).toBe(STATE_TEXT[state]);
    expect(ENGLISH[`stateHint.${state}`]).toBe(STATE_HINT[state]);
  }
});

test("a row's findings speak the language; their codes, and the JSON's messages, stay as they are", () => {
  const broken = join(folder, "broken.csv");
  writeFileSync(
    broken,
    [
      "Date,Activity,Format,Provider,Credential,Quantity,Notes",
      "2024-01-10,treatment,Virtual,Jane Roe,Reiki,6,",
      "2024-01-11,small-group,Virtual,,,0,",
    ].join("\n"),
  );
  const german = cli(["verify", broken, "--lang", "de", "--as-of", "2024-06-01"]).stdout;
  expect(german).toContain("virtual-not-allowed");
  expect(german).toContain("zählt nur vor Ort");
  expect(german).toContain('Die Qualifikation "Reiki" zählt nicht: Kategorie A zählt nur Behandlung durch eine:n CST-T oder CST-D.');
  expect(german).toContain("Die Menge 0 muss größer als 0 sein: Geben Sie die Anzahl der Stunden ein.");
  expect(german).not.toContain("counts in person only");
  const json = JSON.parse(cli(["verify", broken, "--json", "--lang", "de", "--as-of", "2024-06-01"]).stdout) as {
    rows: { errors: { code: string; message: string }[] }[];
  };
  expect(json.rows[1]?.errors[0]).toEqual({
    code: "bad-quantity",
    field: "quantity",
    message: "Quantity 0 must be more than 0: enter the number of hours.",
  });
});

test("export speaks the language too: what it wrote, the credits and why hours count toward none", () => {
  const out = join(folder, "submission.xlsx");
  const german = cli(["export", log, out, "--name", "Ada Quint", "--lang", "de", "--as-of", "2024-06-01"]);
  expect(german.status).toBe(0);
  expect(german.stdout).toContain(`${log}: exportiert nach ${out} (keine Fehler`);
  expect(german.stdout).toContain("Erworbene Credits: 1, Stand 2024-06-01; als Nächstes: das 2. Credit");
  expect(german.stdout).toContain(
    "1,5 Std. der Kategorie C können nicht für das 2. Credit zählen: Es setzt voraus, dass Sie Technique-zertifiziert (CST-T) sind",
  );
  expect(german.stdout).toContain("1. Credit: A 6 Std., B 6 Std. und C 12 Std.");
  expect(german.stdout).toContain("Exportiert: ");
  expect(german.stdout).not.toMatch(/Credits earned|exported to|cannot count toward/);
  const english = cli(["export", log, out, "--name", "Ada Quint", "--as-of", "2024-06-01"]);
  expect(english.stdout).toContain("Credits earned: 1, as of 2024-06-01; next: the 2nd credit");
  expect(english.stdout).toContain(
    "1.5 h of category C cannot count toward the 2nd credit: it needs you to be Technique Certified (CST-T)",
  );
});

describe("a file that cannot be read", () => {
  let unreadable: string;
  let empty: string;
  beforeAll(() => {
    unreadable = join(folder, "unreadable");
    mkdirSync(join(unreadable, "nothing"), { recursive: true });
    empty = join(unreadable, "empty.csv");
    writeFileSync(empty, "");
    writeFileSync(join(unreadable, "old.xlsx"), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]));
  });
  const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";

  test("says why on stderr in the output's language; in English as it always did", async () => {
    const german = await run("verify", empty, "--lang", "de");
    expect(german).toMatchObject({ status: 2, stdout: "" });
    expect(german.stderr).toBe(`cst-mentorship: ${empty}: Die Datei ist leer: Die erste Zeile muss die Kopfzeile ${HEADER} sein`);
    const english = await run("verify", empty, "--lang", "en");
    expect(english.stderr).toBe(`cst-mentorship: ${empty}: the file is empty: the first line must be the header row ${HEADER}`);
    expect((await run("export", empty, join(unreadable, "out.xlsx"), "--lang", "es")).stderr).toBe(
      `cst-mentorship: ${empty}: el archivo está vacío: la primera línea debe ser la fila de encabezados ${HEADER}`,
    );
  });

  test("beside --json, stderr stays English and the JSON's error is the English message", async () => {
    expect((await run("verify", empty, "--json", "--lang", "de")).stderr).toBe(
      `cst-mentorship: ${empty}: the file is empty: the first line must be the header row ${HEADER}`,
    );
    const batch = await run("verify", empty, join(unreadable, "old.xlsx"), "--json", "--lang", "ja");
    expect(batch.stderr).toContain(`cst-mentorship: ${empty}: the file is empty`);
    expect(JSON.parse(batch.stdout)).toContainEqual({
      file: empty,
      state: "unreadable",
      error: `${empty}: the file is empty: the first line must be the header row ${HEADER}`,
    });
  });

  test("a batch names each file it cannot read in the language; a folder without logs too (the built command, by the locale)", async () => {
    const batch = await run("verify", empty, join(unreadable, "old.xlsx"), "--lang", "ja");
    expect(batch.stderr.split("\n")).toEqual([
      `cst-mentorship: ${empty}: ファイルが空です。1 行目は見出し行 ${HEADER} である必要があります`,
      expect.stringMatching(/old\.xlsx: 古い \.xls 形式は読み取れません \(Excel 97-2003 ブック、/),
    ]);
    const nothing = join(unreadable, "nothing");
    expect(cli(["verify", nothing], { LANG: "fr_FR.UTF-8" })).toMatchObject({
      status: 2,
      stderr: `cst-mentorship: ${nothing} : le dossier ne contient aucun fichier .csv ni .xlsx\n`,
    });
    expect(cli(["verify", nothing]).stderr).toBe(`cst-mentorship: ${nothing}: the folder has no .csv or .xlsx file\n`);
  });
});

test("verify --record says what it recorded in the output's language; in English as before", async () => {
  const record = join(folder, "record-language.csv");
  const german = await run("verify", log, "--record", record, "--lang", "de", "--as-of", "2024-06-01");
  expect(german.stderr).toBe(`cst-mentorship: 1 Datei in ${record} eingetragen`);
  const english = await run("verify", log, "--record", record, "--lang", "en", "--as-of", "2024-06-01");
  expect(english.stderr).toBe(`cst-mentorship: recorded 0 files in ${record} (1 already recorded, by fingerprint)`);
  const japanese = await run("verify", log, "--record", record, "--lang", "ja", "--as-of", "2024-06-01");
  expect(japanese.stderr).toBe(`cst-mentorship: ${record} に 0 件のファイルを記録しました (1 件は記録済み、フィンガープリントで判定)`);
});

describe("the help and the arguments' mistakes", () => {
  test("--help --lang de speaks German; the program, commands, flags and placeholders stay as typed", () => {
    const { status, stdout } = cli(["--help", "--lang", "de"]);
    expect(status).toBe(0);
    expect(stdout).toContain("Aufruf:\n  cst-mentorship verify FILE... [--json] [--lang TAG] [--as-of YYYY-MM-DD]");
    expect(stdout).toContain("[Profiloptionen]");
    expect(stdout).toContain("template  Schreibt das leere Erfassungsformular.");
    expect(stdout).toMatch(/\n {2}--as-of YYYY-MM-DD {3}Der Stichtag der Prüfung/);
    expect(stdout).toContain("  --name NAME          Name des Mentees, statt des Werts im Blatt Profile.");
    expect(stdout).toContain("  --rules current|2014 Regelwerk, statt des Werts im Blatt Profile.");
    expect(stdout).not.toMatch(/Usage:|Options:|instead of the Profile sheet/);
  });

  test("the locale chooses the help's language too (LANG=ja_JP.UTF-8)", () => {
    const { status, stdout } = cli(["--help"], { LANG: "ja_JP.UTF-8" });
    expect(status).toBe(0);
    expect(stdout.startsWith("使い方:\n  cst-mentorship verify FILE... [--json]")).toBe(true);
    expect(stdout).toContain(
      "  cst-mentorship export FILE OUT.xlsx|OUT.pdf [--pdf OUT.pdf] [--as-of YYYY-MM-DD] [プロフィールのオプション]",
    );
    expect(stdout).toContain("  --awarded N          ");
    expect(stdout).toContain("終了ステータス: ");
    expect(stdout).not.toContain("Exit status");
  });

  test("a bad --as-of with --lang fr says so in French, with the help's command as typed", () => {
    const { status, stdout, stderr } = cli(["verify", log, "--as-of", "2024-02-30", "--lang", "fr"]);
    expect({ status, stdout }).toEqual({ status: 2, stdout: "" });
    expect(stderr).toBe(
      "cst-mentorship: --as-of a besoin d’une vraie date au format YYYY-MM-DD, par exemple 2024-03-15 (voir cst-mentorship --help)\n",
    );
  });

  test("an invalid --lang is said in the locale's language, or English", () => {
    expect(cli(["verify", log, "--lang", "not a tag!"], { LANG: "es_ES.UTF-8" }).stderr).toBe(
      "cst-mentorship: --lang necesita una etiqueta de idioma como de, es, ja o pt-BR (consulte cst-mentorship --help)\n",
    );
    expect(cli(["verify", log, "--lang", "not a tag!"]).stderr).toBe(
      "cst-mentorship: --lang needs a language tag such as de, es, ja or pt-BR (see cst-mentorship --help)\n",
    );
  });

  test("beside --json, the arguments' mistakes stay English", () => {
    expect(cli(["verify", log, "--json", "--as-of", "bad", "--lang", "de"]).stderr).toBe(
      "cst-mentorship: --as-of needs a real date as YYYY-MM-DD, such as 2024-03-15 (see cst-mentorship --help)\n",
    );
  });

  test("without --lang or a locale (or with LANG=C), the help and the mistakes are the English they always were", () => {
    for (const locale of [{}, { LANG: "C" }] as Record<string, string>[]) {
      const help = cli(["--help"], locale);
      expect(help.status).toBe(0);
      expect(help.stdout.split("\n").slice(0, 7)).toEqual([
        "Usage:",
        "  cst-mentorship verify FILE... [--json] [--lang TAG] [--as-of YYYY-MM-DD] [--record RECORD.csv|.xlsx] [profile options]",
        "  cst-mentorship export FILE OUT.xlsx|OUT.pdf [--pdf OUT.pdf] [--as-of YYYY-MM-DD] [profile options]",
        "  cst-mentorship template OUT.xlsx",
        "  cst-mentorship --help",
        "",
        "verify    Checks tracking forms (.xlsx) or CSV logs (.csv), or every such file",
      ]);
      expect(help.stdout).toContain("  --rules current|2014 Rule set, instead of the Profile sheet's.\n");
      expect(help.stdout).toContain(
        "Exit status: 0 no errors, 1 some row or profile error, or a submission edited\nafter export or whose summary differs, 2 a file cannot be read or the\narguments are wrong.\n",
      );
      expect(cli(["verify", log, "--rules", "2020"], locale)).toEqual({
        status: 2,
        stdout: "",
        stderr: "cst-mentorship: --rules must be current or 2014 (see cst-mentorship --help)\n",
      });
      expect(cli(["export", log], locale).stderr).toBe(
        "cst-mentorship: export needs FILE and OUT.xlsx (or OUT.pdf) (see cst-mentorship --help)\n",
      );
    }
  });
});

test("beside --json, why a file was not read stays English whatever the locale", () => {
  const missing = join(folder, "no-such-log.csv");
  const german = cli(["verify", missing, "--json"], { LANG: "de_DE.UTF-8" });
  const english = cli(["verify", missing, "--json"]);
  expect(german.stderr).toBe(english.stderr);
  expect(cli(["verify", missing], { LANG: "de_DE.UTF-8" }).stderr).not.toBe(english.stderr);
});
