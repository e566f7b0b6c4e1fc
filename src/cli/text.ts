/**
 * The command line's human-readable output. What needs the coordinator's
 * attention comes first: a submission edited after export, or whose stored
 * summary differs, says so on the file's first line, with what changed.
 * Then whose it is, one line per finding naming the row and the fix, the
 * credits and the hours each took, the next credit's shortfall in the
 * categories it takes, and the fingerprint.
 */
import {
  type Assessment,
  type ReportRow,
  type VerificationState,
  type VerifiedReport,
  CATEGORIES,
  VERIFICATION_STATES,
  breakdownOf,
  byState,
  editsText,
  categoryHoursText,
  creditRule,
  earnedCreditText,
  findRuleSet,
  type Category,
  type CreditRule,
  type Millihours,
  attentionText,
  nextCreditLine,
  nextCreditOf,
  categoriesOf,
  milliToHours,
  ordinal,
  reportRowsOf,
  submissionFieldLabel,
  stateLine,
  unusedText,
  utcTimeText,
  verificationState,
} from "../core";
import {
  type Translator,
  type WordedFinding,
  DEFAULT_LANGUAGE,
  ENGLISH_TRANSLATOR,
  categoryHoursWords,
  findingText,
  missingHoursWords,
  numberIn,
  translatorHoursWording,
  unusedHoursText,
} from "../i18n";

/** Rows of a report taken from its assessment's results at a time: a long log's report is never made an object per row. */
const ROWS_PER_PIECE = 256;

/**
 * The report's rows: made from the assessment's results a few hundred at a time where it is given (the
 * report's own `rows` is those results made whole, an object per row of the log).
 */
function* reportRows(report: VerifiedReport, assessment?: Assessment): Generator<ReportRow> {
  if (assessment === undefined) {
    yield* report.rows;
    return;
  }
  const results = assessment.rows;
  for (let start = 0; start < results.length; start += ROWS_PER_PIECE) {
    yield* reportRowsOf(results, start, Math.min(results.length, start + ROWS_PER_PIECE));
  }
}

function countFindings(report: VerifiedReport, assessment?: Assessment): { errors: number; warnings: number } {
  let errors = report.profile.errors.length;
  let warnings = report.profile.warnings.length;
  for (const row of reportRows(report, assessment)) {
    errors += row.errors.length;
    warnings += row.warnings.length;
  }
  return { errors, warnings };
}

/** "no errors", "2 errors, 1 warning". `assessment`: the report's, to count its rows' findings without making the report's rows. */
export function findingsSummary(report: VerifiedReport, assessment?: Assessment, tr: Translator = ENGLISH_TRANSLATOR): string {
  return tr.t("cli.findings", countFindings(report, assessment));
}

/** A verification state in words (SPEC 11's, translated): "READY TO AWARD". */
export function stateText(state: VerificationState, tr: Translator = ENGLISH_TRANSLATOR): string {
  return tr.t(`state.${state}`);
}

/** The result's first words: its state, and for attention what it is about (the details in the core's words). */
function stateLineIn(report: VerifiedReport, tr: Translator): string {
  if (tr.language === DEFAULT_LANGUAGE) return stateLine(report);
  const state = verificationState(report);
  const attention = attentionText(report);
  if (attention !== null) return `${stateText(state, tr)}: ${attention.slice(attention.indexOf(": ") + 2)}`;
  return state === "not-a-submission" ? `${stateText(state, tr)}: ${tr.t(`stateHint.${state}`)}` : stateText(state, tr);
}

/** Hours per category: "A 6 h, B 6 h and C 12 h", in the language's words and list. */
function categoryHoursIn(hours: Readonly<Record<Category, Millihours>>, categories: readonly Category[], tr: Translator): string {
  return categoryHoursWords(translatorHoursWording(tr, milliToHours), hours, categories);
}

/** What the next credit still needs, in the categories it takes (as the core's missingText, in the language's words). */
function missingIn(missing: Readonly<Record<Category | "total", Millihours>>, rule: CreditRule, tr: Translator): string {
  return missingHoursWords(translatorHoursWording(tr, milliToHours), missing, categoriesOf(rule));
}

/** The next credit and what it still needs ("Next credit (the 2nd): still needs A 4.5 h and C 6.5 h (11 h in all)"). */
export function nextCreditText(report: VerifiedReport, tr: Translator = ENGLISH_TRANSLATOR): string {
  if (tr.language === DEFAULT_LANGUAGE) return nextCreditLine(report);
  const { next } = report;
  const { rule, missing } = nextCreditOf(report);
  const blocked = next.blockedBy === undefined ? "none" : next.blockedBy === "technique-certification" ? "CST-T" : "CST-D";
  return tr.t("cli.nextCredit", { credit: next.credit, missing: missingIn(missing, rule, tr), blocked });
}

