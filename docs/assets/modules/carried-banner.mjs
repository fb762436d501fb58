// The notice of what last year's answers file brought with it (GOV.UK notification banner): Python's sentence of
// what was carried and left behind, and the items of last year's file this version no longer has (by id: this
// version has no title for them); the carried actions' plan folds open.

import { h } from "./dom.mjs";

/** Show what Python carried over (`answer` from the carry-forward request), or hide the banner (null). */
export function showCarried($root, answer) {
  const $banner = $root.querySelector("[data-obc-carried-banner]");
  if (!$banner) return;
  $banner.hidden = !answer;
  if (!answer) return;
  $banner.querySelector("[data-obc-carried-text]").textContent = answer.notice || "";
  const gone = (answer.carried && answer.carried.removed) || [];
  const $gone = $banner.querySelector("[data-obc-carried-missing]");
  $gone.hidden = !gone.length;
  $gone.querySelector("ul").replaceChildren(...gone.map((entry) => h("li", {}, entry)));
  // Each carried action's plan fold opens, so the person sees what came over (with its "Carried over" line).
  for (const item of Object.keys((answer.responses && answer.responses.plan) || {})) {
    const $from = $root.querySelector(`[id="plan-carried:${item}"]`);
    const $fold = $from && $from.closest("details");
    if ($fold) $fold.open = true;
  }
  $banner.focus();
}
