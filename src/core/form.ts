/**
 * The tracking form (docs/rules.md §5), defined once. Every profile field and log
 * column is one entry of `FORM`: its label, its kind, its position (the
 * order of the entries), its default, its command-line option, its choices,
 * its width and its help. Everything that reads or writes the form follows
 * this table: the row and profile rules, the canonical form, the three
 * workbook writers (through `layout.ts`), the workbook and CSV readers, the
 * pane's profile editor and the command line's options. Adding a field
 * touches this table only.
 */
import { ACTIVITIES, FORMAT_LABELS, FORMATS } from "./catalog";
import { RULE_SET_IDS } from "./rulesets";

/**
 * What a field holds. The kind fixes how a cell of the field is written
 * (a date as an Excel date, a number as a number, text formatted as Text so
 * that typed text never becomes a formula), how it enters the canonical
 * form, and how a command-line option for it is checked.
 */
export type FieldKind = "text" | "date" | "number" | "wholeNumber" | "choice";

export interface FieldDefinition<Key extends string = string> {
  readonly key: Key;
  /** The column header (log) or the label in column A (profile), as people see it. */
  readonly label: string;
  readonly kind: FieldKind;
  /** Values offered by a dropdown (other input is still read); null for none. */
  readonly choices: readonly string[] | null;
  readonly help: string;
}

export interface LogColumnDefinition<Key extends string = string> extends FieldDefinition<Key> {
  /** Column width in characters. */
  readonly width: number;
}

export interface ProfileFieldDefinition<Key extends string = string> extends FieldDefinition<Key> {
  /** The value a new form starts with. */
  readonly defaultValue: string | number;
  /** The command line's option that sets it, and what that option takes (for the usage text). */
  readonly flag: string;
  readonly flagValue: string;
  /** Labels earlier forms used for the same field: still read. */
  readonly aliases?: readonly string[];
  /** The canonical form's version that first holds the field (canonical.ts); 1 when absent. */
  readonly canonicalSince?: number;
}

export interface FormDefinition {
  readonly profileSheet: string;
  readonly logSheet: string;
  readonly logTable: string;
  readonly submissionSheet: string;
  /** Hidden sheet holding the dropdowns' choices: a list typed into a rule may hold only 255 characters. */
  readonly listsSheet: string;
  readonly profile: readonly ProfileFieldDefinition[];
  readonly log: readonly LogColumnDefinition[];
  /** The profile field naming the rule set: the canonical form records the rule set used, not the cell. */
  readonly ruleSetField: string;
  /** The workbook name the form defines for the Profile sheet's value cells, for formulas: =CST.CREDIT(MentorshipLog, CSTProfile). */
  readonly profileName: string;
}

/** Number formats by kind. Text columns are formatted as Text (`@`) wherever the form is made. */
export const DATE_FORMAT = "yyyy-mm-dd";
export const TEXT_FORMAT = "@";
export const NUMBER_FORMATS: Readonly<Record<FieldKind, string>> = {
  text: TEXT_FORMAT,
  choice: TEXT_FORMAT,
  date: DATE_FORMAT,
  number: "0.00",
  wholeNumber: "0",
};

/** Provider credentials the Credential dropdown offers (free text is still read; docs/rules.md §2). */
export const CREDENTIAL_CHOICES = ["CST-T", "CST-D", "Mentor"] as const;

const LOG_FIELDS = [
  { key: "date", label: "Date", kind: "date", width: 12, choices: null, help: "Date of the activity: an Excel date or YYYY-MM-DD." },
  {
    key: "activity",
    label: "Activity",
    kind: "choice",
    width: 48,
    choices: ACTIVITIES.map((activity) => activity.label),
    help: "Choose the activity from the list.",
  },
  {
    key: "format",
    label: "Format",
    kind: "choice",
    width: 12,
    choices: FORMATS.map((format) => FORMAT_LABELS[format]),
    help: "In person or Virtual.",
  },
  {
    key: "provider",
    label: "Provider",
    kind: "text",
    width: 24,
    choices: null,
    help: "Name of the treating therapist, mentor or presenter.",
  },
  {
    key: "credential",
    label: "Credential",
    kind: "choice",
    width: 12,
    choices: CREDENTIAL_CHOICES,
    help: "The provider's credential: CST-T or CST-D for treatment, Mentor for 1x1 mentorship, or other.",
  },
  {
    key: "quantity",
    label: "Quantity",
    kind: "number",
    width: 10,
    choices: null,
    help: "Hours, days, sessions or recordings, as the activity counts them.",
  },
  { key: "notes", label: "Notes", kind: "text", width: 40, choices: null, help: "Anything the coordinator should know." },
] as const satisfies readonly LogColumnDefinition[];

