import { Button, Checkbox, Spinner, mergeClasses } from "@fluentui/react-components";
import { type DragEvent, type ReactNode, useRef, useState } from "react";
import {
  type IsoDate,
  CATEGORIES,
  RULE_SETS,
  STATE_TEXT,
  VERIFICATION_STATES,
  findRuleSet,
  stateLine,
  submissionFieldLabel,
  utcTimeText,
  verificationState,
  nextCreditLine,
} from "../core";
import { FindingsList } from "./FindingsList";
import { type Message, StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import {
  OPEN_WORKBOOK,
  type Verification,
  recordRowOf,
  recordVerifications,
  recordedAwards,
  verifyFile,
  verifyOpenWorkbook,
} from "./verifyWorkbook";
import { useWorkbook } from "./WorkbookContext";
import { useT } from "./i18n";
import {
  type Verified,
  type SortKey,
  type Sort,
  stateOf,
  NEEDS_ATTENTION,
  sortResults,
  LOG_HEADERS,
  useDeskStyles,
} from "./coordinatorDesk";

export interface CoordinatorViewProps {
  readonly asOf?: IsoDate;
  readonly onGoToRow: (row: number) => void;
  readonly onVerified: () => Promise<unknown>;
  /** Shown below the results (the web tracker's record file). */
  readonly extra?: ReactNode;
}

/** What changed after export: profile fields, and each changed or added row with its cells; a removed row by its stored row number. */
function Changes({ result }: { result: Verified }) {
  const styles = usePaneStyles();
  const desk = useDeskStyles();
  const { edits } = result.report;
  if (result.report.submission !== "edited") return null;
  if (edits === null || edits === undefined) {
    return <p className={styles.hint}>This submission was exported before row digests were stored: what changed cannot be located.</p>;
  }
  return (
    <ul className={desk.changes} aria-label={`Changes in ${result.name}`}>
      {edits.map((edit) =>
        "profileField" in edit ? (
          <li key={`profile ${edit.profileField}`}>Profile field {edit.profileField} changed.</li>
        ) : (
          <li key={`row ${edit.row}`} data-testid="changed-row">
            {edit.change === "removed" ? (
              `Row ${edit.row} removed (the row number the submission stored for it; the row is no longer in the log).`
            ) : (
              <>
                Row {edit.row} {edit.change}:
                <div className={desk.rowTableScroll}>
                  <table className={desk.rowTable}>
                    <thead>
                      <tr>
                        {LOG_HEADERS.map((header) => (
                          <th key={header} scope="col">
                            {header}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        {LOG_HEADERS.map((header, index) => (
                          <td key={header}>{result.editedRows.get(edit.row)?.[index] ?? ""}</td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </li>
        ),
      )}
    </ul>
  );
}

/**
 * The coordinator's tab: verify the open workbook, or submission files chosen
 * or dropped here (several at once, .xlsx and .csv), with the command line's
 * core and readers; one row per file, each opening to its findings and what
 * changed; Record appends one row per submission to the CST Verification sheet.
 */
export function CoordinatorView({ asOf, onGoToRow, onVerified, extra }: CoordinatorViewProps) {
  const t = useT();
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const [results, setResults] = useState<Verification[]>([]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sort, setSort] = useState<Sort>({ key: "state", descending: false });
  const [attentionOnly, setAttentionOnly] = useState(false);
  const desk = useDeskStyles();
  const input = useRef<HTMLInputElement>(null);

  /** Results of the same name replace the earlier ones: verifying a file again shows its latest state once. */
  const show = (added: readonly Verification[]) =>
    setResults((previous) => [...previous.filter((each) => !added.some((next) => next.name === each.name)), ...added]);

  /** The record's awards, and those of the results shown (docs/rules.md §4): a claim is checked against both. */
  const ledger = async () => {
    const awards = await recordedAwards(workbook);
    const verifiedAt = new Date().toISOString();
    for (const result of results) if (result.ok) awards.add(recordRowOf(result, verifiedAt));
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
        if (result.ok) awards.add(recordRowOf(result, verifiedAt));
      }
      show(verified);
      const unreadable = verified.filter((each) => !each.ok).length;
      setMessage({
        intent: unreadable > 0 ? "warning" : "info",
        text: t("coordinator.verified", {
          files: t("words.files", { count: verified.length - unreadable }),
          unreadable,
          unreadableFiles: t("words.files", { count: unreadable }),
        }),
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
        text: t("coordinator.recorded", { submissions: t("words.submissions", { count: added }), skipped }),
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

  const shown = sortResults(
    results.filter((result) => !attentionOnly || NEEDS_ATTENTION.has(stateOf(result))),
    sort,
  );
  const counts = VERIFICATION_STATES.flatMap((state) => {
    const count = results.filter((result) => stateOf(result) === state).length;
    return count === 0 ? [] : [`${count} ${STATE_TEXT[state]}`];
  });
  const sortButton = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <Button
        appearance="transparent"
        size="small"
        className={desk.sortButton}
        aria-pressed={active}
        title={`Sort by ${label.toLowerCase()}${active ? (sort.descending ? ", descending" : ", ascending") : ""}`}
        onClick={() => setSort({ key, descending: active ? !sort.descending : false })}
      >
        {label}
        {active ? (sort.descending ? " ↓" : " ↑") : ""}
      </Button>
    );
  };

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
        <Button appearance="primary" onClick={() => input.current?.click()} disabled={busy}>
          Choose submission files…
        </Button>
        <Button onClick={verifyWorkbook} disabled={busy}>
          Verify this workbook
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
          <div className={styles.row}>
            <p className={styles.hint} data-testid="verification-totals">
              {t("coordinator.totals", { files: t("words.files", { count: results.length }), counts: counts.join(", ") })}
            </p>
            <Checkbox
              label="Needs attention only"
              checked={attentionOnly}
              onChange={(_, data) => setAttentionOnly(data.checked === true)}
              data-testid="attention-only"
            />
          </div>
          <div className={desk.header} role="group" aria-label="Sort the results">
            <span className={desk.sortLabel}>Sort by</span>
            {sortButton("state", "State")}
            {sortButton("mentee", "Mentee")}
            <span className={desk.wideOnly}>Email</span>
            {sortButton("date", "Exported")}
            <span className={mergeClasses(desk.wideOnly, desk.number)}>Credits</span>
            <span className={desk.wideOnly}>Hours A / B / C</span>
            <span className={desk.wideOnly}>Next credit</span>
          </div>
          {shown.length === 0 ? (
            <p className={styles.hint}>None of these needs attention.</p>
          ) : (
            <ul className={desk.results} aria-label="Verified submissions">
              {shown.map((result) => (
                <li key={result.name} className={desk.result} data-testid="verified-file">
                  {result.ok ? (
                    verifiedFile(result)
                  ) : (
                    <>
                      <span
                        className={mergeClasses(styles.wrapText, styles.errorMark)}
                        data-testid="verification-state"
                        data-state="unreadable"
                      >
                        {STATE_TEXT.unreadable}: {result.error}
                      </span>
                      <span className={mergeClasses(desk.file, styles.wrapText)}>{result.name}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <div className={styles.row}>
            <Button appearance="primary" onClick={record} disabled={busy || !results.some((result) => result.ok)}>
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

  // Called as a function, not drawn as a component: a component declared in here would be a new type each
  // time, and React would draw its rows afresh, closing the findings a coordinator opened.
  function verifiedFile(result: Verified) {
    const { report } = result;
    const state = verificationState(report);
    const ruleSet = findRuleSet(report.ruleSet) ?? RULE_SETS.current;
    const isOpenWorkbook = result.name === OPEN_WORKBOOK;
    return (
      <>
        <span
          className={mergeClasses(styles.wrapText, state === "ready" ? styles.successMark : styles.errorMark)}
          data-testid="verification-state"
          data-state={state}
        >
          {stateLine(report)}
        </span>
        <span className={styles.wrapText} data-testid="verified-mentee">
          <span className={desk.mentee}>{report.mentee.name ?? "(no mentee name)"}</span>
          <span className={mergeClasses(desk.file, styles.wrapText)}>{result.name}</span>
        </span>
        <span className={mergeClasses(desk.cell, styles.wrapText)}>{report.mentee.email ?? "(no email)"}</span>
        <span className={desk.cell}>
          {report.exportedAt === undefined || report.exportedAt === null ? (
            "not exported"
          ) : (
            <>
              <span className={desk.narrowOnly}>exported </span>
              {utcTimeText(report.exportedAt)}
            </>
          )}
        </span>
        <span className={mergeClasses(desk.cell, desk.number)}>{t("words.credits", { count: report.credits })}</span>
        <span className={desk.cell}>{CATEGORIES.map((category) => `${category} ${report.hours[category]} h`).join(" · ")}</span>
        <span className={mergeClasses(desk.cell, styles.wrapText)}>{nextCreditLine(report)}</span>
        <details className={mergeClasses(styles.details, desk.details)}>
          <summary>Findings and changes</summary>
          <p className={styles.hint}>
            {ruleSet.label}; as of {report.asOf}.
          </p>
          <Changes result={result} />
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
              onGo={(at) => {
                if (!isOpenWorkbook) return;
                if (at.kind === "row") onGoToRow(at.row);
                else void workbook.goTo(at).catch(() => undefined);
              }}
              label={`Findings of ${result.name}`}
            />
          )}
        </details>
      </>
    );
  }
}
