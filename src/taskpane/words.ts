/**
 * The program's words in the pane's language (docs/rules.md, "Languages"): the core's codes (a verification
 * state, a rule set, a certification, a profile or summary field) mapped to message ids, and the lines the
 * core writes in English for the command line and the record (a result's state line, what changed after
 * export, an earlier award, the next credit) written again from the catalog. The core keeps its English for
 * the `--json` output, the record and the workbook's cells; only what the pane shows comes from here.
 */
import {
  type AwardClash,
  type Category,
  type Certification,
  type CreditRule,
  type Edit,
  type Millihours,
  type ProfileKey,
  type RuleSet,
  type RuleSetId,
  type SubmissionFieldKey,
  type VerificationState,
  type VerifiedReport,
  ACTIVITIES,
  FORMATS,
  FORMAT_LABELS,
  PROFILE_FIELDS,
  categoriesOf,
  labelKey,
  milliToHours,
  nextCreditOf,
  rowRanges,
  verificationState,
} from "../core";
import { activityName } from "./activityForm";
import type { Translate } from "./i18n";

/** A rule set's name: "Current program rules (first, second and third 24 hours)". */
export function ruleSetName(ruleSet: RuleSet | RuleSetId, t: Translate): string {
  return t(`ruleSet.${typeof ruleSet === "string" ? ruleSet : ruleSet.id}`);
}

/** A certification's name, its credential as it is: "Technique Certified (CST-T)". */
export function certificationName(certification: Certification, t: Translate): string {
  return t(`certification.${certification}`);
}

/** A profile field's label as the pane shows it (the Profile sheet keeps the English one). */
export function profileFieldLabel(key: ProfileKey, t: Translate): string {
  return t(`profileField.${key}`);
}

/** What the pane says under a profile field. */
export function profileFieldHint(key: ProfileKey, t: Translate): string {
  return t(`profileFieldHint.${key}`);
}

/** A profile field named by its English label (as a submission's digests name it): the pane's label, or the text as it is. */
export function profileFieldLabelOf(label: string, t: Translate): string {
  const key = labelKey(label);
  const field = PROFILE_FIELDS.find(
    (each) => labelKey(each.label) === key || (each.aliases ?? []).some((alias) => labelKey(alias) === key),
  );
  return field === undefined ? label : profileFieldLabel(field.key, t);
}

/** A field of a submission's stored summary: "Credits earned". */
export function submissionFieldName(key: SubmissionFieldKey, t: Translate): string {
  return t(`submissionField.${key}`);
}

/**
 * A log cell as the pane shows it: an activity or a format written as its canonical label in the pane's
 * language (docs/rules.md, "Languages"), anything else as the cell holds it.
 */
export function logCellText(column: string, text: string, t: Translate): string {
  const key = labelKey(text);
  if (column === "activity") {
    const activity = ACTIVITIES.find((each) => labelKey(each.label) === key);
    return activity === undefined ? text : activityName(t, activity);
  }
  if (column === "format") {
    const format = FORMATS.find((each) => labelKey(FORMAT_LABELS[each]) === key);
    return format === undefined ? text : t(`format.${format}`);
  }
  return text;
}

/** A verification state's first words: "READY TO AWARD". */
export function stateWord(state: VerificationState, t: Translate): string {
  return t(`state.${state}`);
}

/** "2–14 and 20": row numbers with runs joined, as the language joins a list. */
function rowRangesIn(rows: readonly number[], t: Translate): string {
  return t.list(rowRanges(rows));
}

/** The day of a record's Verified text ("2026-11-25 14:03 UTC" → 2026-11-25), or the text as it is. */
const dayOf = (verified: string): string => /^\d{4}-\d{2}-\d{2}/.exec(verified)?.[0] ?? verified;

