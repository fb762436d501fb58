import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom } from "./fake-dom.mjs";
import { FakeStorage, tick } from "./fakes.mjs";
import { MIN_ANSWERS, MIN_CHANGES, OFFER_EVERY_MS, startKeepAnswers } from "../../docs/assets/modules/keep-answers.mjs";

const ID = "procurement-review";
const FORM_KEY = `obc-assess:${ID}:form`;

/** An assessment page as the build writes it: the keep block, and the assessment's form with its Export button. */
function page(items = 12) {
  const radios = Array.from({ length: items }, (_, n) => el("input", { type: "radio", name: `item:${n}` }));
  const $keep = el("div", { "data-module": "obc-keep-answers", "data-obc-keep": ID, tabindex: "-1" },
    el("p", { "data-obc-persisted": "granted", hidden: "" }, "kept"),
    el("p", { "data-obc-persisted": "not-granted", hidden: "" }, "may be cleared"),
    el("div", { "aria-live": "polite" }, el("div", { "data-obc-reminder": "", hidden: "" },
      el("button", { type: "button", "data-obc-reminder-download": "" }, "Download a copy of your answers"),
      el("button", { type: "button", "data-obc-reminder-dismiss": "" }, "Not now"))));
  const $assessment = el("div", { "data-module": "obc-assessment", "data-obc-assessment": ID },
    el("form", { "data-obc-form": "" }, ...radios),
    el("button", { type: "button", "data-obc-export": "" }, "Export answers (JSON)"));
  installDom($keep, $assessment);
  return { $keep, $assessment, radios, $form: $assessment.querySelector("form"),
    $export: $assessment.querySelector("button"), $reminder: $keep.querySelector("[data-obc-reminder]") };
}

/** The browser's storage manager: what persist() grants, and how often it was asked. */
function storageManager(grants, granted = undefined) {
  return {
    asked: 0,
    granted,
    async persist() { this.asked += 1; this.granted = grants; return grants; },
    async persisted() { return Boolean(this.granted); },
  };
}

function setUp({ grants = true, granted, items = 12, store = new FakeStorage(), clock = { now: 1_000_000 } } = {}) {
  const p = page(items);
  const storage = storageManager(grants, granted);
  const exports = [];
  p.$export.addEventListener("click", () => exports.push("exported"));
  const view = startKeepAnswers(p.$keep, { window: { localStorage: store }, storage, now: () => clock.now,
    setTimer: (fn) => queueMicrotask(fn) });
  /** The person answers item n: assessment.mjs saves the form, then the change reaches this module too. */
  const answer = async (n) => {
    p.radios[n].checked = true;
    store.setItem(FORM_KEY, JSON.stringify({ n }));
    p.$form.dispatchEvent({ type: "change", target: p.radios[n], bubbles: true });
    await tick();
  };
  const shown = () => p.$keep.querySelectorAll("[data-obc-persisted]").filter(($p) => !$p.hidden)
    .map(($p) => $p.dataset.obcPersisted);
  return { ...p, storage, store, clock, view, answer, shown, exports };
}

test("the first time answers are saved, the browser is asked to keep them, once, and the page says what it granted", async () => {
  for (const [grants, said] of [[true, "granted"], [false, "not-granted"]]) {
    const s = setUp({ grants });
    assert.deepEqual(s.shown(), [], "nothing saved yet: nothing to say");
    assert.equal(s.storage.asked, 0);
    await s.answer(0);
    await s.answer(1);
    assert.equal(s.storage.asked, 1);
    assert.deepEqual(s.shown(), [said]);
    // The next visit says it again without asking again (Firefox would ask the person a second time).
    s.view.dispose();
    const again = setUp({ grants, granted: grants, store: s.store });
    await tick();
    assert.equal(again.storage.asked, 0);
    assert.deepEqual(again.shown(), [said]);
  }
});

test("storage refused: nothing saved, nothing asked, nothing offered", async () => {
  const s = setUp({ store: new FakeStorage({ blocked: true }) });
  assert.equal(s.view, null);
});

test("a copy is offered after a session's worth of changes, not before ten answers, and at most once a day", async () => {
  const s = setUp();
  for (let n = 0; n < MIN_ANSWERS - 1; n += 1) await s.answer(n);
  for (let n = 0; n < MIN_CHANGES; n += 1) await s.answer(n % 3);
  assert.equal(s.$reminder.hidden, true, `${MIN_ANSWERS - 1} answers: not yet`);
  await s.answer(MIN_ANSWERS - 1);
  assert.equal(s.$reminder.hidden, false);
  s.$keep.querySelector("[data-obc-reminder-dismiss]").focus();
  s.$keep.querySelector("[data-obc-reminder-dismiss]").click();
  assert.equal(s.$reminder.hidden, true);
  assert.equal(globalThis.document.activeElement, s.$keep, "the focus stays where the reminder was");
  for (let n = 0; n < MIN_CHANGES; n += 1) await s.answer(n);
  assert.equal(s.$reminder.hidden, true, "not again the same day");
  s.clock.now += OFFER_EVERY_MS;
  await s.answer(0);
  assert.equal(s.$reminder.hidden, false, "a day later, with still no copy");
});

test("'Download a copy' exports through the page's own button, and counting starts again", async () => {
  const s = setUp();
  for (let n = 0; n < 12; n += 1) await s.answer(n);
  assert.equal(s.$reminder.hidden, false);
  s.$keep.querySelector("[data-obc-reminder-download]").click();
  assert.deepEqual(s.exports, ["exported"]);
  assert.equal(s.$reminder.hidden, true);
  s.clock.now += OFFER_EVERY_MS;
  for (let n = 0; n < MIN_CHANGES - 1; n += 1) await s.answer(n);
  assert.equal(s.$reminder.hidden, true, "fewer than ten changes since the copy");
  // The person's own export counts too.
  await s.answer(0);
  assert.equal(s.$reminder.hidden, false);
  s.$export.click();
  assert.equal(s.$reminder.hidden, true);
});

test("a form of fewer than ten questions is never nagged", async () => {
  const s = setUp({ items: 6 });
  for (let n = 0; n < 30; n += 1) await s.answer(n % 6);
  assert.equal(s.$reminder.hidden, true);
});

test("the keep block without its assessment's form is an error, not a silent page", () => {
  const $keep = el("div", { "data-obc-keep": "nowhere" }, el("div", { "data-obc-reminder": "" }));
  installDom($keep);
  assert.throws(() => startKeepAnswers($keep, { window: { localStorage: new FakeStorage() } }), /form of "nowhere"/);
});
