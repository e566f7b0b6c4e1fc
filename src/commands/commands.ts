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
 * until the person opens the pane, which then exports at once.
 */
import { paneVisible } from "../excel/paneVisibility";
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
      // Not awaited: its promise says nothing about whether the pane shows.
      // A host without Office.addin (SharedRuntime 1.1) has no such call.
      void Promise.resolve()
        .then(() => officeApi()?.addin?.showAsTaskpane())
        .catch(() => undefined);
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
