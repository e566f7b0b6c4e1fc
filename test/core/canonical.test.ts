import fc from "fast-check";
import {
  CANONICAL_ROWS_PER_PIECE,
  type CanonicalInput,
  type CellValue,
  canonicalForm,
  canonicalInputOf,
  reportLog,
  canonicalPieces,
  canonicalProfile,
  canonicalRow,
  fingerprint,
  isEmptyRow,
  sha256Hex,
} from "../../src/core";
import { nodeSha256 } from "../../src/cli/commands";
import { runs } from "../support/properties";
import { type Cells, logRows, treatment } from "./helpers";

const base: CanonicalInput = {
  rows: logRows(treatment("2024-01-02", 2), ["2024-01-03", "small-group", "virtual", "", "", "1.5", 'notes, with "quotes"']),
  profileCells: ["Nora Lindqvist", "nora@example.org", "2021-06-01", "", 0, "current"],
  dateSystem: "1900",
  ruleSet: "current",
};

describe("docs/rules.md §6: canonical form and fingerprint", () => {
  test("SHA-256 in lowercase hex (FIPS 180-2 test vector)", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("the same log as CSV text, as typed cells in either date system, gives one fingerprint", async () => {
    const typed1900: CanonicalInput = {
      ...base,
      rows: logRows(
        [45293, "treatment", "In person", "Dana Whitfield", "CST-T", 2, ""],
        [45294, "small-group", "virtual", "", "", 1.5, 'notes, with "quotes"'],
      ),
      profileCells: ["Nora Lindqvist", "nora@example.org", 44348, null, "0", "current"],
    };
    const decoded: CanonicalInput = {
      ...typed1900,
      rows: typed1900.rows.map((row) => ({
        ...row,
        cells: [{ isoDate: String(row.cells[0] === 45293 ? "2024-01-02" : "2024-01-03") }, ...row.cells.slice(1)],
      })),
      profileCells: ["Nora Lindqvist", "nora@example.org", { isoDate: "2021-06-01" }, "", 0, "current"],
    };
    const typed1904: CanonicalInput = {
      ...typed1900,
      dateSystem: "1904",
      rows: typed1900.rows.map((row) => ({ ...row, cells: [Number(row.cells[0]) - 1462, ...row.cells.slice(1)] })),
      profileCells: ["Nora Lindqvist", "nora@example.org", 44348 - 1462, "", 0, "current"],
    };
    const expected = await fingerprint(base);
    expect(await fingerprint(typed1900)).toBe(expected);
    expect(await fingerprint(decoded)).toBe(expected);
    expect(await fingerprint(typed1904)).toBe(expected);
  });

  test("blank rows and row numbers do not matter; moving a row does", async () => {
    const spaced = {
      ...base,
      rows: [{ row: 2, cells: ["", "", "", "", "", "", ""] }, ...base.rows.map((row) => ({ ...row, row: row.row + 5 }))],
    };
    expect(await fingerprint(spaced)).toBe(await fingerprint(base));
    expect(await fingerprint({ ...base, rows: [...base.rows].reverse() })).not.toBe(await fingerprint(base));
  });

  test("any change of a profile cell, a log cell or the rule set changes it", async () => {
    const original = await fingerprint(base);
    const changed: CanonicalInput[] = [
      { ...base, ruleSet: "2014" },
      { ...base, profileCells: ["Nora Lindqvis", ...base.profileCells.slice(1)] },
      { ...base, profileCells: [...base.profileCells.slice(0, 4), 1, "current"] },
      {
        ...base,
        rows: logRows(treatment("2024-01-02", 2.5), ["2024-01-03", "small-group", "virtual", "", "", "1.5", 'notes, with "quotes"']),
      },
      {
        ...base,
        rows: logRows(treatment("2024-01-02", 2), ["2024-01-03", "small-group", "virtual", "", "", "1.5", "notes, with 'quotes'"]),
      },
      {
        ...base,
        rows: logRows(treatment("2024-01-01", 2), ["2024-01-03", "small-group", "virtual", "", "", "1.5", 'notes, with "quotes"']),
      },
    ];
    for (const input of changed) expect(await fingerprint(input)).not.toBe(original);
  });

  test("the canonical form is documented JSON with a version, written as JSON.stringify writes it", () => {
    const text = canonicalForm(base);
    const parsed = JSON.parse(text);
    expect(text).toBe(JSON.stringify(parsed));
    expect(canonicalForm({ ...base, rows: [] })).toBe(JSON.stringify({ ...parsed, rows: [] }));
    expect(parsed).toEqual({
      form: "cst-mentorship-log/2",
      ruleSet: "current",
      // Credits awarded before this log (0), then from this log (blank: a form older than that row).
      profile: ["Nora Lindqvist", "nora@example.org", "2021-06-01", "", "0", ""],
      rows: [
        ["2024-01-02", "treatment", "In person", "Dana Whitfield", "CST-T", "2", ""],
        ["2024-01-03", "small-group", "virtual", "", "", "1.5", 'notes, with "quotes"'],
      ],
    });
  });

  test("version 1 (exports before credits awarded from a log) is the same without that field, and is still made on request", () => {
    const withW: CanonicalInput = { ...base, profileCells: [...base.profileCells, 1] };
    expect(JSON.parse(canonicalForm({ ...withW, version: 1 }))).toEqual({
      ...JSON.parse(canonicalForm(base)),
      form: "cst-mentorship-log/1",
      profile: ["Nora Lindqvist", "nora@example.org", "2021-06-01", "", "0"],
    });
    // Version 2 holds W: a change of it changes the fingerprint; version 1 cannot see it.
    expect(canonicalForm(withW)).not.toBe(canonicalForm({ ...withW, profileCells: [...base.profileCells, 2] }));
    expect(canonicalForm({ ...withW, version: 1 })).toBe(canonicalForm({ ...withW, profileCells: [...base.profileCells, 2], version: 1 }));
  });
});

describe("the canonical form in pieces", () => {
  /** docs/rules.md §6 as written: one JSON.stringify of the whole object. */
  const specified = (input: CanonicalInput): string =>
    JSON.stringify({
      form: "cst-mentorship-log/2",
      ruleSet: input.ruleSet,
      profile: canonicalProfile(input),
      rows: input.rows.filter((row) => !isEmptyRow(row.cells)).map((row) => canonicalRow(row.cells, input.dateSystem)),
    });
  const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.double(),
    fc.integer({ min: 30_000, max: 60_000 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(""),
  );
  const rowsArb = (most: number) => fc.array(fc.tuple(cellArb, cellArb, cellArb, cellArb, cellArb, cellArb, cellArb), { maxLength: most });

  test("join to the form docs/rules.md §6 specifies, and hash to the SHA-256 of it, for any cells", async () => {
    await fc.assert(
      fc.asyncProperty(rowsArb(40), fc.array(cellArb, { minLength: 7, maxLength: 7 }), async (cells, profileCells) => {
        const input: CanonicalInput = { rows: logRows(...cells), profileCells, dateSystem: "1900", ruleSet: "current" };
        const whole = specified(input);
        expect([...canonicalPieces(input)].join("")).toBe(whole);
        expect(canonicalForm(input)).toBe(whole);
        expect(await fingerprint(input)).toBe(await sha256Hex(whole));
        // Hashed piece by piece with Node's crypto, as the command line does: the same digest.
        expect(await fingerprint(input, undefined, nodeSha256)).toBe(await sha256Hex(whole));
      }),
      runs(100),
    );
  });

  test("a log's report fingerprints its rows in the same pass as it checks them: the fingerprint of its canonical form", async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb(30),
        fc.array(cellArb, { minLength: 7, maxLength: 7 }),
        fc.constantFrom(undefined, "2014" as const, "current" as const),
        async (cells, profileCells, ruleSet) => {
          const log = { rows: logRows(...cells), profileCells, dateSystem: "1900" as const };
          const overrides = ruleSet === undefined ? {} : { ruleSet };
          const { assessment, report } = await reportLog(log, { asOf: "2024-12-31", overrides });
          const input = canonicalInputOf(log, assessment.profile.profile.ruleSet.id, overrides);
          expect(report.fingerprint).toBe(await sha256Hex(specified(input)));
          const streamed = await reportLog(log, { asOf: "2024-12-31", overrides, sha256: nodeSha256 });
          expect(streamed.report.fingerprint).toBe(report.fingerprint);
        },
      ),
      runs(100),
    );
  });

  const PIECE = CANONICAL_ROWS_PER_PIECE;
  test.each([0, 1, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 7])(
    "a log of %i rows, across the pieces' boundaries, hashes as one string",
    async (count) => {
      const rows: Cells[] = Array.from({ length: count }, (_, index) =>
        treatment(`2024-0${1 + (index % 9)}-1${index % 10}`, 1 + (index % 7)),
      );
      // Blank rows among them are left out wherever they fall.
      if (count > 10) rows.splice(5, 0, ["", "", "", "", "", "", ""]);
      const input: CanonicalInput = { ...base, rows: logRows(...rows) };
      const whole = specified(input);
      const pieces = [...canonicalPieces(input)];
      expect(pieces.length).toBe(2 + Math.ceil(count / PIECE));
      expect(pieces.join("")).toBe(whole);
      expect(await fingerprint(input)).toBe(await sha256Hex(whole));
      expect(await fingerprint(input, undefined, nodeSha256)).toBe(await sha256Hex(whole));
    },
  );
});
