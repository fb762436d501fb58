// Browser glue for the self-assessment pages. It holds no scoring or validation rule: it moves the form's values
// to obc_assess (Python, in Pyodide, in one Web Worker for the whole visit) and puts what comes back on the page.
// Every other page returns at once. Material's instant navigation swaps pages without reloading this script, so
// per-page set-up runs from its document$ observable; the worker lives on across pages.
(() => {
  "use strict";
  if (window.obcGlue) return; // loaded once, even if a page is swapped in with its scripts
  window.obcGlue = true;
  document.documentElement.classList.add("js");

  const SCRIPT_URL = document.currentScript ? document.currentScript.src : "";
  // This script is <site root>assets/obc.js: the one address that never depends on the page it runs on.
  const SITE_ROOT = SCRIPT_URL ? new URL("../", SCRIPT_URL).href : "";
  const STORE_PREFIX = "obc-assess:";
  const DEBOUNCE_MS = 150;
  const SLOW_MS = 15000;
  const TEXT = {
    loading: "Loading the scoring program...",
    slow: "Still loading the scoring program. It is about 13 MB the first time; after that your browser keeps a copy.",
    ready: "Ready: scores update as you answer.",
    failed: "The scoring program could not load.",
    noStorage: "This browser is not keeping your answers (its storage is blocked or full): use Export answers to keep them.",
    teamReady: "Ready: choose the answers files to merge or compare.",
  };

  // ---- The worker: one for the whole visit ----------------------------------------------------------------

  const engine = {
    worker: null,
    state: "idle", // idle | loading | ready | failed
    error: "",
    nextId: 1,
    pending: new Map(),
    listeners: new Set(),
    last: null, // the runtime and package URLs of the last init, for a retry

    set(state, error = "") {
      this.state = state;
      this.error = error;
      for (const listener of [...this.listeners]) listener();
    },

    start(runtime, pkg) {
      this.last = { runtime, pkg };
      if (this.state === "loading" || this.state === "ready") return;
      if (!this.worker) this.create(runtime);
      if (!this.worker) return;
      this.set("loading");
      this.worker.postMessage({ type: "init", runtime, package: pkg });
    },

    retry() {
      if (this.last) this.start(this.last.runtime, this.last.pkg);
    },

    create(runtime) {
      const url = SCRIPT_URL ? new URL("obc-worker.js", SCRIPT_URL) : new URL("../../obc-worker.js", runtime);
      let $worker;
      try {
        $worker = new Worker(url, { type: "module" });
      } catch (error) {
        this.set("failed", String(error));
        return;
      }
      $worker.addEventListener("message", (event) => this.receive(event.data || {}));
      $worker.addEventListener("error", (event) => {
        // The worker script itself failed (not found, or a syntax error): start again with a new one.
        event.preventDefault();
        $worker.terminate();
        if (this.worker === $worker) this.worker = null;
        this.failAll(event.message || "The worker could not start.");
      });
      this.worker = $worker;
    },

    failAll(message) {
      for (const { reject } of this.pending.values()) reject(new Error(message));
      this.pending.clear();
      this.set("failed", message);
    },

    receive(message) {
      if (message.type === "ready") return this.set("ready");
      if (message.type === "failed") {
        if (message.fatal && this.worker) {
          this.worker.terminate();
          this.worker = null; // Retry starts a new one
        }
        return this.failAll(message.message || "");
      }
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (!message.ok) return waiting.reject(new Error(message.error || "The scoring program failed."));
      try {
        waiting.resolve(JSON.parse(message.payload));
      } catch (error) {
        waiting.reject(error);
      }
    },

    settled() {
      // Resolves once loading has finished, either way.
      return new Promise((resolve) => {
        const listener = () => {
          if (this.state === "loading") return;
          this.listeners.delete(listener);
          resolve();
        };
        this.listeners.add(listener);
        listener();
      });
    },

    request(type, data) {
      if (this.state === "loading") return this.settled().then(() => this.request(type, data));
      if (!this.worker || this.state !== "ready") return Promise.reject(new Error(TEXT.failed));
      const id = this.nextId++;
      return new Promise((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.worker.postMessage({ id, type, ...data });
      });
    },
  };

  // ---- Small DOM helpers (text only: answers and notes are never parsed as HTML) ----------------------------

  function h(tag, attrs, ...children) {
    const $el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") $el.className = value;
      else $el.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      $el.append(child instanceof Node ? child : String(child));
    }
    return $el;
  }

  function svg(tag, attrs, ...children) {
    const $el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attrs || {})) $el.setAttribute(key, String(value));
    for (const child of children) $el.append(child instanceof Node ? child : String(child));
    return $el;
  }

  function percent(value) {
    return typeof value === "number" ? `${value}%` : "no score yet";
  }

  function has(value) {
    return value !== null && value !== undefined && value !== "";
  }

  function capital(text) {
    const value = String(text ?? "");
    return value.charAt(0).toUpperCase() + value.slice(1);
  }

  function labelOf($input) {
    const $label = $input && $input.id ? document.querySelector(`label[for="${CSS.escape($input.id)}"]`) : null;
    if (!$label) return "";
    // The label without its hint (the level descriptor).
    const $copy = $label.cloneNode(true);
    for (const $hint of $copy.querySelectorAll(".obc-hint")) $hint.remove();
    return $copy.textContent.trim();
  }

  function legendTitle($fieldset) {
    const $legend = $fieldset.querySelector("legend");
    if (!$legend) return "";
    const $copy = $legend.cloneNode(true);
    for (const $tag of $copy.querySelectorAll(".obc-tag, [data-obc-row-number]")) $tag.remove();
    return $copy.textContent.trim();
  }

  function chart(title, entries) {
    // Horizontal bars, one per entry: its label above, the bar and its value beside. Same numbers as the table.
    const rowHeight = 40;
    const width = 640;
    const barWidth = 520;
    const $svg = svg("svg", {
      class: "obc-chart", role: "img", viewBox: `0 0 ${width} ${entries.length * rowHeight + 4}`,
      "aria-label": `${title}: bar chart of the figures in the table that follows.`,
    });
    entries.forEach((entry, i) => {
      const y = i * rowHeight;
      const value = typeof entry.value === "number" ? Math.max(0, Math.min(100, entry.value)) : null;
      const label = entry.label.length > 90 ? `${entry.label.slice(0, 89)}\u2026` : entry.label;
      $svg.append(
        svg("text", { x: 0, y: y + 13 }, label),
        svg("rect", { class: "obc-bar-bg", x: 0, y: y + 18, width: barWidth, height: 16 }),
        svg("rect", { class: "obc-bar", x: 0, y: y + 18, width: value === null ? 0 : (barWidth * value) / 100, height: 16 }),
        svg("text", { x: barWidth + 8, y: y + 31 }, value === null ? "no score" : `${entry.value}%`),
      );
    });
    return $svg;
  }

  function table(caption, head, body, cls, scroll = false) {
    // scroll: a table that may be wider than the page (a column per respondent) scrolls on its own, and can
    // be focused to scroll it with the keyboard.
    const wrap = scroll ? { class: "obc-table-wrap", tabindex: 0, role: "region", "aria-label": caption }
      : { class: "obc-table-wrap" };
    return h("div", wrap, h("table", { class: cls || "" },
      caption ? h("caption", {}, caption) : null,
      h("thead", {}, h("tr", {}, head.map((cell) => h("th", { scope: "col" }, cell)))),
      h("tbody", {}, body.map((cells) => h("tr", {}, cells.map((cell, i) =>
        (i === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell))))))));
  }

  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const $a = h("a", { href: url, download: name, hidden: true });
    document.body.append($a);
    $a.click();
    $a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function storage() {
    try {
      const probe = `${STORE_PREFIX}probe`;
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch {
      return null;
    }
  }

  function siteUrl(path) {
    // The data-obc-* paths are site paths behind "../" prefixes; resolve them from the site root, so a wrong
    // prefix count (or a page at another depth) cannot send the worker to a missing file.
    if (SITE_ROOT && !/^[a-z]+:|^\//i.test(path)) return new URL(path.replace(/^(?:\.\.?\/)+/, ""), SITE_ROOT).href;
    return new URL(path, location.href).href;
  }

  // ---- The status line of a page that uses Python ------------------------------------------------------

  function statusLine($status, texts) {
    // Loading (then slow), ready or failed, with a Retry button after it when loading failed. texts.ready says
    // what ready means on this page; texts.extra() gives a lasting warning to add, if any.
    const $retry = h("button", { type: "button", class: "md-button obc-retry", hidden: true }, "Retry");
    $retry.addEventListener("click", () => {
      // The button goes while loading: keep the keyboard user's place on the status line.
      if ($status) $status.focus();
      engine.retry();
    });
    let slowTimer = 0;
    if ($status) {
      $status.hidden = false;
      $status.tabIndex = -1;
      $status.after($retry);
    }

    function show() {
      if (!$status) return;
      const extra = texts.extra ? texts.extra() : "";
      let text = texts.ready;
      if (engine.state === "failed") text = TEXT.failed;
      else if (engine.state !== "ready") text = slowTimer === -1 ? TEXT.slow : TEXT.loading;
      if (extra && engine.state !== "failed") text = `${text} ${extra}`;
      $status.textContent = text;
      $status.classList.toggle("obc-status--warning", engine.state === "failed" || Boolean(extra));
      $status.title = engine.state === "failed" ? engine.error : "";
      $retry.hidden = engine.state !== "failed";
      if (engine.state === "failed") console.error("obc: the scoring program could not load:", engine.error);
    }

    function update() {
      if (engine.state === "loading" && !slowTimer) {
        slowTimer = setTimeout(() => { slowTimer = -1; show(); }, SLOW_MS);
      }
      if (engine.state !== "loading" && slowTimer > 0) clearTimeout(slowTimer);
      if (engine.state !== "loading") slowTimer = 0;
      show();
    }

    return {
      $retry, show, update,
      dispose() {
        if (slowTimer > 0) clearTimeout(slowTimer);
      },
    };
  }

  function conflictBox() {
    // Told when another tab or window changed the saved answers (see setUp: never overwritten without asking).
    return h("div", { class: "obc-conflict", role: "alert", hidden: true },
      h("p", {}, h("strong", {}, "Your answers to this assessment were changed in another tab or window. "),
        "So that neither overwrites the other, this tab has stopped saving your answers until you choose."),
      h("p", {},
        h("button", { type: "button", class: "md-button", "data-obc-conflict": "load" },
          "Load the answers from the other tab"), " ",
        h("button", { type: "button", class: "md-button", "data-obc-conflict": "keep" },
          "Keep the answers in this tab")),
      h("p", { class: "obc-hint" }, "Loading replaces the answers in this tab: use Export answers first to keep "
        + "a copy. Keeping saves this tab's answers over the other's, and the other tab is told in turn."));
  }

  // ---- One assessment page -----------------------------------------------------------------------------

  function setUp() {
    const $root = document.querySelector(".obc-assessment");
    if (!$root) return null;
    const $form = $root.querySelector("[data-obc-form]");
    if (!$form) return null;

    const id = $root.dataset.obcAssessment;
    const key = `${STORE_PREFIX}${id}`;
    const definition = siteUrl($root.dataset.obcDefinition);
    const runtime = siteUrl($root.dataset.obcRuntime);
    const pkg = siteUrl($root.dataset.obcPackage);
    // Guidance links in results are site-relative.
    const siteRoot = SITE_ROOT || new URL($root.dataset.obcDefinition.replace(/assets\/obc\/[^/]*$/, ""), location.href).href;

    const $status = $root.querySelector("[data-obc-status]");
    const $saved = $root.querySelector("[data-obc-saved]");
    const $errors = $root.querySelector("[data-obc-errors]");
    const $errorList = $root.querySelector("[data-obc-error-list]");
    const $progress = $root.querySelector("[data-obc-progress]");
    const $progressText = $root.querySelector("[data-obc-progress-text]");
    const $results = $root.querySelector("[data-obc-results]");
    const $resultsBody = $root.querySelector("[data-obc-results-body]");
    const $rowList = $root.querySelector("[data-obc-row-list]");
    const $rowTemplate = $root.querySelector("template[data-obc-row-template]");
    const $addRow = $root.querySelector("[data-obc-add-row]");
    const $import = $root.querySelector("[data-obc-import]");
    const rowMin = Number(($root.querySelector("[data-obc-rows]") || $root).dataset.obcRowMin || 1);
    const startRows = $rowList ? $rowList.querySelectorAll("[data-obc-row]").length : 0;

    const store = storage();
    let storageProblem = !store;
    let disposed = false;
    let timer = 0;
    let sequence = 0; // the latest evaluation asked for; older answers are dropped
    let latest = null; // the latest form_evaluate answer
    let restored = false;
    let base = null; // the saved copy (text) this tab last read or wrote
    let conflict = false; // another tab saved different answers: not saving until the person chooses
    let pendingText = null; // the raw values this tab last kept under pendingKey
    // Changes since the page opened (answers, an import, rows added or removed), and how many of them the saved
    // copy holds. Visiting alone saves nothing; changes not yet saved when the page goes are kept as raw fields.
    let changes = 0;
    let savedChanges = 0;
    const pendingKey = `${key}:pending`;
    let shownProblems = "";
    let liveProblems = []; // from the latest scoring of the form
    let fileProblems = []; // why the last import failed: shown until the next change or import
    const initialValues = collect();

    for (const $el of $root.querySelectorAll(".obc-nojs")) $el.hidden = true;
    for (const $el of $root.querySelectorAll("[data-obc-saved], [data-obc-actions], [data-obc-add-row]")) {
      $el.hidden = false;
    }
    if ($saved && !store) $saved.hidden = true;
    // Rows have no fixed count of questions: their progress waits for Python's first count.
    if ($rowList && $progress) $progress.hidden = true;
    if ($rowList && $progressText) $progressText.hidden = true;
    refreshRows();

    const line = statusLine($status, { ready: TEXT.ready, extra: () => (storageProblem ? TEXT.noStorage : "") });
    // A lasting message (the status line changes as Python loads): saved answers that could not be loaded, or
    // that were for an earlier version of the assessment.
    const $notice = h("p", { class: "obc-status--warning obc-notice", hidden: true });
    // Another tab changed the saved answers: what to do, and the buttons to do it.
    const $conflict = conflictBox();
    line.$retry.after($notice, $conflict);

    function onEngine() {
      if (disposed) return;
      line.update();
      if (engine.state === "ready") {
        if (!restored) restore();
        else schedule(0);
      }
    }

    // ---- Form values in and out ----

    function collect() {
      const fields = {};
      for (const [name, value] of new FormData($form)) {
        if (typeof value === "string") fields[name] = value;
      }
      return fields;
    }

    function rows() {
      return $rowList ? [...$rowList.querySelectorAll(":scope > [data-obc-row]")] : [];
    }

    function refreshRows() {
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

    function addRow() {
      if (!$rowList || !$rowTemplate) return null;
      const used = rows().map(($row) => Number($row.dataset.obcRow)).filter(Number.isFinite);
      const n = String(used.length ? Math.max(...used) + 1 : 0);
      const $fragment = $rowTemplate.content.cloneNode(true);
      for (const $el of $fragment.querySelectorAll("*")) {
        for (const attr of [...$el.attributes]) {
          if (attr.value.includes("__N__")) $el.setAttribute(attr.name, attr.value.replaceAll("__N__", n));
        }
      }
      const $row = $fragment.querySelector("[data-obc-row]");
      $rowList.append($fragment);
      for (const $button of $row.querySelectorAll("[data-obc-remove-row]")) $button.hidden = false;
      refreshRows();
      return $row;
    }

    function setRowCount(count) {
      if (!$rowList) return;
      for (const $row of rows()) $row.remove();
      for (let i = 0; i < Math.max(count, rowMin); i++) addRow();
    }

    function fill(fields) {
      for (const [name, value] of Object.entries(fields)) {
        const $controls = $form.elements.namedItem(name);
        if (!$controls) continue;
        const list = $controls instanceof RadioNodeList ? [...$controls] : [$controls];
        for (const $control of list) {
          if ($control.type === "radio" || $control.type === "checkbox") $control.checked = $control.value === String(value);
          else if ($control.type !== "file") $control.value = String(value ?? "");
        }
      }
    }

    function resetForm() {
      $form.reset();
      if ($rowList) setRowCount(startRows);
    }

    function applyForm(answer) {
      $form.reset();
      // Rows first, so that every row-<n>-... name has its controls.
      const form = answer.form || { fields: {}, rows: 0 };
      if ($rowList) setRowCount(form.rows);
      fill(form.fields);
    }

    // ---- Asking Python ----

    function schedule(delay = DEBOUNCE_MS) {
      clearTimeout(timer);
      timer = setTimeout(evaluate, delay);
    }

    async function evaluate() {
      if (disposed || engine.state !== "ready" || !restored) return null;
      const mine = ++sequence;
      const at = changes;
      let answer;
      try {
        answer = await engine.request("evaluate", { definition, fields: JSON.stringify(collect()) });
      } catch (error) {
        if (!disposed) console.error("obc: evaluate failed", error);
        return null;
      }
      if (disposed || mine !== sequence) return null;
      latest = answer;
      render(answer);
      save(answer.responses, at);
      return answer;
    }

    // ---- Keeping answers: saved copy, changes not yet saved, and other tabs ----
    // Every change is kept at once as the form's raw values (pendingKey), so that closing the tab half way
    // loses nothing; once Python has scored it, the responses document is saved (key) and that copy dropped.
    // Two tabs on one assessment: each remembers the saved copy it last read or wrote (base) and never saves
    // over a different one. A tab that has not been changed follows the other's saves; a tab that has been
    // changed stops saving and asks whether to load the other tab's answers or keep its own.

    function keepPending() {
      if (!store || conflict || changes <= savedChanges) return;
      try {
        pendingText = JSON.stringify(collect());
        store.setItem(pendingKey, pendingText);
      } catch { /* full: the last change is lost, as the status line warned */ }
    }

    function dropPending() {
      // Only this tab's own: another tab's changes not yet saved are not this tab's to drop.
      if (pendingText === null) return;
      try {
        if (store.getItem(pendingKey) === pendingText) store.removeItem(pendingKey);
      } catch { /* nothing stored */ }
      pendingText = null;
    }

    function restorePending() {
      let text = null;
      let fields = null;
      try {
        text = store.getItem(pendingKey);
        fields = JSON.parse(text || "null");
      } catch { /* not ours */ }
      if (!fields || typeof fields !== "object") return;
      pendingText = text; // this tab's now: dropped once saved
      const indexes = Object.keys(fields).map((name) => /^row-(\d+)-/.exec(name)).filter(Boolean).map((m) => Number(m[1]));
      $form.reset();
      if ($rowList) setRowCount(indexes.length ? Math.max(...indexes) + 1 : startRows);
      fill(Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === "string")));
      changed();
    }

    function readSaved() {
      try {
        return store ? store.getItem(key) : null;
      } catch {
        return null;
      }
    }

    function showNotice(text) {
      $notice.textContent = text || "";
      $notice.hidden = !text;
    }

    async function restore() {
      restored = true;
      const text = readSaved();
      base = text;
      if (text) {
        try {
          const answer = await engine.request("fields", { definition, responses: text });
          if (disposed) return;
          if (answer.ok) {
            // Keep anything typed while the program was loading: it wins over the saved copy.
            const typed = collect();
            const typedNow = Object.fromEntries(Object.entries(typed).filter(([k, v]) => initialValues[k] !== v));
            applyForm(answer);
            fill(typedNow);
            // Saved for an earlier version of the assessment: what was left out, as Python words it.
            showNotice(answer.notice);
          } else {
            // Never lose them: keep the copy aside, and say so.
            try {
              store.setItem(`${key}:unrestored`, text);
            } catch { /* full: the original stays until the next change */ }
            showNotice("Your answers saved in this browser could not be loaded, so the form starts "
              + `empty. A copy is kept in this browser (as \u201c${key}:unrestored\u201d). Why: `
              + `${(answer.problems || []).map(problemText).join("; ")}`);
          }
        } catch (error) {
          console.error("obc: restore failed", error);
        }
      }
      if (store && !disposed) restorePending();
      schedule(0);
    }

    function changed() {
      changes += 1;
    }

    function save(responses, at) {
      if (!store || !responses || changes === 0 || conflict) return;
      const text = JSON.stringify(responses);
      try {
        const now = store.getItem(key);
        // Another tab saved since this one last read or wrote the copy: do not overwrite it without asking.
        if (now !== base && now !== text) return showConflict();
        if (now !== text) store.setItem(key, text);
        base = text;
        savedChanges = Math.max(savedChanges, at);
        if (savedChanges >= changes) dropPending();
        if (storageProblem) {
          storageProblem = false;
          if ($saved) $saved.hidden = false;
          line.show();
        }
      } catch {
        storageProblem = true;
        if ($saved) $saved.hidden = true;
        line.show();
      }
    }

    function onStorage(event) {
      // Another tab or window changed the stored answers (this tab's own writes fire no event here).
      if (disposed || !restored || conflict || (event.key !== null && event.key !== key)) return;
      // A change of this tab's is on its way to being saved: save() compares the copies then.
      if (changes > savedChanges) return;
      if (readSaved() === base) return;
      if (changes === 0) loadSaved("The answers saved in another tab or window were loaded here.");
      else showConflict();
    }

    function showConflict() {
      conflict = true;
      $conflict.hidden = false;
    }

    function endConflict(message) {
      // The person's choice made the box (and the button they pressed) go: keep their place on the status line.
      const chosen = !$conflict.hidden;
      conflict = false;
      $conflict.hidden = true;
      if (!$status) return;
      $status.textContent = message;
      if (chosen) $status.focus();
    }

    async function loadSaved(message) {
      // The saved copy (another tab's) into this form, in place of its answers.
      const text = readSaved();
      let answer = { ok: true, form: null };
      if (text) {
        try {
          answer = await engine.request("fields", { definition, responses: text });
        } catch (error) {
          answer = { ok: false, problems: [{ message: error.message }] };
        }
      }
      if (disposed) return;
      if (!answer.ok) {
        showNotice(`The answers saved in another tab could not be loaded: ${(answer.problems || []).map(problemText).join("; ")}`);
        return;
      }
      base = text;
      if (answer.form) applyForm(answer);
      else resetForm();
      showNotice(answer.notice);
      savedChanges = changes; // in step with the saved copy: nothing of this tab's is waiting to be saved
      dropPending();
      endConflict(message);
      schedule(0);
    }

    function keepThisTab() {
      // This tab's answers over the other's: the other tab is told in turn, as this one was.
      base = readSaved();
      changed();
      endConflict("The answers in this tab are saved, in place of the other tab's.");
      schedule(0);
    }

    // ---- Errors, GOV.UK style ----

    function clearErrors() {
      for (const $message of $root.querySelectorAll(".obc-error-message")) {
        $message.hidden = true;
        $message.textContent = "";
      }
      for (const $el of $root.querySelectorAll(".obc-item--error")) $el.classList.remove("obc-item--error");
      for (const $el of $root.querySelectorAll("[data-obc-described]")) {
        // Back to the description the field had before its error message was added to it.
        const before = $el.getAttribute("data-obc-described");
        if (before) $el.setAttribute("aria-describedby", before);
        else $el.removeAttribute("aria-describedby");
        $el.removeAttribute("data-obc-described");
      }
      if ($errors) $errors.hidden = true;
      if ($errorList) $errorList.replaceChildren();
    }

    function fieldMessage(field, message) {
      const $target = document.getElementById(field);
      if (!$target || !$root.contains($target)) return;
      const $group = $target.matches("fieldset") ? $target : $target.closest("fieldset.obc-item, .obc-field") || $target;
      let $message = document.getElementById(`${field}-error`) || $group.querySelector(".obc-error-message");
      if (!$message && $group !== $target) {
        // A field without a place for its message (an action plan's date, say): make one, above the field.
        $message = h("div", { class: "obc-error-message", id: `${field}-error`, hidden: true });
        $target.before($message);
      }
      // A message inside a closed <details> (the action plan) is no use: open it.
      for (let $d = $target.closest("details"); $d; $d = $d.parentElement.closest("details")) $d.open = true;
      if ($message) {
        if (!$message.hidden) $message.append(h("br"));
        $message.append(h("span", { class: "obc-visually-hidden" }, "Error: "), message);
        $message.hidden = false;
        if (!$message.id) $message.id = `${field}-error`;
        const $described = $target.matches("fieldset, input, textarea, select") ? $target : $group;
        if (!$described.hasAttribute("data-obc-described")) {
          const before = $described.getAttribute("aria-describedby") || "";
          $described.setAttribute("data-obc-described", before);
          $described.setAttribute("aria-describedby", `${$message.id} ${before}`.trim());
        }
      }
      if ($group.matches("fieldset")) $group.classList.add("obc-item--error");
    }

    function showProblems({ focus = false } = {}) {
      const problems = [...fileProblems, ...liveProblems];
      const signature = JSON.stringify(problems);
      if (!focus && signature === shownProblems) return;
      shownProblems = signature;
      clearErrors();
      if (!problems.length || !$errors || !$errorList) return;
      for (const problem of problems) {
        const field = problem.field || (problem.file && $import ? $import.id : null);
        const text = problem.field ? capital(problem.message || String(problem)) : problemText(problem);
        const $target = field ? document.getElementById(field) : null;
        const $item = $target
          ? h("a", { href: `#${field}` }, text)
          : document.createTextNode(text);
        if ($target) {
          $item.addEventListener("click", (event) => {
            event.preventDefault();
            focusField($target);
          });
        }
        $errorList.append(h("li", {}, $item));
        if (problem.field) fieldMessage(problem.field, text);
      }
      $errors.hidden = false;
      if (focus) $errors.focus();
    }

    function problemText(problem) {
      // A problem without a form field (an imported file's) needs its place in the file to make sense.
      const message = problem.message || String(problem);
      return problem.path && !problem.path.startsWith("(") ? `${problem.path}: ${message}` : capital(message);
    }

    function focusField($target) {
      // A field inside a closed <details> (an item's action plan) cannot take focus: open it first.
      for (let $d = $target.closest("details"); $d; $d = $d.parentElement.closest("details")) $d.open = true;
      const $focus = $target.matches("fieldset")
        ? $target.querySelector("input:checked, input, select, textarea")
        : $target;
      const $show = $target.matches("fieldset") ? $target.querySelector("legend") || $target : $target;
      if ($focus) $focus.focus({ preventScroll: true });
      $show.scrollIntoView({ block: "start" });
    }

    // ---- Showing the answer ----

    function render(answer) {
      liveProblems = answer.problems || [];
      showProblems();
      showApplicable(answer.applicable);
      const result = answer.result;
      showProgress(result);
      if (!$results || !$resultsBody) return;
      $results.hidden = !result;
      $root.classList.toggle("obc-has-results", Boolean(result));
      if (!result) {
        $resultsBody.replaceChildren();
        return;
      }
      $resultsBody.replaceChildren(...resultNodes(result));
    }

    function showApplicable(applicable) {
      if (!Array.isArray(applicable)) return;
      const set = new Set(applicable);
      for (const $item of $root.querySelectorAll("fieldset[data-obc-item]")) {
        $item.hidden = !set.has($item.dataset.obcItem);
      }
      for (const $section of $root.querySelectorAll("section[data-obc-section]")) {
        const $items = [...$section.querySelectorAll("fieldset[data-obc-item]")];
        $section.hidden = $items.length > 0 && $items.every(($item) => $item.hidden);
      }
    }

    function kindOf(result) {
      return (result && result.assessment && result.assessment.kind) || $root.dataset.obcKind || "maturity";
    }

    function showProgress(result) {
      if (!$progress || !result) return; // a form with problems keeps the last count
      // The headline counts the core; progress counts every item asked, optional extras too.
      const parts = [result && result.overall, ...(Array.isArray(result.extras) ? result.extras : [])];
      const overall = parts[0] && ["total", "unanswered", "answered"].reduce((sum, key) => ({
        ...sum, [key]: parts.reduce((n, part) => (part && typeof part[key] === "number" ? n + part[key] : n), 0),
      }), {});
      const total = overall && typeof parts[0].total === "number" ? overall.total : null;
      const show = total !== null && total > 0;
      $progress.hidden = !show;
      if ($progressText) $progressText.hidden = !show;
      if (!show) return;
      const done = typeof overall.unanswered === "number" ? total - overall.unanswered : overall.answered || 0;
      const noun = { matrix: "ratings given", classification: "measures given a category" }[kindOf(result)]
        || "items answered";
      $progress.max = total;
      $progress.value = done;
      $progress.textContent = `${done} of ${total}`;
      $progress.setAttribute("aria-label", noun.charAt(0).toUpperCase() + noun.slice(1));
      if ($progressText) $progressText.textContent = done === total ? `All ${total} ${noun}.` : `${done} of ${total} ${noun}.`;
    }

    function resultNodes(result) {
      const kind = kindOf(result);
      const areas = result.areas || (result.matrix && result.matrix.areas);
      const classification = result.classification || (result.mix || result.classes ? result : null);
      const nodes = [contextNodes(result)];
      if (result.version_matches === false) {
        nodes.push(h("p", { class: "obc-hint" }, `These answers were written for version ${result.responses_version}`
          + " of this assessment; some items may have changed."));
      }
      if (result.overall) nodes.push(overallNodes(result.overall, kind));
      if (Array.isArray(result.extras) && result.extras.length) nodes.push(extrasNodes(result.extras));
      if (Array.isArray(areas)) nodes.push(areaNodes(areas));
      if (classification) nodes.push(mixNodes(classification));
      if (Array.isArray(result.sections) && result.sections.length) nodes.push(sectionNodes(result.sections, kind));
      if (Array.isArray(result.priorities) && result.priorities.length) nodes.push(priorityNodes(result.priorities));
      if (Array.isArray(result.evidence_gaps) && result.evidence_gaps.length) nodes.push(gapNodes(result.evidence_gaps));
      if (Array.isArray(result.plan) && result.plan.length) nodes.push(planNodes(result.plan));
      nodes.push(noteNodes());
      if (has(result.working)) nodes.push(workingNodes(result.working, result));
      return nodes.filter(Boolean);
    }

    function contextNodes() {
      const rowsOut = [];
      const $model = $form.querySelector("input[name=context-model]:checked");
      if ($model) rowsOut.push(["Model", labelOf($model)]);
      const $scope = $form.querySelector("input[name=context-scope]:checked");
      if ($scope) rowsOut.push(["Scope", labelOf($scope)]);
      const $name = $form.elements.namedItem("respondent-name");
      const name = $name && typeof $name.value === "string" ? $name.value.trim() : "";
      rowsOut.push(["Name or team", name || "Not given"]);
      const $role = $form.elements.namedItem("respondent-role");
      if ($role && $role.selectedOptions) {
        rowsOut.push(["Role", $role.value ? $role.selectedOptions[0].textContent : "Not given"]);
      }
      return h("div", { class: "obc-result-context" },
        h("h3", {}, "About this review"),
        h("dl", { class: "obc-dl" }, rowsOut.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])));
    }

    function overallNodes(overall, kind) {
      const band = overall.band;
      const confidence = has(overall.confidence)
        ? h("p", {}, "Confidence: ", h("strong", {}, typeof overall.confidence === "number"
          ? `${overall.confidence}%` : String(overall.confidence)),
        kind === "classification"
          ? " (the share of your measures that have a category)."
          : " (how much of what was asked has a rating rather than \u201cDon't know\u201d or no answer).")
        : null;
      if (kind !== "maturity") return h("div", { class: "obc-overall" }, confidence);
      return h("div", { class: "obc-overall" },
        h("h3", {}, "Overall"),
        h("p", { class: "obc-overall-score" },
          "Overall score: ", h("strong", { "data-obc-overall": "" }, percent(overall.percent)),
          band ? [" (", h("strong", {}, band.label), ")"] : null),
        band && band.descriptor ? h("p", {}, band.descriptor) : null,
        // Python words why the band is what it is (earned, held lower, or not enough answers for one).
        overall.band_reason ? h("p", { "data-obc-band-reason": "" }, overall.band_reason) : null,
        confidence,
        h("p", { class: "obc-hint" }, countsText(overall)));
    }

    function extrasNodes(extras) {
      const caption = "Optional extras, scored apart from the core";
      return h("div", { class: "obc-figure" },
        h("h3", {}, caption),
        h("p", {}, "These never raise or lower the overall score above."),
        table(caption, ["Extra", "Score", "Band", "Rated", "Why"],
          extras.map((e) => [e.title, percent(e.percent), e.band ? e.band.label : "No band",
            `${e.answered} of ${e.total}`, e.band_reason])));
    }

    function countsText(c) {
      const parts = [];
      if (typeof c.answered === "number" && typeof c.total === "number") parts.push(`${c.answered} of ${c.total} rated`);
      if (c.na) parts.push(`${c.na} not applicable`);
      if (c.unknown) parts.push(`${c.unknown} don't know`);
      if (c.unanswered) parts.push(`${c.unanswered} not answered`);
      return parts.join(", ");
    }

    function sectionNodes(sections, kind) {
      const matrix = kind === "matrix";
      const caption = matrix ? "Each criterion, averaged across your service areas" : "Score by section";
      return h("div", { class: "obc-figure" },
        h("h3", {}, caption),
        chart(caption, sections.map((s) => ({ label: s.title, value: s.percent }))),
        // A matrix's scale has no "not applicable": no column for it.
        table(caption, [matrix ? "Criterion" : "Section", "Score", "Rated", ...(matrix ? [] : ["Not applicable"]),
          "Don't know", "Not answered"],
        sections.map((s) => [
          s.optional ? `${s.title} (optional)` : s.title, percent(s.percent),
          has(s.total) ? `${s.answered} of ${s.total}` : s.answered, ...(matrix ? [] : [s.na ?? 0]), s.unknown ?? 0,
          s.unanswered ?? 0,
        ])));
    }

    function areaNodes(areas) {
      const caption = "Service areas in order of review priority";
      const ranked = [...areas].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
      if (!ranked.length) return h("p", {}, "Name a service area and rate it to see the ranking.");
      return h("div", { class: "obc-figure" },
        h("h3", {}, caption),
        h("p", {}, "Rank 1 is the first to review: the criteria apply to it most strongly."),
        chart(caption, ranked.map((a) => ({ label: `${a.rank ?? ""}. ${a.name || "(no name)"}`, value: a.percent }))),
        table(caption, ["Service area", "Rank", "Score", "Confidence", "Rated", "Don't know"],
          ranked.map((a) => [a.name || "(no name)", a.rank ?? "", percent(a.percent),
            has(a.confidence) ? `${a.confidence}%` : "", has(a.total) ? `${a.answered} of ${a.total}` : a.answered ?? "",
            a.unknown ?? 0])));
    }

    function mixNodes(block) {
      const mix = block.classes || block.mix || [];
      const list = Array.isArray(mix) ? mix : Object.entries(mix).map(([cid, v]) => ({ id: cid, ...v }));
      const caption = "Your measures by category";
      const nodes = [h("h3", {}, caption)];
      if ("outcome_share" in block) {
        nodes.push(h("p", { class: "obc-overall-score" }, "Outcome measures: ",
          h("strong", { "data-obc-overall": "" }, percent(block.outcome_share)),
          has(block.classified) ? ` of the ${block.classified} measures with a category.` : " of your measures."));
      }
      const flag = block.flag;
      if (flag && flag.raised) {
        nodes.push(h("div", { class: "admonition warning obc-flag" },
          h("p", { class: "admonition-title" }, "Mostly not outcomes"), h("p", {}, flag.message || "")));
      }
      nodes.push(chart(caption, list.map((c) => ({ label: c.label || c.id, value: c.percent }))));
      nodes.push(table(caption, ["Category", "Kind", "Measures", "Share"],
        list.map((c) => [guidanceLink(c, c.label || c.id), c.outcome ? "Outcome" : "Not an outcome", c.count ?? 0,
          percent(c.percent)])));
      if (Array.isArray(block.measures) && block.measures.length) {
        nodes.push(table("Each measure", ["Measure", "Category"],
          block.measures.map((m) => [m.name || "(no name)", m.label || "No category yet"])));
      }
      return h("div", { class: "obc-figure" }, nodes);
    }

    function guidanceLink(entry, text) {
      return entry.guidance_url ? h("a", { href: new URL(entry.guidance_url, siteRoot).href }, text) : text;
    }

    function priorityNodes(priorities) {
      const ordered = [...priorities].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
      return h("div", { class: "obc-priorities" },
        h("h3", {}, "Where to start"),
        h("p", {}, "The biggest gains first: how far each item is from the top level, times its weight."),
        h("ol", {}, ordered.map((p) => h("li", {},
          h("p", {}, h("strong", {}, guidanceLink(p, p.title)),
            p.level_label ? ` \u2014 now: ${p.level_label}` : ""),
          p.target ? h("p", {}, "Next level to aim for: ", h("strong", {}, p.target.label),
            p.target.descriptor ? ` \u2014 ${p.target.descriptor}` : "") : null,
          p.reason ? h("p", { class: "obc-hint" }, p.reason) : null))));
    }

    function gapNodes(gaps) {
      return h("div", { class: "obc-gaps" },
        h("h3", {}, "Evidence to find"),
        h("p", {}, "You answered \u201cDon't know\u201d to these. Finding out is a next step:"),
        h("ul", {}, gaps.map((g) => h("li", {}, guidanceLink(g, g.title), g.area ? ` (${g.area})` : ""))));
    }

    function planNodes(plan) {
      const caption = "Your action plan";
      return h("div", { class: "obc-plan-result" },
        h("h3", {}, caption),
        h("p", {}, "Your actions, for the items to work on first (in the order above), then the others."),
        table(caption, ["Item", "Now", "Target", "Action", "Owner", "Due"],
          plan.map((p) => [guidanceLink(p, p.title), p.level_label || "Not answered", p.target_label || "Not set",
            p.action || "", p.owner || "", p.due || ""])));
    }

    function noteNodes() {
      const notes = [];
      for (const $note of $form.querySelectorAll(".obc-note textarea")) {
        const text = $note.value.trim();
        if (!text) continue;
        const $group = $note.closest("fieldset[data-obc-item], fieldset[data-obc-row]");
        if ($group && $group.hidden) continue;
        let title = $group ? legendTitle($group) : labelOf($note);
        if ($group && $group.matches("[data-obc-row]")) {
          const $number = $group.querySelector("[data-obc-row-number]");
          const $name = $group.querySelector("input[type=text]");
          title = `${title} ${$number ? $number.textContent : ""}`.trim();
          if ($name && $name.value.trim()) title = `${title}: ${$name.value.trim()}`;
        }
        notes.push([title, text]);
      }
      if (!notes.length) return null;
      return h("div", { class: "obc-notes" },
        h("h3", {}, "Your evidence and notes"),
        h("dl", { class: "obc-dl" }, notes.map(([title, text]) => [h("dt", {}, title), h("dd", {}, text)])));
    }

    function workingNodes(working, result) {
      return h("details", { class: "obc-working" },
        h("summary", {}, "How this was scored"),
        workingBody(working, result));
    }

    function workingBody(working, result) {
      const kind = kindOf(result);
      if (kind === "maturity" && Array.isArray(working.items)) {
        const shown = working.items.filter((i) => i.status !== "not-asked");
        return [
          h("p", {}, `Each item rated counts its weight \u00d7 its level \u00f7 ${working.max_level}. The score is `
            + "the points over the weight of the items rated. Not applicable, Don't know and unanswered items are "
            + "left out of the score; Don't know and unanswered lower the confidence figure instead."),
          has(working.percent)
            ? h("p", {}, `Points ${working.points} out of a possible ${working.possible}: ${working.percent}%.`)
            : h("p", {}, "No item has a level yet, so there is no score."),
          table("The working, item by item", ["Item", "Answer", "Weight", "Points", "Counted"],
            shown.map((i) => [i.title, i.level_label || "Not answered", i.weight,
              i.points === null || i.points === undefined ? "\u2013" : i.points, i.reason || i.status])),
        ];
      }
      if (kind === "matrix" && Array.isArray(working.items)) {
        const titles = Object.fromEntries((result.sections || []).map((s) => [s.id, s.title]));
        return [
          h("p", {}, `Each rating counts its criterion's weight \u00d7 the rating \u00f7 ${working.max_level}. `
            + "A service area's score is its points over the weight of the criteria rated; the highest is rank 1."),
          table("The working, rating by rating", ["Service area", "Criterion", "Rating", "Weight", "Points", "Counted"],
            working.items.map((c) => [c.area || "(no name)", titles[c.id] || c.id,
              c.level === null || c.level === undefined ? "Not answered" : String(c.level), c.weight,
              c.points === null || c.points === undefined ? "\u2013" : c.points, c.reason || c.status])),
        ];
      }
      if (kind === "classification" && has(working.classified)) {
        return h("p", {}, `${working.outcome} of the ${working.classified} measures with a category are outcome `
          + `measures. The warning shows when that share is below ${working.threshold}%.`);
      }
      return valueNodes(working);
    }

    function valueNodes(value) {
      // Anything else Python explains, shown as it comes: text, lists and tables of plain values.
      if (value === null || value === undefined) return "";
      if (typeof value !== "object") return h("p", {}, String(value));
      if (Array.isArray(value)) {
        if (value.length && value.every((v) => v && typeof v === "object" && !Array.isArray(v))) {
          const keys = [...new Set(value.flatMap((v) => Object.keys(v)))];
          return h("div", { class: "obc-table-wrap" }, h("table", {},
            h("thead", {}, h("tr", {}, keys.map((k) => h("th", { scope: "col" }, humanise(k))))),
            h("tbody", {}, value.map((v) => h("tr", {}, keys.map((k) => h("td", {}, cellText(v[k]))))))));
        }
        return h("ul", {}, value.map((v) => h("li", {}, typeof v === "object" ? valueNodes(v) : String(v))));
      }
      return h("dl", { class: "obc-dl" }, Object.entries(value).map(([k, v]) => [
        h("dt", {}, humanise(k)), h("dd", {}, typeof v === "object" && v !== null ? valueNodes(v) : cellText(v)),
      ]));
    }

    function humanise(key) {
      const text = String(key).replace(/[_-]+/g, " ");
      return text.charAt(0).toUpperCase() + text.slice(1);
    }

    function cellText(value) {
      if (value === null || value === undefined) return "";
      if (typeof value === "object") return JSON.stringify(value);
      return String(value);
    }

    // ---- Buttons ----

    async function current() {
      clearTimeout(timer);
      return (await evaluate()) || latest;
    }

    function cannotExport(answer) {
      // Nothing to export until the problems are put right: say so where the keyboard user is sent.
      if (answer && answer.problems && answer.problems.length) showProblems({ focus: true });
      else if ($status) $status.focus();
    }

    async function exportAnswers() {
      const answer = await current();
      if (!answer || !answer.responses) return cannotExport(answer);
      download(`${id}-answers.json`, `${JSON.stringify(answer.responses, null, 2)}\n`, "application/json");
    }

    async function exportCsv() {
      const answer = await current();
      if (!answer || typeof answer.csv !== "string") return cannotExport(answer);
      download(`${id}-results.csv`, answer.csv, "text/csv");
    }

    async function exportPlan() {
      // The action plan alone, as a spreadsheet (for a button [data-obc-export-plan], where the form has one).
      const answer = await current();
      if (!answer || !answer.responses) return cannotExport(answer);
      try {
        const plan = await engine.request("plan-csv", { definition, responses: JSON.stringify(answer.responses) });
        if (plan.ok && typeof plan.csv === "string") download(`${id}-action-plan.csv`, plan.csv, "text/csv");
      } catch (error) {
        console.error("obc: the action plan could not be exported", error);
      }
    }

    async function importFile() {
      const file = $import && $import.files && $import.files[0];
      if (!file) return;
      const fail = (problems) => {
        $import.value = ""; // so that choosing the same file again, once put right, is a change
        fileProblems = problems.map((p) => ({ path: "", field: null, file: true,
          message: `${file.name}: ${problemText(p)}` }));
        showProblems({ focus: true });
      };
      // A guard for the browser, not a rule about answers: no answers file comes near this size.
      if (file.size > 10 * 1024 * 1024) return fail([{ message: "too large to be an exported answers file" }]);
      let text;
      let answer;
      try {
        text = await file.text();
        answer = await engine.request("import", { definition, text });
      } catch (error) {
        return fail([{ message: `could not be read (${error.message})` }]);
      }
      if (disposed) return;
      if (!answer.ok) return fail(answer.problems || []);
      applyForm(answer);
      showNotice(answer.notice);
      changed();
      keepPending();
      $import.value = "";
      fileProblems = [];
      showProblems();
      await evaluate();
      if ($status) $status.textContent = `Answers imported from ${file.name}. ${TEXT.ready}`;
    }

    function clearAnswers() {
      if (!window.confirm("Clear all your answers to this assessment? This cannot be undone. Export them first if you want to keep them.")) return;
      if (store) {
        try {
          store.removeItem(key);
          store.removeItem(pendingKey);
        } catch { /* nothing stored */ }
      }
      resetForm();
      changes = 0;
      savedChanges = 0;
      base = null;
      pendingText = null;
      conflict = false;
      $conflict.hidden = true;
      showNotice("");
      fileProblems = [];
      liveProblems = [];
      showProblems();
      schedule(0);
    }

    // ---- Wiring ----

    const onInput = (event) => {
      if (event.target === $import) return;
      fileProblems = []; // moved on from a failed import
      changed();
      keepPending();
      schedule();
    };
    const onClick = (event) => {
      const $button = event.target.closest("button");
      if (!$button || !$root.contains($button)) return;
      if ($button.matches("[data-obc-add-row]")) {
        const $row = addRow();
        const $name = $row && $row.querySelector("input[type=text]");
        if ($name) $name.focus();
        changed();
        schedule();
      } else if ($button.matches("[data-obc-remove-row]")) {
        const $row = $button.closest("[data-obc-row]");
        if (!$row || rows().length <= rowMin) return;
        const $next = $row.nextElementSibling || $row.previousElementSibling;
        $row.remove();
        refreshRows();
        const $focus = $next && $next.querySelector("input[type=text]");
        if ($focus) $focus.focus();
        else if ($addRow) $addRow.focus();
        changed();
        schedule();
      } else if ($button.matches("[data-obc-export]")) exportAnswers();
      else if ($button.matches("[data-obc-export-csv]")) exportCsv();
      else if ($button.matches("[data-obc-export-plan]")) exportPlan();
      else if ($button.matches("[data-obc-print]")) window.print();
      else if ($button.matches("[data-obc-clear]")) clearAnswers();
      else if ($button.matches("[data-obc-conflict=load]")) loadSaved("The answers from the other tab were loaded here.");
      else if ($button.matches("[data-obc-conflict=keep]")) keepThisTab();
    };
    $form.addEventListener("input", onInput);
    $form.addEventListener("change", onInput);
    $form.addEventListener("submit", (event) => event.preventDefault());
    $root.addEventListener("click", onClick);
    if ($import) $import.addEventListener("change", importFile);
    window.addEventListener("pagehide", keepPending);
    window.addEventListener("storage", onStorage);

    engine.listeners.add(onEngine);
    engine.start(runtime, pkg);
    onEngine();

    return {
      dispose() {
        keepPending();
        window.removeEventListener("pagehide", keepPending);
        window.removeEventListener("storage", onStorage);
        disposed = true;
        clearTimeout(timer);
        line.dispose();
        engine.listeners.delete(onEngine);
      },
      // For tests and the console: the latest answer from Python.
      get latest() { return latest; },
    };
  }

  // ---- The team and progress page ------------------------------------------------------------------------
  // Merges several people's exported answers, or compares two over time. The files are read here and passed
  // to Python as text; nothing is stored or sent. Python reports each file's problems; this shows them.

  const MAX_FILE_BYTES = 10 * 1024 * 1024; // a guard for the browser: no answers file comes near this size

  function setUpTeam() {
    const $root = document.querySelector(".obc-team");
    if (!$root) return null;
    const page = {
      $root,
      id: $root.dataset.obcTeam,
      definition: siteUrl($root.dataset.obcDefinition),
      $status: $root.querySelector("[data-obc-status]"),
      say(text) {
        if (this.$status) this.$status.textContent = text;
      },
    };
    const runtime = siteUrl($root.dataset.obcRuntime);
    const pkg = siteUrl($root.dataset.obcPackage);
    let disposed = false;

    for (const $el of $root.querySelectorAll(".obc-nojs")) $el.hidden = true;
    for (const $el of $root.querySelectorAll("[data-obc-controls]")) $el.hidden = false;
    const line = statusLine(page.$status, { ready: TEXT.teamReady });
    const tools = [mergeTool(page), compareTool(page)];

    const onClick = (event) => {
      const $button = event.target.closest("button[data-obc-print]");
      if ($button && $root.contains($button)) printPart($root, $button.dataset.obcPrint);
    };
    $root.addEventListener("click", onClick);
    const onEngine = () => {
      if (!disposed) line.update();
    };
    engine.listeners.add(onEngine);
    engine.start(runtime, pkg);
    onEngine();

    return {
      dispose() {
        disposed = true;
        line.dispose();
        engine.listeners.delete(onEngine);
        for (const tool of tools) tool.dispose();
      },
      // For tests and the console: the latest answers from Python.
      get merged() { return tools[0].latest; },
      get compared() { return tools[1].latest; },
    };
  }

  function printPart($root, part) {
    // Print one tool's results only (the other's are left out of the printout).
    $root.dataset.obcPrinting = part;
    window.addEventListener("afterprint", () => { delete $root.dataset.obcPrinting; }, { once: true });
    window.print();
  }

  async function readFiles(list) {
    // Each chosen file's text, or why it could not be read (a browser matter, not a rule about answers).
    const files = [];
    const problems = [];
    for (const file of list) {
      if (file.size > MAX_FILE_BYTES) {
        problems.push(`${file.name}: too large to be an exported answers file; left out`);
        continue;
      }
      try {
        files.push({ name: file.name, text: await file.text() });
      } catch (error) {
        problems.push(`${file.name}: could not be read (${error.message}); left out`);
      }
    }
    return { files, problems };
  }

  function errorSummary($part, $firstInput) {
    // The tool's error summary: each line a link to the file control it is about.
    const $errors = $part.querySelector("[data-obc-errors]");
    const $list = $part.querySelector("[data-obc-error-list]");
    return {
      show(lines, { focus = false, $input = $firstInput } = {}) {
        if (!$errors || !$list) return;
        $list.replaceChildren(...lines.map((text) => {
          const $a = h("a", { href: `#${$input.id}` }, text);
          $a.addEventListener("click", (event) => {
            // Not followed as a link: Material's instant navigation would move the focus off the control.
            event.preventDefault();
            event.stopPropagation();
            $input.focus();
          });
          return h("li", {}, $a);
        }));
        $errors.hidden = !lines.length;
        if (focus && lines.length) $errors.focus();
      },
      clear() {
        if ($errors) $errors.hidden = true;
        if ($list) $list.replaceChildren();
      },
    };
  }

  function fileProblemLines(name, problems) {
    // "name: path: message", as the command line prints them.
    return problems.map((p) => `${name}: ${p.path && !p.path.startsWith("(") ? `${p.path}: ` : ""}${p.message}`);
  }

  function mergeTool(page) {
    const $part = page.$root.querySelector('.obc-team-tool[data-obc-part="merge"]');
    const $results = page.$root.querySelector("[data-obc-merge-results]");
    const $body = $results && $results.querySelector("[data-obc-merge-body]");
    const $input = $part && $part.querySelector("[data-obc-merge-files]");
    const $drop = $part && $part.querySelector("[data-obc-drop]");
    const $anonymous = $part && $part.querySelector("[data-obc-anonymous]");
    const state = { latest: null, files: [], unreadable: [], sequence: 0, disposed: false };
    if (!$part || !$results || !$body || !$input) return { dispose() {}, latest: null };
    const errors = errorSummary($part, $input);

    async function choose(list) {
      const read = await readFiles([...list]);
      if (state.disposed) return;
      state.files = read.files;
      state.unreadable = read.problems;
      merge(true);
    }

    async function merge(focus) {
      if (!state.files.length && !state.unreadable.length) return;
      const mine = ++state.sequence;
      const anonymous = Boolean($anonymous && $anonymous.checked);
      let answer;
      try {
        answer = state.files.length
          ? await engine.request("aggregate", { definition: page.definition, files: JSON.stringify(state.files), anonymous })
          : { ok: false, problems: [], files: [] };
      } catch (error) {
        answer = { ok: false, problems: [{ path: "(files)", message: `could not be merged (${error.message})` }], files: [] };
      }
      if (state.disposed || mine !== state.sequence) return;
      state.latest = answer;
      show(answer, focus);
    }

    function show(answer, focus) {
      const result = answer.ok ? answer.result : null;
      const bad = (answer.files || []).filter((f) => !f.ok);
      if (!result) {
        // Nothing could be merged: every reason, file by file.
        const lines = [...(answer.problems || []).map((p) => capital(p.message)), ...state.unreadable,
          ...bad.flatMap((f) => fileProblemLines(f.name, f.problems))];
        errors.show(lines, { focus });
        $results.hidden = true;
        $body.replaceChildren();
        page.say("No files were merged.");
        return;
      }
      errors.show(state.unreadable, { focus: focus && state.unreadable.length > 0 });
      $body.replaceChildren(...teamNodes(result));
      $results.hidden = false;
      const left = result.skipped.length + state.unreadable.length;
      page.say(`${result.respondents.length} ${plural(result.respondents.length, "file")} merged`
        + (left ? `; ${left} left out (see Files left out).` : "."));
    }

    async function exportCsv() {
      if (!state.latest || !state.latest.ok) return;
      try {
        const answer = await engine.request("aggregate-csv", { definition: page.definition,
          files: JSON.stringify(state.files), anonymous: Boolean($anonymous && $anonymous.checked) });
        if (answer.ok && typeof answer.csv === "string") download(`${page.id}-team.csv`, answer.csv, "text/csv");
      } catch (error) {
        console.error("obc: the team results could not be exported", error);
      }
    }

    function exportJson() {
      if (!state.latest || !state.latest.ok) return;
      download(`${page.id}-team.json`, `${JSON.stringify(state.latest.result, null, 2)}\n`, "application/json");
    }

    const onChange = () => {
      if ($input.files && $input.files.length) choose($input.files);
    };
    const onAnonymous = () => merge(false);
    const onClick = (event) => {
      const $button = event.target.closest("button");
      if (!$button) return;
      if ($button.matches("[data-obc-merge-csv]")) exportCsv();
      else if ($button.matches("[data-obc-merge-json]")) exportJson();
    };
    $input.addEventListener("change", onChange);
    if ($anonymous) $anonymous.addEventListener("change", onAnonymous);
    $results.addEventListener("click", onClick);
    if ($drop) dropZone($drop, choose);

    return {
      get latest() { return state.latest; },
      dispose() {
        state.disposed = true;
      },
    };
  }

  function dropZone($drop, onFiles) {
    // Files dropped on the zone, for those who drag them from a folder; the file control is the way in by
    // keyboard, and says so.
    const over = (event) => {
      if (!event.dataTransfer || ![...event.dataTransfer.types].includes("Files")) return;
      event.preventDefault();
      $drop.classList.add("obc-drop--over");
    };
    $drop.addEventListener("dragenter", over);
    $drop.addEventListener("dragover", over);
    $drop.addEventListener("dragleave", () => $drop.classList.remove("obc-drop--over"));
    $drop.addEventListener("drop", (event) => {
      $drop.classList.remove("obc-drop--over");
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      event.preventDefault();
      onFiles(event.dataTransfer.files);
    });
  }

  function compareTool(page) {
    const $part = page.$root.querySelector('.obc-team-tool[data-obc-part="compare"]');
    const $results = page.$root.querySelector("[data-obc-compare-results]");
    const $body = $results && $results.querySelector("[data-obc-compare-body]");
    const $before = $part && $part.querySelector("[data-obc-compare-before]");
    const $after = $part && $part.querySelector("[data-obc-compare-after]");
    const state = { latest: null, before: null, after: null, sequence: 0, disposed: false };
    if (!$part || !$results || !$body || !$before || !$after) return { dispose() {}, latest: null };
    const errors = errorSummary($part, $before);
    const sides = { before: $before, after: $after };
    const names = { before: "Baseline", after: "Later file" };

    async function choose(side) {
      const $input = sides[side];
      const file = $input.files && $input.files[0];
      state[side] = null;
      if (!file) return;
      const read = await readFiles([file]);
      if (state.disposed) return;
      if (read.problems.length) {
        errors.show(read.problems, { focus: true, $input });
        return;
      }
      state[side] = read.files[0];
      compare();
    }

    async function compare() {
      if (!state.before || !state.after) {
        errors.clear();
        page.say(state.before ? "Now choose the later file." : "Now choose the baseline file.");
        return;
      }
      const mine = ++state.sequence;
      let answer;
      try {
        answer = await engine.request("compare", { definition: page.definition, before: state.before.text,
          after: state.after.text });
      } catch (error) {
        answer = { ok: false, problems: [{ file: "before", path: "(file)", message: `could not be compared (${error.message})` }] };
      }
      if (state.disposed || mine !== state.sequence) return;
      state.latest = answer;
      show(answer);
    }

    function show(answer) {
      if (!answer.ok) {
        const lines = (answer.problems || []).map((p) => {
          const file = state[p.file];
          const who = file ? `${names[p.file]} (${file.name})` : capital(p.file || "");
          return fileProblemLines(who, [p])[0];
        });
        const first = (answer.problems || [])[0];
        errors.show(lines, { focus: true, $input: sides[first && first.file] || $before });
        $results.hidden = true;
        $body.replaceChildren();
        page.say("The files were not compared.");
        return;
      }
      errors.clear();
      $body.replaceChildren(...compareNodes(answer.result, state));
      $results.hidden = false;
      page.say(`Compared ${state.before.name} with ${state.after.name}.`);
    }

    async function exportCsv() {
      if (!state.latest || !state.latest.ok) return;
      try {
        const answer = await engine.request("compare-csv", { definition: page.definition, before: state.before.text,
          after: state.after.text });
        if (answer.ok && typeof answer.csv === "string") download(`${page.id}-comparison.csv`, answer.csv, "text/csv");
      } catch (error) {
        console.error("obc: the comparison could not be exported", error);
      }
    }

    $before.addEventListener("change", () => choose("before"));
    $after.addEventListener("change", () => choose("after"));
    $results.addEventListener("click", (event) => {
      if (event.target.closest("button[data-obc-compare-csv]")) exportCsv();
    });

    return {
      get latest() { return state.latest; },
      dispose() {
        state.disposed = true;
      },
    };
  }

  function plural(count, noun) {
    return count === 1 ? noun : `${noun}s`;
  }

  function dash(value) {
    return has(value) ? String(value) : "\u2013";
  }

  function signed(value) {
    if (typeof value !== "number") return "\u2013";
    return value > 0 ? `+${value}` : String(value);
  }

  // ---- Team results (Python's aggregate result, shown as it comes) ----

  function teamNodes(result) {
    const people = result.respondents || [];
    const nodes = [h("p", {}, `${result.assessment.title}, version ${result.assessment.version}: `,
      h("strong", {}, `${people.length} ${plural(people.length, "respondent")}`),
      result.anonymous ? " (anonymous)." : ".")];
    const notes = (result.context && result.context.notes) || [];
    if (notes.length) nodes.push(h("div", { class: "admonition note" }, notes.map((note) => h("p", {}, note))));
    if (Array.isArray(result.skipped) && result.skipped.length) nodes.push(skippedNodes(result.skipped));
    nodes.push(respondentNodes(result));
    if (result.matrix) nodes.push(teamAreaNodes(result.matrix, people));
    else if (result.classification) nodes.push(teamMixNodes(result.classification));
    else nodes.push(...teamMaturityNodes(result));
    return nodes.filter(Boolean);
  }

  function skippedNodes(skipped) {
    return h("div", { class: "admonition warning obc-skipped" },
      h("p", { class: "admonition-title" }, "Files left out"),
      h("p", {}, "These files have problems, so they were not merged. Put them right and choose all the files again."),
      h("ul", {}, skipped.map((s) => h("li", {}, h("strong", {}, s.file),
        h("ul", {}, s.problems.map((p) => h("li", {}, problemLine(p))))))));
  }

  function problemLine(problem) {
    // "path: message", or the message alone for the file as a whole.
    return problem.path && !problem.path.startsWith("(") ? `${problem.path}: ${problem.message}`
      : capital(problem.message);
  }

  function respondentNodes(result) {
    const caption = "Respondents";
    const mix = result.classification;
    const shares = mix ? Object.fromEntries(mix.respondents.map((r) => [r.respondent, r.outcome_share])) : {};
    const head = ["Respondent", "Role", "Model", mix ? "Outcome share" : "Own overall score", "Confidence"];
    return h("div", { class: "obc-figure" }, h("h3", {}, caption),
      table(caption, head, result.respondents.map((p) => [p.name, p.role_label || "Not given",
        has(p.model) ? `Model ${p.model}` : "Not decided", percent(mix ? shares[p.name] : p.percent),
        has(p.confidence) ? `${p.confidence}%` : "\u2013"]), "", true));
  }

  function teamMaturityNodes(result) {
    const names = result.respondents.map((p) => p.name);
    const overall = result.overall;
    const nodes = [h("h3", {}, "Overall"),
      has(overall.mean)
        ? h("p", { class: "obc-overall-score" }, "Team mean: ", h("strong", { "data-obc-overall": "" }, percent(overall.mean)),
          ` (median ${percent(overall.median)}; lowest ${percent(overall.min)}, highest ${percent(overall.max)}).`)
        : h("p", {}, "No respondent has rated an item yet.")];
    const sections = result.sections || [];
    const sectionCaption = "Score by section";
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, sectionCaption),
      chart(`${sectionCaption} (team mean)`, sections.map((s) => ({ label: s.title, value: s.mean }))),
      table(sectionCaption, ["Section", "Mean", "Median", "Range", ...names],
        sections.map((s) => [s.title, percent(s.mean), percent(s.median),
          has(s.range) ? `${s.min}% to ${s.max}% (${s.range} points)` : "\u2013",
          ...s.percents.map((c) => percent(c.percent))]), "", true)));
    nodes.push(disagreementNodes(result.disagreements || []));
    if ((result.roles || []).length) nodes.push(roleNodes(result.roles, sections));
    const items = result.items || [];
    nodes.push(h("h3", {}, "Each item"),
      h("p", {}, "Levels run from 0 (the lowest) up. Mean and median are of the levels given; \u201cNot asked\u201d "
        + "means the item did not apply to that person's model or scope."));
    for (const section of sections) {
      const rows = items.filter((i) => i.section === section.id);
      if (!rows.length) continue;
      const caption = `Items in \u201c${section.title}\u201d`;
      nodes.push(table(caption, ["Item", "Mean", "Median", "Range", ...names], rows.map((i) => [
        i.title, dash(i.mean), dash(i.median), has(i.range) ? `${i.min} to ${i.max} (${i.range})` : "\u2013",
        ...i.levels.map((c) => (c.asked ? c.label || "Not answered" : "Not asked"))]), "", true));
    }
    return nodes;
  }

  function disagreementNodes(disagreements) {
    const intro = "Items whose answers are two or more levels apart: worth talking through together.";
    if (!disagreements.length) {
      return h("div", {}, h("h3", {}, "Where answers differ most"),
        h("p", {}, "No item's answers are two or more levels apart."));
    }
    return h("div", { class: "obc-disagreements" }, h("h3", {}, "Where answers differ most"), h("p", {}, intro),
      h("ul", {}, disagreements.map((d) => h("li", {}, h("strong", {}, d.title),
        `: from ${d.min} (${d.lowest.join(", ")}) to ${d.max} (${d.highest.join(", ")}), ${d.range} levels apart.`))));
  }

  function roleNodes(roles, sections) {
    const caption = "By role";
    return h("div", { class: "obc-figure" }, h("h3", {}, caption),
      h("p", {}, "Each role's mean score, so that commissioners', providers' and people's own views can be set side by side."),
      table(caption, ["Role", "Respondents", "Overall", ...sections.map((s) => s.title)],
        roles.map((r) => [r.label, r.respondents.map((p) => p.name).join(", "), percent(r.percent),
          ...r.sections.map((s) => percent(s.percent))]), "", true));
  }

  function teamAreaNodes(matrix, people) {
    const caption = `${matrix.row_label}s in order of team priority`;
    const names = people.map((p) => p.name);
    return h("div", { class: "obc-figure" }, h("h3", {}, caption),
      h("p", {}, "Rank 1 has the highest mean score across the respondents who rated it. Each respondent's own rank and score follow."),
      chart(caption, matrix.areas.map((a) => ({ label: `${a.rank}. ${a.name}`, value: a.mean }))),
      table(caption, [matrix.row_label, "Team rank", "Mean", "Range", ...names],
        matrix.areas.map((a) => [a.name, a.rank, percent(a.mean), has(a.range) ? `${a.min}% to ${a.max}%` : "\u2013",
          ...a.ranks.map((c) => (c.rank ? `${c.rank} (${percent(c.percent)})` : "Not named"))]), "", true));
  }

  function teamMixNodes(mix) {
    const caption = "Everyone's measures by category";
    const nodes = [h("h3", {}, "Combined mix"),
      h("p", { class: "obc-overall-score" }, "Outcome measures: ", h("strong", { "data-obc-overall": "" },
        percent(mix.outcome_share)), ` of the ${mix.classified} measures with a category.`)];
    if (mix.flag && mix.flag.raised) {
      nodes.push(h("div", { class: "admonition warning obc-flag" },
        h("p", { class: "admonition-title" }, "Mostly not outcomes"), h("p", {}, mix.flag.message || "")));
    }
    nodes.push(chart(caption, mix.classes.map((c) => ({ label: c.label, value: c.percent }))),
      table(caption, ["Category", "Kind", "Measures", "Share"], mix.classes.map((c) => [c.label,
        c.outcome ? "Outcome" : "Not an outcome", c.count, percent(c.percent)])));
    return h("div", { class: "obc-figure" }, nodes);
  }

  // ---- A comparison (Python's compare result, shown as it comes) ----

  function compareNodes(result, files) {
    const titles = Object.fromEntries((result.items || []).map((i) => [i.id, i.title]));
    const nodes = [compareHeader(result, files)];
    if (result.assessment.kind === "maturity") nodes.push(compareOverall(result.overall));
    if ((result.sections || []).length) {
      const caption = result.assessment.kind === "matrix" ? "Each criterion, before and after" : "Score by section, before and after";
      nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption),
        table(caption, ["Section", "Before", "After", "Change"], result.sections.map((s) => [s.title,
          percent(s.before), percent(s.after), signed(s.change)]))));
    }
    nodes.push(changeListNodes(result, titles));
    if ((result.items || []).length) {
      const caption = "Each item, before and after";
      nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption),
        table(caption, ["Item", "Before", "After", "Change", "Movement"], result.items.map((i) => [i.title,
          i.before_label || statusText(i.before_status), i.after_label || statusText(i.after_status),
          signed(i.change), i.movement]))));
    }
    if (result.matrix) nodes.push(compareAreaNodes(result.matrix));
    if (result.classification) nodes.push(compareMixNodes(result.classification));
    return nodes.filter(Boolean);
  }

  function statusText(status) {
    return { "not-asked": "Not asked", unanswered: "Not answered", skipped: "Not answered", na: "Not applicable",
      unknown: "Don't know" }[status] || "Not answered";
  }

  function compareHeader(result, files) {
    const rows = ["before", "after"].map((side) => {
      const info = result[side];
      const who = info.respondent && info.respondent.name ? info.respondent.name : "not named";
      return [side === "before" ? "Baseline" : "Later", `${files[side].name} (version ${result[`${side}_version`]}; `
        + `answered by ${who})`];
    });
    const notes = [];
    if (result.before_version !== result.definition_version || result.after_version !== result.definition_version) {
      notes.push(`The assessment is now version ${result.definition_version}; a file for another version is `
        + "compared on the items both still have.");
    }
    if (result.context_changed) notes.push("The model or scope chosen changed, so different items may have been asked.");
    return h("div", {}, h("dl", { class: "obc-dl" }, rows.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
      notes.length ? h("div", { class: "admonition note" }, notes.map((note) => h("p", {}, note))) : null);
  }

  function compareOverall(overall) {
    return h("div", { class: "obc-overall" }, h("h3", {}, "Overall"),
      h("p", { class: "obc-overall-score" }, "Before ", h("strong", {}, percent(overall.before)),
        ", after ", h("strong", { "data-obc-overall": "" }, percent(overall.after)),
        ": change ", h("strong", { "data-obc-change": "" }, signed(overall.change)), " points."),
      overall.before_band && overall.after_band
        ? h("p", {}, `From \u201c${overall.before_band.label}\u201d to \u201c${overall.after_band.label}\u201d.`) : null);
  }

  function changeListNodes(result, titles) {
    const lists = [["improved", "Improved"], ["slipped", "Slipped"], ["unchanged", "Unchanged"],
      ["new", "New since the baseline (in the assessment now, not then)"]];
    const nodes = [];
    for (const [key, title] of lists) {
      const ids = result[key] || [];
      if (!ids.length) continue;
      nodes.push(h("h4", {}, `${title} (${ids.length})`), h("ul", { "data-obc-list": key },
        ids.map((id) => h("li", {}, titles[id] || id))));
    }
    if ((result.removed || []).length) {
      nodes.push(h("div", { class: "admonition warning obc-removed" },
        h("p", { class: "admonition-title" }, "No longer in the assessment"),
        h("p", {}, "The assessment changed between the two files. These answers are for items it no longer has, "
          + "so they were left out of the comparison:"),
        h("ul", { "data-obc-list": "removed" }, result.removed.map((r) => h("li", {},
          `${r.id} (${r.part === "plan" ? "action plan" : "answer"} in the ${r.file === "before" ? "baseline" : "later"} file)`)))));
    }
    if (!nodes.length) return null;
    return h("div", { class: "obc-changes" }, h("h3", {}, "What moved"), nodes);
  }

  function compareAreaNodes(matrix) {
    const caption = `${matrix.row_label}s, before and after`;
    return h("div", { class: "obc-figure" }, h("h3", {}, caption),
      table(caption, [matrix.row_label, "Before", "After", "Change", "Rank before", "Rank after"],
        matrix.areas.map((a) => [a.name, percent(a.before), percent(a.after), signed(a.change), dash(a.before_rank),
          dash(a.after_rank)])));
  }

  function compareMixNodes(mix) {
    const caption = "Measures by category, before and after";
    const share = mix.outcome_share;
    return h("div", { class: "obc-figure" }, h("h3", {}, "Measure mix"),
      h("p", { class: "obc-overall-score" }, `Outcome share: ${percent(share.before)} before, `,
        h("strong", { "data-obc-overall": "" }, percent(share.after)), ` after (change ${signed(share.change)}).`),
      table(caption, ["Category", "Before", "After", "Share before", "Share after", "Change in share"],
        mix.classes.map((c) => [c.label, c.before, c.after, percent(c.before_percent), percent(c.after_percent),
          signed(c.change)])));
  }

  // ---- Printing: the date, and the working opened out ----

  const opened = [];
  window.addEventListener("beforeprint", () => {
    const date = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    for (const $el of document.querySelectorAll("[data-obc-printed]")) $el.textContent = `Printed on ${date}.`;
    for (const $details of document.querySelectorAll(".obc-results details:not([open])")) {
      $details.open = true;
      opened.push($details);
    }
  });
  window.addEventListener("afterprint", () => {
    for (const $details of opened.splice(0)) $details.open = false;
  });

  // ---- Per page ----

  let page = null;
  function onPage() {
    if (page) page.dispose();
    page = setUp() || setUpTeam();
    window.obcPage = page;
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
