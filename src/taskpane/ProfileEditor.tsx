import { Button, Field, Input, Select } from "@fluentui/react-components";
import { type FormEvent, useEffect, useState } from "react";
import { type DateSystem, type IsoDate, type ProfileKey, type WorkbookContent, PROFILE_FIELDS, PROFILE_INDEX, RULE_SET_IDS } from "../core";
import { type ProfileValues, checkProfile, profileCells, profileValuesFromCells } from "./profileForm";
import { type Message, StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";
import { useT } from "./i18n";
import { profileFieldHint, profileFieldLabel, ruleSetName } from "./words";

/** The id of a profile field's input, so findings and the dashboard can take the user to it. */
export const profileFieldId = (key: ProfileKey): string => `profile-field-${key}`;

/** Moves the focus to a profile field of the pane (and scrolls it into view). */
export function focusProfileField(key: ProfileKey): void {
  const input = document.getElementById(profileFieldId(key));
  input?.scrollIntoView?.({ block: "center" });
  input?.focus();
}

const INPUT_TYPES: Partial<Record<ProfileKey, "email" | "date" | "number">> = {
  email: "email",
  techniqueCertifiedOn: "date",
  diplomateCertifiedOn: "date",
  creditsAwarded: "number",
};

export interface ProfileEditorProps {
  readonly content: WorkbookContent;
  readonly asOf: IsoDate;
  /** The profile's findings as the sheet holds it (the missing name included): shown beside fields not being edited. */
  readonly sheetErrors: Partial<Record<ProfileKey, string>>;
  readonly onSaved: () => Promise<unknown>;
}

export function ProfileEditor({ content, asOf, sheetErrors, onSaved }: ProfileEditorProps) {
  const t = useT();
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const dateSystem: DateSystem = content.log.dateSystem;
  const [values, setValues] = useState<ProfileValues>(() => profileValuesFromCells(content.log.profileCells, dateSystem));
  const [errors, setErrors] = useState<Partial<Record<ProfileKey, string>>>({});
  const [status, setStatus] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  // Fields the user changed in the pane: only those are written.
  const [touched, setTouched] = useState<ReadonlySet<ProfileKey>>(() => new Set());

  // Values typed in the sheet show up here, except in the fields the user is editing in the pane.
  const sheetValues = JSON.stringify(content.log.profileCells);
  useEffect(() => {
    const fromSheet = profileValuesFromCells(JSON.parse(sheetValues), dateSystem);
    setValues((previous) => {
      const next = { ...fromSheet };
      for (const key of touched) next[key] = previous[key];
      return next;
    });
  }, [sheetValues, dateSystem, touched]);

  const change = (key: ProfileKey, value: string) => {
    setTouched((previous) => (previous.has(key) ? previous : new Set([...previous, key])));
    setValues((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => ({ ...previous, [key]: undefined }));
    setStatus(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkProfile(values, { asOf, dateSystem }, t);
    setErrors(found);
    const count = Object.keys(found).length;
    if (count > 0) {
      setStatus({ intent: "error", text: t("profile.notSaved", { count }) });
      return;
    }
    const cells = profileCells(values, dateSystem);
    const inSheet = profileValuesFromCells(content.log.profileCells, dateSystem);
    const changed = [...touched].filter((key) => values[key].trim() !== inSheet[key].trim());
    if (changed.length === 0) {
      setTouched(new Set());
      setStatus({ intent: "info", text: t("profile.nothing") });
      return;
    }
    setSaving(true);
    try {
      await workbook.writeProfile(Object.fromEntries(changed.map((key) => [key, cells[PROFILE_INDEX[key]]])));
      const labels = changed.map((key) => profileFieldLabel(key, t));
      setStatus({ intent: "success", text: t("profile.saved", { labels: labels.join(", ") }) });
      await onSaved();
      setTouched(new Set());
    } catch (error) {
      setStatus({ intent: "error", text: messageOf(error, t) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="profile-heading">
      <h2 id="profile-heading" className={styles.heading}>
        {t("profile.heading")}
      </h2>
      <form className={styles.form} onSubmit={save} noValidate aria-label={t("profile.heading")}>
        {PROFILE_FIELDS.map((field) => {
          const error = errors[field.key] ?? (touched.has(field.key) ? undefined : sheetErrors[field.key]);
          return (
            <Field
              key={field.key}
              label={profileFieldLabel(field.key, t)}
              validationMessage={error}
              validationState={error === undefined ? "none" : "error"}
              hint={profileFieldHint(field.key, t)}
            >
              {field.key === "ruleSet" ? (
                <Select
                  id={profileFieldId(field.key)}
                  className={styles.select}
                  select={{ className: styles.selectInner }}
                  value={
                    values.ruleSet === ""
                      ? "current"
                      : (RULE_SET_IDS.find((id) => id === values.ruleSet.trim().toLowerCase()) ?? values.ruleSet)
                  }
                  onChange={(_, data) => change("ruleSet", data.value)}
                >
                  {RULE_SET_IDS.map((id) => (
                    <option key={id} value={id}>
                      {ruleSetName(id, t)}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  id={profileFieldId(field.key)}
                  type={INPUT_TYPES[field.key] ?? "text"}
                  value={values[field.key]}
                  min={field.kind === "wholeNumber" ? 0 : undefined}
                  onChange={(_, data) => change(field.key, data.value)}
                />
              )}
            </Field>
          );
        })}
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={saving}>
            {t("profile.save")}
          </Button>
        </div>
        {status !== null && <StatusMessage intent={status.intent}>{status.text}</StatusMessage>}
      </form>
    </section>
  );
}
