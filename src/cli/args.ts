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
import { type MessageId, type MessageValues, type Translator, ENGLISH_TRANSLATOR, isMessageId } from "../i18n";

/** A mistake in the arguments: its message in English, and `say` for the user's language. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly say: (tr: Translator) => string;
  constructor(say: (tr: Translator) => string) {
    super(say(ENGLISH_TRANSLATOR));
    this.say = say;
  }
}

/** A `UsageError` worded by a message of the catalogs. */
export function usageError(id: MessageId, values?: MessageValues): UsageError {
  return new UsageError((tr) => tr.t(id, values));
}

/** A profile field's label in the user's language (a field without a message: its own label). */
function fieldLabel(field: ProfileFieldDefinition, tr: Translator): string {
  const id = `profileField.${field.key}`;
  return isMessageId(id) ? tr.t(id) : field.label;
}

export const PROGRAM = "cst-mentorship";

/** The usage text, with the profile options of the form, in the translator's language. */
export function usage(form: FormDefinition = FORM, tr: Translator = ENGLISH_TRANSLATOR): string {
  const profileOptions = form.profile
    .map((field) => {
      const spelling = `  ${field.flag} ${flagPlaceholder(field)}`;
      return `${spelling.padEnd(23)}${tr.t("cli.usage.profileOption", { label: fieldLabel(field, tr) })}`;
    })
    .join("\n");
  const profile = tr.t("cli.usage.profileOptions");
  return `${tr.t("cli.usage.heading")}
  ${PROGRAM} verify FILE... [--json] [--lang TAG] [--as-of YYYY-MM-DD] [--record RECORD.csv|.xlsx] [${profile}]
  ${PROGRAM} export FILE OUT.xlsx|OUT.pdf [--pdf OUT.pdf] [--as-of YYYY-MM-DD] [${profile}]
  ${PROGRAM} template OUT.xlsx
  ${PROGRAM} --help

${tr.t("cli.usage.commands")}

${tr.t("cli.usage.options")}

${tr.t("cli.usage.profileHeading")}
${profileOptions}

${tr.t("cli.usage.exitStatus")}`;
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
    date: () => z.string().refine((text) => parseIsoDate(text) !== null, { message: "cli.error.date" }),
    wholeNumber: () =>
      z
        .string()
        .regex(/^\d+$/, { message: "cli.error.wholeNumber" })
        .transform(Number)
        .pipe(z.number().max(MAX_CREDITS_AWARDED, { message: "cli.error.wholeNumber" })),
    number: () =>
      z
        .string()
        .regex(/^\d+(\.\d+)?$/, { message: "cli.error.number" })
        .transform(Number),
    choice: () => (field.choices === null ? z.string() : z.enum(field.choices as [string, ...string[]], { message: "cli.error.choice" })),
    text: () => z.string(),
  };
  return kinds[field.kind]();
}

/** The command's own options (not profile fields): what they expect, for "needs a value" messages. */
const COMMAND_FLAGS = {
  "--json": { key: "json", value: null },
  "--as-of": { key: "asOf", value: "cli.flagValue.date" },
  "--record": { key: "record", value: "cli.flagValue.record" },
  "--pdf": { key: "pdf", value: "cli.flagValue.pdf" },
  "--lang": { key: "lang", value: "cli.flagValue.lang" },
} as const satisfies Record<string, { key: string; value: MessageId | null }>;

/** What a profile option expects, in the user's language: by its kind, else the form's own words. */
function profileFlagValue(field: ProfileFieldDefinition, tr: Translator): string {
  const id = `cli.flagValue.${field.key}`;
  if (isMessageId(id)) return tr.t(id);
  if (field.kind === "date") return tr.t("cli.flagValue.date");
  if (field.kind === "wholeNumber") return tr.t("cli.flagValue.wholeNumber");
  if (field.kind === "choice" && field.choices !== null) return tr.or(field.choices);
  return field.flagValue;
}

