/**
 * The service worker that keeps the tracker working offline (built by
 * webpack.config.js's OfflineCachePlugin with the list of the page's files).
 * Only production builds have one: the dev server rebuilds as files change.
 */

/** The service worker's address, beside the page (relative: the build can be served from any folder). */
export const SERVICE_WORKER = "service-worker.js";

/** Registers the service worker once the page has loaded; a browser without them simply works online. */
export function registerOfflineCache(container: Pick<Navigator, "serviceWorker"> | undefined = navigator): void {
  if (container === undefined || !("serviceWorker" in container)) return;
  const register = () => {
    container.serviceWorker.register(SERVICE_WORKER).catch((error: unknown) => {
      // Offline use is a convenience: the page works without it.
      console.warn(`The tracker will not work offline: its service worker did not register (${String(error)}).`);
    });
  };
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
