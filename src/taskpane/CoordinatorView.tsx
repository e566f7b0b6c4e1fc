import { Button, MessageBar, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import { useState } from "react";
import { type IsoDate, PROFILE_INDEX, ordinal } from "../core";
import { FindingsList } from "./FindingsList";

import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import { type Verification, submissionStateText, verifyOpenWorkbook } from "./verifyWorkbook";
import { useWorkbook } from "./WorkbookContext";
import { submissionFieldLabel } from "../core/submission";

export interface CoordinatorViewProps {
  readonly asOf?: IsoDate;
  readonly onGoToRow: (row: number) => void;
  readonly onVerified: () => Promise<unknown>;
}

export function CoordinatorView({ asOf, onGoToRow, onVerified }: CoordinatorViewProps) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await verifyOpenWorkbook(workbook, asOf));
      await onVerified();
    } catch (failure) {
      setResult(null);
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const report = result?.report;
  const mismatches = report?.summaryMismatches ?? [];
  return (
    <section className={styles.section} aria-labelledby="verify-heading">
      <h2 id="verify-heading" className={styles.heading}>
        Verify this workbook
      </h2>
      <p className={styles.hint}>
        Recomputes the credit from the rows themselves, checks a submission against its fingerprint, and writes the results to a Status
        column beside the log and a Verification sheet. Input cells are never changed.
      </p>
      <div className={styles.row}>
        <Button appearance="primary" onClick={verify} disabled={busy}>
          Verify workbook
        </Button>
      </div>
      {error !== null && (
        <MessageBar intent="error">
          <MessageBarBody className={styles.wrapText}>{error}</MessageBarBody>
        </MessageBar>
      )}
      {report !== undefined && result !== null && (
        <>
          {report.submission !== null && (
            <MessageBar intent={report.submission === "unchanged" ? "success" : "error"} data-testid="submission-state">
              <MessageBarBody className={styles.wrapText}>
                <MessageBarTitle>{submissionStateText(report)}</MessageBarTitle>
                {report.submission === "unchanged"
                  ? "The profile and rows are exactly those exported."
                  : "A profile or log cell differs from what was exported: the fingerprint no longer matches."}
              </MessageBarBody>
            </MessageBar>
          )}
          {mismatches.length > 0 && (
            <MessageBar intent="warning">
              <MessageBarBody className={styles.wrapText}>
                <MessageBarTitle>The stored summary differs from the recomputed one</MessageBarTitle>
                <ul aria-label="Summary mismatches">
                  {mismatches.map((mismatch) => (
                    <li key={mismatch.field}>
                      {submissionFieldLabel(mismatch.field)}: stored {mismatch.stored ?? "(missing)"}, recomputed {mismatch.recomputed}
                    </li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          <dl className={styles.stat} aria-label="Verification results">
            <dt>Rule set</dt>
            <dd className={styles.statValue}>{report.ruleSet}</dd>
            <dt>Valid</dt>
            <dd className={styles.statValue}>{report.valid ? "Yes" : "No"}</dd>
            <dt>Credits earned</dt>
            <dd className={styles.statValue} data-testid="verified-credits">
              {report.credits}
            </dd>
            <dt>Hours A / B / C</dt>
            <dd className={styles.statValue}>
              {report.hours.A} / {report.hours.B} / {report.hours.C}
            </dd>
            <dt>Next credit</dt>
            <dd className={styles.statValue}>
              {ordinal(report.next.credit)}, {report.next.missing.total} h missing
            </dd>
          </dl>
          <h3 className={styles.subheading}>Findings ({result.findings.length})</h3>
          {result.findings.length === 0 ? (
            <p className={styles.hint}>No errors or warnings.</p>
          ) : (
            <FindingsList
              findings={result.findings}
              onGo={(place) =>
                place.kind === "row"
                  ? onGoToRow(place.row)
                  : void workbook.goTo({ kind: "profile", field: PROFILE_INDEX[place.field] }).catch(() => undefined)
              }
              label="Verification findings"
            />
          )}
        </>
      )}
    </section>
  );
}
