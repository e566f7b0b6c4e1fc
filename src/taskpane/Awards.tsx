import { Button, Field, Input } from "@fluentui/react-components";
import { type FormEvent, useId, useState } from "react";
import { type Assessment, FORM, PROFILE_INDEX, columnLetter } from "../core";
import { type Message, StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { messageOf } from "./useTracker";
import { useWorkbook } from "./WorkbookContext";
import { useT } from "./i18n";

/** Where a profile field's value lives, as a person finds it: "Profile!B7". */
const cellOf = (key: "creditsAwarded" | "creditsAwardedFromLog") => `${FORM.profileSheet}!${columnLetter(2)}${PROFILE_INDEX[key] + 1}`;

export interface AwardsProps {
  readonly assessment: Assessment;
  /** Called once the profile was written: the pane reads the workbook again. */
  readonly onRecorded: () => Promise<unknown> | void;
}

/**
 * docs/rules.md §4 on the mentee's side: one log for the whole path. Record an award
 * adds the credits the coordinator awarded from this log to W ("Credits
 * awarded from this log"), written as one profile field; and where P (credits
 * awarded before this log) looks like credits this log earned, the pane asks,
 * and offers to move them to W.
 */
export function Awards({ assessment, onRecorded }: AwardsProps) {
  const t = useT();
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const { allocation, profile } = assessment;
  const before = profile.profile.creditsAwarded;
  const fromLog = profile.profile.creditsAwardedFromLog;
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState("");
  const [message, setMessage] = useState<Message | null>(null);
  const inputId = useId();

  const write = async (changes: Parameters<typeof workbook.writeProfile>[0], done: string) => {
    try {
      await workbook.writeProfile(changes);
      setMessage({ intent: "success", text: done });
      setOpen(false);
      await onRecorded();
    } catch (error) {
      setMessage({ intent: "error", text: messageOf(error, t) });
    }
  };

  const record = (event: FormEvent) => {
    event.preventDefault();
    const awarded = Number(count.trim());
    if (!Number.isInteger(awarded) || awarded < 1 || awarded > allocation.credits) {
      setMessage({
        intent: "error",
        text: t("awards.wholeNumber", { max: allocation.credits }),
      });
      return;
    }
    const total = fromLog + awarded;
    void write(
      { creditsAwardedFromLog: total },
      t("awards.recorded", {
        credits: t("words.credits", { count: total }),
        cell: cellOf("creditsAwardedFromLog"),
        ordinal: before + total + 1,
      }),
    );
  };

  // P > 0, W = 0 and this log already earns credits: those P credits may be this log's own (docs/rules.md §4).
  const askAboutBefore = before > 0 && fromLog === 0 && allocation.credits > 0;

  return (
    <div className={styles.form} data-testid="awards">
      {(before > 0 || fromLog > 0) && (
        <p className={styles.hint} data-testid="awarded-so-far">
          {t("awards.soFar", {
            before: t("words.credits", { count: before }),
            fromLog: t("words.credits", { count: fromLog }),
            ordinal: allocation.firstNewCredit,
          })}
        </p>
      )}
      {askAboutBefore && (
        <StatusMessage intent="warning" title={t("awards.wereThey", { credits: t("words.credits", { count: before }) })}>
          {t("awards.explainBefore")}{" "}
          <Button
            size="small"
            onClick={() =>
              void write(
                { creditsAwarded: 0, creditsAwardedFromLog: before },
                t("awards.moved", {
                  credits: t("words.credits", { count: before }),
                  fromCell: cellOf("creditsAwardedFromLog"),
                  beforeCell: cellOf("creditsAwarded"),
                }),
              )
            }
          >
            {t("awards.moveThem")}
          </Button>
        </StatusMessage>
      )}
      {allocation.credits === 0 ? null : !open ? (
        <div className={styles.row}>
          <Button
            onClick={() => {
              setOpen(true);
              setCount(String(allocation.credits));
              setMessage(null);
            }}
          >
            {t("awards.record")}
          </Button>
        </div>
      ) : (
        <form aria-label={t("awards.record")} onSubmit={record} className={styles.form}>
          <Field label={t("awards.countLabel")} hint={t("awards.countHint", { cell: cellOf("creditsAwardedFromLog"), now: fromLog })}>
            <Input id={inputId} type="number" min={1} value={count} onChange={(_, data) => setCount(data.value)} />
          </Field>
          <div className={styles.row}>
            <Button appearance="primary" type="submit">
              {t("awards.recordButton")}
            </Button>
            <Button onClick={() => setOpen(false)}>{t("editor.cancel")}</Button>
          </div>
        </form>
      )}
      {message !== null && <StatusMessage intent={message.intent}>{message.text}</StatusMessage>}
    </div>
  );
}
