import assert from "node:assert/strict";
import { test } from "node:test";

// obc-worker.js in a fake worker scope, with a fake Pyodide (imported from a data: URL whose comment swallows the
// "pyodide.mjs" the worker appends) and a fake fetch: what the worker sends obc_assess.core.api.call is recorded.
const posted = [];
const listeners = [];
const sent = []; // each request the worker gave api.call, parsed
const fetched = [];
globalThis.self = { postMessage: (message) => posted.push(message), addEventListener: (type, fn) => listeners.push(fn) };
globalThis.fetch = async (url) => {
  fetched.push(url);
  return { ok: true, text: async () => `{"id": "${url}"}` };
};
globalThis.obcFakeApi = {
  call(requestJson) {
    const request = JSON.parse(requestJson);
    sent.push(request);
    if (request.type === "define") return JSON.stringify({ ok: true, problems: [], definition_hash: `hash of ${request.definition}` });
    return JSON.stringify({ ok: true, problems: [], answered: request.type });
  },
};
const PYODIDE = `data:text/javascript,${encodeURIComponent("export async function loadPyodide() { return { pyimport: "
  + "(name) => (name === 'obc_stdlib_fallback' ? { install() {} } : globalThis.obcFakeApi) }; }")}//`;
await import("../../docs/assets/obc-worker.js");

function send(message) {
  for (const fn of listeners) fn({ data: message });
}

async function settled(count) {
  for (let i = 0; i < 50 && posted.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

test("each definition goes to Python once, and every request names it by the hash Python gave", async () => {
  send({ type: "init", runtime: PYODIDE, package: "https://site/p.zip", definitions: ["https://site/a.json"] });
  await settled(1);
  assert.deepEqual(posted, [{ type: "ready" }]);
  // Read before "ready": the first answer waits for nothing.
  assert.deepEqual(sent, [{ type: "define", definition: '{"id": "https://site/a.json"}' }]);

  send({ id: 1, type: "evaluate", definition: "https://site/a.json", fields: "{}", csv: false });
  send({ id: 2, type: "plan-csv", definition: "https://site/a.json", responses: "{}" });
  send({ id: 3, type: "aggregate", definition: "https://site/b.json", files: "[]" });
  await settled(4);
  assert.deepEqual(posted.slice(1).map((m) => [m.id, m.ok, JSON.parse(m.payload).answered]),
    [[1, true, "evaluate"], [2, true, "plan-csv"], [3, true, "aggregate"]]);
  assert.deepEqual(sent.slice(1), [
    { id: 1, type: "evaluate", definition_hash: 'hash of {"id": "https://site/a.json"}', fields: "{}", csv: false },
    { id: 2, type: "plan-csv", definition_hash: 'hash of {"id": "https://site/a.json"}', responses: "{}" },
    { type: "define", definition: '{"id": "https://site/b.json"}' },
    { id: 3, type: "aggregate", definition_hash: 'hash of {"id": "https://site/b.json"}', files: "[]" },
  ]);
  assert.deepEqual(fetched, ["https://site/a.json", "https://site/b.json"]);
});