/** Whether a language tag is well-formed BCP 47 (https://tc39.es/ecma402/#sec-canonicalizelocalelist). */
export function isLanguageTag(text: string): boolean {
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
      .refine((text) => parseIsoDate(text) !== null, { message: "cli.error.date" })
      .optional(),
    record: z
      .string()
      .regex(/\.(csv|xlsx)$/i, { message: "cli.error.record" })
      .optional(),
    pdf: z
      .string()
      .regex(/\.pdf$/i, { message: "cli.error.pdf" })
      .optional(),
    lang: z.string().refine(isLanguageTag, { message: "cli.error.lang" }).optional(),
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
    const spec:
      | { readonly key: string; readonly value: MessageId | null }
      | { readonly key: string; readonly value: (tr: Translator) => string }
      | undefined =
      field === undefined
        ? COMMAND_FLAGS[name as keyof typeof COMMAND_FLAGS]
        : { key: field.key, value: (tr) => profileFlagValue(field, tr) };
    if (spec === undefined) throw usageError("cli.error.unknownOption", { name });
    const store: Record<string, string | boolean> = field === undefined ? raw : profile;
    if (spec.key in store) throw usageError("cli.error.givenTwice", { name });
    if (spec.value === null) {
      if (equals !== -1) throw usageError("cli.error.takesNoValue", { name });
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
    if (value === undefined || value === "") {
      const expected = spec.value;
      throw new UsageError((tr) =>
        tr.t("cli.error.needsValue", { name, value: typeof expected === "function" ? expected(tr) : tr.t(expected) }),
      );
    }
    store[spec.key] = value;
  }
  return { positionals, raw, profile, help };
}

/** A message id a schema names, or the fallback. */
function messageIdOr(message: string | undefined, fallback: MessageId): MessageId {
  return message !== undefined && isMessageId(message) ? message : fallback;
}

/** The `UsageError` of a command option's schema. */
function optionError(message: string | undefined): UsageError {
  const id = messageIdOr(message, "cli.error.invalidOptions");
  // The one dated option: its message names it.
  return usageError(id, id === "cli.error.date" ? { flag: "--as-of" } : {});
}

function parseFlags(raw: Record<string, string | boolean>): Flags {
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw optionError(parsed.error.issues[0]?.message);
  return parsed.data;
}

/** The profile values the options replace, each checked by its field's kind. */
function parseOverrides(profile: Record<string, string>, form: FormDefinition): ProfileOverrides {
  const overrides: Record<string, string | number> = {};
  for (const field of form.profile) {
    const value = profile[field.key];
    if (value === undefined) continue;
    const parsed = profileFlagSchema(field).safeParse(value);
    if (!parsed.success) {
      const choices = field.choices ?? [];
      throw new UsageError((tr) =>
        tr.t(messageIdOr(parsed.error.issues[0]?.message, "cli.error.notValid"), {
          flag: field.flag,
          max: String(MAX_CREDITS_AWARDED),
          choices: tr.or(choices),
        }),
      );
    }
    overrides[field.key] = parsed.data;
  }
  return overrides;
}

/** The command a person asked for, or a `UsageError` saying what is wrong. */
export function parseArguments(argv: readonly string[], form: FormDefinition = FORM): Command {
  const { positionals, raw, profile, help } = tokenize(argv, form);
  if (help) return { command: "help" };
  const [name, ...operands] = positionals;
  if (name === undefined) throw usageError("cli.error.noCommand");
  const command = commandSchema.safeParse(name);
  if (!command.success) throw usageError("cli.error.unknownCommand", { name: JSON.stringify(name) });
  switch (command.data) {
    case "verify": {
      if (operands.length === 0) throw usageError("cli.error.verifyNeedsFile");
      const flags = parseFlags(raw);
      if (flags.pdf !== undefined) throw usageError("cli.error.pdfWithVerify");
      return { command: "verify", files: operands, flags, overrides: parseOverrides(profile, form) };
    }
    case "export": {
      const [file, output, ...extra] = operands;
      if (file === undefined || output === undefined) throw usageError("cli.error.exportNeedsFiles");
      if (extra.length > 0) throw usageError("cli.error.exportExtra", { argument: JSON.stringify(extra[0]) });
      const flags = parseFlags(raw);
      if (flags.record !== undefined) throw usageError("cli.error.recordWithExport");
      if (/\.pdf$/i.test(output)) {
        if (flags.pdf !== undefined) throw usageError("cli.error.pdfTwice");
        return { command: "export", file, output: null, flags: { ...flags, pdf: output }, overrides: parseOverrides(profile, form) };
      }
      if (!/\.xlsx$/i.test(output)) throw usageError("cli.error.exportOutput", { file: JSON.stringify(output) });
      return { command: "export", file, output, flags, overrides: parseOverrides(profile, form) };
    }
    case "template": {
      const [output, ...extra] = operands;
      if (output === undefined) throw usageError("cli.error.templateNeedsOutput");
      if (extra.length > 0) throw usageError("cli.error.templateExtra", { argument: JSON.stringify(extra[0]) });
      if (Object.keys(raw).length > 0 || Object.keys(profile).length > 0) throw usageError("cli.error.templateNoOptions");
      if (!/\.xlsx$/i.test(output)) throw usageError("cli.error.templateOutput", { file: JSON.stringify(output) });
      return { command: "template", output };
    }
  }
}
