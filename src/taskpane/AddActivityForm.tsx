import { Button, Combobox, Field, Input, MessageBar, MessageBarBody, Option, Select, Textarea } from "@fluentui/react-components";
import { type FormEvent, useState } from "react";
import { ACTIVITIES, FORMAT_LABELS, type IsoDate, UNIT_LABELS, activityByCode, type WorkbookContent } from "../core";
import { type ActivityField, type ActivityValues, EMPTY_ACTIVITY, checkActivity } from "./activityForm";
import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";

const CREDENTIAL_CHOICES = ["CST-T", "CST-D", "Mentor"];

export interface AddActivityFormProps {
  readonly content: WorkbookContent;
  readonly asOf: IsoDate;
  readonly onAdded: (row: number) => Promise<unknown>;
}

export function AddActivityForm({ content, asOf, onAdded }: AddActivityFormProps) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const [values, setValues] = useState<ActivityValues>(EMPTY_ACTIVITY);
  const [errors, setErrors] = useState<Partial<Record<ActivityField, string>>>({});
  const [status, setStatus] = useState<{ intent: "success" | "warning" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const activity = activityByCode(values.activity);
  const quantityLabel = activity === undefined ? "Quantity" : `Quantity (${UNIT_LABELS[activity.unit].many})`;
  const formats = activity?.formats ?? (["in-person", "virtual"] as const);
  const needsCredential = activity?.credentials != null;
  const providerLabel =
    activity?.category === "A" ? "Treating therapist" : activity?.category === "C" ? "Mentor" : "Provider (presenter or leader)";

  const change = (field: ActivityField, value: string) => {
    setValues((previous) => {
      const next = { ...previous, [field]: value };
      // A format the new activity does not allow would only produce an error: clear it.
      if (field === "activity") {
        const chosen = activityByCode(value);
        if (chosen !== undefined && next.format !== "" && !chosen.formats.includes(next.format)) next.format = "";
        if (chosen !== undefined && chosen.formats.length === 1) next.format = chosen.formats[0] ?? "";
      }
      return next as ActivityValues;
    });
    setErrors((previous) => ({ ...previous, [field]: undefined }));
    setStatus(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const check = checkActivity(values, { asOf, dateSystem: content.log.dateSystem, existingRows: content.log.rows });
    setErrors(check.fieldErrors);
    if (Object.keys(check.fieldErrors).length > 0) {
      setStatus({ intent: "error", text: "The activity was not added: fix the fields marked below. What you typed is kept." });
      return;
    }
    setBusy(true);
    try {
      const row = await workbook.appendRow(check.cells);
      setValues((previous) => ({ ...EMPTY_ACTIVITY, date: previous.date, activity: previous.activity, format: previous.format }));
      const warning = check.warnings.length > 0 ? ` Note: ${check.warnings.join(" ")}` : "";
      setStatus({ intent: check.warnings.length > 0 ? "warning" : "success", text: `Added as row ${row}.${warning}` });
      await onAdded(row);
    } catch (error) {
      setStatus({ intent: "error", text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const fieldProps = (field: ActivityField) => ({
    validationMessage: errors[field],
    validationState: errors[field] === undefined ? ("none" as const) : ("error" as const),
  });

  return (
    <section className={styles.section} aria-labelledby="add-heading">
      <h2 id="add-heading" className={styles.heading}>
        Add an activity
      </h2>
      <form className={styles.form} onSubmit={submit} noValidate aria-label="Add an activity">
        <Field label="Activity" required {...fieldProps("activity")}>
          <Select
            className={styles.select}
            select={{ className: styles.selectInner }}
            value={values.activity}
            onChange={(_, data) => change("activity", data.value)}
          >
            <option value="">Choose an activity</option>
            {ACTIVITIES.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.label} ({choice.category})
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Date" required hint="The day of the activity." {...fieldProps("date")}>
          <Input type="date" value={values.date} max={asOf} onChange={(_, data) => change("date", data.value)} />
        </Field>
        <Field
          label="Format"
          required
          hint={
            activity !== undefined && activity.formats.length === 1 ? `Category ${activity.category} counts in person only.` : undefined
          }
          {...fieldProps("format")}
        >
          <Select
            className={styles.select}
            select={{ className: styles.selectInner }}
            value={values.format}
            onChange={(_, data) => change("format", data.value)}
          >
            <option value="">Choose a format</option>
            {formats.map((format) => (
              <option key={format} value={format}>
                {FORMAT_LABELS[format]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={providerLabel} required={activity?.needsProvider === true} {...fieldProps("provider")}>
          <Input value={values.provider} onChange={(_, data) => change("provider", data.value)} />
        </Field>
        <Field
          label="Credential"
          required={needsCredential}
          hint={needsCredential ? `Must be ${activity?.credentials?.join(" or ")}.` : "Optional for this activity."}
          {...fieldProps("credential")}
        >
          <Combobox
            freeform
            value={values.credential}
            selectedOptions={CREDENTIAL_CHOICES.includes(values.credential) ? [values.credential] : []}
            onChange={(event) => change("credential", event.target.value)}
            onOptionSelect={(_, data) => change("credential", data.optionText ?? "")}
          >
            {CREDENTIAL_CHOICES.map((choice) => (
              <Option key={choice}>{choice}</Option>
            ))}
          </Combobox>
        </Field>
        <Field label={quantityLabel} required {...fieldProps("quantity")}>
          <Input inputMode="decimal" value={values.quantity} onChange={(_, data) => change("quantity", data.value)} />
        </Field>
        <Field label="Notes">
          <Textarea value={values.notes} resize="vertical" onChange={(_, data) => change("notes", data.value)} />
        </Field>
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={busy}>
            Add to log
          </Button>
        </div>
        {status !== null && (
          <MessageBar intent={status.intent}>
            <MessageBarBody className={styles.wrapText}>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </form>
    </section>
  );
}