/** An earlier award a submission clashes with, after the state's first words. */
export function awardClashText(clash: AwardClash, t: Translate): string {
  const day = dayOf(clash.verified);
  if (clash.kind === "already-awarded") {
    return t("coordinator.alreadyAwarded", { credit: clash.credit ?? clash.firstCredit, file: clash.file, day });
  }
  const rows = clash.rows ?? [];
  const ordinals = Array.from({ length: clash.credits }, (_, index) => t("coordinator.ordinal", { credit: clash.firstCredit + index }));
  const credits = t("coordinator.theCredits", { count: clash.credits, ordinals: t.list(ordinals) });
  return t("coordinator.claimedTwice", { count: rows.length, rows: rowRangesIn(rows, t), credits, file: clash.file, day });
}

/** What changed after export: "Email changed; rows 3 and 7 changed; row 9 added". */
export function editsText(edits: readonly Edit[] | null | undefined, t: Translate): string {
  if (edits === null || edits === undefined) return t("coordinator.editsUnlocated");
  if (edits.length === 0) return t("coordinator.editsReordered");
  const fields = edits.flatMap((edit) => ("profileField" in edit ? [profileFieldLabelOf(edit.profileField, t)] : []));
  const parts = fields.length === 0 ? [] : [t("coordinator.fieldsChanged", { fields: t.list(fields) })];
  for (const change of ["changed", "added", "removed"] as const) {
    const rows = edits.flatMap((edit) => ("row" in edit && edit.change === change ? [String(edit.row)] : []));
    if (rows.length > 0) parts.push(t("coordinator.rowsChanged", { count: rows.length, rows: t.list(rows), change }));
  }
  return parts.join("; ");
}

/** The result's first words: its state, and for attention what it is about ("EDITED after export: row 7 changed"). */
export function stateLineText(report: VerifiedReport, t: Translate): string {
  const state = verificationState(report);
  const word = stateWord(state, t);
  if (state === "edited") return t("coordinator.stateDetail", { state: word, detail: editsText(report.edits, t) });
  if (state === "summary-differs") {
    const fields = (report.summaryMismatches ?? []).map((mismatch) => submissionFieldName(mismatch.field, t));
    return t("coordinator.summaryDiffersLine", { state: word, fields: t.list(fields) });
  }
  if ((state === "claimed-twice" || state === "already-awarded") && report.awardClash !== undefined && report.awardClash !== null) {
    return t("coordinator.stateDetail", { state: word, detail: awardClashText(report.awardClash, t) });
  }
  if (state === "not-a-submission") return t("coordinator.stateDetail", { state: word, detail: t(`stateHint.${state}`) });
  return word;
}

/** "A 6 h", with the language's decimal mark. */
export function categoryHoursText(category: Category, hours: number, t: Translate): string {
  return t("coordinator.categoryHours", { category, hours });
}

/** What the next credit still needs, in the categories it takes: "A 4.5 h and C 6.5 h (11 h in all)". */
function missingText(missing: Readonly<Record<Category | "total", Millihours>>, rule: CreditRule, t: Translate): string {
  const needed = categoriesOf(rule).filter((category) => missing[category] > 0);
  if (needed.length === 0) {
    return t("coordinator.missingAny", { hours: milliToHours(missing.total), categories: t.list(categoriesOf(rule)) });
  }
  const named = needed.reduce((sum, category) => sum + missing[category], 0);
  const parts = t.list(needed.map((category) => categoryHoursText(category, milliToHours(missing[category]), t)));
  return t("coordinator.missing", { parts, inAll: named === missing.total ? "no" : "yes", total: milliToHours(missing.total) });
}

/** The next credit and what it still needs: "Next credit (the 2nd): still needs A 12 h and C 12 h". */
export function nextCreditText(report: VerifiedReport, t: Translate): string {
  const { next } = report;
  const { rule, missing } = nextCreditOf(report);
  const blocked =
    next.blockedBy === undefined ? "none" : certificationName(next.blockedBy === "technique-certification" ? "technique" : "diplomate", t);
  return t("coordinator.nextCredit", { credit: next.credit, missing: missingText(missing, rule, t), blocked });
}
