/**
 * The web tracker: the taskpane and the sheet view over a tracking form held
 * in this page, for mentees whose Excel cannot run add-ins (Excel 2016 or
 * 2019, an iPad, LibreOffice, Numbers, Google Sheets). Open a tracking form
 * or a CSV log (file picker or drag and drop) or start a blank form, fill it
 * in the pane or the sheet, Save it as a tracking form (.xlsx), export the
 * submission. The Coordinator tab's record is saved as its own file.
 * Everything happens in the browser: no file is sent anywhere.
 */
import { Button, FluentProvider, Spinner, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { type DragEvent, type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { type IsoDate, type RecordRow, FORM, listText, newRecordRows, plural } from "../core";
import type { MemoryWorkbook } from "../excel/memoryWorkbook";
import { SheetGrid } from "../preview/SheetGrid";
import { App } from "../taskpane/App";
import { type ExportDependencies, openInExcelOrDownload } from "../taskpane/exportSubmission";
import { type Message, StatusMessage } from "../taskpane/StatusMessage";
import { usePaneStyles } from "../taskpane/styles";
import { loadSubmissionBuilder } from "../taskpane/submissionBuilder";
import { fileBytes } from "../taskpane/verifyWorkbook";
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
import type { FormWriter } from "./formWriter";
import { usePaneTheme } from "../taskpane/theme";
import { loadFormWriter } from "./loadFormWriter";
import { RECORD_FILE_NAME, loadRecord, readRecordCsv, recordCsv, recordRowsOf } from "./record";

const useStyles = makeStyles({
  page: {
    display: "flex",
    flexDirection: "column",
    height: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    "@media (max-width: 719px)": { height: "auto", minHeight: "100vh" },
  },
  bar: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  document: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
    minWidth: 0,
    margin: 0,
    flex: "1 1 14rem",
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    overflowWrap: "anywhere",
  },
  state: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  unsaved: {
    color: tokens.colorPaletteDarkOrangeForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    gap: tokens.spacingHorizontalXS,
  },
  privacy: {
    flexBasis: "100%",
    margin: 0,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  messages: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ":empty": { display: "none" },
  },
  question: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteDarkOrangeBorder2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  questionText: { margin: 0 },
  workspace: {
    flex: "1 1 auto",
    minHeight: 0,
    display: "flex",
    alignItems: "stretch",
    "@media (max-width: 719px)": { flexDirection: "column" },
  },
  pane: {
    flex: "0 0 340px",
    width: "340px",
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxSizing: "border-box",
    "@media (max-width: 719px)": {
      flex: "none",
      width: "100%",
      overflowY: "visible",
      borderRight: "none",
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    },
  },
  sheet: {
    flex: "1 1 auto",
    minWidth: 0,
    minHeight: 0,
    overflow: "hidden",
    backgroundColor: tokens.colorNeutralBackground1,
    "@media (max-width: 719px)": { flex: "none", height: "80vh" },
  },
  overlay: {
    position: "fixed",
    inset: 0,
    display: "flex",
    alignItems: "center",
    justifyContent: "center",
    padding: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorBackgroundOverlay,
    pointerEvents: "none",
    zIndex: 10,
  },
  overlayText: {
    margin: 0,
    padding: tokens.spacingHorizontalXL,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThicker} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase400,
    textAlign: "center",
  },
});

const FORM_ACCEPT = ".xlsx,.xlsm,.csv,.tsv";

/** What the coordinator's record file is: where Save the record writes, and what it held when opened or saved. */
interface RecordFile {
  readonly handle: FileHandle | null;
  readonly name: string;
  readonly savedKey: string;
}

/** A question before an action that would lose something. */
type Question = { readonly kind: "discard"; readonly proceed: string; readonly run: () => void } | { readonly kind: "replace" };

