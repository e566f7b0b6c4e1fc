/**
 * Whether the task pane shows. With a shared runtime the pane's code keeps
 * running while the pane is closed, and Excel keeps raising change events
 * (https://learn.microsoft.com/office/dev/add-ins/testing/runtimes), so the
 * pane reads nothing while hidden and catches up when shown; the ribbon's
 * Export waits for the pane to show rather than run where nobody sees it.
 * Office tells changes through `Office.addin.onVisibilityModeChanged`
 * (SharedRuntime 1.1,
 * https://learn.microsoft.com/office/dev/add-ins/develop/show-hide-add-in).
 *
 * Office.js has no getter for the pane's state. Until Office tells a change,
 * the page's own visibility stands for it (the Page Visibility API: a web view
 * not shown reads "hidden"); whether every Office web view reports a closed
 * pane so is open in Microsoft's pages, so a pane thought visible is the
 * default, as it is when the person opened the pane to load it.
 */

type Listener = (visible: boolean) => void;

interface AddinApi {
  onVisibilityModeChanged?: (handler: (message: { visibilityMode: string }) => void) => Promise<() => Promise<void>>;
}

let visible: boolean | null = null;
let watched: AddinApi | null = null;
const listeners = new Set<Listener>();

function addinApi(): AddinApi | null {
  const office = (globalThis as { Office?: { addin?: AddinApi } }).Office;
  return typeof office?.addin?.onVisibilityModeChanged === "function" ? office.addin : null;
}

function pageVisible(): boolean {
  return typeof document === "undefined" || document.visibilityState !== "hidden";
}

/** Listens to Office once per Office.js instance (a test installs a new one each time). */
function watch(): void {
  const addin = addinApi();
  if (addin === null || addin === watched) return;
  watched = addin;
  visible = null;
  void addin
    .onVisibilityModeChanged?.((message) => {
      const next = message.visibilityMode !== "Hidden";
      if (next === visible) return;
      visible = next;
      for (const listener of [...listeners]) listener(next);
    })
    .catch(() => undefined);
}

/** Whether the pane shows, as far as Office has told. */
export function paneVisible(): boolean {
  watch();
  return visible ?? pageVisible();
}

/** Calls `listener` when the pane is shown or hidden; returns the function that stops it. */
export function onPaneVisibility(listener: Listener): () => void {
  watch();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
