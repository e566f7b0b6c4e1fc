/**
 * The mentee's profile (docs/rules.md §3): the `Profile` sheet's values, with the
 * command line's flags or the taskpane's editor laid over them.
 */
// zod/mini: the pane loads the core on its first path, and the full zod weighs five times as much there.
import * as z from "zod/mini";
import { type CellValue, cellText, describeCell, isBlankCell } from "./cells";
import type { DateSystem, IsoDate } from "./dates";
import { type Finding, type ProfileErrorCode, finding } from "./findings";
import { type FormDefinition, type ProfileKey, FORM, PROFILE_FIELDS, PROFILE_INDEX } from "./form";
import { RULE_SETS, RULE_SET_IDS, type RuleSet, type RuleSetId, findRuleSet } from "./rulesets";
import { DATE_PROBLEM_WORDS, dateProblemText, readDateCell } from "./rules/date";

/** The Profile sheet's value cells (B1:B7; a form older than row 7 gives six), in the order of the form's profile fields. */
export type ProfileCells = readonly CellValue[];

export interface Profile {
  readonly name: string;
  readonly email: string;
  readonly techniqueCertifiedOn: IsoDate | null;
  readonly diplomateCertifiedOn: IsoDate | null;
  /** P: credits awarded before this log (their hours are not in it). This log's hours count toward credit P+1 onward. */
  readonly creditsAwarded: number;
  readonly ruleSet: RuleSet;
  /** W: credits awarded from earlier submissions of this same log: the first W of credits P+1 … (allocation.ts). */
  readonly creditsAwardedFromLog: number;
}

export interface ProfileResult {
  /** The profile to compute with: a field with an error falls back to its default. */
  readonly profile: Profile;
  readonly errors: readonly Finding<ProfileErrorCode>[];
  readonly warnings: readonly Finding[];
}

/** Values typed on the command line or in the pane, by profile field key; each replaces its cell. */
export type ProfileOverrides = { readonly [key: string]: CellValue };

/** The profile cells with each override written into its cell: what the Profile sheet would hold. */
export function applyProfileOverrides(cells: ProfileCells, overrides: ProfileOverrides = {}, form: FormDefinition = FORM): CellValue[] {
  return form.profile.map((field, index) => {
    const override = overrides[field.key];
    return override !== undefined ? override : cells[index];
  });
}

export const MAX_CREDITS_AWARDED = 1000;
const emailSchema = z.email();
const awardedSchema = z.coerce.number().check(z.refine(Number.isSafeInteger), z.minimum(0), z.maximum(MAX_CREDITS_AWARDED));

export interface ProfileOptions {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
  /** Export also needs the mentee's name. */
  readonly forExport?: boolean;
}

/** A blank profile: every field empty (the defaults apply). */
export const EMPTY_PROFILE_CELLS: ProfileCells = PROFILE_FIELDS.map(() => "");

function certificationDate(
  value: CellValue,
  key: "techniqueCertifiedOn" | "diplomateCertifiedOn",
  options: ProfileOptions,
  errors: Finding<ProfileErrorCode>[],
): IsoDate | null {
  if (isBlankCell(value)) return null;
  const label = PROFILE_FIELDS[PROFILE_INDEX[key]]?.label ?? key;
  const reading = readDateCell(value, options.dateSystem);
  if (!reading.ok) {
    // A blank cell returned above: its reading is never "missing".
    if (reading.problem !== "missing") {
      errors.push(
        finding(
          "bad-certification-date",
          key,
          `${label} ${dateProblemText(reading.problem, value, "the certification date")}`,
          DATE_PROBLEM_WORDS.certification[reading.problem],
          { field: key, cell: describeCell(value) },
        ),
      );
    }
    return null;
  }
  if (reading.date > options.asOf) {
    errors.push(
      finding(
        "bad-certification-date",
        key,
        `${label} ${reading.date} is in the future: enter the date the certification was granted.`,
        "finding.profile.certification.future",
        { field: key, date: reading.date },
      ),
    );
    return null;
  }
  return reading.date;
}

