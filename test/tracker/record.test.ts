/**
 * The coordinator's record saved by the web tracker is the command line's
 * record: byte for byte the CSV `verify --record FILE.csv` writes for the
 * same rows, read back by it (a second run adds nothing), and a record it
 * wrote opens in the page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RecordRow, RECORD_COLUMNS } from "../../src/core";
import { appendRecord } from "../../src/cli/record";
import { MemoryWorkbook } from "../../src/excel/memoryWorkbook";
import { loadRecord, readRecordCsv, recordCsv, recordKey, recordRowsOf } from "../../src/tracker/record";

const FINGERPRINT = (digit: string) => digit.repeat(64);
const ROWS: RecordRow[] = [
  [
    "unchanged.xlsx",
    "Ann Mentee",
    "ann@example.org",
    "2024-06-01 10:00 UTC",
    "2024-06-02 09:30 UTC",
    "Current program rules",
    1,
    6,
    6,
    12,
    "READY TO AWARD",
    FINGERPRINT("a"),
    1,
    "",
    "0123456789abcdef fedcba9876543210",
  ],
  [
    'odd, "quoted".csv',
    " Zoë ",
    "",
    "",
    "2024-06-02 09:30 UTC",
    "Current program rules",
    0,
    1.5,
    0,
    0,
    "HAS ERRORS",
    FINGERPRINT("b"),
    1,
    "returned",
    "",
  ],
];

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), "cst-record-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

test("the page's record file is byte for byte the command line's", async () => {
  const cli = join(folder, "cli.csv");
  await appendRecord(cli, ROWS);
  expect(new TextEncoder().encode(recordCsv(ROWS))).toEqual(new Uint8Array(readFileSync(cli)));
});

test("the command line goes on with a record the page saved, never twice for a fingerprint", async () => {
  const file = join(folder, "page.csv");
  writeFileSync(file, recordCsv(ROWS.slice(0, 1)));
  await expect(appendRecord(file, ROWS)).resolves.toBe(1);
  expect(readRecordCsv(new Uint8Array(readFileSync(file))).map((row) => row[0])).toEqual(["unchanged.xlsx", 'odd, "quoted".csv']);
});

test("a record opened in the page goes into the CST Verification sheet, header first; what it holds is its key", async () => {
  const workbook = new MemoryWorkbook();
  const rows = readRecordCsv(new TextEncoder().encode(recordCsv(ROWS)));
  await loadRecord(workbook, rows);
  const sheet = await workbook.readVerification();
  expect(sheet[0]).toEqual([...RECORD_COLUMNS]);
  expect(recordRowsOf(sheet)).toEqual(rows);
  // The key says whether the record changed: the same for the same rows, another once a row is added.
  const key = await recordKey(workbook);
  expect(await recordKey(workbook)).toBe(key);
  await workbook.writeVerification({ rows: [ROWS[0] as RecordRow], mode: "append" });
  expect(await recordKey(workbook)).not.toBe(key);
  // Saved again, it is the file it was (numbers read back as their text).
  expect(recordCsv(recordRowsOf(sheet))).toBe(recordCsv(ROWS));
});

test("a CSV that is not a record is refused, as the command line refuses it", () => {
  expect(() => readRecordCsv(new TextEncoder().encode("Date,Activity\n2024-01-01,treatment\n"))).toThrow(
    "it is not a verification record (its first column is not File)",
  );
  expect(readRecordCsv(new TextEncoder().encode("\uFEFF"))).toEqual([]);
});
