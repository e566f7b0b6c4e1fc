import { Button, Spinner, mergeClasses } from "@fluentui/react-components";
import { type DragEvent, type ReactNode, useRef, useState } from "react";
import {
  type IsoDate,
  type VerificationState,
  CATEGORIES,
  PROFILE_INDEX,
  RULE_SETS,
  STATE_TEXT,
  VERIFICATION_STATES,
  byState,
  creditRule,
  findRuleSet,
  hoursToMilli,
  missingText,
  ordinal,
  plural,
  recordRow,
  stateLine,
  submissionFieldLabel,
  utcTimeText,
  verificationState,
} from "../core";
import { FindingsList } from "./FindingsList";
import { type Message, StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import { OPEN_WORKBOOK, type Verification, recordVerifications, recordedAwards, verifyFile, verifyOpenWorkbook } from "./verifyWorkbook";
import { useWorkbook } from "./WorkbookContext";

export interface CoordinatorViewProps {
  readonly asOf?: IsoDate;
  readonly onGoToRow: (row: number) => void;
  readonly onVerified: () => Promise<unknown>;
  /** Shown below the results (the web tracker's record file). */
  readonly extra?: ReactNode;
}

const stateOf = (result: Verification): VerificationState => (result.ok ? verificationState(result.report) : "unreadable");

/**
 * The coordinator's tab: verify the open workbook, or submission files chosen
 * or dropped here (several at once, .xlsx and .csv), with the command line's
 * core and readers; one row per file, each opening to its findings and what
 * changed; Record appends one row per submission to the CST Verification sheet.
 */
export function CoordinatorView({ asOf, onGoToRow, onVerified, extra }: CoordinatorViewProps) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const [results, setResults] = useState<Verification[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  /** Results of the same name replace the earlier ones: verifying a file again shows its latest state once. */
  const show = (added: readonly Verification[]) =>
    setResults((previous) => [...previous.filter((each) => !added.some((next) => next.name === each.name)), ...added]);

  /** The record's awards, and those of the results shown (SPEC 11): a claim is checked against both. */
  const ledger = async () => {
    const awards = await recordedAwards(workbook);
    const verifiedAt = new Date().toISOString();
    for (const result of results) {
      if (result.ok)
        awards.add(
          recordRow(
            result.name,
            result.report,
            verifiedAt,
            result.rowDigests.map(({ digest }) => digest),
          ),
        );
    }
    return awards;
  };

  const verifyWorkbook = async () => {
    setBusy(true);
    setMessage(null);
    try {
      show([await verifyOpenWorkbook(workbook, asOf, await ledger())]);
      await onVerified();
    } catch (failure) {
      setMessage({ intent: "error", text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  const verifyFiles = async (files: readonly File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setMessage(null);
    try {
      const verified: Verification[] = [];
      const awards = await ledger();
      const verifiedAt = new Date().toISOString();
      for (const file of files) {
        const result = await verifyFile(file, asOf, awards);
        verified.push(result);
        if (result.ok)
          awards.add(
            recordRow(
              result.name,
              result.report,
              verifiedAt,
              result.rowDigests.map(({ digest }) => digest),
            ),
          );
      }
      show(verified);
      const unreadable = verified.filter((each) => !each.ok).length;
      setMessage({
        intent: unreadable > 0 ? "warning" : "info",
        text: `Verified ${plural(verified.length - unreadable, "file")}${unreadable > 0 ? `; ${plural(unreadable, "file")} could not be read` : ""}.`,
      });
    } finally {
      setBusy(false);
      if (input.current !== null) input.current.value = "";
    }
  };

  const record = async () => {
    setBusy(true);
    try {
      const { added, skipped } = await recordVerifications(workbook, results);
      setMessage({
        intent: "success",
        text: `Recorded ${plural(added, "submission")} in the CST Verification sheet${skipped > 0 ? ` (${skipped} already recorded, by fingerprint)` : ""}.`,
      });
    } catch (failure) {
      setMessage({ intent: "error", text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void verifyFiles([...event.dataTransfer.files]);
  };

  const ordered = byState(results, stateOf);
  const counts = VERIFICATION_STATES.flatMap((state) => {
    const count = results.filter((result) => stateOf(result) === state).length;
    return count === 0 ? [] : [`${count} ${STATE_TEXT[state]}`];
  });

  return (
    <section className={styles.section} aria-labelledby="verify-heading">
      <h2 id="verify-heading" className={styles.heading}>
        Verify submissions
      </h2>
      <p className={styles.hint}>
        Recomputes the credit from the rows themselves and checks a submission against its fingerprint, saying who it is, what changed after
        export and what needs attention. Files are read here, on this computer: nothing is sent anywhere.
      </p>
      <div className={styles.row}>
        <Button appearance="primary" onClick={verifyWorkbook} disabled={busy}>
          Verify this workbook
        </Button>
        <Button onClick={() => input.current?.click()} disabled={busy}>
          Choose submission files…
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.csv"
          hidden
          aria-label="Submission files to verify"
          data-testid="submission-files"
          onChange={(event) => void verifyFiles([...(event.target.files ?? [])])}
        />
      </div>
      <div
        className={mergeClasses(styles.dropZone, dragging && styles.dropZoneActive)}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        Or drop .xlsx and .csv files here.
      </div>
      {busy && <Spinner size="tiny" label="Verifying…" />}
      {message !== null && <StatusMessage intent={message.intent}>{message.text}</StatusMessage>}
      {results.length > 0 && (
        <>
          <p className={styles.hint} data-testid="verification-totals">
            {plural(results.length, "file")}: {counts.join(", ")}.
          </p>
          <ul className={styles.list} aria-label="Verified submissions">
            {ordered.map((result) => (
              <li key={result.name} className={styles.logRow}>
                {result.ok ? (
                  <VerifiedFile result={result} onGoToRow={onGoToRow} />
                ) : (
                  <StatusMessage intent="error" title={result.name}>
                    {STATE_TEXT.unreadable}: {result.error}
                  </StatusMessage>
                )}
              </li>
            ))}
          </ul>
          <div className={styles.row}>
            <Button onClick={record} disabled={busy || !results.some((result) => result.ok)}>
              Record in CST Verification
            </Button>
            <Button appearance="subtle" onClick={() => setResults([])} disabled={busy}>
              Clear the list
            </Button>
          </div>
        </>
      )}
      {extra}
    </section>
  );

  function VerifiedFile({ result, onGoToRow: goToRow }: { result: Extract<Verification, { ok: true }>; onGoToRow: (row: number) => void }) {
    const { report } = result;
    const state = verificationState(report);
    const ruleSet = findRuleSet(report.ruleSet) ?? RULE_SETS.current;
    const next = report.next;
    const missing = {
      A: hoursToMilli(next.missing.A),
      B: hoursToMilli(next.missing.B),
      C: hoursToMilli(next.missing.C),
      total: hoursToMilli(next.missing.total),
    };
    const isOpenWorkbook = result.name === OPEN_WORKBOOK;
    return (
      <>
        <span className={mergeClasses(styles.findingPlace, styles.wrapText)}>{result.name}</span>
        <span
          className={mergeClasses(styles.wrapText, state === "ready" ? styles.successMark : styles.errorMark)}
          data-testid="verification-state"
          data-state={state}
        >
          {stateLine(report)}
        </span>
        <span className={styles.wrapText}>
          {report.mentee.name ?? "(no mentee name)"}
          {report.mentee.email === null ? "" : ` <${report.mentee.email}>`}
          {report.exportedAt === undefined || report.exportedAt === null ? "" : ` · exported ${utcTimeText(report.exportedAt)}`}
        </span>
        <span className={styles.wrapText}>
          {plural(report.credits, "credit")} · hours {CATEGORIES.map((category) => `${category} ${report.hours[category]}`).join(", ")} ·
          next: {ordinal(next.credit)} credit needs {missingText(missing, creditRule(ruleSet, next.credit))}
        </span>
        <details className={styles.details}>
          <summary>Findings and changes</summary>
          <p className={styles.hint}>
            {ruleSet.label}; as of {report.asOf}.
          </p>
          {(report.summaryMismatches ?? []).length > 0 && (
            <ul aria-label="Summary differences">
              {(report.summaryMismatches ?? []).map((mismatch) => (
                <li key={mismatch.field}>
                  {submissionFieldLabel(mismatch.field)}: stored {mismatch.stored ?? "(missing)"}, recomputed {mismatch.recomputed}
                </li>
              ))}
            </ul>
          )}
          {result.findings.length === 0 ? (
            <p className={styles.hint}>No errors or warnings.</p>
          ) : (
            <FindingsList
              findings={result.findings}
              onGo={(place) => {
                if (!isOpenWorkbook) return;
                if (place.kind === "row") goToRow(place.row);
                else void workbook.goTo({ kind: "profile", field: PROFILE_INDEX[place.field] }).catch(() => undefined);
              }}
              label={`Findings of ${result.name}`}
            />
          )}
        </details>
      </>
    );
  }
}