/** One line per finding: the profile's first, then the rows' in order. */
export function* findingLines(report: VerifiedReport, assessment?: Assessment, tr: Translator = ENGLISH_TRANSLATOR): Generator<string> {
  const profile = (severity: string, finding: WordedFinding & { code: string }) =>
    tr.t("cli.profileFinding", { severity, code: finding.code, message: findingText(tr, finding) });
  for (const error of report.profile.errors) yield profile("error", error);
  for (const warning of report.profile.warnings) yield profile("warning", warning);
  for (const row of reportRows(report, assessment)) {
    for (const error of row.errors)
      yield tr.t("cli.rowFinding", { row: row.row, severity: "error", code: error.code, message: findingText(tr, error) });
    for (const warning of row.warnings)
      yield tr.t("cli.rowFinding", { row: row.row, severity: "warning", code: warning.code, message: findingText(tr, warning) });
  }
}

/** "Ann Mentee <ann@example.org>", or that the name is missing. */
function menteeText(report: VerifiedReport, tr: Translator): string {
  return `${report.mentee.name ?? tr.t("cli.noName")}${report.mentee.email === null ? "" : ` <${report.mentee.email}>`}`;
}

function exportedText(report: VerifiedReport): string {
  return report.exportedAt === undefined || report.exportedAt === null ? "none" : utcTimeText(report.exportedAt);
}

/** Whose it is and against what: "Ann Mentee <ann@example.org>; exported 2026-11-25 14:03 UTC; as of 2024-06-01; Current program rules". */
export function whoLine(report: VerifiedReport, tr: Translator = ENGLISH_TRANSLATOR): string {
  const ruleSet = findRuleSet(report.ruleSet)?.label ?? report.ruleSet;
  return tr.t("cli.who", { who: menteeText(report, tr), exported: exportedText(report), asOf: report.asOf, ruleSet });
}

export function hoursLine(report: VerifiedReport, tr: Translator = ENGLISH_TRANSLATOR): string {
  const hours = CATEGORIES.map((category) => tr.t("words.categoryHours", { category, hours: numberIn(tr, report.hours[category]) }));
  return tr.t("cli.hoursCredited", { hours: hours.join(", ") });
}

/** Which hours went to which credit, and which count toward none (from the same allocation as the credits). */
export function breakdownLines(assessment: Assessment, tr: Translator = ENGLISH_TRANSLATOR): string[] {
  if (tr.language !== DEFAULT_LANGUAGE) return breakdownLinesIn(assessment, tr);
  const breakdown = breakdownOf(assessment);
  const ruleSet = assessment.profile.profile.ruleSet;
  const lines = breakdown.earned.map(
    (entry) => `  ${earnedCreditText(entry, creditRule(ruleSet, entry.credit))}${entry.awarded ? " (awarded from this log already)" : ""}`,
  );
  const nextRule = creditRule(ruleSet, breakdown.next.credit);
  if (CATEGORIES.some((category) => breakdown.next.hours[category] > 0)) {
    lines.push(
      `  Toward the ${ordinal(breakdown.next.credit)} credit so far: ${categoryHoursText(breakdown.next.hours, nextRule.accepts)}`,
    );
  }
  for (const entry of breakdown.unused) lines.push(`  ${unusedText(entry, breakdown.next, nextRule)}`);
  return lines;
}

/** The breakdown in another language: the credits' hours and the hours toward the next (why hours count toward none stays in the core's words). */
function breakdownLinesIn(assessment: Assessment, tr: Translator): string[] {
  const breakdown = breakdownOf(assessment);
  const ruleSet = assessment.profile.profile.ruleSet;
  const lines = breakdown.earned.map(
    (entry) =>
      `  ${tr.t("words.creditOrdinal", { credit: entry.credit })}: ${categoryHoursIn(entry.hours, categoriesOf(creditRule(ruleSet, entry.credit)), tr)}${entry.awarded ? tr.t("cli.awardedFromLog") : ""}`,
  );
  const nextRule = creditRule(ruleSet, breakdown.next.credit);
  if (CATEGORIES.some((category) => breakdown.next.hours[category] > 0)) {
    lines.push(
      tr.t("cli.towardSoFar", { credit: breakdown.next.credit, hours: categoryHoursIn(breakdown.next.hours, categoriesOf(nextRule), tr) }),
    );
  }
  for (const entry of breakdown.unused) {
    const hours = { ...entry, hours: milliToHours(entry.hours) };
    lines.push(`  ${unusedHoursText(tr.t, tr.list, hours, breakdown.next, categoriesOf(nextRule), (iso) => iso)}`);
  }
  return lines;
}

