import { Field, ProgressBar } from "@fluentui/react-components";
import { type Assessment, CATEGORIES, CATEGORY_LABELS, CERTIFICATION_LABELS, type Category, creditRule, formatHours } from "../core";
import { usePaneStyles } from "./styles";

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

const CERTIFICATION_OF_BLOCK = { "technique-certification": "technique", "diplomate-certification": "diplomate" } as const;

export function ProgressView({ assessment }: { assessment: Assessment }) {
  const styles = usePaneStyles();
  const { allocation, profile, hours } = assessment;
  const { next } = allocation;
  const rule = creditRule(profile.profile.ruleSet, next.credit);
  const awarded = profile.profile.creditsAwarded;
  const bars: { key: string; label: string; needed: number; missing: number }[] = [];
  for (const category of CATEGORIES) {
    const minimum = rule.minimums[category];
    if (minimum !== undefined && minimum > 0) {
      bars.push({ key: category, label: `Category ${category}`, needed: minimum * 1000, missing: next.missing[category] });
    }
  }
  bars.push({ key: "total", label: "All categories", needed: rule.total * 1000, missing: next.missing.total });
  const blocked = next.blockedBy === null ? null : CERTIFICATION_LABELS[CERTIFICATION_OF_BLOCK[next.blockedBy]];

  return (
    <section className={styles.section} aria-labelledby="progress-heading">
      <h2 id="progress-heading" className={styles.heading}>
        Progress
      </h2>
      <dl className={styles.stat}>
        <dt>Credits earned by this log</dt>
        <dd className={styles.statValue} data-testid="credits-earned">
          {allocation.credits}
        </dd>
        {awarded > 0 && (
          <>
            <dt>Credits already awarded</dt>
            <dd className={styles.statValue}>{awarded}</dd>
          </>
        )}
        {CATEGORIES.map((category: Category) => (
          <FragmentRow key={category} label={CATEGORY_LABELS[category]} value={`${formatHours(hours[category])} h`} />
        ))}
      </dl>
      <h3 className={styles.subheading}>Next: the {ordinal(next.credit)} credit</h3>
      {blocked !== null && (
        <p className={styles.wrapText} role="note" data-testid="blocked-by">
          The {ordinal(next.credit)} credit needs {blocked}: enter the certification date in the profile once you hold it. Only hours logged
          on or after that date count toward it.
        </p>
      )}
      {bars.map((bar) => {
        const done = Math.max(0, bar.needed - bar.missing);
        return (
          <Field
            key={bar.key}
            label={`${bar.label}: ${formatHours(done)} of ${formatHours(bar.needed)} h`}
            hint={bar.missing > 0 ? `${formatHours(bar.missing)} h still needed` : "Minimum met"}
            validationState="none"
          >
            <ProgressBar value={done} max={bar.needed} thickness="large" color={bar.missing > 0 ? "brand" : "success"} />
          </Field>
        );
      })}
    </section>
  );
}

function FragmentRow({ label, value }: { label: string; value: string }) {
  const styles = usePaneStyles();
  return (
    <>
      <dt>{label}</dt>
      <dd className={styles.statValue}>{value}</dd>
    </>
  );
}
