/**
 * Text from a stranger's file, every class of code point in it, goes
 * through export and back unchanged, and never reaches the terminal raw:
 * control and bidirectional characters are shown as `\uXXXX` escapes, and
 * JSON output stays JSON that reads back the same text.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { terminalSafe } from "../../src/cli/terminal";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");

const range = (from: number, to: number): string => String.fromCharCode(...Array.from({ length: to - from + 1 }, (_, i) => from + i));
const BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069";
/** C0 controls (a carriage return in a CSV field reads as a line feed, as in a cell, so it is left out), DEL, C1, bidi marks. */
const CONTROLS = range(0x00, 0x0c) + range(0x0e, 0x1f) + "\u007f" + range(0x80, 0x9f) + BIDI;
/** Text that looks like the format's own escapes, emoji (surrogate pairs, joiners), accents, the euro sign. */
const LOOKALIKES = "_x0041_ _x005F_ _xD83D_ _x000D_ x_x_ 😀 👩‍⚕️ é € \u2028\u2029 \ufeff";
const EVERY_CLASS = `a${CONTROLS}b ${LOOKALIKES} z`;
// eslint-disable-next-line no-control-regex -- the characters the terminal must never receive raw
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

let folder: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-terminal-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: folder, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const csvField = (text: string): string => `"${text.replace(/"/g, '""')}"`;

describe("terminalSafe", () => {
  test("escapes C0 and C1 controls, DEL, line separators and bidi controls; keeps line feeds and other text", () => {
    expect(terminalSafe("a\u202eb\u0085c\u007fd\u001b[31me\tf\ng é😀")).toBe("a\\u202Eb\\u0085c\\u007Fd\\u001B[31me\\u0009f\ng é😀");
    for (const character of CONTROLS.replace("\n", "")) expect(terminalSafe(character)).toMatch(/^\\u[0-9A-F]{4}$/);
  });

  test("JSON written through it is still JSON with the same strings", () => {
    const value = { note: EVERY_CLASS };
    expect(JSON.parse(terminalSafe(JSON.stringify(value)))).toEqual(value);
  });
});

test("export then verify is unchanged for Provider and Notes holding every class of code point", async () => {
  const log = join(folder, "every-class.csv");
  writeFileSync(
    log,
    [
      "Date,Activity,Format,Provider,Credential,Quantity,Notes",
      `2024-03-05,treatment,In person,${csvField(`Jane ${EVERY_CLASS}`)},CST-T,6,${csvField(EVERY_CLASS)}`,
      `2024-03-06,small-group,Virtual,${csvField(EVERY_CLASS)},,6,${csvField(`_x0041_${CONTROLS}`)}`,
      `2024-03-07,one-on-one,Virtual,Mo Mentor,Mentor,12,${csvField(LOOKALIKES)}`,
    ].join("\n"),
  );
  const exported = cli("export", log, "submission.xlsx", "--name", "Ann Mentee", "--email", "ann@example.org", "--as-of", "2024-12-31");
  expect(exported.stderr).toBe("");
  expect(exported.status).toBe(0);

  const { log: read } = await readWorkbookLog(new Uint8Array(readFileSync(join(folder, "submission.xlsx"))));
  // Line feeds inside fields make records span lines; the submission keeps the lines' numbers, so blank rows lie between.
  const filled = read.rows.filter((row) => row.cells.some((cell) => cell !== null));
  expect(filled.map((row) => [row.cells[3], row.cells[6]])).toEqual([
    [`Jane ${EVERY_CLASS}`, EVERY_CLASS],
    [EVERY_CLASS, `_x0041_${CONTROLS}`],
    ["Mo Mentor", LOOKALIKES],
  ]);

  const verified = cli("verify", "submission.xlsx", "--json");
  expect(verified.status).toBe(0);
  expect(JSON.parse(verified.stdout)).toMatchObject({
    submission: "unchanged",
    summaryMismatches: [],
    credits: 1,
    hours: { A: 6, B: 6, C: 12 },
  });
  expect(verified.stdout).not.toMatch(UNSAFE);
});

test("a finding quoting a cell with control and bidi characters is escaped on the terminal and exact in JSON", () => {
  const activity = "treat\u202Ement\u0085\u007f\u001b[2J";
  const file = join(folder, "sneaky\u202Egsv.csv");
  writeFileSync(file, `Date,Activity,Format,Provider,Credential,Quantity,Notes\n2024-03-05,${csvField(activity)},In person,J,CST-T,6,\n`);
  const human = cli("verify", file, "--as-of", "2024-12-31");
  expect(human.status).toBe(1);
  expect(human.stdout).not.toMatch(UNSAFE);
  expect(human.stdout).toContain("sneaky\\u202Egsv.csv");
  expect(human.stdout).toContain("treat\\u202Ement\\u0085\\u007F\\u001b[2J");

  const json = cli("verify", file, "--as-of", "2024-12-31", "--json");
  expect(json.stdout).not.toMatch(UNSAFE);
  const report = JSON.parse(json.stdout);
  expect(report.rows[0].errors[0].code).toBe("unknown-activity");
  expect(report.rows[0].errors[0].message).toContain(activity.slice(0, 10));

  const unreadable = cli("verify", join(folder, "missing\u202E.csv"));
  expect(unreadable.status).toBe(2);
  expect(unreadable.stderr).toContain("missing\\u202E.csv: no such file");
});
