// The browser's storage, guarded: localStorage may be missing, blocked (it throws) or full (setItem throws).
// Every call answers instead of throwing, so a page can say what happened and never lose work silently.

/** The site's prefix for everything it keeps. */
export const PREFIX = "obc-assess:";

/**
 * The page's localStorage as {get, set, remove, keys}, or null when the browser keeps nothing.
 * set() and remove() return true when done, false when storage refused (full, or blocked since).
 * @param {{localStorage?: Storage}} scope the window (a fake one in tests)
 */
export function openStorage(scope = globalThis) {
  let store;
  try {
    store = scope.localStorage;
    if (!store) return null;
    const probe = `${PREFIX}probe`;
    store.setItem(probe, "1");
    store.removeItem(probe);
  } catch {
    // Blocked, or full already: nothing can be kept. A page may try again later (space may be freed).
    return null;
  }
  return {
    get(key) {
      try {
        return store.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, text) {
      try {
        store.setItem(key, text);
        return store.getItem(key) === text;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        store.removeItem(key);
        return true;
      } catch {
        return false;
      }
    },
    keys(prefix) {
      const found = [];
      try {
        for (let i = 0; i < store.length; i++) {
          const key = store.key(i);
          if (key !== null && key.startsWith(prefix)) found.push(key);
        }
      } catch { /* blocked since: nothing to list */ }
      return found;
    },
  };
}
