/**
 * The activity form (add a row, or correct one). The rules are the core's:
 * the would-be row goes through `validateRow`, after the rows already logged
 * so duplicates are seen (the row being corrected aside), and each finding
 * lands on the field it names (`Finding.field`), with the core's message
 * word for word. An empty form is checked like any row, so every required
 * field says what it needs and nothing is written.
 */
import * as z from "zod/mini";
import { type MessageId, ENGLISH } from "../i18n";
import type { Translate } from "./i18n";
import {
  type Finding,
  type Activity,
  type CellValue,
  type DateSystem,
  type IsoDate,
  type LogFieldKey,
  type LogRow,
  DECIMAL_TEXT,
  DuplicateIndex,
  FORMAT_LABELS,
  type Format,
  LOG_INDEX,
  UNIT_LABELS,
  activityByCode,
  cellText,
  findActivity,
  isEmptyRow,
  isoDateToExcelSerial,
  parseIsoDate,
  readDateCell,
  readFormat,
  validateRow,
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

/** A new activity starts dated today (the as-of date). */
export function newActivity(asOf: IsoDate): ActivityValues {
  return { ...EMPTY_ACTIVITY, date: asOf };
}

export interface ActivityContext {
  readonly asOf: IsoDate;
  readonly dateSystem: DateSystem;
  /** Rows already in the log, for the duplicate check. */
  readonly existingRows: readonly LogRow[];
  /** The worksheet row being corrected, left out of the duplicate check; absent when adding. */
  readonly editingRow?: number;
  /** The user's decimal mark: "1,5" is read as 1.5 where it is ",". */
  readonly decimalMark?: string;
}

/** A quantity as typed: the locale's decimal comma read as a point. */
export function quantityText(typed: string, decimalMark = "."): string {
  const text = typed.trim();
  return decimalMark === "," && /^\d+,\d+$/.test(text) ? text.replace(",", ".") : text;
}

/** The seven cells the form writes: a real date as an Excel date, a number as a number, the rest as typed. */
export function activityCells(values: ActivityValues, dateSystem: DateSystem, decimalMark = "."): CellValue[] {
  const date = parseIsoDate(values.date.trim());
  const activity = activityByCode(values.activity);
  const quantity = quantityText(values.quantity, decimalMark);
  return [
    date === null ? values.date.trim() : isoDateToExcelSerial(date, dateSystem),
    activity?.label ?? values.activity,
    values.format === "" ? "" : FORMAT_LABELS[values.format as Format],
    values.provider.trim(),
    values.credential.trim(),
    DECIMAL_TEXT.test(quantity) ? Number(quantity) : quantity,
    values.notes.trim(),
  ];
}

/** A logged row's cells as the form's values, to correct it. */
export function activityValuesFromCells(cells: readonly CellValue[], dateSystem: DateSystem): ActivityValues {
  const at = (key: LogFieldKey): CellValue => cells[LOG_INDEX[key]];
  const date = readDateCell(at("date"), dateSystem);
  const activity = findActivity(cellText(at("activity")));
  const format = readFormat(cellText(at("format")));
  return {
    date: date.ok ? date.date : cellText(at("date")),
    activity: activity?.code ?? cellText(at("activity")),
    format: format ?? "",
    provider: cellText(at("provider")),
    credential: cellText(at("credential")),
    quantity: cellText(at("quantity")),
    notes: cellText(at("notes")),
  };
}

export interface ActivityCheck {
  readonly fieldErrors: Partial<Record<ActivityField, string>>;
  /** Warnings of the core: the row still counts. */
  readonly warnings: readonly string[];
  readonly cells: CellValue[];
}

/**
 * Checks the form's values as the row they would make; `text` words each finding (in the pane's
 * language; by default the core's English message).
 */
export function checkActivity(
  values: ActivityValues,
  context: ActivityContext,
  text: (finding: Finding) => string = (finding) => finding.message,
): ActivityCheck {
  const parsed = activityValuesSchema.parse(values);
  const cells = activityCells(parsed, context.dateSystem, context.decimalMark);
  const duplicates = new DuplicateIndex();
  const options = { asOf: context.asOf, dateSystem: context.dateSystem };
  for (const row of context.existingRows) {
    if (row.row !== context.editingRow && !isEmptyRow(row.cells)) validateRow(row.cells, row.row, options, duplicates);
  }
  const lastRow = context.existingRows.reduce((last, row) => Math.max(last, row.row), 1);
  const result = validateRow(cells, context.editingRow ?? lastRow + 1, options, duplicates);
  const fieldErrors: Partial<Record<ActivityField, string>> = {};
  for (const error of result.errors) {
    const field = (error.field ?? "date") as ActivityField;
    // One message per field, the first the core gives.
    fieldErrors[field] ??= text(error);
  }
  return { fieldErrors, warnings: result.errors.length === 0 ? result.warnings.map(text) : [], cells };
}

/** What the Quantity field asks for, in the activity's unit (docs/rules.md §1: whole sessions and recordings). */
export function quantityHint(activity: Activity | undefined, t: Translate): string {
  if (activity === undefined) return t("editor.quantityAny");
  const unit = UNIT_LABELS[activity.unit];
  if (unit.whole) return t("editor.quantityWhole", { unit: activity.unit, hours: activity.hoursPerUnit });
  if (activity.unit === "days") return t("editor.quantityDays", { hours: activity.hoursPerUnit });
  return activity.capHours === null
    ? t("editor.quantityHours")
    : t("editor.quantityCapped", { cap: activity.capHours, kind: activity.code === "beyond-the-dura" ? "conference" : "class" });
}

/** An activity's name in the pane's language; its canonical label is what the log holds. */
export function activityName(t: Translate, activity: Activity): string {
  const id = `activity.${activity.code}`;
  return id in ENGLISH ? t(id as MessageId) : activity.label;
}

/** What the Credential field says, for the activity: why it matters, or that it does not here. */
export function credentialHint(activity: Activity | undefined, t: Translate): string {
  if (activity?.credentials == null) return t("editor.credentialOptional");
  if (activity.credentials.includes("Mentor")) return t("editor.credentialMentor");
  return t("editor.credentialTreatment", { credentials: t.or(activity.credentials) });
}

/** The credential a new row of this activity most likely has, to propose: Mentor for 1x1 mentorship. */
export function proposedCredential(activity: Activity | undefined): string | null {
  return activity?.credentials?.length === 1 ? (activity.credentials[0] ?? null) : null;
}
