/**
 * `verify` checks a CSV log as it reads it, a piece of the file at a time
 * (read-log.ts, `readLogFileToVerify`). Its report must be the report of the
 * whole file read at once (`readLogFile`, as `export` and the add-in read
 * it), whatever falls on the pieces' boundaries (64 KiB): a character of
 * several bytes, the two halves of a CRLF, a quoted note spanning pieces,
 * and a byte that is not UTF-8 long after the first piece, which makes the
 * whole file Windows-1252.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../src/cli/commands";
import { readLogFile, readLogFileToVerify } from "../../src/cli/read-log";
import { CSV_PIECE_BYTES } from "../../src/workbook/limits";
import { type LogRow, isStreamed, reportLog } from "../../src/core";

const HEADER = "Date,Activity,Format,Provider,Credential,Quantity,Notes";
const PIECE = CSV_PIECE_BYTES;

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-stream-"));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

/** A row's line of CSV: a day of 2024, a note (quoted when it needs to be), CRLF line ends. */
function line(index: number, note: string): string {
  const day = `2024-${String(1 + (index % 12)).padStart(2, "0")}-${String(1 + (index % 28)).padStart(2, "0")}`;
  const quoted = /[",\r\n]/.test(note) ? `"${note.replace(/"/g, '""')}"` : note;
  return `${day},treatment,In person,Provider ${index % 7},CST-T,${1 + (index % 4) / 4},${quoted}\r\n`;
}

/**
 * UTF-8 bytes of a log in which, at each piece boundary, a row's note carries `special(index)` starting one, two or
 * three bytes before the boundary (padded to it), so that a character of several bytes or a quote is cut there.
 */
function logAcrossBoundaries(rows: number, special: (index: number) => string): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`${HEADER}\r\n`)];
  let length = parts[0]?.length ?? 0;
  for (let index = 0; index < rows; index++) {
    const next = Math.ceil((length + 1) / PIECE) * PIECE;
    let note = "n";
    if (length + encoder.encode(line(index, note)).length >= next) {
      const quoted = /[",\r\n]/.test(special(index));
      const prefix = encoder.encode(line(index, "").slice(0, -2) + (quoted ? '"' : "")).length;
      const pad = next - length - prefix - (1 + (index % 3));
      if (pad >= 0) note = "p".repeat(pad) + special(index);
    }
    const bytes = encoder.encode(line(index, note));
    parts.push(bytes);
    length += bytes.length;
  }
  const all = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  return all;
}

async function verifyJson(path: string): Promise<unknown> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(["verify", path, "--json", "--as-of", "2024-12-31"], {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
  });
  expect(err).toEqual([]);
  expect(status).toBeLessThan(2);
  return JSON.parse(out.join("\n"));
}

/** The report of the file read whole, as JSON would carry it. */
async function wholeReport(path: string): Promise<unknown> {
  const { log } = await readLogFile(path);
  return { state: "not-a-submission", ...JSON.parse(JSON.stringify((await reportLog(log, { asOf: "2024-12-31" })).report)) };
}

async function streamedRows(path: string): Promise<LogRow[]> {
  const { log } = await readLogFileToVerify(path);
  if (!isStreamed(log)) throw new Error("expected a CSV log to be read as a stream");
  const rows: LogRow[] = [];
  for (const batch of log.batches) rows.push(...batch);
  return rows;
}

test.each([
  ["a character of four bytes", () => "😀é€"],
  ["a character of three bytes", () => "€😀"],
  ["a quoted note of several lines", () => '"\r\nfirst, "quoted"\r\nsecond\r\n'],
  ["a doubled quote", () => '""x'],
])("%s across the pieces' boundaries: the same rows and report as the whole file", async (_name, special) => {
  const path = write("log.csv", logAcrossBoundaries(6_000, special));
  const { log } = await readLogFile(path);
  expect(await streamedRows(path)).toEqual(log.rows);
  expect(await verifyJson(path)).toEqual(await wholeReport(path));
});

test("a boundary inside a two-byte character, between CR and LF, and right after a record: same rows", async () => {
  // The filler row's é, CR and LF end at byte PIECE - shift: shift -2 cuts the é, 0 the CRLF, 1 nothing.
  for (let shift = -3; shift < 4; shift++) {
    const head = `${HEADER}\r\n`;
    const filler = `2024-01-02,treatment,In person,A,CST-T,1,${"z".repeat(PIECE - head.length - 44 - shift)}é\r\n`;
    const text = `${head}${filler}2024-01-03,treatment,In person,A,CST-T,2,ü\r\n`;
    const path = write(`shift-${shift}.csv`, text);
    const rows = await streamedRows(path);
    expect(rows).toEqual((await readLogFile(path)).log.rows);
    expect(rows.map((row) => row.row)).toEqual([2, 3]);
  }
});

test("a byte that is not UTF-8 past the first piece makes the whole file Windows-1252, as when read whole", async () => {
  const text = Array.from({ length: 3_000 }, (_, index) => line(index, index === 0 ? "caf\u00e9" : "n")).join("");
  const bytes = new Uint8Array([...Buffer.from(`${HEADER}\r\n${text}`, "latin1"), ...Buffer.from(line(3_000, "\u20ac5"), "utf8")]);
  // The last row's euro sign is three UTF-8 bytes: read as Windows-1252 they are three characters.
  bytes.set([0x80], bytes.length - 5);
  const path = write("windows-1252.csv", bytes);
  const rows = await streamedRows(path);
  expect(rows).toEqual((await readLogFile(path)).log.rows);
  expect(rows[0]?.cells[6]).toBe("café");
  expect(await verifyJson(path)).toEqual(await wholeReport(path));
});

test("UTF-16 with its byte order mark, over several pieces: the mark is skipped once", async () => {
  const text = `${HEADER}\r\n${Array.from({ length: 2_000 }, (_, index) => line(index, "Ünïcödé")).join("")}`;
  const path = write("utf16.csv", new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]));
  const rows = await streamedRows(path);
  expect(rows).toHaveLength(2_000);
  expect(rows).toEqual((await readLogFile(path)).log.rows);
  expect(rows[1_999]?.cells[6]).toBe("Ünïcödé");
});

test("a quoted field never closed, past many pieces, is refused naming the line it opened on", async () => {
  const path = write("open.csv", `${HEADER}\n${line(0, "n")}2024-01-02,treatment,In person,A,CST-T,1,"${"o\n".repeat(200_000)}`);
  const err: string[] = [];
  const status = await runCli(["verify", path], { out: () => undefined, err: (text) => err.push(text) });
  expect(status).toBe(2);
  expect(err).toEqual([`cst-mentorship: ${path}: line 3: a quoted field is never closed: add the closing double quote (")`]);
});

test("a spreadsheet saved as HTML under a .csv name is named as what it is", async () => {
  const path = write("table.csv", "<html><body><table><tr><td>Date</td></tr></table></body></html>\n");
  const err: string[] = [];
  expect(await runCli(["verify", path], { out: () => undefined, err: (text) => err.push(text) })).toBe(2);
  expect(err[0]).toMatch(/it is a web page \(HTML\), not a workbook or a CSV log/);
});
