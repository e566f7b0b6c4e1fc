/**
 * The canonical form of a log and its fingerprint (docs/rules.md §6).
 *
 * Canonical form, version 2: the UTF-8 bytes of
 *
 *   JSON.stringify({
 *     form: "cst-mentorship-log/2",
 *     ruleSet: "<rule set id>",
 *     profile: [name, email, cstT, cstD, awardedBefore, awardedFromLog],
 *     rows: [[date, activity, format, provider, credential, quantity, notes], …]
 *   })
 *
 * Version 1 (exports before credits awarded from a log were recorded) is the
 * same without `awardedFromLog`, with `form: "cst-mentorship-log/1"`: a
 * submission stores the version it was exported under, and is verified
 * under it (a profile field enters the form from its `canonicalSince`).
 *
 * where every cell is a string:
 * - date cells (row Date, both certification dates): the calendar date as
 *   `YYYY-MM-DD` when the cell reads as one (an Excel serial in the workbook's
 *   date system, a decoded date, or ISO text), else the cell's text;
 * - number cells (Quantity, both counts of credits awarded): the shortest decimal
 *   form of the number (`String(Number(x))`) when the cell is a number or
 *   numeric text, else the cell's text;
 * - every other cell: its text exactly as entered (no trimming, no case
 *   folding), numbers and booleans as `String(value)`, blanks as "", an
 *   Excel error as its code (`#N/A`), a formula without a result as "".
 * The kind of each cell is its field's kind in the form definition
 * (form.ts), and the profile's fields are all but the rule set, in the
 * form's order; the rule set is recorded as the one computed with.
 * Rows are the non-empty data rows in order; row numbers are left out, so
 * blank rows do not matter but moving a row does.
 *
 * So a log gives one fingerprint whether it is a CSV file, a workbook from
 * any tool, or the cells of the open workbook. The fingerprint is the
 * SHA-256 of the canonical form in lowercase hex. It detects a change to any
 * profile or log cell after export; it is not a signature: anyone who edits a
 * submission can recompute it, so it proves no author and no date.
 */
import { type CellValue, DECIMAL_TEXT, cellText, isBlankCell } from "./cells";
import type { DateSystem } from "./dates";
import { type FieldKind, type FormDefinition, type ProfileFieldDefinition, FORM } from "./form";
import { type ProfileCells, type ProfileOverrides, applyProfileOverrides } from "./profile";
import { type LogRow, isEmptyRow } from "./rows";
import { readDateCell } from "./rules/date";
import type { RuleSetId } from "./rulesets";

/** The canonical form's version an export writes now. */
export const CANONICAL_VERSION = 2;

/** The canonical form's name for a version: "cst-mentorship-log/2". */
export function canonicalFormName(version: number): string {
  return `cst-mentorship-log/${version}`;
}

export const CANONICAL_FORM = canonicalFormName(CANONICAL_VERSION);

/** The version a stored canonical form's name gives (1 … CANONICAL_VERSION); null for any other text. */
export function canonicalVersionOf(name: string): number | null {
  const match = /^cst-mentorship-log\/(\d+)$/.exec(name.trim());
  const version = match === null ? NaN : Number(match[1]);
  return Number.isInteger(version) && version >= 1 && version <= CANONICAL_VERSION ? version : null;
}

function canonicalText(value: CellValue): string {
  if (typeof value === "string") return value;
  return cellText(value);
}

function canonicalDate(value: CellValue, system: DateSystem): string {
  if (isBlankCell(value)) return "";
  const reading = readDateCell(value, system);
  return reading.ok ? reading.date : canonicalText(value);
}

function canonicalNumber(value: CellValue): string {
  if (typeof value === "number") return String(value === 0 ? 0 : value);
  if (typeof value === "string" && DECIMAL_TEXT.test(value)) return String(Number(value) === 0 ? 0 : Number(value));
  return canonicalText(value);
}

