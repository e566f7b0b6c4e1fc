/**
 * The printed submission in the mentee's language (docs/rules.md,
 * "Languages"): the cover's words translated, the fixed terms as they are,
 * and the file verifying exactly as an English one does.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { run } from "../cli/run";

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-cover-"));
  writeFileSync(
    join(folder, "log.csv"),
    [
      "Date,Activity,Format,Provider,Credential,Quantity,Notes",
      "2024-01-10,treatment,In person,Jane Roe,CST-T,6,",
      "2024-01-11,small-group,Virtual,,,6,",
      "2024-01-12,one-on-one,Virtual,Mo Mentor,Mentor,12,",
    ].join("\n"),
  );
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function coverOf(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows: string[][] = [];
  workbook
    .getWorksheet("Submission")!
    .eachRow((row) => rows.push([String(row.getCell(1).value ?? ""), String(row.getCell(2).value ?? "")]));
  return rows;
}

test.each([
  ["de", "CST-Mentoring-Einreichung", "Erworbene Credits", "1. Credit"],
  ["ja", "CST メンターシップ提出書類", "取得クレジット", "1 番目のクレジット"],
  ["es", "Envío de mentoría CST", "Créditos obtenidos", "1.º crédito"],
])("a submission exported with --lang %s prints in that language and verifies unchanged", async (lang, title, creditsLabel, creditLine) => {
  const file = join(folder, `submission-${lang}.xlsx`);
  const exported = await run("export", join(folder, "log.csv"), file, "--name", "Ann Mentee", "--as-of", "2024-06-01", "--lang", lang);
  expect(exported.status).toBe(0);
  const cover = await coverOf(file);
  expect(cover[0]![0]).toBe(title);
  expect(cover.map((row) => row[0])).toEqual(expect.arrayContaining([creditsLabel, `  ${creditLine}`, "Fingerprint (SHA-256)"]));
  // The English labels verification reads are kept below the printed page.
  expect(cover.map((row) => row[0]).indexOf("Credits earned")).toBeGreaterThan(cover.map((row) => row[0]).indexOf(creditsLabel));

  const verified = await run("verify", file, "--json");
  const report = JSON.parse(verified.stdout) as { state: string; submission: string; summaryMismatches: unknown[]; credits: number };
  expect(report).toMatchObject({ state: "ready", submission: "unchanged", summaryMismatches: [], credits: 1 });
  // The same file in English words: the printed lines differ, the verification does not.
  const english = join(folder, `submission-en-${lang}.xlsx`);
  await run("export", join(folder, "log.csv"), english, "--name", "Ann Mentee", "--as-of", "2024-06-01");
  const englishReport = JSON.parse((await run("verify", english, "--json")).stdout) as { fingerprint: string };
  expect(JSON.parse(verified.stdout).fingerprint).toBe(englishReport.fingerprint);
});

test("an English export's cover is as before: no copies below the printed page", async () => {
  const file = join(folder, "submission-en.xlsx");
  await run("export", join(folder, "log.csv"), file, "--name", "Ann Mentee", "--as-of", "2024-06-01");
  const labels = (await coverOf(file)).map((row) => row[0]);
  expect(labels[0]).toBe("CST mentorship submission");
  expect(labels.filter((label) => label === "Credits earned")).toHaveLength(1);
});

test("the printed values speak the language too: the rule set, each credit's hours, the hours in all, the next credit", async () => {
  const file = join(folder, "submission-values-de.xlsx");
  await run("export", join(folder, "log.csv"), file, "--name", "Ann Mentee", "--as-of", "2024-06-01", "--lang", "de");
  const cover = new Map((await coverOf(file)).map(([label, value]) => [label, value]));
  expect(cover.get("Regelwerk")).toBe("Aktuelle Programmregeln (erste, zweite und dritte 24 Stunden)");
  expect(cover.get("  1. Credit")).toBe("A 6 Std., B 6 Std. und C 12 Std.");
  expect(cover.get("In diesem Protokoll angerechnete Stunden")).toBe("A 6 Std., B 6 Std. und C 12 Std. (insgesamt 24 Std.)");
  expect(cover.get("Nächstes Credit")).toBe(
    "2. Credit: braucht noch A 12 Std. und C 12 Std.; zuvor muss der Mentee Technique-zertifiziert (CST-T) sein",
  );
  // Below the printed page, the English the readers read.
  expect(cover.get("Next credit")).toBe(
    "2nd credit: still needs A 12 h and C 12 h; it needs the mentee to be Technique Certified (CST-T) first",
  );
  expect(cover.get("Rule set")).toBe("Current program rules (first, second and third 24 hours)");
});
