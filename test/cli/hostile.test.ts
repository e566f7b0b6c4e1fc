/**
 * SPEC 7, "bounded on any input": the built command line (lib/cli.cjs) on
 * files built to hurt it. Each is refused with exit status 2 and one plain
 * line on stderr, within 10 s and 1 GiB. A genuine log of Excel's 1,048,576
 * rows, as a CSV and as a workbook, still verifies.
 *
 * Time and peak memory are measured around the process by GNU time
 * (`/usr/bin/time -f "%e %M"`, Debian package `time`): %M is the child's
 * peak resident set size.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Zip, ZipDeflate, zipSync, strToU8, unzipSync, strFromU8 } from "fflate";
import { buildWorkbook, utcDate } from "../workbook/build";

const ROOT = resolve(__dirname, "..", "..");
const CLI = join(ROOT, "lib", "cli.cjs");
const GNU_TIME = "/usr/bin/time";
const GIB = 1024 * 1024 * 1024;

const hasGnuTime = spawnSync(GNU_TIME, ["-f", "%M", "true"], { stdio: "ignore" }).status === 0;
if (!hasGnuTime && process.env.CI) throw new Error(`GNU time is missing at ${GNU_TIME}: install the Debian package time`);
const describeMeasured = hasGnuTime ? describe : describe.skip;

let folder: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "scripts", "build-cli.mjs"), "--quiet"], { cwd: ROOT });
  folder = mkdtempSync(join(tmpdir(), "cst-hostile-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
  readonly peakBytes: number;
}

/** Runs the built command line under GNU time. */
function measured(args: readonly string[], timeoutMs = 60_000): Run {
  const stats = join(folder, `time-${process.hrtime.bigint()}.txt`);
  const result = spawnSync(GNU_TIME, ["-f", "%e %M", "-o", stats, process.execPath, CLI, ...args], {
    cwd: folder,
    encoding: "utf8",
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [seconds, kilobytes] = readFileSync(stats, "utf8").trim().split(/\s+/).slice(-2).map(Number);
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    seconds: seconds ?? NaN,
    peakBytes: (kilobytes ?? NaN) * 1024,
  };
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`Hostile files (time, peak resident memory):\n${figures.join("\n")}`);
});

function expectRefused(name: string, file: string, message: RegExp): void {
  const run = measured(["verify", file]);
  figures.push(`  ${name}: ${run.seconds.toFixed(2)} s, ${(run.peakBytes / 1024 / 1024).toFixed(0)} MiB`);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cst-mentorship: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at |Cannot read properties|unexpected failure/);
  expect(run.status).toBe(2);
  expect(run.seconds).toBeLessThan(10);
  expect(run.peakBytes).toBeLessThan(GIB);
}

const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const WORKSHEET_CLOSE = "</sheetData></worksheet>";

/** The package parts of a one-sheet workbook ("Tracking Form") around a worksheet, with a date style (s="1"). */
function packageParts(sharedStrings: string | null): Record<string, string> {
  return {
    "[Content_Types].xml":
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    "_rels/.rels":
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tracking Form" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${sharedStrings === null ? "" : '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'}</Relationships>`,
    "xl/styles.xml":
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ...(sharedStrings === null ? {} : { "xl/sharedStrings.xml": sharedStrings }),
  };
}

const HEADER_ROW = `<row r="1">${["Date", "Activity", "Format", "Provider", "Credential", "Quantity", "Notes"]
  .map((header, index) => `<c r="${String.fromCharCode(65 + index)}1" t="inlineStr"><is><t>${header}</t></is></c>`)
  .join("")}</row>`;

