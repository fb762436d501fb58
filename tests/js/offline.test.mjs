import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom, text } from "./fake-dom.mjs";
import { tick } from "./fakes.mjs";
import { createOffline } from "../../docs/assets/modules/offline.mjs";
import { startOfflineStatus, startUpdateNotice } from "../../docs/assets/modules/offline-view.mjs";

/** Something that takes event listeners and can fire them. */
class Target {
  constructor() { this.listeners = {}; }
  addEventListener(type, fn) { (this.listeners[type] ||= []).push(fn); }
  fire(type) { for (const fn of this.listeners[type] || []) fn({ type }); }
}

class FakeWorker extends Target {
  constructor(state) { super(); this.state = state; this.sent = []; }
  postMessage(message) { this.sent.push(message); }
  become(state) { this.state = state; this.fire("statechange"); }
}

/** A registration whose workers move as a browser moves them (install, wait, activate). */
class FakeRegistration extends Target {
  constructor() { super(); this.installing = null; this.waiting = null; this.active = null; this.updates = 0; }
  async update() { this.updates += 1; if (this.offline) throw new TypeError("Failed to fetch"); }
  found() {
    this.installing = new FakeWorker("installing");
    this.fire("updatefound");
    return this.installing;
  }
  installed() {
    const worker = this.installing;
    this.installing = null;
    if (this.active) this.waiting = worker;
    else this.active = worker;
    worker.become(this.waiting === worker ? "installed" : "activated");
  }
  takeOver() {
    this.active = this.waiting;
    this.waiting = null;
    this.active.become("activated");
  }
}

/** The worker's answer to "status" or "keep-rest", as the page's container receives it. */
function kept(container, complete) {
  for (const fn of container.listeners.message || []) fn({ data: { type: "kept", version: "v", complete } });
}

function setUp({ registration = new FakeRegistration() } = {}) {
  const container = new Target();
  const win = new Target();
  const doc = Object.assign(new Target(), { visibilityState: "visible" });
  const log = { registered: [], reloads: 0, settle: null, intervals: [] };
  container.register = async (url) => { log.registered.push(url); return registration; };
  const offline = createOffline({
    container, url: "https://council.example/obc-toolkit/service-worker.js", target: win, doc,
    whenSettled: (run) => { log.settle = run; }, reload: () => { log.reloads += 1; },
    setTimer: (fn, ms) => log.intervals.push([fn, ms]),
  });
  const states = [];
  offline.subscribe((state) => states.push(state));
  return { offline, container, win, doc, log, registration, states };
}

test("the worker is registered only once the page has settled, and says when every file is kept", async () => {
  const { offline, container, log, registration, states } = setUp();
  offline.start();
  assert.deepEqual(log.registered, []);
  log.settle();
  await tick();
  assert.deepEqual(log.registered, ["https://council.example/obc-toolkit/service-worker.js"]);
  registration.found();
  assert.deepEqual(offline.state, { offline: false, update: false });
  registration.installed();
  // Active: the page asks what it keeps, and says "Available offline" only when the worker says all of it.
  assert.deepEqual(registration.active.sent, [{ type: "status" }]);
  assert.deepEqual(offline.state, { offline: false, update: false });
  kept(container, true);
  assert.deepEqual(offline.state, { offline: true, update: false });
  assert.deepEqual(states, [{ offline: false, update: false }, { offline: true, update: false }]);
});

test("a first version keeps the rest when the page has settled again, asked once, and again when cut short",
  async () => {
    const { offline, container, log, registration } = setUp();
    offline.start();
    log.settle();
    await tick();
    registration.found();
    registration.installed();
    log.settle = null;
    kept(container, false);
    kept(container, false); // a second answer (another tab asked) while this page waits: asked once
    assert.deepEqual(registration.active.sent, [{ type: "status" }]);
    log.settle();
    assert.deepEqual(registration.active.sent, [{ type: "status" }, { type: "keep-rest" }]);
    assert.equal(offline.state.offline, false);
    // The line dropped while the rest was kept: when it comes back the page asks again.
    kept(container, false);
    registration.active.sent.length = 0;
    offline.check();
    kept(container, false);
    log.settle();
    assert.deepEqual(registration.active.sent, [{ type: "status" }, { type: "keep-rest" }]);
    kept(container, true);
    assert.equal(offline.state.offline, true);
    offline.check();
    assert.deepEqual(registration.active.sent, [{ type: "status" }, { type: "keep-rest" }],
      "all kept: nothing asked");
  });

