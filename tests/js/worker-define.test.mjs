import assert from "node:assert/strict";
import { test } from "node:test";

// obc-worker.js in a fake worker scope on the site's own origin, with a fake Pyodide and a fake fetch: what the
// worker sends obc_assess.core.api.call is recorded. The worker loads only this site's files (issue 35), so the
// runtime is named where the site keeps it, and a module hook answers its pyodide.mjs with the fake.
import { register } from "node:module";

const SITE = "https://owner.example/toolkit/";
const posted = [];
const listeners = [];
const sent = []; // each request the worker gave api.call, parsed
const fetched = [];
globalThis.self = { postMessage: (message) => posted.push(message), addEventListener: (type, fn) => listeners.push(fn),
  location: { href: `${SITE}assets/obc-worker.js` } };
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
const RUNTIME = `${SITE}assets/pyodide/0.0.0/`;
const FAKE = `data:text/javascript,${encodeURIComponent("export async function loadPyodide() { return { pyimport: "
  + "(name) => (name === 'obc_stdlib_fallback' ? { install() {} } : globalThis.obcFakeApi) }; }")}`;
register(`data:text/javascript,${encodeURIComponent(`export async function resolve(specifier, context, next) {
  return specifier === ${JSON.stringify(`${RUNTIME}pyodide.mjs`)} ? { url: ${JSON.stringify(FAKE)}, shortCircuit: true }
    : next(specifier, context);
}`)}`);
const A = `${SITE}assets/obc/a.json`;
const B = `${SITE}assets/obc/b.json`;
await import("../../docs/assets/obc-worker.js");

function send(message) {
  for (const fn of listeners) fn({ data: message });
}

async function settled(count) {
  for (let i = 0; i < 50 && posted.length < count; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}

test("each definition goes to Python once, and every request names it by the hash Python gave", async () => {
  send({ type: "init", runtime: RUNTIME, package: `${SITE}assets/obc/p.zip`, definitions: [A] });
  await settled(1);
  assert.deepEqual(posted, [{ type: "ready" }]);
  // Read before "ready": the first answer waits for nothing.
  assert.deepEqual(sent, [{ type: "define", definition: `{"id": "${A}"}` }]);

  send({ id: 1, type: "evaluate", definition: A, fields: "{}", csv: false });
  send({ id: 2, type: "plan-csv", definition: A, responses: "{}" });
  send({ id: 3, type: "aggregate", definition: B, files: "[]" });
  await settled(4);
  assert.deepEqual(posted.slice(1).map((m) => [m.id, m.ok, JSON.parse(m.payload).answered]),
    [[1, true, "evaluate"], [2, true, "plan-csv"], [3, true, "aggregate"]]);
  assert.deepEqual(sent.slice(1), [
    { id: 1, type: "evaluate", definition_hash: `hash of {"id": "${A}"}`, fields: "{}", csv: false },
    { id: 2, type: "plan-csv", definition_hash: `hash of {"id": "${A}"}`, responses: "{}" },
    { type: "define", definition: `{"id": "${B}"}` },
    { id: 3, type: "aggregate", definition_hash: `hash of {"id": "${B}"}`, files: "[]" },
  ]);
  assert.deepEqual(fetched, [A, B]);
});
