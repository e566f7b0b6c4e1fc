/**
 * The pane's words for the program (docs/rules.md, "Languages") come from the catalog, and in English they
 * are the core's, word for word: the command line, the record and the workbook keep the core's English,
 * and the English pane says what they say.
 */
import {
  type AwardClash,
  type CellValue,
  type Edit,
  type VerifiedReport,
  CERTIFICATION_LABELS,
  PROFILE_FIELDS,
  RULE_SETS,
  RULE_SET_IDS,
  STATE_TEXT,
  SUBMISSION_FIELDS,
  VERIFICATION_STATES,
  awardClashText as coreAwardClashText,
  awardsUnsupported,
  editsText as coreEditsText,
  nextCreditLine,
  readProfile,
  stateLine,
} from "../../src/core";
import { type MessageId, type MessageValues, loadMessages, translator } from "../../src/i18n";
import type { Translate } from "../../src/taskpane/i18n";
import { textOfFinding } from "../../src/taskpane/i18n";
import {
  awardClashText,
  certificationName,
  editsText,
  nextCreditText,
  profileFieldHint,
  profileFieldLabel,
  profileFieldLabelOf,
  ruleSetName,
  stateLineText,
  stateWord,
  submissionFieldName,
} from "../../src/taskpane/words";

/** `useT()`'s English, outside React. */
const english = translator();
const t: Translate = Object.assign((id: MessageId, values?: MessageValues) => english.t(id, values), {
  list: english.list,
  or: (items: readonly string[]) => new Intl.ListFormat("en-GB", { type: "disjunction" }).format(items),
  locale: "en",
  // Formatted from the catalog, not the core's message as it is: the test compares the two.
  english: false,
});
const context = { asOf: "2025-01-15", dateSystem: "1900" as const };

/** The same in German: a message the pane says in English only by falling back to the core's would show here. */
let german: Translate;
beforeAll(async () => {
  const tr = translator("de", await loadMessages("de"));
  german = Object.assign((id: MessageId, values?: MessageValues) => tr.t(id, values), {
    list: tr.list,
    or: (items: readonly string[]) => new Intl.ListFormat("de", { type: "disjunction" }).format(items),
    locale: "de",
    english: false,
  });
});

test("names: rule sets, certifications, profile and summary fields, states", () => {
  for (const id of RULE_SET_IDS) expect(ruleSetName(id, t)).toBe(RULE_SETS[id].label);
  expect(ruleSetName(RULE_SETS["2014"], t)).toBe(RULE_SETS["2014"].label);
  expect(certificationName("technique", t)).toBe(CERTIFICATION_LABELS.technique);
  expect(certificationName("diplomate", t)).toBe(CERTIFICATION_LABELS.diplomate);
  for (const field of PROFILE_FIELDS) {
    expect(profileFieldLabel(field.key, t)).toBe(field.label);
    expect(profileFieldHint(field.key, t)).toBe(field.help);
  }
  // A submission's digests name a profile field by its label, an older form's alias too.
  expect(profileFieldLabelOf("credits ALREADY awarded", t)).toBe("Credits awarded before this log");
  expect(profileFieldLabelOf("Favourite colour", t)).toBe("Favourite colour");
  for (const field of SUBMISSION_FIELDS) expect(submissionFieldName(field.key, t)).toBe(field.label);
  for (const state of VERIFICATION_STATES) expect(stateWord(state, t)).toBe(STATE_TEXT[state]);
});

test.each<[string, CellValue[]]>([
  [
    "name, email, a date no calendar has, an ambiguous one, counts and a rule set",
    ["", "ada", "2024-02-30", "03/04/2024", "x", "2099", 1.5],
  ],
  ["a date in the future and a text that is no date", ["Ada", "", "2030-01-01", "soon", "", "", ""]],
  ["the Diplomate date before the Technique one", ["Ada", "", "2024-05-01", "2024-01-01", 2000, "current", 0]],
])("profile messages: %s, as the core says them", (_, cells) => {
  const { errors } = readProfile(cells, { ...context, forExport: true });
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(textOfFinding(t, error)).toBe(error.message);
    expect(textOfFinding(german, error)).not.toBe(error.message);
  }
});

