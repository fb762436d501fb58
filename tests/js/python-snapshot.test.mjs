import assert from "node:assert/strict";
import { test } from "node:test";
import { snapshotCache, snapshotKey, startPython } from "../../docs/assets/modules/python-snapshot.mjs";

// Python's warm start (issue 33) over a fake Pyodide, which records what it was asked in order, and a fake Cache
// Storage.
const RUNTIME = "https://council.example/obc-toolkit/assets/pyodide/314.0.7/";
const PACKAGE = "https://council.example/obc-toolkit/assets/obc/python_stdlib-38e1c64b6c99.zip";
const OPTIONS = { indexURL: RUNTIME, stdLibURL: PACKAGE };
const IMPORTS = ["obc_stdlib_fallback", "obc_assess.core.api"];

class FakeCache {
  constructor() { this.entries = new Map(); }
  async match(key) { return this.entries.get(key)?.clone(); }
  async put(key, response) { this.entries.set(key, response); }
  async keys() { return [...this.entries.keys()].map((url) => ({ url })); }
  async delete(request) { return this.entries.delete(request.url); }
}

class FakeStorage {
  constructor() { this.byName = new Map(); }
  async open(name) {
    if (!this.byName.has(name)) this.byName.set(name, new FakeCache());
    return this.byName.get(name);
  }
  async delete(name) { return this.byName.delete(name); }
  /** The bytes kept under each key of the runtime's snapshot cache, as text. */
  async kept() {
    const cache = this.byName.get(snapshotCache(RUNTIME));
    if (!cache) return {};
    const pairs = await Promise.all([...cache.entries].map(async ([key, r]) => [key, await r.clone().text()]));
    return Object.fromEntries(pairs);
  }
}

/** A Pyodide whose memory is `memory`; `restore` says what a snapshot does (throw: a stale one). */
function fakePyodide({ memory = "interpreter", restore = () => {} } = {}) {
  const events = [];
  const loadPyodide = async (options) => {
    const { _loadSnapshot: snapshot, _makeSnapshot: make, ...rest } = options;
    assert.deepEqual(rest, OPTIONS);
    if (snapshot) {
      events.push(`restore ${new TextDecoder().decode(snapshot)}`);
      restore(snapshot);
    } else events.push(make ? "start (snapshot to be made)" : "start");
    return {
      pyimport: (name) => events.push(`import ${name}`),
      makeMemorySnapshot: () => { events.push("snapshot"); return new TextEncoder().encode(memory); },
    };
  };
  return { events, loadPyodide };
}

const quiet = { info: () => {}, warn: () => {} };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

test("a first start imports, then takes the snapshot before anything else, and keeps it under the key", async () => {
  const storage = new FakeStorage();
  const { events, loadPyodide } = fakePyodide();
  const py = await startPython({ loadPyodide, options: OPTIONS, imports: IMPORTS, storage, log: quiet });
  events.push("start resolved: the worker may now send a definition");
  py.pyimport("the first request");
  await settle();
  assert.deepEqual(events, ["start (snapshot to be made)", "import obc_stdlib_fallback", "import obc_assess.core.api",
    "snapshot", "start resolved: the worker may now send a definition", "import the first request"]);
  assert.deepEqual(await storage.kept(), { [snapshotKey(RUNTIME, PACKAGE)]: "interpreter" });
});

test("a kept snapshot is restored, and nothing is started or kept again", async () => {
  const storage = new FakeStorage();
  await startPython({ ...fakePyodide(), options: OPTIONS, imports: IMPORTS, storage, log: quiet });
  await settle();
  const said = [];
  const { events, loadPyodide } = fakePyodide({ memory: "not taken" });
  await startPython({ loadPyodide, options: OPTIONS, imports: IMPORTS, storage,
    log: { ...quiet, info: (m) => said.push(m) } });
  await settle();
  assert.deepEqual(events, ["restore interpreter", "import obc_stdlib_fallback", "import obc_assess.core.api"]);
  assert.deepEqual(said, ["obc: Python started from its kept snapshot"]);
  assert.deepEqual(await storage.kept(), { [snapshotKey(RUNTIME, PACKAGE)]: "interpreter" });
});

test("a snapshot Pyodide refuses (another build, damaged) is dropped, and Python starts afresh and keeps a new one",
  async () => {
    const storage = new FakeStorage();
    await (await storage.open(snapshotCache(RUNTIME))).put(snapshotKey(RUNTIME, PACKAGE), new Response("damaged"));
    const warned = [];
    const { events, loadPyodide } = fakePyodide({
      restore: () => { throw new Error("Snapshot build id mismatch"); } });
    await startPython({ loadPyodide, options: OPTIONS, imports: IMPORTS, storage,
      log: { ...quiet, warn: (m, e) => warned.push([m, e.message]) } });
    await settle();
    assert.deepEqual(events, ["restore damaged", "start (snapshot to be made)", "import obc_stdlib_fallback",
      "import obc_assess.core.api", "snapshot"]);
    assert.deepEqual(warned, [["obc: Python's kept snapshot could not be used; it starts afresh",
      "Snapshot build id mismatch"]]);
    assert.deepEqual(await storage.kept(), { [snapshotKey(RUNTIME, PACKAGE)]: "interpreter" });
  });

test("a snapshot of another package is never restored, and keeping the new one deletes it", async () => {
  const storage = new FakeStorage();
  const older = snapshotKey(RUNTIME, PACKAGE.replace("38e1c64b6c99", "0123456789ab"));
  await (await storage.open(snapshotCache(RUNTIME))).put(older, new Response("older package"));
  const { events, loadPyodide } = fakePyodide();
  await startPython({ loadPyodide, options: OPTIONS, imports: IMPORTS, storage, log: quiet });
  await settle();
  assert.equal(events[0], "start (snapshot to be made)");
  assert.deepEqual(await storage.kept(), { [snapshotKey(RUNTIME, PACKAGE)]: "interpreter" });
});

test("with no Cache Storage Python starts as before: no snapshot made or kept", async () => {
  const { events, loadPyodide } = fakePyodide();
  await startPython({ loadPyodide, options: OPTIONS, imports: IMPORTS, storage: undefined, log: quiet });
  assert.deepEqual(events, ["start", "import obc_stdlib_fallback", "import obc_assess.core.api"]);
});

test("a snapshot that cannot be taken or kept (storage full) leaves the start as it was", async () => {
  const storage = new FakeStorage();
  storage.open = async () => { throw new DOMException("quota", "QuotaExceededError"); };
  const { events, loadPyodide } = fakePyodide();
  const said = [];
  const py = await startPython({ loadPyodide, options: OPTIONS, imports: IMPORTS, storage,
    log: { ...quiet, info: (m) => said.push(m) } });
  await settle();
  assert.ok(py);
  assert.deepEqual(events.slice(-1), ["snapshot"]);
  assert.deepEqual(said, ["obc: Python's snapshot was not kept"]);
});

test("each runtime and package has its own key, and each site's runtime folder its own cache", () => {
  assert.equal(snapshotKey(RUNTIME, PACKAGE),
    `${RUNTIME}obc-python-snapshot?format=1&package=${encodeURIComponent(PACKAGE)}`);
  assert.notEqual(snapshotKey(RUNTIME.replace("314.0.7", "315.0.0"), PACKAGE), snapshotKey(RUNTIME, PACKAGE));
  assert.equal(snapshotCache(RUNTIME), "obc-python-snapshot https://council.example/obc-toolkit/assets/pyodide/");
});