test("a new version waits; Reload makes it take over, and only the page that asked reloads", async () => {
  const registration = new FakeRegistration();
  registration.active = new FakeWorker("activated");
  const asking = setUp({ registration });
  const other = setUp({ registration }); // a second tab of the same site
  for (const tab of [asking, other]) {
    tab.offline.start();
    tab.log.settle();
  }
  await tick();
  for (const tab of [asking, other]) kept(tab.container, true);
  const next = registration.found();
  registration.installed();
  assert.deepEqual(asking.offline.state, { offline: true, update: true });
  assert.deepEqual(other.offline.state, { offline: true, update: true });
  assert.equal(asking.log.reloads, 0, "never reloads by itself");
  asking.offline.apply();
  assert.deepEqual(next.sent, [{ type: "skip-waiting" }]);
  registration.takeOver();
  asking.container.fire("controllerchange");
  other.container.fire("controllerchange");
  assert.equal(asking.log.reloads, 1);
  assert.equal(other.log.reloads, 0, "the other tab, where someone may be answering, stays as it is");
  assert.deepEqual(other.offline.state, { offline: true, update: false });
});

test("a page asks for a new version when shown again, back online, hourly and when asked; offline it waits", async () => {
  const { offline, win, doc, log, registration } = setUp();
  offline.check(); // before the worker is registered: nothing to ask
  offline.start();
  log.settle();
  await tick();
  win.fire("online");
  doc.visibilityState = "hidden";
  doc.fire("visibilitychange");
  doc.visibilityState = "visible";
  doc.fire("visibilitychange");
  assert.deepEqual(log.intervals.map(([, ms]) => ms), [60 * 60 * 1000]);
  log.intervals[0][0]();
  registration.offline = true;
  offline.check();
  await tick();
  assert.equal(registration.updates, 4);
});

test("a register() that resolves with nothing (Playwright's blocked workers) is no worker, and no error", async () => {
  const { offline, container, log } = setUp();
  container.register = async (url) => { log.registered.push(url); };
  offline.start();
  log.settle();
  await tick();
  offline.check();
  offline.apply();
  assert.deepEqual(offline.state, { offline: false, update: false });
});

test("no service workers here (an old browser, some private windows): nothing is registered, nothing shown", () => {
  const offline = createOffline({ container: undefined, url: "x", whenSettled: () => assert.fail("not settled") });
  offline.start();
  offline.apply();
  assert.deepEqual(offline.state, { offline: false, update: false });
});

/** A source of offline states the test sets, as offline.mjs's object. */
function fakeSource() {
  const listeners = new Set();
  return {
    applied: 0,
    checks: 0,
    state: { offline: false, update: false },
    subscribe(fn) { listeners.add(fn); fn(this.state); return () => listeners.delete(fn); },
    set(state) { this.state = state; for (const fn of listeners) fn(state); },
    check() { this.checks += 1; },
    apply() { this.applied += 1; },
  };
}

test("the notice shows while a new version waits, Reload asks for it, and each page shown checks", () => {
  const $root = el("div", { "data-module": "obc-update-notice", "aria-live": "polite" },
    el("div", { "data-obc-update": "", hidden: "" },
      el("p", {}, "A new version of the toolkit is available."),
      el("button", { type: "button", "data-obc-reload": "" }, "Reload")));
  installDom($root);
  const source = fakeSource();
  const view = startUpdateNotice($root, source);
  const $notice = $root.querySelector("[data-obc-update]");
  assert.equal(source.checks, 1);
  assert.equal($notice.hidden, true);
  source.set({ offline: true, update: true });
  assert.equal($notice.hidden, false);
  assert.equal(text($notice), "A new version of the toolkit is available.Reload");
  $root.querySelector("button").click();
  assert.equal(source.applied, 1);
  view.dispose();
  $root.querySelector("button").click();
  source.set({ offline: true, update: false });
  assert.equal(source.applied, 1);
  assert.equal($notice.hidden, false, "a page that went stops listening");
});

test("the notice without its Reload button is an error, not a silent page", () => {
  const $root = el("div", {}, el("div", { "data-obc-update": "" }));
  installDom($root);
  assert.throws(() => startUpdateNotice($root, fakeSource()), /Reload button/);
});

test("'Available offline' shows once every file is kept", () => {
  const $status = el("p", { "data-module": "obc-offline-status", hidden: "" }, "Ar gael all-lein");
  installDom($status);
  const source = fakeSource();
  startOfflineStatus($status, source);
  assert.equal($status.hidden, true);
  source.set({ offline: true, update: false });
  assert.equal($status.hidden, false);
});
