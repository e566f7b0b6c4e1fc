/**
 * The ribbon's "Export submission" button asks the taskpane to run the
 * export. With a shared runtime the command and the taskpane live in the same
 * window, so the request is a DOM event on `window`. A request made before the
 * taskpane has started listening is kept, and the taskpane takes it when it
 * mounts, so a click on the button right after Excel opens is not lost.
 */
export const EXPORT_REQUEST_EVENT = "cst:export-request";

let pendingRequest = false;

/** Sends the export request to the taskpane (and remembers it until taken). */
export function requestExport(target: Window = window): void {
  pendingRequest = true;
  target.dispatchEvent(new CustomEvent(EXPORT_REQUEST_EVENT));
}

/**
 * Whether an export request is waiting; taking it clears it. The taskpane
 * calls this when it mounts and whenever it receives the event, so one click
 * runs the export once.
 */
export function takeExportRequest(): boolean {
  const waiting = pendingRequest;
  pendingRequest = false;
  return waiting;
}
