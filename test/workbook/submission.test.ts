import ExcelJS from "exceljs";
import fc from "fast-check";
import { build } from "esbuild";
import { type CellValue, type LogInput, CANONICAL_FORM, applyProfileOverrides } from "../../src/core";
import {
  SUBMISSION_FIELDS,
  compareSubmissionSummaries,
  prepareSubmission,
  readSubmissionSheet,
  verifyLog,
  type Submission,
  type VerifiedReport,
} from "../../src/core/submission";
import { parseCsvLog } from "../../src/workbook/csv";
import { readWorkbookLog } from "../../src/workbook/read-xlsx";
import { buildSubmissionWorkbook } from "../../src/workbook/submission";
import { buildWorkbook, utcDate, loadWorkbook } from "./build";

const AS_OF = "2024-06-01";

const PROFILE_CELLS: CellValue[] = ["Ann Mentee", "ann@example.org", "2020-02-03", "", "0", "current"];

const CSV = [
  "Date,Activity,Format,Provider,Credential,Quantity,Notes",
  "2024-01-10,Treatment received from a CST-T or CST-D,In person,Jane Roe,CST-T,6,",
  '2024-01-11,small-group,Virtual,,,6.50,"group, online"',
  '2024-01-12,one-on-one,virtual,Mo Mentor,Mentor,12,"two',
  'lines"',
  "",
  "2024-01-13,precepting,In person,,,2,",
  "2024-05-30,treatment,In person,Jane Roe,CST,1.255,rounded",
].join("\r\n");

function csvLog(): LogInput {
  return { ...parseCsvLog(CSV), profileCells: PROFILE_CELLS };
}

async function exportLog(log: LogInput, asOf = AS_OF): Promise<{ bytes: Uint8Array; submission: Submission }> {
  const prepared = await prepareSubmission(log, { asOf, exportedAt: "2024-06-01T12:00:00.000Z" });
  if (!prepared.ok) throw new Error(`unexpected findings: ${JSON.stringify(prepared.report)}`);
  return { bytes: await buildSubmissionWorkbook(prepared.submission), submission: prepared.submission };
}

async function verifyBytes(bytes: Uint8Array, asOf?: string): Promise<VerifiedReport> {
  const { log, submissionRows } = await readWorkbookLog(bytes);
  return (await verifyLog(log, { asOf, submission: submissionRows === null ? null : readSubmissionSheet(submissionRows) })).report;
}

const withoutSubmission = (report: VerifiedReport) => {
  const { submission: _submission, summaryMismatches: _mismatches, edits: _edits, exportedAt: _exportedAt, ...rest } = report;
  return rest;
};

