// The questionnaire's values in and out: collect them, put them back, and the user-named rows (service areas,
// measures) added from the row <template>. Field names are obc_assess.core.form's contract; no rule lives here.

/** More rows than any real review needs, and few enough to draw at once (a bound, not a rule about answers). */

import { evidenceEntries } from "./evidence-entries.mjs";

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

  /** What the person changed before the script started (the HTML's own values are the defaults). */
  function typedSinceLoad() {
    const typed = {};
    for (const $control of $form.elements) {
      if (!$control.name || $control.type === "file") continue;
      if ($control.type === "radio" || $control.type === "checkbox") {
        if ($control.checked !== $control.defaultChecked && $control.checked) typed[$control.name] = $control.value;
      } else if ($control.tagName === "SELECT") {
        const $default = [...$control.options].find(($o) => $o.defaultSelected) || $control.options[0];
        if ($default && $control.value !== $default.value) typed[$control.name] = $control.value;
      } else if ($control.value !== $control.defaultValue) {
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

  return {
    collect, fill, apply, reset, evidence, typedSinceLoad, addRow, removeRow, renumber,
    get hasRows() { return Boolean($rowList); },
    get rowCount() { return rows().length; },
  };
}
