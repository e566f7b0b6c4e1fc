/**
 * Ribbon commands. The manifest's "Export submission" button runs the
 * function `exportSubmission` (an ExecuteFunction action). The export itself
 * lives in the taskpane, which shows the findings when export must refuse, so
 * the command asks the pane to export, and the pane runs it only while it
 * shows: never where nobody sees the outcome.
 *
 * The command never depends on `Office.addin.showAsTaskpane()`: Excel ignores
 * it for add-ins in Microsoft's marketplace since 2026-02-23 (its promise
 * resolves, the pane stays closed;
 * https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in).
 * It is still asked, for hosts that honour it; otherwise the request waits
 * until the person opens the pane, which then exports at once, and a small
 * dialog over the workbook says to open it.
 */
import "../excel/pageSecurity";
import { onPaneVisibility, paneVisible } from "../excel/paneVisibility";
import { helpPage } from "../i18n/help";
import { requestExport } from "./exportRequest";

export const EXPORT_ACTION_ID = "exportSubmission";

/**
 * The parts of `Office` the commands use, each possibly missing: office.js
 * defines `Office.actions.associate` as soon as it runs, while
 * `Office.addin` comes with the host's script (SharedRuntime 1.1), and
 * outside Office there is no `Office` at all.
 */
interface OfficeCommandsApi {
  readonly actions?: Pick<Office.Actions, "associate">;
  readonly addin?: Pick<Office.Addin, "showAsTaskpane">;
  readonly context?: { readonly ui?: Pick<Office.UI, "displayDialogAsync">; readonly displayLanguage?: string };
}

/** How long the pane may take to show after the click before the person is told to open it. */
export const SHOW_WAIT_MS = 1500;
/** The help page's section that says to open the pane, shown in a dialog where the person is looking. */
export const RIBBON_EXPORT_SECTION = "ribbon-export";

/**
 * When the pane has not shown SHOW_WAIT_MS after the click, says so in a
 * small dialog (DialogApi 1.1) over the workbook, where the person looks;
 * the dialog closes when the pane shows.
 */
function tellToOpenPane(office: OfficeCommandsApi | undefined): void {
  setTimeout(() => {
    if (paneVisible() || office?.context?.ui?.displayDialogAsync === undefined) return;
    // In Office's display language, as the pane speaks it; English where that language has no help page.
    const help = helpPage(office.context.displayLanguage ?? "", RIBBON_EXPORT_SECTION);
    const url = new URL(help, globalThis.location?.href ?? "https://localhost/").href;
    try {
      office.context.ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true }, (result) => {
        const dialog = String(result.status) === "succeeded" ? (result.value as Office.Dialog) : null;
        if (dialog === null) return;
        const stop = onPaneVisibility((visible) => {
          if (!visible) return;
          stop();
          dialog.close();
        });
      });
    } catch {
      // A host without the Dialog API: the request still waits for the pane.
    }
  }, SHOW_WAIT_MS);
}

function officeApi(): OfficeCommandsApi | undefined {
  const office = (globalThis as { Office?: OfficeCommandsApi }).Office;
  return typeof office === "object" && office !== null ? office : undefined;
}

/**
 * Asks the taskpane to export, and a hidden pane to show. Excel waits for
 * `event.completed()` before it accepts another click on the button, so it is
 * called at once, whatever happens.
 */
export async function exportSubmission(event: Office.AddinCommands.Event): Promise<void> {
  try {
    requestExport();
    if (!paneVisible()) {
      const office = officeApi();
      // Not awaited: its promise says nothing about whether the pane shows.
      // A host without Office.addin (SharedRuntime 1.1) has no such call.
      void Promise.resolve()
        .then(() => office?.addin?.showAsTaskpane())
        .catch(() => undefined);
      tellToOpenPane(office);
    }
  } finally {
    event.completed();
  }
}

/** Registers the ribbon commands with Office; without Office (tests, the preview) it does nothing. */
export function registerCommands(office: OfficeCommandsApi | undefined = officeApi()): boolean {
  if (office?.actions === undefined) return false;
  office.actions.associate(EXPORT_ACTION_ID, exportSubmission);
  return true;
}

registerCommands();
