import { FluentProvider, Spinner, Tab, TabList } from "@fluentui/react-components";
import { type ReactNode, Suspense, lazy, useCallback, useEffect, useRef, useState } from "react";
import { EXPORT_REQUEST_EVENT, takeExportRequest } from "../commands/exportRequest";
import { onPaneVisibility, paneVisible } from "../excel/paneVisibility";
import { usePaneTheme } from "./theme";
import { type PaneLanguage, LanguageProvider, usePaneLanguage, usePaneTranslator, useT } from "./i18n";
import type { IsoDate } from "../core";
import type { TrackingWorkbook } from "../excel/workbook";
import type { ExportDependencies, ExportOutcome } from "./exportSubmission";
import { StatusMessage } from "./StatusMessage";
import { usePaneStyles } from "./styles";
import { messageOf, useTracker } from "./useTracker";
import { WorkbookProvider, useWorkbook } from "./WorkbookContext";

// The views load after the pane's first paint (the heading, the tabs and "Reading the workbook…"): they
// are drawn once the workbook is read, and the coordinator's only when its tab is opened. The export,
// which needs the core, loads when it is asked for.
const loadMenteeView = () => import(/* webpackChunkName: "mentee-view" */ "./MenteeView");
const MenteeView = lazy(() => loadMenteeView().then((m) => ({ default: m.MenteeView })));
const CoordinatorView = lazy(() =>
  import(/* webpackChunkName: "coordinator-view" */ "./CoordinatorView").then((m) => ({ default: m.CoordinatorView })),
);

export interface AppProps {
  readonly workbook: TrackingWorkbook;
  readonly exporter: Omit<ExportDependencies, "asOf">;
  /** The as-of date (today unless given). */
  readonly asOf?: IsoDate;
  /** More for the Coordinator tab, below its own (the web tracker's record file). */
  readonly coordinatorExtra?: ReactNode;
  /** Told which tab is shown (the web tracker gives the Coordinator tab its whole width). */
  readonly onViewChange?: (view: View) => void;
  /** The language to speak (Office's display language in Excel); else the one of the page around it, or English. */
  readonly language?: PaneLanguage;
}

export function App({ workbook, exporter, asOf, coordinatorExtra, onViewChange, language }: AppProps) {
  const outer = usePaneLanguage();
  return (
    <LanguageProvider language={language ?? outer}>
      <ThemedPane workbook={workbook} exporter={exporter} asOf={asOf} coordinatorExtra={coordinatorExtra} onViewChange={onViewChange} />
    </LanguageProvider>
  );
}

function ThemedPane({ workbook, ...pane }: Omit<AppProps, "language">) {
  const { theme } = usePaneTheme();
  const { tag, dir } = usePaneLanguage();
  // Fluent lays its components out mirrored under dir="rtl" (https://react.fluentui.dev/?path=/docs/concepts-developer-positioning-components--docs).
  return (
    <FluentProvider theme={theme} dir={dir} lang={tag}>
      <WorkbookProvider workbook={workbook}>
        <Pane {...pane} />
      </WorkbookProvider>
    </FluentProvider>
  );
}

export type View = "mentee" | "coordinator";

