import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom, text } from "./fake-dom.mjs";
import { catalogue } from "./words-files.mjs";
import { useWords } from "../../docs/assets/modules/words.mjs";
import { statusLine } from "../../docs/assets/modules/status-line.mjs";
import { describeForm } from "../../docs/assets/modules/form-text.mjs";

/** A client whose state the test sets. */
function fakeClient() {
  const listeners = new Set();
  return {
    retried: 0,
    subscribe(fn) { listeners.add(fn); fn({ state: "loading" }); return () => listeners.delete(fn); },
    set(status) { for (const fn of listeners) fn(status); },
    retry() { this.retried += 1; },
  };
}

test("the status line in Welsh: loading, ready, failed with Retry, and what was just done", (t) => {
  t.mock.method(console, "error", () => {});
  const $status = el("p", { "data-obc-status": "" });
  installDom($status);
  useWords(catalogue("cy"));
  const client = fakeClient();
  const line = statusLine($status, client, { ready: "Yn barod." });
  assert.equal(text($status), "Wrthi’n llwytho’r rhaglen sgorio...");
  client.set({ state: "failed", reason: "timeout", error: "slow" });
  assert.equal(text($status), "Nid oedd modd llwytho’r rhaglen sgorio.");
  const $retry = $status.parentElement.querySelector("button");
  assert.equal(text($retry), "Rhoi cynnig arall arni");
  assert.equal($retry.hidden, false);
  $retry.click();
  assert.equal(client.retried, 1);
  client.set({ state: "failed", reason: "something new", error: "" });
  assert.equal(text($status), "Nid oedd modd llwytho’r rhaglen sgorio.");
  client.set({ state: "ready" });
  assert.equal(text($status), "Yn barod.");
  assert.equal($retry.hidden, true);
  line.say("Wedi’i wneud.");
  assert.equal(text($status), "Wedi’i wneud.");
  line.dispose();
  useWords(null);
});

test("what was just done is said after a failed load too, with Retry still there, until the state changes", (t) => {
  t.mock.method(console, "error", () => {});
  const $status = el("p", { "data-obc-status": "" });
  installDom($status);
  useWords(catalogue("en"));
  const client = fakeClient();
  const line = statusLine($status, client, { ready: "Ready." });
  client.set({ state: "failed", reason: "failed", error: "a .wasm refused" });
  line.say(catalogue("en")["files.copy-saved"]);
  assert.equal(text($status), catalogue("en")["files.copy-saved"]);
  assert.equal($status.parentElement.querySelector("button").hidden, false);
  client.set({ state: "loading" });
  client.set({ state: "failed", reason: "failed", error: "refused again" });
  assert.equal(text($status), catalogue("en")["status.failed"]);
  line.dispose();
  useWords(null);
});

test("a browser that cannot run the program is told so, with what to do, and no Retry or advice on files", (t) => {
  t.mock.method(console, "error", () => {});
  const $status = el("p", { "data-obc-status": "" });
  const $advice = el("div", {});
  installDom(el("div", {}, $status, $advice));
  useWords(catalogue("en"));
  const client = fakeClient();
  const line = statusLine($status, client, { ready: "Ready.", advice: $advice });
  client.set({ state: "failed", reason: "unsupported", error: "no module workers" });
  assert.equal(text($status), catalogue("en")["status.unsupported"]);
  assert.match(text($status), /^This browser cannot run the scoring program: it needs a current version of Chrome, Edge, Firefox or Safari\./);
  assert.equal($status.parentElement.querySelector("button").hidden, true);
  assert.equal($advice.hidden, true);
  line.dispose();
  useWords(null);
});

test("the count of answers before Python, in the page's words", () => {
  const item = (checked) => el("fieldset", { "data-obc-item": "x" },
    el("div", { class: "obc-radios" }, Object.assign(el("input", { type: "radio" }), { checked })));
  const $form = el("form", {}, el("p", { "data-obc-progress-text": "", "data-obc-noun": "eitem wedi’u hateb" }),
    item(true), item(false), item(true));
  installDom($form);
  useWords(catalogue("cy"));
  assert.deepEqual(describeForm($form).countAnswered(),
    { total: 3, done: 2, noun: "eitem wedi’u hateb", label: "2 o 3 eitem wedi’u hateb." });
  $form.querySelectorAll("input")[1].checked = true;
  assert.equal(describeForm($form).countAnswered().label, "Pob un o’r 3 eitem wedi’u hateb.");
  useWords(catalogue("en"));
  assert.equal(describeForm($form).countAnswered().label, "All 3 eitem wedi’u hateb.");
  useWords(null);
});
