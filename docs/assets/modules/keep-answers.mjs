// An assessment's answers kept safe (issue 33), data-module="obc-keep-answers". The first time answers are saved
// in this browser, ask it to keep the site's storage for good (navigator.storage.persist) and say what it granted
// and what that means; after a session's worth of changes with no copy downloaded, offer "Download a copy of your
// answers" (not before ten answers, at most once a day; "Not now" puts it away). It keeps no answer itself and
// saves nothing for the form: it watches the form's changes as assessment.mjs does, reads whether assessment.mjs
// saved them (its key in localStorage), and downloads through the page's own Export button.

import { openStorage, PREFIX } from "./storage.mjs";

/** Not before this many answers in the form (items and rows answered). */
export const MIN_ANSWERS = 10;
/** A session's worth: this many changes since a copy was last downloaded. */
export const MIN_CHANGES = 10;
/** At most one offer in this long. */
export const OFFER_EVERY_MS = 24 * 60 * 60 * 1000;
// This browser was asked once: Firefox asks the person, who should not be asked twice.
const ASKED = "obc-keep:persist-asked";

/**
 * @param {HTMLElement} $root the module's root: data-obc-keep names the assessment
 * @param {{window?: any, storage?: StorageManager, now?: () => number, setTimer?: typeof setTimeout}} options
 *   the browser's own unless given (fakes in tests)
 */
export function startKeepAnswers($root, options = {}) {
  const scope = options.window || globalThis;
  const storageManager = options.storage ?? (scope.navigator && scope.navigator.storage);
  const now = options.now || Date.now;
  const setTimer = options.setTimer || setTimeout;
  const id = $root.dataset.obcKeep;
  const $assessment = document.querySelector(`[data-module="obc-assessment"][data-obc-assessment="${id}"]`);
  const $form = $assessment && $assessment.querySelector("[data-obc-form]");
  const $export = $assessment && $assessment.querySelector("button[data-obc-export]");
  const $reminder = $root.querySelector("[data-obc-reminder]");
  if (!$form || !$export || !$reminder) throw new Error(`obc: keeping answers needs the form of "${id}", its Export button and [data-obc-reminder]`);
  const store = openStorage(scope);
  if (!store) return null; // nothing is saved in this browser: there is nothing to keep safe here
  const saved = () => store.get(`${PREFIX}${id}:form`) !== null;
  const stateKey = `obc-keep:${id}`;
  let disposed = false;

  function read() {
    try {
      const state = JSON.parse(store.get(stateKey) || "{}");
      return { changes: Number(state.changes) || 0, offered: Number(state.offered) || 0 };
    } catch {
      return { changes: 0, offered: 0 };
    }
  }
  const write = (state) => store.set(stateKey, JSON.stringify(state));

  function say(granted) {
    if (disposed) return;
    for (const $p of $root.querySelectorAll("[data-obc-persisted]")) {
      $p.hidden = $p.dataset.obcPersisted !== (granted ? "granted" : "not-granted");
    }
  }

  function persistence() {
    if (!storageManager || typeof storageManager.persisted !== "function" || !saved()) return;
    if (store.get(ASKED) === null && typeof storageManager.persist === "function") {
      store.set(ASKED, "yes");
      storageManager.persist().then(say, () => say(false));
    } else {
      storageManager.persisted().then(say, () => say(false));
    }
  }

  function answers() {
    return $form.querySelectorAll('input[type="radio"]:checked').length;
  }

  function offer() {
    const state = read();
    if (!$reminder.hidden || answers() < MIN_ANSWERS || state.changes < MIN_CHANGES) return;
    if (state.offered && now() - state.offered < OFFER_EVERY_MS) return; // 0: never offered
    write({ ...state, offered: now() });
    $reminder.hidden = false;
  }

  function putAway() {
    const hadFocus = $reminder.contains(document.activeElement);
    $reminder.hidden = true;
    if (hadFocus) $root.focus(); // the buttons went: the focus stays where the reminder was
  }

  function changed() {
    if (disposed || !saved()) return; // storage refused: the page says so already, and no copy to keep safe
    write({ ...read(), changes: read().changes + 1 });
    if (store.get(ASKED) === null) persistence();
    offer();
  }
  // After assessment.mjs has kept the change (its listener may come after this one).
  const onChange = () => { setTimer(changed, 0); };
  const onExport = () => {
    write({ ...read(), changes: 0 });
    putAway();
  };
  const onClick = (event) => {
    const $button = event.target.closest && event.target.closest("button");
    if (!$button) return;
    if ($button.matches("[data-obc-reminder-download]")) $export.click(); // the page's own export: one way out
    else if ($button.matches("[data-obc-reminder-dismiss]")) putAway();
  };
  $form.addEventListener("change", onChange);
  $export.addEventListener("click", onExport);
  $root.addEventListener("click", onClick);
  persistence();
  offer();
  return {
    dispose() {
      disposed = true;
      $form.removeEventListener("change", onChange);
      $export.removeEventListener("click", onExport);
      $root.removeEventListener("click", onClick);
    },
  };
}
