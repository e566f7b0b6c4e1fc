import { Button, mergeClasses } from "@fluentui/react-components";
import { memo } from "react";
import { type FindingLocation, sameLocation } from "../core";
import { type ListedFinding, placeText, placeValues, ruleLink } from "./findings";
import { usePaneStyles } from "./styles";
import { useFindingText, usePaneLanguage, useT } from "./i18n";

export interface FindingsListProps {
  readonly findings: readonly ListedFinding[];
  /** Takes the user to a finding's place: its row in the sheet, or its field of the pane's profile. */
  readonly onGo: (at: FindingLocation) => void;
  /** Loads a finding's row into the activity form; absent where rows cannot be corrected. */
  readonly onEdit?: (row: number) => void;
  /** Accessible name of the list. */
  readonly label: string;
}

/** Each finding is a button (click or Enter takes the user to it); a row's finding also offers Edit. */
export function FindingsList({ findings, onGo, onEdit, label }: FindingsListProps) {
  const styles = usePaneStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {findings.map((finding) => (
        <FindingItem key={finding.key} finding={finding} onGo={onGo} onEdit={onEdit} />
      ))}
    </ul>
  );
}

interface FindingItemProps {
  readonly finding: ListedFinding;
  readonly onGo: (at: FindingLocation) => void;
  readonly onEdit?: (row: number) => void;
}

const sameFinding = (a: ListedFinding, b: ListedFinding): boolean =>
  a === b || (a.key === b.key && a.level === b.level && a.code === b.code && a.message === b.message && sameLocation(a.at, b.at));

/**
 * One finding. The list is read again after every change to the log, as new
 * objects; a finding that reads as before is not drawn again, so a change to
 * a long log with many warnings redraws only the findings it changed.
 */
const FindingItem = memo(
  function FindingItem({ finding, onGo, onEdit }: FindingItemProps) {
    const t = useT();
    const text = useFindingText();
    const { tag } = usePaneLanguage();
    const styles = usePaneStyles();
    const { at } = finding;
    const place = placeText(at, t);
    const rule = ruleLink(finding.code, tag);
    return (
      <li className={styles.logActions}>
        <Button
          appearance="subtle"
          className={styles.findingButton}
          onClick={() => onGo(at)}
          title={at.kind === "row" ? t("findings.selectRow", { row: at.row }) : t("findings.goTo", { place })}
        >
          <span className={styles.wrapText}>
            <span className={mergeClasses(styles.findingPlace, finding.level === "error" ? styles.errorMark : styles.warningMark)}>
              {t("findings.placeLevel", { place, level: finding.level })}
            </span>{" "}
            {text(finding)}
          </span>
        </Button>
        {rule !== null && (
          <a
            className={styles.ruleLink}
            href={rule}
            target="_blank"
            rel="noopener"
            aria-label={t("findings.ruleBehind", { ...placeValues(at, t), level: finding.level })}
          >
            {t("findings.rule")}
          </a>
        )}
        {onEdit !== undefined && at.kind === "row" && (
          <Button size="small" onClick={() => onEdit(at.row)} aria-label={t("log.editRow", { row: at.row })}>
            {t("findings.edit")}
          </Button>
        )}
      </li>
    );
  },
  (before, after) => before.onGo === after.onGo && before.onEdit === after.onEdit && sameFinding(before.finding, after.finding),
);
