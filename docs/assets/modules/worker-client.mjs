// The one Web Worker of a visit and the one way to ask it something: request(type, data) -> Promise of the JSON
// Python returned (the pattern of Pyodide's web-worker guide). It holds no rule: obc-worker.js runs obc_assess.
// A load that fails, or has not finished within a time limit (a proxy that blocks .wasm, a corrupted runtime
// that never settles), ends in state "failed" with a reason, and retry() starts a new worker; a browser that cannot
// run the program fails at once ("unsupported").
// A rejected request says what happened in the page's words (words.mjs); the worker's own detail, a
// developer's diagnostic, goes to the console and to status.error.

import { word } from "./words.mjs";

/** How long a first load may take before the page says so and offers Retry (13 MB on a slow office line). */
export const LOAD_LIMIT_MS = 120_000;

/** How long startSoon waits, after the load event, for an idle moment before it starts the worker anyway. */
export const IDLE_WAIT_MS = 2_000;

/** Run once the page has loaded and painted and the main thread is idle (or IDLE_WAIT_MS after load at most). */
export function afterPaint(run) {
  const idle = () => (globalThis.requestIdleCallback
    ? globalThis.requestIdleCallback(run, { timeout: IDLE_WAIT_MS }) : setTimeout(run, 0));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

/** This browser cannot run the scoring program (launch() says so at once, with no Retry). */
export class Unsupported extends Error {}

/**
 * Whether a browser can run the scoring program: WebAssembly (Pyodide; iOS Lockdown Mode turns it off) and
 * module workers (obc-worker.js imports Pyodide: Chrome 80, Firefox 114, Safari 15). A browser reads the worker
 * options' `type` only if it knows module workers; the address is one no browser accepts, so none is started.
 * @param {{WebAssembly?: object, Worker?: Function}} scope the window (a fake one in tests)
 */
export function canRunPython(scope) {
  if (typeof scope.WebAssembly !== "object" || typeof scope.Worker !== "function") return false;
  let modules = false;
  try {
    new scope.Worker("http://[", { get type() { modules = true; return "module"; } });
  } catch {
    // the address is refused, as meant
  }
  return modules;
}

function moduleWorker(url) {
  if (!canRunPython(globalThis)) throw new Unsupported("no module workers or no WebAssembly in this browser");
  return new Worker(url, { type: "module" });
}

/**
 * A client around one worker at a time. Options are for tests: createWorker(url) -> Worker-like, timers, and
 * later(run), which startSoon waits with (afterPaint in a page).
 * @param {{createWorker?: (url: URL) => any, workerUrl?: URL, limitMs?: number, later?: (run: () => void) => void,
 *          setTimer?: typeof setTimeout, clearTimer?: typeof clearTimeout}} options
 */
export function createClient(options = {}) {
  const createWorker = options.createWorker || moduleWorker;
  const workerUrl = options.workerUrl || new URL("../obc-worker.js", import.meta.url);
  // A page may shorten the limit (globalThis.obcLoadLimitMs: the browser tests do, to see a hung load end).
  const limitMs = () => options.limitMs ?? globalThis.obcLoadLimitMs ?? LOAD_LIMIT_MS;
  const setTimer = options.setTimer || setTimeout;
  const clearTimer = options.clearTimer || clearTimeout;
  const later = options.later || afterPaint;

  let $worker = null;
  let status = { state: "idle", reason: "", error: "" }; // idle | loading | ready | failed
  let config = null; // {runtime, package, definitions}: kept for retry()
  let nextId = 1;
  let limitTimer = 0;
  const pending = new Map();
  const listeners = new Set();

  function set(state, reason = "", error = "") {
    status = { state, reason, error };
    if (state !== "loading" && limitTimer) {
      clearTimer(limitTimer);
      limitTimer = 0;
    }
    for (const listener of [...listeners]) {
      try {
        listener(status);
      } catch (problem) {
        console.error("obc: a status listener failed", problem);
      }
    }
  }

  function stop(reason, error) {
    // The worker cannot go on (failed, fatal, too slow): end it, so that retry() starts a clean one.
    if ($worker) $worker.terminate();
    $worker = null;
    for (const { reject } of pending.values()) reject(new Error(word("worker.failed")));
    pending.clear();
    set("failed", reason, error);
  }

  function receive(message) {
    if (message.type === "ready") return set("ready");
    if (message.type === "failed") return stop("failed", message.message || "");
    const waiting = pending.get(message.id);
    if (!waiting) return undefined;
    pending.delete(message.id);
    if (!message.ok) {
      console.error("obc: a request to the scoring program failed:", message.error);
      return waiting.reject(new Error(word(message.code === "not-loaded" ? "worker.not-loaded" : "worker.failed")));
    }
    try {
      return waiting.resolve(JSON.parse(message.payload));
    } catch (problem) {
      return waiting.reject(problem);
    }
  }

  /** The files to load (kept for retry); a definition new to a running worker is fetched at once. */
  function remember({ runtime, package: pkg, definitions = [] }) {
    if (!config) config = { runtime, package: pkg, definitions: [] };
    const fresh = definitions.filter((url) => !config.definitions.includes(url));
    config.definitions.push(...fresh);
    if (fresh.length && $worker) $worker.postMessage({ type: "prefetch", definitions: fresh });
  }

  function launch() {
    try {
      $worker = createWorker(workerUrl);
    } catch (problem) {
      return stop(problem instanceof Unsupported ? "unsupported" : "failed", String(problem));
    }
    const mine = $worker;
    mine.addEventListener("message", (event) => { if ($worker === mine) receive(event.data || {}); });
    mine.addEventListener("error", (event) => {
      // The worker script itself failed (not found, a syntax error, blocked by policy).
      if (event.preventDefault) event.preventDefault();
      if ($worker === mine) stop("failed", event.message || "the worker script could not start");
    });
    set("loading");
    limitTimer = setTimer(() => {
      limitTimer = 0;
      if ($worker === mine && status.state === "loading") stop("timeout", `no answer within ${limitMs()} ms`);
    }, limitMs());
    mine.postMessage({ type: "init", ...config });
    return undefined;
  }

  return {
    /** Start loading (once a visit; later calls add nothing but a definition to fetch at once). */
    start(files) {
      remember(files);
      if (status.state === "idle") launch();
    },
    /** As start, but once the page has painted (afterPaint): 13 MB of runtime never competes with the first
        paint. A request made before then starts the worker at once. */
    startSoon(files) {
      remember(files);
      if (status.state === "idle") later(() => { if (status.state === "idle") launch(); });
    },
    /** After a failure: a new worker, the same files (not in a browser that cannot run one). */
    retry() {
      if (config && status.state === "failed" && status.reason !== "unsupported") launch();
    },
    get status() { return status; },
    /** listener(status) now and on every change; returns the function that stops it. */
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    /** Ask Python: waits while loading, rejects when the program has failed (the page says so already). */
    request(type, data = {}) {
      if (status.state === "idle" && config) launch(); // asked before startSoon's moment came
      if (status.state === "loading" || status.state === "idle") {
        return new Promise((resolve, reject) => {
          const stopWaiting = this.subscribe((now) => {
            if (now.state === "loading" || now.state === "idle") return;
            queueMicrotask(() => stopWaiting());
            this.request(type, data).then(resolve, reject);
          });
        });
      }
      if (!$worker || status.state !== "ready") return Promise.reject(new Error(word("worker.not-loaded")));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        $worker.postMessage({ id, type, ...data });
      });
    },
  };
}

/** The client of this visit: one worker, shared by every page Material's instant navigation shows. */
export const client = createClient();