/** Writes a workbook whose worksheet is streamed from `rows` (called until it returns null), deflated as it goes. */
function writeStreamedWorkbook(file: string, rows: () => string | null, sharedStrings: string | null = null): void {
  const fd = openSync(file, "w");
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    writeSync(fd, chunk);
  });
  for (const [name, text] of Object.entries(packageParts(sharedStrings))) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  }
  const sheet = new ZipDeflate("xl/worksheets/sheet1.xml", { level: 6 });
  zip.add(sheet);
  sheet.push(strToU8(WORKSHEET_OPEN + HEADER_ROW));
  for (let chunk = rows(); chunk !== null; chunk = rows()) sheet.push(strToU8(chunk));
  sheet.push(strToU8(WORKSHEET_CLOSE), true);
  zip.end();
  closeSync(fd);
}

describeMeasured("hostile files: exit 2, one plain line, under 10 s and 1 GiB", () => {
  test("a zip bomb: 1.4 MB of zip holding 0.45 GB of worksheet XML", () => {
    const file = join(folder, "bomb.xlsx");
    const row = `<row><c t="inlineStr"><is><t>${"A".repeat(4000)}</t></is></c></row>`.repeat(256);
    let left = Math.ceil((0.45 * 1e9) / row.length);
    writeStreamedWorkbook(file, () => (left-- > 0 ? row : null));
    expectRefused("zip bomb", file, /bomb\.xlsx: its part xl\/worksheets\/sheet1\.xml inflates \d+ times .* as a zip bomb does/);
  }, 120_000);

  test("an XML entity-expansion bomb (billion laughs) in the shared strings", () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY lol0 "lol">${entities}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`;
    const parts = Object.fromEntries(Object.entries(packageParts(bomb)).map(([name, text]) => [name, strToU8(text)]));
    parts["xl/worksheets/sheet1.xml"] = strToU8(
      `${WORKSHEET_OPEN}${HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${WORKSHEET_CLOSE}`,
    );
    const file = join(folder, "laughs.xlsx");
    writeFileSync(file, zipSync(parts));
    expectRefused("XML entity bomb", file, /laughs\.xlsx: its part xl\/sharedStrings\.xml declares a document type \(XML entities\)/);
  });

  test("a row beyond 1,048,576 (row 2,000,000,000 in a 6 KB workbook)", async () => {
    const bytes = await buildWorkbook({ rows: [[utcDate("2024-01-10"), "treatment", "In person", "J", "CST-T", 6, null]] });
    const parts = unzipSync(bytes);
    const sheetName = Object.keys(parts).find((name) => /worksheets\/sheet\d+\.xml$/.test(name)) as string;
    const xml = strFromU8(parts[sheetName] as Uint8Array).replace(
      "</sheetData>",
      '<row r="2000000000"><c r="A2000000000"><v>1</v></c></row></sheetData>',
    );
    parts[sheetName] = strToU8(xml);
    const file = join(folder, "far.xlsx");
    writeFileSync(file, zipSync(parts));
    expectRefused(
      "row 2,000,000,000",
      file,
      /far\.xlsx: sheet "Tracking Form" has a row numbered 2,000,000,000, beyond Excel's last row 1,048,576/,
    );
  });

  test("a sparse 10 GB file", () => {
    const file = join(folder, "huge.xlsx");
    execFileSync("truncate", ["-s", "10G", file]);
    expectRefused("sparse 10 GB .xlsx", file, /huge\.xlsx: it is 10(\.0)? GiB, more than a workbook of 1,048,576 rows takes/);
  });

  test("a 600 MB CSV", () => {
    const file = join(folder, "huge.csv");
    writeFileSync(file, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
    execFileSync("truncate", ["-s", "600M", file]);
    expectRefused("600 MB CSV", file, /huge\.csv: it is 600(\.0)? MiB, more than a CSV log of 1,048,576 rows takes/);
  });

  test("a FIFO named log.csv", () => {
    const file = join(folder, "fifo.csv");
    execFileSync("mkfifo", [file]);
    expectRefused("FIFO", file, /fifo\.csv: it is a named pipe \(FIFO\), not a file/);
  });

  test("/dev/zero through a symbolic link", () => {
    const file = join(folder, "zero.csv");
    symlinkSync("/dev/zero", file);
    expectRefused("/dev/zero", file, /zero\.csv: it is a device \(such as \/dev\/zero\), not a file/);
  });

  test("a symbolic-link loop", () => {
    const file = join(folder, "loop.xlsx");
    symlinkSync(file, file);
    expectRefused("symlink loop", file, /loop\.xlsx: it is a symbolic link that leads back to itself \(a loop\), not a file/);
  });
});

const ACTIVITIES = [
  ["treatment", "In person", "CST-T"],
  ["small-group", "Virtual", ""],
  ["one-on-one", "Virtual", "Mentor"],
] as const;
const LAST_ROW = 1_048_576;
const DAY0 = Date.UTC(2023, 0, 1);
const dayOf = (row: number): string => new Date(DAY0 + (row % 700) * 86_400_000).toISOString().slice(0, 10);

/** What verify prints for a log of every row to Excel's last, one hour each, cycling A, B, C: one credit (no certification for more). */
function expectWholeLogVerified(name: string, file: string): void {
  const run = measured(["verify", file, "--as-of", "2024-12-31"], 300_000);
  figures.push(`  ${name}: ${run.seconds.toFixed(2)} s, ${(run.peakBytes / 1024 / 1024).toFixed(0)} MiB`);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const rows = LAST_ROW - 1;
  const perCategory = (offset: number) => Math.floor((rows - offset + 2) / 3);
  expect(run.stdout).toMatch(/: no errors/);
  expect(run.stdout).toMatch(/Credits earned: 1 \(rule set current\)/);
  expect(run.stdout).toContain(`Hours credited: A ${perCategory(0)} h, B ${perCategory(1)} h, C ${perCategory(2)} h`);
}

describeMeasured("a genuine log of 1,048,576 rows still verifies", () => {
  test("as a CSV", () => {
    const file = join(folder, "million.csv");
    const fd = openSync(file, "w");
    writeSync(fd, "Date,Activity,Format,Provider,Credential,Quantity,Notes\n");
    let chunk = "";
    for (let row = 2; row <= LAST_ROW; row++) {
      const [activity, format, credential] = ACTIVITIES[(row - 2) % 3] as readonly [string, string, string];
      chunk += `${dayOf(row)},${activity},${format},Provider ${row},${credential},1,\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = "";
      }
    }
    writeSync(fd, chunk);
    closeSync(fd);
    expectWholeLogVerified("1,048,576-row CSV", file);
  }, 300_000);

  test("as a workbook", () => {
    const file = join(folder, "million.xlsx");
    const strings = ["treatment", "small-group", "one-on-one", "In person", "Virtual", "CST-T", "Mentor"];
    const sharedStrings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((text) => `<si><t>${text}</t></si>`).join("")}</sst>`;
    const cells = [
      [0, 3, 5],
      [1, 4, -1],
      [2, 4, 6],
    ];
    const serialOf = (row: number): number => (DAY0 + (row % 700) * 86_400_000) / 86_400_000 + 25_569;
    let row = 2;
    writeStreamedWorkbook(
      file,
      () => {
        if (row > LAST_ROW) return null;
        let chunk = "";
        for (let i = 0; i < 4096 && row <= LAST_ROW; i++, row++) {
          const [activity, format, credential] = cells[(row - 2) % 3] as [number, number, number];
          chunk += `<row r="${row}"><c r="A${row}" s="1"><v>${serialOf(row)}</v></c><c r="B${row}" t="s"><v>${activity}</v></c><c r="C${row}" t="s"><v>${format}</v></c><c r="D${row}" t="inlineStr"><is><t>Provider ${row}</t></is></c>${credential < 0 ? "" : `<c r="E${row}" t="s"><v>${credential}</v></c>`}<c r="F${row}"><v>1</v></c></row>`;
        }
        return chunk;
      },
      sharedStrings,
    );
    expectWholeLogVerified("1,048,576-row workbook", file);
  }, 300_000);
});
