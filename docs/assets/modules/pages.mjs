// Starts each module on its page roots, as GOV.UK Frontend's createAll does: every root with
// data-module="name" gets its module's start($root), each inside its own guard so one failure stops nothing
// else (a module guards its own parts the same way: guarded, required). Material's instant navigation swaps pages
// without reloading modules: its document$ says when.

const modules = new Map(); // name -> start($root) returning {dispose()} or null
let running = [];

/** An element the page must have: its absence throws (inside the guard that started the part needing it). */
export function required($root, selector) {
  const $el = $root.querySelector(selector);
  if (!$el) throw new Error(`obc: the page has no ${selector}`);
  return $el;
}

/** Start one part of the page: one that fails is reported, and the others (saving above all) go on. */
export function guarded(name, start) {
  try {
    return start();
  } catch (problem) {
    console.error(`obc: ${name} could not start`, problem);
    return null;
  }
}

function startAll(scope, names) {
  for (const name of names) {
    for (const $root of scope.querySelectorAll(`[data-module="${name}"]`)) {
      if ($root.obcStarted) continue;
      $root.obcStarted = true;
      try {
        const instance = modules.get(name)($root);
        if (instance) running.push({ $root, instance });
      } catch (problem) {
        console.error(`obc: ${name} could not start`, problem);
      }
    }
  }
}

/** Register a module's start function under its data-module name, and start it on the page now. */
export function register(name, start) {
  modules.set(name, start);
  startAll(document, [name]);
}

function onPage() {
  // Pages that went: stop what ran on them (timers, window listeners), then start the new page's roots.
  running = running.filter(({ $root, instance }) => {
    if (document.contains($root)) return true;
    try {
      if (instance.dispose) instance.dispose();
    } catch (problem) {
      console.error("obc: a module could not stop", problem);
    }
    return false;
  });
  startAll(document, [...modules.keys()]);
}

let watching = false;

/** Follow Material's page changes (once a visit). */
export function followPages() {
  if (watching) return;
  watching = true;
  document.documentElement.classList.add("js");
  const follow = () => {
    if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  };
  // Material's bundle is deferred (overrides/main.html), so on a first load it may run after this module: it sets
  // document$ before DOMContentLoaded, and document$ replays the current page to a late subscriber.
  if (!window.document$ && document.readyState !== "complete") {
    document.addEventListener("DOMContentLoaded", follow, { once: true });
  } else {
    follow();
  }
}
