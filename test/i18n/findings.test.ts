/**
 * Findings in the user's language (docs/rules.md §11): every finding the rules make carries words of the
 * catalogs that, formatted in English, are its message exactly; in another language they are that
 * language's, with the values the finding names.
 */
import {
  type CellValue,
  type Finding,
  type IsoDate,
  type LogRow,
  type Profile,
  type Allocation,
  EMPTY_PROFILE_CELLS,
  FINDING_MESSAGE_IDS,
  PROFILE_INDEX,
  awardsUnsupported,
  belowTableError,
  belowTableWarning,
  checkLog,
  extraFieldsFinding,
  readProfile,
  unreadableCellFinding,
} from "../../src/core";
import { type MessageId, ENGLISH, findingText, formatFindingWords, loadMessages, translator } from "../../src/i18n";
import { type Cells, logRows } from "../core/helpers";

const AS_OF: IsoDate = "2025-06-30";

/** Rows that break every row rule in each of its ways. */
const BROKEN_ROWS: Cells[] = [
  ["", "treatment", "In person", "Dana", "CST-T", 1, ""],
  ["2024-02-30", "treatment", "In person", "Dana", "CST-T", 1, ""],
  ["03/04/2024", "treatment", "In person", "Dana", "CST-T", 1, ""],
  ["soon", "treatment", "In person", "Dana", "CST-T", 1, ""],
  [true, "treatment", "In person", "Dana", "CST-T", 1, ""],
  ["2026-01-01", "treatment", "In person", "Dana", "CST-T", 1, ""],
  ["2024-01-10", "", "In person", "Dana", "CST-T", 1, ""],
  ["2024-01-10", "yoga retreat", "In person", "Dana", "CST-T", 1, ""],
  ["2001-01-10", "one-on-one", "Virtual", "Mo", "Mentor", 1, ""],
  ["2024-01-10", "small-group", "", "", "", 1, ""],
  ["2024-01-10", "small-group", "On the phone", "", "", 1, ""],
  ["2024-01-10", "treatment", "Virtual", "Dana", "CST-T", 1, ""],
  ["2024-01-10", "treatment", "In person", "", "CST-T", 1, ""],
  ["2024-01-10", "one-on-one", "In person", "", "Mentor", 1, ""],
  ["2024-01-10", "treatment", "In person", "Dana", "", 1, ""],
  ["2024-01-10", "treatment", "In person", "Dana", "Reiki master", 1, ""],
  ["2024-01-10", "one-on-one", "In person", "Mo", "", 1, ""],
  ["2024-01-10", "one-on-one", "In person", "Mo", "CST-T", 1, ""],
  ["2024-01-10", "treatment", "In person", "Dana", "CST-T", "", ""],
  ["2024-01-10", "treatment", "In person", "Dana", "CST-T", "lots", ""],
  ["2024-01-10", "empower-recording", "Virtual", "", "", "many", ""],
  ["2024-01-10", "study-group", "Virtual", "", "", 0, ""],
  ["2024-01-10", "beyond-the-dura", "In person", "", "", -2, ""],
  ["2024-01-10", "study-group", "Virtual", "", "", 5000, ""],
  ["2024-01-10", "study-group", "Virtual", "", "", 0.001, ""],
  ["2024-01-10", "empower-recording", "Virtual", "", "", 1.5, ""],
  ["2024-01-10", "small-group", "Virtual", "", "", 1.234, ""],
  ["2024-01-10", "small-group", "Virtual", "", "", 1000.004, ""],
  ["2024-01-10", "clinical-applications", "Virtual", "", "", 10.5, ""],
  ["2024-01-10", "small-group", "Virtual", "", "", 14.25, ""],
  ["2024-01-11", "treatment", "In person", "Dana", "CST-T", 1, ""],
  ["2024-01-11", "treatment", "In person", "dana", "CST-T", 2, ""],
  ["2024-01-10", "intensive-therapist", "In person", "", "", 2, ""],
];

function rowFindings(rows: readonly LogRow[]): Finding[] {
  const assessment = checkLog({ rows, profileCells: EMPTY_PROFILE_CELLS, dateSystem: "1900" }, { asOf: AS_OF });
  return assessment.rows.map((row) => [...row.errors, ...row.warnings]).flat();
}

