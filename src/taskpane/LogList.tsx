import { Button, mergeClasses } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import {
  type Assessment,
  type CellValue,
  type LogRow,
  type WorkbookContent,
  LOG_INDEX,
  cellText,
  findActivity,
  milliToHours,
  readDateCell,
} from "../core";
import { localDate } from "./dates";
import { usePaneStyles } from "./styles";
import { type Translate, useT } from "./i18n";
import { activityName } from "./activityForm";

export interface LogListProps {
  readonly content: WorkbookContent;
  readonly assessment: Assessment;
  readonly onEdit: (row: LogRow) => void;
  readonly onRemove: (row: LogRow) => Promise<void>;
  readonly onGo: (row: number) => void;
}

const PAGE = 10;

/** A row as a person names it: "12 Mar 2024 · Treatment received from a CST-T or CST-D · 1.5". */
export function rowSummary(cells: readonly CellValue[], dateSystem: "1900" | "1904", t: Translate): string {
  const date = readDateCell(cells[LOG_INDEX.date], dateSystem);
  const activity = findActivity(cellText(cells[LOG_INDEX.activity]));
  const quantity = cellText(cells[LOG_INDEX.quantity]);
  const parts = [
    date.ok ? localDate(date.date, t.locale) : cellText(cells[LOG_INDEX.date]) || t("log.noDate"),
    (activity === null ? "" : activityName(t, activity)) || cellText(cells[LOG_INDEX.activity]) || t("log.noActivity"),
    quantity === ""
      ? t("log.noQuantity")
      : t("log.quantity", { quantity, unit: activity?.unit ?? "none", count: quantity === "1" ? 1 : 2 }).trim(),
  ];
  return parts.join(" · ");
}

/**
 * The logged activities, the latest date first (rows of one day, and rows
 * without a readable date, the last row first), each with Edit and Remove (after a
 * confirmation that names the row). Long logs show a page at a time.
 */
export function LogList({ content, assessment, onEdit, onRemove, onGo }: LogListProps) {
  const t = useT();
  const styles = usePaneStyles();
  const [shown, setShown] = useState(PAGE);
  const [removing, setRemoving] = useState<LogRow | null>(null);
  const [busy, setBusy] = useState(false);
  const results = useMemo(() => new Map(assessment.rows.map((row) => [row.row, row])), [assessment]);
  const rows = useMemo(() => {
    const day = (row: LogRow) => results.get(row.row)?.day ?? Number.NEGATIVE_INFINITY;
    return content.log.rows.filter((row) => results.has(row.row)).sort((a, b) => day(b) - day(a) || b.row - a.row);
  }, [content, results]);

  return (
    <section className={styles.section} aria-labelledby="log-heading">
      <h2 id="log-heading" className={styles.heading}>
        {t("log.heading", { count: rows.length })}
      </h2>
      {rows.length === 0 ? (
        <p className={styles.hint}>{t("log.empty")}</p>
      ) : (
        <ul className={styles.list} aria-label={t("log.list")}>
          {rows.slice(0, shown).map((row) => {
            const result = results.get(row.row);
            const status =
              result === undefined
                ? ""
                : result.errors.length > 0
                  ? t("log.doesNotCount")
                  : t("log.counts", { hours: milliToHours(result.hours) });
            return (
              <li key={row.row} className={styles.logRow}>
                <span className={styles.wrapText}>
                  <Button appearance="transparent" size="small" onClick={() => onGo(row.row)} title={`Select row ${row.row} in the sheet`}>
                    Row {row.row}
                  </Button>
                  {rowSummary(row.cells, content.log.dateSystem, t)}
                </span>
                <span className={mergeClasses(styles.hint, result !== undefined && result.errors.length > 0 && styles.errorMark)}>
                  {status}
                </span>
                {removing?.row === row.row ? (
                  <RemoveConfirmation
                    row={row}
                    summary={rowSummary(row.cells, content.log.dateSystem, t)}
                    busy={busy}
                    onRemove={async () => {
                      setBusy(true);
                      try {
                        await onRemove(row);
                      } finally {
                        setBusy(false);
                        setRemoving(null);
                      }
                    }}
                    onKeep={() => setRemoving(null)}
                  />
                ) : (
                  <span className={styles.logActions}>
                    <Button size="small" onClick={() => onEdit(row)} aria-label={t("log.editRow", { row: row.row })}>
                      {t("log.edit")}
                    </Button>
                    <Button size="small" onClick={() => setRemoving(row)} aria-label={t("log.removeRow", { row: row.row })}>
                      {t("log.remove")}
                    </Button>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {rows.length > shown && (
        <div className={styles.row}>
          <Button size="small" onClick={() => setShown((count) => count + 5 * PAGE)}>
            {t("log.showMore", { count: Math.min(5 * PAGE, rows.length - shown) })}
          </Button>
        </div>
      )}
    </section>
  );
}

/** Asks before a row is deleted, naming it; the focus goes to the question so a screen reader reads it. */
function RemoveConfirmation(props: { row: LogRow; summary: string; busy: boolean; onRemove: () => void; onKeep: () => void }) {
  const t = useT();
  const styles = usePaneStyles();
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => question.current?.focus(), []);
  return (
    <div role="group" aria-label={t("log.removeQuestion", { row: props.row.row })} className={styles.form}>
      <p ref={question} tabIndex={-1} className={styles.wrapText}>
        {t("log.removeExplained", { row: props.row.row, summary: props.summary })}
      </p>
      <span className={styles.logActions}>
        <Button size="small" appearance="primary" disabled={props.busy} onClick={props.onRemove}>
          {t("log.removeRow", { row: props.row.row })}
        </Button>
        <Button size="small" onClick={props.onKeep}>
          {t("log.keep")}
        </Button>
      </span>
    </div>
  );
}
