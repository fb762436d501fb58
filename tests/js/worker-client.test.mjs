import assert from "node:assert/strict";
import { test } from "node:test";
import { canRunPython, createClient, Unsupported } from "../../docs/assets/modules/worker-client.mjs";
import { FakeWorker, manualTimers, tick } from "./fakes.mjs";
import { useWords } from "../../docs/assets/modules/words.mjs";
import { catalogue } from "./words-files.mjs";

useWords(catalogue("en"));

const FILES = { runtime: "https://site/rt/", package: "https://site/p.zip", definitions: ["https://site/d.json"] };

function pythonLike(readyAs = "ready") {
  // Answers as obc-worker.js does: ready after init, then each request's type and data echoed back as JSON.
  return (message, worker) => {
    if (message.type === "init") {
      if (readyAs === "ready") worker.reply({ type: "ready" });
      else if (readyAs === "failed") worker.reply({ type: "failed", message: "HTTP 404" });
      return;
    }
    worker.reply({ id: message.id, ok: true, payload: JSON.stringify({ type: message.type, fields: message.fields }) });
  };
}

function client(handler, timers = manualTimers()) {
  const workers = [];
  const c = createClient({
    workerUrl: new URL("https://site/obc-worker.js"),
    createWorker: () => { const w = new FakeWorker(handler); workers.push(w); return w; },
    setTimer: timers.setTimer, clearTimer: timers.clearTimer, limitMs: 1000,
  });
  return { c, workers, timers };
}

test("a request made while loading is answered once the program is ready", async () => {
  const { c, workers } = client(pythonLike());
  c.start(FILES);
  assert.equal(c.status.state, "loading");
  const answer = await c.request("evaluate", { fields: "{}" });
  assert.deepEqual(answer, { type: "evaluate", fields: "{}" });
  assert.equal(c.status.state, "ready");
  assert.deepEqual(workers[0].sent[0], { type: "init", ...FILES });
});

test("start twice makes one worker; a new definition is prefetched", async () => {
  const { c, workers } = client(pythonLike());
  c.start(FILES);
  c.start({ ...FILES, definitions: ["https://site/other.json"] });
  await tick();
  assert.equal(workers.length, 1);
  assert.deepEqual(workers[0].sent[1], { type: "prefetch", definitions: ["https://site/other.json"] });
});

function waitingClient(handler) {
  // startSoon's moment (after load and paint, in a page) comes when the test says so.
  const moments = [];
  const workers = [];
  const c = createClient({
    workerUrl: new URL("https://site/obc-worker.js"), limitMs: 1000, later: (run) => moments.push(run),
    createWorker: () => { const w = new FakeWorker(handler); workers.push(w); return w; },
  });
  return { c, workers, moments };
}

test("startSoon loads nothing until its moment, then one worker for every startSoon and start", async () => {
  const { c, workers, moments } = waitingClient(pythonLike());
  c.startSoon(FILES);
  c.startSoon({ ...FILES, definitions: ["https://site/other.json"] });
  assert.equal(c.status.state, "idle");
  assert.equal(workers.length, 0);
  for (const run of moments) run();
  await tick();
  assert.equal(workers.length, 1);
  assert.deepEqual(workers[0].sent[0], { type: "init", ...FILES,
    definitions: ["https://site/d.json", "https://site/other.json"] });
  assert.equal(c.status.state, "ready");
});

test("a request made before startSoon's moment starts the worker at once, and is answered", async () => {
  const { c, workers, moments } = waitingClient(pythonLike());
  c.startSoon(FILES);
  const answer = await c.request("evaluate", { fields: "{}" });
  assert.deepEqual(answer, { type: "evaluate", fields: "{}" });
  for (const run of moments) run(); // the moment comes later: nothing starts twice
  assert.equal(workers.length, 1);
});

test("a load that never settles fails with reason timeout, and Retry starts a new worker", async () => {
  const { c, workers, timers } = client(pythonLike("never"));
  const seen = [];
  c.subscribe((s) => seen.push(`${s.state}${s.reason ? `:${s.reason}` : ""}`));
  c.start(FILES);
  const waiting = c.request("evaluate", { fields: "{}" });
  timers.runAll();
  await assert.rejects(waiting, /has not loaded/);
  assert.deepEqual(seen, ["idle", "loading", "failed:timeout"]);
  assert.equal(workers[0].terminated, true);
  c.retry();
  assert.equal(workers.length, 2);
  assert.equal(c.status.state, "loading");
});

test("a failed load (a missing definition) ends in failed, not ready", async () => {
  const { c } = client(pythonLike("failed"));
  c.start(FILES);
  await tick();
  assert.equal(c.status.state, "failed");
  assert.equal(c.status.error, "HTTP 404");
});

test("a worker script that cannot start rejects what is pending", async () => {
  const { c, workers } = client(pythonLike("never"));
  c.start(FILES);
  const waiting = c.request("evaluate", {});
  workers[0].fail("blocked");
  await assert.rejects(waiting, { message: "The scoring program has not loaded." });
  assert.equal(c.status.state, "failed");
  assert.equal(c.status.error, "blocked");
});

test("an error from Python rejects that request only, in the page's words (the detail goes to the console)", async (t) => {
  const logged = t.mock.method(console, "error", () => {});
  const { c } = client((message, worker) => {
    if (message.type === "init") worker.reply({ type: "ready" });
    else worker.reply({ id: message.id, ok: false, code: message.type === "import" ? "not-loaded" : "failed", error: "bad" });
  });
  c.start(FILES);
  await assert.rejects(c.request("evaluate", {}), { message: "The scoring program failed." });
  assert.equal(c.status.state, "ready");
  useWords(catalogue("cy"));
  await assert.rejects(c.request("import", {}), { message: "Nid yw’r rhaglen sgorio wedi llwytho." });
  await assert.rejects(c.request("evaluate", {}), { message: "Methodd y rhaglen sgorio." });
  useWords(catalogue("en"));
  assert.ok(logged.mock.calls.every((call) => call.arguments.at(-1) === "bad"));
});

test("a request that waits while the load fails is rejected in the page's words", async () => {
  const { c, timers } = client(pythonLike("never"));
  c.start(FILES);
  const waiting = c.request("evaluate", {});
  await tick();
  useWords(catalogue("cy"));
  timers.runAll();
  await assert.rejects(waiting, { message: "Nid yw’r rhaglen sgorio wedi llwytho." });
  useWords(catalogue("en"));
  assert.equal(c.status.reason, "timeout");
});

test("a browser without module workers or WebAssembly cannot run the program", () => {
  class ModuleWorker { constructor(url, options) { void options.type; throw new SyntaxError(`bad address ${url}`); } }
  class ClassicWorker { constructor(url) { throw new SyntaxError(`bad address ${url}`); } }
  assert.equal(canRunPython({ WebAssembly: {}, Worker: ModuleWorker }), true);
  assert.equal(canRunPython({ WebAssembly: {}, Worker: ClassicWorker }), false); // options.type never read
  assert.equal(canRunPython({ Worker: ModuleWorker }), false); // WebAssembly off (iOS Lockdown Mode)
  assert.equal(canRunPython({ WebAssembly: {} }), false);
});

test("in such a browser the load fails at once, as unsupported, and Retry starts nothing", () => {
  let made = 0;
  const c = createClient({ createWorker: () => { made += 1; throw new Unsupported("no module workers"); } });
  c.start(FILES);
  assert.deepEqual({ state: c.status.state, reason: c.status.reason }, { state: "failed", reason: "unsupported" });
  c.retry();
  assert.equal(made, 1);
});
