import { Button } from "@fluentui/react-components";
import { usePaneStyles } from "../taskpane/styles";
import { useTrackerStyles } from "./styles";
import { useT } from "../taskpane/i18n";
import { quotedSheets } from "./document";

/** A question before an action that would lose something. */
export type Question = { readonly kind: "discard"; readonly proceed: string; readonly run: () => void } | { readonly kind: "replace" };

/** Asks before discarding unsaved changes, or before saving over a file whose other sheets the form does not keep. */
export function QuestionBar({
  question,
  name,
  notKept,
  onCancel,
  onReplace,
  onSaveAs,
}: {
  question: Question;
  name: string;
  notKept: readonly string[];
  onCancel: () => void;
  onReplace: () => void;
  onSaveAs: () => void;
}) {
  const styles = useTrackerStyles();
  const paneStyles = usePaneStyles();
  const t = useT();
  if (question.kind === "discard") {
    return (
      <div role="group" aria-label={t("tracker.discardQuestion")} className={styles.question}>
        <p className={styles.questionText}>{t("tracker.notSavedYet", { file: name })}</p>
        <div className={paneStyles.row}>
          <Button appearance="primary" onClick={question.run}>
            {question.proceed}
          </Button>
          <Button onClick={onCancel}>{t("tracker.cancel")}</Button>
        </div>
      </div>
    );
  }
  return (
    <div role="group" aria-label={t("tracker.replaceQuestion", { file: name })} className={styles.question}>
      <p className={styles.questionText}>
        {t("tracker.replaceExplained", { file: name, count: notKept.length, sheets: quotedSheets(notKept, t) })}
      </p>
      <div className={paneStyles.row}>
        <Button onClick={onSaveAs} appearance="primary">
          {t("tracker.saveAsNew")}
        </Button>
        <Button onClick={onReplace}>{t("tracker.replace", { file: name })}</Button>
        <Button onClick={onCancel}>{t("tracker.cancel")}</Button>
      </div>
    </div>
  );
}
