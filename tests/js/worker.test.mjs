import assert from "node:assert/strict";
import { test } from "node:test";

// obc-worker.js runs in a worker's global scope: a fake `self` that records what it posts.
const posted = [];
const listeners = [];
globalThis.self = { postMessage: (message) => posted.push(message), addEventListener: (type, fn) => listeners.push(fn) };
await import("../../docs/assets/obc-worker.js");

test("a request before the program has loaded is answered with a code the page words, not words of its own", async () => {
  for (const fn of listeners) fn({ data: { id: 7, type: "evaluate", definition: "https://site/d.json", fields: "{}" } });
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.deepEqual(posted, [{ id: 7, ok: false, code: "not-loaded", error: "obc_assess has not loaded" }]);
});
