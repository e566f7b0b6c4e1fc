/**
 * The command line writes long JSON in pieces (src/cli/json.ts): the pieces
 * must join to what JSON.stringify writes, for any value a report can hold.
 */
import fc from "fast-check";
import { JSON_ITEMS_PER_PIECE, jsonPieces, reportPieces } from "../../src/cli/json";
import { type CellValue, reportLog, reportRowsOf } from "../../src/core";
import { runs } from "../support/properties";

const joined = (value: unknown, items?: number) => [...jsonPieces(value, items)].join("");

test("the pieces of any JSON value join to JSON.stringify's text, however small the pieces", () => {
  // Values with what JSON.stringify leaves out or turns into null: undefined in objects and arrays, functions.
  const valueArb = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.jsonValue(),
      fc.constant(undefined),
      fc.array(tie("value"), { maxLength: 12 }),
      fc.dictionary(fc.string(), tie("value"), { maxKeys: 6 }),
    ),
  })).value;
  const topArb = fc.oneof(fc.array(valueArb, { maxLength: 30 }), fc.dictionary(fc.string(), valueArb, { maxKeys: 8 }));
  fc.assert(
    fc.property(topArb, fc.integer({ min: 1, max: 5 }), (value, items) => {
      expect(joined(value, items)).toBe(JSON.stringify(value));
    }),
    runs(300),
  );
});

test("a report of 2,500 rows goes out as its opening, the rows a piece at a time, and its close", () => {
  const report = {
    mentee: { name: "Ada Quint", email: null },
    credits: 1,
    rows: Array.from({ length: 2_500 }, (_, index) => ({ row: index + 2, category: "A", hours: 1, errors: [], warnings: [] })),
    next: { credit: 2, blockedBy: undefined },
    submission: null,
    dropped: undefined,
    when: new Date(Date.UTC(2024, 0, 2)),
  };
  const pieces = [...jsonPieces(report)];
  expect(pieces.join("")).toBe(JSON.stringify(report));
  // No piece holds more than a piece's rows (the longest rows are the last).
  expect(Math.max(...pieces.map((piece) => piece.length))).toBeLessThan(
    JSON.stringify(report.rows.slice(-JSON_ITEMS_PER_PIECE)).length + 10,
  );
  // A batch: a list of reports, each taken apart as a report is.
  const batch = [report, { file: "b.csv", error: "cannot be read" }, report];
  expect([...jsonPieces(batch)].join("")).toBe(JSON.stringify(batch));
});

test("a checked log's report goes out with its rows made from the row results, as JSON.stringify writes the report", async () => {
  const cells: CellValue[][] = Array.from({ length: 2_600 }, (_, index) => [
    `2024-0${1 + (index % 9)}-1${index % 7}`,
    index % 5 === 0 ? "treatment" : index % 5 === 1 ? "not listed" : "small-group",
    index % 3 === 0 ? "Virtual" : "In person",
    index % 4 === 0 ? "" : "Dana Whitfield",
    "CST-T",
    index % 11 === 0 ? 13 : 1 + (index % 4),
    "",
  ]);
  const log = { rows: cells.map((row, index) => ({ row: index + 2, cells: row })), profileCells: [], dateSystem: "1900" as const };
  const { assessment, report } = await reportLog(log, { asOf: "2024-12-31" });
  const rowsFrom = (start: number, end: number) => reportRowsOf(assessment.rows, start, end);
  // The report's own rows are not read: a getter that throws proves it.
  const guarded = Object.defineProperty({ ...report }, "rows", {
    enumerable: true,
    get: () => {
      throw new Error("rows read");
    },
  });
  const pieces = [...reportPieces(guarded, rowsFrom, assessment.rows.length)];
  expect(pieces.join("")).toBe(JSON.stringify(report));
  expect(JSON.parse(pieces.join("")).rows).toHaveLength(2_600);
  // Keys after the rows (a submission's), and few items per piece.
  const verified = { ...report, submission: "edited", exportedAt: "2024-12-01T10:00:00.000Z", edits: [{ row: 7, change: "changed" }] };
  expect([...reportPieces(verified, rowsFrom, assessment.rows.length, 7)].join("")).toBe(JSON.stringify(verified));
});
