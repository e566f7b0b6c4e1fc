/**
 * The coordinator's desk, apart from its view (CoordinatorView.tsx): each result's state, the orders the
 * results can be sorted in, the "needs attention" filter, and the desk's table layout.
 */
import { makeStyles, tokens } from "@fluentui/react-components";

import { type VerificationState, ATTENTION_STATES, byState, verificationState } from "../core";

import { type Verification } from "./verifyWorkbook";

export const stateOf = (result: Verification): VerificationState => (result.ok ? verificationState(result.report) : "unreadable");

export type Verified = Extract<Verification, { ok: true }>;
export type SortKey = "state" | "mentee" | "date";
export interface Sort {
  readonly key: SortKey;
  readonly descending: boolean;
}

/**
 * What the "needs attention" filter keeps: what cannot be read, every state docs/rules.md §4 puts before the row
 * errors (a claim to look into before anything else), and the errors themselves (exit status 1 or 2).
 */
export const NEEDS_ATTENTION: ReadonlySet<VerificationState> = new Set([...ATTENTION_STATES, "unreadable", "has-errors"]);

const menteeOf = (result: Verification): string => (result.ok ? (result.report.mentee.name ?? "") : "");
const exportedOf = (result: Verification): string => (result.ok ? (result.report.exportedAt ?? "") : "");

/**
 * The results in the chosen order. By state: docs/rules.md §4's order, attention first. By mentee or export date:
 * alphabetical or oldest first, results without one last; ties keep the state order, so that what needs
 * attention stays first among one mentee's files.
 */
export function sortResults(results: readonly Verification[], sort: Sort): Verification[] {
  const ordered = byState(results, stateOf);
  if (sort.key === "state") return sort.descending ? ordered.reverse() : ordered;
  const valueOf = sort.key === "mentee" ? menteeOf : exportedOf;
  const direction = sort.descending ? -1 : 1;
  return ordered
    .map((result, index) => ({ result, index, value: valueOf(result) }))
    .sort((a, b) => {
      if (a.value === "" || b.value === "") return (a.value === "" ? 1 : 0) - (b.value === "" ? 1 : 0) || a.index - b.index;
      return direction * a.value.localeCompare(b.value, undefined, { sensitivity: "base" }) || a.index - b.index;
    })
    .map(({ result }) => result);
}

/** Wide enough for the results as a table (the web tracker's full width); narrower, each result is a block of lines. */
const WIDE = "@media (min-width: 900px)";
const COLUMNS =
  "minmax(10rem, 1.5fr) minmax(7rem, 1fr) minmax(8rem, 1.1fr) minmax(7rem, 0.8fr) 4.5rem minmax(7.5rem, 0.9fr) minmax(10rem, 1.6fr)";

export const useDeskStyles = makeStyles({
  header: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    [WIDE]: { display: "grid", gridTemplateColumns: COLUMNS, columnGap: tokens.spacingHorizontalM },
  },
  sortLabel: { [WIDE]: { display: "none" } },
  sortButton: { minWidth: 0, paddingLeft: 0, paddingRight: 0, justifyContent: "flex-start", fontWeight: tokens.fontWeightSemibold },
  wideOnly: { display: "none", [WIDE]: { display: "block" } },
  /** Words the column's header says when the results are a table. */
  narrowOnly: { [WIDE]: { display: "none" } },
  results: { listStyleType: "none", margin: 0, padding: 0 },
  result: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    minWidth: 0,
    [WIDE]: { display: "grid", gridTemplateColumns: COLUMNS, columnGap: tokens.spacingHorizontalM, alignItems: "start" },
  },
  cell: { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, minWidth: 0 },
  number: { [WIDE]: { textAlign: "end" } },
  mentee: { display: "block", fontWeight: tokens.fontWeightSemibold },
  file: { display: "block", fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  details: { gridColumn: "1 / -1", minWidth: 0 },
  changes: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: "none" },
  rowTable: {
    borderCollapse: "collapse",
    marginTop: tokens.spacingVerticalXXS,
    "& th, & td": {
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
      textAlign: "start",
      verticalAlign: "top",
    },
    "& th": { backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  },
  rowTableScroll: { overflowX: "auto", maxWidth: "100%" },
});