/** A count of credits (P or W): a whole number from 0; blank is 0, anything else an error and 0. */
function wholeCount(cell: CellValue, key: "creditsAwarded" | "creditsAwardedFromLog", errors: Finding<ProfileErrorCode>[]): number {
  if (isBlankCell(cell)) return 0;
  const parsed = awardedSchema.safeParse(typeof cell === "string" ? cell.trim() : cell);
  if (parsed.success && typeof cell !== "boolean") return parsed.data;
  const label = PROFILE_FIELDS[PROFILE_INDEX[key]]?.label ?? key;
  errors.push(
    finding(
      "bad-awarded",
      key,
      `${label} ${describeCell(cell)} is not a whole number from 0 to ${MAX_CREDITS_AWARDED}: enter 0 if none.`,
      "finding.profile.badAwarded",
      { field: key, cell: describeCell(cell), max: MAX_CREDITS_AWARDED },
    ),
  );
  return 0;
}

/** Reads the profile cells, overrides applied, into a profile and its findings. */
export function readProfile(cells: ProfileCells, options: ProfileOptions, overrides: ProfileOverrides = {}): ProfileResult {
  const errors: Finding<ProfileErrorCode>[] = [];
  const value = (key: ProfileKey): CellValue => {
    const override = overrides[key];
    return override !== undefined ? override : cells[PROFILE_INDEX[key]];
  };

  const name = cellText(value("name"));
  if (options.forExport && name === "") {
    errors.push(
      finding(
        "missing-name",
        "name",
        "Mentee name is empty: enter your name in the profile before exporting.",
        "finding.profile.missingName",
      ),
    );
  }

  const email = cellText(value("email"));
  if (email !== "" && !emailSchema.safeParse(email).success) {
    errors.push(
      finding(
        "bad-email",
        "email",
        `Email ${describeCell(email)} is not an email address: enter one such as name@example.org.`,
        "finding.profile.badEmail",
        { cell: describeCell(email) },
      ),
    );
  }

  const techniqueCertifiedOn = certificationDate(value("techniqueCertifiedOn"), "techniqueCertifiedOn", options, errors);
  let diplomateCertifiedOn = certificationDate(value("diplomateCertifiedOn"), "diplomateCertifiedOn", options, errors);
  if (techniqueCertifiedOn !== null && diplomateCertifiedOn !== null && diplomateCertifiedOn < techniqueCertifiedOn) {
    errors.push(
      finding(
        "bad-certification-date",
        "diplomateCertifiedOn",
        `CST-D certified on ${diplomateCertifiedOn} is before CST-T certified on ${techniqueCertifiedOn}: Diplomate certification comes after Technique certification; check both dates.`,
        "finding.profile.certification.order",
        {
          diplomateField: "diplomateCertifiedOn",
          diplomate: diplomateCertifiedOn,
          techniqueField: "techniqueCertifiedOn",
          technique: techniqueCertifiedOn,
        },
      ),
    );
    diplomateCertifiedOn = null;
  }

  const creditsAwarded = wholeCount(value("creditsAwarded"), "creditsAwarded", errors);
  const creditsAwardedFromLog = wholeCount(value("creditsAwardedFromLog"), "creditsAwardedFromLog", errors);

  let ruleSet: RuleSet = RULE_SETS.current;
  const ruleCell = value("ruleSet");
  if (!isBlankCell(ruleCell)) {
    const found = findRuleSet(cellText(ruleCell));
    if (found !== null) ruleSet = found;
    else {
      errors.push(
        finding(
          "unknown-rule-set",
          "ruleSet",
          `Rule set ${describeCell(ruleCell)} is unknown: enter ${RULE_SET_IDS.join(" or ")}.`,
          "finding.profile.unknownRuleSet",
          { cell: describeCell(ruleCell), ids: RULE_SET_IDS },
        ),
      );
    }
  }

  return {
    profile: { name, email, techniqueCertifiedOn, diplomateCertifiedOn, creditsAwarded, ruleSet, creditsAwardedFromLog },
    errors,
    warnings: [],
  };
}

export type { ProfileKey, RuleSetId };
