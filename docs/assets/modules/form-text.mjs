// What the form itself says, read from its build-time HTML: which items show, and how many are answered (a
// count of the boxes ticked, no rule) until Python's own count arrives.

import { word } from "./words.mjs";

/** @param {HTMLFormElement} $form */
export function describeForm($form) {
  return {
    /** Show only the items Python says apply (model and scope), and hide sections left empty. */
    showApplicable(applicable) {
      const set = new Set(applicable);
      for (const $item of $form.querySelectorAll("fieldset[data-obc-item]")) $item.hidden = !set.has($item.dataset.obcItem);
      for (const $section of $form.querySelectorAll("section[data-obc-section]")) {
        const $items = [...$section.querySelectorAll("fieldset[data-obc-item]")];
        $section.hidden = $items.length > 0 && $items.every(($item) => $item.hidden);
      }
    },

    /** Items that show and have an answer ticked, before Python's count: null for row-based forms. The words
     * are the page's own (the count's text as built), until Python's count replaces them. */
    countAnswered() {
      const $items = [...$form.querySelectorAll("fieldset[data-obc-item]")].filter(($item) => !$item.hidden);
      if (!$items.length) return null;
      const done = $items.filter(($item) => $item.querySelector(".obc-radios input:checked")).length;
      const noun = $form.querySelector("[data-obc-progress-text]")?.dataset.obcNoun ?? "";
      return { total: $items.length, done, noun, label: word(done === $items.length ? "progress.all" : "progress.some", { done, total: $items.length, noun }) };
    },
  };
}
