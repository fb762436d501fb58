import assert from "node:assert/strict";
import { test } from "node:test";

// obc-worker.js runs in a worker's global scope: a fake `self` that records what it posts.
const posted = [];
const listeners = [];
const HERE = "https://owner.example/toolkit/cy/assets/obc-worker.js"; // the Welsh site's worker, one folder down
globalThis.self = { postMessage: (message) => posted.push(message), addEventListener: (type, fn) => listeners.push(fn),
  location: { href: HERE } };
const { permitted, refusedRequest } = await import("../../docs/assets/obc-worker.js");

test("a request before the program has loaded is answered with a code the page words, not words of its own", async () => {
  for (const fn of listeners) fn({ data: { id: 7, type: "evaluate", definition: "https://site/d.json", fields: "{}" } });
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(posted, [{ id: 7, ok: false, code: "not-loaded", error: "obc_assess has not loaded" }]);
});

// (url, kind, allowed): the worker's own policy, since a page's <meta> policy does not reach it (issue 35).
const PLACES = [
  ["https://owner.example/toolkit/cy/assets/pyodide/314.0.7/", "runtime", true],
  ["https://owner.example/toolkit/assets/pyodide/314.0.7/", "runtime", true], // the English site's, shared
  ["https://owner.example/toolkit/cy/assets/obc/python_stdlib-38e1c64b6c99.zip", "package", true],
  ["https://owner.example/toolkit/cy/assets/obc/procurement-review-c3a7073ae7c5.json", "definition", true],
  ["https://cdn.example/pyodide/v0.29/full/", "runtime", false], // another origin
  ["http://owner.example/toolkit/assets/pyodide/314.0.7/", "runtime", false], // another scheme is another origin
  ["https://owner.example/toolkit/uploads/pyodide/", "runtime", false], // this origin, not the runtime's folder
  ["https://owner.example/toolkit/cy/assets/pyodide/../../../evil/", "runtime", false], // the URL resolves outside
  ["https://owner.example/toolkit/assets/obc/python_stdlib.zip", "runtime", false], // the package's folder
  ["https://owner.example/toolkit/cy/assets/pyodide/x.zip", "package", false],
  ["https://user:pw@owner.example/toolkit/assets/pyodide/314.0.7/", "runtime", false],
  ["javascript:alert(1)", "runtime", false],
  ["data:text/javascript,alert(1)", "runtime", false],
  ["blob:https://owner.example/1234", "runtime", false],
  ["../assets/pyodide/314.0.7/", "runtime", false], // only absolute URLs cross from the page
];

for (const [url, kind, allowed] of PLACES) {
  test(`the worker ${allowed ? "loads" : "refuses"} a ${kind} at ${url}`, () => {
    assert.equal(permitted(url, kind), allowed);
  });
}

test("a runtime from another origin is refused before anything is fetched or imported", async () => {
  posted.length = 0;
  const fetched = [];
  globalThis.fetch = async (url) => { fetched.push(url); throw new Error("no network in this test"); };
  for (const fn of listeners) {
    fn({ data: { type: "init", runtime: "https://cdn.example/pyodide/", package: "https://owner.example/toolkit/assets/obc/p.zip",
      definitions: ["https://owner.example/toolkit/cy/assets/obc/d.json"] } });
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(posted, [{ type: "failed", message: "obc: the worker refuses to load its runtime from "
    + "https://cdn.example/pyodide/: only this site's own files are loaded." }]);
  assert.deepEqual(fetched, []);
  delete globalThis.fetch;
});

// (how the request ends, the reason the load ends with, or null when it goes on): a proxy that refuses only the
// .wasm ends the load at once, as a refused pyodide.mjs does (issue 31).
const RUNTIME = "https://owner.example/toolkit/assets/pyodide/314.0.7/";
const ENDINGS = [
  [() => Promise.reject(new TypeError("Failed to fetch")), `${RUNTIME}pyodide.asm.wasm could not be fetched (Failed to fetch).`],
  [() => Promise.resolve({ ok: false, status: 403 }), `${RUNTIME}pyodide.asm.wasm could not be fetched (HTTP 403).`],
  [() => Promise.resolve({ ok: true, status: 200 }), null],
];

for (const [ending, reason] of ENDINGS) {
  test(`a runtime request that ends ${reason ? "in failure ends the load" : "well lets it go on"}`, async () => {
    const answer = ending();
    answer.catch(() => {});
    const scope = { fetch: () => answer };
    const refused = refusedRequest(scope, [RUNTIME]);
    const outcome = Promise.race([refused.then(() => "settled", (error) => error.message),
      new Promise((resolve) => setTimeout(() => resolve(null), 20))]);
    assert.equal(scope.fetch(new URL(`${RUNTIME}pyodide.asm.wasm`)), answer); // Pyodide gets the answer as it was
    assert.equal(await outcome, reason);
  });
}

test("a failed request for a file outside the runtime and package is not the runtime's to report", async () => {
  const scope = { fetch: () => Promise.reject(new TypeError("Failed to fetch")) };
  const refused = refusedRequest(scope, [RUNTIME]);
  scope.fetch("https://owner.example/toolkit/assets/obc/d.json").catch(() => {});
  const outcome = await Promise.race([refused.then(() => "settled", () => "refused"),
    new Promise((resolve) => setTimeout(() => resolve("going on"), 20))]);
  assert.equal(outcome, "going on");
});
