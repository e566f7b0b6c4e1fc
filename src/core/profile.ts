/**
 * The mentee's profile (SPEC 4): the `Profile` sheet's values, with the
 * command line's flags or the taskpane's editor laid over them.
 */
import { z } from "zod";
import { type CellValue, cellText, describeCell, isBlankCell } from "./cells";
import type { DateSystem, IsoDate } from "./dates";
import { type Finding, type ProfileErrorCode, finding } from "./findings";
import { RULE_SETS, type RuleSet, type RuleSetId, findRuleSet } from "./rulesets";
import { readDateCell } from "./rows";

/** Field labels of the Profile sheet, column A, in order (SPEC 5). */
export const PROFILE_FIELDS = [
  { key: "name", label: "Mentee name" },
  { key: "email", label: "Email" },
  { key: "techniqueCertifiedOn", label: "CST-T certified on" },
  { key: "diplomateCertifiedOn", label: "CST-D certified on" },
  { key: "creditsAwarded", label: "Credits already awarded" },
  { key: "ruleSet", label: "Rule set" },
] as const;
export type ProfileKey = (typeof PROFILE_FIELDS)[number]["key"];

/** The Profile sheet's value cells (B1:B6), in the order of PROFILE_FIELDS. */
export type ProfileCells = readonly CellValue[];

export interface Profile {
  readonly name: string;
  readonly email: string;
  readonly techniqueCertifiedOn: IsoDate | null;
  readonly diplomateCertifiedOn: IsoDate | null;
  readonly creditsAwarded: number;
  readonly ruleSet: RuleSet;
}

export interface ProfileResult {
  /** The profile to compute with: a field with an error falls back to its default. */
  readonly profile: Profile;
  readonly errors: readonly Finding<ProfileErrorCode>[];
  readonly warnings: readonly Finding[];
}

/** Values typed on the command line or in the taskpane; each replaces its cell. */
export const profileOverridesSchema = z
  .object({
    ruleSet: z.enum(["current", "2014"]),
    techniqueCertifiedOn: z.string(),
    diplomateCertifiedOn: z.string(),
    creditsAwarded: z.union([z.number(), z.string()]),
    name: z.string(),
    email: z.string(),
  })
  .partial();
export type ProfileOverrides = z.infer<typeof profileOverridesSchema>;

export const MAX_CREDITS_AWARDED = 1000;
const emailSchema = z.email();
const awardedSchema = z.coerce.number().int().min(0).max(MAX_CREDITS_AWARDED);

export interface ProfileOptions {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
  /** Export also needs the mentee's name. */
  readonly forExport?: boolean;
}

export const EMPTY_PROFILE_CELLS: ProfileCells = ["", "", "", "", "", ""];

function certificationDate(value: CellValue, label: string, options: ProfileOptions, errors: Finding<ProfileErrorCode>[]): IsoDate | null {
  if (isBlankCell(value)) return null;
  const reading = readDateCell(value, options.dateSystem, label);
  if (!reading.ok) {
    errors.push(
      finding("bad-certification-date", `${reading.error.message.replace(/the date of the activity/, "the certification date")}`),
    );
    return null;
  }
  if (reading.date > options.asOf) {
    errors.push(
      finding("bad-certification-date", `${label} ${reading.date} is in the future: enter the date the certification was granted.`),
    );
    return null;
  }
  return reading.date;
}

/** Reads the profile cells, overrides applied, into a profile and its findings. */
export function readProfile(cells: ProfileCells, options: ProfileOptions, overrides: ProfileOverrides = {}): ProfileResult {
  const errors: Finding<ProfileErrorCode>[] = [];
  const value = (index: number, override: CellValue | undefined): CellValue => (override !== undefined ? override : cells[index]);

  const name = cellText(value(0, overrides.name));
  if (options.forExport && name === "") {
    errors.push(finding("missing-name", "Mentee name is empty: enter your name on the Profile sheet before exporting."));
  }

  const email = cellText(value(1, overrides.email));
  if (email !== "" && !emailSchema.safeParse(email).success) {
    errors.push(finding("bad-email", `Email ${describeCell(email)} is not an email address: enter one such as name@example.org.`));
  }

  const techniqueCertifiedOn = certificationDate(value(2, overrides.techniqueCertifiedOn), "CST-T certified on", options, errors);
  let diplomateCertifiedOn = certificationDate(value(3, overrides.diplomateCertifiedOn), "CST-D certified on", options, errors);
  if (techniqueCertifiedOn !== null && diplomateCertifiedOn !== null && diplomateCertifiedOn < techniqueCertifiedOn) {
    errors.push(
      finding(
        "bad-certification-date",
        `CST-D certified on ${diplomateCertifiedOn} is before CST-T certified on ${techniqueCertifiedOn}: Diplomate certification comes after Technique certification; check both dates.`,
      ),
    );
    diplomateCertifiedOn = null;
  }

  let creditsAwarded = 0;
  const awardedCell = value(4, overrides.creditsAwarded);
  if (!isBlankCell(awardedCell)) {
    const parsed = awardedSchema.safeParse(typeof awardedCell === "string" ? awardedCell.trim() : awardedCell);
    if (parsed.success && typeof awardedCell !== "boolean") creditsAwarded = parsed.data;
    else {
      errors.push(
        finding(
          "bad-awarded",
          `Credits already awarded ${describeCell(awardedCell)} is not a whole number from 0 to ${MAX_CREDITS_AWARDED}: enter 0 if none.`,
        ),
      );
    }
  }

  let ruleSet: RuleSet = RULE_SETS.current;
  const ruleCell = value(5, overrides.ruleSet);
  if (!isBlankCell(ruleCell)) {
    const found = findRuleSet(cellText(ruleCell));
    if (found !== null) ruleSet = found;
    else {
      errors.push(finding("unknown-rule-set", `Rule set ${describeCell(ruleCell)} is unknown: enter current or 2014.`));
    }
  }

  return {
    profile: { name, email, techniqueCertifiedOn, diplomateCertifiedOn, creditsAwarded, ruleSet },
    errors,
    warnings: [],
  };
}

export type { RuleSetId };
