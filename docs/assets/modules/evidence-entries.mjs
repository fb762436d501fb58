// A maturity item's evidence entries and its plan fold (GOV.UK "add another"): entries made from the page's one
// build-time <template> (the first when a fold opens, so the page carries no copy per item), removed, numbered, and
// made again for a set of saved fields, each keeping its <n> so that evidence:<id>:<n>:... names come back as they
// were saved. The folds' summaries say what they hold.
// No rule lives here: what counts as an entry, and its limits, are obc_assess's (the bound comes with the page).

import { word } from "./words.mjs";

const NAME = /^evidence:([^:]+):(\d{1,3}):/;

/** The entry numbers a set of raw fields uses, by item id (sorted, without repeats). */
export function entryNumbers(fields) {
  const used = new Map();
  for (const name of Object.keys(fields)) {
    const match = NAME.exec(name);
    if (!match) continue;
    if (!used.has(match[1])) used.set(match[1], new Set());
    used.get(match[1]).add(Number(match[2]));
  }
  return new Map([...used].map(([id, numbers]) => [id, [...numbers].sort((a, b) => a - b)]));
}

/** The next free number after the ones in use (numbers are never reused while the page is open). */
export function nextNumber(numbers) {
  return numbers.length ? Math.max(...numbers) + 1 : 0;
}

