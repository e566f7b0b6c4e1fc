/**
 * The add-activity form's schema. The rules are the core's: the would-be row
 * goes through `validateRows` (after the rows already logged, so duplicates
 * are seen) and each finding becomes an issue on the field it is about, with
 * the core's message word for word.
 */
import { z } from "zod";
import {
  type CellValue,
  type DateSystem,
  type IsoDate,
  type LogRow,
  type LogFieldKey,
  DECIMAL_TEXT,
  FORMAT_LABELS,
  type Format,
  activityByCode,
  isoDateToExcelSerial,
  parseIsoDate,
  validateRows,
} from "../core";

/** The form's fields are the log's columns (form.ts). */
export type ActivityField = LogFieldKey;

export const activityValuesSchema = z.object({
  date: z.string(),
  /** Activity code, or "" when none is chosen. */
  activity: z.string(),
  format: z.union([z.enum(["in-person", "virtual"]), z.literal("")]),
  provider: z.string(),
  credential: z.string(),
  quantity: z.string(),
  notes: z.string(),
});
export type ActivityValues = z.infer<typeof activityValuesSchema>;

export const EMPTY_ACTIVITY: ActivityValues = { date: "", activity: "", format: "", provider: "", credential: "", quantity: "", notes: "" };

export interface ActivityContext {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
  /** Rows already in the log, for the duplicate check. */
  readonly existingRows: readonly LogRow[];
}

/** The seven cells the form writes: a real date as an Excel date, a number as a number, the rest as typed. */
export function activityCells(values: ActivityValues, dateSystem: DateSystem): CellValue[] {
  const date = parseIsoDate(values.date.trim());
  const activity = activityByCode(values.activity);
  return [
    date === null ? values.date.trim() : isoDateToExcelSerial(date, dateSystem),
    activity?.label ?? values.activity,
    values.format === "" ? "" : FORMAT_LABELS[values.format as Format],
    values.provider.trim(),
    values.credential.trim(),
    DECIMAL_TEXT.test(values.quantity) ? Number(values.quantity) : values.quantity.trim(),
    values.notes.trim(),
  ];
}

function wouldBeRow(values: ActivityValues, context: ActivityContext) {
  const lastRow = context.existingRows.reduce((last, row) => Math.max(last, row.row), 1);
  const row: LogRow = { row: lastRow + 1, cells: activityCells(values, context.dateSystem) };
  const results = validateRows([...context.existingRows, row], context);
  return results[results.length - 1];
}

/** The form's schema: the values parse when the core finds no error in the row they make. */
export function activitySchema(context: ActivityContext) {
  return activityValuesSchema.superRefine((values, issues) => {
    const result = wouldBeRow(values, context);
    for (const error of result?.errors ?? []) {
      issues.addIssue({ code: "custom", path: [error.field ?? "date"], message: error.message });
    }
  });
}

export interface ActivityCheck {
  readonly fieldErrors: Partial<Record<ActivityField, string>>;
  /** Warnings of the core: the row still counts. */
  readonly warnings: readonly string[];
  readonly cells: CellValue[];
}

export function checkActivity(values: ActivityValues, context: ActivityContext): ActivityCheck {
  const parsed = activitySchema(context).safeParse(values);
  const fieldErrors: Partial<Record<ActivityField, string>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as ActivityField;
      // One message per field, the first the core gives.
      if (fieldErrors[field] === undefined) fieldErrors[field] = issue.message;
    }
  }
  const warnings = parsed.success ? (wouldBeRow(values, context)?.warnings.map((warning) => warning.message) ?? []) : [];
  return { fieldErrors, warnings, cells: activityCells(values, context.dateSystem) };
}
