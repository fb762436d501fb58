import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom } from "./fake-dom.mjs";
import { FakeStorage } from "./fakes.mjs";

// The module starts itself on the page's roots when imported (pages.mjs): a page with none.
const document = installDom();
Object.assign(document, { documentElement: { classList: { add() {} } }, readyState: "complete" });
globalThis.window = { addEventListener() {} };
const { DISMISSED, deletesStorage, startNotice } = await import("../../docs/assets/modules/webkit-storage.mjs");

const APPLE = "Apple Computer, Inc.";
const browser = (vendor, { standalone, displayMode = "browser", storage = new FakeStorage() } = {}) => ({
  navigator: { vendor, standalone }, localStorage: storage,
  matchMedia: (query) => ({ matches: query === `(display-mode: ${displayMode})` }),
});

test.each = undefined;

for (const [name, scope, deletes] of [
  ["Safari, or any browser on iPhone and iPad (WebKit)", browser(APPLE), true],
  ["the toolkit opened from the iPhone's Home Screen", browser(APPLE, { standalone: true }), false],
  ["a web app from the Dock on macOS", browser(APPLE, { displayMode: "standalone" }), false],
  ["Chrome, Edge or Samsung Internet", browser("Google Inc."), false],
  ["Firefox", browser(""), false],
]) {
  test(`deletes storage after seven days away: ${name}`, () => assert.equal(deletesStorage(scope), deletes));
}

function notice() {
  const $status = el("p", { "data-obc-status": "", tabindex: "-1" });
  const $root = el("div", { "data-module": "obc-webkit-storage", hidden: "" },
    el("p", {}, "This browser deletes..."), el("button", { "data-obc-dismiss": "" }, "Hide this message"));
  installDom(el("div", { "data-module": "obc-assessment" }, $status, $root));
  return { $root, $status };
}

test("on WebKit the notice shows until dismissed, and stays dismissed on the next visit", () => {
  const storage = new FakeStorage();
  const { $root, $status } = notice();
  let focused = null;
  $status.focus = () => { focused = $status; };
  startNotice($root, browser(APPLE, { storage }));
  assert.equal($root.hidden, false);
  $root.querySelector("[data-obc-dismiss]").click();
  assert.equal($root.hidden, true);
  assert.equal(focused, $status);
  assert.equal(storage.getItem(DISMISSED), "dismissed");
  const again = notice();
  startNotice(again.$root, browser(APPLE, { storage }));
  assert.equal(again.$root.hidden, true);
});

test("elsewhere the notice never shows; with storage blocked it still shows on WebKit", () => {
  const { $root } = notice();
  startNotice($root, browser("Google Inc."));
  assert.equal($root.hidden, true);
  const blocked = notice();
  startNotice(blocked.$root, browser(APPLE, { storage: new FakeStorage({ blocked: true }) }));
  assert.equal(blocked.$root.hidden, false);
});

test("a notice without its button is a page fault, said at once", () => {
  installDom();
  assert.throws(() => startNotice(el("div", { hidden: "" }), browser(APPLE)), /no \[data-obc-dismiss\] button/);
});