describe("round trip: export, then verify", () => {
  test("a CSV log's submission verifies unchanged, with the source log's report", async () => {
    const log = csvLog();
    const { bytes } = await exportLog(log);
    const report = await verifyBytes(bytes);
    expect(report.submission).toBe("unchanged");
    expect(report.summaryMismatches).toEqual([]);
    const source = (await verifyLog(log, { asOf: AS_OF })).report;
    expect(source.submission).toBeNull();
    expect(withoutSubmission(report)).toEqual(withoutSubmission(source));
    // Row numbers are the source's: the two-line note and the blank line are kept in the numbering.
    expect(report.rows.map((row) => row.row)).toEqual([2, 3, 4, 7, 8]);
  });

  test("a 1904 workbook's submission verifies unchanged, with the source's report", async () => {
    const bytes1904 = await buildWorkbook({
      date1904: true,
      profile: [
        ["Mentee name", "  Ann Mentee "],
        ["Email", "ann@example.org"],
        ["CST-T certified on", utcDate("2020-02-03")],
        ["CST-D certified on", null],
        ["Credits already awarded", 1],
        ["Rule set", "2014"],
      ],
      rows: [
        [utcDate("2024-01-10"), "treatment", "In person", "Jane Roe", "CST-D", 6, 42],
        [43_699, "one-on-one", "In person", "Mo", "Mentor", 6, true],
        [
          utcDate("2024-01-12"),
          "small-group",
          "Virtual",
          null,
          null,
          { formula: "3*2", result: 6 } as ExcelJS.CellValue,
          utcDate("2024-01-01"),
        ],
      ],
    });
    const source = await readWorkbookLog(bytes1904);
    const { bytes } = await exportLog(source.log);
    const report = await verifyBytes(bytes);
    expect(report.submission).toBe("unchanged");
    expect(report.summaryMismatches).toEqual([]);
    expect(withoutSubmission(report)).toEqual(withoutSubmission((await verifyLog(source.log, { asOf: AS_OF })).report));
  });

  test("notes with control characters, carriage returns and text that looks like an escape come back as entered", async () => {
    const log = csvLog();
    const notes = ["bell\u0007 and tab\t", "old\rmac", "literal _x0041_ and _x00e9_", "emoji 😀 and é"];
    const rows = log.rows
      .filter((row) => row.cells.some((cell) => cell !== ""))
      .map((row, index) => ({
        ...row,
        cells: row.cells.map((cell, column) => (column === 6 ? (notes[index] ?? cell) : cell)),
      }));
    const { bytes } = await exportLog({ ...log, rows });
    const read = await readWorkbookLog(bytes);
    expect(
      read.log.rows
        .filter((row) => row.cells.some((cell) => cell !== null))
        .slice(0, 4)
        .map((row) => row.cells[6]),
    ).toEqual(notes);
    expect((await verifyBytes(bytes)).submission).toBe("unchanged");
  });

  test("verification computes as of the stored as-of date, so the same submission verifies the same way later", async () => {
    const { bytes } = await exportLog(csvLog());
    const later = await verifyBytes(bytes);
    expect(later.rows.every((row) => row.errors.length === 0)).toBe(true);
    // An earlier --as-of makes the late row a future date, and the summary's as-of date differs.
    const earlier = await verifyBytes(bytes, "2024-05-01");
    expect(earlier.submission).toBe("unchanged");
    expect(earlier.rows.find((row) => row.row === 8)?.errors.map((error) => error.code)).toEqual(["future-date"]);
    expect(earlier.summaryMismatches).toContainEqual({ field: "asOf", stored: AS_OF, recomputed: "2024-05-01" });
  });

  test("flags tried on a submission do not make it edited", async () => {
    const { bytes } = await exportLog(csvLog());
    const { log, submissionRows } = await readWorkbookLog(bytes);
    const { report } = await verifyLog(log, {
      overrides: { ruleSet: "2014", creditsAwarded: 3 },
      submission: readSubmissionSheet(submissionRows ?? []),
    });
    expect(report.submission).toBe("unchanged");
    expect(report.ruleSet).toBe("2014");
    expect(report.summaryMismatches?.map((mismatch) => mismatch.field)).toContain("ruleSet");
  });
});

