// The buttons that need the scoring program (issue 31): unavailable and explained while it has failed to load, back
// when it loads; the answers' own export and print never touched.
import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom } from "./fake-dom.mjs";
import { needsPython } from "../../docs/assets/modules/needs-python.mjs";

function fakeClient() {
  const listeners = new Set();
  return {
    subscribe(fn) { listeners.add(fn); fn({ state: "loading" }); return () => listeners.delete(fn); },
    set(status) { for (const fn of listeners) fn(status); },
  };
}

test("while the program has failed, the buttons that need it are aria-disabled and described by why", () => {
  const $note = el("p", { id: "why", "data-obc-needs-python-note": "", hidden: "" });
  const $csv = el("button", { "data-obc-needs-python": "" });
  const $docx = el("button", { "data-obc-needs-python": "" });
  const $answers = el("button", { "data-obc-export": "" });
  const $print = el("button", { "data-obc-print": "" });
  const $root = el("div", {}, $answers, $csv, $docx, $print, $note);
  installDom($root);
  const client = fakeClient();
  const stop = needsPython($root, client);
  const state = () => [$csv, $docx, $answers, $print].map(($b) => $b.getAttribute("aria-disabled"));
  assert.deepEqual([state(), $note.hidden], [[null, null, null, null], true]); // loading: nothing said yet
  client.set({ state: "failed", reason: "failed" });
  assert.deepEqual([state(), $note.hidden], [["true", "true", null, null], false]);
  assert.equal($csv.getAttribute("aria-describedby"), "why");
  client.set({ state: "loading" }); // Retry
  client.set({ state: "ready" });
  assert.deepEqual([state(), $note.hidden, $docx.getAttribute("aria-describedby")], [[null, null, null, null], true, null]);
  stop();
  client.set({ state: "failed" });
  assert.equal($note.hidden, true); // no longer followed once the page has gone
});

test("a page without the note is a fault of the page, said at once", () => {
  const $root = el("div", {}, el("button", { "data-obc-needs-python": "" }));
  installDom($root);
  assert.throws(() => needsPython($root, fakeClient()), /no \[data-obc-needs-python-note\]/);
});