export interface TrackerPageProps {
  readonly initial: TrackerDocument;
  readonly files: FileAccess;
  readonly loadWriter?: () => Promise<FormWriter>;
  readonly exporter?: Omit<ExportDependencies, "asOf">;
  readonly asOf?: IsoDate;
}

const DEFAULT_EXPORTER: Omit<ExportDependencies, "asOf"> = { loadBuilder: loadSubmissionBuilder, open: openInExcelOrDownload };

const detailOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The latest value `compute` gives for the workbook, computed again shortly
 * after each change; `touched` is set at once on a change, before the value
 * catches up (the warning before closing must not wait for it).
 */
function useWorkbookValue<T>(workbook: MemoryWorkbook, compute: (workbook: MemoryWorkbook) => Promise<T>, touched: () => void): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      void compute(workbook).then((next) => {
        if (live) setValue(() => next);
      });
    };
    update();
    const stop = workbook.subscribe(() => {
      touched();
      if (timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        update();
      }, 100);
    });
    return () => {
      live = false;
      if (timer !== null) clearTimeout(timer);
      stop();
    };
  }, [workbook, compute, touched]);
  return value;
}

const formKeyOf = async (workbook: MemoryWorkbook) => saveKey(await workbook.readForm());
const recordRowsIn = async (workbook: MemoryWorkbook) => recordRowsOf(await workbook.readVerification());

/** Carries the coordinator's record (the CST Verification sheet) into the next document's workbook. */
async function carryRecord(from: MemoryWorkbook, to: MemoryWorkbook): Promise<void> {
  const rows = recordRowsOf(await from.readVerification());
  if (rows.length > 0) await loadRecord(to, rows);
}

