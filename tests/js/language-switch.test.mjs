// The language switch keeps the reader's place, on a real DOM (jsdom): the fragment goes with the click, and a
// page whose headings are slugged from other words opens at the same heading by position.

import assert from "node:assert/strict";
import { test } from "node:test";
import { JSDOM, VirtualConsole } from "jsdom";
import { arrive, currentPlace, startLanguageSwitch } from "../../docs/assets/modules/language-switch.mjs";

const HEADER = `<div class="md-select__inner"><ul class="md-select__list">
  <li><a class="md-select__link" href="/guidance/x/" hreflang="en" aria-current="true">English</a></li>
  <li><a class="md-select__link" href="/cy/guidance/x/" hreflang="cy">Cymraeg</a></li></ul></div>`;

function page(url, ids) {
  const body = ids.map((id) => `<h2 id="${id}">${id}</h2><p>text</p>`).join("");
  // A followed link is the browser's to open: jsdom says it cannot, which is no fault here.
  const virtualConsole = new VirtualConsole();
  virtualConsole.on("jsdomError", (error) => {
    if (!error.message.startsWith("Not implemented: navigation")) throw error;
  });
  return new JSDOM(`<body>${HEADER}<div class="md-content"><h1 id="top">Title</h1>${body}</div></body>`,
    { url, virtualConsole });
}

/** Headings laid out as scrolled: jsdom lays nothing out, so each heading says where it is. */
function scrolled(dom, tops) {
  Object.defineProperty(dom.window, "scrollY", { value: Math.max(0, -tops[0]), configurable: true });
  const list = dom.window.document.querySelectorAll(".md-content [id]");  // the title, then each section
  list.forEach(($h, i) => {
    $h.getBoundingClientRect = () => ({ top: tops[i] });
  });
}

/** A click on the Welsh link, and what reached a listener on the body (where Material's own handler is). */
function clickWelsh(dom) {
  const { document } = dom.window;
  let reachedBody = false;
  document.body.addEventListener("click", (event) => {
    reachedBody = true;
    event.preventDefault();
  });
  const $link = document.querySelector('[hreflang="cy"]');
  $link.dispatchEvent(new dom.window.MouseEvent("click", { bubbles: true, cancelable: true }));
  return { href: $link.href, reachedBody };
}

const store = (entries = new Map()) => ({
  entries,
  get: (key) => entries.get(key) ?? null,
  set: (key, text) => Boolean(entries.set(key, text)),
  remove: (key) => entries.delete(key),
});

test("the fragment goes with the switch, and Material's handler, which would drop it, is not reached", () => {
  const dom = page("http://127.0.0.1/guidance/x/#standard-11", ["standard-10", "standard-11", "standard-12"]);
  startLanguageSwitch(dom.window.document);
  const { href, reachedBody } = clickWelsh(dom);
  assert.equal(href, "http://127.0.0.1/cy/guidance/x/#standard-11");
  assert.equal(reachedBody, false);
  assert.deepEqual(JSON.parse(dom.window.sessionStorage.getItem("obc-assess:language-place")),
    { path: "/cy/guidance/x/", index: 1, count: 3 });
});

test("with no fragment, the place is the last heading scrolled past; at the top of the page, nothing is kept", () => {
  const dom = page("http://127.0.0.1/guidance/x/", ["a", "b", "c"]);
  scrolled(dom, [-900, -400, 100, 700]);
  assert.deepEqual(currentPlace(dom.window.document, ""), { index: 1, count: 3, id: "b" });
  // The address may name the section before (Material's tracking): the window says where the reader is.
  assert.deepEqual(currentPlace(dom.window.document, "#a"), { index: 1, count: 3, id: "b" });
  // The last sections cannot scroll to the top: one the address names, in view, is the place.
  assert.deepEqual(currentPlace(dom.window.document, "#c"), { index: 2, count: 3, id: "c" });
  scrolled(dom, [0, 80, 1500, 2100]);
  assert.equal(currentPlace(dom.window.document, ""), null);
  startLanguageSwitch(dom.window.document);
  const { href, reachedBody } = clickWelsh(dom);
  assert.equal(href, "http://127.0.0.1/cy/guidance/x/");
  assert.equal(reachedBody, true);
});

test("the page that opens goes to the same heading by position when its ids are other words", () => {
  const dom = page("http://127.0.0.1/cy/guidance/x/#the-standards", ["y-safonau", "standard-1"]);
  const kept = store(new Map([["obc-assess:language-place",
    JSON.stringify({ path: "/cy/guidance/x/", index: 0, count: 2 })]]));
  let scrolledTo = null;
  const $target = dom.window.document.getElementById("y-safonau");
  $target.scrollIntoView = () => { scrolledTo = $target.id; };
  arrive(dom.window.document, kept);
  assert.equal(scrolledTo, "y-safonau");
  assert.equal(dom.window.location.hash, "#y-safonau");
  assert.equal(kept.entries.size, 0);
});

// (what the page holds, where the place was kept for, headings then) -> nothing moves
const UNMOVED = [
  ["the fragment is here already", "/cy/guidance/x/#standard-1", "/cy/guidance/x/", 2],
  ["kept for another page", "/cy/guidance/x/#the-standards", "/cy/guidance/y/", 2],
  ["a page of another shape", "/cy/guidance/x/#the-standards", "/cy/guidance/x/", 5],
];

for (const [name, address, path, count] of UNMOVED) {
  test(`the page that opens stays as the browser put it: ${name}`, () => {
    const dom = page(`http://127.0.0.1${address}`, ["y-safonau", "standard-1"]);
    const kept = store(new Map([["obc-assess:language-place", JSON.stringify({ path, index: 0, count })]]));
    for (const $h of dom.window.document.querySelectorAll("[id]")) $h.scrollIntoView = () => assert.fail("moved");
    arrive(dom.window.document, kept);
    assert.equal(dom.window.location.href, `http://127.0.0.1${address}`);
    assert.equal(kept.entries.size, 0);
  });
}
