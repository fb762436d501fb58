// Saved answers back into the assessment's form: at once when the page starts, reconciled with what is in the form
// already (typed before the script ran, or put back by the browser), and a copy saved by another version of the
// assessment brought into this one by Python (obc_assess's rule: what is gone is named), what was typed since
// winning. Until Python is ready, that copy is kept whole and the page says it will be checked.

import { readSaved } from "./saved-answers.mjs";
import { mergeFields, valueOf } from "./merge-copies.mjs";
import { copyText } from "./form-copy.mjs";
import { takeUnkept } from "./unkept.mjs";
import { word } from "./words.mjs";

/** A copy saved by another version, as the file Python reads: a form copy wrapped, an answers document as it is. */
function olderText(text, id) {
  const copy = readSaved(text);
  return copy ? copyText({ id, version: copy.version, fields: copy.fields, rows: copy.rows }) : text;
}

/**
 * @param {{fields: ReturnType<import("./form-fields.mjs").formFields>,
 *          saved: ReturnType<import("./saved-answers.mjs").savedAnswers>, id: string, version: string,
 *          showNotice: (text: string) => void}} o
 */
export function restoreAnswers({ fields, saved, id, version, showNotice }) {
  let older = null; // the text only Python can bring into this version
  let olderBase = {}; // what the form held from it when the page started: a change from it is the person's

  return {
    /** Waiting for Python to bring in a copy of another version (scoring waits too). */
    get waiting() { return older !== null; },

    /** At once: the saved answers into the form; true when there is anything to keep (reconcile) now. */
    start() {
      const present = fields.typedSinceLoad();
      const start = saved.start();
      const copy = takeUnkept(id) || start.copy;
      if (copy) fields.apply(copy);
      if (start.older) {
        older = start.older;
        olderBase = copy && copy.version !== version ? fields.collect() : fields.defaults();
        showNotice(word("assessment.older-waiting"));
      }
      fields.fill(present);
      return Boolean(copy || Object.keys(present).length);
    },

    /** The page shown (pageshow): from the back/forward cache, or with the form's old values put back by the
        browser after start-up (Chromium does so just before this event): true when it must be reconciled now. */
    shown(event) {
      if (event.persisted) return true;
      if (!saved.restoredSince(fields.collect())) return false;
      saved.rebase();
      return true;
    },

    /** Once Python is ready: the older copy brought in (ask(type, data) is the worker's request). */
    async bringOlder(ask) {
      const text = older;
      let answer;
      try {
        answer = await ask("fields", { responses: olderText(text, id) });
      } finally {
        older = null;
      }
      if (!answer.ok) {
        const kept = saved.setAside(text);
        showNotice(word(kept ? "assessment.restore-failed" : "assessment.restore-failed-no-room",
          { key: `${saved.key}:unrestored` }));
        return;
      }
      const theirs = answer.form || { fields: {}, rows: 0 };
      const mine = fields.collect();
      const merged = mergeFields(olderBase, mine, theirs.fields);
      for (const name of merged.clashes) merged.fields[name] = valueOf(mine, name);
      fields.apply({ fields: merged.fields, rows: Math.max(theirs.rows || 0, fields.rowCount) });
      showNotice(answer.notice);
      saved.migrated();
    },
  };
}
