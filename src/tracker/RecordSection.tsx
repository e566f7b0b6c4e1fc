import { Button } from "@fluentui/react-components";
import { type Message, StatusMessage } from "../taskpane/StatusMessage";
import { usePaneStyles } from "../taskpane/styles";
import { useT } from "../taskpane/i18n";

/** The Coordinator tab's record file: open an earlier record, save this one. */
export function RecordSection({
  count,
  changed,
  name,
  message,
  onOpen,
  onSave,
}: {
  count: number;
  changed: boolean;
  name: string;
  message: Message | null;
  onOpen: () => void;
  onSave: () => void;
}) {
  const styles = usePaneStyles();
  const t = useT();
  return (
    <section className={styles.form} aria-labelledby="record-file-heading">
      <h3 id="record-file-heading" className={styles.subheading}>
        {t("tracker.recordFile")}
      </h3>
      <p className={styles.hint} data-testid="record-state">
        {count === 0
          ? t("tracker.recordEmpty")
          : t("tracker.recordHolds", { submissions: t("words.submissions", { count }), changed: changed ? "yes" : "no", file: name })}
      </p>
      <div className={styles.row}>
        <Button onClick={onOpen}>{t("tracker.openRecord")}</Button>
        <Button onClick={onSave} disabled={count === 0}>
          {t("tracker.saveRecord")}
        </Button>
      </div>
      {message !== null && <StatusMessage intent={message.intent}>{message.text}</StatusMessage>}
    </section>
  );
}
