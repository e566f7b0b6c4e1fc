import { Button, Field, ProgressBar } from "@fluentui/react-components";
import { type ReactNode, useState } from "react";
import {
  type Assessment,
  type Category,
  type ProfileKey,
  CATEGORIES,
  MILLI_PER_HOUR,
  breakdownOf,
  type Millihours,
  categoriesOf,
  creditRule,
  milliToHours,
  unusedText,
} from "../core";
import { categoryHoursWords, unusedHoursText } from "../i18n";
import { Awards } from "./Awards";
import { localDate } from "./dates";
import { StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { type Translate, useT } from "./i18n";
import { certificationName, ruleSetName } from "./words";

export interface DashboardProps {
  readonly assessment: Assessment;
  /** Takes the user to a profile field of the pane. */
  readonly onProfileField: (field: ProfileKey) => void;
  readonly onExport: () => void;
  readonly exporting: boolean;
  /** Called once an award was recorded in the profile: the pane reads the workbook again. */
  readonly onAwardRecorded: () => Promise<unknown> | void;
  /** The answer to an export asked for here, shown beside the button that asked. */
  readonly exportAnswer?: ReactNode;
}

const FIELD_OF_CERTIFICATION = { technique: "techniqueCertifiedOn", diplomate: "diplomateCertifiedOn" } as const;

/**
 * Progress first: the credits earned, the next credit with a bar per
 * category it takes, what blocks it (with the action), and in plain words
 * which hours went to which credit and which count toward none, and why:
 * all from the one allocation of the core (`breakdownOf`).
 */
export function Dashboard({ assessment, onProfileField, onExport, exporting, onAwardRecorded, exportAnswer }: DashboardProps) {
  const styles = usePaneStyles();
  const t = useT();
  const { allocation, profile } = assessment;
  const { next } = allocation;
  const ruleSet = profile.profile.ruleSet;
  const rule = creditRule(ruleSet, next.credit);
  const [explained, setExplained] = useState(false);
  const bars: { key: string; label: string; needed: number; missing: number }[] = [];
  for (const category of categoriesOf(rule)) {
    const minimum = rule.minimums[category] ?? 0;
    if (minimum > 0)
      bars.push({
        key: category,
        label: t("dashboard.categoryBar", { category, name: categoryName(t, category) }),
        needed: minimum * MILLI_PER_HOUR,
        missing: next.missing[category],
      });
  }
  bars.push({ key: "total", label: t("dashboard.inAll"), needed: rule.total * MILLI_PER_HOUR, missing: next.missing.total });
  // What export would refuse (docs/rules.md §6: any error; the mentee's name): the card offers export only when it would succeed.
  const named = profile.profile.name !== "";
  const blocking = profile.errors.filter((error) => error.code !== "missing-name").length + assessment.rowsWithErrors;
  const blockedCertification = rule.requires !== null && next.blockedBy !== null ? rule.requires : null;

  return (
    <section className={styles.dashboard} aria-labelledby="progress-heading">
      <h2 id="progress-heading" className={styles.heading}>
        {t("dashboard.progress")}
      </h2>
      <p className={styles.bigNumber} data-testid="credits-earned">
        {t("words.credits", { count: allocation.credits })}
      </p>
      <p className={styles.hint}>{t("dashboard.newlyEarned", { ruleSet: ruleSetName(ruleSet, t) })}</p>
      {allocation.credits > 0 && (
        <StatusMessage intent="success" title={t("dashboard.complete", { count: allocation.credits })}>
          {blocking === 0 && named ? (
            <>
              {t("dashboard.exportThenRecord")}{" "}
              <Button size="small" appearance="primary" onClick={onExport} disabled={exporting}>
                {t("dashboard.export")}
              </Button>
            </>
          ) : (
            <span data-testid="export-blocked">
              {t("dashboard.beforeExport", {
                steps: t.list([
                  ...(named ? [] : [t("dashboard.enterName")]),
                  ...(blocking === 0 ? [] : [t("dashboard.fixErrors", { count: blocking })]),
                ]),
              })}{" "}
              {!named && (
                <Button size="small" onClick={() => onProfileField("name")}>
                  {t("dashboard.enterNameButton")}
                </Button>
              )}
            </span>
          )}
        </StatusMessage>
      )}
      {exportAnswer}
      <Awards assessment={assessment} onRecorded={onAwardRecorded} />
      <h3 className={styles.subheading}>{t("dashboard.next", { credit: next.credit })}</h3>
      {blockedCertification !== null && (
        <StatusMessage
          intent="warning"
          title={t("dashboard.needsCertification", { credit: next.credit, certification: certificationName(blockedCertification, t) })}
        >
          <span data-testid="blocked-by">{t("dashboard.onlyAfterCertification")}</span>{" "}
          <Button size="small" onClick={() => onProfileField(FIELD_OF_CERTIFICATION[blockedCertification])}>
            {t("dashboard.enterCertificationDate", { credential: blockedCertification === "technique" ? "CST-T" : "CST-D" })}
          </Button>
        </StatusMessage>
      )}
      {bars.map((bar) => {
        const done = Math.max(0, bar.needed - bar.missing);
        return (
          <Field
            key={bar.key}
            label={t("dashboard.barHours", { label: bar.label, done: done / MILLI_PER_HOUR, needed: bar.needed / MILLI_PER_HOUR })}
            hint={bar.missing > 0 ? t("dashboard.stillNeeded", { hours: bar.missing / MILLI_PER_HOUR }) : t("dashboard.done")}
            validationState="none"
          >
            <ProgressBar value={done} max={bar.needed} thickness="large" color={bar.missing > 0 ? "brand" : "success"} />
          </Field>
        );
      })}
      {rule.accepts.length < CATEGORIES.length && (
        <p className={styles.hint}>{t("dashboard.takesOnly", { credit: next.credit, categories: t.list(categoriesOf(rule)) })}</p>
      )}
      {/* The explanation is made when it is opened: it shows dates as the locale writes them, and making the first
          date format loads the locale's date data, a tenth of the pane's first render. */}
      <details className={styles.details} onToggle={(event) => setExplained(event.currentTarget.open)}>
        <summary>{t("dashboard.whereHoursWent")}</summary>
        {explained && <HoursExplained assessment={assessment} />}
      </details>
    </section>
  );
}

/** A category's name in the pane's language: "Treatment received". */
function categoryName(t: Translate, category: Category): string {
  return t("words.categoryName", { category });
}

/** Hours per category in the pane's language: "A 6 h, B 6 h and C 12 h", "A 6 Std., B 6 Std. und C 12,5 Std.". */
function categoryHours(t: Translate, hours: Readonly<Record<Category, Millihours>>, categories: readonly Category[]): string {
  const number = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 3 });
  return categoryHoursWords({ t, list: t.list, number: (milli) => number.format(milliToHours(milli)) }, hours, categories);
}

