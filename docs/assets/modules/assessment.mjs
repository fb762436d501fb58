// One assessment page (data-module="obc-assessment"): the form's answers put back from this browser at once,
// kept at every change, scored by Python when it has loaded, and the results, files and problems shown.
// It holds no scoring or validation rule: obc_assess (in the worker) does all of that.
// Start-up keeps answers first, with nothing but the form and storage: whatever was typed, or put back by the
// browser, before this script ran is reconciled with what is saved and kept. Each other part (the status line,
// the wayfinding, the files) then starts inside its own guard, so one that fails never stops the saving (issue 38).

import { client } from "./worker-client.mjs";
import { openStorage, PREFIX } from "./storage.mjs";
import { newTabId, savedAnswers } from "./saved-answers.mjs";
import { formFields } from "./form-fields.mjs";
import { changedNames } from "./merge-copies.mjs";
import { statusLine } from "./status-line.mjs";
import { problemsView } from "./problems.mjs";
import { resultNodes } from "./results-view.mjs";
import { answerFiles } from "./answer-files.mjs";
import { showCarried } from "./carried-banner.mjs";
import { describeForm } from "./form-text.mjs";
import { followPages, guarded, register, required } from "./pages.mjs";
import { startPrinting } from "./print.mjs";
import { tabSync } from "./tab-sync.mjs";
import { restoreAnswers } from "./restore.mjs";
import { unkeptAnswers } from "./unkept.mjs";
import { wayfinding } from "./wayfinding.mjs";
import { needsPython } from "./needs-python.mjs";
import { word } from "./words.mjs";

const DEBOUNCE_MS = 150;

function siteUrl(path) {
  // data-obc-* paths are relative to the page; resolved here once.
  return new URL(path, document.baseURI).href;
}

