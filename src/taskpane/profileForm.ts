/**
 * The profile editor's schema: the core's `readProfile` on the would-be
 * Profile cells, each finding placed on the field it is about and said in
 * the pane's language (the core's English stays the command line's).
 */
import * as z from "zod/mini";
import {
  type CellValue,
  type DateSystem,
  type Finding,
  type IsoDate,
  type ProfileKey,
  MAX_CREDITS_AWARDED,
  PROFILE_FIELDS,
  PROFILE_INDEX,
  RULE_SET_IDS,
  cellText,
  describeCell,
  isBlankCell,
  isoDateToExcelSerial,
  parseIsoDate,
  readDateCell,
  readProfile,
} from "../core";
import type { Translate } from "./i18n";
import { profileFieldLabel } from "./words";

/** The editor's values: one text per profile field of the form definition. */
export const profileValuesSchema = z.object(
  Object.fromEntries(PROFILE_FIELDS.map((field) => [field.key, z.string()])) as Record<ProfileKey, z.ZodMiniString>,
);
export type ProfileValues = z.infer<typeof profileValuesSchema>;

/** The editor's values from the Profile cells: dates as ISO text, the rest as text. */
export function profileValuesFromCells(cells: readonly CellValue[], dateSystem: DateSystem): ProfileValues {
  const values = {} as Record<ProfileKey, string>;
  PROFILE_FIELDS.forEach((field, index) => {
    const cell = cells[index];
    if (field.kind === "date" && !isBlankCell(cell)) {
      const reading = readDateCell(cell, dateSystem);
      values[field.key] = reading.ok ? reading.date : cellText(cell);
    } else {
      values[field.key] = cellText(cell);
    }
  });
  return values;
}

/** The Profile cells the editor writes, by each field's kind: dates as Excel dates, whole numbers as numbers, the rest as typed. */
export function profileCells(values: ProfileValues, dateSystem: DateSystem): CellValue[] {
  return PROFILE_FIELDS.map((field) => {
    const text = values[field.key].trim();
    if (field.kind === "date") {
      const date = parseIsoDate(text);
      return date === null ? text : isoDateToExcelSerial(date, dateSystem);
    }
    if (field.kind === "wholeNumber" && /^\d+$/.test(text)) return Number(text);
    return text;
  });
}

/** What a profile check needs besides the values: the as-of date, the date system, and how many awarded credits the log still supports. */
export interface ProfileCheckContext {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
  /** The allocation's K (docs/rules.md §4), for "awards-unsupported". */
  readonly supported?: number;
}

/**
 * A finding of the profile in the pane's language, worked out again from the cells it is about (the core's
 * message is English); the core's message for one the pane cannot place.
 */
export function profileErrorText(error: Finding, cells: readonly CellValue[], context: ProfileCheckContext, t: Translate): string {
  const key = error.field as ProfileKey | null;
  const cell = (field: ProfileKey): CellValue => cells[PROFILE_INDEX[field]];
  switch (error.code) {
    case "missing-name":
      return t("profile.error.missingName");
    case "bad-email":
      return t("profile.error.email", { value: describeCell(cellText(cell("email"))) });
    case "bad-certification-date": {
      if (key !== "techniqueCertifiedOn" && key !== "diplomateCertifiedOn") break;
      const value = cell(key);
      const label = profileFieldLabel(key, t);
      const reading = readDateCell(value, context.dateSystem);
      if (!reading.ok) {
        if (reading.problem === "ambiguous") return t("profile.error.dateAmbiguous", { label, value: describeCell(value) });
        if (reading.problem === "not-calendar-date") return t("profile.error.dateNotReal", { label, value: describeCell(value) });
        if (reading.problem === "not-date") return t("profile.error.notDate", { label, value: describeCell(value) });
        break;
      }
      if (reading.date > context.asOf) return t("profile.error.dateFuture", { label, date: reading.date });
      const technique = readDateCell(cell("techniqueCertifiedOn"), context.dateSystem);
      if (key === "diplomateCertifiedOn" && technique.ok && reading.date < technique.date) {
        return t("profile.error.dateOrder", {
          diplomateLabel: label,
          diplomate: reading.date,
          techniqueLabel: profileFieldLabel("techniqueCertifiedOn", t),
          technique: technique.date,
        });
      }
      break;
    }
    case "bad-awarded":
      if (key !== "creditsAwarded" && key !== "creditsAwardedFromLog") break;
      return t("profile.error.awarded", { label: profileFieldLabel(key, t), value: describeCell(cell(key)), max: MAX_CREDITS_AWARDED });
    case "unknown-rule-set":
      return t("profile.error.ruleSet", { value: describeCell(cell("ruleSet")), choices: t.or(RULE_SET_IDS) });
    case "awards-unsupported": {
      if (context.supported === undefined) break;
      const fromLog = Number(cellText(cell("creditsAwardedFromLog")));
      return t("profile.error.awardsUnsupported", { fromLog, supported: context.supported });
    }
  }
  return error.message;
}

/** The schema of the editor's values; with `t`, its messages in the pane's language. */
export function profileSchema(context: ProfileCheckContext, t?: Translate) {
  return profileValuesSchema.check(
    z.superRefine((values, issues) => {
      const cells = profileCells(values, context.dateSystem);
      const result = readProfile(cells, context);
      for (const error of result.errors) {
        const message = t === undefined ? error.message : profileErrorText(error, cells, context, t);
        issues.addIssue({ code: "custom", path: [error.field ?? "name"], message });
      }
    }),
  );
}

export function checkProfile(values: ProfileValues, context: ProfileCheckContext, t?: Translate): Partial<Record<ProfileKey, string>> {
  const parsed = profileSchema(context, t).safeParse(values);
  const errors: Partial<Record<ProfileKey, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as ProfileKey;
      if (errors[key] === undefined) errors[key] = issue.message;
    }
  }
  return errors;
}
