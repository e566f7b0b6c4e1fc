/**
 * The command line's arguments (docs/rules.md §7), parsed once by zod schemas. The
 * options that set a profile field come from the form definition (each
 * field's `flag`, checked by its kind), so a new field gets its option
 * without touching this file. Any mistake is a `UsageError` with one line
 * for the person who typed it.
 */
import { z } from "zod";
import {
  type FieldKind,
  type FormDefinition,
  type ProfileFieldDefinition,
  type ProfileOverrides,
  FORM,
  MAX_CREDITS_AWARDED,
  parseIsoDate,
} from "../core";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const PROGRAM = "cst-mentorship";

/** The usage text, with the profile options of the form. */
export function usage(form: FormDefinition = FORM): string {
  const profileOptions = form.profile
    .map((field) => {
      const spelling = `  ${field.flag} ${flagPlaceholder(field)}`;
      return `${spelling.padEnd(23)}${field.label}, instead of the Profile sheet's.`;
    })
    .join("\n");
  return `Usage:
  ${PROGRAM} verify FILE... [--json] [--lang TAG] [--as-of YYYY-MM-DD] [--record RECORD.csv|.xlsx] [profile options]
  ${PROGRAM} export FILE OUT.xlsx|OUT.pdf [--pdf OUT.pdf] [--as-of YYYY-MM-DD] [profile options]
  ${PROGRAM} template OUT.xlsx
  ${PROGRAM} --help

verify    Checks tracking forms (.xlsx) or CSV logs (.csv), or every such file
          in a folder: whose it is, findings per row, credits and the hours
          each took, the next credit's shortfall, the fingerprint, and for an
          exported submission whether it was edited after export and where.
export    Writes a submission workbook (Submission cover page, Profile,
          Tracking Form) when the log and the profile have no error; else
          lists the errors and writes nothing. OUT.pdf (or --pdf) writes the
          same document as PDF through LibreOffice.
template  Writes the blank tracking form.

Options:
  --json               One JSON object per file (an array for several files).
  --as-of YYYY-MM-DD   The day to check against (default: today; a submission's
                       own as-of date when verifying one).
  --record FILE        Appends one row per verified file to a record (.csv or
                       .xlsx), never twice for the same fingerprint.
  --pdf OUT.pdf        With export: also write the submission as PDF.
  --lang TAG           The language of the human-readable output (de, es, fr,
                       ja, pt-BR, ...; default: LC_ALL, LC_MESSAGES or LANG,
                       else English). --json never changes.

Profile options (a CSV log has no Profile sheet; an export needs the name):
${profileOptions}

Exit status: 0 no errors, 1 some row or profile error, or a submission edited
after export or whose summary differs, 2 a file cannot be read or the
arguments are wrong.`;
}

function flagPlaceholder(field: ProfileFieldDefinition): string {
  switch (field.kind) {
    case "date":
      return "YYYY-MM-DD";
    case "wholeNumber":
      return "N";
    case "choice":
      return (field.choices ?? []).join("|");
    default:
      return field.key.toUpperCase();
  }
}

/** The schema of a profile option's value, by its field's kind. */
function profileFlagSchema(field: ProfileFieldDefinition): z.ZodType<string | number> {
  const kinds: Record<FieldKind, () => z.ZodType<string | number>> = {
    date: () =>
      z
        .string()
        .refine((text) => parseIsoDate(text) !== null, { message: `${field.flag} needs a real date as YYYY-MM-DD, such as 2024-03-15` }),
    wholeNumber: () =>
      z
        .string()
        .regex(/^\d+$/, { message: `${field.flag} must be a whole number from 0 to ${MAX_CREDITS_AWARDED}` })
        .transform(Number)
        .pipe(z.number().max(MAX_CREDITS_AWARDED, { message: `${field.flag} must be a whole number from 0 to ${MAX_CREDITS_AWARDED}` })),
    number: () =>
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, { message: `${field.flag} must be a number` })
        .transform(Number),
    choice: () =>
      field.choices === null
        ? z.string()
        : z.enum(field.choices as [string, ...string[]], { message: `${field.flag} must be ${(field.choices ?? []).join(" or ")}` }),
    text: () => z.string(),
  };
  return kinds[field.kind]();
}

/** The command's own options (not profile fields): what they expect, for "needs a value" messages. */
const COMMAND_FLAGS = {
  "--json": { key: "json", value: null },
  "--as-of": { key: "asOf", value: "a date YYYY-MM-DD" },
  "--record": { key: "record", value: "a record file (.csv or .xlsx)" },
  "--pdf": { key: "pdf", value: "a PDF file name" },
  "--lang": { key: "lang", value: "a language tag such as de, es, ja or pt-BR" },
} as const;

/** Whether a language tag is well-formed BCP 47 (https://tc39.es/ecma402/#sec-canonicalizelocalelist). */
function isLanguageTag(text: string): boolean {
  try {
    return Intl.getCanonicalLocales(text).length === 1;
  } catch {
    return false;
  }
}

const flagsSchema = z
  .object({
    json: z.boolean().default(false),
    asOf: z
      .string()
      .refine((text) => parseIsoDate(text) !== null, { message: "--as-of needs a real date as YYYY-MM-DD, such as 2024-03-15" })
      .optional(),
    record: z
      .string()
      .regex(/\.(csv|xlsx)$/i, { message: "--record needs a .csv or .xlsx file name" })
      .optional(),
    pdf: z
      .string()
      .regex(/\.pdf$/i, { message: "--pdf needs a .pdf file name" })
      .optional(),
    lang: z.string().refine(isLanguageTag, { message: "--lang needs a language tag such as de, es, ja or pt-BR" }).optional(),
  })
  .strict();

