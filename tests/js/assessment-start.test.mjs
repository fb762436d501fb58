// The assessment page's start-up on a real DOM (jsdom): answers given, or put back by the browser, before the
// module runs are kept, saved and shown as saved, whatever else fails to start (issue 38); a page brought back
// reconciles with what another tab saved since (issue 35).

import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM } from "jsdom";
import { catalogue } from "./words-files.mjs";

const KEY = "obc-assess:demo";
const ITEMS = ["choice", "voice"];

function item(id) {
  const radios = ["0", "1", "2", "3"].map((level) => `<div class="obc-radio"><input type="radio" id="item:${id}:${level}"
    name="item:${id}" value="${level}"><label for="item:${id}:${level}">Level ${level}</label></div>`).join("");
  return `<fieldset class="obc-item" id="item:${id}" data-obc-item="${id}"><legend>Item ${id}</legend>
    <div class="obc-radios">${radios}</div>
    <label for="note:${id}">Evidence or note (optional)</label><textarea id="note:${id}" name="note:${id}"></textarea>
    </fieldset>`;
}

/** An assessment page as the build writes it (the parts start-up reads); `status: false` leaves out its status line. */
function page({ status = true, tasks = false } = {}) {
  return `<!doctype html><html lang="en"><body>
    <div class="obc-assessment" data-module="obc-assessment" data-obc-assessment="demo" data-obc-version="1.0"
      data-obc-definition="../../assets/obc/demo.json" data-obc-runtime="../../assets/pyodide/"
      data-obc-package="../../assets/obc/p.zip" data-obc-max-bytes="1000">
    <div class="obc-nojs">Scoring needs JavaScript</div>
    ${status ? '<p class="obc-status" role="status" data-obc-status></p>' : ""}
    <p data-obc-notice hidden></p>
    <div role="alert" data-obc-conflict-box hidden><ul data-obc-clash-list></ul>
      <button type="button" data-obc-conflict="load">Load</button><button type="button" data-obc-conflict="keep">Keep</button></div>
    <div data-obc-closed-tab hidden><button type="button" data-obc-closed-tab-load>Load closed</button></div>
    <p class="obc-saved" data-obc-saved hidden>Saved in this browser</p>
    <div role="alert" data-obc-unkept hidden><button type="button" data-obc-export>Export now</button></div>
    <div data-obc-errors hidden><ul data-obc-error-list></ul></div>
    <form class="obc-form" data-obc-form novalidate>
    ${tasks ? '<nav data-obc-tasks><ol><li data-obc-task="s"><span data-obc-task-status></span></li></ol></nav>' : ""}
    <section data-obc-section="s">${ITEMS.map(item).join("")}</section>
    </form>
    <div data-obc-actions hidden><button type="button" data-obc-export>Export answers (JSON)</button></div>
    <section data-obc-results hidden><h2>Your results</h2><div data-obc-results-body></div></section>
    </div></body></html>`;
}

const dom = new JSDOM(page(), { url: "http://127.0.0.1/assessments/demo/" });
const errors = [];

/** The page's window as the modules' globals (they are written for a browser), its words the real English ones. */
function use(window) {
  Object.assign(globalThis, { window, document: window.document, Node: window.Node, Element: window.Element,
    FormData: window.FormData, DOMException: window.DOMException });
  const $words = window.document.createElement("template");
  $words.id = "obc-words";
  $words.content.textContent = JSON.stringify(catalogue("en"));
  window.document.body.append($words);
}

use(dom.window);
console.error = (...args) => errors.push(args.map(String).join(" "));

/** A page as a browser holds it before the module runs: the person has answered (or the browser put values back). */
function answered(window, { level = "2", note = "Typed before the page was ready" } = {}) {
  window.document.getElementById(`item:choice:${level}`).checked = true;
  window.document.getElementById("note:voice").value = note;
}

const { startAssessment } = await (async () => {
  answered(dom.window);
  return import("../../docs/assets/modules/assessment.mjs"); // starts every data-module root, as on a page
})();

const savedCopy = (window) => JSON.parse(window.localStorage.getItem(`${KEY}:form`));

