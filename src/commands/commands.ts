/**
 * Ribbon commands. The manifest's "Export submission" button runs the
 * function `exportSubmission` (an ExecuteFunction action). The export itself
 * lives in the taskpane, which shows the findings when export must refuse, so
 * the command opens the pane and asks it to export.
 */
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
 * Shows the taskpane, then asks it to export. Excel waits for
 * `event.completed()` before it accepts another click on the button, so it is
 * called whatever happens.
 */
export async function exportSubmission(event: Office.AddinCommands.Event): Promise<void> {
  try {
    try {
      await officeApi()?.addin?.showAsTaskpane();
    } catch {
      // A host without Office.addin (SharedRuntime 1.1) still has the pane's
      // window: the request below reaches it when the user opens the pane.
    }
    requestExport();
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
