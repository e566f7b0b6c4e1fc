import { Button, mergeClasses } from "@fluentui/react-components";
import type { GoToTarget } from "../excel/workbook";
import type { ListedFinding } from "./findings";
import { usePaneStyles } from "./styles";

export interface FindingsListProps {
  readonly findings: readonly ListedFinding[];
  readonly onGo: (target: GoToTarget) => void;
  /** Accessible name of the list. */
  readonly label: string;
}

/** Each finding is a button: click or Enter selects its row (or Profile value) in the sheet. */
export function FindingsList({ findings, onGo, label }: FindingsListProps) {
  const styles = usePaneStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {findings.map((finding) => (
        <li key={finding.key}>
          <Button
            appearance="subtle"
            className={styles.findingButton}
            onClick={() => onGo(finding.target)}
            title={`Go to ${finding.place}`}
          >
            <span className={styles.wrapText}>
              <span className={mergeClasses(styles.findingPlace, finding.level === "error" ? styles.errorMark : styles.warningMark)}>
                {finding.place}
                {finding.level === "warning" ? " (warning)" : ""}:
              </span>{" "}
              {finding.message}
            </span>
          </Button>
        </li>
      ))}
    </ul>
  );
}
