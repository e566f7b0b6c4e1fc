/**
 * The web tracker: the taskpane and the sheet view over a tracking form held
 * in this page, for mentees whose Excel cannot run add-ins (Excel 2016 or
 * 2019, an iPad, LibreOffice, Numbers, Google Sheets). Open a tracking form
 * or a CSV log (file picker or drag and drop) or start a blank form, fill it
 * in the pane or the sheet, Save it as a tracking form (.xlsx), export the
 * submission. The Coordinator tab's record is saved as its own file.
 * Everything happens in the browser: no file is sent anywhere.
 */
import { Button, FluentProvider, Spinner, mergeClasses } from "@fluentui/react-components";
import { type DragEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { type IsoDate, FORM, errorText } from "../core";
import type { MemoryWorkbook } from "../excel/memoryWorkbook";
import { SheetGrid } from "../sheet/SheetGrid";
import { SheetLanguage } from "../sheet/words";
import { App, type View } from "../taskpane/App";
import type { ExportDependencies } from "../taskpane/exportSubmission";
import { openInExcelOrDownload } from "../taskpane/openSubmission";
import { type Message, StatusMessage } from "../taskpane/StatusMessage";
import { loadSubmissionBuilder } from "../taskpane/submissionBuilder";
import {
  type TrackerDocument,
  activityCount,
  formContentOf,
  newDocument,
  openFailureText,
  openFile,
  openedText,
  saveKey,
  saveName,
} from "./document";
import type { FileAccess, FileHandle } from "./fileAccess";
import { pickToOpen, saveTarget, writeFile } from "./fileSlot";
import type { FormWriter } from "./formWriter";
import { usePaneTheme } from "../taskpane/theme";
import { loadFormWriter } from "./loadFormWriter";
import { type Question, QuestionBar } from "./QuestionBar";
import { RecordSection } from "./RecordSection";
import { useTrackerStyles } from "./styles";
import { useWorkbookValue } from "./useWorkbookValue";
import { useRecordFile } from "./useRecordFile";
import { loadRecord, recordRowsOf } from "./record";
import { type PaneLanguage, usePaneLanguage, usePaneTranslator, useT } from "../taskpane/i18n";
import { LanguageMenu, TrackerLanguage } from "./language";
import { helpPage } from "../i18n/help";

const FORM_ACCEPT = ".xlsx,.xlsm,.csv,.tsv";

export interface TrackerPageProps {
  readonly initial: TrackerDocument;
  readonly files: FileAccess;
  readonly loadWriter?: () => Promise<FormWriter>;
  readonly exporter?: Omit<ExportDependencies, "asOf">;
  readonly asOf?: IsoDate;
  /** The language to start in (loaded before the first paint); the menu changes it. */
  readonly language?: PaneLanguage;
}

const DEFAULT_EXPORTER: Omit<ExportDependencies, "asOf"> = { loadBuilder: loadSubmissionBuilder, open: openInExcelOrDownload };

const formKeyOf = async (workbook: MemoryWorkbook) => saveKey(await workbook.readForm());
const recordRowsIn = async (workbook: MemoryWorkbook) => recordRowsOf(await workbook.readVerification());

/** Carries the coordinator's record (the CST Verification sheet) into the next document's workbook. */
async function carryRecord(from: MemoryWorkbook, to: MemoryWorkbook): Promise<void> {
  const rows = recordRowsOf(await from.readVerification());
  if (rows.length > 0) await loadRecord(to, rows);
}

export function TrackerPage({ language, ...page }: TrackerPageProps) {
  return (
    <TrackerLanguage initial={language}>
      <Tracker {...page} />
    </TrackerLanguage>
  );
}

function Tracker({ initial, files, loadWriter = loadFormWriter, exporter = DEFAULT_EXPORTER, asOf }: Omit<TrackerPageProps, "language">) {
  const t = useT();
  const paneTranslator = usePaneTranslator();
  const { tag, dir } = usePaneLanguage();
  const styles = useTrackerStyles();
  // The browser's colour scheme and high contrast, as the pane inside follows them.
  const { theme } = usePaneTheme();
  const [doc, setDoc] = useState(initial);
  const [busy, setBusy] = useState<string | null>(null);
  const [fileMessage, setFileMessage] = useState<Message | null>(null);
  const [notKeptMessage, setNotKeptMessage] = useState<string | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [dragging, setDragging] = useState(false);
  const [coordinating, setCoordinating] = useState(false);
  const onViewChange = useCallback((view: View) => setCoordinating(view === "coordinator"), []);
  const formInput = useRef<HTMLInputElement>(null);
  const recordInput = useRef<HTMLInputElement>(null);
  const { record, recordMessage, saveRecord, openRecord, pickRecord } = useRecordFile(files, doc.workbook, recordInput);
  // Whether closing the page would lose something: set at once on any change, made exact once the change is compared.
  const unsaved = useRef(false);
  const touched = useCallback(() => {
    unsaved.current = true;
    // What a file action said ("Opened …", "A new tracking form…") is done once the form changes: it goes. Errors stay.
    setFileMessage((message) => (message !== null && (message.intent === "success" || message.intent === "info") ? null : message));
  }, []);

  const formKey = useWorkbookValue(doc.workbook, formKeyOf, touched);
  const recordRows = useWorkbookValue(doc.workbook, recordRowsIn, touched);
  const formChanged = formKey !== null && formKey !== doc.savedKey;
  const recordChanged = recordRows !== null && JSON.stringify(recordRows) !== record.savedKey;
  unsaved.current = formChanged || recordChanged;

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!unsaved.current) return;
      event.preventDefault();
      // Browsers before the standard's preventDefault ask only when returnValue is set.
      event.returnValue = true;
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  useEffect(() => {
    window.document.title = `${formChanged ? "• " : ""}${doc.name} · CST Mentorship Tracker`;
  }, [doc.name, formChanged]);

  /** Runs an action that replaces the form, asking first when the form has changes that were not saved. */
  const unlessUnsaved = (proceed: string, run: () => void) => {
    if (formChanged) setQuestion({ kind: "discard", proceed, run });
    else run();
  };

  const show = async (next: TrackerDocument, opened: Message, notKept: string | null) => {
    await carryRecord(doc.workbook, next.workbook);
    setDoc(next);
    setFileMessage(opened);
    setNotKeptMessage(notKept);
  };

  const openChosen = async (file: File, handle: FileHandle | null) => {
    setBusy(t("tracker.opening", { file: file.name }));
    setQuestion(null);
    setFileMessage(null);
    try {
      const next = await openFile(file, handle);
      const text = openedText(next, activityCount((await next.workbook.readForm()).log.rows), t);
      await show(next, { intent: "success", text: text.opened }, text.notKept);
    } catch (error) {
      setFileMessage({ intent: "error", text: openFailureText(file.name, error, t) });
    } finally {
      setBusy(null);
    }
  };

  const pickAndOpen = async () => {
    try {
      await pickToOpen(files, "form", formInput.current, openChosen);
    } catch (error) {
      setFileMessage({ intent: "error", text: t("tracker.pickFailed", { detail: errorText(error) }) });
    }
  };

  const startNew = async () => {
    setQuestion(null);
    const next = await newDocument();
    await show(next, { intent: "info", text: t("tracker.newFormOpened") }, null);
  };

  const save = async (options: { readonly as?: boolean; readonly replace?: boolean } = {}) => {
    if (busy !== null) return;
    setQuestion(null);
    const current = doc;
    const name = saveName(current);
    try {
      const own = options.as ? null : current.handle;
      if (own !== null && current.notKept.length > 0 && !options.replace) {
        setQuestion({ kind: "replace" });
        return;
      }
      const handle = await saveTarget(files, "form", own, name);
      if (handle === "cancelled") return;
      if (handle === "refused") {
        setFileMessage({ intent: "warning", text: t("tracker.writeRefused", { file: current.name }) });
        return;
      }
      setBusy(t("tracker.saving"));
      const content = await current.workbook.readForm();
      const key = saveKey(content);
      const write = await loadWriter();
      const savedName = await writeFile(files, "form", handle, await write(formContentOf(content)), name);
      setDoc((shown) =>
        shown.id === current.id
          ? {
              ...shown,
              name: savedName,
              source: "workbook",
              handle,
              notKept: [],
              logSheet: FORM.logSheet,
              isSubmission: false,
              savedKey: key,
            }
          : shown,
      );
      setNotKeptMessage(null);
      setFileMessage({
        intent: "success",
        text: handle === null ? t("tracker.downloaded", { file: savedName }) : t("tracker.saved", { file: savedName }),
      });
    } catch (error) {
      setFileMessage({ intent: "error", text: t("tracker.notSaved", { file: name, detail: errorText(error) }) });
    } finally {
      setBusy(null);
    }
  };

  const hasFiles = (event: DragEvent) => [...event.dataTransfer.types].includes("Files");
  const onDrop = (event: DragEvent) => {
    setDragging(false);
    // A drop the Coordinator tab took (submission files to verify) is not a file to open.
    if (event.defaultPrevented || !hasFiles(event)) return;
    event.preventDefault();
    const [file, ...others] = [...event.dataTransfer.files];
    if (file === undefined) return;
    unlessUnsaved(t("tracker.discardAndOpen", { file: file.name }), () => {
      void openChosen(file, null).then(() => {
        if (others.length > 0) setFileMessage((shown) => shown && { ...shown, text: t("tracker.oneFileAtATime", { message: shown.text }) });
      });
    });
  };

  const recordCount = recordRows?.length ?? 0;
  const recordSection: ReactNode = (
    <RecordSection
      count={recordCount}
      changed={recordChanged}
      name={record.name}
      message={recordMessage}
      onOpen={() => void pickRecord()}
      onSave={() => void saveRecord()}
    />
  );

  return (
    <FluentProvider
      theme={theme}
      dir={dir}
      lang={tag}
      className={styles.page}
      onDragOver={(event: DragEvent) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event: DragEvent) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className={styles.bar}>
        <p className={styles.document} data-testid="document">
          <span className={styles.name} data-testid="document-name">
            {doc.name}
          </span>
          <span className={mergeClasses(styles.state, formChanged && styles.unsaved)} data-testid="document-state">
            {formChanged ? t("tracker.unsaved") : doc.source === "new" ? t("tracker.newNotSaved") : t("tracker.noUnsaved")}
          </span>
        </p>
        <div className={styles.actions} role="group" aria-label={t("tracker.fileGroup")}>
          <Button size="small" onClick={() => unlessUnsaved(t("tracker.discardNew"), () => void startNew())}>
            {t("tracker.newForm")}
          </Button>
          <Button size="small" onClick={() => unlessUnsaved(t("tracker.discardOpen"), () => void pickAndOpen())}>
            {t("tracker.open")}
          </Button>
          {/* The Coordinator tab saves its record (Save the record), not the open tracking form. */}
          {!coordinating && (
            <>
              <Button size="small" appearance="primary" onClick={() => void save()} disabled={busy !== null}>
                {t("tracker.save")}
              </Button>
              <Button size="small" onClick={() => void save({ as: true })} disabled={busy !== null}>
                {t("tracker.saveAs")}
              </Button>
            </>
          )}
          <input
            ref={formInput}
            type="file"
            accept={FORM_ACCEPT}
            hidden
            aria-label={t("tracker.openFile")}
            data-testid="open-file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file !== undefined) void openChosen(file, null);
            }}
          />
          <input
            ref={recordInput}
            type="file"
            accept=".csv"
            hidden
            aria-label={t("tracker.openRecordFile")}
            data-testid="open-record"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file !== undefined) void openRecord(file, null);
            }}
          />
          <LanguageMenu />
        </div>
        <p className={styles.privacy}>
          {t("tracker.privacy")} <a href={helpPage(tag, "web-tracker")}>{t("tracker.howItWorks")}</a>
        </p>
      </header>
      <div className={styles.messages}>
        {busy !== null && <Spinner size="tiny" label={busy} />}
        {question !== null && (
          <QuestionBar
            question={question}
            name={doc.name}
            notKept={doc.notKept}
            onCancel={() => setQuestion(null)}
            onReplace={() => void save({ replace: true })}
            onSaveAs={() => void save({ as: true })}
          />
        )}
        {fileMessage !== null && <StatusMessage intent={fileMessage.intent}>{fileMessage.text}</StatusMessage>}
        {notKeptMessage !== null && (
          <StatusMessage intent="warning" title="Not kept">
            {notKeptMessage}
          </StatusMessage>
        )}
      </div>
      <div className={styles.workspace}>
        <div className={mergeClasses(styles.pane, coordinating && styles.paneWide)} data-testid="pane">
          <App
            key={doc.id}
            workbook={doc.workbook}
            exporter={exporter}
            asOf={asOf}
            coordinatorExtra={recordSection}
            onViewChange={onViewChange}
          />
        </div>
        {/* Hidden, not dropped, in the Coordinator tab: the sheet view keeps its place and scroll for the way back. */}
        <div className={styles.sheet} hidden={coordinating}>
          <SheetLanguage translator={paneTranslator}>
            <SheetGrid key={doc.id} workbook={doc.workbook} fill />
          </SheetLanguage>
        </div>
      </div>
      {dragging && (
        <div className={styles.overlay} aria-hidden="true">
          <p className={styles.overlayText}>{t("tracker.dropToOpen")}</p>
        </div>
      )}
    </FluentProvider>
  );
}
