/**
 * The provider and credential rules (docs/rules.md §2.2): who gave the treatment or the
 * mentorship is named, and holds a credential the activity's category counts.
 */
import type { Activity } from "../catalog";
import { type CellValue, cellText, describeCell } from "../cells";
import { type Finding, finding } from "../findings";
import { CERTIFIED_MENTOR, CST_MEANS_CST_T } from "../interpretations";

const CREDENTIAL_CACHE = new Map<string, string>();
const MENTOR_SPELLINGS: ReadonlySet<string> = new Set(CERTIFIED_MENTOR.aliases);

/**
 * A provider credential in its form of docs/rules.md §2: CST-T (also "CST"), CST-D,
 * Mentor (also "Certified mentor", "CST mentor"); case, spaces, hyphens and
 * underscores do not matter. Anything else is returned as typed.
 */
export function readCredential(text: string): string {
  let credential = CREDENTIAL_CACHE.get(text);
  if (credential === undefined) {
    const key = text.toUpperCase().replace(/[\s_-]+/g, "");
    credential = CST_MEANS_CST_T.aliases[key] ?? (MENTOR_SPELLINGS.has(key) ? "Mentor" : text);
    if (CREDENTIAL_CACHE.size < 1000) CREDENTIAL_CACHE.set(text, credential);
  }
  return credential;
}

// ---- Quantity ----------------------------------------------------------

/** Whether a row's activity needs a provider and the row names none (`provider`: the cell's text). */
export function providerMissing(activity: Activity, provider: string): boolean {
  return activity.needsProvider && provider === "";
}

/** The error of a row whose activity needs a provider and names none (`providerMissing`). */
export function providerError(activity: Activity): Finding<"missing-provider"> {
  return finding(
    "missing-provider",
    "provider",
    `Provider is empty: enter the name of the ${activity.category === "A" ? "treating therapist" : "mentor"}.`,
    "finding.provider.missing",
    { category: activity.category },
  );
}

/** The error of a row whose provider's credential its activity does not count, or null. */
export function credentialError(activity: Activity, cell: CellValue): Finding<"bad-credential"> | null {
  if (activity.credentials === null) return null;
  const credentialText = cellText(cell);
  if ((activity.credentials as readonly string[]).includes(readCredential(credentialText))) return null;
  const who = activity.category === "A" ? "treatment received from" : "1x1 mentorship with";
  const accepted = activity.credentials.map((each) => (each === "Mentor" ? "a certified CST mentor (Mentor)" : `a ${each}`)).join(" or ");
  return finding(
    "bad-credential",
    "credential",
    credentialText === ""
      ? `Credential is empty: Category ${activity.category} counts only ${who} ${accepted}; enter the provider's credential.`
      : `Credential ${describeCell(cell)} does not count: Category ${activity.category} counts only ${who} ${accepted}.`,
    credentialText === "" ? "finding.credential.empty" : "finding.credential.notCounted",
    { category: activity.category, cell: describeCell(cell) },
  );
}
