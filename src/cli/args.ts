/**
 * The command line's arguments (SPEC 7), parsed once by a zod schema. Any
 * mistake is a `UsageError` with one line for the person who typed it.
 */
import { z } from "zod";
import { type ProfileOverrides, MAX_CREDITS_AWARDED, parseIsoDate } from "../core";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const PROGRAM = "cst-mentorship";

export const USAGE = `Usage:
  ${PROGRAM} verify FILE... [--json] [--as-of YYYY-MM-DD] [--rules current|2014]
                [--cst-t YYYY-MM-DD] [--cst-d YYYY-MM-DD] [--awarded N]
                [--name NAME] [--email EMAIL]
  ${PROGRAM} export FILE OUT.xlsx [the options of verify]
  ${PROGRAM} template OUT.xlsx
  ${PROGRAM} --help

verify    Checks tracking forms (.xlsx) or CSV logs (.csv), or every such file
          in a folder: findings per row, credits, hours, the next credit's
          shortfall, the fingerprint, and for an exported submission whether
          it was edited after export.
export    Writes a submission workbook (Profile, Tracking Form, Submission)
          when the log and the profile have no error; else lists the errors
          and writes nothing.
template  Writes the blank tracking form.

Options:
  --json               One JSON object per file (an array for several files).
  --as-of YYYY-MM-DD   The day to check against (default: today; a submission's
                       own as-of date when verifying one).
  --rules current|2014 Rule set, instead of the Profile sheet's.
  --cst-t YYYY-MM-DD   CST-T certification date, instead of the Profile sheet's.
  --cst-d YYYY-MM-DD   CST-D certification date, instead of the Profile sheet's.
  --awarded N          Credits already awarded, instead of the Profile sheet's.
  --name NAME          Mentee name, instead of the Profile sheet's (a CSV log
                       has no Profile sheet; an export needs the name).
  --email EMAIL        Mentee email, instead of the Profile sheet's.

Exit status: 0 no errors, 1 some row or profile error, 2 a file cannot be
read or the arguments are wrong.`;

interface FlagSpec {
  readonly key: "json" | "asOf" | "rules" | "cstT" | "cstD" | "awarded" | "name" | "email";
  readonly value: string | null;
}

/** Options by their spelling; `value` names what an option that takes one expects. */
const FLAGS: Readonly<Record<string, FlagSpec>> = {
  "--json": { key: "json", value: null },
  "--as-of": { key: "asOf", value: "a date YYYY-MM-DD" },
  "--rules": { key: "rules", value: "current or 2014" },
  "--cst-t": { key: "cstT", value: "a date YYYY-MM-DD" },
  "--cst-d": { key: "cstD", value: "a date YYYY-MM-DD" },
  "--awarded": { key: "awarded", value: "a whole number" },
  "--name": { key: "name", value: "the mentee's name" },
  "--email": { key: "email", value: "the mentee's email address" },
};

const isoDateFlag = (flag: string) =>
  z.string().refine((text) => parseIsoDate(text) !== null, { message: `${flag} needs a real date as YYYY-MM-DD, such as 2024-03-15` });

const flagsSchema = z
  .object({
    json: z.boolean().default(false),
    asOf: isoDateFlag("--as-of").optional(),
    rules: z.enum(["current", "2014"], { message: "--rules must be current or 2014" }).optional(),
    cstT: isoDateFlag("--cst-t").optional(),
    cstD: isoDateFlag("--cst-d").optional(),
    awarded: z
      .string()
      .regex(/^\d+$/, { message: `--awarded must be a whole number from 0 to ${MAX_CREDITS_AWARDED}` })
      .transform(Number)
      .pipe(z.number().max(MAX_CREDITS_AWARDED, { message: `--awarded must be a whole number from 0 to ${MAX_CREDITS_AWARDED}` }))
      .optional(),
    name: z.string().optional(),
    email: z.string().optional(),
  })
  .strict();

export type Flags = z.infer<typeof flagsSchema>;

export type Command =
  | { readonly command: "help" }
  | { readonly command: "verify"; readonly files: readonly string[]; readonly flags: Flags }
  | { readonly command: "export"; readonly file: string; readonly output: string; readonly flags: Flags }
  | { readonly command: "template"; readonly output: string };

const commandSchema = z.enum(["verify", "export", "template"]);

/** Splits the arguments into positionals and raw option values; `--name=value` and `--name value` both work. */
function tokenize(argv: readonly string[]): { positionals: string[]; raw: Record<string, string | boolean>; help: boolean } {
  const positionals: string[] = [];
  const raw: Record<string, string | boolean> = {};
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
    const spec = FLAGS[name];
    if (spec === undefined) throw new UsageError(`unknown option ${name}`);
    if (spec.key in raw) throw new UsageError(`${name} is given twice: give it once`);
    if (spec.value === null) {
      if (equals !== -1) throw new UsageError(`${name} takes no value`);
      raw[spec.key] = true;
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
    raw[spec.key] = value;
  }
  return { positionals, raw, help };
}

function parseFlags(raw: Record<string, string | boolean>): Flags {
  const parsed = flagsSchema.safeParse(raw);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? "invalid options");
  return parsed.data;
}

/** The command a person asked for, or a `UsageError` saying what is wrong. */
export function parseArguments(argv: readonly string[]): Command {
  const { positionals, raw, help } = tokenize(argv);
  if (help) return { command: "help" };
  const [name, ...operands] = positionals;
  if (name === undefined) throw new UsageError("no command given: use verify, export or template");
  const command = commandSchema.safeParse(name);
  if (!command.success) throw new UsageError(`unknown command ${JSON.stringify(name)}: use verify, export or template`);
  switch (command.data) {
    case "verify":
      if (operands.length === 0) throw new UsageError("verify needs at least one FILE (.csv or .xlsx) or folder");
      return { command: "verify", files: operands, flags: parseFlags(raw) };
    case "export": {
      const [file, output, ...extra] = operands;
      if (file === undefined || output === undefined) throw new UsageError("export needs FILE and OUT.xlsx");
      if (extra.length > 0) throw new UsageError(`export takes one FILE and one OUT.xlsx; unexpected ${JSON.stringify(extra[0])}`);
      if (!/\.xlsx$/i.test(output)) throw new UsageError(`the export's output ${JSON.stringify(output)} must be an .xlsx file name`);
      return { command: "export", file, output, flags: parseFlags(raw) };
    }
    case "template": {
      const [output, ...extra] = operands;
      if (output === undefined) throw new UsageError("template needs OUT.xlsx");
      if (extra.length > 0) throw new UsageError(`template takes one OUT.xlsx; unexpected ${JSON.stringify(extra[0])}`);
      if (Object.keys(raw).length > 0) throw new UsageError("template takes no options");
      if (!/\.xlsx$/i.test(output)) throw new UsageError(`the template's output ${JSON.stringify(output)} must be an .xlsx file name`);
      return { command: "template", output };
    }
  }
}

/** The profile values the options replace. */
export function profileOverrides(flags: Flags): ProfileOverrides {
  const overrides: { -readonly [K in keyof ProfileOverrides]: ProfileOverrides[K] } = {};
  if (flags.rules !== undefined) overrides.ruleSet = flags.rules;
  if (flags.cstT !== undefined) overrides.techniqueCertifiedOn = flags.cstT;
  if (flags.cstD !== undefined) overrides.diplomateCertifiedOn = flags.cstD;
  if (flags.awarded !== undefined) overrides.creditsAwarded = flags.awarded;
  if (flags.name !== undefined) overrides.name = flags.name;
  if (flags.email !== undefined) overrides.email = flags.email;
  return overrides;
}
