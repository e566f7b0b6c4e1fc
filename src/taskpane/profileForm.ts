/**
 * The profile editor's schema: the core's `readProfile` on the would-be
 * Profile cells, each finding placed on the field it is about and said in
 * the pane's language (the core's English stays the command line's).
 */
import * as z from "zod/mini";
import {
  type CellValue,
  type DateSystem,
  type IsoDate,
  type ProfileKey,
  PROFILE_FIELDS,
  cellText,
  isBlankCell,
  isoDateToExcelSerial,
  parseIsoDate,
  readDateCell,
  readProfile,
} from "../core";
import { type Translate, textOfFinding } from "./i18n";

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

/** What a profile check needs besides the values: the as-of date and the date system. */
export interface ProfileCheckContext {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
}

/** The schema of the editor's values, its messages in the pane's language. */
export function profileSchema(context: ProfileCheckContext, t: Translate) {
  return profileValuesSchema.check(
    z.superRefine((values, issues) => {
      const cells = profileCells(values, context.dateSystem);
      const result = readProfile(cells, context);
      for (const error of result.errors) {
        issues.addIssue({ code: "custom", path: [error.field ?? "name"], message: textOfFinding(t, error) });
      }
    }),
  );
}

export function checkProfile(values: ProfileValues, context: ProfileCheckContext, t: Translate): Partial<Record<ProfileKey, string>> {
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
