// What a person does on the site, written once for every browser the tab of browsers.mjs drives. Each scenario
// acts as a person would (answers found by their item's legend and their label, a pointer's click, keys typed),
// waits for the page's own signal (the status line's words, the results shown, the saved copy, the file saved),
// asserts what the page shows, and returns what pytest checks against obc_assess (scores, files' bytes).
// ``plan`` comes from tests/browser/test_cross_browser.py: the addresses, the labels and the page's words.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { TIMEOUT_MS } from "./browsers.mjs";

// ---- In the page (each function is sent whole, so it uses nothing from here) ----

/** The selector of the label a person clicks for an answer: by its item's legend and the label's own words. */
function labelFor(title, label) {
  const named = ($el, text) => { const words = $el.textContent.replace(/\s+/g, " ").trim(); return words === text || words.startsWith(`${text} `); };
  const $item = [...document.querySelectorAll("fieldset[data-obc-item]")]
    .find(($f) => named($f.querySelector("legend"), title));
  if (!$item) return null;
  const $label = [...$item.querySelectorAll(".obc-radio label")].find(($l) => named($l, label));
  return $label ? `label[for="${$label.htmlFor}"]` : null;
}

function noteFor(title) {
  const named = ($el, text) => { const words = $el.textContent.replace(/\s+/g, " ").trim(); return words === text || words.startsWith(`${text} `); };
  const $item = [...document.querySelectorAll("fieldset[data-obc-item]")].find(($f) => named($f.querySelector("legend"), title));
  return $item ? `textarea[id="${$item.querySelector("textarea").id}"]` : null;
}

const statusSays = (words) => (document.querySelector("[data-obc-status]")?.textContent ?? "").includes(words);
const shown = (selector) => { const $el = document.querySelector(selector); return Boolean($el && !$el.hidden && $el.getClientRects().length); };
const errors = () => window.obcErrors ?? ["no error recorder on this page"];
/** Whether the copy of the form this browser keeps (saved-answers.mjs) has ``value`` in a field (or in ``name``). */
function saved(id, name, value) {
  const fields = JSON.parse(localStorage.getItem(`obc-assess:${id}:form`) || "{}").fields ?? {};
  return name ? Boolean(fields[name]) : Object.values(fields).includes(value);
}

// ---- Steps ----

async function open(tab, url, ready) {
  await tab.goto(url);
  await tab.until(statusSays, ready);
}

async function answer(tab, title, label) {
  const selector = await tab.run(labelFor, title, label);
  assert.ok(selector, `no answer "${label}" under "${title}"`);
  await tab.click(selector);
  return selector;
}

async function checked(tab, title, label) {
  return tab.run((selector) => document.getElementById(document.querySelector(selector).htmlFor).checked,
    await tab.run(labelFor, title, label));
}

/** Wait until the element shows ``expected`` (what Python gives for the same answers); say what it shows if not. */
async function shows(tab, selector, expected) {
  try {
    await tab.until((s, e) => document.querySelector(s)?.textContent.trim() === e, selector, expected);
  } catch {
    const now = await tab.run((s) => document.querySelector(s)?.textContent, selector);
    assert.fail(`${selector} shows ${JSON.stringify(now)}, not ${JSON.stringify(expected)}`);
  }
}

async function noErrors(tab, where) {
  assert.deepEqual(await tab.run(errors), [], `errors on ${where}`);
}

