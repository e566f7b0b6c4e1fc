import { Button, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { useState } from "react";
import { checkLog } from "../core";
import type { GoToTarget } from "../excel/workbook";
import { AddActivityForm } from "./AddActivityForm";
import type { ExportOutcome } from "./exportSubmission";
import { FindingsList } from "./FindingsList";
import { listFindings, rowMarks } from "./findings";
import { ProfileEditor } from "./ProfileEditor";
import { ProgressView } from "./ProgressView";
import { usePaneStyles } from "./styles";
import { type TrackerState, messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";

export interface MenteeViewProps {
  readonly tracker: TrackerState;
  readonly onGo: (target: GoToTarget) => void;
  readonly onExport: () => void;
  readonly exporting: boolean;
  readonly exportOutcome: ExportOutcome | null;
}

export function MenteeView({ tracker, onGo, onExport, exporting, exportOutcome }: MenteeViewProps) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const { content, assessment, asOf, refresh } = tracker;
  const [formMessage, setFormMessage] = useState<{ intent: "success" | "info" | "error"; text: string } | null>(null);
  const [markMessage, setMarkMessage] = useState<{ intent: "success" | "error"; text: string } | null>(null);

  const insert = async () => {
    try {
      const result = await workbook.insertForm();
      setFormMessage(
        result.inserted
          ? {
              intent: "success",
              text: "The tracking form was added: a Profile sheet and a Tracking Form sheet with the MentorshipLog table.",
            }
          : { intent: "info", text: result.reason },
      );
      await refresh();
    } catch (error) {
      setFormMessage({ intent: "error", text: messageOf(error) });
    }
  };

  const mark = async () => {
    try {
      const fresh = await refresh();
      if (fresh === null) return;
      const current = checkLog(fresh.log, { asOf });
      await workbook.markRows(rowMarks(current));
      setMarkMessage({ intent: "success", text: "The Status column beside the log shows each row's findings." });
    } catch (error) {
      setMarkMessage({ intent: "error", text: messageOf(error) });
    }
  };

  if (content === null || assessment === null) {
    return tracker.readError === null ? <Spinner label="Reading the workbook…" /> : null;
  }
  const findings = listFindings(assessment);

  return (
    <>
      <section className={styles.section} aria-labelledby="form-heading">
        <h2 id="form-heading" className={styles.heading}>
          Tracking form
        </h2>
        {content.hasLog ? (
          <p className={styles.hint}>
            {assessment.rows.length} {assessment.rows.length === 1 ? "activity" : "activities"} logged in the MentorshipLog table.
          </p>
        ) : (
          <p className={styles.hint}>
            This workbook has no tracking form yet. Insert it to start logging; your other sheets are left as they are.
          </p>
        )}
        <div className={styles.row}>
          <Button appearance={content.hasLog ? "secondary" : "primary"} onClick={insert}>
            Insert tracking form
          </Button>
        </div>
        {formMessage !== null && (
          <MessageBar intent={formMessage.intent}>
            <MessageBarBody className={styles.wrapText}>{formMessage.text}</MessageBarBody>
          </MessageBar>
        )}
      </section>

      {content.hasProfile && <ProfileEditor content={content} asOf={asOf} onSaved={refresh} />}
      {content.hasLog && <AddActivityForm content={content} asOf={asOf} onAdded={refresh} />}
      {content.hasLog && <ProgressView assessment={assessment} />}

      {content.hasLog && (
        <section className={styles.section} aria-labelledby="findings-heading">
          <h2 id="findings-heading" className={styles.heading}>
            Findings ({findings.length})
          </h2>
          {findings.length === 0 ? (
            <p className={styles.hint}>No errors or warnings: every row counts.</p>
          ) : (
            <>
              <p className={styles.hint}>Select a finding to go to its row.</p>
              <FindingsList findings={findings} onGo={onGo} label="Findings" />
            </>
          )}
          <div className={styles.row}>
            <Button onClick={mark}>Write status column</Button>
          </div>
          {markMessage !== null && (
            <MessageBar intent={markMessage.intent}>
              <MessageBarBody className={styles.wrapText}>{markMessage.text}</MessageBarBody>
            </MessageBar>
          )}
        </section>
      )}

      <section className={styles.section} aria-labelledby="export-heading">
        <h2 id="export-heading" className={styles.heading}>
          Export
        </h2>
        <p className={styles.hint}>Builds a submission workbook for your coordinator. Your own workbook is not changed.</p>
        <div className={styles.row}>
          <Button appearance="primary" onClick={onExport} disabled={exporting}>
            Export submission
          </Button>
          {exporting && <Spinner size="tiny" label="Building the submission…" />}
        </div>
        {exportOutcome !== null && <ExportMessage outcome={exportOutcome} onGo={onGo} />}
      </section>
    </>
  );
}

function ExportMessage({ outcome, onGo }: { outcome: ExportOutcome; onGo: (target: GoToTarget) => void }) {
  const styles = usePaneStyles();
  if (outcome.kind === "refused") {
    return (
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody className={styles.wrapText}>
          <MessageBarTitle>Export refused</MessageBarTitle>
          Fix these {outcome.findings.length === 1 ? "error" : `${outcome.findings.length} errors`} first:
          <FindingsList findings={outcome.findings} onGo={onGo} label="Errors that block the export" />
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (outcome.kind === "failed") {
    return (
      <MessageBar intent="error">
        <MessageBarBody className={styles.wrapText}>{outcome.message}</MessageBarBody>
      </MessageBar>
    );
  }
  const credits = `${outcome.credits} ${outcome.credits === 1 ? "credit" : "credits"}`;
  return (
    <MessageBar intent="success">
      <MessageBarBody className={styles.wrapText}>
        {outcome.kind === "opened"
          ? `The submission opened as a new workbook (${credits}). Save it and send it to your coordinator.`
          : `The submission was downloaded as ${outcome.fileName} (${credits}). Send it to your coordinator.`}
      </MessageBarBody>
    </MessageBar>
  );
}