/** Which hours went to which credit, which count toward none and why. */
function HoursExplained({ assessment }: { assessment: Assessment }) {
  const { allocation, profile, hours } = assessment;
  const ruleSet = profile.profile.ruleSet;
  const rule = creditRule(ruleSet, allocation.next.credit);
  const breakdown = breakdownOf(assessment);
  const t = useT();
  const logged = CATEGORIES.filter((category: Category) => hours[category] > 0);
  const categoryHoursText = (of: Readonly<Record<Category, Millihours>>, categories: readonly Category[]) =>
    categoryHours(t, of, categories);
  const formatDate = (iso: string) => localDate(iso, t.locale);
  return (
    <ul>
      <li>
        {t("dashboard.logged", { hours: logged.length === 0 ? t("dashboard.noneYet") : categoryHoursText(hours, logged) })}
        {assessment.rowsWithErrors > 0 ? ` ${t("dashboard.rowsWithErrors", { count: assessment.rowsWithErrors })}` : ""}.
      </li>
      {breakdown.earned.map((entry) => (
        <li key={entry.credit}>
          {t("words.creditOrdinal", { credit: entry.credit })}:{" "}
          {categoryHoursText(entry.hours, categoriesOf(creditRule(ruleSet, entry.credit)))}
          {entry.awarded ? ` ${t("dashboard.awardedAlready")}` : ""}.
        </li>
      ))}
      {CATEGORIES.some((category) => breakdown.next.hours[category] > 0) && (
        <li>
          {t("dashboard.towardSoFar", {
            credit: breakdown.next.credit,
            hours: categoryHoursText(breakdown.next.hours, categoriesOf(rule)),
          })}
          .
        </li>
      )}
      {breakdown.unused.map((entry) => (
        <li key={`${entry.category}-${entry.reason}`}>
          {t.english
            ? unusedText(entry, breakdown.next, rule, formatDate)
            : unusedHoursText(t, t.list, { ...entry, hours: milliToHours(entry.hours) }, breakdown.next, categoriesOf(rule), formatDate)}
        </li>
      ))}
    </ul>
  );
}
