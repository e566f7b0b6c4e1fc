/**
 * The web tracker's service worker, run in a stand-in for the browser's
 * worker scope: installing caches every listed file from the server (not
 * the HTTP cache); the listed files are answered from the cache whatever
 * their query, anything else is left to the browser; activating deletes the
 * tracker's older caches only, and takes over the open pages.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";

const SOURCE = readFileSync(join(__dirname, "../../src/tracker/service-worker.js"), "utf8");
const SCOPE = "https://cst.example.org/";

type Listener = (event: Record<string, unknown>) => void;

function worker(files: string[], version = "v2", existing: string[] = []) {
  const listeners = new Map<string, Listener>();
  const stores = new Map<string, Map<string, string>>(existing.map((name) => [name, new Map()]));
  const fetched: { url: string; cache?: string }[] = [];
  const caches = {
    open: async (name: string) => {
      if (!stores.has(name)) stores.set(name, new Map());
      const store = stores.get(name)!;
      return {
        addAll: async (requests: { url: string; cache: string }[]) => {
          for (const request of requests) {
            fetched.push({ url: request.url, cache: request.cache });
            store.set(request.url, `cached ${request.url}`);
          }
        },
        match: async (url: string) => store.get(url),
      };
    },
    keys: async () => [...stores.keys()],
    delete: async (name: string) => stores.delete(name),
  };
  const claimed = { done: false };
  const self = {
    location: { href: `${SCOPE}service-worker.js` },
    clients: { claim: async () => void (claimed.done = true) },
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  };
  const source = SOURCE.replace(/^const PRECACHE = .*;$/m, `const PRECACHE = ${JSON.stringify({ version, files })};`);
  expect(source).not.toBe(SOURCE);
  runInNewContext(source, {
    self,
    caches,
    URL,
    Request: class {
      constructor(
        readonly url: string,
        readonly init: { cache: string },
      ) {}
      get cache() {
        return this.init.cache;
      }
    },
    fetch: async (request: { url: string }) => {
      fetched.push({ url: request.url });
      return `network ${request.url}`;
    },
    Promise,
  });
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    let waited: Promise<unknown> | undefined;
    let answer: Promise<unknown> | undefined;
    listeners.get(type)!({
      ...event,
      waitUntil: (promise: Promise<unknown>) => void (waited = promise),
      respondWith: (promise: Promise<unknown>) => void (answer = promise),
    });
    await waited;
    return answer === undefined ? undefined : await answer;
  };
  return { dispatch, stores, fetched, claimed };
}

const get = (url: string) => ({ request: { method: "GET", url } });

test("installing caches every listed file, fetched past the HTTP cache", async () => {
  const sw = worker(["tracker.html", "tracker.abc.js", "assets/icon-32.png"]);
  await sw.dispatch("install", {});
  expect(sw.fetched).toEqual([
    { url: `${SCOPE}tracker.html`, cache: "reload" },
    { url: `${SCOPE}tracker.abc.js`, cache: "reload" },
    { url: `${SCOPE}assets/icon-32.png`, cache: "reload" },
  ]);
  expect([...sw.stores.keys()]).toEqual(["cst-tracker-v2"]);
});

test("a listed file is answered from the cache, query or not; anything else is left to the browser", async () => {
  const sw = worker(["tracker.html", "help.html"]);
  await sw.dispatch("install", {});
  sw.fetched.length = 0;
  await expect(sw.dispatch("fetch", get(`${SCOPE}tracker.html?from=mail`))).resolves.toBe(`cached ${SCOPE}tracker.html`);
  await expect(sw.dispatch("fetch", get(`${SCOPE}help.html#web-tracker`))).resolves.toBe(`cached ${SCOPE}help.html`);
  await expect(sw.dispatch("fetch", get(`${SCOPE}taskpane.html`))).resolves.toBeUndefined();
  await expect(sw.dispatch("fetch", get("https://elsewhere.example/tracker.html"))).resolves.toBeUndefined();
  await expect(sw.dispatch("fetch", { request: { method: "POST", url: `${SCOPE}tracker.html` } })).resolves.toBeUndefined();
  expect(sw.fetched).toEqual([]);
});

test("a listed file the cache lost is fetched from the network", async () => {
  const sw = worker(["tracker.html"]);
  await expect(sw.dispatch("fetch", get(`${SCOPE}tracker.html`))).resolves.toBe(`network ${SCOPE}tracker.html`);
});

test("activating deletes the tracker's older caches, keeps others', and takes over the open pages", async () => {
  const sw = worker(["tracker.html"], "v2", ["cst-tracker-v1", "someone-else"]);
  await sw.dispatch("install", {});
  await sw.dispatch("activate", {});
  expect([...sw.stores.keys()].sort()).toEqual(["cst-tracker-v2", "someone-else"]);
  expect(sw.claimed.done).toBe(true);
});
