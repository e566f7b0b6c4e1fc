/**
 * The format rule (docs/rules.md §2.2): In person or Virtual, and Virtual only where the
 * activity's category counts it.
 */
import { type Activity, type Format, FORMAT_LABELS } from "../catalog";
import { type CellValue, describeCell } from "../cells";
import { type Finding, finding } from "../findings";

const FORMAT_CACHE = new Map<string, Format | null>();

/** A format: "In person", "In-person", "in_person", "Virtual", any case. */
export function readFormat(text: string): Format | null {
  let format = FORMAT_CACHE.get(text);
  if (format === undefined) {
    const key = text.toLowerCase().replace(/[\s_-]+/g, "");
    format = key === "inperson" ? "in-person" : key === "virtual" ? "virtual" : null;
    if (FORMAT_CACHE.size < 1000) FORMAT_CACHE.set(text, format);
  }
  return format;
}

/** The error of a row whose Format is empty or not a format (`formatText`: the cell's text). */
export function missingFormatError(formatText: string, cell: CellValue): Finding<"missing-format"> {
  return finding(
    "missing-format",
    "format",
    formatText === ""
      ? "Format is empty: choose In person or Virtual."
      : `Format ${describeCell(cell)} is neither In person nor Virtual: choose one of them.`,
    formatText === "" ? "finding.format.empty" : "finding.format.unknown",
    { cell: describeCell(cell) },
  );
}

/** Whether the activity's category does not count the format. */
export function formatNotCounted(format: Format, activity: Activity): boolean {
  return !activity.formats.includes(format);
}

/** The error of a format the activity's category does not count (`formatNotCounted`). */
export function formatNotCountedError(activity: Activity): Finding<"virtual-not-allowed"> {
  return finding(
    "virtual-not-allowed",
    "format",
    `Category ${activity.category} (${activity.label}) counts in person only: change Format to ${FORMAT_LABELS[activity.formats[0] ?? "in-person"]} or remove the row.`,
    "finding.format.inPersonOnly",
    { category: activity.category, activity: activity.code, format: activity.formats[0] ?? "in-person" },
  );
}
