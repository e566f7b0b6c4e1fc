import { FluentProvider, MessageBar, MessageBarBody, Tab, TabList, webLightTheme } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import { EXPORT_REQUEST_EVENT, takeExportRequest } from "../commands/exportRequest";
import type { IsoDate } from "../core";
import type { GoToTarget, TrackingWorkbook } from "../excel/workbook";
import { CoordinatorView } from "./CoordinatorView";
import { type ExportDependencies, type ExportOutcome, exportSubmission } from "./exportSubmission";
import { MenteeView } from "./MenteeView";
import { usePaneStyles } from "./styles";
import { messageOf, useTracker } from "./useTracker";
import { WorkbookProvider, useWorkbook } from "./WorkbookContext";

export interface AppProps {
  readonly workbook: TrackingWorkbook;
  readonly exporter: Omit<ExportDependencies, "asOf">;
  /** The as-of date (today unless given). */
  readonly asOf?: IsoDate;
}

export function App({ workbook, exporter, asOf }: AppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <WorkbookProvider workbook={workbook}>
        <Pane exporter={exporter} asOf={asOf} />
      </WorkbookProvider>
    </FluentProvider>
  );
}

type View = "mentee" | "coordinator";

function Pane({ exporter, asOf }: Omit<AppProps, "workbook">) {
  const styles = usePaneStyles();
  const workbook = useWorkbook();
  const tracker = useTracker(asOf);
  const [view, setView] = useState<View>("mentee");
  const [goError, setGoError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportOutcome, setExportOutcome] = useState<ExportOutcome | null>(null);
  const exportRunning = useRef(false);

  const goTo = useCallback(
    (target: GoToTarget) => {
      setGoError(null);
      workbook.goTo(target).catch((error: unknown) => setGoError(messageOf(error)));
    },
    [workbook],
  );

  const runExport = useCallback(async () => {
    if (exportRunning.current) return;
    exportRunning.current = true;
    setView("mentee");
    setExporting(true);
    setExportOutcome(null);
    try {
      setExportOutcome(await exportSubmission(workbook, { ...exporter, asOf }));
      await tracker.refresh();
    } finally {
      exportRunning.current = false;
      setExporting(false);
    }
  }, [workbook, exporter, asOf, tracker]);

  const latestExport = useRef(runExport);
  latestExport.current = runExport;
  useEffect(() => {
    const listener = () => {
      takeExportRequest();
      void latestExport.current();
    };
    // A click on the ribbon button before the pane listened is waiting.
    if (takeExportRequest()) void latestExport.current();
    window.addEventListener(EXPORT_REQUEST_EVENT, listener);
    return () => window.removeEventListener(EXPORT_REQUEST_EVENT, listener);
  }, []);

  return (
    <main className={styles.pane} aria-label="CST Mentorship Tracker">
      <h1 className={styles.heading} data-testid="app-title">
        CST Mentorship Tracker
      </h1>
      <TabList selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} aria-label="View">
        <Tab value="mentee">Mentee</Tab>
        <Tab value="coordinator">Coordinator</Tab>
      </TabList>
      {tracker.readError !== null && (
        <MessageBar intent="error">
          <MessageBarBody className={styles.wrapText}>{tracker.readError}</MessageBarBody>
        </MessageBar>
      )}
      {goError !== null && (
        <MessageBar intent="error">
          <MessageBarBody className={styles.wrapText}>{goError}</MessageBarBody>
        </MessageBar>
      )}
      <div role="tabpanel" className={styles.panel} aria-label={view === "mentee" ? "Mentee" : "Coordinator"}>
        {view === "mentee" ? (
          <MenteeView tracker={tracker} onGo={goTo} onExport={() => void runExport()} exporting={exporting} exportOutcome={exportOutcome} />
        ) : (
          <CoordinatorView asOf={asOf} onGo={goTo} onVerified={tracker.refresh} />
        )}
      </div>
    </main>
  );
}
