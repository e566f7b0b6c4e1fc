/**
 * The taskpane's start: in Excel the pane works on the open workbook through
 * Office.js; opened anywhere else it works on an in-memory sample so it can
 * still be tried.
 */
import "../excel/pageSecurity";
import { createRoot } from "react-dom/client";
import { displayLanguage, whenInExcel } from "../excel/host";
import { OfficeWorkbook } from "../excel/officeWorkbook";
import type { TrackingWorkbook } from "../excel/workbook";
import { sampleWorkbook } from "./sampleLog";
import { App } from "./App";
import { openInExcelOrDownload } from "./openSubmission";
import { loadSubmissionBuilder } from "./submissionBuilder";
import { loadLanguage, requestedLanguages } from "./i18n";
import { setRuntimeTranslator, translator } from "../i18n";

// The bundles run: the page's note for hosts that cannot run them is not needed.
document.getElementById("cst-cannot-start")?.remove();

async function start(inExcel: boolean): Promise<void> {
  const workbook: TrackingWorkbook = inExcel ? new OfficeWorkbook() : await sampleWorkbook();
  // In Excel, Office's display language; elsewhere the browser's.
  const office = inExcel ? displayLanguage() : null;
  const language = await loadLanguage(office === null ? requestedLanguages() : [office]);
  // The custom functions share this runtime: their messages in cells speak the same language.
  setRuntimeTranslator(translator(language.tag, language.messages));
  const container = document.getElementById("root");
  if (container === null) throw new Error("The page has no #root element for the taskpane.");
  createRoot(container).render(
    <App workbook={workbook} language={language} exporter={{ loadBuilder: loadSubmissionBuilder, open: openInExcelOrDownload }} />,
  );
}

void whenInExcel().then(start);
