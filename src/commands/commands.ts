/**
 * Ribbon commands. The manifest's "Export submission" button runs the
 * function `exportSubmission` (an ExecuteFunction action). The export itself
 * lives in the taskpane, which shows the findings when export must refuse, so
 * the command opens the pane and asks it to export.
 */
import { requestExport } from "./exportRequest";

export const EXPORT_ACTION_ID = "exportSubmission";

interface CommandEvent {
  completed(): void;
}

interface OfficeCommandsApi {
  readonly actions?: { associate(id: string, handler: (event: CommandEvent) => unknown): void };
  readonly addin?: { showAsTaskpane(): Promise<void> };
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
export async function exportSubmission(event: CommandEvent): Promise<void> {
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
