/**
 * The open workbook's tracking form, read and assessed by the core. Every
 * view reads from here. The pane follows the workbook (SPEC 10): whatever
 * changes it, a row typed into the table, a row deleted, a Profile value, or
 * the pane's own writes, the workbook tells `subscribe`'s listener and the
 * form is read again shortly after, once for a burst of changes; the latest
 * read wins. Views may still call `refresh()` after their own changes.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { type Assessment, type IsoDate, checkLog, isEmptyRow, todayIsoDate } from "../core";
import type { WorkbookContent } from "../core";
import { WorkbookError } from "../excel/workbook";
import { useWorkbook } from "./WorkbookContext";

export interface TrackerState {
  readonly content: WorkbookContent | null;
  readonly assessment: Assessment | null;
  readonly asOf: IsoDate;
  /** A failure to read the workbook, for the user. */
  readonly readError: string | null;
  readonly refresh: () => Promise<WorkbookContent | null>;
}

/** How long a burst of changes may last before the form is read again: well within the second SPEC 10 allows. */
export const FOLLOW_DELAY_MS = 250;

export function messageOf(error: unknown): string {
  if (error instanceof WorkbookError) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Something went wrong (${detail}): try again.`;
}

export function useTracker(asOfOverride?: IsoDate): TrackerState {
  const workbook = useWorkbook();
  const asOf = asOfOverride ?? todayIsoDate();
  const [content, setContent] = useState<WorkbookContent | null>(null);
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const next = await workbook.readForm();
      if (request !== latest.current) return next;
      setContent(next);
      // Checked as export will check it, so a missing mentee name is among the findings before export refuses; but an
      // untouched new form (no activity yet) shows guidance, not an error for the name nobody was asked for yet.
      const touched = next.log.rows.some((row) => !isEmptyRow(row.cells));
      setAssessment(checkLog(next.log, { asOf, forExport: touched }));
      setReadError(null);
      return next;
    } catch (error) {
      if (request === latest.current) setReadError(messageOf(error));
      return null;
    }
  }, [workbook, asOf]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // One read per burst: the first change starts the wait, later ones within it ride along; a change during the read starts another.
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = workbook.subscribe(() => {
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void refresh();
      }, FOLLOW_DELAY_MS);
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      stop();
    };
  }, [workbook, refresh]);

  return { content, assessment, asOf, readError, refresh };
}
