import { Button, Checkbox, Spinner, mergeClasses } from "@fluentui/react-components";
import { type DragEvent, type ReactNode, useRef, useState } from "react";
import { type IsoDate, CATEGORIES, FORM, RULE_SETS, VERIFICATION_STATES, findRuleSet, utcTimeText, verificationState } from "../core";
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
import { type Translate, textOfFinding, useT } from "./i18n";
import { type Verified, type SortKey, type Sort, stateOf, NEEDS_ATTENTION, sortResults, useDeskStyles } from "./coordinatorDesk";
import {
  categoryHoursText,
  logCellText,
  nextCreditText,
  profileFieldLabelOf,
  ruleSetName,
  stateLineText,
  stateWord,
  submissionFieldName,
} from "./words";

export interface CoordinatorViewProps {
  readonly asOf?: IsoDate;
  readonly onGoToRow: (row: number) => void;
  readonly onVerified: () => Promise<unknown>;
  /** Shown below the results (the web tracker's record file). */
  readonly extra?: ReactNode;
}

/** A result's name as the pane shows it: the open workbook in the pane's language, a file by its name. */
function shownName(result: Verification, t: Translate): string {
  return result.name === OPEN_WORKBOOK ? t("coordinator.thisWorkbook") : result.name;
}

/** What changed after export: profile fields, and each changed or added row with its cells; a removed row by its stored row number. */
function Changes({ result }: { result: Verified }) {
  const t = useT();
  const styles = usePaneStyles();
  const desk = useDeskStyles();
  const { edits } = result.report;
  if (result.report.submission !== "edited") return null;
  if (edits === null || edits === undefined) {
    return <p className={styles.hint}>{t("coordinator.noDigests")}</p>;
  }
  return (
    <ul className={desk.changes} aria-label={t("coordinator.changesIn", { name: shownName(result, t) })}>
      {edits.map((edit) =>
        "profileField" in edit ? (
          <li key={`profile ${edit.profileField}`}>
            {t("coordinator.profileFieldChanged", { field: profileFieldLabelOf(edit.profileField, t) })}
          </li>
        ) : (
          <li key={`row ${edit.row}`} data-testid="changed-row">
            {edit.change === "removed" ? (
              t("coordinator.rowRemoved", { row: edit.row })
            ) : (
              <>
                {t("coordinator.rowChanged", { row: edit.row, change: edit.change })}
                <div className={desk.rowTableScroll}>
                  <table className={desk.rowTable}>
                    <thead>
                      <tr>
                        {FORM.log.map((column) => (
                          <th key={column.key} scope="col">
                            {t("coordinator.logColumn", { column: column.key })}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        {FORM.log.map((column, index) => (
                          <td key={column.key}>{logCellText(column.key, result.editedRows.get(edit.row)?.[index] ?? "", t)}</td>
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

/** A stored or recomputed value of a submission's summary: a number as the language writes it, text as it is. */
function storedText(value: string | number | null, t: Translate): string {
  if (value === null) return t("coordinator.missingValue");
  return typeof value === "number" ? new Intl.NumberFormat(t.locale, { maximumFractionDigits: 3 }).format(value) : value;
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
      setMessage({ intent: "error", text: messageOf(failure, t) });
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
      setMessage({ intent: "error", text: messageOf(failure, t) });
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
    return count === 0 ? [] : [t("coordinator.stateCount", { count, state: stateWord(state, t) })];
  });
  const sortButton = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <Button
        appearance="transparent"
        size="small"
        className={desk.sortButton}
        aria-pressed={active}
        title={t("coordinator.sortTitle", { column: key, order: active ? (sort.descending ? "descending" : "ascending") : "none" })}
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
        {t("coordinator.heading")}
      </h2>
      <p className={styles.hint}>{t("coordinator.hint")}</p>
      <div className={styles.row}>
        <Button appearance="primary" onClick={() => input.current?.click()} disabled={busy}>
          {t("coordinator.chooseFiles")}
        </Button>
        <Button onClick={verifyWorkbook} disabled={busy}>
          {t("coordinator.verifyWorkbook")}
        </Button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".xlsx,.xlsm,.csv"
          hidden
          aria-label={t("coordinator.filesLabel")}
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
        {t("coordinator.drop")}
      </div>
      {busy && <Spinner size="tiny" label={t("coordinator.verifying")} />}
      {message !== null && <StatusMessage intent={message.intent}>{message.text}</StatusMessage>}
      {results.length > 0 && (
        <>
          <div className={styles.row}>
            <p className={styles.hint} data-testid="verification-totals">
              {t("coordinator.totals", { files: t("words.files", { count: results.length }), counts: counts.join(", ") })}
            </p>
            <Checkbox
              label={t("coordinator.attentionOnly")}
              checked={attentionOnly}
              onChange={(_, data) => setAttentionOnly(data.checked === true)}
              data-testid="attention-only"
            />
          </div>
          <div className={desk.header} role="group" aria-label={t("coordinator.sortGroup")}>
            <span className={desk.sortLabel}>{t("coordinator.sortBy")}</span>
            {sortButton("state", t("coordinator.column.state"))}
            {sortButton("mentee", t("coordinator.column.mentee"))}
            <span className={desk.wideOnly}>{t("coordinator.column.email")}</span>
            {sortButton("date", t("coordinator.column.exported"))}
            <span className={mergeClasses(desk.wideOnly, desk.number)}>{t("coordinator.column.credits")}</span>
            <span className={desk.wideOnly}>{t("coordinator.column.hours")}</span>
            <span className={desk.wideOnly}>{t("coordinator.column.nextCredit")}</span>
          </div>
          {shown.length === 0 ? (
            <p className={styles.hint}>{t("coordinator.noneNeedsAttention")}</p>
          ) : (
            <ul className={desk.results} aria-label={t("coordinator.results")}>
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
                        {t("coordinator.stateDetail", {
                          state: stateWord("unreadable", t),
                          detail: textOfFinding(t, { message: result.error, words: result.words ?? undefined }),
                        })}
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
              {t("coordinator.record")}
            </Button>
            <Button appearance="subtle" onClick={() => setResults([])} disabled={busy}>
              {t("coordinator.clear")}
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
          {stateLineText(report, t)}
        </span>
        <span className={styles.wrapText} data-testid="verified-mentee">
          <span className={desk.mentee}>{report.mentee.name ?? t("coordinator.noName")}</span>
          <span className={mergeClasses(desk.file, styles.wrapText)}>{shownName(result, t)}</span>
        </span>
        <span className={mergeClasses(desk.cell, styles.wrapText)}>{report.mentee.email ?? t("coordinator.noEmail")}</span>
        <span className={desk.cell}>
          {report.exportedAt === undefined || report.exportedAt === null ? (
            t("coordinator.notExported")
          ) : (
            <>
              <span className={desk.narrowOnly}>{t("coordinator.exported")} </span>
              {utcTimeText(report.exportedAt)}
            </>
          )}
        </span>
        <span className={mergeClasses(desk.cell, desk.number)}>{t("words.credits", { count: report.credits })}</span>
        <span className={desk.cell}>
          {CATEGORIES.map((category) => categoryHoursText(category, report.hours[category], t)).join(" · ")}
        </span>
        <span className={mergeClasses(desk.cell, styles.wrapText)}>{nextCreditText(report, t)}</span>
        <details className={mergeClasses(styles.details, desk.details)}>
          <summary>{t("coordinator.details")}</summary>
          <p className={styles.hint}>{t("coordinator.ruleSetAsOf", { ruleSet: ruleSetName(ruleSet, t), asOf: report.asOf })}</p>
          <Changes result={result} />
          {(report.summaryMismatches ?? []).length > 0 && (
            <ul aria-label={t("coordinator.summaryDifferences")}>
              {(report.summaryMismatches ?? []).map((mismatch) => (
                <li key={mismatch.field}>
                  {t("coordinator.summaryDifference", {
                    field: submissionFieldName(mismatch.field, t),
                    stored: storedText(mismatch.stored, t),
                    recomputed: storedText(mismatch.recomputed, t),
                  })}
                </li>
              ))}
            </ul>
          )}
          {result.findings.length === 0 ? (
            <p className={styles.hint}>{t("coordinator.noFindings")}</p>
          ) : (
            <FindingsList
              findings={result.findings}
              onGo={(at) => {
                if (!isOpenWorkbook) return;
                if (at.kind === "row") onGoToRow(at.row);
                else void workbook.goTo(at).catch(() => undefined);
              }}
              label={t("coordinator.findingsOf", { name: shownName(result, t) })}
            />
          )}
        </details>
      </>
    );
  }
}