function profileFindings(): Finding[] {
  const profiles: Partial<Record<keyof typeof PROFILE_INDEX, CellValue>>[] = [
    { name: "", email: "not an address" },
    { techniqueCertifiedOn: "2019-02-30", diplomateCertifiedOn: "01/02/2020" },
    { techniqueCertifiedOn: "someday", diplomateCertifiedOn: "2099-01-01" },
    { techniqueCertifiedOn: "2020-05-01", diplomateCertifiedOn: "2019-05-01" },
    { creditsAwarded: 2.5, creditsAwardedFromLog: "three", ruleSet: "2030" },
  ];
  return profiles.flatMap((cells) => {
    const profileCells = [...EMPTY_PROFILE_CELLS];
    for (const [key, value] of Object.entries(cells)) profileCells[PROFILE_INDEX[key as keyof typeof PROFILE_INDEX]] = value;
    return readProfile(profileCells, { asOf: AS_OF, dateSystem: "1900", forExport: true }).errors;
  });
}

const awarded = (fromLog: number, supported: number): Finding =>
  awardsUnsupported({ creditsAwardedFromLog: fromLog } as Profile, { supported } as Allocation) as Finding;

/** Every kind of finding, in each of its ways. */
function everyFinding(): Finding[] {
  return [
    ...rowFindings(logRows(...BROKEN_ROWS)),
    ...profileFindings(),
    awarded(2, 0),
    awarded(3, 1),
    unreadableCellFinding(0, { excelError: "#REF!" }),
    unreadableCellFinding(5, { formula: "A1*2" }),
    extraFieldsFinding(";late"),
    belowTableWarning("MentorshipLog", 12, 12),
    belowTableWarning("MentorshipLog", 12, 40),
    belowTableError("MentorshipLog", 12, 12, "J12"),
    belowTableError("MentorshipLog", 1_048_570, 1_048_576, "J1048570"),
  ];
}

const english = translator();

test("every finding's words, formatted in English, are its message exactly", () => {
  const findings = everyFinding();
  expect(findings.length).toBeGreaterThan(50);
  for (const each of findings)
    expect({ code: each.code, text: formatFindingWords(english, each) }).toEqual({ code: each.code, text: each.message });
});

test("every finding message of the catalogs is made by some rule, and each id is a message id", () => {
  const made = new Set(everyFinding().map((each) => each.words.id));
  expect([...FINDING_MESSAGE_IDS].filter((id) => !made.has(id))).toEqual([]);
  const ids: readonly MessageId[] = FINDING_MESSAGE_IDS;
  for (const id of ids) expect(ENGLISH[id]).toEqual(expect.any(String));
});

test("the words stay out of the JSON: a finding writes its code, message and field as always", () => {
  const [first] = rowFindings(logRows(["", "treatment", "In person", "Dana", "CST-T", 1, ""]));
  expect(JSON.parse(JSON.stringify(first))).toEqual({
    code: "missing-date",
    message: "Date is empty: enter the date of the activity.",
    field: "date",
  });
  expect(Object.keys(first as Finding)).toEqual(["code", "message", "field"]);
});

test.each(["es", "pt-BR", "de", "fr", "ja"])(
  "in %s every finding is worded in that language, naming what English names",
  async (language) => {
    const tr = translator(language, await loadMessages(language));
    for (const each of everyFinding()) {
      const text = findingText(tr, each);
      expect(text).not.toEqual(each.message);
      for (const value of Object.values(each.words.values ?? {})) {
        // What the finding quotes (a cell, a date, a row number) is in the words as it is.
        if (typeof value === "string" && each.message.includes(value) && /^".*"$|^\d{4}-\d\d-\d\d$|^[A-Z]+\d+$/.test(value))
          expect(text).toContain(value);
      }
    }
  },
);

test("German names the activity in German and the alternatives with oder", async () => {
  const tr = translator("de", await loadMessages("de"));
  const capped = rowFindings(logRows(["2024-01-10", "clinical-applications", "In person", "", "", 10.5, ""]))[0] as Finding;
  expect(findingText(tr, capped)).toBe(`${tr.t("activity.clinical-applications")} zählt höchstens 6 h pro Zeile: Nur 6 von 10,5 h zählen.`);
  const [ruleSet] = readProfile(
    EMPTY_PROFILE_CELLS.map((cell, index) => (index === PROFILE_INDEX.ruleSet ? "2030" : cell)),
    { asOf: AS_OF, dateSystem: "1900" },
  ).errors;
  expect(findingText(tr, ruleSet as Finding)).toBe('Das Regelwerk "2030" ist unbekannt: Geben Sie current oder 2014 ein.');
});