/** One cell's canonical text, by the kind of its field. */
export function canonicalCell(value: CellValue, kind: FieldKind, system: DateSystem): string {
  switch (kind) {
    case "date":
      return canonicalDate(value, system);
    case "number":
    case "wholeNumber":
      return canonicalNumber(value);
    case "text":
    case "choice":
      return canonicalText(value);
  }
}

export interface CanonicalInput {
  readonly rows: readonly LogRow[];
  readonly profileCells: ProfileCells;
  readonly overrides?: ProfileOverrides;
  readonly dateSystem: DateSystem;
  readonly ruleSet: RuleSetId;
  /** The canonical form's version (CANONICAL_VERSION unless given: a submission is verified under its own). */
  readonly version?: number;
}

/** The profile fields a version of the canonical form holds, in the form's order: all but the rule set, from their version on. */
export function canonicalProfileFields(form: FormDefinition = FORM, version: number = CANONICAL_VERSION): ProfileFieldDefinition[] {
  return form.profile.filter((field) => field.key !== form.ruleSetField && (field.canonicalSince ?? 1) <= version);
}

/** The canonical texts of the profile fields (the rule set aside: it is recorded as the rule set used). */
export function canonicalProfile(input: CanonicalInput, form: FormDefinition = FORM): string[] {
  const cells = applyProfileOverrides(input.profileCells, input.overrides, form);
  return canonicalProfileFields(form, input.version).map((field) =>
    canonicalCell(cells[form.profile.indexOf(field)], field.kind, input.dateSystem),
  );
}

const LOG_KINDS: readonly FieldKind[] = FORM.log.map((column) => column.kind);

/** The canonical texts of one log row's input cells. */
export function canonicalRow(cells: readonly CellValue[], system: DateSystem, form: FormDefinition = FORM): string[] {
  // A plain loop over the kinds of the form's columns: this runs for every row of a fingerprinted log.
  const kinds = form === FORM ? LOG_KINDS : form.log.map((column) => column.kind);
  const texts = new Array<string>(kinds.length);
  for (let index = 0; index < kinds.length; index++) texts[index] = canonicalCell(cells[index], kinds[index] as FieldKind, system);
  return texts;
}

/**
 * Rows per piece of the canonical form: a piece is some tens of kilobytes, gone once it is hashed. Rows
 * held for a piece outlive V8's young-generation collections that fall while they wait: 256 rows rather
 * than 2,048 made verify of a 100,000-row CSV about 6% faster.
 */
export const CANONICAL_ROWS_PER_PIECE = 256;

/**
 * Writes the canonical form piece by piece as a log's rows come: its opening
 * (form, rule set, profile) at once, the rows a few thousand at a time, and
 * its close on `finish`. So a long log's canonical form never stands whole
 * as one string beside the log, and a check of the log can feed its rows to
 * the fingerprint in the same pass (`reportLog`).
 */
export class CanonicalWriter {
  private first = true;
  private rows: string[][] = [];
  private readonly system: DateSystem;

  constructor(
    meta: Omit<CanonicalInput, "rows">,
    private readonly sink: (piece: string) => void,
    private readonly form: FormDefinition = FORM,
  ) {
    this.system = meta.dateSystem;
    const opening = JSON.stringify({
      form: canonicalFormName(meta.version ?? CANONICAL_VERSION),
      ruleSet: meta.ruleSet,
      profile: canonicalProfile({ ...meta, rows: [] }, form),
      rows: [],
    });
    // `{…,"rows":[]}` without its last two characters is the opening; each piece of rows then follows it.
    sink(opening.slice(0, -2));
  }

  /** Adds a log row's cells; an empty row is left out, as the canonical form leaves it out. */
  addRow(cells: readonly CellValue[]): void {
    if (!isEmptyRow(cells)) this.addNonEmptyRow(cells);
  }