/** A date as the page's language writes it ("2 December 2026"), from YYYY-MM-DD; anything else as it is. */
export function longDate(iso, locale) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** @param {HTMLFormElement} $form */
export function evidenceEntries($form) {
  const $template = $form.querySelector("template[data-obc-evidence-template]");
  const most = Number($template && $template.dataset.obcEvidenceMax) || Infinity;

  const folds = () => [...$form.querySelectorAll("[data-obc-evidence]")];
  const fold = (id) => folds().find(($fold) => $fold.dataset.obcEvidence === id) || null;
  const entries = ($fold) => [...$fold.querySelectorAll(":scope [data-obc-evidence-list] > [data-obc-evidence-entry]")];
  const numberOf = ($entry) => Number($entry.dataset.obcEvidenceEntry);

  function newEntry(id, n) {
    const $fragment = $template.content.cloneNode(true);
    for (const $el of $fragment.querySelectorAll("*")) {
      for (const attr of [...$el.attributes]) {
        if (attr.value.includes("__")) {
          $el.setAttribute(attr.name, attr.value.replaceAll("__ID__", id).replaceAll("__N__", String(n)));
        }
      }
    }
    return $fragment;
  }

  /** One fold's entries numbered for the eye (1, 2, ...), its Remove buttons named, its Add button at the bound. */
  function renumber($fold) {
    const list = entries($fold);
    list.forEach(($entry, position) => {
      const $number = $entry.querySelector("[data-obc-evidence-number]");
      if ($number) $number.textContent = String(position + 1);
      const $remove = $entry.querySelector("[data-obc-remove-evidence]");
      if ($remove) {
        $remove.hidden = list.length <= 1;
        $remove.setAttribute("aria-label", word("evidence.remove-label", { n: position + 1 }));
      }
    });
    const $add = $fold.querySelector("[data-obc-add-evidence]");
    if ($add) $add.hidden = !$template || list.length >= most;
  }

  /** Add an entry to the item's fold: the new entry, or null at the bound. */
  function add($fold) {
    const list = entries($fold);
    if (!$template || list.length >= most) return null;
    $fold.querySelector("[data-obc-evidence-list]").append(newEntry($fold.dataset.obcEvidence,
      nextNumber(list.map(numberOf))));
    renumber($fold);
    return entries($fold).at(-1);
  }

  /** An open fold shows at least one entry to fill in (a fold starts empty). */
  function ensureOne($fold) {
    if (!$template || !$fold.open || entries($fold).length) return;
    $fold.querySelector("[data-obc-evidence-list]").append(newEntry($fold.dataset.obcEvidence, 0));
    renumber($fold);
  }

  /** Remove an entry (never the last one): the entry to move to next, or null when none was removed. */
  function remove($entry) {
    const $fold = $entry.closest("[data-obc-evidence]");
    const list = entries($fold);
    if (list.length <= 1) return null;
    const $next = $entry.nextElementSibling || $entry.previousElementSibling;
    $entry.remove();
    renumber($fold);
    return $next;
  }

  /** Exactly the entries these fields need (entry 0 and every saved <n>), before they are filled. Only a set of
      saved fields (a restore, an import, Clear) makes entries for every fold; a fresh page makes one as it opens. */
  function prepare(fields) {
    const wanted = entryNumbers(fields);
    for (const $fold of folds()) {
      const id = $fold.dataset.obcEvidence;
      // Every saved entry is drawn, even past the bound (Add stops there): nothing given is cut, and obc_assess
      // names the excess as it would in the command line.
      const numbers = wanted.get(id) || [];
      for (const $entry of entries($fold)) $entry.remove();
      if ($template) {
        const $all = document.createDocumentFragment();
        for (const n of numbers.includes(0) ? numbers : [0, ...numbers]) $all.append(newEntry(id, n));
        $fold.querySelector("[data-obc-evidence-list]").append($all);
      }
      renumber($fold);
    }
  }

  /** A fold was opened: its first entry, if it has none yet (toggle does not bubble; the form hears it by capture). */
  function onToggle(event) {
    if (event.target instanceof Element && event.target.matches("[data-obc-evidence]")) ensureOne(event.target);
  }

  /** An Add or Remove button was pressed: true when it changed the entries (the focus is in the right place). */
  function click($button) {
    if ($button.matches("[data-obc-add-evidence]")) {
      const $entry = add($button.closest("[data-obc-evidence]"));
      if ($entry) $entry.querySelector("input[type=text]").focus();
      return Boolean($entry);
    }
    if (!$button.matches("[data-obc-remove-evidence]")) return false;
    const $next = remove($button.closest("[data-obc-evidence-entry]"));
    if ($next) $next.querySelector("input[type=text]").focus();
    return Boolean($next);
  }

  /** The folds' summaries and the "carried over" lines, from the values now in the form. */
  function refresh(locale = word("page.locale")) {
    for (const $plan of $form.querySelectorAll("[data-obc-plan]")) {
      const $status = $plan.querySelector("[data-obc-plan-status]");
      const $state = $plan.querySelector("[data-obc-plan-state]");
      if ($status && $state) {
        const chosen = $status.selectedIndex > 0;
        $state.hidden = !chosen;
        const $label = $state.querySelector("[data-obc-plan-state-label]");
        if ($label) $label.textContent = chosen ? $status.options[$status.selectedIndex].textContent : "";
      }
      const $carried = $plan.querySelector("[data-obc-carried]");
      const $from = $plan.querySelector('input[name^="plan-carried:"]');
      if ($carried && $from) {
        $carried.hidden = !$from.value;
        const $date = $carried.querySelector("[data-obc-carried-date]");
        if ($date) $date.textContent = longDate($from.value, locale);
      }
    }
    for (const $fold of folds()) {
      const filled = entries($fold).filter(($entry) => [...$entry.querySelectorAll("input, select")]
        .some(($c) => ($c.type === "radio" ? $c.checked : $c.value.trim() !== ""))).length;
      const $count = $fold.querySelector("[data-obc-evidence-count]");
      if ($count) $count.textContent = filled ? ` (${word("evidence.count", { n: filled })})` : "";
    }
  }

  return { add, remove, click, prepare, refresh, renumber, fold,
    start() {
      $form.addEventListener("toggle", onToggle, true);
      for (const $fold of folds()) {
        ensureOne($fold); // opened before this module ran
        renumber($fold);
      }
    } };
}
