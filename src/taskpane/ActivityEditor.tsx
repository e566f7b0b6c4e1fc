import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ACTIVITIES, CREDENTIAL_CHOICES, type IsoDate, type WorkbookContent, activityByCode } from "../core";
import {
  type ActivityField,
  type ActivityValues,
  checkActivity,
  credentialHint,
  newActivity,
  proposedCredential,
  quantityHint,
  activityName,
} from "./activityForm";
import { excelDecimalMark } from "../excel/host";
import { localeDecimalMark } from "./dates";
import { type Message, StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { useFindingText, useT } from "./i18n";
import { messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";

/** A logged row being corrected: its worksheet row and the cells the pane read. */
export interface EditedRow {
  readonly row: number;
  readonly cells: readonly import("../core").CellValue[];
}

export interface ActivityEditorProps {
  readonly content: WorkbookContent;
  readonly asOf: IsoDate;
  /** The row to correct, or null to add a new one. */
  readonly editing: EditedRow | null;
  /** The form's values survive switching tabs and re-renders: the parent keeps them. */
  readonly values: ActivityValues;
  readonly onValues: (values: ActivityValues) => void;
  readonly onDone: () => void;
  /** After a row was written: its worksheet row (to select it). */
  readonly onWritten: (row: number) => Promise<unknown>;
}

/**
 * Add an activity, or correct a logged one. Fields follow the activity
 * (its unit, who the provider is, whether the credential counts); nothing is
 * written while the core finds an error, and each message sits under its field.
 */
export function ActivityEditor({ content, asOf, editing, values, onValues, onDone, onWritten }: ActivityEditorProps) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const ids = useId();
  const [errors, setErrors] = useState<Partial<Record<ActivityField, string>>>({});
  const [status, setStatus] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  const activity = activityByCode(values.activity);
  const formats = activity?.formats ?? (["in-person", "virtual"] as const);
  const needsCredential = activity?.credentials != null;
  const t = useT();
  const findingText = useFindingText();
  const providerLabel = t("editor.provider", { category: activity?.category ?? "other" });

  // Correcting a row: its cells come with it (the view sets them with the row, in one render, so nothing
  // typed after the form names the row is replaced); a new edit clears what an earlier one said.
  const editingKey = editing === null ? null : `${editing.row}:${JSON.stringify(editing.cells)}`;
  useEffect(() => {
    if (editing === null) return;
    setErrors({});
    setStatus(null);
    heading.current?.scrollIntoView?.({ block: "start" });
    heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once per row to correct
  }, [editingKey]);

  // Excel's decimal mark, asked once when the form shows, so an add costs no extra round trip.
  const excelMark = useRef<string | null>(null);
  useEffect(() => {
    let current = true;
    void excelDecimalMark().then((mark) => {
      if (current) excelMark.current = mark;
    });
    return () => {
      current = false;
    };
  }, []);

  const change = (field: ActivityField, value: string) => {
    const next = { ...values, [field]: value } as ActivityValues;
    if (field === "activity") {
      const chosen = activityByCode(value);
      // A format the new activity does not allow would only produce an error: clear it; a single format is chosen.
      if (chosen !== undefined && next.format !== "" && !chosen.formats.includes(next.format)) next.format = "";
      if (chosen !== undefined && chosen.formats.length === 1) next.format = chosen.formats[0] ?? "";
      const proposed = proposedCredential(chosen);
      // A credential the earlier activity proposed (Mentor for 1x1) is not carried to another: it would only mislead.
      const earlier = proposedCredential(activityByCode(values.activity));
      if (earlier !== null && next.credential.trim() === earlier) next.credential = "";
      if (proposed !== null && next.credential.trim() === "") next.credential = proposed;
    }
    onValues(next);
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setStatus(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkActivity(
      values,
      {
        asOf,
        dateSystem: content.log.dateSystem,
        existingRows: content.log.rows,
        editingRow: editing?.row,
        // Typed numbers read as Excel's grid reads them; outside Excel, as the pane's language writes them
        // (read when an activity is added, not when the form is drawn: the locale's number data loads on first use).
        decimalMark: excelMark.current ?? (excelMark.current = await excelDecimalMark()) ?? localeDecimalMark(t.locale),
      },
      findingText,
    );
    setErrors(check.fieldErrors);
    const count = Object.keys(check.fieldErrors).length;
    if (count > 0) {
      setStatus({
        intent: "error",
        text: t("editor.notDone", { row: editing === null ? "new" : editing.row, count }),
      });
      return;
    }
    setBusy(true);
    try {
      let row: number;
      if (editing === null) row = await workbook.appendRow(check.cells);
      else {
        await workbook.writeRow(editing.row, check.cells, editing.cells);
        row = editing.row;
      }
      setStatus({
        intent: check.warnings.length > 0 ? "warning" : "success",
        text: t("editor.done", {
          row: editing === null ? "new" : "edited",
          number: row,
          note: check.warnings.length > 0 ? check.warnings.join(" ") : "none",
        }),
      });
      // The next activity keeps the date, activity and format: logs often repeat them.
      onValues(
        editing === null
          ? {
              ...newActivity(asOf),
              date: values.date,
              activity: values.activity,
              format: values.format,
              credential: proposedCredential(activity) ?? "",
            }
          : newActivity(asOf),
      );
      if (editing !== null) onDone();
      await onWritten(row);
    } catch (error) {
      setStatus({ intent: "error", text: messageOf(error, t) });
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: ActivityField) => ({
    validationMessage: errors[field],
    validationState: errors[field] === undefined ? ("none" as const) : ("error" as const),
  });

  return (
    <section className={styles.section} aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className={styles.heading} ref={heading} tabIndex={-1}>
        {editing === null ? t("editor.add") : t("editor.correct", { row: editing.row })}
      </h2>
      <form
        className={styles.form}
        onSubmit={submit}
        noValidate
        aria-label={editing === null ? t("editor.add") : t("editor.correct", { row: editing.row })}
      >
        <Field
          label={t("editor.activity")}
          required
          hint={
            activity === undefined ? undefined : t("editor.activityHint", { label: activityName(t, activity), category: activity.category })
          }
          {...fieldProps("activity")}
        >
          <Select
            className={styles.select}
            select={{ className: styles.selectInner }}
            value={values.activity}
            onChange={(_, data) => change("activity", data.value)}
          >
            <option value="">{t("editor.chooseActivity")}</option>
            {values.activity !== "" && activityByCode(values.activity) === undefined && (
              // A row being corrected may hold an activity the program does not list: shown as typed, to be changed.
              <option value={values.activity}>{t("editor.notInList", { activity: values.activity })}</option>
            )}
            {ACTIVITIES.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {t("editor.activityOption", { label: activityName(t, choice), category: choice.category })}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("editor.date")} required hint={t("editor.dateHint")} {...fieldProps("date")}>
          <Input type="date" value={values.date} max={asOf} onChange={(_, data) => change("date", data.value)} />
        </Field>
        <Field
          label={t("editor.format")}
          required
          hint={
            activity !== undefined && activity.formats.length === 1 ? t("editor.inPersonOnly", { category: activity.category }) : undefined
          }
          {...fieldProps("format")}
        >
          <Select
            className={styles.select}
            select={{ className: styles.selectInner }}
            value={values.format}
            onChange={(_, data) => change("format", data.value)}
          >
            <option value="">{t("editor.chooseFormat")}</option>
            {formats.map((format) => (
              <option key={format} value={format}>
                {t(`format.${format}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={providerLabel} required={activity?.needsProvider === true} {...fieldProps("provider")}>
          <Input value={values.provider} onChange={(_, data) => change("provider", data.value)} />
        </Field>
        <Field label={t("editor.credential")} required={needsCredential} hint={credentialHint(activity, t)} {...fieldProps("credential")}>
          <Input list={`${ids}-credentials`} value={values.credential} onChange={(_, data) => change("credential", data.value)} />
        </Field>
        <datalist id={`${ids}-credentials`}>
          {CREDENTIAL_CHOICES.map((choice) => (
            <option key={choice} value={choice} />
          ))}
        </datalist>
        <Field
          label={activity === undefined ? t("editor.quantity") : t("editor.quantityUnit", { unit: activity.unit })}
          required
          hint={quantityHint(activity, t)}
          {...fieldProps("quantity")}
        >
          <Input inputMode="decimal" value={values.quantity} onChange={(_, data) => change("quantity", data.value)} />
        </Field>
        <Field label={t("editor.notes")} hint={t("editor.notesHint")}>
          <Textarea value={values.notes} resize="vertical" onChange={(_, data) => change("notes", data.value)} />
        </Field>
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={busy}>
            {editing === null ? t("editor.addToLog") : t("editor.saveRow", { row: editing.row })}
          </Button>
          {editing !== null && (
            <Button
              onClick={() => {
                onValues(newActivity(asOf));
                setErrors({});
                setStatus(null);
                onDone();
              }}
            >
              {t("editor.cancel")}
            </Button>
          )}
        </div>
        {status !== null && <StatusMessage intent={status.intent}>{status.text}</StatusMessage>}
      </form>
    </section>
  );
}
