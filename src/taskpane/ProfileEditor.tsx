import { Button, Field, Input, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { type FormEvent, useEffect, useState } from "react";
import {
  type DateSystem,
  type IsoDate,
  type ProfileKey,
  PROFILE_FIELDS,
  PROFILE_INDEX,
  RULE_SET_IDS,
  RULE_SETS,
  type WorkbookContent,
} from "../core";
import { type ProfileValues, checkProfile, profileCells, profileValuesFromCells } from "./profileForm";
import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";

const INPUT_TYPES: Partial<Record<ProfileKey, "email" | "date" | "number">> = {
  email: "email",
  techniqueCertifiedOn: "date",
  diplomateCertifiedOn: "date",
  creditsAwarded: "number",
};

const HINTS: Partial<Record<ProfileKey, string>> = {
  techniqueCertifiedOn: "Leave empty until you are Technique Certified.",
  diplomateCertifiedOn: "Leave empty until you are Diplomate Certified.",
  creditsAwarded: "Credits the program has already awarded you; 0 if none.",
};

export interface ProfileEditorProps {
  readonly content: WorkbookContent;
  readonly asOf: IsoDate;
  readonly onSaved: () => Promise<unknown>;
}

export function ProfileEditor({ content, asOf, onSaved }: ProfileEditorProps) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const dateSystem: DateSystem = content.log.dateSystem;
  const [values, setValues] = useState<ProfileValues>(() => profileValuesFromCells(content.log.profileCells, dateSystem));
  const [errors, setErrors] = useState<Partial<Record<ProfileKey, string>>>({});
  const [status, setStatus] = useState<{ intent: "success" | "error"; text: string } | null>(null);
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
    setStatus(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkProfile(values, { asOf, dateSystem });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus({ intent: "error", text: "The profile was not saved: fix the fields marked below." });
      return;
    }
    setSaving(true);
    try {
      const cells = profileCells(values, dateSystem);
      const inSheet = profileValuesFromCells(content.log.profileCells, dateSystem);
      const changed = [...touched].filter((key) => values[key].trim() !== inSheet[key].trim());
      await workbook.writeProfile(Object.fromEntries(changed.map((key) => [key, cells[PROFILE_INDEX[key]]])));
      setStatus({ intent: "success", text: "Profile saved to the Profile sheet." });
      await onSaved();
      setTouched(new Set());
    } catch (error) {
      setStatus({ intent: "error", text: messageOf(error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={styles.section} aria-labelledby="profile-heading">
      <h2 id="profile-heading" className={styles.heading}>
        Profile
      </h2>
      <form className={styles.form} onSubmit={save} noValidate aria-label="Profile">
        {PROFILE_FIELDS.map((field) => {
          const error = errors[field.key];
          return (
            <Field
              key={field.key}
              label={field.label}
              validationMessage={error}
              validationState={error === undefined ? "none" : "error"}
              hint={HINTS[field.key]}
            >
              {field.key === "ruleSet" ? (
                <Select
                  className={styles.select}
                  select={{ className: styles.selectInner }}
                  value={values.ruleSet === "" ? "current" : values.ruleSet}
                  onChange={(_, data) => change("ruleSet", data.value)}
                >
                  {RULE_SET_IDS.map((id) => (
                    <option key={id} value={id}>
                      {RULE_SETS[id].label}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input
                  type={INPUT_TYPES[field.key] ?? "text"}
                  value={values[field.key]}
                  min={field.key === "creditsAwarded" ? 0 : undefined}
                  onChange={(_, data) => change(field.key, data.value)}
                />
              )}
            </Field>
          );
        })}
        <div className={styles.row}>
          <Button type="submit" appearance="primary" disabled={saving}>
            Save profile
          </Button>
        </div>
        {status !== null && (
          <MessageBar intent={status.intent}>
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </form>
    </section>
  );
}
