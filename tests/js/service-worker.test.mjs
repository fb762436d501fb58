import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";

// The service worker's source as the build writes it (obc_site.offline puts its list above it), run in a context
// with a fake Cache Storage and network, driven by the events a browser sends it.
const SOURCE = readFileSync(new URL("../../src/obc_site/templates/service-worker.js", import.meta.url), "utf-8");
const SITE = "https://council.example/obc-toolkit/";

class FakeCache {
  constructor() { this.entries = new Map(); }
  async match(key) { return this.entries.get(typeof key === "string" ? key : key.url)?.clone(); }
  async put(key, response) { this.entries.set(typeof key === "string" ? key : key.url, response); }
  async keys() { return [...this.entries.keys()].map((url) => ({ url })); }
  async delete(request) { return this.entries.delete(request.url); }
}

class FakeCaches {
  constructor() { this.byName = new Map(); }
  async open(name) {
    if (!this.byName.has(name)) this.byName.set(name, new FakeCache());
    return this.byName.get(name);
  }
  urls(name) { return [...(this.byName.get(name)?.entries.keys() || [])].sort(); }
}

/** A network serving `files` (URL -> text); `offline` makes every fetch fail; every fetch is recorded. */
function network(files) {
  const net = { files, offline: false, asked: [], hang: false };
  net.fetch = async (request, init = {}) => {
    const url = typeof request === "string" ? request : request.url;
    net.asked.push({ url, ...init });
    if (net.hang) return new Promise(() => {});
    if (net.offline) throw new TypeError("Failed to fetch");
    const path = url.split("?")[0]; // a server serves a page whatever its query (?h=, Material's highlight)
    if (!(path in net.files)) return new Response("not found", { status: 404 });
    return new Response(net.files[path], { headers: { "Content-Type": "text/plain" } });
  };
  return net;
}

/** A window a worker can see and tell things: what it was told is in `told`. */
function page(url) {
  const told = [];
  return { url, told, postMessage: (message) => told.push(JSON.parse(JSON.stringify(message))) }; // a copy, as sent
}

/** One worker version: its list, at the site (English) or cy/ (Welsh), sharing `caches` with other versions;
 *  `windows` are the pages open in its scope, `active` whether a version before it serves them (then it keeps
 *  every file at install). */
function worker({ files, scope = SITE, root = "./", caches, net, timers = globalThis, windows = [], active = false }) {
  const listeners = {};
  const state = { claimed: 0, skipped: 0 };
  const self = {
    location: { href: `${scope}service-worker.js` },
    registration: { scope, active: active ? {} : null },
    addEventListener: (type, fn) => { listeners[type] = fn; },
    clients: {
      claim: async () => { state.claimed += 1; },
      matchAll: async ({ type, includeUncontrolled }) => (type === "window" && includeUncontrolled ? windows : []),
    },
    skipWaiting: () => { state.skipped += 1; },
  };
  const context = vm.createContext({ self, caches, fetch: net.fetch, Response, URL, setTimeout: timers.setTimeout,
    clearTimeout: timers.clearTimeout, console });
  vm.runInContext(`const OBC_OFFLINE = ${JSON.stringify({ version: "v", root, files })};\n${SOURCE}`, context);
  const lifecycle = async (type) => {
    let done;
    listeners[type]({ waitUntil: (promise) => { done = promise; } });
    await done;
  };
  return {
    state,
    install: () => lifecycle("install"),
    activate: () => lifecycle("activate"),
    /** A message from a page; resolves when the worker's work for it is done. */
    message: async (data, source = page(SITE)) => {
      let done;
      listeners.message({ data, source, waitUntil: (promise) => { done = promise; } });
      await done;
      return source.told;
    },
    /** What the worker answers for a request, or undefined when it leaves it to the browser. */
    fetch(url, { mode = "cors", method = "GET" } = {}) {
      let answer;
      listeners.fetch({ request: { url, mode, method }, respondWith: (promise) => { answer = promise; } });
      return answer;
    },
  };
}

