/**
 * The open workbook's tracking form, read and assessed by the core. Every
 * view reads from here. The pane follows the workbook (docs/rules.md §10): whatever
 * changes the form's sheets, a row typed into the table, a row deleted, a
 * Profile value, the workbook tells `subscribe`'s listener and the form is
 * read again shortly after, once for a burst of changes. Views call
 * `refresh()` after their own writes, which the workbook does not report.
 *
 * Each read costs round trips to Excel (each `context.sync()` crosses the
 * network on Excel on the web), so: one read at a time (a change or a
 * refresh during a read asks for one more read after it, however many
 * arrive), and none while the pane is hidden (the code keeps running in a
 * shared runtime, and Excel keeps raising events): a change then is read
 * when the pane shows again.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Assessment, IsoDate } from "../core";
import { todayIsoDate } from "../core/dates";
import { errorText } from "../core/errorText";
import { onPaneVisibility, paneVisible } from "../excel/paneVisibility";
import { type FormRead, WorkbookError } from "../excel/workbook";
import { type Translate, textOfFinding, useT } from "./i18n";
import { useWorkbook } from "./WorkbookContext";

export interface TrackerState {
  readonly content: FormRead | null;
  readonly assessment: Assessment | null;
  readonly asOf: IsoDate;
  /** A failure to read the workbook, for the user. */
  readonly readError: string | null;
  readonly refresh: () => Promise<FormRead | null>;
}

/** How long a burst of changes may last before the form is read again: well within the second docs/rules.md §10 allows. */
export const FOLLOW_DELAY_MS = 250;

/** A failure for the user: the workbook's own refusal (its words), or that something went wrong, in the pane's language. */
export function messageOf(error: unknown, t: Translate): string {
  if (error instanceof WorkbookError) return textOfFinding(t, error);
  return t("pane.failed", { detail: errorText(error) });
}

interface Reads {
  /** The read under way. */
  running: Promise<FormRead | null> | null;
  /** The one read asked for while another runs: it starts when that one ends. */
  next: Promise<FormRead | null> | null;
}

/** Reads now, or once after the read under way; never two at once, and at most one waiting. */
function queueRead(state: Reads, read: () => Promise<FormRead | null>): Promise<FormRead | null> {
  if (state.running === null) {
    const running = read().finally(() => {
      if (state.running === running) state.running = null;
    });
    state.running = running;
    return running;
  }
  if (state.next === null) {
    const after = state.running.then(() => {
      state.next = null;
      return queueRead(state, read);
    });
    state.next = after;
  }
  return state.next;
}

export function useTracker(asOfOverride?: IsoDate): TrackerState {
  const workbook = useWorkbook();
  const asOf = asOfOverride ?? todayIsoDate();
  const [content, setContent] = useState<FormRead | null>(null);
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  // The failure itself: its message is worded in the pane's language as it is shown (and again if the language changes).
  const [readFailure, setReadFailure] = useState<{ readonly error: unknown } | null>(null);
  const t = useT();
  const reads = useRef<Reads | null>(null);

  const readOnce = useCallback(async () => {
    try {
      // The core comes with the first read: the pane's first paint (its heading, tabs and "Reading the workbook…") needs none of it.
      const [next, { checkLog, isEmptyRow }] = await Promise.all([workbook.readForm(), import(/* webpackChunkName: "core" */ "../core")]);
      setContent(next);
      // Checked as export will check it, so a missing mentee name is among the findings before export refuses; but an
      // untouched new form (no activity yet) shows guidance, not an error for the name nobody was asked for yet.
      const touched = next.log.rows.some((row) => !isEmptyRow(row.cells));
      setAssessment(checkLog(next.log, { asOf, forExport: touched }));
      setReadFailure(null);
      return next;
    } catch (error) {
      setReadFailure({ error });
      return null;
    }
  }, [workbook, asOf]);

  const refresh = useCallback(() => {
    const state = reads.current ?? (reads.current = { running: null, next: null });
    return queueRead(state, readOnce);
  }, [readOnce]);

  useEffect(() => {
    reads.current = { running: null, next: null };
    void refresh();
  }, [refresh]);

  useEffect(() => {
    // One read per burst: the first change starts the wait, later ones within it ride along.
    let timer: ReturnType<typeof setTimeout> | null = null;
    let missed = false;
    const follow = () => {
      if (!paneVisible()) {
        missed = true;
        return;
      }
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        void refresh();
      }, FOLLOW_DELAY_MS);
    };
    const stop = workbook.subscribe(follow);
    const stopVisibility = onPaneVisibility((visible) => {
      if (!visible || !missed) return;
      missed = false;
      follow();
    });
    return () => {
      if (timer !== null) clearTimeout(timer);
      stopVisibility();
      stop();
    };
  }, [workbook, refresh]);

  const readError = readFailure === null ? null : messageOf(readFailure.error, t);
  return { content, assessment, asOf, readError, refresh };
}
