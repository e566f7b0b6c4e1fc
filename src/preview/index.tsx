/**
 * The preview page: the taskpane at a pane's width beside a read-only view of
 * the in-memory workbook, preloaded with the sample log. No Excel needed.
 */
import "../excel/pageSecurity";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { Suspense, lazy, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import type { MemoryWorkbook } from "../excel/memoryWorkbook";
import { pendingWorkbook } from "../excel/pendingWorkbook";
import type { TrackingWorkbook } from "../excel/workbook";
import { App } from "../taskpane/App";
import { type PaneLanguage, LanguageProvider, loadLanguage, requestedLanguages, usePaneTranslator, useT } from "../taskpane/i18n";
import { SheetLanguage } from "../sheet/words";
import { openInExcelOrDownload } from "../taskpane/openSubmission";
import { loadSubmissionBuilder } from "../taskpane/submissionBuilder";

// The sheet view loads after the pane's first paint.
const SheetGrid = lazy(() => import(/* webpackChunkName: "sheet-view" */ "../sheet/SheetGrid").then((m) => ({ default: m.SheetGrid })));

// The bundles run: the page's note for hosts that cannot run them is not needed.
document.getElementById("cst-cannot-start")?.remove();

const useStyles = makeStyles({
  layout: {
    display: "flex",
    alignItems: "flex-start",
    minHeight: "100vh",
    backgroundColor: tokens.colorNeutralBackground2,
    // A phone's width: the pane, then the sheet below it, each the page's width (never beside each other off-screen).
    "@media (max-width: 679px)": { flexDirection: "column", alignItems: "stretch" },
  },
  pane: {
    flex: "0 0 340px",
    width: "340px",
    maxWidth: "100%",
    height: "100vh",
    overflowY: "auto",
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    boxSizing: "border-box",
    "@media (max-width: 679px)": { flex: "0 0 auto", width: "100%", height: "auto", overflowY: "visible", borderRight: "none" },
  },
  sheet: {
    flex: "1 1 auto",
    minWidth: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    height: "100vh",
    overflow: "hidden",
    "@media (max-width: 679px)": { flex: "0 0 auto", width: "100%", height: "85vh" },
  },
  skip: {
    position: "absolute",
    left: "-10000px",
    ":focus": { position: "static", display: "block", padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground1 },
  },
});

/** The link past the pane to the sheet view, in the page's language. */
function SkipToSheet({ className }: { className: string }) {
  const t = useT();
  return (
    <a className={className} href="#sheet-view">
      {t("sheet.skipTo")}
    </a>
  );
}

/** The sheet view, once the workbook is made. */
function SheetView({ memory }: { memory: Promise<MemoryWorkbook> }) {
  const [workbook, setWorkbook] = useState<MemoryWorkbook | null>(null);
  useEffect(() => {
    let shown = true;
    memory.then(
      (made) => shown && setWorkbook(made),
      // The pane says what went wrong.
      () => undefined,
    );
    return () => {
      shown = false;
    };
  }, [memory]);
  const translator = usePaneTranslator();
  return workbook === null ? null : (
    <SheetLanguage translator={translator}>
      <Suspense fallback={null}>
        <SheetGrid workbook={workbook} />
      </Suspense>
    </SheetLanguage>
  );
}

interface PreviewProps {
  readonly workbook: TrackingWorkbook;
  readonly memory: Promise<MemoryWorkbook>;
  /** Starts making the workbook (once). */
  readonly make: () => void;
  readonly language: PaneLanguage;
}

function Preview({ workbook, memory, make, language }: PreviewProps) {
  const styles = useStyles();
  // The browser tests read this mark: navigation start to the first render of the pane.
  useEffect(() => {
    performance.mark("cst-first-render");
  }, []);
  // The workbook, and the core it needs, load once the pane has drawn its first paint, which needs neither.
  useEffect(make, [make]);
  // The skip link and the sheet view speak (and the sheet reads typing in) the page's language, as the pane beside them.
  return (
    <LanguageProvider language={language}>
      <div className={styles.layout}>
        <SkipToSheet className={styles.skip} />
        <div className={styles.pane} data-testid="pane">
          <App workbook={workbook} language={language} exporter={{ loadBuilder: loadSubmissionBuilder, open: openInExcelOrDownload }} />
        </div>
        <FluentProvider theme={webLightTheme} className={styles.sheet} id="sheet-view" tabIndex={-1}>
          <SheetView memory={memory} />
        </FluentProvider>
      </div>
    </LanguageProvider>
  );
}

/** The preview's workbook (src/preview/workbook.ts), made when `make` is first called. */
function workbookToMake(query: URLSearchParams): { readonly memory: Promise<MemoryWorkbook>; readonly make: () => void } {
  let resolve: (workbook: MemoryWorkbook) => void = () => {};
  let reject: (error: unknown) => void = () => {};
  const memory = new Promise<MemoryWorkbook>((made, failed) => {
    resolve = made;
    reject = failed;
  });
  let started = false;
  const make = () => {
    if (started) return;
    started = true;
    import(/* webpackChunkName: "preview-workbook" */ "./workbook").then((module) => module.previewWorkbook(query)).then(resolve, reject);
  };
  return { memory, make };
}

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (container === null) throw new Error("The page has no #root element for the preview.");
  const { memory, make } = workbookToMake(new URLSearchParams(window.location.search));
  const language = await loadLanguage(requestedLanguages());
  createRoot(container).render(<Preview workbook={pendingWorkbook(memory)} memory={memory} make={make} language={language} />);
}

void start();
