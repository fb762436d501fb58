// The questionnaire's values in and out: collect them, put them back, and the user-named rows (service areas,
// measures) added from the row <template>. Field names are obc_assess.core.form's contract; no rule lives here.

import { evidenceEntries } from "./evidence-entries.mjs";
import { changedNames, valueOf } from "./merge-copies.mjs";

/** @param {HTMLFormElement} $form */
// maxRows is Python's limit (the definition's limits.rows, written into the page): a file within it is drawn whole, never cut.
export function formFields($form, { rowMin = 1, maxRows = Infinity } = {}) {
  const $rowList = $form.querySelector("[data-obc-row-list]");
  const $rowTemplate = $form.querySelector("template[data-obc-row-template]");
  const startRows = $rowList ? $rowList.querySelectorAll(":scope > [data-obc-row]").length : 0;
  const evidence = evidenceEntries($form);

  function rows() {
    return $rowList ? [...$rowList.querySelectorAll(":scope > [data-obc-row]")] : [];
  }

  function collect() {
    const fields = {};
    for (const [name, value] of new FormData($form)) {
      if (typeof value === "string") fields[name] = value;
    }
    return fields;
  }

  function fill(fields) {
    // The controls by name, read once: looking each name up in the form is slow with hundreds of rows.
    const byName = new Map();
    for (const $control of $form.elements) {
      if (!$control.name || !Object.hasOwn(fields, $control.name)) continue;
      if (!byName.has($control.name)) byName.set($control.name, []);
      byName.get($control.name).push($control);
    }
    for (const [name, value] of Object.entries(fields)) {
      for (const $control of byName.get(name) || []) {
        if ($control.type === "radio" || $control.type === "checkbox") $control.checked = $control.value === value;
        // A status of "" reads as not started (the first option), as obc_assess reads it.
        else if ($control.hasAttribute("data-obc-plan-status") && ![...$control.options].some(($o) => $o.value === value)) {
          $control.selectedIndex = 0;
        } else if ($control.type !== "file" && "value" in $control) $control.value = value;
      }
    }
    evidence.refresh();
  }

  /** A control's value as the page's HTML gives it (what a reset form holds), or null when it gives none. */
  function defaultOf($control) {
    if ($control.type === "radio" || $control.type === "checkbox") return $control.defaultChecked ? $control.value : null;
    if ($control.tagName === "SELECT") {
      const $default = [...$control.options].find(($o) => $o.defaultSelected) || $control.options[0];
      return $default ? $default.value : null;
    }
    return $control.defaultValue;
  }

  /** The fields of the form as its HTML gives them, before anyone typed or anything was put back. */
  function defaults() {
    const fields = {};
    for (const $control of $form.elements) {
      const value = $control.name && $control.type !== "file" ? defaultOf($control) : null;
      if (value !== null) fields[$control.name] = value;
    }
    return fields;
  }

  /** The values that are not the HTML's own: typed before the script started, or put back by the browser. */
  function typedSinceLoad() {
    const typed = {};
    for (const $control of $form.elements) {
      if (!$control.name || $control.type === "file") continue;
      if ($control.type === "radio" || $control.type === "checkbox") {
        if ($control.checked && !$control.defaultChecked) typed[$control.name] = $control.value;
      } else if (defaultOf($control) !== null && $control.value !== defaultOf($control)) {
        typed[$control.name] = $control.value;
      }
    }
    return typed;
  }

  function renumber() {
    const $rows = rows();
    $rows.forEach(($row, position) => {
      const $number = $row.querySelector("[data-obc-row-number]");
      if ($number) $number.textContent = String(position + 1);
      const $remove = $row.querySelector("[data-obc-remove-row]");
      if ($remove) {
        $remove.hidden = $rows.length <= rowMin;
        $remove.setAttribute("aria-label", `${$remove.textContent.trim()} ${position + 1}`);
      }
    });
  }

  function newRow(n) {
    const $fragment = $rowTemplate.content.cloneNode(true);
    for (const $el of $fragment.querySelectorAll("*")) {
      for (const attr of [...$el.attributes]) {
        if (attr.value.includes("__N__")) $el.setAttribute(attr.name, attr.value.replaceAll("__N__", String(n)));
      }
    }
    return $fragment;
  }

  /** Add one row at the end: its element, or null at the bound. */
  function addRow() {
    if (!$rowList || !$rowTemplate || rows().length >= maxRows) return null;
    const used = rows().map(($row) => Number($row.dataset.obcRow)).filter(Number.isFinite);
    $rowList.append(newRow(used.length ? Math.max(...used) + 1 : 0));
    renumber();
    return rows().at(-1);
  }

  /** Exactly count rows, numbered 0..count-1, drawn at once (no redraw per row). */
  function setRows(count) {
    if (!$rowList || !$rowTemplate) return;
    const $all = document.createDocumentFragment();
    for (let n = 0; n < Math.min(Math.max(count, rowMin), maxRows); n++) $all.append(newRow(n));
    for (const $row of rows()) $row.remove();
    $rowList.append($all);
    renumber();
  }

  function removeRow($row) {
    if (rows().length <= rowMin) return false;
    $row.remove();
    renumber();
    return true;
  }

  /** The rows a set of raw fields needs (row:<n>:... names), within the bound. */
  function rowsFor(fields) {
    let most = -1;
    for (const name of Object.keys(fields)) {
      const match = /^row:(\d{1,4}):/.exec(name);
      if (match && Number(match[1]) < maxRows) most = Math.max(most, Number(match[1]));
    }
    return most + 1;
  }

  /** Replace the form's values by these (rows first, so that every row:<n>:... name has its controls). */
  function apply({ fields, rows: count }) {
    $form.reset();
    if ($rowList) setRows(Math.max(count || 0, rowsFor(fields)));
    evidence.prepare(fields); // every evidence:<id>:<n>:... name has its controls, its <n> kept
    fill(fields);
  }

  function reset() {
    $form.reset();
    if ($rowList) setRows(startRows);
    evidence.prepare({});
  }

  /** Whether the form has a place for every one of these fields (a control, or a row or evidence entry it can
      make), so that putting them in loses none. */
  function canHold(values) {
    const $templates = { row: $rowTemplate, evidence: $form.querySelector("template[data-obc-evidence-template]") };
    const inTemplate = (which, name) => Boolean($templates[which] && $templates[which].content.querySelector(`[name="${name}"]`));
    return Object.keys(values).every((name) => {
      if ($form.elements.namedItem(name)) return true;
      const row = /^row:(\d{1,4}):([a-z:-]+)$/.exec(name);
      if (row) return Number(row[1]) < maxRows && inTemplate("row", `row:__N__:${row[2]}`);
      const entry = /^evidence:([a-z0-9-]+):\d{1,3}:([a-z:-]+)$/.exec(name);
      return Boolean(entry && evidence.fold(entry[1]) && inTemplate("evidence", `evidence:__ID__:__N__:${entry[2]}`));
    });
  }

  /** Put these values in, changing only the fields that differ (the focus and the caret stay where they are),
      or the whole form when they need rows or entries it does not have: true when anything changed. */
  function update({ fields: values, rows: count }) {
    const names = changedNames(collect(), values);
    if (!names.length && (!count || count <= rows().length)) return false;
    if (names.every((name) => $form.elements.namedItem(name)) && (!count || count <= rows().length)) {
      fill(Object.fromEntries(names.map((name) => [name, valueOf(values, name)])));
    } else {
      apply({ fields: values, rows: count });
    }
    return true;
  }

  /** A field as the person reads it: its group's legend (the question), then its own label. */
  function labelOf(name) {
    const found = $form.elements.namedItem(name);
    const $control = found && (found.nodeType === 1 ? found : found[0]);
    if (!$control) return name;
    const tidy = (text) => String(text || "").replace(/\s+/g, " ").trim();
    const $legend = $control.closest("fieldset") && $control.closest("fieldset").querySelector("legend");
    const $label = $control.type !== "radio" && $control.labels && $control.labels[0];
    return [tidy($legend && $legend.textContent), tidy($label && $label.textContent)].filter(Boolean).join(": ") || name;
  }

  return {
    collect, fill, apply, reset, evidence, typedSinceLoad, defaults, canHold, update, labelOf, addRow, removeRow, renumber,
    get hasRows() { return Boolean($rowList); },
    get rowCount() { return rows().length; },
  };
}