export function TrackerPage({ initial, files, loadWriter = loadFormWriter, exporter = DEFAULT_EXPORTER, asOf }: TrackerPageProps) {
  const styles = useStyles();
  // The browser's colour scheme and high contrast, as the pane inside follows them.
  const { theme } = usePaneTheme();
  const [doc, setDoc] = useState(initial);
  const [record, setRecord] = useState<RecordFile>({ handle: null, name: RECORD_FILE_NAME, savedKey: "[]" });
  const [busy, setBusy] = useState<string | null>(null);
  const [fileMessage, setFileMessage] = useState<Message | null>(null);
  const [notKeptMessage, setNotKeptMessage] = useState<string | null>(null);
  const [recordMessage, setRecordMessage] = useState<Message | null>(null);
  const [question, setQuestion] = useState<Question | null>(null);
  const [dragging, setDragging] = useState(false);
  const formInput = useRef<HTMLInputElement>(null);
  const recordInput = useRef<HTMLInputElement>(null);
  // Whether closing the page would lose something: set at once on any change, made exact once the change is compared.
  const unsaved = useRef(false);
  const touched = useCallback(() => {
    unsaved.current = true;
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
    setBusy(`Opening ${file.name}…`);
    setQuestion(null);
    setFileMessage(null);
    try {
      const next = await openFile(file, handle);
      const text = openedText(next, activityCount((await next.workbook.readForm()).log.rows));
      await show(next, { intent: "success", text: text.opened }, text.notKept);
    } catch (error) {
      setFileMessage({ intent: "error", text: openFailureText(file.name, error) });
    } finally {
      setBusy(null);
    }
  };

  const pickAndOpen = async () => {
    if (!files.canPickToOpen) {
      formInput.current?.click();
      return;
    }
    try {
      const picked = await files.pickToOpen("form");
      if (picked !== null) await openChosen(picked.file, picked.handle);
    } catch (error) {
      setFileMessage({ intent: "error", text: `The file could not be opened (${detailOf(error)}): try again.` });
    }
  };

  const startNew = async () => {
    setQuestion(null);
    const next = await newDocument();
    await show(next, { intent: "info", text: "A new tracking form: fill in your Profile and add your activities, then Save." }, null);
  };

  const save = async (options: { readonly as?: boolean; readonly replace?: boolean } = {}) => {
    if (busy !== null) return;
    setQuestion(null);
    const current = doc;
    const name = saveName(current);
    let handle: FileHandle | null = null;
    try {
      if (!options.as && current.handle !== null) {
        if (current.notKept.length > 0 && !options.replace) {
          setQuestion({ kind: "replace" });
          return;
        }
        if (!(await files.mayWrite(current.handle))) {
          setFileMessage({ intent: "warning", text: `The browser was not allowed to write ${current.name}: use Save as… to save a copy.` });
          return;
        }
        handle = current.handle;
      } else if (files.canPickToSave) {
        // Asked first, while the click still counts as the user's: the browser shows its picker only then.
        handle = await files.pickToSave("form", name);
        if (handle === null) return;
      }
      setBusy("Saving…");
      const content = await current.workbook.readForm();
      const key = saveKey(content);
      const write = await loadWriter();
      const bytes = await write(formContentOf(content));
      if (handle === null) files.download(bytes, name, "form");
      else await files.write(handle, bytes);
      const savedName = handle?.name ?? name;
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
        text:
          handle === null
            ? `Downloaded ${savedName} (your browser keeps it in its downloads folder). To go on with it later, open it here again.`
            : `Saved ${savedName}.`,
      });
    } catch (error) {
      setFileMessage({ intent: "error", text: `${name} was not saved (${detailOf(error)}): your changes are still here; try again.` });
    } finally {
      setBusy(null);
    }
  };

  const saveRecord = async () => {
    setRecordMessage(null);
    let handle = record.handle;
    try {
      if (handle !== null) {
        if (!(await files.mayWrite(handle))) {
          setRecordMessage({ intent: "warning", text: `The browser was not allowed to write ${record.name}.` });
          return;
        }
      } else if (files.canPickToSave) {
        handle = await files.pickToSave("record", record.name);
        if (handle === null) return;
      }
      const rows = recordRowsOf(await doc.workbook.readVerification());
      const bytes = new TextEncoder().encode(recordCsv(rows));
      if (handle === null) files.download(bytes, record.name, "record");
      else await files.write(handle, bytes);
      const name = handle?.name ?? record.name;
      setRecord({ handle, name, savedKey: JSON.stringify(rows) });
      setRecordMessage({
        intent: "success",
        text: `${handle === null ? "Downloaded" : "Saved"} the record of ${plural(rows.length, "submission")} as ${name}.`,
      });
    } catch (error) {
      setRecordMessage({ intent: "error", text: `The record was not saved (${detailOf(error)}): try again.` });
    }
  };

  const openRecord = async (file: File, handle: FileHandle | null) => {
    setRecordMessage(null);
    try {
      const rows = readRecordCsv(await fileBytes(file));
      // Rows recorded here and not yet saved stay, below the file's.
      const recorded = recordRowsOf(await doc.workbook.readVerification());
      const kept: RecordRow[] = [...rows, ...newRecordRows(rows, recorded)];
      await loadRecord(doc.workbook, kept);
      // What the file holds, as the sheet holds it: rows kept from before make the record unsaved.
      const inSheet = recordRowsOf(await doc.workbook.readVerification());
      setRecord({ handle, name: file.name, savedKey: JSON.stringify(inSheet.slice(0, rows.length)) });
      setRecordMessage({
        intent: "success",
        text: `Opened the record ${file.name} (${plural(rows.length, "submission")}): Record leaves out the submissions it holds, and Save the record writes ${handle === null ? "it as a download" : "to it"}.`,
      });
    } catch (error) {
      setRecordMessage({ intent: "error", text: openFailureText(file.name, error) });
    }
  };

  const pickRecord = async () => {
    if (!files.canPickToOpen) {
      recordInput.current?.click();
      return;
    }
    try {
      const picked = await files.pickToOpen("record");
      if (picked !== null) await openRecord(picked.file, picked.handle);
    } catch (error) {
      setRecordMessage({ intent: "error", text: `The record could not be opened (${detailOf(error)}): try again.` });
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
    unlessUnsaved(`Discard changes and open ${file.name}`, () => {
      void openChosen(file, null).then(() => {
        if (others.length > 0) setFileMessage((shown) => shown && { ...shown, text: `${shown.text} (One file opens at a time.)` });
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
            {formChanged ? "Unsaved changes" : doc.source === "new" ? "New, not saved yet" : "No unsaved changes"}
          </span>
        </p>
        <div className={styles.actions} role="group" aria-label="Tracking form file">
          <Button size="small" onClick={() => unlessUnsaved("Discard changes and start a new form", () => void startNew())}>
            New form
          </Button>
          <Button size="small" onClick={() => unlessUnsaved("Discard changes and open another file…", () => void pickAndOpen())}>
            Open…
          </Button>
          <Button size="small" appearance="primary" onClick={() => void save()} disabled={busy !== null}>
            Save
          </Button>
          <Button size="small" onClick={() => void save({ as: true })} disabled={busy !== null}>
            Save as…
          </Button>
          <input
            ref={formInput}
            type="file"
            accept={FORM_ACCEPT}
            hidden
            aria-label="Tracking form or CSV log to open"
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
            aria-label="Verification record to open"
            data-testid="open-record"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file !== undefined) void openRecord(file, null);
            }}
          />
        </div>
        <p className={styles.privacy}>
          Works in this browser, offline too: your workbook stays on this computer and nothing is sent anywhere.{" "}
          <a href="help.html#web-tracker">How it works</a>
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
        <div className={styles.pane} data-testid="pane">
          <App key={doc.id} workbook={doc.workbook} exporter={exporter} asOf={asOf} coordinatorExtra={recordSection} />
        </div>
        <div className={styles.sheet}>
          <SheetGrid key={doc.id} workbook={doc.workbook} fill />
        </div>
      </div>
      {dragging && (
        <div className={styles.overlay} aria-hidden="true">
          <p className={styles.overlayText}>Drop a tracking form (.xlsx) or a CSV log to open it.</p>
        </div>
      )}
    </FluentProvider>
  );
}

function QuestionBar({
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
  const styles = useStyles();
  const paneStyles = usePaneStyles();
  if (question.kind === "discard") {
    return (
      <div role="group" aria-label="Discard unsaved changes?" className={styles.question}>
        <p className={styles.questionText}>Your changes to {name} are not saved. Save first to keep them.</p>
        <div className={paneStyles.row}>
          <Button appearance="primary" onClick={question.run}>
            {question.proceed}
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </div>
    );
  }
  return (
    <div role="group" aria-label={`Replace ${name}?`} className={styles.question}>
      <p className={styles.questionText}>
        Saving over {name} writes the tracking form only: {notKept.length === 1 ? "its sheet" : "its sheets"}{" "}
        {listText(notKept.map((sheet) => `“${sheet}”`))} would be gone from it.
      </p>
      <div className={paneStyles.row}>
        <Button onClick={onSaveAs} appearance="primary">
          Save as a new file…
        </Button>
        <Button onClick={onReplace}>Replace {name}</Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </div>
  );
}

/** The Coordinator tab's record file: open an earlier record, save this one. */
function RecordSection({
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
  return (
    <section className={styles.form} aria-labelledby="record-file-heading">
      <h3 id="record-file-heading" className={styles.subheading}>
        Record file
      </h3>
      <p className={styles.hint} data-testid="record-state">
        {count === 0
          ? "Record writes the results into this page's CST Verification sheet; save them as a CSV file with the command line's record columns (verify --record). To go on with an earlier record, open it first: Record then leaves out the submissions it holds."
          : `The CST Verification sheet holds ${plural(count, "submission")}${changed ? ", not saved yet" : `, saved as ${name}`}. Save the record writes it as a CSV file with the command line's record columns.`}
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