const PAGES = `obc-pages ${SITE}`;
const RUNTIME = `obc-runtime ${SITE}`;
const FILES = [
  ["./", "sha256-home1", "page", "idle"],
  ["guidance/models/", "sha256-models1", "page", "idle"],
  ["assets/javascripts/bundle.a5f9d56c.min.js", "sha256-bundle", "fixed", "install"],
  ["assets/pyodide/314.0.7/pyodide.asm.wasm", "sha256-wasm", "runtime", "install"],
  ["assets/pyodide/314.0.7/python_stdlib.zip", "sha256-full", "later", "install"],
];
const SERVED = {
  [SITE]: "home v1", [`${SITE}guidance/models/`]: "models v1", [`${SITE}assets/javascripts/bundle.a5f9d56c.min.js`]: "js",
  [`${SITE}assets/pyodide/314.0.7/pyodide.asm.wasm`]: "wasm", [`${SITE}assets/pyodide/314.0.7/python_stdlib.zip`]: "zip",
};

test("a first install keeps the runtime, the scripts and the open page; the rest when a page asks", async () => {
  const caches = new FakeCaches();
  const net = network(SERVED);
  const sw = worker({ files: FILES, caches, net, windows: [page(`${SITE}guidance/models/?h=x`)] });
  await sw.install();
  assert.deepEqual(caches.urls(PAGES), [
    `${SITE}assets/javascripts/bundle.a5f9d56c.min.js`, `${SITE}guidance/models/?obc-sha=sha256-models1`]);
  assert.deepEqual(caches.urls(RUNTIME), [`${SITE}assets/pyodide/314.0.7/pyodide.asm.wasm`]);
  // Each from the HTTP cache if there (the page's own download), checked by its integrity.
  const asked = Object.fromEntries(net.asked.map(({ url, cache, integrity }) => [url, [cache, integrity]]));
  assert.deepEqual(asked, {
    [`${SITE}guidance/models/`]: ["default", "sha256-models1"],
    [`${SITE}assets/javascripts/bundle.a5f9d56c.min.js`]: ["default", "sha256-bundle"],
    [`${SITE}assets/pyodide/314.0.7/pyodide.asm.wasm`]: ["default", "sha256-wasm"] });
  await sw.activate();
  assert.deepEqual(await sw.message({ type: "status" }), [{ type: "kept", version: "v", complete: false }]);
  // Every open page is told when the rest is kept; the one kept on use is not fetched.
  const open = [page(SITE), page(`${SITE}guidance/models/`)];
  const again = worker({ files: FILES, caches, net, windows: open });
  net.asked = [];
  await again.message({ type: "keep-rest" }, open[0]);
  assert.deepEqual(net.asked.map((a) => a.url), [SITE]);
  assert.deepEqual(open.map((p) => p.told), [[{ type: "kept", version: "v", complete: true }],
    [{ type: "kept", version: "v", complete: true }]]);
  assert.deepEqual(caches.urls(PAGES).length, 3);
});

test("the rest cut short is not complete, and a later asking fetches only what is missing", async () => {
  const caches = new FakeCaches();
  const net = network({ ...SERVED });
  delete net.files[`${SITE}guidance/models/`];
  const home = page(SITE);
  const sw = worker({ files: FILES, caches, net, windows: [home] });
  await sw.install();
  assert.deepEqual(await sw.message({ type: "keep-rest" }, home), [{ type: "kept", version: "v", complete: false }]);
  net.files = SERVED;
  net.asked = [];
  assert.deepEqual(await sw.message({ type: "keep-rest" }, home), [{ type: "kept", version: "v", complete: false },
    { type: "kept", version: "v", complete: true }]);
  assert.deepEqual(net.asked.map((a) => a.url), [`${SITE}guidance/models/`]);
});

