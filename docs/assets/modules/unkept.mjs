// Answers this browser could not keep (storage blocked, refused or full) are said to be at risk before it matters:
// a box offers to export them at once, the browser asks before the page is left (beforeunload), and a page left
// and shown again within the visit (Material's instant navigation keeps this script running) gets them back.

const stash = new Map(); // assessment id -> {fields, rows} not kept in storage when its page went

/** The answers an earlier page of this visit could not keep for this assessment (once), or null. */
export function takeUnkept(id) {
  const copy = stash.get(id) || null;
  stash.delete(id);
  return copy;
}

/**
 * @param {{$root: HTMLElement, id: string, isUnkept: () => boolean, current: () => {fields: object, rows: number}}} o
 */
export function unkeptAnswers({ $root, id, isUnkept, current }) {
  const $offer = $root.querySelector("[data-obc-unkept]");

  function onBeforeUnload(event) {
    if (!isUnkept()) return;
    // The browser's own "Leave site?" prompt: its words are the browser's, in the person's language.
    event.preventDefault();
    event.returnValue = "";
  }

  window.addEventListener("beforeunload", onBeforeUnload);

  return {
    /** Show or hide the offer to export, as the last save went. */
    refresh() {
      if ($offer) $offer.hidden = !isUnkept();
    },
    dispose() {
      window.removeEventListener("beforeunload", onBeforeUnload);
      if (isUnkept()) stash.set(id, current());
    },
  };
}
