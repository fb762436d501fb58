// This language's service worker, seen from a page (issue 33): registered once the page is settled, checked for
// a new version as a person moves around the site, and what it can tell the page: "offline" (every page and file
// of this language, and Python, are kept: the worker says so) and "update" (a new version of the site is
// installed and waits). A first version keeps what the open page needs; the page, once settled again, asks it for
// the rest ("keep-rest"), and asks again on a later visit or when the line comes back if that was cut short.
// The new version takes over only when the person asks (apply): never by itself.
// No DOM: offline-page.mjs shows what this says.

/** How often a page left open asks whether a new version has been published. */
export const CHECK_EVERY_MS = 60 * 60 * 1000;

/**
 * @param {{container?: ServiceWorkerContainer, url: URL | string, whenSettled: (run: () => void) => void,
 *          reload?: () => void, target?: EventTarget, doc?: Document, setTimer?: typeof setInterval}} options
 *   url: the worker (service-worker.js at this language's site root); whenSettled(run): when to register it;
 *   target and doc: the window and document whose "online" and "visibilitychange" prompt a check.
 */
export function createOffline(options) {
  const container = options.container;
  const reload = options.reload || (() => globalThis.location.reload());
  let registration = null;
  let state = { offline: false, update: false };
  let reloading = false;
  const listeners = new Set();

  function set(next) {
    if (next.offline === state.offline && next.update === state.update) return;
    state = next;
    for (const listener of [...listeners]) listener(state);
  }

  let asked = null; // the active worker asked what it keeps
  function look() {
    // Waiting beside an active one: a newer version is installed and waits for the person.
    set({ offline: state.offline && Boolean(registration.active),
      update: Boolean(registration.waiting && registration.active) });
    if (registration.active && asked !== registration.active) {
      asked = registration.active;
      asked.postMessage({ type: "status" });
    }
  }

  let resting = false; // this page has asked for the rest
  function heard(event) {
    const message = event.data || {};
    if (message.type !== "kept") return;
    if (message.complete) resting = false;
    set({ ...state, offline: Boolean(message.complete) });
    if (message.complete || resting || !registration || !registration.active) return;
    resting = true;
    options.whenSettled(() => { if (registration.active) registration.active.postMessage({ type: "keep-rest" }); });
  }

  function follow(worker) {
    if (worker) worker.addEventListener("statechange", look);
  }

  function watch(found) {
    if (!found) return; // a register() stubbed to resolve with nothing (a test harness's "block"): no worker
    registration = found;
    registration.addEventListener("updatefound", () => follow(registration.installing));
    follow(registration.installing);
    follow(registration.waiting);
    look();
  }

  function check() {
    // Offline, or a server that does not answer: the check fails quietly, and the next one tries again.
    if (registration) registration.update().catch(() => {});
    // The rest cut short (the line dropped while it was kept): the worker is asked again what it keeps.
    if (registration && registration.active && !state.offline) {
      resting = false;
      registration.active.postMessage({ type: "status" });
    }
  }

  function start() {
    if (!container) return; // no service workers here (an old browser, some private windows): pages work online
    container.addEventListener("controllerchange", () => { if (reloading) reload(); });
    container.addEventListener("message", heard);
    if (container.startMessages) container.startMessages();
    options.whenSettled(() => {
      container.register(String(options.url)).then(watch, (problem) => {
        console.error("obc: the offline copy could not be set up", problem);
      });
    });
    const doc = options.doc;
    if (options.target) options.target.addEventListener("online", check);
    if (doc) doc.addEventListener("visibilitychange", () => { if (doc.visibilityState === "visible") check(); });
    (options.setTimer || setInterval)(check, CHECK_EVERY_MS);
  }

  return {
    start,
    /** Ask the server whether a new version has been published (each page a person opens asks). */
    check,
    get state() { return state; },
    /** listener(state) now and on every change; returns the function that stops it. */
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    /** The person asked for the new version: it takes over, and this page (only this one) reloads. */
    apply() {
      if (!registration || !registration.waiting) return;
      reloading = true;
      registration.waiting.postMessage({ type: "skip-waiting" });
    },
  };
}
