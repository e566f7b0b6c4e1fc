/**
 * The open workbook's tracking form, read and assessed by the core. Every
 * view reads from here and calls `refresh()` after it changes the workbook.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { type Assessment, type IsoDate, checkLog, todayIsoDate } from "../core";
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
      setAssessment(checkLog(next.log, { asOf }));
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

  return { content, assessment, asOf, readError, refresh };
}
