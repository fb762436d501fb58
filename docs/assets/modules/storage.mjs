// The browser's storage, guarded: localStorage may be missing, blocked (it throws) or full (setItem throws).
// Every call answers instead of throwing, so a page can say what happened and never lose work silently.

/** The site's prefix for everything it keeps. */
export const PREFIX = "obc-assess:";

/**
 * The page's localStorage (or its sessionStorage: `which`) as {get, set, remove, keys}, or null when it is
 * missing or blocked. set() and remove() return true when done, false when storage refused (full, or blocked since).
 * @param {{localStorage?: Storage, sessionStorage?: Storage}} scope the window (a fake one in tests)
 * @param {"localStorage" | "sessionStorage"} which
 */
export function openStorage(scope = globalThis, which = "localStorage") {
  let store;
  try {
    store = scope[which];
    if (!store) return null;
    // Reading proves it is not blocked. A full store is still returned: each later set() tries again, so
    // answers are kept as soon as space is freed.
    store.getItem(`${PREFIX}probe`);
  } catch {
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