  /** Adds the cells of a row known not to be empty (`isEmptyRow`). */
  addNonEmptyRow(cells: readonly CellValue[]): void {
    this.rows.push(canonicalRow(cells, this.system, this.form));
    if (this.rows.length === CANONICAL_ROWS_PER_PIECE) this.flush();
  }

  private flush(): void {
    const text = JSON.stringify(this.rows).slice(1, -1);
    this.sink(this.first ? text : `,${text}`);
    this.first = false;
    this.rows = [];
  }

  /** Writes the rows still held, and the close. */
  finish(): void {
    if (this.rows.length > 0) this.flush();
    this.sink("]}");
  }
}

/** The canonical form in pieces that join to `canonicalForm` (see `CanonicalWriter`). */
export function* canonicalPieces(input: CanonicalInput, form: FormDefinition = FORM): Generator<string> {
  const pieces: string[] = [];
  const writer = new CanonicalWriter(input, (piece) => pieces.push(piece), form);
  yield* pieces.splice(0);
  for (const row of input.rows) {
    writer.addRow(row.cells);
    if (pieces.length > 0) yield* pieces.splice(0);
  }
  writer.finish();
  yield* pieces;
}

export function canonicalForm(input: CanonicalInput, form: FormDefinition = FORM): string {
  let text = "";
  for (const piece of canonicalPieces(input, form)) text += piece;
  return text;
}

const toHex = (digest: ArrayBuffer): string => Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");

/** SHA-256 of the text's UTF-8 bytes, lowercase hex (Web Crypto: the browser and Node alike). */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/**
 * A SHA-256 computed piece by piece, as Node's `crypto.createHash` does:
 * `update` takes each piece's UTF-8 bytes, `hex` gives the digest in
 * lowercase hex. The browser's Web Crypto has none (it hashes whole buffers).
 */
export interface Sha256Stream {
  update(text: string): void;
  hex(): string;
}

/** A SHA-256 fed piece by piece: through `stream` when given, else by Web Crypto over the pieces' bytes. */
export interface Sha256Pieces {
  update(piece: string): void;
  hex(): Promise<string>;
}

/**
 * A SHA-256 of pieces of text (their UTF-8 bytes, joined). With a stream,
 * each piece is hashed as it comes. Without one, Web Crypto hashes whole
 * buffers only: each piece is encoded straight into one growing buffer of
 * bytes, and no joined string is made.
 */
export function sha256Pieces(stream?: () => Sha256Stream): Sha256Pieces {
  if (stream !== undefined) {
    const hash = stream();
    return { update: (piece) => hash.update(piece), hex: () => Promise.resolve(hash.hex()) };
  }
  const encoder = new TextEncoder();
  let bytes = new Uint8Array(1 << 16);
  let length = 0;
  return {
    update(piece) {
      // UTF-8 takes at most three bytes per UTF-16 code unit.
      const most = piece.length * 3;
      if (length + most > bytes.length) {
        let size = bytes.length * 2;
        while (size < length + most) size *= 2;
        const larger = new Uint8Array(size);
        larger.set(bytes.subarray(0, length));
        bytes = larger;
      }
      length += encoder.encodeInto(piece, bytes.subarray(length)).written;
    },
    hex: async () => toHex(await globalThis.crypto.subtle.digest("SHA-256", bytes.subarray(0, length))),
  };
}

/** SHA-256 of the UTF-8 bytes of the pieces joined, lowercase hex (see `sha256Pieces`). */
export function sha256HexOfPieces(pieces: Iterable<string>, stream?: () => Sha256Stream): Promise<string> {
  const hash = sha256Pieces(stream);
  for (const piece of pieces) hash.update(piece);
  return hash.hex();
}

/** The fingerprint of docs/rules.md §6: SHA-256 of the canonical form, through `stream` when given (see `sha256HexOfPieces`). */
export function fingerprint(input: CanonicalInput, form: FormDefinition = FORM, stream?: () => Sha256Stream): Promise<string> {
  return sha256HexOfPieces(canonicalPieces(input, form), stream);
}