test.each([0, 1])("awarded credits the log no longer supports (%i of 2), as the core says it", (supported) => {
  const cells: CellValue[] = ["Ada", "", "", "", 0, "current", 2];
  const { profile } = readProfile(cells, context);
  const error = awardsUnsupported(profile, { supported } as Parameters<typeof awardsUnsupported>[1]);
  expect(error).not.toBeNull();
  expect(textOfFinding(t, error!)).toBe(error!.message);
  expect(textOfFinding(german, error!)).toMatch(/^Aus diesem Protokoll vergebene Credits: 2, /);
});

const EDITS: readonly (readonly Edit[] | null)[] = [
  null,
  [],
  [{ row: 4, change: "changed" }],
  [
    { profileField: "Email" },
    { profileField: "Mentee name" },
    { row: 3, change: "changed" },
    { row: 7, change: "changed" },
    { row: 9, change: "added" },
    { row: 2, change: "removed" },
  ],
];

test.each(EDITS.map((edits) => [JSON.stringify(edits), edits] as const))(
  "what changed after export %s, as the core says it",
  (_, edits) => {
    expect(editsText(edits, t)).toBe(coreEditsText(edits));
  },
);

const CLASHES: readonly AwardClash[] = [
  { kind: "already-awarded", file: "first.xlsx", verified: "2026-11-25 14:03 UTC", firstCredit: 1, credits: 2, credit: 2 },
  { kind: "claimed-twice", file: "first.xlsx", verified: "2026-11-25 14:03 UTC", firstCredit: 1, credits: 3, rows: [2, 3, 4, 9, 11, 12] },
  { kind: "claimed-twice", file: "old.csv", verified: "2025-01-02", firstCredit: 2, credits: 1, rows: [5] },
];

test.each(CLASHES.map((clash) => [clash.kind, clash] as const))("an earlier award (%s), as the core says it", (_, clash) => {
  expect(awardClashText(clash, t)).toBe(coreAwardClashText(clash));
});

/** A verified report with only what the state line and the next credit read. */
const report = (fields: Record<string, unknown>): VerifiedReport =>
  ({
    submission: "unchanged",
    valid: true,
    credits: 1,
    ruleSet: "current",
    next: { credit: 2, missing: { A: 12, B: 0, C: 12, total: 24 } },
    ...fields,
  }) as unknown as VerifiedReport;

test.each([
  ["ready", report({})],
  ["nothing to award", report({ credits: 0 })],
  ["has errors", report({ valid: false })],
  ["not a submission", report({ submission: null })],
  ["edited", report({ submission: "edited", edits: EDITS[3] })],
  ["edited, unlocated", report({ submission: "edited", edits: null })],
  [
    "summary differs",
    report({
      summaryMismatches: [
        { field: "credits", stored: 3, recomputed: 1 },
        { field: "missingTotal", stored: null, recomputed: 24 },
      ],
    }),
  ],
  ["claimed twice", report({ awardClash: CLASHES[1] })],
  ["already awarded", report({ awardClash: CLASHES[0] })],
])("the state line of a result %s, as the core says it", (_, verified) => {
  expect(stateLineText(verified, t)).toBe(stateLine(verified));
});

test.each([
  [
    "in the categories it takes, blocked by a certification",
    report({ next: { credit: 2, missing: { A: 4.5, B: 0, C: 6.5, total: 11 }, blockedBy: "technique-certification" } }),
  ],
  ["more in all than in its categories", report({ next: { credit: 1, missing: { A: 2, B: 0, C: 0, total: 5 } } })],
  ["in any category", report({ ruleSet: "2014", next: { credit: 3, missing: { A: 0, B: 0, C: 0, total: 3 } } })],
  [
    "the 3rd, after CST-D",
    report({ next: { credit: 3, missing: { A: 12, B: 0, C: 12, total: 24 }, blockedBy: "diplomate-certification" } }),
  ],
])("the next credit %s, as the core says it", (_, verified) => {
  expect(nextCreditText(verified, t)).toBe(nextCreditLine(verified));
});
