/**
 * Cells as exceljs writes them into a worksheet's XML (its `CellXform` and
 * `SharedStringsXform`), for the rows `streamed-rows.ts` writes itself: a
 * number as its text, a date as its 1900-system serial, a boolean as 0 or 1,
 * an error by its text and a text through the shared strings (ECMA-376
 * Part 1, §18.3.1.4 `c` and §18.4.9 `sst`).
 *
 * No Node APIs: the add-in and the web tracker export with this too.
 */
import type ExcelJS from "exceljs";

/** Days from Excel's 1900 day zero to 1970-01-01: exceljs writes a date as this plus its days since then. */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

// The characters exceljs's XML writer replaces, or drops (control characters XML cannot carry).
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /["&'<>\u007f\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const XML_ENTITIES: Readonly<Record<string, string>> = { '"': "&quot;", "&": "&amp;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

/** Text as exceljs's XML writer escapes it (`xmlEncode`). */
export const xmlText = (text: string): string => text.replace(XML_SPECIAL, (character) => XML_ENTITIES[character] ?? "");

/** A text's `<t>` element as exceljs's TextXform writes it: it keeps the spaces of a text that starts or ends with one or holds a line break. */
export const textElement = (text: string): string => `<t${/^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : ""}>${xmlText(text)}</t>`;

/** A value exceljs writes differently (a formula, rich text, a link): no cell the form writes holds one. */
export class UnexpectedCell extends Error {}

/** Shared strings added after the `uniqueCount` exceljs wrote, each text once. */
export class AddedStrings {
  readonly texts: string[] = [];
  private readonly indexes = new Map<string, number>();
  /** Cells that refer to an added string. */
  uses = 0;

  constructor(private readonly uniqueCount: number) {}

  indexOf(text: string): number {
    this.uses++;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.uniqueCount + this.texts.length;
      this.indexes.set(text, index);
      this.texts.push(text);
    }
    return index;
  }
}

/** The kind of a value, as it decides the cell's XML (and, for exceljs, a cell's default number format). */
export function valueKind(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) return "date";
  if (typeof value === "object") return "error" in value ? "error" : "other";
  return typeof value;
}

/** One cell as exceljs writes it; `style` is its ` s="N"` attribute or empty. */
export function cellXml(reference: string, style: string, value: ExcelJS.CellValue, strings: AddedStrings): string {
  if (value === null || value === undefined) return style === "" ? "" : `<c r="${reference}"${style}/>`;
  if (typeof value === "number") return `<c r="${reference}"${style}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${reference}"${style} t="b"><v>${value ? "1" : "0"}</v></c>`;
  if (typeof value === "string") return `<c r="${reference}"${style} t="s"><v>${strings.indexOf(value)}</v></c>`;
  if (value instanceof Date) return `<c r="${reference}"${style}><v>${UNIX_EPOCH_SERIAL + value.getTime() / MS_PER_DAY}</v></c>`;
  if (typeof value === "object" && "error" in value) return `<c r="${reference}"${style} t="e"><v>${xmlText(String(value.error))}</v></c>`;
  throw new UnexpectedCell(`a cell of ${reference} holds a value the streamed rows do not write`);
}

/** The shared strings part with the added strings after exceljs's own, and the counts that say so. */
export function withAddedStrings(shared: string, strings: AddedStrings): string {
  if (strings.texts.length === 0 && strings.uses === 0) return shared;
  const counts = /<sst [^>]*?count="(\d+)" uniqueCount="(\d+)"/.exec(shared);
  if (counts === null || !shared.endsWith("</sst>")) throw new Error("the shared strings are not as exceljs writes them");
  const head = counts[0]
    .replace(`count="${counts[1]}"`, `count="${Number(counts[1]) + strings.uses}"`)
    .replace(`uniqueCount="${counts[2]}"`, `uniqueCount="${Number(counts[2]) + strings.texts.length}"`);
  return `${shared.slice(0, -"</sst>".length).replace(counts[0], head)}${strings.texts.map((text) => `<si>${textElement(text)}</si>`).join("")}</sst>`;
}

/** The `uniqueCount` of exceljs's shared strings (0 without the part). */
export function uniqueCount(shared: string | null): number {
  if (shared === null) return 0;
  const count = /<sst [^>]*?uniqueCount="(\d+)"/.exec(shared);
  if (count === null) throw new Error("the shared strings are not as exceljs writes them");
  return Number(count[1]);
}
