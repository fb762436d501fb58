// Python started warm (issue 33): after a fresh start, once the modules the worker needs are imported and before
// anything else reaches Python (no definition, no answer: the snapshot is taken in the same turn as the imports,
// before the start resolves), the memory of the interpreter is copied (Pyodide's makeMemorySnapshot) and kept in
// Cache Storage. The next start restores it (loadPyodide's _loadSnapshot) instead of starting the interpreter and
// importing again. It is kept under the runtime's URL (its folder names Pyodide's version; Pyodide itself refuses
// a snapshot of another build) and the package's (its name carries its content's hash), so a new runtime or package
// never meets an old snapshot; keeping a new one deletes the others of this runtime folder. Missing, stale or
// failing: the normal start, as without it. No Cache Storage (some private windows): the normal start, nothing kept.

/** What the snapshot holds: bump it when the modules imported before it change. */
export const SNAPSHOT_FORMAT = 1;

/** The key a snapshot is kept under: one per runtime and package. */
export function snapshotKey(runtime, packageUrl) {
  return `${runtime}obc-python-snapshot?format=${SNAPSHOT_FORMAT}&package=${encodeURIComponent(packageUrl)}`;
}

/** The cache of the snapshots of one site's runtime folder (two sites on one origin keep their own). */
export function snapshotCache(runtime) {
  return `obc-python-snapshot ${new URL("../", runtime).href}`;
}

async function saved(storage, name, key) {
  try {
    const response = await (await storage.open(name)).match(key);
    return response ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch {
    return null; // storage that cannot be read is no snapshot
  }
}

async function keep(storage, name, key, bytes) {
  const cache = await storage.open(name);
  for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
  await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
}

/**
 * Start Python, from the kept snapshot when there is a good one.
 * @param {{loadPyodide: Function, options: {indexURL: string, stdLibURL: string}, imports: string[],
 *          storage?: CacheStorage, log?: Console}} start
 *   imports: the modules imported before the snapshot (the worker's own, from the package).
 * @returns {Promise<object>} the Pyodide instance, with `imports` imported
 */
export async function startPython({ loadPyodide, options, imports, storage = globalThis.caches, log = console }) {
  const key = snapshotKey(options.indexURL, options.stdLibURL);
  const name = snapshotCache(options.indexURL);
  const snapshot = storage ? await saved(storage, name, key) : null;
  if (snapshot) {
    try {
      const restored = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      for (const module of imports) restored.pyimport(module);
      log.info("obc: Python started from its kept snapshot");
      return restored;
    } catch (error) {
      log.warn("obc: Python's kept snapshot could not be used; it starts afresh", error);
      await storage.delete(name).catch(() => {});
    }
  }
  const py = await loadPyodide({ ...options, _makeSnapshot: Boolean(storage) });
  for (const module of imports) py.pyimport(module);
  if (storage) {
    // Taken now, before this start resolves: nothing but the imports has run. Kept in the background.
    try {
      const bytes = py.makeMemorySnapshot();
      keep(storage, name, key, bytes).catch((error) => log.info("obc: Python's snapshot was not kept", error));
    } catch (error) {
      log.info("obc: Python's snapshot could not be taken", error);
    }
  }
  return py;
}