export type Flags = z.infer<typeof flagsSchema>;

export type Command =
  | { readonly command: "help" }
  | { readonly command: "verify"; readonly files: readonly string[]; readonly flags: Flags; readonly overrides: ProfileOverrides }
  | {
      readonly command: "export";
      readonly file: string;
      /** The .xlsx to write, or null when only a PDF is asked for. */
      readonly output: string | null;
      readonly flags: Flags;
      readonly overrides: ProfileOverrides;
    }
  | { readonly command: "template"; readonly output: string };

const commandSchema = z.enum(["verify", "export", "template"]);

interface Tokens {
  readonly positionals: string[];
  /** Command options by key, and profile options by field key, as typed. */
  readonly raw: Record<string, string | boolean>;
  readonly profile: Record<string, string>;
  readonly help: boolean;
}

/** Splits the arguments into positionals and raw option values; `--name=value` and `--name value` both work. */
function tokenize(argv: readonly string[], form: FormDefinition): Tokens {
  const positionals: string[] = [];
  const raw: Record<string, string | boolean> = {};
  const profile: Record<string, string> = {};
  const profileFlags = new Map(form.profile.map((field) => [field.flag, field]));
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf("=");
    const name = equals === -1 ? arg : arg.slice(0, equals);
    const field = profileFlags.get(name);
    const spec = field === undefined ? COMMAND_FLAGS[name as keyof typeof COMMAND_FLAGS] : { key: field.key, value: field.flagValue };
    if (spec === undefined) throw new UsageError(`unknown option ${name}`);
    const store: Record<string, string | boolean> = field === undefined ? raw : profile;
    if (spec.key in store) throw new UsageError(`${name} is given twice: give it once`);
    if (spec.value === null) {
      if (equals !== -1) throw new UsageError(`${name} takes no value`);
      store[spec.key] = true;
      continue;
    }
    let value: string | undefined;
    if (equals !== -1) value = arg.slice(equals + 1);
    else {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith("--")) {
        value = next;
        i++;
      }
    }
    if (value === undefined || value === "") throw new UsageError(`${name} needs a value: ${spec.value}`);
    store[spec.key] = value;
  }
  return { positionals, raw, profile, help };
}

function parseFlags(raw: Record<string, string | boolean>): Flags {
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid options");
  return parsed.data;
}

/** The profile values the options replace, each checked by its field's kind. */
function parseOverrides(profile: Record<string, string>, form: FormDefinition): ProfileOverrides {
  const overrides: Record<string, string | number> = {};
  for (const field of form.profile) {
    const value = profile[field.key];
    if (value === undefined) continue;
    const parsed = profileFlagSchema(field).safeParse(value);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? `${field.flag} is not valid`);
    overrides[field.key] = parsed.data;
  }
  return overrides;
}

/** The command a person asked for, or a `UsageError` saying what is wrong. */
export function parseArguments(argv: readonly string[], form: FormDefinition = FORM): Command {
  const { positionals, raw, profile, help } = tokenize(argv, form);
  if (help) return { command: "help" };
  const [name, ...operands] = positionals;
  if (name === undefined) throw new UsageError("no command given: use verify, export or template");
  const command = commandSchema.safeParse(name);
  if (!command.success) throw new UsageError(`unknown command ${JSON.stringify(name)}: use verify, export or template`);
  switch (command.data) {
    case "verify": {
      if (operands.length === 0) throw new UsageError("verify needs at least one FILE (.csv or .xlsx) or folder");
      const flags = parseFlags(raw);
      if (flags.pdf !== undefined) throw new UsageError("--pdf goes with export, not verify");
      return { command: "verify", files: operands, flags, overrides: parseOverrides(profile, form) };
    }
    case "export": {
      const [file, output, ...extra] = operands;
      if (file === undefined || output === undefined) throw new UsageError("export needs FILE and OUT.xlsx (or OUT.pdf)");
      if (extra.length > 0) throw new UsageError(`export takes one FILE and one OUT.xlsx; unexpected ${JSON.stringify(extra[0])}`);
      const flags = parseFlags(raw);
      if (flags.record !== undefined) throw new UsageError("--record goes with verify, not export");
      if (/\.pdf$/i.test(output)) {
        if (flags.pdf !== undefined) throw new UsageError("the PDF is given twice: give OUT.pdf or --pdf, not both");
        return { command: "export", file, output: null, flags: { ...flags, pdf: output }, overrides: parseOverrides(profile, form) };
      }
      if (!/\.xlsx$/i.test(output))
        throw new UsageError(`the export's output ${JSON.stringify(output)} must be an .xlsx or .pdf file name`);
      return { command: "export", file, output, flags, overrides: parseOverrides(profile, form) };
    }
    case "template": {
      const [output, ...extra] = operands;
      if (output === undefined) throw new UsageError("template needs OUT.xlsx");
      if (extra.length > 0) throw new UsageError(`template takes one OUT.xlsx; unexpected ${JSON.stringify(extra[0])}`);
      if (Object.keys(raw).length > 0 || Object.keys(profile).length > 0) throw new UsageError("template takes no options");
      if (!/\.xlsx$/i.test(output)) throw new UsageError(`the template's output ${JSON.stringify(output)} must be an .xlsx file name`);
      return { command: "template", output };
    }
  }
}
