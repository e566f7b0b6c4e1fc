import { Button, mergeClasses } from "@fluentui/react-components";
import type { FindingPlace, ListedFinding } from "./findings";
import { usePaneStyles } from "./styles";

export interface FindingsListProps {
  readonly findings: readonly ListedFinding[];
  /** Takes the user to a finding's place: its row in the sheet, or its field of the pane's profile. */
  readonly onGo: (place: FindingPlace) => void;
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
        <li key={finding.key} className={styles.logActions}>
          <Button
            appearance="subtle"
            className={styles.findingButton}
            onClick={() => onGo(finding.target)}
            title={finding.target.kind === "row" ? `Select ${finding.place.toLowerCase()} in the sheet` : `Go to ${finding.place}`}
          >
            <span className={styles.wrapText}>
              <span className={mergeClasses(styles.findingPlace, finding.level === "error" ? styles.errorMark : styles.warningMark)}>
                {finding.place}
                {finding.level === "warning" ? " (warning)" : ""}:
              </span>{" "}
              {finding.message}
            </span>
          </Button>
          {onEdit !== undefined && finding.target.kind === "row" && (
            <Button
              size="small"
              onClick={() => onEdit((finding.target as { row: number }).row)}
              aria-label={`Edit ${finding.place.toLowerCase()}`}
            >
              Edit
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}
