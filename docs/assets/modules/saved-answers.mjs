// Keeping a person's answers in this browser, so that nothing they typed is lost: no DOM, no rule about answers.
// Two copies per assessment, under the key obc-assess:<id>:
//   <key>:form   the form's raw values, written at every change and put back into the form at once on the next
//                visit, before Python loads (restoring values is not a scoring rule);
//   <key>        the answers document Python made from them (the export format), for older visits and migration.
// Two tabs: each remembers the copy it last read or wrote (base) and never writes over a different one; it keeps
// its own work under <key>:tab:<tab id> instead, so closing it while it asks which to keep loses nothing.

import { migrateDate, migrateNames } from "./field-names.mjs";

// Of the :form copy. 2: collision-free field names (item:<id>, ...); 3: the assessment date in three boxes.
// A copy of an older format is renamed on reading.
export const FORM_FORMAT = 3;

/**
 * @param {{store: ReturnType<import("./storage.mjs").openStorage>, key: string, version: string, tabId: string}} o
 */
export function savedAnswers({ store, key, version, tabId }) {
  const formKey = `${key}:form`;
  const tabPrefix = `${key}:tab:`;
  const tabKey = `${tabPrefix}${tabId}`;
  let base = store ? store.get(formKey) : null;
  let conflict = false;
  let full = false;
  let ownTabCopy = false;

  function parse(text) {
    try {
      const copy = JSON.parse(text || "null");
      if (!copy || ![1, 2, FORM_FORMAT].includes(copy.format) || typeof copy.fields !== "object" || !copy.fields) return null;
      let fields = Object.fromEntries(Object.entries(copy.fields).filter(([, v]) => typeof v === "string"));
      if (copy.format === 1) fields = migrateNames(fields);
      else if (copy.format === 2) fields = migrateDate(fields);
      return { fields, rows: Number.isInteger(copy.rows) ? copy.rows : 0, version: String(copy.version ?? "") };
    } catch {
      return null;
    }
  }

  function keepAside(text) {
    ownTabCopy = store.set(tabKey, text);
    return ownTabCopy;
  }

  return {
    get available() { return Boolean(store); },
    get conflict() { return conflict; },
    get full() { return full; },

    /** The raw copy to put into the form now, when it is for this version of the assessment (else null). */
    form() {
      const copy = store ? parse(store.get(formKey)) : null;
      return copy && copy.version === version ? copy : null;
    },

    /** The answers document text last saved (for Python: an older visit, or another version). */
    responses() {
      return store ? store.get(key) : null;
    },

    /**
     * Keep the form's values: "saved", "conflict" (another tab wrote since: kept under this tab's own key),
     * "full" (storage refused: the previous copy stays whole) or "none" (no storage).
     */
    keep({ fields, rows }) {
      if (!store) return "none";
      const text = JSON.stringify({ format: FORM_FORMAT, version, rows, fields });
      const now = store.get(formKey);
      if (!conflict && now !== base && now !== text) conflict = true;
      if (conflict) {
        full = !keepAside(text);
        return full ? "full" : "conflict";
      }
      if (now !== text && !store.set(formKey, text)) {
        full = true;
        return "full";
      }
      full = false;
      base = text;
      if (ownTabCopy) ownTabCopy = !store.remove(tabKey);
      return "saved";
    },

    /** Save Python's answers document, unless this tab is in a conflict. true when stored. */
    keepResponses(text) {
      if (!store || conflict) return false;
      if (store.get(key) === text) return true;
      const ok = store.set(key, text);
      full = !ok;
      return ok;
    },

    /** Another tab wrote a different copy since this tab last read or wrote one. */
    changedElsewhere() {
      return Boolean(store) && store.get(formKey) !== base;
    },

    /** Take the other tab's copy (the person chose it, or this tab had no changes): returns it, or null. */
    adopt() {
      conflict = false;
      base = store ? store.get(formKey) : null;
      if (ownTabCopy) ownTabCopy = !store.remove(tabKey);
      return this.form();
    },

    /** Keep this tab's answers over the other's: the next keep() writes them. */
    keepMine() {
      conflict = false;
      base = store ? store.get(formKey) : null;
    },

    /** Copies left by tabs closed while they asked which answers to keep: [{key, fields, rows}] (newest last). */
    leftByClosedTabs() {
      if (!store) return [];
      return store.keys(tabPrefix).filter((k) => k !== tabKey)
        .map((k) => ({ key: k, ...parse(store.get(k)) })).filter((copy) => copy.fields);
    },

    /** Forget one copy left by a closed tab. */
    discard(copyKey) {
      if (store && copyKey.startsWith(tabPrefix)) store.remove(copyKey);
    },

    /** A saved copy Python could not read: set it aside before anything is saved over it. true when kept. */
    setAside(text) {
      if (!store) return false;
      const ok = store.set(`${key}:unrestored`, text);
      if (!ok) conflict = true; // never overwrite the only copy: stop saving until the person exports or clears
      return ok;
    },

    /** Forget every copy of this tab's and the shared ones (the person asked to clear). */
    clear() {
      if (!store) return;
      for (const k of [key, formKey, tabKey]) store.remove(k);
      base = null;
      conflict = false;
      ownTabCopy = false;
    },
  };
}

/** An id for this page load: a duplicated tab copies sessionStorage, so an id kept there would be shared. */
export function newTabId() {
  return Math.random().toString(36).slice(2, 10);
}