export function startAssessment($root) {
  const $form = required($root, "[data-obc-form]");
  const id = $root.dataset.obcAssessment;
  const version = $root.dataset.obcVersion || "";
  const key = `${PREFIX}${id}`;
  const definition = siteUrl($root.dataset.obcDefinition);
  const $rows = $root.querySelector("[data-obc-rows]") || $root;
  const fields = formFields($form, { rowMin: Number($rows.dataset.obcRowMin || 1),
    maxRows: Number($rows.dataset.obcRowMax) || Infinity });
  const saved = savedAnswers({ store: openStorage(window), session: openStorage(window, "sessionStorage"), key,
    version, tabId: newTabId() });
  const $saved = $root.querySelector("[data-obc-saved]");
  const $notice = $root.querySelector("[data-obc-notice]");
  const parts = { line: null, problems: null, way: null, tabs: null, unkept: null, files: null, needsPython: null };
  const state = { disposed: false, timer: 0, sequence: 0, latest: null, unkept: false, news: "",
    stopFollowing: () => {} };

  function showNotice(message) {
    if (!$notice) return;
    $notice.textContent = message || "";
    $notice.hidden = !message;
  }

  const restore = restoreAnswers({ fields, saved, id, version, showNotice });

  function say(text, options) {
    if (parts.line) parts.line.say(text, options);
  }

  function showSaving() {
    if ($saved) $saved.hidden = !saved.available || saved.full;
    if (parts.line) parts.line.show();
    if (parts.unkept) parts.unkept.refresh();
  }

  /** Keep the form's values now; bring in what another tab saved since, and name any answer changed in both. */
  function keepNow() {
    const result = saved.keep({ fields: fields.collect(), rows: fields.rowCount });
    state.unkept = result.outcome !== "saved";
    if (result.show && fields.update(result.show)) {
      // Told now, or once the status line has started (a page brought back, reconciled at start-up).
      if (parts.line) say(word("tabs.other-loaded"));
      else state.news = word("tabs.other-loaded");
    }
    if (parts.tabs) parts.tabs.showClashes(result.clashes);
    showSaving();
    return result;
  }

  // ---- Python ----

  function render(answer) {
    const $results = $root.querySelector("[data-obc-results]");
    const $body = $root.querySelector("[data-obc-results-body]");
    if (parts.problems) parts.problems.show(answer.problems || []);
    if (Array.isArray(answer.applicable)) describeForm($form).showApplicable(answer.applicable);
    if (parts.way) parts.way.update(answer.result, answer.problems || []);
    if (!$results || !$body) return;
    const result = answer.result;
    $results.hidden = !result;
    $root.classList.toggle("obc-has-results", Boolean(result));
    const siteRoot = new URL($root.dataset.obcDefinition.replace(/assets\/obc\/[^/]*$/, ""), document.baseURI).href;
    $body.replaceChildren(...(result ? resultNodes({ result, $root, siteRoot }) : []));
  }

  async function evaluate() {
    if (state.disposed || client.status.state !== "ready" || restore.waiting) return state.latest;
    const mine = ++state.sequence;
    let answer;
    try {
      // The result alone: the CSV is rendered when it is exported (answer-files.mjs), not at every change.
      answer = await client.request("evaluate", { definition, fields: JSON.stringify(fields.collect()), csv: false });
    } catch (problem) {
      if (!state.disposed) console.error("obc: evaluate failed", problem);
      return null;
    }
    if (state.disposed || mine !== state.sequence) return state.latest;
    state.latest = answer;
    render(answer);
    // The answers document follows the form's copy, as typed: a problem in one answer never stops it.
    if (answer.typed && saved.hasCopy()) {
      saved.keepResponses(JSON.stringify(answer.typed));
      showSaving();
    }
    return answer;
  }

  function schedule(delay = DEBOUNCE_MS) {
    clearTimeout(state.timer);
    state.timer = setTimeout(evaluate, delay);
  }

  async function bringOlder() {
    try {
      await restore.bringOlder((type, data) => client.request(type, { definition, ...data }));
    } catch (problem) {
      console.error("obc: restore failed", problem);
    }
    if (state.disposed) return;
    keepNow();
    schedule(0);
  }

  function whenReady() {
    if (restore.waiting) bringOlder();
    else schedule(0);
  }

  // ---- The person's actions: each is kept first ----

  function onInput(event) {
    if (event.target.matches("[data-obc-import], [data-obc-carry]")) return;
    keepNow();
    fields.evidence.refresh();
    if (parts.problems) {
      parts.problems.fileProblems([]); // moved on from a failed import
      parts.problems.editing(event.target); // its message waits until the person leaves it
    }
    if (parts.way) parts.way.update(state.latest && state.latest.result);
    schedule();
  }

  function onLeave(event) {
    if (parts.problems) parts.problems.leave(event.target, event.relatedTarget);
    // Checked now, with what was typed last, rather than after the typing pause.
    clearTimeout(state.timer);
    evaluate();
  }

  function changeRows($button) {
    const $gone = $button.matches("[data-obc-remove-row]") && $button.closest("[data-obc-row]");
    const $next = $gone && ($gone.nextElementSibling || $gone.previousElementSibling);
    const $row = $gone ? ($gone && fields.removeRow($gone) ? $next : null) : fields.addRow();
    const $focus = $row && $row.querySelector("input[type=text]");
    if ($focus) $focus.focus();
    keepNow();
    schedule();
  }

  function onClick(event) {
    const $button = event.target.closest("button");
    if (!$button || !$root.contains($button)) return;
    if ($button.matches("[data-obc-add-row], [data-obc-remove-row]")) changeRows($button);
    else if (fields.evidence.click($button)) {
      keepNow();
      schedule();
    } else if (parts.tabs && parts.tabs.click($button)) return;
    else if (parts.files) parts.files.click($button);
  }

  function onPageHide() {
    if (state.disposed) return;
    keepNow();
    saved.remember(); // a page the browser brings back reconciles from the copy this one was based on
  }

  function onPageShow(event) {
    // Back, forward or reload: what another tab saved since, or the old values the browser put back, reconciled.
    if (state.disposed || !restore.shown(event)) return;
    keepNow();
    schedule(0);
  }

  function onHidden() {
    if (document.visibilityState === "hidden" && !state.disposed) saved.remember();
  }

  // ---- The other parts, each started in its own guard ----

  function startFiles() {
    return answerFiles({ $root, $form, id, version, definition, fields, problems: parts.problems, line: { say }, saved,
      current: async () => { clearTimeout(state.timer); return (await evaluate()) || state.latest; },
      hasWork: () => changedNames(fields.defaults(), fields.collect()).length > 0,
      afterImport: (answer, name, kept) => {
        showNotice(answer.notice);
        keepNow();
        schedule(0);
        const imported = word(kept ? "assessment.imported-kept" : "assessment.imported", { name });
        say(client.status.state === "ready" ? `${imported} ${word("assessment.ready")}` : imported);
      },
      afterCarry: (answer, name) => {
        showNotice("");
        showCarried($root, answer);
        keepNow();
        schedule(0);
        say(word("assessment.imported", { name }));
      },
      afterClear: () => {
        showCarried($root, null);
        showNotice("");
        if (parts.tabs) parts.tabs.showClashes([]);
        state.unkept = false;
        showSaving();
        schedule(0);
        if (parts.way) parts.way.update();
      } });
  }

  function startParts() {
    for (const $el of $root.querySelectorAll(".obc-nojs")) $el.hidden = true;
    for (const $el of $root.querySelectorAll("[data-obc-actions], [data-obc-add-row]")) $el.hidden = false;
    parts.line = guarded("the status line", () => statusLine(required($root, "[data-obc-status]"), client, {
      ready: word("assessment.ready"),
      extra: () => (!saved.available || saved.full ? word("status.no-storage") : ""),
      advice: $root.querySelector("[data-obc-load-failed]") }));
    if (state.news) say(state.news);
    parts.problems = guarded("the problems", () => problemsView($root));
    parts.way = guarded("the wayfinding", () => {
      const way = wayfinding($root, describeForm($form));
      way.start();
      return way;
    });
    guarded("the evidence entries", () => fields.evidence.start());
    parts.tabs = guarded("the tabs", () => tabSync({ $root, fields, saved, formKey: `${key}:form`, keepNow, say,
      schedule }));
    parts.unkept = guarded("the unkept answers", () => unkeptAnswers({ $root, id, isUnkept: () => state.unkept,
      current: () => ({ fields: fields.collect(), rows: fields.rowCount }) }));
    parts.files = guarded("the files", startFiles);
    if (parts.tabs) parts.tabs.showClashes(saved.clashes);
    showSaving();
    guarded("the scoring program", () => {
      client.startSoon({ runtime: siteUrl($root.dataset.obcRuntime), package: siteUrl($root.dataset.obcPackage),
        definitions: [definition] });
      state.stopFollowing = client.subscribe((status) => {
        if (status.state === "ready" && !state.disposed) whenReady();
      });
    });
    parts.needsPython = guarded("the buttons that need Python", () => needsPython($root, client));
  }

  // ---- Start: saving first, then the rest ----
  if (restore.start()) keepNow();
  $form.addEventListener("input", onInput);
  $form.addEventListener("change", onInput);
  $form.addEventListener("focusout", onLeave);
  $form.addEventListener("submit", (event) => event.preventDefault());
  $root.addEventListener("click", onClick);
  window.addEventListener("pagehide", onPageHide);
  window.addEventListener("pageshow", onPageShow);
  document.addEventListener("visibilitychange", onHidden);
  startParts();

  return {
    dispose() {
      onPageHide();
      state.disposed = true;
      clearTimeout(state.timer);
      state.stopFollowing();
      if (parts.needsPython) parts.needsPython();
      for (const part of [parts.line, parts.tabs, parts.unkept]) if (part) part.dispose();
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
      document.removeEventListener("visibilitychange", onHidden);
    },
  };
}

startPrinting();
followPages();
register("obc-assessment", startAssessment);
