// The assessment open in several tabs: another tab's saved answers come into this one as they are saved (the
// storage event), and only an answer changed in both is asked about, field by field (the conflict box names each). Copies left by a
// tab closed while it asked are offered, and load only the answers that tab kept apart. No rule about answers.

import { h } from "./dom.mjs";
import { word } from "./words.mjs";

/**
 * @param {{$root: HTMLElement, fields: ReturnType<import("./form-fields.mjs").formFields>,
 *          saved: ReturnType<import("./saved-answers.mjs").savedAnswers>, formKey: string,
 *          keepNow: () => void, say: (text: string, o?: {focus?: boolean}) => void, schedule: (ms: number) => void}} o
 */
export function tabSync({ $root, fields, saved, formKey, keepNow, say, schedule }) {
  const $conflict = $root.querySelector("[data-obc-conflict-box]");
  const $list = $conflict && $conflict.querySelector("[data-obc-clash-list]");
  const $closedTabs = $root.querySelector("[data-obc-closed-tab]");
  if ($conflict && !$list) throw new Error("obc: the conflict box has no [data-obc-clash-list]");

  /** Name each answer changed here and in another tab (none: the box goes). */
  function showClashes(names) {
    if (!$conflict) return;
    $conflict.hidden = !names.length;
    $list.replaceChildren(...names.map((name) => h("li", {}, fields.labelOf(name))));
  }

  function showClosedTabs() {
    if ($closedTabs) $closedTabs.hidden = !saved.leftByClosedTabs().length;
  }

  /** The person chose, for every answer the box names: the other tab's ("load") or this tab's ("keep"). */
  function resolve(choice) {
    const names = saved.clashes;
    if (choice === "load") fields.update({ fields: { ...fields.collect(), ...saved.theirs(names) } });
    saved.settle(names);
    keepNow();
    say(word(choice === "load" ? "tabs.theirs-loaded" : "tabs.mine-kept"), { focus: true });
    schedule(0);
  }

  /** The answers a closed tab kept apart, put over this tab's (those answers only). */
  function loadClosedTab() {
    const left = saved.leftByClosedTabs().at(-1);
    if (!left) return;
    fields.update({ fields: { ...fields.collect(), ...left.fields }, rows: Math.max(left.rows, fields.rowCount) });
    keepNow();
    saved.discard(left.key);
    showClosedTabs();
    say(word("tabs.closed-loaded"), { focus: true });
    schedule(0);
  }

  function onStorage(event) {
    if (event.key !== null && event.key !== formKey) return;
    if (!saved.changedElsewhere()) return;
    keepNow();
    schedule(0);
  }

  window.addEventListener("storage", onStorage);
  showClosedTabs();

  return {
    showClashes,
    /** A button in the assessment was pressed: true when it was one of these. */
    click($button) {
      if ($button.matches("[data-obc-conflict]")) resolve($button.dataset.obcConflict);
      else if ($button.matches("[data-obc-closed-tab-load]")) loadClosedTab();
      else return false;
      return true;
    },
    dispose() {
      window.removeEventListener("storage", onStorage);
    },
  };
}
