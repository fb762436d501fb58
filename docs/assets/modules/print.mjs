// Printing: the date on the report, and every folded part of the results opened out for paper.

import { word } from "./words.mjs";

const opened = [];

function beforePrint() {
  const $printed = document.querySelectorAll("[data-obc-printed]");
  if ($printed.length) {
    const date = new Date().toLocaleDateString(word("page.locale"), { day: "numeric", month: "long", year: "numeric" });
    for (const $el of $printed) $el.textContent = word("print.printed-on", { date });
  }
  for (const $details of document.querySelectorAll(".obc-results details:not([open])")) {
    $details.open = true;
    opened.push($details);
  }
}

function afterPrint() {
  for (const $details of opened.splice(0)) $details.open = false;
}

let started = false;

/** Once a visit: the listeners are on the window, which instant navigation keeps. */
export function startPrinting() {
  if (started) return;
  started = true;
  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
}