describe("the exported workbook", () => {
  test("has the Submission cover page first, Profile (hidden: the cover shows it), Tracking Form with the MentorshipLog table and real dates, and the hidden Lists", async () => {
    const { bytes, submission } = await exportLog(csvLog());
    const workbook = await loadWorkbook(bytes);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["Submission", "visible"],
      ["Profile", "hidden"],
      ["Tracking Form", "visible"],
      ["CST Lists", "hidden"],
    ]);
    const form = workbook.getWorksheet("Tracking Form")!;
    expect(form.getCell("A2").value).toEqual(utcDate("2024-01-10"));
    expect(form.getCell("A2").numFmt).toBe("yyyy-mm-dd");
    expect(form.getCell("F3").value).toBe(6.5);
    expect(form.getCell("G4").value).toBe("two\nlines");
    expect(workbook.getWorksheet("Profile")!.getCell("B3").value).toEqual(utcDate("2020-02-03"));
    const sheet = workbook.getWorksheet("Submission")!;
    const rows = submission.sheet.lines.map((_, index) => [sheet.getCell(index + 1, 1).value, sheet.getCell(index + 1, 2).value ?? ""]);
    expect(rows).toEqual(submission.sheet.lines.map((line) => [line.label, line.value]));
    expect(submission.summary).toMatchObject({
      mentee: "Ann Mentee",
      ruleSet: "current",
      asOf: AS_OF,
      credits: 1,
      canonicalForm: CANONICAL_FORM,
    });
  });

  test("the log prints with its computed columns after Notes, each quantity with its unit, and the totals below", async () => {
    const { bytes, submission } = await exportLog(csvLog());
    const workbook = await loadWorkbook(bytes);
    const form = workbook.getWorksheet("Tracking Form")!;
    const table = form.getTable("MentorshipLog") as unknown as { table: { tableRef: string; columns: { name: string }[] } };
    // A row with a finding (the unknown credential "CST") brings the status column: the add-in's own.
    expect(table.table.columns.map((column) => column.name)).toEqual([
      "Date",
      "Activity",
      "Format",
      "Provider",
      "Credential",
      "Quantity",
      "Notes",
      "Category",
      "Credited hours",
      "CST Status",
    ]);
    // Rows keep their CSV line numbers (the note on row 4 takes two lines; line 6 is blank).
    expect([2, 3, 4, 7, 8].map((row) => form.getCell(`H${row}`).value)).toEqual(["A", "B", "C", "B", "A"]);
    expect(form.getCell("I2").value).toBe(6);
    expect(form.getCell("I2").numFmt).toBe('General" h"');
    expect(form.getCell("F2").numFmt).toBe('General" h"');
    expect(form.getCell("F7").numFmt).toBe('[=1]0" day";General" days"');
    expect(form.getCell("J2").value).toBeNull();
    expect(form.getCell("J8").value).toMatch(/^Counts /);
    const { hoursA, hoursB, hoursC } = submission.summary;
    expect([10, 11, 12, 13].map((row) => [form.getCell(`H${row}`).value, form.getCell(`I${row}`).value])).toEqual([
      ["Total A", hoursA],
      ["Total B", hoursB],
      ["Total C", hoursC],
      ["Total", Math.round(((hoursA ?? 0) + (hoursB ?? 0) + (hoursC ?? 0)) * 100) / 100],
    ]);
    expect(form.pageSetup.orientation).toBe("landscape");
    expect(form.pageSetup.printTitlesRow).toBe("1:1");

    // The computed columns and the totals are not input: changing them leaves the submission unchanged.
    form.getCell("H2").value = "C";
    form.getCell("I13").value = 1000;
    const edited = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const report = await verifyBytes(edited);
    expect(report.submission).toBe("unchanged");
    expect(report.summaryMismatches).toEqual([]);
  });

  test("the cover reads as a letter: the profile and the next credit in words, no internal terms above the stored values", async () => {
    const { submission } = await exportLog(csvLog());
    const printed = submission.sheet.lines.slice(0, submission.sheet.printedLines);
    const byLabel = new Map(printed.map((line) => [line.label.trim(), line.value]));
    expect(byLabel.get("CST-T certified on")).toBe("2020-02-03");
    expect(byLabel.get("CST-D certified on")).toBe("not yet");
    expect(byLabel.get("Credits awarded before this log")).toBe(0);
    expect(byLabel.get("Hours credited in this log")).toMatch(
      /^A \d+(\.\d+)? h, B \d+(\.\d+)? h and C \d+(\.\d+)? h \(\d+(\.\d+)? h in all\)$/,
    );
    expect(byLabel.get("Next credit")).toMatch(/^2nd credit: still needs /);
    expect(JSON.stringify(printed)).not.toMatch(/canonical|still needs, category|Digests/i);
    // What verification reads is still there, below the printed area.
    const stored = readSubmissionSheet(submission.sheet.lines.map((line) => [line.label, line.value]));
    expect(stored.fields.canonicalForm).toBe(CANONICAL_FORM);
    expect(stored.fields.nextCredit).toBe(2);
    expect(stored.fields.hoursA).toBe(submission.summary.hoursA);
  });

  test("the module builds for the browser (no Node APIs below it)", async () => {
    const result = await build({
      entryPoints: ["src/workbook/submission.ts"],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
  });
});

describe("export refuses while errors remain", () => {
  test("a row error refuses, with the row's finding", async () => {
    const log = csvLog();
    const broken: LogInput = {
      ...log,
      rows: [...log.rows, { row: 9, cells: ["03/04/2024", "treatment", "In person", "J", "CST-T", "1", ""] }],
    };
    const prepared = await prepareSubmission(broken, { asOf: AS_OF });
    expect(prepared.ok).toBe(false);
    expect(prepared.report.rows.find((row) => row.row === 9)?.errors.map((error) => error.code)).toEqual(["ambiguous-date"]);
  });

  test("a missing mentee name refuses (missing-name is an export-only check)", async () => {
    const log = { ...csvLog(), profileCells: ["", "ann@example.org"] };
    const prepared = await prepareSubmission(log, { asOf: AS_OF });
    expect(prepared.ok).toBe(false);
    expect(prepared.report.profile.errors.map((error) => error.code)).toEqual(["missing-name"]);
    expect((await verifyLog(log, { asOf: AS_OF })).report.valid).toBe(true);
  });

  test("overrides become the exported profile's values", async () => {
    const prepared = await prepareSubmission(
      { ...csvLog(), profileCells: [] },
      { asOf: AS_OF, overrides: { name: "Bo", techniqueCertifiedOn: "2021-01-01" } },
    );
    expect(prepared.ok && prepared.submission.log.profileCells).toEqual(["Bo", undefined, "2021-01-01", undefined, undefined, "current"]);
    expect(applyProfileOverrides(["a", "b"], { creditsAwarded: 2 })).toEqual(["a", "b", undefined, undefined, 2, undefined]);
  });
});

