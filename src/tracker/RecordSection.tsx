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
        Record file
      </h3>
      <p className={styles.hint} data-testid="record-state">
        {count === 0
          ? "Record writes the results into this page's CST Verification sheet; save them as a CSV file with the command line's record columns (verify --record). To go on with an earlier record, open it first: Record then leaves out the submissions it holds."
          : t("tracker.recordHolds", { submissions: t("words.submissions", { count }), changed: changed ? "yes" : "no", file: name })}
      </p>
      <div className={styles.row}>
        <Button onClick={onOpen}>Open a record…</Button>
        <Button onClick={onSave} disabled={count === 0}>
          Save the record
        </Button>
      </div>
      {message !== null && <StatusMessage intent={message.intent}>{message.text}</StatusMessage>}
    </section>
  );
}