test("a page an older version left in the HTTP cache fails its integrity and is asked of the server", async () => {
  const caches = new FakeCaches();
  const net = network(SERVED);
  const fetchOne = net.fetch;
  net.fetch = (url, init) => (init.cache === "default" && url === SITE ? Promise.reject(new TypeError("integrity"))
    : fetchOne(url, init));
  await worker({ files: FILES, caches, net, windows: [page(SITE)] }).install();
  assert.deepEqual(net.asked.filter((a) => a.url === SITE).map((a) => a.cache), ["no-cache"]);
  assert.ok(caches.urls(PAGES).includes(`${SITE}?obc-sha=sha256-home1`));
});

test("a new version replacing one keeps every file at install: what worked offline goes on working", async () => {
  const caches = new FakeCaches();
  const net = network(SERVED);
  await worker({ files: FILES, caches, net, active: true }).install();
  assert.equal(caches.urls(PAGES).length, 3);
});

test("an install with a file missing fails whole, and the version before goes on serving", async () => {
  const caches = new FakeCaches();
  await worker({ active: true, files: FILES, caches, net: network(SERVED) }).install();
  const changed = FILES.map((f) => (f[0] === "./" ? ["./", "sha256-home2", "page"] : f));
  const missing = { ...SERVED };
  delete missing[SITE];
  await assert.rejects(worker({ active: true, files: changed, caches, net: network(missing) }).install(), /HTTP 404/);
  const old = worker({ active: true, files: FILES, caches, net: { ...network(SERVED), fetch: async () => { throw new TypeError("offline"); } } });
  assert.equal(await (await old.fetch(SITE, { mode: "navigate" })).text(), "home v1");
});

test("a new deploy fetches exactly what changed, and taking over forgets the old copies", async () => {
  const caches = new FakeCaches();
  await worker({ active: true, files: FILES, caches, net: network(SERVED) }).install();
  const v2 = FILES.map((f) => (f[0] === "guidance/models/" ? ["guidance/models/", "sha256-models2", "page"] : f));
  const net = network({ ...SERVED, [`${SITE}guidance/models/`]: "models v2" });
  const next = worker({ active: true, files: v2, caches, net });
  await next.install();
  assert.deepEqual(net.asked.map((a) => a.url), [`${SITE}guidance/models/`]);
  // Until it takes over, both versions' copies are there: the old version's pages keep being served.
  assert.equal(caches.urls(PAGES).length, 4);
  await next.activate();
  assert.deepEqual(caches.urls(PAGES), [
    `${SITE}?obc-sha=sha256-home1`, `${SITE}assets/javascripts/bundle.a5f9d56c.min.js`,
    `${SITE}guidance/models/?obc-sha=sha256-models2`]);
  assert.equal(next.state.claimed, 1);
});

