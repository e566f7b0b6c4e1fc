/**
 * The printed submission's cover in the mentee's language (docs/rules.md,
 * "Languages"). The core writes the cover's lines in English; this gives the
 * printed ones (title, headings, labels, the note) in the language, keeps the
 * fixed terms (category letters, credentials, the fingerprint) and the values
 * as they are, and copies each printed field whose label changed into the
 * unprinted stored section under its English label: verification reads the
 * first row bearing a field's label, so a submission printed in any language
 * verifies as one printed in English.
 */
import {
  type SubmissionLineWords,
  type SubmissionSheet,
  type SubmissionSheetLine,
  SUBMISSION_FIELDS,
  labelKey,
  milliToHours,
} from "../core";
import { type MessageId, type Translator, DEFAULT_LANGUAGE, categoryHoursWords, missingHoursWords, translatorHoursWording } from "../i18n";

/** The cover's fixed English words and their messages. */
const WORDS: Readonly<Record<string, MessageId>> = {
  "CST mentorship submission": "cover.title",
  "Mentee and certification": "cover.menteeHeading",
  "Credits from this log": "cover.creditsHeading",
  "Export and fingerprint": "cover.exportHeading",
  "CST-T certified on": "cover.techniqueOn",
  "CST-D certified on": "cover.diplomateOn",
  "Credits awarded before this log": "cover.awardedBefore",
  "Credits awarded from this log": "cover.awardedFromLog",
  "Hours credited in this log": "cover.hoursCredited",
};

const FIELD_KEYS = new Map<string, string>(SUBMISSION_FIELDS.map((field) => [field.label, field.key]));
const NOTE = "cover.note";
const NOT_YET = "not yet";
const STORED_HEADING = /^Stored for verification/;

function labelIn(label: string, tr: Translator): string {
  const word = WORDS[label];
  if (word !== undefined) return tr.t(word);
  const field = FIELD_KEYS.get(label);
  if (field !== undefined) return tr.t(`cover.field.${field}` as MessageId);
  // "  2nd credit (awarded already)": the credit's line of the breakdown.
  const credit = /^( *)(\d+)(?:st|nd|rd|th) credit( \(awarded already\))?$/.exec(label);
  if (credit !== null)
    return `${credit[1]}${tr.t("cover.creditLine", { credit: Number(credit[2]), awarded: credit[3] === undefined ? "no" : "yes" })}`;
  return label;
}

/** A printed value in the language, from what it says; null where it says nothing the language words otherwise. */
function valueIn(words: SubmissionLineWords, tr: Translator): string | null {
  // Never English: an English cover is printed as it is (`coverInLanguage`).
  const wording = translatorHoursWording(tr, milliToHours);
  switch (words.kind) {
    case "ruleSet":
      return tr.t(`ruleSet.${words.id}`);
    case "hours": {
      const parts = categoryHoursWords(wording, words.hours, words.categories);
      if (!words.inAll) return parts;
      const total = words.categories.reduce((sum, category) => sum + words.hours[category], 0);
      return tr.t("cli.missing", { parts, total: wording.number(total) });
    }
    case "next": {
      const missing = missingHoursWords(wording, words.missing, words.categories);
      return tr.t("cover.nextValue", {
        ordinal: tr.t("words.creditOrdinal", { credit: words.credit }),
        needs: words.missing.total === 0 ? tr.t("cover.hoursLogged") : tr.t("cover.stillNeeds", { missing }),
        certification: words.certification ?? "none",
      });
    }
  }
}

/** The cover's lines in the language of `tr`; the same lines in English. */
export function coverInLanguage(sheet: SubmissionSheet, tr: Translator): SubmissionSheet {
  if (tr.language === DEFAULT_LANGUAGE) return sheet;
  const printed: SubmissionSheetLine[] = [];
  const kept: SubmissionSheetLine[] = [];
  sheet.lines.slice(0, sheet.printedLines).forEach((line) => {
    const label = labelIn(line.label, tr);
    const value =
      line.style === "note" && line.value !== ""
        ? tr.t(NOTE)
        : line.style === "detail" && line.value === NOT_YET
          ? tr.t("cover.notYet")
          : ((line.words === undefined ? null : valueIn(line.words, tr)) ?? line.value);
    if (line.style === "field") {
      // A translation that reads as the English label would be taken for the field: the printed line then stays as it was.
      if (labelKey(label) === labelKey(line.label)) {
        printed.push(line);
        return;
      }
      kept.push(line);
    }
    printed.push({ ...line, label, value });
  });
  const below = [...sheet.lines.slice(sheet.printedLines)];
  const stored = below.findIndex((line) => STORED_HEADING.test(line.label));
  below.splice(stored + 1, 0, ...kept);
  return { lines: [...printed, ...below], printedLines: sheet.printedLines };
}
