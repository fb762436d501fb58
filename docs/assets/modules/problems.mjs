// Problems with the answers, GOV.UK style: a message at each field, shown once the person has left that field
// (never while typing), and the error summary with a link to each field when they ask for something that needs
// the answers put right (export, import). The words are Python's; this only places them.

import { h } from "./dom.mjs";

function capital(text) {
  const value = String(text ?? "");
  return value.charAt(0).toUpperCase() + value.slice(1);
}

/** A problem as a sentence: an imported file's problem names its place in the file. */
export function problemText(problem) {
  const message = problem.message || String(problem);
  return problem.path && !problem.path.startsWith("(") && !problem.field ? `${problem.path}: ${message}` : capital(message);
}

/** The field's group (its fieldset, or its .obc-field box) for a form element id. */
function groupOf($target) {
  return $target.matches("fieldset") ? $target : $target.closest("fieldset.obc-item, fieldset.obc-row, .obc-field") || $target;
}

function openDetails($el) {
  for (let $d = $el.closest("details"); $d; $d = $d.parentElement && $d.parentElement.closest("details")) $d.open = true;
}

export function focusField($target) {
  openDetails($target);
  const $focus = $target.matches("fieldset") ? $target.querySelector("input:checked, input, select, textarea") : $target;
  const $show = $target.matches("fieldset") ? $target.querySelector("legend") || $target : $target;
  if ($focus) $focus.focus({ preventScroll: true });
  $show.scrollIntoView({ block: "start" });
}

/** @param {HTMLElement} $root the assessment root */
export function problemsView($root) {
  const $summary = $root.querySelector("[data-obc-errors]");
  const $list = $root.querySelector("[data-obc-error-list]");
  const touched = new Set(); // ids of the fields the person has left
  let shown = "";

  function clearField($el) {
    for (const $message of $el.querySelectorAll(".obc-error-message")) {
      $message.hidden = true;
      $message.textContent = "";
    }
  }

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
    let $message = document.getElementById(`${field}-error`) || $group.querySelector(".obc-error-message");
    if (!$message) {
      $message = h("div", { class: "obc-error-message", id: `${field}-error`, hidden: true });
      $target.before($message);
    }
    openDetails($target);
    if (!$message.hidden) $message.append(h("br"));
    $message.append(h("span", { class: "obc-visually-hidden" }, "Error: "), text);
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
    /** The person left a field: its problems may show now. */
    leave($control) {
      for (let $el = $control; $el && $el !== $root; $el = $el.parentElement) if ($el.id) touched.add($el.id);
    },
    forget() {
      touched.clear();
    },
    /**
     * Show problems: at the fields the person has left (all of them with summary: true), and in the summary
     * with links when asked for (summary: true), focused (focus: true) so the person is taken to it.
     */
    show(problems, { summary = false, focus = false, importField = null } = {}) {
      const visible = problems.filter((p) => summary || !p.field || isTouched(p.field));
      const signature = JSON.stringify([visible, summary]);
      if (!focus && signature === shown) return;
      shown = signature;
      clear();
      for (const problem of visible) if (problem.field) fieldMessage(problem.field, problemText(problem));
      const listed = summary ? visible : visible.filter((p) => !p.field);
      if (!listed.length || !$summary || !$list) return;
      for (const problem of listed) {
        const field = problem.field || (problem.file ? importField : null);
        const $target = field ? document.getElementById(field) : null;
        const text = problemText(problem);
        const $item = $target ? h("a", { href: `#${field}` }, text) : document.createTextNode(text);
        if ($target) $item.addEventListener("click", (event) => { event.preventDefault(); focusField($target); });
        $list.append(h("li", {}, $item));
      }
      $summary.hidden = false;
      if (focus) $summary.focus();
    },
    clearField,
  };
}
