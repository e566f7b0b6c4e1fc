/**
 * The submission prints as a document a coordinator can file: exported by
 * the command line as PDF through LibreOffice (as CI installs it), read back
 * with poppler's pdfinfo and pdftotext. A cover page, the profile, and the
 * log fit to one page wide with its header row on every page.
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

async function exportPdf(
  rows: number,
): Promise<{ pages: number; text: (page: number) => string; report: { credits: number; fingerprint: string } }> {
  const source = join(folder, `log${rows}.csv`);
  writeFileSync(source, log(rows));
  const pdf = join(folder, `submission${rows}.pdf`);
  const args = [
    "export",
    source,
    pdf,
    "--name",
    "Maren Okafor",
    "--email",
    "maren@example.org",
    "--cst-t",
    "2024-01-01",
    "--as-of",
    "2024-12-31",
  ];
  const out: string[] = [];
  const status = await runCli([...args, "--json"], { out: (text) => out.push(text), err: (text) => out.push(text) });
  expect(status).toBe(0);
  const report = JSON.parse(out.join("\n")) as { credits: number; fingerprint: string };
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const text = (page: number) =>
    execFileSync("pdftotext", ["-layout", "-f", String(page), "-l", String(page), pdf, "-"], { encoding: "utf8" });
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  return { pages, text, report };
}

(tools ? describe : describe.skip)("export OUT.pdf: the submission as a document to file", () => {
  test("20 rows: at most 3 pages (cover, profile, log); the cover names the mentee, the credits and the fingerprint", async () => {
    const { pages, text, report } = await exportPdf(20);
    expect(pages).toBeLessThanOrEqual(3);
    const cover = text(1);
    expect(cover).toMatch(/CST mentorship submission/);
    expect(cover).toMatch(/Maren Okafor/);
    expect(cover).toMatch(new RegExp(`Credits earned\\s+${report.credits}\\b`));
    expect(cover).toContain(report.fingerprint);
    expect(cover).toMatch(/Maren Okafor · Submission · page 1 of \d/);
    expect(cover).not.toMatch(/Digests/);
    expect(text(2)).toMatch(/Mentee name\s+Maren Okafor/);
    const logPage = text(3);
    for (const header of LOG_COLUMNS) expect(logPage).toContain(header);
    expect(logPage).toMatch(/Note 19 on what was practised/);
  }, 240_000);

  test("300 rows: at most 2 + ceil(300 / 35) pages; every log page has the whole header row, so none holds only a column or two", async () => {
    const { pages, text } = await exportPdf(300);
    expect(pages).toBeLessThanOrEqual(2 + Math.ceil(300 / 35));
    for (let page = 3; page <= pages; page++) {
      const content = text(page);
      const headerLine = content.split("\n").find((line) => line.includes("Activity")) ?? "";
      for (const header of LOG_COLUMNS) expect(headerLine).toContain(header);
      expect(content).toMatch(new RegExp(`Maren Okafor · Tracking Form · page ${page} of ${pages}`));
    }
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
