/**
 * The parts of a SpreadsheetML package (ECMA-376) the tracking form needs,
 * each read by its own small SAX handler: relationships, the workbook part
 * (sheets and date system), shared strings, the number formats of the
 * styles (to tell a date cell from a number), and table parts. Worksheets
 * are read in sheet.ts.
 *
 * Element names are matched without their prefix and relationship types by
 * their last segment, so transitional and strict files read alike.
 */
import { LIMITS } from "./limits";
import { UnreadableFileError } from "./errors";
import { type Attributes, type XmlHandler, detached, prefixedAttribute } from "./xml";

export interface Relationship {
  readonly type: string;
  /** The target part's name from the package root, or null for an external target. */
  readonly target: string | null;
}

/** The part name of `target` as seen from the part `source` (absolute targets start at the package root). */
export function resolveTarget(source: string, target: string): string {
  const cleaned = target.replace(/\\/g, "/");
  const base = cleaned.startsWith("/") ? [] : source.split("/").slice(0, -1);
  const parts = [...base];
  for (const segment of cleaned.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") parts.pop();
    else parts.push(segment);
  }
  return parts.join("/");
}

/** The last segment of a relationship type URI: `…/relationships/worksheet` → `worksheet`. */
const typeName = (type: string): string => type.slice(type.lastIndexOf("/") + 1).toLowerCase();

/** Reads a relationships part into `into` (by Id), targets resolved from `source`. */
export function relationshipsHandler(source: string, into: Map<string, Relationship>): XmlHandler {
  return {
    open(name, attributes) {
      if (name !== "Relationship") return;
      const id = attributes.Id;
      const target = attributes.Target;
      if (id === undefined || target === undefined || into.has(id)) return;
      const external = attributes.TargetMode?.toLowerCase() === "external";
      let resolved: string | null = null;
      if (!external) {
        try {
          resolved = resolveTarget(source, decodeURIComponent(target));
        } catch {
          resolved = resolveTarget(source, target);
        }
      }
      into.set(id, { type: typeName(attributes.Type ?? ""), target: resolved });
    },
    close() {},
    text() {},
  };
}

export interface SheetEntry {
  readonly name: string;
  /** Relationship id of the sheet in the workbook part. */
  readonly relationshipId: string;
}

export interface WorkbookPart {
  readonly sheets: SheetEntry[];
  date1904: boolean;
}

const isTrue = (value: string | undefined): boolean => value === "1" || value?.toLowerCase() === "true";

export function workbookHandler(into: WorkbookPart): XmlHandler {
  return {
    open(name, attributes) {
      if (name === "workbookPr") into.date1904 = isTrue(attributes.date1904);
      else if (name === "sheet") {
        const relationshipId = prefixedAttribute(attributes, "id");
        if (relationshipId !== undefined) into.sheets.push({ name: attributes.name ?? "", relationshipId });
      }
    },
    close() {},
    text() {},
  };
}

/** Text written with the format's `_xHHHH_` escapes (control characters, and `_x005F_` for a literal underscore) as it reads. */
export function decodeEscapes(text: string): string {
  if (!text.includes("_x")) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Shared strings: each `<si>` is one string, its text the `<t>` elements
 * directly in it or in its rich-text runs (`<r>`), but not in its phonetic
 * runs (`<rPh>`, the reading aid for East Asian text).
 */
export function sharedStringsHandler(into: string[]): XmlHandler {
  let inItem = false;
  let inText = false;
  let phonetic = 0;
  let text = "";
  return {
    open(name) {
      if (name === "si") {
        inItem = true;
        text = "";
      } else if (name === "rPh") phonetic++;
      else if (name === "t" && inItem && phonetic === 0) inText = true;
    },
    close(name) {
      if (name === "t") inText = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        inItem = false;
        if (into.length >= LIMITS.maxSharedStrings) {
          throw new UnreadableFileError(
            `it holds more than ${LIMITS.maxSharedStrings.toLocaleString("en")} distinct texts: it is not read`,
            "unreadable.tooManyTexts",
            { count: LIMITS.maxSharedStrings },
          );
        }
        into.push(detached(decodeEscapes(text)));
      }
    },
    text(chunk) {
      if (inText) text += chunk;
    },
  };
}

/** Built-in number formats that show a date (ECMA-376 18.8.30, with the East Asian ones). */
const BUILT_IN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

/**
 * Whether a format code shows a date or a time: it has a d, m, y, h or s
 * outside quoted text, escapes, fill and padding characters and bracketed
 * colours or locales (`[$-409]`), elapsed-time brackets (`[h]`) counting.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, "");
  if (/^general$/i.test(bare.trim())) return false;
  return /[dmyhs]/i.test(bare);
}

/** Which cell styles (`s` indexes into `cellXfs`) show a date. */
export function stylesHandler(into: boolean[]): XmlHandler {
  const customDates = new Map<number, boolean>();
  const stack: string[] = [];
  return {
    open(name, attributes: Attributes) {
      const parent = stack[stack.length - 1];
      stack.push(name);
      if (name === "numFmt" && parent === "numFmts") {
        const id = Number(attributes.numFmtId);
        if (Number.isInteger(id)) customDates.set(id, isDateFormatCode(attributes.formatCode ?? ""));
      } else if (name === "xf" && parent === "cellXfs") {
        const id = Number(attributes.numFmtId ?? 0);
        into.push(customDates.get(id) ?? BUILT_IN_DATE_FORMATS.has(id));
      }
    },
    close() {
      stack.pop();
    },
    text() {},
  };
}

export interface TablePart {
  readonly names: string[];
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  readonly columns: string[];
}

export function tableHandler(into: TablePart): XmlHandler {
  return {
    open(name, attributes) {
      if (name === "table") {
        // Excel names a table by displayName; some writers fill only name. Either may carry the log's name.
        for (const key of ["displayName", "name"]) if (attributes[key] !== undefined) into.names.push(attributes[key] as string);
        into.ref = attributes.ref ?? "";
        into.headerRowCount = attributes.headerRowCount === undefined ? 1 : Number(attributes.headerRowCount) || 0;
        into.totalsRowCount = attributes.totalsRowCount === undefined ? 0 : Number(attributes.totalsRowCount) || 0;
      } else if (name === "tableColumn") into.columns.push(decodeEscapes(attributes.name ?? ""));
    },
    close() {},
    text() {},
  };
}
