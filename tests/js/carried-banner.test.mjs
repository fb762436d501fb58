import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom, text } from "./fake-dom.mjs";
import { showCarried } from "../../docs/assets/modules/carried-banner.mjs";

function page() {
  const plan = (id) => el("details", { class: "obc-plan", "data-obc-plan": "" }, el("summary", {}, `Action plan ${id}`),
    el("input", { type: "hidden", id: `plan-carried:${id}`, name: `plan-carried:${id}` }));
  const $root = el("div", {},
    el("div", { "data-obc-carried-banner": "", hidden: "" }, el("p", { "data-obc-carried-text": "" }),
      el("div", { "data-obc-carried-missing": "", hidden: "" }, el("ul"))),
    plan("governance"), plan("ethics"), plan("cost"));
  installDom($root);
  return $root;
}

test("a carried action's plan fold opens, so the person sees what came over; the others stay folded", () => {
  const $root = page();
  showCarried($root, { notice: "Started from the answers of 1 April 2025.", carried: { removed: ["old-item"] },
    responses: { plan: { governance: { action: "Publish" }, cost: { action: "Review" } } } });
  const open = [...$root.querySelectorAll("details")].map(($d) => Boolean($d.open));
  assert.deepEqual(open, [true, false, true]);
  assert.equal(text($root.querySelector("[data-obc-carried-text]")), "Started from the answers of 1 April 2025.");
  assert.equal(text($root.querySelector("[data-obc-carried-missing] ul")), "old-item");
});

test("nothing carried: no fold opens, and hiding the banner touches none", () => {
  const $root = page();
  showCarried($root, { notice: "", carried: { removed: [] }, responses: { answers: {} } });
  showCarried($root, null);
  assert.deepEqual([...$root.querySelectorAll("details")].map(($d) => Boolean($d.open)), [false, false, false]);
});