function valueText(value: string | number | null, tr: Translator): string {
  if (value === null) return tr.t("cli.missingValue");
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

export function submissionLines(report: VerifiedReport, tr: Translator = ENGLISH_TRANSLATOR): string[] {
  if (report.submission === null) return [tr.t("cli.noSubmission")];
  const lines = [report.submission === "unchanged" ? tr.t("cli.unchanged") : tr.t("cli.edited", { edits: editsText(report.edits) })];
  const mismatches = report.summaryMismatches ?? [];
  if (mismatches.length === 0) lines.push(tr.t("cli.summaryMatches"));
  for (const mismatch of mismatches) {
    lines.push(
      tr.t("cli.summaryDiffers", {
        field: submissionFieldLabel(mismatch.field),
        stored: valueText(mismatch.stored, tr),
        recomputed: valueText(mismatch.recomputed, tr),
      }),
    );
  }
  return lines;
}

/** Credits awarded before this log and from it (docs/rules.md §4), when there are any: where this log's new credits start. */
export function awardedLine(report: VerifiedReport, tr: Translator = ENGLISH_TRANSLATOR): string | null {
  const { before, fromLog } = report.awarded;
  if (before === 0 && fromLog === 0) return null;
  return tr.t("cli.awarded", { before: numberIn(tr, before), fromLog: numberIn(tr, fromLog), first: report.firstNewCredit });
}

/** The full report of one file, line by line; its state first, and what needs attention. */
export function* reportTextLines(
  file: string,
  report: VerifiedReport,
  assessment: Assessment,
  tr: Translator = ENGLISH_TRANSLATOR,
): Generator<string> {
  const awarded = awardedLine(report, tr);
  yield tr.t("cli.state", { file, state: stateLineIn(report, tr), findings: findingsSummary(report, assessment, tr) });
  yield tr.t("cli.mentee", { who: whoLine(report, tr) });
  yield* findingLines(report, assessment, tr);
  yield tr.t("cli.creditsEarned", { count: numberIn(tr, report.credits) });
  if (awarded !== null) yield awarded;
  yield* breakdownLines(assessment, tr);
  yield hoursLine(report, tr);
  yield nextCreditText(report, tr);
  yield tr.t("cli.fingerprint", { fingerprint: report.fingerprint });
  yield* submissionLines(report, tr);
}

/** The one line of a file in a batch: its state first. */
export function batchLine(file: string, report: VerifiedReport, assessment?: Assessment, tr: Translator = ENGLISH_TRANSLATOR): string {
  const state = verificationState(report);
  const first = state === "has-errors" ? `${stateText(state, tr)} (${findingsSummary(report, assessment, tr)})` : stateLineIn(report, tr);
  return tr.t("cli.batchLine", {
    file,
    state: first,
    who: menteeText(report, tr),
    exported: exportedText(report),
    credits: tr.t("words.credits", { count: report.credits }),
    hours: CATEGORIES.map((category) => `${category} ${numberIn(tr, report.hours[category])}`).join(" "),
  });
}

/** The batch's closing lines: how many files are in each state (in docs/rules.md §4's order, with its words), and those not ready to award. */
export function batchTotals(
  results: readonly { file: string; state: VerificationState; credits: number }[],
  tr: Translator = ENGLISH_TRANSLATOR,
): string[] {
  const counts = VERIFICATION_STATES.flatMap((state) => {
    const files = results.filter((result) => result.state === state);
    if (files.length === 0) return [];
    const credits =
      state === "ready" ? ` (${tr.t("words.credits", { count: files.reduce((sum, result) => sum + result.credits, 0) })})` : "";
    return [`${files.length} ${stateText(state, tr)}${credits}`];
  });
  const lines = [tr.t("cli.total", { files: tr.t("words.files", { count: results.length }), counts: counts.join(", ") })];
  const notReady = byState(
    results.filter((result) => result.state !== "ready"),
    (result) => result.state,
  );
  if (notReady.length > 0) {
    lines.push(tr.t("cli.notReady"));
    for (const result of notReady) lines.push(`  ${result.file}: ${stateText(result.state, tr)}: ${tr.t(`stateHint.${result.state}`)}`);
  }
  return lines;
}
