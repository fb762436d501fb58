// Printing: the date on the report, and every folded part of the results opened out for paper.

import { word } from "./words.mjs";

const opened = [];

// The months by name from the page's words: a browser may have no Welsh dates of its own (Intl falls back).
const MONTHS = ["month.january", "month.february", "month.march", "month.april", "month.may", "month.june",
  "month.july", "month.august", "month.september", "month.october", "month.november", "month.december"];

/** A day as the report writes it, "2 December 2026" or "2 Rhagfyr 2026", in the person's own time zone. */
export function printedDate(date) {
  return word("print.date", { day: date.getDate(), month: word(MONTHS[date.getMonth()]), year: date.getFullYear() });
}

function beforePrint() {
  const $printed = document.querySelectorAll("[data-obc-printed]");
  if ($printed.length) {
    const date = printedDate(new Date());
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
