/**
 * The preview page: the taskpane at a pane's width beside a read-only view of
 * the in-memory workbook, preloaded with the sample log. No Excel needed.
 */
import "../excel/pageSecurity";
import { FluentProvider, makeStyles, tokens, webLightTheme } from "@fluentui/react-components";
import { Suspense, lazy, useEffect } from "react";
import { createRoot } from "react-dom/client";
import { MemoryWorkbook } from "../excel/memoryWorkbook";
import { App } from "../taskpane/App";
import { type PaneLanguage, LanguageProvider, loadLanguage, requestedLanguages, useT } from "../taskpane/i18n";
import { openInExcelOrDownload } from "../taskpane/exportSubmission";
import { loadSubmissionBuilder } from "../taskpane/submissionBuilder";
import { generatedRows, sampleWorkbook } from "../taskpane/sampleLog";

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

function Preview({ workbook, language }: { workbook: MemoryWorkbook; language: PaneLanguage }) {
  const styles = useStyles();
  // The browser tests read this mark: navigation start to the first render of the pane.
  useEffect(() => {
    performance.mark("cst-first-render");
  }, []);
  return (
    <div className={styles.layout}>
      <LanguageProvider language={language}>
        <SkipToSheet className={styles.skip} />
      </LanguageProvider>
      <div className={styles.pane} data-testid="pane">
        <App workbook={workbook} language={language} exporter={{ loadBuilder: loadSubmissionBuilder, open: openInExcelOrDownload }} />
      </div>
      <FluentProvider theme={webLightTheme} className={styles.sheet} id="sheet-view" tabIndex={-1}>
        {/* The sheet view speaks, and reads typing in, the page's language, as the pane beside it. */}
        <LanguageProvider language={language}>
          <Suspense fallback={null}>
            <SheetGrid workbook={workbook} />
          </Suspense>
        </LanguageProvider>
      </FluentProvider>
    </div>
  );
}

async function start(): Promise<void> {
  const container = document.getElementById("root");
  if (container === null) throw new Error("The page has no #root element for the preview.");
  // ?blank starts from a workbook without the form, to try inserting it.
  const query = new URLSearchParams(window.location.search);
  const blank = query.has("blank");
  // ?rows=2000 fills the sample's pattern into a log that long (to measure the pane on long logs).
  const rows = Number(query.get("rows"));
  const workbook = blank
    ? new MemoryWorkbook({ sheets: [{ name: "Notes", cells: [["My mentorship notes"]] }] })
    : await sampleWorkbook("1900", Number.isInteger(rows) && rows > 0 && rows <= 100_000 ? generatedRows(rows) : undefined);
  const language = await loadLanguage(requestedLanguages());
  createRoot(container).render(<Preview workbook={workbook} language={language} />);
}

void start();
