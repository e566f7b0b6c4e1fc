/**
 * The tracking form (SPEC 5), defined once: the add-in inserts it into the
 * open workbook and the command line writes it as a template, both from here.
 */
import { ACTIVITIES, FORMAT_LABELS, FORMATS } from "./catalog";
import { PROFILE_FIELDS } from "./profile";
import { LOG_COLUMNS } from "./rows";
import { RULE_SET_IDS } from "./rulesets";

export const PROFILE_SHEET = "Profile";
export const LOG_SHEET = "Tracking Form";
export const LOG_TABLE = "MentorshipLog";
export const SUBMISSION_SHEET = "Submission";
/** Hidden sheet holding the dropdowns' choices: the activity labels are longer than the 255 characters an inline list allows. */
export const LISTS_SHEET = "CST Lists";

/** Number format of the Date column and of the certification dates. */
export const DATE_FORMAT = "yyyy-mm-dd";

export interface ColumnDefinition {
  readonly header: (typeof LOG_COLUMNS)[number];
  /** Column width in characters. */
  readonly width: number;
  readonly numberFormat: string | null;
  /** Values offered by a dropdown (data validation list); other input is still read. */
  readonly choices: readonly string[] | null;
  readonly help: string;
}

export const LOG_COLUMN_DEFINITIONS: readonly ColumnDefinition[] = [
  { header: "Date", width: 12, numberFormat: DATE_FORMAT, choices: null, help: "Date of the activity: an Excel date or YYYY-MM-DD." },
  {
    header: "Activity",
    width: 48,
    numberFormat: null,
    choices: ACTIVITIES.map((activity) => activity.label),
    help: "Choose the activity from the list.",
  },
  {
    header: "Format",
    width: 12,
    numberFormat: null,
    choices: FORMATS.map((format) => FORMAT_LABELS[format]),
    help: "In person or Virtual.",
  },
  { header: "Provider", width: 24, numberFormat: null, choices: null, help: "Name of the treating therapist, mentor or presenter." },
  {
    header: "Credential",
    width: 12,
    numberFormat: null,
    choices: null,
    help: "The provider's credential: CST-T, CST-D, Mentor, or other.",
  },
  {
    header: "Quantity",
    width: 10,
    numberFormat: "0.00",
    choices: null,
    help: "Hours, days, sessions or recordings, as the activity counts them.",
  },
  { header: "Notes", width: 40, numberFormat: null, choices: null, help: "Anything the coordinator should know." },
];

export interface ProfileRowDefinition {
  readonly label: string;
  readonly numberFormat: string | null;
  readonly choices: readonly string[] | null;
  readonly defaultValue: string | number;
}

export const PROFILE_ROW_DEFINITIONS: readonly ProfileRowDefinition[] = PROFILE_FIELDS.map((field) => ({
  label: field.label,
  numberFormat: field.key === "techniqueCertifiedOn" || field.key === "diplomateCertifiedOn" ? DATE_FORMAT : null,
  choices: field.key === "ruleSet" ? [...RULE_SET_IDS] : null,
  defaultValue: field.key === "creditsAwarded" ? 0 : field.key === "ruleSet" ? "current" : "",
}));

/** Rows the template's table starts with (Excel tables need at least one data row). */
export const TEMPLATE_DATA_ROWS = 1;

export { LOG_COLUMNS, PROFILE_FIELDS };
