import { canonicalForm, fingerprint, sha256Hex, type CanonicalInput } from "../../src/core";
import { logRows, treatment } from "./helpers";

const base: CanonicalInput = {
  rows: logRows(treatment("2024-01-02", 2), ["2024-01-03", "small-group", "virtual", "", "", "1.5", 'notes, with "quotes"']),
  profileCells: ["Nora Lindqvist", "nora@example.org", "2021-06-01", "", 0, "current"],
  dateSystem: "1900",
  ruleSet: "current",
};

describe("SPEC 6: canonical form and fingerprint", () => {
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
      form: "cst-mentorship-log/1",
      ruleSet: "current",
      profile: ["Nora Lindqvist", "nora@example.org", "2021-06-01", "", "0"],
      rows: [
        ["2024-01-02", "treatment", "In person", "Dana Whitfield", "CST-T", "2", ""],
        ["2024-01-03", "small-group", "virtual", "", "", "1.5", 'notes, with "quotes"'],
      ],
    });
  });
});
