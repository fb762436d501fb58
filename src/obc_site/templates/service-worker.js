// The toolkit's service worker (issue 33): after one visit, every page and file of this language's site, the Python
// runtime and the package work with no network. obc_site.offline writes `const OBC_OFFLINE = {version, root,
// files}` above this text at build time: files are [URL from this file's folder, integrity, how, when], how being
// "page" (network first, the kept copy when there is no answer), "fixed" (a content-hashed name: cache first),
// "runtime" (Pyodide and the package: cache first, in the cache every language of the site shares) or "later"
// (runtime kept once a page has used it); when being "install" (kept before this version serves) or "idle" (the
// other pages and the data files: kept when a page, idle, asks: see "keep-rest"). Nothing else is stored: answers
// stay in the page's localStorage, and no request this list does not name is touched.
/* global OBC_OFFLINE */

// A navigation waits this long for the network before the kept copy is shown (a line that comes and goes).
const NETWORK_WAIT_MS = 4000;
const here = self.location.href;
const scope = self.registration.scope;
// Cache names carry the site's address: two sites on one origin (GitHub Pages project sites) never share one.
const PAGES = `obc-pages ${scope}`;
const RUNTIME = `obc-runtime ${new URL(OBC_OFFLINE.root, here).href}`;
// In the runtime cache, each language's list of the runtime files it uses: a file stays while any list names it.
const LIST_NAME = "obc-runtime-list";
const LIST = new URL(LIST_NAME, scope).href;

const entries = new Map(); // URL without its query -> {url, key, integrity, how}
for (const [path, integrity, how, when] of OBC_OFFLINE.files) {
  const url = new URL(path, here).href;
  // A page (or a file whose name does not change) is kept under its content's hash: the copies the previous
  // version serves stay until this one takes over, and only what changed is fetched.
  const key = how === "page" ? `${url}?obc-sha=${encodeURIComponent(integrity)}` : url;
  entries.set(url, { url, key, integrity, how, when });
}

const cacheOf = (entry) => caches.open(entry.how === "runtime" || entry.how === "later" ? RUNTIME : PAGES);

async function keep(entry) {
  const cache = await cacheOf(entry);
  if (await cache.match(entry.key)) return;
  // The copy the page has just downloaded, from the HTTP cache, if it is this version's: the first visit does not
  // download it twice. A copy an older version left there fails the integrity check: then the server's own
  // (no-cache). A content-hashed name is never stale.
  const asked = (cache) => fetch(entry.url, { cache, integrity: entry.integrity, credentials: "same-origin" });
  const response = await (entry.how === "page" ? asked("default").catch(() => asked("no-cache")) : asked("default"));
  if (!response.ok) throw new Error(`${entry.url}: HTTP ${response.status}`);
  await cache.put(entry.key, response);
}

const wanted = () => [...entries.values()].filter((entry) => entry.how !== "later");

async function openPages() {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  return new Set(windows.map(({ url }) => { const { origin, pathname } = new URL(url); return origin + pathname; }));
}

async function install() {
  // All or nothing: if one file cannot be fetched, this version is not installed, and the browser tries again on
  // a later visit; the version already installed (if any) goes on serving. A first version keeps what the open
  // pages need (the runtime, the package, the site's scripts and styles, those pages); the other pages follow when
  // a page is idle ("keep-rest"), so that the first visit's download is the page's own. A new version replacing
  // one keeps everything first: what worked offline goes on working once it takes over.
  const everything = Boolean(self.registration.active);
  const open = everything ? new Set() : await openPages();
  const now = wanted().filter((entry) => everything || entry.when === "install" || open.has(entry.url));
  await Promise.all(now.map(keep));
}

// Every listed file kept (but those kept once used): what "Available offline" on a page says.
async function complete() {
  const kept = (entry) => cacheOf(entry).then((cache) => cache.match(entry.key)).then(Boolean);
  return (await Promise.all(wanted().map(kept))).every(Boolean);
}

let resting = null; // the "keep-rest" under way: a second page's asking joins it
function keepRest() {
  if (!resting) resting = Promise.allSettled(wanted().map(keep)).finally(() => { resting = null; });
  return resting;
}

async function tell(clients) {
  const message = { type: "kept", version: OBC_OFFLINE.version, complete: await complete() };
  for (const client of clients) client.postMessage(message);
}

async function forget(cache, keep) {
  await Promise.all((await cache.keys()).filter((request) => !keep(request.url)).map((request) => cache.delete(request)));
}

async function activate() {
  const [pages, runtime] = await Promise.all([caches.open(PAGES), caches.open(RUNTIME)]);
  const keys = new Set([...entries.values()].map((entry) => entry.key));
  await forget(pages, (url) => keys.has(url));
  const mine = [...entries.values()].filter((entry) => entry.how === "runtime" || entry.how === "later");
  await runtime.put(LIST, new Response(JSON.stringify(mine.map((entry) => entry.url)),
    { headers: { "Content-Type": "application/json" } }));
  const used = new Set();
  for (const request of await runtime.keys()) {
    if (!request.url.endsWith(`/${LIST_NAME}`)) continue;
    for (const url of await (await runtime.match(request)).json()) used.add(url);
  }
  await forget(runtime, (url) => url.endsWith(`/${LIST_NAME}`) || used.has(url));
  // The page that installed the first version is served from now on (a later version waits: see "message").
  await self.clients.claim();
}

function networkFirst(request, entry) {
  const network = fetch(request);
  const kept = () => caches.open(PAGES).then((cache) => cache.match(entry.key)).then((copy) => copy || network);
  if (request.mode !== "navigate") return network.catch(kept);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(kept()), NETWORK_WAIT_MS);
    network.then((response) => { clearTimeout(timer); resolve(response); },
      () => { clearTimeout(timer); resolve(kept()); });
  });
}

async function cacheFirst(request, entry) {
  const cache = await cacheOf(entry);
  const copy = await cache.match(entry.key);
  if (copy) return copy;
  const response = await fetch(request);
  if (entry.how === "later" && response.ok) await cache.put(entry.key, response.clone());
  return response;
}

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const entry = entries.get(url.origin + url.pathname);
  if (!entry) return; // not a file of this site's list: the browser fetches it as it would with no worker
  event.respondWith(entry.how === "page" ? networkFirst(request, entry) : cacheFirst(request, entry));
});

// A new version takes over only when a person asks for it (the page's "Reload" button): never while they answer.
// A page asks what is kept ("status") and, when idle, for the rest ("keep-rest"); every open page is told when it
// is all kept.
self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") self.skipWaiting();
  else if (type === "status") event.waitUntil(tell([event.source]));
  else if (type === "keep-rest") {
    event.waitUntil(keepRest().then(() => self.clients.matchAll({ type: "window", includeUncontrolled: true }))
      .then(tell));
  }
});
