// Keeping a person's answers in this browser, so that nothing they typed is lost: no DOM, no rule about answers.
// Copies per assessment, under the key obc-assess:<id>:
//   <key>:form       the form's raw values, written at every change and put back into the form at once on the next
//                    visit, before Python loads (restoring values is not a scoring rule); each write carries a
//                    revision {n, tab, at}: n counts up, tab is the page that wrote it;
//   <key>            the answers document Python made from them, as typed (the export format), for older pages;
//   <key>:migrating  a copy saved by another version of the assessment (or an answers document with no form copy
//                    beside it), kept whole until Python has brought it into this version;
//   <key>:tab:<tab>  this tab's own values for the answers another tab changed too, while it asks which to keep
//                    (so closing it then loses nothing).
// and, in the tab's sessionStorage, <key>:shown: the copy the tab last had, so that a page the browser brings back
// (Back, reload, with the form's old values put back) is reconciled with what was saved since, never taken as typing.
// Saving never goes backwards: a tab writes only over the copy it last read or wrote; when another tab wrote
// since, the two are combined field by field (merge-copies.mjs) and only a field changed in both is asked about.

import { migrateDate, migrateNames } from "./field-names.mjs";
import { changedNames, mergeFields, mergeRows, valueOf } from "./merge-copies.mjs";

// Of the :form copy. 2: collision-free field names (item:<id>, ...); 3: the assessment date in three boxes.
// A copy of an older format is renamed on reading.
export const FORM_FORMAT = 3;

/** A copy's text parsed: {fields, rows, version, revision}, or null when it is not a form copy. */
export function readSaved(text) {
  try {
    const copy = JSON.parse(text || "null");
    if (!copy || ![1, 2, FORM_FORMAT].includes(copy.format) || typeof copy.fields !== "object" || !copy.fields) return null;
    let fields = Object.fromEntries(Object.entries(copy.fields).filter(([, v]) => typeof v === "string"));
    if (copy.format === 1) fields = migrateNames(fields);
    else if (copy.format === 2) fields = migrateDate(fields);
    const revision = copy.revision && Number.isInteger(copy.revision.n) ? copy.revision : null;
    return { fields, rows: Number.isInteger(copy.rows) ? copy.rows : 0, version: String(copy.version ?? ""), revision };
  } catch {
    return null;
  }
}

const sameRevision = (a, b) => Boolean(a && b) && a.n === b.n && a.tab === b.tab && a.at === b.at;
const EMPTY = { fields: {}, rows: 0 };

/**
 * @param {{store: ReturnType<import("./storage.mjs").openStorage>, session?: ReturnType<import("./storage.mjs").openStorage>,
 *          key: string, version: string, tabId: string, now?: () => Date}} o
 */
