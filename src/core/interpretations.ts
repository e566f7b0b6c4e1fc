/**
 * Every reading the rules make where the program's pages are silent or
 * loose (docs/rules.md marks them **Interpretation**), in one place, each with the
 * page's own words beside it. The rules use the values here, so changing an
 * interpretation is a change to this file.
 *
 * Pages: seeds/000 (the program page as first published, rule set `2014`)
 * and seeds/001 (the current page, rule set `current`).
 */

export interface Interpretation {
  /** The page's words the reading is about. */
  readonly pageWords: string;
  /** How the rules read them. */
  readonly reading: string;
}

/** "Be a CranioSacral Therapy Technique Certified Therapist; and receive the following mentoring": hours from the certification date on. */
export const CERTIFICATION_WINDOW: Interpretation = {
  pageWords: "Be a CranioSacral Therapy Technique Certified Therapist; and receive the following mentoring",
  reading:
    "Mentoring received as a certified therapist: only rows dated on or after the certification date count toward the 2nd (CST-T) and 3rd (CST-D) credits.",
};

/** The first, second and third 24 hours are tiers, not consecutive blocks of the log. */
export const CREDITS_ARE_TIERS: Interpretation = {
  pageWords: "Credit for the first 24 hours … the second 24 hours … the third 24 hours",
  reading:
    "Tiers, not blocks of the log in date order: hours are assigned to credits as an exact allocation finds best, each hour to at most one credit.",
};

/** The page stops at the third 24 hours; later credits follow the third's rule. */
export const LATER_CREDITS_AS_THIRD: Interpretation = {
  pageWords: "Credit for the third 24 hours: Be a CranioSacral Therapy Diplomate Certified Therapist",
  reading: "The 4th and later credits follow the 3rd credit's rule: CST-D, A ≥ 12, C ≥ 12, 24 hours.",
};

/** A Diplomate is Technique Certified too. */
export const DIPLOMATE_IS_TECHNIQUE_CERTIFIED: Interpretation = {
  pageWords: "Be a CranioSacral Therapy Diplomate Certified Therapist",
  reading: "A CST-D date without a CST-T date opens the 2nd credit's window too, from the CST-D date.",
};

/** "Receiving treatment from a CST or CST-D": CST names the Technique Certified therapist. */
export const CST_MEANS_CST_T: Interpretation & { readonly aliases: Readonly<Record<string, string>> } = {
  pageWords: "Receiving treatment from a CST or CST-D (In-person only)",
  reading: "A treating therapist's credential CST is read as CST-T; case, spaces, hyphens and underscores do not matter.",
  aliases: { CST: "CST-T", CSTT: "CST-T", CSTD: "CST-D" },
};

/** "time spent between you and a certified CST mentor": Category C needs a certified mentor. */
export const CERTIFIED_MENTOR: Interpretation & { readonly aliases: readonly string[] } = {
  pageWords: "1x1 mentorship – This is time spent between you and a certified CST mentor",
  reading:
    "A 1x1 mentorship row counts only when the provider's credential is Mentor; Certified mentor, CST mentor and Certified CST mentor are the same, in any case and spacing.",
  aliases: ["MENTOR", "CERTIFIEDMENTOR", "CSTMENTOR", "CERTIFIEDCSTMENTOR"],
};

/** "1 hour … for each study group you attend", "each recording counts as 1 hour": whole sessions and recordings. */
export const WHOLE_SESSIONS: Interpretation = {
  pageWords: "You can count 1 hour of Category B mentorship for each study group you attend; each recording counts as 1 hour",
  reading: "Sessions and recordings are counted whole: a fraction of one is an error. Days may be fractional (1.5 h per day).",
};

/** "up to 6 hours … for each clinical applications class", "for attending a Beyond the Dura Conference": one per row. */
export const ONE_EVENT_PER_ROW: Interpretation = {
  pageWords: "You can count up to 6 hours of Category B mentorship for each clinical applications class you attend",
  reading: "A Clinical Applications or Beyond the Dura row is one class or one conference: at most 6 hours of it count.",
};

/** A decimal quantity is rounded on its decimal digits; trailing zeros are not decimals. */
export const QUANTITY_DECIMALS: Interpretation = {
  pageWords: "(the pages count whole and half hours; the form keeps 0.01)",
  reading:
    "A quantity is rounded to 0.01 half away from zero on its decimal value; 1.500 has one decimal, so only text with more than two non-zero-ended decimals is warned as rounded.",
};

/** A cell holding an Excel error or a formula without its result makes its row an error row, unless it is in Notes. */
export const UNREADABLE_CELLS: Interpretation = {
  pageWords:
    "(docs/rules.md §8: a log cell that holds an Excel error makes that row an error row; in Notes, which no rule reads, it is a cell-error warning)",
  reading:
    "Such a cell is a `cell-error` finding on its field, whichever column it is in: an error that leaves the row 0 hours, except in Notes, where it is a warning and the row still counts.",
};

/** The Category A/B/C eligibility dates of "Can I receive credit for mentoring I've received in the past?". */
export const ELIGIBILITY: Interpretation = {
  pageWords:
    "You may count Category A experiences from Jan 1, 2014. You can also count Category B experiences from May 1, 2013. … Category C experiences can only be counted beginning on May 1, 2014.",
  reading: "Rows dated before their category's first day are errors (before-eligibility), in both rule sets.",
};

export const INTERPRETATIONS = {
  CERTIFICATION_WINDOW,
  CREDITS_ARE_TIERS,
  LATER_CREDITS_AS_THIRD,
  DIPLOMATE_IS_TECHNIQUE_CERTIFIED,
  CST_MEANS_CST_T,
  CERTIFIED_MENTOR,
  WHOLE_SESSIONS,
  ONE_EVENT_PER_ROW,
  QUANTITY_DECIMALS,
  UNREADABLE_CELLS,
  ELIGIBILITY,
} as const;