/** Wait for the browser to finish saving one more file than ``before``, and return its path. */
async function nextDownload(tab, before) {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const now = tab.downloads().filter((path) => !before.includes(path));
    if (now.length === 1 && readFileSync(now[0]).length > 0) return now[0];
    assert.ok(Date.now() < deadline, `no file saved within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// ---- Scenarios ----

export async function guidance(tab, plan) {
  await tab.goto(plan.site + plan.guidance);
  await tab.until(() => document.readyState === "complete" && Boolean(window.document$));
  assert.ok(await tab.run(() => document.querySelector("h1")?.textContent.length > 0), "the page has a heading");
  await noErrors(tab, plan.guidance);
}

export async function assessment(tab, plan) {
  const { id, items } = plan.principles;
  const page = `${plan.site}assessments/${id}/`;
  await tab.goto(page);
  await tab.run(() => localStorage.clear());
  await open(tab, page, plan.words.ready);
  for (const item of items) await answer(tab, item.title, item.label);
  await tab.until(shown, "[data-obc-results]");
  await shows(tab, "[data-obc-results] [data-obc-overall]", plan.principles.overall);
  await noErrors(tab, id);
}

/** The assessment answered and scored: the page ``assessment`` leaves, or the same again when run alone. */
async function answered(tab, plan) {
  const there = await tab.run((id) => location.pathname.endsWith(`/assessments/${id}/`)
    && Boolean(document.querySelector("[data-obc-results]:not([hidden])")), plan.principles.id);
  if (!there) await assessment(tab, plan);
}

export async function reloadAndBack(tab, plan) {
  const { id, items, note } = plan.principles; // the first four items
  const page = `${plan.site}assessments/${id}/`;
  await tab.goto(page);
  await tab.run(() => localStorage.clear());
  await open(tab, page, plan.words.ready);
  await answer(tab, items[0].title, items[0].label);
  await tab.type(await tab.run(noteFor, items[1].title), note);
  await tab.until(saved, id, null, note);
  // Reloaded: the answers are back, the page starts, and what is answered next is saved.
  await tab.reload();
  await tab.until(statusSays, plan.words.ready);
  assert.ok(await checked(tab, items[0].title, items[0].label), "the answer is back after reload");
  assert.equal(await tab.run((selector) => document.querySelector(selector).value, await tab.run(noteFor, items[1].title)), note);
  await answer(tab, items[2].title, items[2].label);
  await tab.until(saved, id, `item:${items[2].id}`, null);
  // To another page and Back (the browser may keep the page as it was, or load it again).
  await tab.goto(plan.site + plan.guidance);
  await tab.back();
  await tab.until(statusSays, plan.words.ready);
  assert.ok(await checked(tab, items[2].title, items[2].label), "the answer is back after Back");
  await answer(tab, items[3].title, items[3].label);
  await tab.until(saved, id, `item:${items[3].id}`, null);
  assert.ok(await tab.run(shown, "[data-obc-actions]"), "the export buttons show");
  await noErrors(tab, id);
}

export async function keepACopy(tab, plan) {
  // WebKit deletes a site's storage after seven days away: there the page says so once, until dismissed, and
  // nowhere else (webkit-storage.mjs). It needs no Python: the page's own start is enough.
  const page = `${plan.site}assessments/${plan.principles.id}/`;
  const notice = '[data-module="obc-webkit-storage"]';
  const started = (selector) => document.readyState === "complete" && document.querySelector(selector).obcStarted;
  await tab.goto(page);
  await tab.run(() => localStorage.clear());
  await tab.reload();
  await tab.until(started, notice);
  assert.equal(await tab.run(shown, notice), plan.keepACopy, `the notice shows on WebKit alone (${plan.browser})`);
  if (!plan.keepACopy) return;
  await tab.click(`${notice} [data-obc-dismiss]`);
  assert.equal(await tab.run(shown, notice), false, "dismissed");
  await tab.reload();
  await tab.until(started, notice);
  assert.equal(await tab.run(shown, notice), false, "still dismissed on the next visit");
}

export async function welsh(tab, plan) {
  const { id, items } = plan.welsh;
  await open(tab, `${plan.site}cy/assessments/${id}/`, plan.words.readyWelsh);
  assert.equal(await tab.run(() => document.documentElement.lang), "cy");
  for (const item of items) await answer(tab, item.title, item.label);
  await tab.until(shown, "[data-obc-results]");
  await shows(tab, "[data-obc-results] [data-obc-overall]", plan.welsh.overall);
  await noErrors(tab, `cy/${id}`);
}

export async function team(tab, plan) {
  const { id, files } = plan.team;
  await open(tab, `${plan.site}assessments/team/${id}/`, plan.words.teamReady);
  await tab.choose("[data-obc-merge-files]", files);
  await tab.until(shown, "[data-obc-merge-results]");
  await shows(tab, "[data-obc-merge-results] [data-obc-overall]", plan.team.overall);
  await noErrors(tab, `team/${id}`);
}

/** Where a button is before and after the answer in focus loses it (as a press on the button takes it). */
function shiftOnBlur(selector) {
  const $button = document.querySelector(selector);
  const $answer = document.activeElement;
  const before = $button.getBoundingClientRect().y;
  $answer.blur();
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const after = $button.getBoundingClientRect().y;
    $answer.focus({ preventScroll: true });
    resolve(after - before);
  })));
}

export async function exports(tab, plan) {
  // Items far from the view are skipped (content-visibility): after an answer near the top, each export saves its
  // file at the first click, and nothing moves when the answer loses focus (as a press on the button takes it).
  await answered(tab, plan);
  const [first] = plan.principles.items;
  const files = {};
  const shifts = {};
  for (const [name, selector] of Object.entries(plan.exportButtons)) {
    await answer(tab, first.title, first.label); // the answer in focus, far above the buttons
    await tab.run(($s) => document.querySelector($s).scrollIntoView({ block: "center" }), selector);
    shifts[name] = await tab.run(shiftOnBlur, selector);
    const before = tab.downloads();
    await tab.click(selector);
    files[name] = await nextDownload(tab, before);
  }
  assert.deepEqual(shifts, Object.fromEntries(Object.keys(shifts).map((name) => [name, 0])),
    "the export buttons moved when the answer lost focus");
  await noErrors(tab, plan.principles.id);
  return { files };
}

/** The page's print styles in force, on any engine: print rules for all media, screen rules for none. */
function printMedia() {
  const flip = (rules) => {
    for (const rule of rules) {
      if (rule.media) rule.media.mediaText = rule.media.mediaText.replace(/\b(print|screen)\b/g, (m) => (m === "print" ? "all" : "print"));
      if (rule.cssRules) flip(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) flip(sheet.cssRules);
}

export async function print(tab, plan) {
  await answered(tab, plan);
  // The browser's print dialog would stop the driver: print() does what a browser does before it opens.
  await tab.run(() => {
    window.obcPrints = 0;
    window.print = () => { window.obcPrints += 1; window.dispatchEvent(new Event("beforeprint")); };
  });
  await tab.click("[data-obc-print]");
  await tab.until(() => window.obcPrints === 1);
  const printed = await tab.run(() => document.querySelector("[data-obc-printed]").textContent);
  await tab.run(printMedia);
  const paper = await tab.run(() => ({
    form: document.querySelector("[data-obc-form]").getClientRects().length,
    results: document.querySelector("[data-obc-results]").getClientRects().length,
    header: document.querySelector(".md-header").getClientRects().length,
  }));
  assert.deepEqual(paper, { form: 0, results: 1, header: 0 }, "on paper: the results, not the form or the header");
  await noErrors(tab, plan.principles.id);
  return { printed };
}

// In this order, exports and print go on from the page the assessment leaves answered.
export const SCENARIOS = { guidance, assessment, exports, print, "reload-and-back": reloadAndBack,
  "keep-a-copy": keepACopy, welsh, team };
