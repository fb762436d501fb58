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
    page = setUpTeam();
    window.obcPage = page;
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(onPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
  else onPage();
})();
