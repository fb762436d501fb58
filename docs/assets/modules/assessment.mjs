// One assessment page (data-module="obc-assessment"): the form's answers put back from this browser at once,
// kept at every change, scored by Python when it has loaded, and the results, files and problems shown.
// It holds no scoring or validation rule: obc_assess (in the worker) does all of that.

import { client } from "./worker-client.mjs";
import { openStorage, PREFIX } from "./storage.mjs";
import { newTabId, savedAnswers } from "./saved-answers.mjs";
import { formFields } from "./form-fields.mjs";
import { statusLine } from "./status-line.mjs";
import { problemsView } from "./problems.mjs";
import { resultNodes } from "./results-view.mjs";
import { answerFiles } from "./answer-files.mjs";
import { showCarried } from "./carried-banner.mjs";
import { describeForm } from "./form-text.mjs";
import { followPages, register } from "./pages.mjs";
import { startPrinting } from "./print.mjs";
import { wayfinding } from "./wayfinding.mjs";
import { word } from "./words.mjs";

const DEBOUNCE_MS = 150;

function siteUrl(path) {
  // data-obc-* paths are relative to the page; resolved here once.
  return new URL(path, document.baseURI).href;
}

export function startAssessment($root) {
  const $form = $root.querySelector("[data-obc-form]");
  if (!$form) return null;
  const id = $root.dataset.obcAssessment;
  const key = `${PREFIX}${id}`;
  const definition = siteUrl($root.dataset.obcDefinition);
  const siteRoot = new URL($root.dataset.obcDefinition.replace(/assets\/obc\/[^/]*$/, ""), document.baseURI).href;
  const $status = $root.querySelector("[data-obc-status]");
  const $saved = $root.querySelector("[data-obc-saved]");
  const $notice = $root.querySelector("[data-obc-notice]");
  const $conflict = $root.querySelector("[data-obc-conflict-box]");
  const $closedTabs = $root.querySelector("[data-obc-closed-tab]");
  const $results = $root.querySelector("[data-obc-results]");
  const $resultsBody = $root.querySelector("[data-obc-results-body]");
  const $rows = $root.querySelector("[data-obc-rows]") || $root;
  const rowMin = Number($rows.dataset.obcRowMin || 1);
  const maxRows = Number($rows.dataset.obcRowMax) || Infinity;

  const store = openStorage(window);
  const saved = savedAnswers({ store, key, version: $root.dataset.obcVersion || "", tabId: newTabId() });
  const fields = formFields($form, { rowMin, maxRows });
  const problems = problemsView($root);
  const text = describeForm($form);
  const way = wayfinding($root, text);
  let disposed = false;
  let timer = 0;
  let sequence = 0;
  let latest = null; // Python's latest answer for this form
  let changes = 0; // changes since the page opened
  let waitingForPython = false; // an older saved copy only Python can read
  let liveProblems = [];

  // ---- At once, before Python: the saved copy back into the form; anything typed already wins ----
  const typed = fields.typedSinceLoad();
  const copy = saved.form();
  if (copy) {
    fields.apply(copy);
    fields.fill(typed);
  } else if (saved.responses()) {
    waitingForPython = true;
  }
  if (Object.keys(typed).length) changed();
  for (const $el of $root.querySelectorAll(".obc-nojs")) $el.hidden = true;
  for (const $el of $root.querySelectorAll("[data-obc-actions], [data-obc-add-row]")) $el.hidden = false;
  if ($saved) $saved.hidden = !store;
  showClosedTabs();
  way.start();
  fields.evidence.start();

  const line = statusLine($status, client, {
    ready: word("assessment.ready"),
    extra: () => (!saved.available || saved.full ? word("status.no-storage") : ""),
    advice: $root.querySelector("[data-obc-load-failed]"),
  });
  client.startSoon({ runtime: siteUrl($root.dataset.obcRuntime), package: siteUrl($root.dataset.obcPackage),
    definitions: [definition] });
  const stopFollowing = client.subscribe((status) => {
    if (status.state === "ready" && !disposed) whenReady();
  });

  function showNotice(message) {
    if (!$notice) return;
    $notice.textContent = message || "";
    $notice.hidden = !message;
  }

  function showSaving() {
    if ($saved) $saved.hidden = !saved.available || saved.full;
    line.show();
  }

  function changed() {
    changes += 1;
    const outcome = saved.keep({ fields: fields.collect(), rows: fields.rowCount });
    if (outcome === "conflict" && $conflict) $conflict.hidden = false;
    showSaving();
  }

  async function whenReady() {
    if (waitingForPython) {
      waitingForPython = false;
      const older = saved.responses();
      try {
        const answer = await client.request("fields", { definition, responses: older });
        if (disposed) return;
        if (answer.ok) {
          // What the person did while Python loaded wins over the saved copy.
          const mine = fields.typedSinceLoad();
          fields.apply(answer.form || { fields: {}, rows: 0 });
          fields.fill(mine);
          showNotice(answer.notice);
          // From now on the copy is kept in the form's own terms, ready at once on the next visit.
          saved.keep({ fields: fields.collect(), rows: fields.rowCount });
        } else if (saved.setAside(older)) {
          showNotice(word("assessment.restore-failed", { key: `${key}:unrestored` }));
        } else {
          showNotice(word("assessment.restore-failed-no-room"));
        }
      } catch (problem) {
        console.error("obc: restore failed", problem);
      }
    }
    schedule(0);
  }

  // ---- Python ----

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(timer);
    timer = setTimeout(evaluate, delay);
  }

  async function evaluate() {
    if (disposed || client.status.state !== "ready" || waitingForPython) return latest;
    const mine = ++sequence;
    let answer;
    try {
      // The result alone: the CSV is rendered when it is exported (answer-files.mjs), not at every change.
      answer = await client.request("evaluate", { definition, fields: JSON.stringify(fields.collect()), csv: false });
    } catch (problem) {
      if (!disposed) console.error("obc: evaluate failed", problem);
      return null;
    }
    if (disposed || mine !== sequence) return latest;
    latest = answer;
    render(answer);
    // The answers document follows the form's copy (a restored copy may hold changes not yet scored).
    if (answer.responses && (changes || copy)) {
      saved.keepResponses(JSON.stringify(answer.responses));
      showSaving();
    }
    return answer;
  }

  function render(answer) {
    liveProblems = answer.problems || [];
    problems.show(liveProblems);
    if (Array.isArray(answer.applicable)) text.showApplicable(answer.applicable);
    way.update(answer.result, liveProblems);
    if (!$results || !$resultsBody) return;
    const result = answer.result;
    $results.hidden = !result;
    $root.classList.toggle("obc-has-results", Boolean(result));
    $resultsBody.replaceChildren(...(result ? resultNodes({ result, $root, siteRoot }) : []));
  }

  // ---- Tabs ----

  function showClosedTabs() {
    if (!$closedTabs) return;
    const left = saved.leftByClosedTabs();
    $closedTabs.hidden = !left.length;
  }

  function loadClosedTab() {
    const left = saved.leftByClosedTabs().at(-1);
    if (!left) return;
    fields.apply(left);
    saved.keepMine();
    changed();
    saved.discard(left.key);
    showClosedTabs();
    line.say(word("tabs.closed-loaded"), { focus: true });
    schedule(0);
  }

  function onStorage(event) {
    if (disposed || (event.key !== null && event.key !== `${key}:form`)) return;
    if (!saved.changedElsewhere()) return;
    if (!changes) {
      const theirs = saved.adopt();
      if (theirs) fields.apply(theirs);
      else fields.reset();
      line.say(word("tabs.other-loaded"));
      schedule(0);
    } else if ($conflict) {
      saved.keep({ fields: fields.collect(), rows: fields.rowCount }); // kept aside under this tab's key
      $conflict.hidden = false;
    }
  }

  function resolveConflict(choice) {
    $conflict.hidden = true;
    if (choice === "load") {
      const theirs = saved.adopt();
      if (theirs) fields.apply(theirs);
      else fields.reset();
      changes = 0;
      line.say(word("tabs.theirs-loaded"), { focus: true });
    } else {
      saved.keepMine();
      changed();
      line.say(word("tabs.mine-kept"), { focus: true });
    }
    schedule(0);
  }

  // ---- Wiring ----

  const files = answerFiles({ $root, $form, id, version: $root.dataset.obcVersion || "", definition, fields, problems, line, saved,
    current: async () => { clearTimeout(timer); return (await evaluate()) || latest; },
    hasWork: () => changes > 0 || Object.keys(fields.typedSinceLoad()).length > 0,
    afterImport: (answer, name) => {
      showNotice(answer.notice);
      changed();
      schedule(0);
      const imported = word("assessment.imported", { name });
      line.say(client.status.state === "ready" ? `${imported} ${word("assessment.ready")}` : imported);
    },
    afterCarry: (answer, name) => {
      showNotice("");
      showCarried($root, answer);
      changed();
      schedule(0);
      line.say(word("assessment.imported", { name }));
    },
    afterClear: () => { showCarried($root, null); changes = 0; showNotice(""); if ($conflict) $conflict.hidden = true; schedule(0); way.update(); },
  });

  const onInput = (event) => {
    if (event.target.matches("[data-obc-import], [data-obc-carry]")) return;
    fields.evidence.refresh();
    problems.fileProblems([]); // moved on from a failed import
    problems.editing(event.target); // its message waits until the person leaves it
    changed();
    way.update(latest && latest.result);
    schedule();
  };
  const onLeave = (event) => {
    problems.leave(event.target, event.relatedTarget);
    // Checked now, with what was typed last, rather than after the typing pause.
    clearTimeout(timer);
    evaluate();
  };
  const onClick = (event) => {
    const $button = event.target.closest("button");
    if (!$button || !$root.contains($button)) return;
    if ($button.matches("[data-obc-add-row]")) {
      const $row = fields.addRow();
      const $name = $row && $row.querySelector("input[type=text]");
      if ($name) $name.focus();
      changed();
      schedule();
    } else if ($button.matches("[data-obc-remove-row]")) {
      const $row = $button.closest("[data-obc-row]");
      const $next = $row && ($row.nextElementSibling || $row.previousElementSibling);
      if (!$row || !fields.removeRow($row)) return;
      const $focus = $next && $next.querySelector("input[type=text]");
      if ($focus) $focus.focus();
      changed();
      schedule();
    } else if (fields.evidence.click($button)) {
      changed();
      schedule();
    } else if ($button.matches("[data-obc-conflict]")) resolveConflict($button.dataset.obcConflict);
    else if ($button.matches("[data-obc-closed-tab-load]")) loadClosedTab();
    else files.click($button);
  };
  const onPageHide = () => { if (!disposed && changes) saved.keep({ fields: fields.collect(), rows: fields.rowCount }); };
  $form.addEventListener("input", onInput);
  $form.addEventListener("change", onInput);
  $form.addEventListener("focusout", onLeave);
  $form.addEventListener("submit", (event) => event.preventDefault());
  $root.addEventListener("click", onClick);
  window.addEventListener("storage", onStorage);
  window.addEventListener("pagehide", onPageHide);

  return {
    dispose() {
      onPageHide();
      disposed = true;
      clearTimeout(timer);
      stopFollowing();
      line.dispose();
      window.removeEventListener("storage", onStorage);
      window.removeEventListener("pagehide", onPageHide);
    },
  };
}

startPrinting();
followPages();
register("obc-assessment", startAssessment);