test("the Welsh and English workers share one runtime cache, kept while either lists a file", async () => {
  const caches = new FakeCaches();
  const english = worker({ active: true, files: FILES, caches, net: network(SERVED) });
  await english.install();
  await english.activate();
  const welshFiles = [["./", "sha256-cartref", "page"], ["../assets/pyodide/314.0.7/pyodide.asm.wasm", "sha256-wasm", "runtime"]];
  const welshNet = network({ [`${SITE}cy/`]: "hafan" });
  const welsh = worker({ active: true, files: welshFiles, scope: `${SITE}cy/`, root: "../", caches, net: welshNet });
  await welsh.install();
  await welsh.activate();
  assert.deepEqual(welshNet.asked.map((a) => a.url), [`${SITE}cy/`], "the runtime was not downloaded again");
  assert.deepEqual([...caches.byName.keys()].sort(), [PAGES, `obc-pages ${SITE}cy/`, RUNTIME]);
  // A new English version with a new runtime: the old runtime stays while the Welsh worker still lists it.
  const v2 = FILES.map((f) => (f[2] === "runtime" ? ["assets/pyodide/315.0.0/pyodide.asm.wasm", "sha256-w2", "runtime"] : f));
  const next = worker({ active: true, files: v2, caches, net: network({ ...SERVED, [`${SITE}assets/pyodide/315.0.0/pyodide.asm.wasm`]: "w2" }) });
  await next.install();
  await next.activate();
  const runtime = caches.urls(RUNTIME).filter((url) => !url.endsWith("/obc-runtime-list"));
  assert.deepEqual(runtime, [`${SITE}assets/pyodide/314.0.7/pyodide.asm.wasm`, `${SITE}assets/pyodide/315.0.0/pyodide.asm.wasm`]);
  // The Welsh worker moves on too: now nothing lists the old runtime, and it goes.
  const welshV2 = [["./", "sha256-cartref", "page"], ["../assets/pyodide/315.0.0/pyodide.asm.wasm", "sha256-w2", "runtime"]];
  const welshNext = worker({ active: true, files: welshV2, scope: `${SITE}cy/`, root: "../", caches, net: network({}) });
  await welshNext.install();
  await welshNext.activate();
  assert.deepEqual(caches.urls(RUNTIME).filter((url) => !url.endsWith("/obc-runtime-list")),
    [`${SITE}assets/pyodide/315.0.0/pyodide.asm.wasm`]);
});

test("pages: the network first, the kept copy when there is none; other files: the kept copy", async () => {
  const caches = new FakeCaches();
  const net = network(SERVED);
  const sw = worker({ active: true, files: FILES, caches, net });
  await sw.install();
  net.files = { ...SERVED, [SITE]: "home (published since)" };
  assert.equal(await (await sw.fetch(`${SITE}?h=commissioning`, { mode: "navigate" })).text(), "home (published since)");
  net.offline = true;
  assert.equal(await (await sw.fetch(`${SITE}?h=commissioning`, { mode: "navigate" })).text(), "home v1");
  // Material's instant navigation asks for pages with fetch(), not as navigations.
  assert.equal(await (await sw.fetch(`${SITE}guidance/models/`)).text(), "models v1");
  assert.equal(await (await sw.fetch(`${SITE}assets/pyodide/314.0.7/pyodide.asm.wasm`)).text(), "wasm");
  await assert.rejects(sw.fetch(`${SITE}assets/pyodide/314.0.7/python_stdlib.zip`), /Failed to fetch/);
  net.offline = false;
  net.asked = [];
  assert.equal(await (await sw.fetch(`${SITE}assets/pyodide/314.0.7/python_stdlib.zip`)).text(), "zip");
  net.offline = true;
  assert.equal(await (await sw.fetch(`${SITE}assets/pyodide/314.0.7/python_stdlib.zip`)).text(), "zip", "kept once used");
  assert.equal(sw.fetch(`${SITE}cy/`, { mode: "navigate" }), undefined, "another language's page is left alone");
  assert.equal(sw.fetch("https://elsewhere.example/x.js"), undefined);
  assert.equal(sw.fetch(SITE, { method: "POST" }), undefined);
});

test("a navigation the network leaves hanging gets the kept copy", async (t) => {
  t.mock.timers.enable({ apis: ["setTimeout"] });
  const caches = new FakeCaches();
  const net = network(SERVED);
  const sw = worker({ active: true, files: FILES, caches, net, timers: { setTimeout, clearTimeout } });
  await sw.install();
  net.hang = true;
  const answer = sw.fetch(SITE, { mode: "navigate" });
  t.mock.timers.tick(4000);
  assert.equal(await (await answer).text(), "home v1");
});

test("a new version waits until a page asks it to take over", () => {
  const sw = worker({ active: true, files: FILES, caches: new FakeCaches(), net: network(SERVED) });
  sw.message({ type: "something else" });
  assert.equal(sw.state.skipped, 0);
  sw.message({ type: "skip-waiting" });
  assert.equal(sw.state.skipped, 1);
});
