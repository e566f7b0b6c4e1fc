/**
 * The submission prints as a document a coordinator can file: exported by
 * the command line as PDF through LibreOffice (as CI installs it), read back
 * with poppler's pdfinfo and pdftotext. A cover page that holds the profile,
 * and the log fit to one landscape page wide with its header row on every
 * page, its computed columns, and its totals at the end.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/commands";
import { LOG_COLUMNS } from "../../src/core";

const has = (command: string) => {
  try {
    execFileSync("which", [command], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
const tools = has("soffice") && has("pdfinfo") && has("pdftotext");
if (process.env.CI && !tools)
  throw new Error("Printing tests need Debian's libreoffice-calc-nogui and poppler-utils: .ci/run installs them.");

const ACTIVITIES = [
  ["treatment", "In person", "Ilse Brandvold", "CST-D"],
  ["one-on-one", "Virtual", "Tomasz Reyes", "Mentor"],
  ["small-group", "Virtual", "", ""],
  ["study-group", "In person", "", ""],
] as const;

function log(rows: number): string {
  const lines = [LOG_COLUMNS.join(",")];
  for (let i = 0; i < rows; i++) {
    const [activity, format, provider, credential] = ACTIVITIES[i % ACTIVITIES.length]!;
    const day = new Date(Date.UTC(2023, 0, 5 + 2 * i)).toISOString().slice(0, 10);
    lines.push(
      `${day},${activity},${format},${provider},${credential},${activity === "study-group" ? 2 : 1.5},Note ${i} on what was practised and why`,
    );
  }
  return lines.join("\n");
}

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-print-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

type Hours = { A: number; B: number; C: number };

/** The command line's JSON for a run (its first line of output). */
async function json(args: string[]): Promise<{ credits: number; fingerprint: string; hours: Hours; submission: string | null }> {
  const out: string[] = [];
  await runCli([...args, "--json"], { out: (text) => out.push(text), err: (text) => out.push(text) });
  return JSON.parse(out.join("\n"));
}

async function exportPdf(rows: number): Promise<{
  pages: number;
  text: (page: number) => string;
  report: { credits: number; fingerprint: string };
  verified: { hours: Hours; submission: string | null };
}> {
  const source = join(folder, `log${rows}.csv`);
  writeFileSync(source, log(rows));
  const pdf = join(folder, `submission${rows}.pdf`);
  const flags = ["--name", "Maren Okafor", "--email", "maren@example.org", "--cst-t", "2024-01-01", "--as-of", "2024-12-31"];
  const out: string[] = [];
  const status = await runCli(["export", source, pdf, ...flags, "--json"], {
    out: (text) => out.push(text),
    err: (text) => out.push(text),
  });
  expect(status).toBe(0);
  const report = JSON.parse(out.join("\n")) as { credits: number; fingerprint: string };
  // The same export as a workbook, verified as a coordinator would: the printed totals are its hours.
  const xlsx = join(folder, `submission${rows}.xlsx`);
  await json(["export", source, xlsx, ...flags]);
  const verified = await json(["verify", xlsx]);
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = (page: number) =>
    execFileSync("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  return { pages, text, report, verified };
}

/** Hours as the printed log writes them: "190.5 h". */
const printed = (hours: number) => `${hours} h`;

/** Every log page: the whole header row (with the computed columns) on one line, and the footer. */
function expectLogPages(text: (page: number) => string, pages: number): void {
  for (let page = 2; page <= pages; page++) {
    const content = text(page);
    const headerLine = content.split("\n").find((line) => line.includes("Activity")) ?? "";
    for (const header of [...LOG_COLUMNS, "Category", "Credited"]) expect(headerLine).toContain(header);
    expect(content).toMatch(new RegExp(`Maren Okafor · Tracking Form · page ${page} of ${pages}`));
  }
}

/** The last page ends the log with the credited hours per category and in all, as verify --json gives them. */
function expectTotals(last: string, hours: Hours): void {
  for (const category of ["A", "B", "C"] as const) expect(last).toMatch(new RegExp(`Total ${category}\\s+${printed(hours[category])}`));
  expect(last).toMatch(new RegExp(`Total\\s+${printed(Math.round((hours.A + hours.B + hours.C) * 100) / 100)}`));
}

(tools ? describe : describe.skip)("export OUT.pdf: the submission as a document to file", () => {
  test("20 rows: a cover like a letter and the log on one landscape page, with its totals", async () => {
    const { pages, text, report, verified } = await exportPdf(20);
    expect(verified.submission).toBe("unchanged");
    expect(pages).toBe(2);
    const cover = text(1);
    expect(cover).toMatch(/CST mentorship submission/);
    expect(cover).toMatch(/Mentee\s+Maren Okafor/);
    expect(cover).toMatch(/Email\s+maren@example\.org/);
    // The profile is on the cover, not a page of its own.
    expect(cover).toMatch(/CST-T certified on\s+2024-01-01/);
    expect(cover).toMatch(/CST-D certified on\s+not yet/);
    expect(cover).toMatch(new RegExp(`Credits earned\\s+${report.credits}\\b`));
    expect(cover).toMatch(/Hours credited in this log\s+A \d+(\.\d+)? h, B \d+(\.\d+)? h and C \d+(\.\d+)? h/);
    expect(cover).toMatch(/Next credit\s+\d+(st|nd|rd|th) credit: /);
    expect(cover).toContain(report.fingerprint);
    expect(cover).toMatch(/It is not a signature/);
    expect(cover).toMatch(/Maren Okafor · Submission · page 1 of 2/);
    // No internal terms or stored values in the printed area.
    expect(cover).not.toMatch(/canonical/i);
    expect(cover).not.toMatch(/Digests|Stored for verification|still needs, category/);
    const logPage = text(2);
    expectLogPages(text, pages);
    expect(logPage).toMatch(/Note 19 on what was practised/);
    // Quantities with their unit: hours and sessions do not look alike.
    expect(logPage).toMatch(/1\.5 h/);
    expect(logPage).toMatch(/2 sessions/);
    expectTotals(logPage, verified.hours);
  }, 240_000);

  test("300 rows: every log page has the whole header row; the last page has the totals of verify --json", async () => {
    const { pages, text, verified } = await exportPdf(300);
    expect(pages).toBeLessThanOrEqual(1 + Math.ceil(300 / 25));
    expectLogPages(text, pages);
    expectTotals(text(pages), verified.hours);
    for (let page = 2; page < pages; page++) expect(text(page)).not.toMatch(/Total A/);
  }, 240_000);
});

test("without LibreOffice, export OUT.pdf says plainly that it needs it and how to get it, exit 2, nothing written", async () => {
  const path = process.env.PATH;
  process.env.PATH = join(folder, "no-such-folder");
  try {
    const source = join(folder, "plain.csv");
    writeFileSync(source, log(3));
    const err: string[] = [];
    const status = await runCli(["export", source, join(folder, "none.pdf"), "--name", "Ann", "--as-of", "2024-12-31"], {
      out: () => undefined,
      err: (text) => err.push(text),
    });
    expect(status).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(
        /^cst-mentorship: writing a PDF needs LibreOffice, which was not found: install it from https:\/\/www\.libreoffice\.org\/download\//,
      ),
    ]);
    expect(() => readFileSync(join(folder, "none.pdf"))).toThrow();
  } finally {
    process.env.PATH = path;
  }
});