test("answers given before the module ran are kept, saved and shown as saved", () => {
  const document = dom.window.document;
  const copy = savedCopy(dom.window);
  assert.equal(copy.fields["item:choice"], "2");
  assert.equal(copy.fields["note:voice"], "Typed before the page was ready");
  assert.deepEqual([copy.revision.n, typeof copy.revision.tab], [1, "string"]);
  assert.equal(document.getElementById("item:choice:2").checked, true);
  assert.equal(document.getElementById("note:voice").value, "Typed before the page was ready");
  assert.equal(document.querySelector("[data-obc-saved]").hidden, false);
  assert.equal(document.querySelector(".obc-nojs").hidden, true);
  assert.deepEqual(errors.filter((e) => e.includes("could not start")), []);
  // Typing goes on being saved.
  document.getElementById("note:choice").value = "and after";
  document.querySelector("form").dispatchEvent(new dom.window.Event("input", { bubbles: true }));
  assert.equal(savedCopy(dom.window).fields["note:choice"], "and after");
  assert.equal(savedCopy(dom.window).revision.n, 2);
});

/** A fresh page (its own window and storage), answered before start, started with what `before` sets up. */
function startPage(options, before = () => {}) {
  const fresh = new JSDOM(page(options), { url: "http://127.0.0.1/assessments/demo/" });
  use(fresh.window);
  before(fresh.window);
  errors.length = 0;
  const instance = startAssessment(fresh.window.document.querySelector("[data-module]"));
  return { window: fresh.window, instance };
}

for (const [part, options, expected] of [
  ["the status line is missing", { status: false }, "the status line could not start"],
  ["the wayfinding fails (no CSS.escape here)", { tasks: true }, "the wayfinding could not start"],
]) {
  test(`one part failing to start never stops saving: ${part}`, () => {
    const { window } = startPage(options, (w) => answered(w, { note: "Kept whatever fails" }));
    assert.ok(errors.some((e) => e.includes(expected)), errors.join("\n"));
    assert.equal(savedCopy(window).fields["note:voice"], "Kept whatever fails");
    window.document.getElementById("item:voice:1").checked = true;
    window.document.querySelector("form").dispatchEvent(new window.Event("change", { bubbles: true }));
    assert.equal(savedCopy(window).fields["item:voice"], "1");
  });
}

/** A copy another tab saved: newer than what this tab showed. */
function otherTabSaved(window, fields, n) {
  window.localStorage.setItem(`${KEY}:form`, JSON.stringify({ format: 3, version: "1.0", rows: 0, fields,
    revision: { n, tab: "other", at: "2026-03-02T10:00:00.000Z" } }));
}

test("a page brought back with old values takes what another tab saved since, never saving over it", () => {
  const { window } = startPage({}, (w) => {
    const base = { "note:voice": "v1" };
    const revision = { n: 1, tab: "this", at: "2026-03-02T09:00:00.000Z" };
    w.sessionStorage.setItem(`${KEY}:shown`, JSON.stringify({ format: 3, version: "1.0", rows: 0, fields: base, revision }));
    otherTabSaved(w, { "note:voice": "v2" }, 2);
    w.document.getElementById("note:voice").value = "v1"; // put back by the browser
    w.document.getElementById("item:choice:3").checked = true; // and one answer given before the module ran
  });
  assert.equal(window.document.getElementById("note:voice").value, "v2");
  assert.equal(window.document.getElementById("item:choice:3").checked, true);
  assert.deepEqual(savedCopy(window).fields, { "item:choice": "3", "note:voice": "v2", "note:choice": "" });
  assert.equal(savedCopy(window).revision.n, 3);
});

test("a page shown again from the back/forward cache re-reads what was saved since", () => {
  const { window, instance } = startPage({});
  window.document.getElementById("note:choice").value = "mine";
  window.document.querySelector("form").dispatchEvent(new window.Event("input", { bubbles: true }));
  const mine = savedCopy(window);
  otherTabSaved(window, { ...mine.fields, "note:voice": "theirs" }, mine.revision.n + 1);
  window.dispatchEvent(new window.PageTransitionEvent("pageshow", { persisted: true }));
  assert.equal(window.document.getElementById("note:voice").value, "theirs");
  assert.equal(window.document.getElementById("note:choice").value, "mine");
  instance.dispose();
});
