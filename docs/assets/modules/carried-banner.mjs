// The notice of what last year's answers file brought with it (GOV.UK notification banner): Python's sentence of
// what was carried and left behind, and the items of last year's file this version no longer has (by id: this
// version has no title for them).

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
  $gone.querySelector("ul").replaceChildren(...gone.map((entry) => Object.assign(
    $root.ownerDocument.createElement("li"), { textContent: entry })));
  $banner.focus();
}
