import { Button, Field, ProgressBar } from "@fluentui/react-components";
import { type ReactNode, useState } from "react";
import {
  type Assessment,
  type Category,
  type ProfileKey,
  CATEGORIES,
  CATEGORY_LABELS,
  MILLI_PER_HOUR,
  breakdownOf,
  categoriesOf,
  categoryHoursText,
  certificationText,
  creditRule,
  earnedCreditText,
  formatHours,
  hoursText,
  ordinal,
  plural,
  unusedText,
} from "../core";
import { Awards } from "./Awards";
import { localDate } from "./dates";
import { StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";

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
        label: CATEGORY_LABELS[category].replace(":", " ·"),
        needed: minimum * MILLI_PER_HOUR,
        missing: next.missing[category],
      });
  }
  bars.push({ key: "total", label: "In all", needed: rule.total * MILLI_PER_HOUR, missing: next.missing.total });
  // What export would refuse (docs/rules.md §6: any error; the mentee's name): the card offers export only when it would succeed.
  const named = profile.profile.name !== "";
  const blocking = profile.errors.filter((error) => error.code !== "missing-name").length + assessment.rowsWithErrors;
  const blockedCertification = rule.requires !== null && next.blockedBy !== null ? rule.requires : null;

  return (
    <section className={styles.dashboard} aria-labelledby="progress-heading">
      <h2 id="progress-heading" className={styles.heading}>
        Your progress
      </h2>
      <p className={styles.bigNumber} data-testid="credits-earned">
        {plural(allocation.credits, "credit")}
      </p>
      <p className={styles.hint}>newly earned by this log · {ruleSet.label}</p>
      {allocation.credits > 0 && (
        <StatusMessage intent="success" title={allocation.credits === 1 ? "A credit is complete" : "Credits are complete"}>
          {blocking === 0 && named ? (
            <>
              Export your submission and send it to your coordinator; when the coordinator confirms the award, record it here.{" "}
              <Button size="small" appearance="primary" onClick={onExport} disabled={exporting}>
                Export submission
              </Button>
            </>
          ) : (
            <span data-testid="export-blocked">
              Before you can export it:{" "}
              {[
                ...(named ? [] : ["enter your name in the profile"]),
                ...(blocking === 0 ? [] : [`fix ${plural(blocking, "error")} (listed under Findings)`]),
              ].join(", and ")}
              .{" "}
              {!named && (
                <Button size="small" onClick={() => onProfileField("name")}>
                  Enter your name
                </Button>
              )}
            </span>
          )}
        </StatusMessage>
      )}
      {exportAnswer}
      <Awards assessment={assessment} onRecorded={onAwardRecorded} />
      <h3 className={styles.subheading}>Next: the {ordinal(next.credit)} credit</h3>
      {blockedCertification !== null && (
        <StatusMessage
          intent="warning"
          title={`The ${ordinal(next.credit)} credit needs you to be ${certificationText(blockedCertification)}`}
        >
          <span data-testid="blocked-by">
            Only hours dated on or after your certification count toward it. Enter your certification date in the profile once you hold it.
          </span>{" "}
          <Button size="small" onClick={() => onProfileField(FIELD_OF_CERTIFICATION[blockedCertification])}>
            Enter your {blockedCertification === "technique" ? "CST-T" : "CST-D"} date
          </Button>
        </StatusMessage>
      )}
      {bars.map((bar) => {
        const done = Math.max(0, bar.needed - bar.missing);
        return (
          <Field
            key={bar.key}
            label={`${bar.label}: ${formatHours(done)} of ${formatHours(bar.needed)} h`}
            hint={bar.missing > 0 ? `${hoursText(bar.missing)} still needed` : "Done"}
            validationState="none"
          >
            <ProgressBar value={done} max={bar.needed} thickness="large" color={bar.missing > 0 ? "brand" : "success"} />
          </Field>
        );
      })}
      {rule.accepts.length < CATEGORIES.length && (
        <p className={styles.hint}>
          The {ordinal(next.credit)} credit takes only category {categoriesOf(rule).join(" and ")} hours.
        </p>
      )}
      {/* The explanation is made when it is opened: it shows dates as the locale writes them, and making the first
          date format loads the locale's date data, a tenth of the pane's first render. */}
      <details className={styles.details} onToggle={(event) => setExplained(event.currentTarget.open)}>
        <summary>Where your hours went</summary>
        {explained && <HoursExplained assessment={assessment} />}
      </details>
    </section>
  );
}

/** Which hours went to which credit, which count toward none and why. */
function HoursExplained({ assessment }: { assessment: Assessment }) {
  const { allocation, profile, hours } = assessment;
  const ruleSet = profile.profile.ruleSet;
  const rule = creditRule(ruleSet, allocation.next.credit);
  const breakdown = breakdownOf(assessment);
  const logged = CATEGORIES.filter((category: Category) => hours[category] > 0);
  return (
    <ul>
      <li>
        Logged in rows without errors: {logged.length === 0 ? "none yet" : categoryHoursText(hours, logged)}
        {assessment.rowsWithErrors > 0 ? ` (${plural(assessment.rowsWithErrors, "row")} with errors count for nothing until fixed)` : ""}.
      </li>
      {breakdown.earned.map((entry) => (
        <li key={entry.credit}>
          {earnedCreditText(entry, creditRule(ruleSet, entry.credit))}
          {entry.awarded ? " (awarded already)" : ""}.
        </li>
      ))}
      {CATEGORIES.some((category) => breakdown.next.hours[category] > 0) && (
        <li>
          Toward the {ordinal(breakdown.next.credit)} credit so far: {categoryHoursText(breakdown.next.hours, categoriesOf(rule))}.
        </li>
      )}
      {breakdown.unused.map((entry) => (
        <li key={`${entry.category}-${entry.reason}`}>{unusedText(entry, breakdown.next, rule, (iso) => localDate(iso))}</li>
      ))}
    </ul>
  );
}