describe("the stored summary", () => {
  test("changing the stored credits is reported as a mismatch; the submission is still unchanged", async () => {
    const { bytes } = await exportLog(csvLog());
    const workbook = await loadWorkbook(bytes);
    const cover = workbook.getWorksheet("Submission")!;
    const creditsRow = cover.getColumn(1).values.findIndex((value) => value === "Credits earned");
    cover.getCell(creditsRow, 2).value = 3;
    const report = await verifyBytes(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
    expect(report.submission).toBe("unchanged");
    expect(report.summaryMismatches).toEqual([{ field: "credits", stored: 3, recomputed: 1 }]);
  });

  test("labels are matched in any case and order; numbers may be text; a missing field is a mismatch", () => {
    const stored = readSubmissionSheet([
      ["credits earned", "1"],
      ["  Mentee ", "Ann"],
      ["Unrelated", "x"],
    ]);
    expect(stored).toEqual({ fields: { credits: 1, mentee: "Ann" }, digests: null });
    const summary = Object.fromEntries(SUBMISSION_FIELDS.map((field) => [field.key, field.kind === "number" ? 0 : ""]));
    const mismatches = compareSubmissionSummaries(stored.fields, { ...summary, credits: 1, mentee: "Ann" } as never);
    expect(mismatches.map((mismatch) => mismatch.field)).not.toContain("credits");
    expect(mismatches).toContainEqual({ field: "hoursA", stored: null, recomputed: 0 });
    expect(mismatches.map((mismatch) => mismatch.field)).not.toContain("exportedAt");
  });

  test("a Submission sheet without a fingerprint verifies as edited", async () => {
    const { log } = await readWorkbookLog((await exportLog(csvLog())).bytes);
    const { report } = await verifyLog(log, { submission: { fields: {}, digests: null } });
    expect(report.submission).toBe("edited");
  });
});

describe("changing any single profile or log cell of a submission makes it edited (property)", () => {
  const ACTIVITIES = [
    "treatment",
    "one-on-one",
    "small-group",
    "Beyond the Dura conference",
    "precepting",
    "Study group session (in person or virtual)",
  ];
  // Control characters are covered by their own round-trip test; here any printable edit must be caught.
  // eslint-disable-next-line no-control-regex
  const text = fc.string({ minLength: 1, maxLength: 12 }).filter((value) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(value));

  /** A new value for a cell that is canonically different from the current one. */
  function changed(kind: string, current: ExcelJS.CellValue) {
    const currentText = current instanceof Date ? current.toISOString().slice(0, 10) : String(current ?? "");
    switch (kind) {
      case "date":
        return fc
          .integer({ min: 1, max: 400 })
          .map(
            (days) => new Date(utcDate(currentText === "" ? "2024-01-01" : currentText).getTime() - days * 86_400_000) as ExcelJS.CellValue,
          );
      case "number":
        return fc
          .oneof(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0.01, max: 999, noNaN: true }))
          .filter((value) => String(value) !== currentText);
      case "activity":
        return fc.constantFrom(...ACTIVITIES).filter((value) => value !== currentText);
      case "ruleSet":
        return fc.constant(currentText === "current" ? "2014" : "current");
      default:
        return text.filter((value) => value !== currentText);
    }
  }

  const LOG_KINDS = ["date", "activity", "text", "text", "text", "number", "text"];
  const PROFILE_KINDS = ["text", "text", "date", "date", "number", "ruleSet"];

  test("verify reports edited after any one cell changes", async () => {
    const { bytes } = await exportLog(csvLog());
    const original = await loadWorkbook(bytes);
    const logCells = [2, 3, 4, 7, 8].flatMap((row) =>
      LOG_KINDS.map((kind, index) => ({ sheet: "Tracking Form", row, column: index + 1, kind })),
    );
    const profileCells = PROFILE_KINDS.map((kind, index) => ({ sheet: "Profile", row: index + 1, column: 2, kind }));
    const edit = fc
      .constantFrom(...logCells, ...profileCells)
      .chain((cell) =>
        changed(cell.kind, original.getWorksheet(cell.sheet)!.getCell(cell.row, cell.column).value).map((value) => ({ cell, value })),
      );

    await fc.assert(
      fc.asyncProperty(edit, async ({ cell, value }) => {
        const workbook = await loadWorkbook(bytes);
        workbook.getWorksheet(cell.sheet)!.getCell(cell.row, cell.column).value = value;
        const report = await verifyBytes(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
        expect(report.submission).toBe("edited");
      }),
      { numRuns: 40 },
    );
  });
});
