// Problems with the answers, GOV.UK style: a message at each field, shown once the person has left that field
// (never while typing: a field typed in again waits until it is left again; a date's three boxes count as one
// field), and the error summary with a link to each field, at the top of the form as GOV.UK has it. The words are Python's; this only places them. The one place the browser turns a
// problem ({path, message, field, file}) into text: the team tools' lines come from here too.

import { h } from "./dom.mjs";
import { word } from "./words.mjs";

function capital(text) {
  const value = String(text ?? "");
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** Where in its input a problem is ("answers.x"), or null when it is about the input as a whole: Python writes
 * those paths in parentheses, "(file)", "(form)" (obc_assess.core.problem.WHOLE). */
export function placeOf(problem) {
  const path = problem && problem.path;
  return path && !path.startsWith("(") ? path : null;
}

/** A problem as the command line prints it: "path: message", or the message alone (a capital unless it follows
 * a file's name, "name: not valid JSON", as the command line has it). */
export function problemLine(problem, { named = false } = {}) {
  const message = problem.message || "";
  const place = placeOf(problem);
  if (place) return `${place}: ${message}`;
  return named ? message : capital(message);
}

/** A problem after the name of the file it is in: "name: path: message". */
export function fileLine(name, problem) {
  return `${name}: ${problemLine(problem, { named: true })}`;
}

/** A problem as a sentence: an imported file's problem names its place in the file; one beside its form field
 * needs no path. */
export function problemText(problem) {
  const message = problem.message || String(problem);
  if (problem.file) return message; // begins with the file's own name, as it is spelt
  return problemLine({ message, path: problem.field ? null : problem.path });
}

/** The field's group (its fieldset, or its .obc-field box) for a form element id. */
function groupOf($target) {
  return $target.matches("fieldset") ? $target : $target.closest("fieldset.obc-item, fieldset.obc-row, .obc-field") || $target;
}

function openDetails($el) {
  for (let $d = $el.closest("details"); $d; $d = $d.parentElement && $d.parentElement.closest("details")) $d.open = true;
}

/**
 * What to scroll into view for a control, as GOV.UK's error summary does: the question (its fieldset's legend) when
 * the legend and the control fit in the window together, else the control's own label, else the control.
 */
function questionOf($control) {
  const $legend = $control.closest("fieldset") && $control.closest("fieldset").querySelector("legend");
  if ($legend) {
    const span = $control.getBoundingClientRect().bottom - $legend.getBoundingClientRect().top;
    if (span < window.innerHeight / 2) return $legend;
  }
  return ($control.labels && $control.labels[0]) || $control;
}

export function focusField($target) {
  openDetails($target);
  const $focus = $target.matches("fieldset") ? $target.querySelector("input:checked, input, select, textarea") : $target;
  const $show = $target.matches("fieldset") ? $target.querySelector("legend") || $target : questionOf($target);
  if ($focus) $focus.focus({ preventScroll: true });
  $show.scrollIntoView({ block: "start" });
}

/** A click on a link to a form field (#id): the field is opened out, focused and scrolled to. */
export function followLink(event) {
  const $link = event.target.closest && event.target.closest("a[href^='#']");
  const $target = $link && document.getElementById(decodeURIComponent($link.getAttribute("href").slice(1)));
  if (!$target) return;
  // Material's instant navigation follows in-page links itself (and moves focus to the page): not these.
  event.preventDefault();
  event.stopPropagation();
  focusField($target);
}

/** @param {HTMLElement} $root the assessment root */
export function problemsView($root) {
  const $summary = $root.querySelector("[data-obc-errors]");
  const $list = $root.querySelector("[data-obc-error-list]");
  const touched = new Set(); // ids of the fields the person has left
  let fileProblems = []; // why the last import failed: shown with the others until the next change or import
  let shown = "";
  // One listener for the summary's links, however often the list is redrawn: each takes the person to its field.
  if ($list) $list.addEventListener("click", (event) => followLink(event));

  function clear() {
    for (const $message of $root.querySelectorAll(".obc-error-message:not([hidden])")) {
      $message.hidden = true;
      $message.textContent = "";
    }
    for (const $el of $root.querySelectorAll(".obc-item--error")) $el.classList.remove("obc-item--error");
    for (const $el of $root.querySelectorAll("[data-obc-described]")) {
      const before = $el.getAttribute("data-obc-described");
      if (before) $el.setAttribute("aria-describedby", before);
      else $el.removeAttribute("aria-describedby");
      $el.removeAttribute("data-obc-described");
    }
    if ($summary) $summary.hidden = true;
    if ($list) $list.replaceChildren();
  }

  function fieldMessage(field, text) {
    const $target = document.getElementById(field);
    if (!$target || !$root.contains($target)) return;
    const $group = groupOf($target);
    let $message = document.getElementById(`${field}:error`) || $group.querySelector(".obc-error-message");
    if (!$message) {
      $message = h("div", { class: "obc-error-message", id: `${field}:error`, hidden: true });
      $target.before($message);
    }
    openDetails($target);
    if (!$message.hidden) $message.append(h("br"));
    $message.append(h("span", { class: "obc-visually-hidden" }, `${word("problems.error")} `), text);
    $message.hidden = false;
    const $described = $target.matches("fieldset, input, textarea, select") ? $target : $group;
    if (!$described.hasAttribute("data-obc-described")) {
      const before = $described.getAttribute("aria-describedby") || "";
      $described.setAttribute("data-obc-described", before);
      $described.setAttribute("aria-describedby", `${$message.id} ${before}`.trim());
    }
    if ($group.matches("fieldset")) $group.classList.add("obc-item--error");
  }

  function isTouched(field) {
    if (touched.has(field)) return true;
    const $target = document.getElementById(field);
    const $group = $target && groupOf($target);
    return Boolean($group && $group.id && touched.has($group.id));
  }

  return {
    /** The person left a field for $next (null: left the page's controls): its problems may show now. */
    leave($control, $next = null) {
      for (let $el = $control; $el && $el !== $root; $el = $el.parentElement) {
        // Moving from Day to Month stays inside the date: the date is left only when focus leaves its group.
        if ($el.id && !($next && $el.contains($next) && $el.matches("fieldset"))) touched.add($el.id);
      }
    },
    /** The person is typing in a field: its message waits until they leave it again. */
    editing($control) {
      for (let $el = $control; $el && $el !== $root; $el = $el.parentElement) if ($el.id) touched.delete($el.id);
    },
    forget() {
      touched.clear();
    },
    /**
     * Show problems: at the fields the person has left (all of them with summary: true), and in the summary
     * with links when asked for (summary: true), focused (focus: true) so the person is taken to it.
     */
    show(problems, { summary = false, focus = false, importField = null } = {}) {
      const visible = [...fileProblems, ...problems.filter((p) => summary || !p.field || isTouched(p.field))];
      if (fileProblems.length) summary = true;
      const signature = JSON.stringify([visible, summary]);
      if (!focus && signature === shown) return;
      shown = signature;
      clear();
      for (const problem of visible) if (problem.field) fieldMessage(problem.field, problemText(problem));
      if (!visible.length || !$summary || !$list) return;
      for (const problem of visible) {
        const field = problem.field || (problem.file ? importField || problem.importField : null);
        const $target = field ? document.getElementById(field) : null;
        const text = problemText(problem);
        // A date's link goes to its Day box, as GOV.UK's error summary does.
        const $first = $target && $target.matches("fieldset.obc-date") ? $target.querySelector("input") : null;
        const href = `#${$first ? $first.id : field}`;
        const $item = $target ? h("a", { href }, text) : document.createTextNode(text);
        $list.append(h("li", {}, $item));
      }
      $summary.hidden = false;
      if (focus) $summary.focus();
    },
    /** An import failed (list) or the person moved on ([]): kept in view until then. */
    fileProblems(list) {
      fileProblems = list;
    },
  };
}
