/**
 * Why hours count toward no credit, in a language other than English (the core's `unusedText` says it in
 * English, which the English surfaces keep): one message per reason, the hours and the dates as the
 * surface writes them.
 */
import type { MessageId } from "./catalog";
import type { MessageValues } from "./translator";

/** Hours of a category that count toward no credit, and why (the core's `CreditBreakdown.unused`, in hours). */
export interface UnusedHours {
  readonly category: string;
  readonly hours: number;
  readonly reason: "not-accepted" | "before-certification" | "beyond-next";
}

/** What the next credit is and needs (the core's `CreditBreakdown.next`). */
export interface NextCreditNeeds {
  readonly credit: number;
  readonly requires: "technique" | "diplomate" | null;
  readonly countsFrom: string | null;
}

export function unusedHoursText(
  t: (id: MessageId, values?: MessageValues) => string,
  list: (items: readonly string[]) => string,
  entry: UnusedHours,
  next: NextCreditNeeds,
  /** The categories the next credit takes. */
  categories: readonly string[],
  formatDate: (iso: string) => string,
): string {
  const values = { hours: entry.hours, category: entry.category, credit: next.credit, certification: next.requires ?? "technique" };
  switch (entry.reason) {
    case "not-accepted":
      return t("words.unused.notAccepted", { ...values, categories: list(categories) });
    case "before-certification":
      return next.countsFrom === null
        ? t("words.unused.needsCertification", values)
        : t("words.unused.beforeCertification", { ...values, date: formatDate(next.countsFrom) });
    case "beyond-next":
      return t("words.unused.beyondNext", values);
  }
}
