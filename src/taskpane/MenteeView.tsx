import { Button, Spinner } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { type FindingLocation, type LogRow, type ProfileKey, checkLog, profileLocation } from "../core";
import { ActivityEditor, type EditedRow } from "./ActivityEditor";
import { type ActivityValues, activityValuesFromCells, newActivity } from "./activityForm";
import { Dashboard } from "./Dashboard";
import type { ExportOutcome } from "./exportSubmission";
import { listFindings, rowMarks } from "./findings";
import { FindingsList } from "./FindingsList";
import { LogList, rowSummary } from "./LogList";
import { ProfileEditor, focusProfileField } from "./ProfileEditor";
import { type Message, StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { textOfFinding, useT } from "./i18n";
import { type TrackerState, messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";

/** What identifies the log's state for a message about it: its rows and their cells. */

export interface MenteeViewProps {
  readonly tracker: TrackerState;
  readonly onGoToRow: (row: number) => void;
  readonly onExport: () => void;
  readonly exporting: boolean;
  readonly exportOutcome: ExportOutcome | null;
}

/**
 * The mentee's pane, progress first: the dashboard, then what needs fixing,
 * the activity form (add, or correct a row), the log, the profile and export.
 * Every message belongs to the action or the state it describes and goes when
 * that is no longer true.
 */
export function MenteeView({ tracker, onGoToRow, onExport, exporting, exportOutcome }: MenteeViewProps) {
  const styles = usePaneStyles();
  const t = useT();
  const workbook = useWorkbook();
  const { content, assessment, asOf, refresh } = tracker;
  // The insert message is about a moment: it holds while the log is as the insert left it.
  const [formMessage, setFormMessage] = useState<(Message & { readonly rows: number }) | null>(null);
  const [markMessage, setMarkMessage] = useState<Message | null>(null);
  const [logMessage, setLogMessage] = useState<Message | null>(null);
  const [editing, setEditing] = useState<EditedRow | null>(null);
  // Where the last export was asked for: its answer is shown there (answers where the user is looking).
  const [exportFrom, setExportFrom] = useState<"progress" | "section">("section");
  const [values, setValues] = useState<ActivityValues>(() => newActivity(asOf));
  const markedVersion = useRef<number | null>(null);

  const findings = useMemo(() => (assessment === null ? [] : listFindings(assessment)), [assessment]);
  const sheetErrors = useMemo(() => {
    const errors: Partial<Record<ProfileKey, string>> = {};
    if (assessment === null) return errors;
    for (const error of assessment.profile.errors) {
      errors[profileLocation(error).field] ??= textOfFinding(t, error);
    }
    return errors;
  }, [assessment, t]);
  const rowsVersion = content === null ? -1 : content.revision;

  const goTo = useCallback(
    (at: FindingLocation) => {
      if (at.kind === "profile") focusProfileField(at.field);
      else onGoToRow(at.row);
    },
    [onGoToRow],
  );

  // The same function for every reading of the workbook, so the findings' Edit buttons are not drawn again on each change.
  const latestContent = useRef(content);
  latestContent.current = content;
  const goToRow = useRef(onGoToRow);
  goToRow.current = onGoToRow;
  const editRow = useCallback((rowNumber: number) => {
    const row = latestContent.current?.log.rows.find((each) => each.row === rowNumber);
    if (row === undefined) return;
    setEditing({ row: row.row, cells: row.cells });
    // The row's cells in the form in the same render that names it "Correct row N": what is typed from then on is kept.
    setValues(activityValuesFromCells(row.cells, latestContent.current?.log.dateSystem ?? "1900"));
    // The sheet shows the row being corrected, as the form does.
    goToRow.current(row.row);
  }, []);

  if (content === null || assessment === null) {
    return tracker.readError === null ? <Spinner label={t("mentee.reading")} /> : null;
  }

  const insert = async () => {
    try {
      const result = await workbook.insertForm();
      const fresh = await refresh();
      const rows = fresh === null ? rowsVersion : fresh.revision;
      setFormMessage(
        result.inserted
          ? {
              intent: "success",
              text: t("mentee.formAdded"),
              rows,
            }
          : { intent: "info", text: textOfFinding(t, { message: result.reason, words: result.words }), rows },
      );
    } catch (error) {
      setFormMessage({ intent: "error", text: messageOf(error, t), rows: rowsVersion });
    }
  };

  const mark = async () => {
    try {
      const fresh = await refresh();
      if (fresh === null) return;
      await workbook.markRows(rowMarks(checkLog(fresh.log, { asOf })));
      markedVersion.current = fresh.revision;
      setMarkMessage({ intent: "success", text: t("mentee.statusShown") });
    } catch (error) {
      setMarkMessage({ intent: "error", text: messageOf(error, t) });
    }
  };
  const statusStale = markedVersion.current !== null && markedVersion.current !== rowsVersion;

  const remove = async (row: LogRow) => {
    try {
      await workbook.removeRow(row.row, row.cells);
      if (editing?.row === row.row) setEditing(null);
      setLogMessage({
        intent: "success",
        text: t("mentee.removed", { row: row.row, summary: rowSummary(row.cells, content.log.dateSystem, t) }),
      });
      await refresh();
    } catch (error) {
      setLogMessage({ intent: "error", text: messageOf(error, t) });
    }
  };

  const errors = findings.filter((finding) => finding.level === "error").length;
  const warnings = findings.length - errors;

  return (
    <>
      {!content.hasLog && (
        <section className={styles.section} aria-labelledby="form-heading">
          <h2 id="form-heading" className={styles.heading}>
            {t("mentee.trackingForm")}
          </h2>
          <p className={styles.hint}>{t("mentee.noForm")}</p>
          <div className={styles.row}>
            <Button appearance="primary" onClick={insert}>
              {t("mentee.insertForm")}
            </Button>
          </div>
        </section>
      )}
      {formMessage !== null && formMessage.rows === rowsVersion && (
        <StatusMessage intent={formMessage.intent}>{formMessage.text}</StatusMessage>
      )}

      {content.hasLog && (
        <Dashboard
          assessment={assessment}
          onProfileField={focusProfileField}
          onExport={() => {
            setExportFrom("progress");
            onExport();
          }}
          exporting={exporting}
          onAwardRecorded={refresh}
          exportAnswer={exportFrom === "progress" && exportOutcome !== null ? <ExportMessage outcome={exportOutcome} onGo={goTo} /> : null}
        />
      )}

      {content.hasLog && (
        <section className={styles.section} aria-labelledby="findings-heading">
          <h2 id="findings-heading" className={styles.heading}>
            {t("findings.heading", {
              summary:
                findings.length === 0
                  ? t("findings.none")
                  : t("findings.counts", { errors, warnings, both: errors > 0 && warnings > 0 ? "yes" : "no" }),
            })}
          </h2>
          {findings.length === 0 ? (
            <p className={styles.hint}>{t("findings.noneHint")}</p>
          ) : (
            <>
              <p className={styles.hint}>{t("findings.hint")}</p>
              <FindingsList findings={findings} onGo={goTo} onEdit={editRow} label={t("findings.label")} />
            </>
          )}
          <div className={styles.row}>
            <Button onClick={mark}>{markMessage === null ? t("findings.showStatus") : t("findings.showStatusAgain")}</Button>
          </div>
          {markMessage !== null &&
            (statusStale && markMessage.intent === "success" ? (
              <StatusMessage intent="warning">{t("findings.stale")}</StatusMessage>
            ) : (
              <StatusMessage intent={markMessage.intent}>{markMessage.text}</StatusMessage>
            ))}
        </section>
      )}

      {content.hasLog && (
        <ActivityEditor
          content={content}
          asOf={asOf}
          editing={editing}
          values={values}
          onValues={setValues}
          onDone={() => setEditing(null)}
          onWritten={async (row) => {
            await refresh();
            onGoToRow(row);
          }}
        />
      )}

      {content.hasLog && (
        <>
          <LogList content={content} assessment={assessment} onEdit={(row) => editRow(row.row)} onRemove={remove} onGo={onGoToRow} />
          {logMessage !== null && <StatusMessage intent={logMessage.intent}>{logMessage.text}</StatusMessage>}
        </>
      )}

      {content.hasProfile && <ProfileEditor content={content} asOf={asOf} sheetErrors={sheetErrors} onSaved={refresh} />}

      <ExportSection
        hasLog={content.hasLog}
        onExport={() => {
          setExportFrom("section");
          onExport();
        }}
        exporting={exporting}
        outcome={exportFrom === "section" ? exportOutcome : null}
        onGo={goTo}
      />
    </>
  );
}

function ExportSection({
  hasLog,
  onExport,
  exporting,
  outcome,
  onGo,
}: {
  hasLog: boolean;
  onExport: () => void;
  exporting: boolean;
  outcome: ExportOutcome | null;
  onGo: (at: FindingLocation) => void;
}) {
  const styles = usePaneStyles();
  const t = useT();
  return (
    <section className={styles.section} aria-labelledby="export-heading">
      <h2 id="export-heading" className={styles.heading}>
        {t("export.heading")}
      </h2>
      <p className={styles.hint}>{hasLog ? t("export.hint") : t("export.hintNoLog")}</p>
      <div className={styles.row}>
        <Button appearance="primary" onClick={onExport} disabled={exporting || !hasLog}>
          {t("dashboard.export")}
        </Button>
        {exporting && <Spinner size="tiny" label={t("export.building")} />}
      </div>
      {outcome !== null && hasLog && <ExportMessage outcome={outcome} onGo={onGo} />}
    </section>
  );
}

/** The answer to an export, where it was asked for; it takes the focus, so that it is seen and read at once. */
function ExportMessage({ outcome, onGo }: { outcome: ExportOutcome; onGo: (at: FindingLocation) => void }) {
  const t = useT();
  const answer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    answer.current?.focus();
    answer.current?.scrollIntoView?.({ block: "nearest" });
  }, [outcome]);
  if (outcome.kind === "refused") {
    return (
      <StatusMessage intent="error" title={t("export.refused")} focusRef={answer}>
        {t("export.fixFirst", { count: outcome.findings.length })}
        <FindingsList findings={outcome.findings} onGo={onGo} label={t("export.blocking")} />
      </StatusMessage>
    );
  }
  if (outcome.kind === "failed")
    return (
      <StatusMessage intent="error" focusRef={answer}>
        {outcome.message}
      </StatusMessage>
    );
  const credits = t("words.credits", { count: outcome.credits });
  return (
    <StatusMessage intent="success" title={t("export.nextTitle")} focusRef={answer}>
      <span data-testid="export-next-steps">
        {outcome.kind === "opened"
          ? t("export.opened", { credits })
          : outcome.tooLarge !== undefined
            ? t("export.tooLarge", { megabytes: Math.round(outcome.tooLarge / 100_000) / 10, file: outcome.fileName, credits })
            : t("export.downloaded", { file: outcome.fileName, credits })}{" "}
        {t("export.keepLogging")}
      </span>
    </StatusMessage>
  );
}