function Pane({ exporter, asOf, coordinatorExtra, onViewChange }: Omit<AppProps, "workbook">) {
  const styles = usePaneStyles();
  const t = useT();
  // The printed submission speaks the pane's language.
  const words = usePaneTranslator();
  const workbook = useWorkbook();
  const tracker = useTracker(asOf);
  const [view, setView] = useState<View>("mentee");
  // The Coordinator view is drawn the first time it is opened (most panes never open it), then stays.
  const [coordinatorOpened, setCoordinatorOpened] = useState(false);
  if (view === "coordinator" && !coordinatorOpened) setCoordinatorOpened(true);
  const [goError, setGoError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportOutcome, setExportOutcome] = useState<ExportOutcome | null>(null);
  const exportRunning = useRef(false);
  useEffect(() => onViewChange?.(view), [view, onViewChange]);
  // The mentee's view loads once the pane is painted, while the workbook is read.
  useEffect(() => void loadMenteeView(), []);

  // A refusal lists errors of the log as it was: once the log changes, the list may no longer be true.
  useEffect(() => {
    setExportOutcome((outcome) => (outcome?.kind === "refused" || outcome?.kind === "failed" ? null : outcome));
    setGoError(null);
  }, [tracker.content]);

  const goToRow = useCallback(
    (row: number) => {
      setGoError(null);
      workbook.goTo({ kind: "row", row }).catch((error: unknown) => setGoError(messageOf(error, t)));
    },
    [workbook, t],
  );

  const runExport = useCallback(async () => {
    if (exportRunning.current) return;
    exportRunning.current = true;
    setView("mentee");
    setExporting(true);
    setExportOutcome(null);
    try {
      const { exportSubmission } = await import(/* webpackChunkName: "export" */ "./exportSubmission");
      setExportOutcome(await exportSubmission(workbook, { ...exporter, asOf, translator: words }));
    } finally {
      exportRunning.current = false;
      setExporting(false);
    }
  }, [workbook, exporter, asOf, words]);

  const latestExport = useRef(runExport);
  latestExport.current = runExport;
  useEffect(() => {
    // A request waits while the pane is hidden (its code runs in a shared
    // runtime even then): the export and any refusal show where the person
    // looks, once the pane is opened.
    const exportIfWaiting = () => {
      if (paneVisible() && takeExportRequest()) void latestExport.current();
    };
    const onRequest = () => {
      if (!paneVisible()) return;
      takeExportRequest();
      void latestExport.current();
    };
    // A click on the ribbon button before the pane listened (or while it was hidden) is waiting.
    exportIfWaiting();
    window.addEventListener(EXPORT_REQUEST_EVENT, onRequest);
    const stopVisibility = onPaneVisibility((visible) => visible && exportIfWaiting());
    return () => {
      window.removeEventListener(EXPORT_REQUEST_EVENT, onRequest);
      stopVisibility();
    };
  }, []);

  return (
    <main className={styles.pane} aria-label={t("app.title")}>
      <h1 className={styles.heading} data-testid="app-title">
        {t("app.title")}
      </h1>
      <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} aria-label={t("app.views")}>
        <Tab value="mentee" id="tab-mentee" aria-controls="panel-mentee">
          {t("app.mentee")}
        </Tab>
        <Tab value="coordinator" id="tab-coordinator" aria-controls="panel-coordinator">
          {t("app.coordinator")}
        </Tab>
      </TabList>
      {tracker.readError !== null && <StatusMessage intent="error">{tracker.readError}</StatusMessage>}
      {goError !== null && <StatusMessage intent="error">{goError}</StatusMessage>}
      {/* Both views stay mounted once drawn: what was typed in one survives a visit to the other. */}
      <div role="tabpanel" id="panel-mentee" aria-label={t("app.mentee")} className={styles.panel} hidden={view !== "mentee"}>
        {tracker.content === null || tracker.assessment === null ? (
          // What the view shows until the workbook is read, drawn without it.
          tracker.readError === null && <Spinner label={t("mentee.reading")} />
        ) : (
          <Suspense fallback={<Spinner label={t("mentee.reading")} />}>
            <MenteeView
              tracker={tracker}
              onGoToRow={goToRow}
              onExport={() => void runExport()}
              exporting={exporting}
              exportOutcome={exportOutcome}
            />
          </Suspense>
        )}
      </div>
      <div
        role="tabpanel"
        id="panel-coordinator"
        aria-label={t("app.coordinator")}
        className={styles.panel}
        hidden={view !== "coordinator"}
      >
        {(coordinatorOpened || view === "coordinator") && (
          <Suspense fallback={null}>
            <CoordinatorView asOf={asOf} onGoToRow={goToRow} onVerified={tracker.refresh} extra={coordinatorExtra} />
          </Suspense>
        )}
      </div>
    </main>
  );
}