export function savedAnswers({ store, session = null, key, version, tabId, now = () => new Date() }) {
  const formKey = `${key}:form`;
  const tabPrefix = `${key}:tab:`;
  const tabKey = `${tabPrefix}${tabId}`;
  const migratingKey = `${key}:migrating`;
  const shownKey = `${key}:shown`;
  let base = EMPTY; // the copy this tab last read or wrote...
  let baseText = store ? store.get(formKey) : null; // ...as the text it was saved as
  const open = new Set(); // fields changed here and in another tab: asked about, never written over
  let full = false;
  let held = false; // a copy only Python can read could not be kept aside: nothing is saved over it
  let aside = false; // this tab's own values are kept under tabKey
  let last = null; // the fields the form held after the last keep()

  function write(copy) {
    const stored = readSaved(store.get(formKey));
    const n = Math.max(stored && stored.revision ? stored.revision.n : 0, base.revision ? base.revision.n : 0) + 1;
    const revision = { n, tab: tabId, at: now().toISOString() };
    const text = JSON.stringify({ format: FORM_FORMAT, version, rows: copy.rows, fields: copy.fields, revision });
    if (!store.set(formKey, text)) return false;
    base = { ...copy, revision };
    baseText = text;
    return true;
  }

  /** This tab's own values for the open clashes, kept aside (or forgotten when none is open). */
  function keepAside(fields, rows) {
    if (!open.size) {
      if (aside) aside = !store.remove(tabKey);
      return true;
    }
    const mine = Object.fromEntries([...open].map((name) => [name, valueOf(fields, name)]));
    aside = store.set(tabKey, JSON.stringify({ format: FORM_FORMAT, version, rows, fields: mine, partial: true }));
    return aside;
  }

  /** The copy to put into the form at start, and where the tab's base comes from (see start()). */
  function startFrom(stored, storedText) {
    const shown = session ? readSaved(session.get(shownKey)) : null;
    if (shown && shown.version === version) {
      // The browser brought this page back: what it showed was based on this copy; anything saved since is theirs.
      base = shown;
      baseText = stored && sameRevision(stored.revision, shown.revision) ? storedText : "(brought back)";
      return shown;
    }
    base = stored ? { fields: stored.fields, rows: stored.rows, revision: stored.revision } : EMPTY;
    return stored;
  }

  return {
    key,
    get available() { return Boolean(store); },
    get full() { return full || held; },
    /** The fields changed both here and in another tab, waiting for the person's choice. */
    get clashes() { return [...open]; },

    /**
     * At start: {copy, older}. copy ({fields, rows}) goes into the form at once: the tab's own last copy when the
     * browser brought the page back, else the saved one (one for another version too, by name: Python checks it);
     * older is the text only Python can bring into this version (kept aside until then), or null.
     */
    start() {
      if (!store) return { copy: null, older: null };
      const storedText = store.get(formKey);
      const stored = readSaved(storedText);
      let older = store.get(migratingKey);
      const other = stored ? stored.version !== version : Boolean(store.get(key));
      if (other && !older) {
        older = stored ? storedText : store.get(key);
        held = !store.set(migratingKey, older); // never save over the only copy
      }
      return { copy: startFrom(stored, storedText), older: older || null };
    },

    /** The answers document text last saved (for Python: an older visit, or another version). */
    responses() {
      return store ? store.get(key) : null;
    },

    /**
     * Keep the form's values: {outcome, show, clashes}. outcome: "saved", "full" (storage refused: the previous
     * copy stays whole) or "none" (no storage). When another tab saved since, the copies are combined: show holds
     * the values the form should now show (null: as it is), clashes the fields changed in both (asked about).
     */
    keep({ fields, rows }) {
      if (!store) return { outcome: "none", show: null, clashes: [] };
      const text = store.get(formKey);
      const theirs = text === baseText ? base : readSaved(text) || EMPTY;
      let next = { fields, rows };
      if (text !== baseText) {
        const merged = mergeFields(base.fields, fields, theirs.fields);
        for (const name of merged.clashes) open.add(name);
        next = { fields: merged.fields, rows: mergeRows(base.rows, rows, theirs.rows) };
      }
      // A field asked about keeps the saved value until the person chooses; the form keeps this tab's.
      const written = { ...next.fields };
      for (const name of open) {
        if (Object.hasOwn(theirs.fields, name)) written[name] = theirs.fields[name];
        else delete written[name];
      }
      const shown = { fields: { ...next.fields, ...Object.fromEntries([...open].map((n) => [n, valueOf(fields, n)])) },
        rows: next.rows };
      const show = changedNames(fields, shown.fields).length || shown.rows !== rows ? shown : null;
      last = shown.fields;
      const same = !changedNames(written, theirs.fields).length && next.rows === theirs.rows;
      if (held) return { outcome: "full", show, clashes: [...open] };
      if (same) {
        base = { fields: written, rows: next.rows, revision: theirs.revision };
        baseText = text;
      } else if (!write({ fields: written, rows: next.rows })) {
        full = true;
        return { outcome: "full", show, clashes: [...open] };
      }
      full = !keepAside(fields, next.rows);
      return { outcome: full ? "full" : "saved", show, clashes: [...open] };
    },

    /** The saved values of these fields (the other tab's, to load into this one). */
    theirs(names) {
      const stored = store ? readSaved(store.get(formKey)) || EMPTY : EMPTY;
      return Object.fromEntries(names.map((name) => [name, valueOf(stored.fields, name)]));
    },

    /** The person chose for these fields: the form now holds the values to keep, and the next keep() saves them. */
    settle(names) {
      for (const name of names) open.delete(name);
      if (store) base = { ...base, fields: { ...base.fields, ...this.theirs(names) } };
    },

    /** Save Python's answers document, unless this tab is asking about a clash. true when stored. */
    keepResponses(text) {
      if (!store || open.size || held) return false;
      if (store.get(key) === text) return true;
      const ok = store.set(key, text);
      full = !ok;
      return ok;
    },

    /** Whether a copy is saved (a person's answers exist here). */
    hasCopy() {
      return Boolean(store && store.get(formKey));
    },

    /** Another tab wrote a different copy since this tab last read or wrote one. */
    changedElsewhere() {
      return Boolean(store) && store.get(formKey) !== baseText;
    },

    /** Whether the form's values changed since the last keep() without the person (the browser put values back). */
    restoredSince(fields) {
      return last !== null && changedNames(last, fields).length > 0;
    },

    /** The form's values came back from the browser: they are based on the copy this tab last had, not typed. */
    rebase() {
      const shown = session ? readSaved(session.get(shownKey)) : null;
      if (!shown || shown.version !== version) return;
      base = shown;
      baseText = "(brought back)";
    },

    /** Remember, for this tab only, the copy its page is based on (a page brought back reconciles from it). */
    remember() {
      if (!session) return;
      session.set(shownKey, JSON.stringify({ format: FORM_FORMAT, version, ...base }));
    },

    /** The copy only Python could read is now in this version's form (or set aside): it is no longer held. */
    migrated() {
      if (store && store.remove(migratingKey)) held = false;
    },

    /** Copies left by tabs closed while they asked which answers to keep: [{key, fields, rows}] (newest last). */
    leftByClosedTabs() {
      if (!store) return [];
      return store.keys(tabPrefix).filter((k) => k !== tabKey)
        .map((k) => ({ key: k, ...readSaved(store.get(k)) })).filter((copy) => copy.fields);
    },

    /** Forget one copy left by a closed tab. */
    discard(copyKey) {
      if (store && copyKey.startsWith(tabPrefix)) store.remove(copyKey);
    },

    /** A saved copy Python could not read: set it aside before anything is saved over it. true when kept. */
    setAside(text) {
      if (!store) return false;
      const ok = store.set(`${key}:unrestored`, text);
      held = !ok; // never overwrite the only copy: stop saving until the person exports or clears
      if (ok) store.remove(migratingKey);
      return ok;
    },

    /** Forget every copy of this tab's and the shared ones (the person asked to clear). */
    clear() {
      if (!store) return;
      for (const k of [key, formKey, tabKey, migratingKey]) store.remove(k);
      if (session) session.remove(shownKey);
      base = EMPTY;
      baseText = null;
      open.clear();
      held = false;
      aside = false;
    },
  };
}

/** An id for this page load: a duplicated tab copies sessionStorage, so an id kept there would be shared. */
export function newTabId() {
  return Math.random().toString(36).slice(2, 10);
}
