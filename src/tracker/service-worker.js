/**
 * The web tracker's service worker: keeps the tracker's files (the page, its
 * bundles and the chunks it loads later, the icons, the help page) in a
 * cache named after this build, and answers the browser from it, so the
 * tracker opens and works offline once it has been loaded. It fetches only
 * the site's own files, and only to fill its cache.
 *
 * The build writes the list in (webpack.config.js, OfflineCachePlugin): a
 * build that changes a file is a new version with a cache of its own, which
 * takes over once no page runs the old one; the old cache is deleted then.
 * Requests for anything not on the list (the add-in's pages, other sites)
 * are left to the browser.
 */

// The build replaces this line with the version and the files, relative to this script.
const PRECACHE = { version: "unbuilt", files: [] };

const CACHE_PREFIX = "cst-tracker-";
const CACHE = `${CACHE_PREFIX}${PRECACHE.version}`;
/** The cached files' addresses without a query: the page opened as tracker.html?anything is still the page. */
const CACHED = new Set(PRECACHE.files.map((file) => new URL(file, self.location.href).href));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // From the server, not the browser's HTTP cache: the files of one version must be that version's.
      .then((cache) => cache.addAll([...CACHED].map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
      )
      // The page that installed this worker is served by it from now on, without a reload.
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const key = `${url.origin}${url.pathname}`;
  if (!CACHED.has(key)) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(key))
      .then((cached) => cached ?? fetch(request)),
  );
});