const PROFILE_FIELD_LIST = [
  {
    key: "name",
    label: "Mentee name",
    kind: "text",
    defaultValue: "",
    flag: "--name",
    flagValue: "the mentee's name",
    choices: null,
    help: "Your name as the program knows it.",
  },
  {
    key: "email",
    label: "Email",
    kind: "text",
    defaultValue: "",
    flag: "--email",
    flagValue: "the mentee's email address",
    choices: null,
    help: "The address the program writes to you at.",
  },
  {
    key: "techniqueCertifiedOn",
    label: "CST-T certified on",
    kind: "date",
    defaultValue: "",
    flag: "--cst-t",
    flagValue: "a date YYYY-MM-DD",
    choices: null,
    help: "Leave empty until you are Technique Certified.",
  },
  {
    key: "diplomateCertifiedOn",
    label: "CST-D certified on",
    kind: "date",
    defaultValue: "",
    flag: "--cst-d",
    flagValue: "a date YYYY-MM-DD",
    choices: null,
    help: "Leave empty until you are Diplomate Certified.",
  },
  {
    key: "creditsAwarded",
    label: "Credits awarded before this log",
    aliases: ["Credits already awarded"],
    kind: "wholeNumber",
    defaultValue: 0,
    flag: "--awarded",
    flagValue: "a whole number",
    choices: null,
    help: "Credits the program awarded you for hours that are not in this log (a paper form, another workbook); 0 if none. Credits earned from this log go in 'Credits awarded from this log'.",
  },
  {
    key: "ruleSet",
    label: "Rule set",
    kind: "choice",
    defaultValue: "current",
    flag: "--rules",
    flagValue: RULE_SET_IDS.join(" or "),
    choices: RULE_SET_IDS,
    help: "The program's rules to count by: current (the program page as it is now) or 2014 (as first published).",
  },
  {
    key: "creditsAwardedFromLog",
    label: "Credits awarded from this log",
    kind: "wholeNumber",
    defaultValue: 0,
    flag: "--awarded-from-log",
    flagValue: "a whole number",
    choices: null,
    canonicalSince: 2,
    help: "Credits the program awarded you from earlier submissions of this same log; 0 if none. Keep every row after an award: these credits keep their hours, and new hours count toward the next credit.",
  },
] as const satisfies readonly ProfileFieldDefinition[];

export type LogFieldKey = (typeof LOG_FIELDS)[number]["key"];
export type ProfileKey = (typeof PROFILE_FIELD_LIST)[number]["key"];
/** The field a finding is about: a log column or a profile field. */
export type FieldKey = LogFieldKey | ProfileKey;

export const FORM = {
  profileSheet: "Profile",
  logSheet: "Tracking Form",
  logTable: "MentorshipLog",
  submissionSheet: "Submission",
  listsSheet: "CST Lists",
  profile: PROFILE_FIELD_LIST,
  log: LOG_FIELDS,
  ruleSetField: "ruleSet",
  profileName: "CSTProfile",
} as const satisfies FormDefinition;

export const PROFILE_SHEET = FORM.profileSheet;
export const LOG_SHEET = FORM.logSheet;
export const LOG_TABLE = FORM.logTable;
export const SUBMISSION_SHEET = FORM.submissionSheet;
export const LISTS_SHEET = FORM.listsSheet;

/** The log's columns and the profile's fields, in the form's order. */
export const LOG_FIELD_DEFINITIONS: readonly LogColumnDefinition<LogFieldKey>[] = FORM.log;
export const PROFILE_FIELDS: readonly ProfileFieldDefinition<ProfileKey>[] = FORM.profile;

/** The seven input column headers, in order (docs/rules.md §5). */
export const LOG_COLUMNS = FORM.log.map((column) => column.label) as readonly string[];
/** Number of input columns: computed columns may follow them. */
export const INPUT_COLUMN_COUNT = FORM.log.length;

/** Position of each log column and profile field (0-based), by key. */
export const LOG_INDEX = Object.fromEntries(FORM.log.map((column, index) => [column.key, index])) as Readonly<Record<LogFieldKey, number>>;
export const PROFILE_INDEX = Object.fromEntries(FORM.profile.map((field, index) => [field.key, index])) as Readonly<
  Record<ProfileKey, number>
>;

/** Rows the template's table starts with (Excel tables need at least one data row). */
export const TEMPLATE_DATA_ROWS = 1;

export { labelKey } from "./cells";

/** The column letter of a 1-based column number: 1 is A, 27 is AA. */
export function columnLetter(column: number): string {
  let letters = "";
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Every label a profile field is read under: its label, then the labels earlier forms used. */
export function profileLabels(field: ProfileFieldDefinition): readonly string[] {
  return [field.label, ...(field.aliases ?? [])];
}

/** The profile field of a key in a form, or undefined. */
export function profileField(key: string, form: FormDefinition = FORM): ProfileFieldDefinition | undefined {
  return form.profile.find((field) => field.key === key);
}
