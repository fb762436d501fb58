// The merge tool (data-module="obc-team-merge"): files chosen or dropped are added to those merged so far,
// Python merges them (obc_assess.core.api.aggregate_json) and the result is shown; exports are Python's own text.

import { DOCX_TYPE, csvText, download, fileName, fromBase64, today } from "./files.mjs";
import { dropZone, readFiles } from "./team-files.mjs";
import { fileLine, problemLine } from "./problems.mjs";
import { errorSummary, items, say } from "./team-parts.mjs";
import { teamNodes } from "./team-view.mjs";
import { word } from "./words.mjs";

/** @param {HTMLElement} $root @param {{client: {request: Function}}} deps */
export function startMerge($root, { client }) {
  const $input = $root.querySelector("[data-obc-merge-files]");
  const $results = $root.querySelector("[data-obc-merge-results]");
  const $body = $root.querySelector("[data-obc-merge-body]");
  const $anonymous = $root.querySelector("[data-obc-anonymous]");
  const $chosen = $root.querySelector("[data-obc-chosen]");
  if (!$input || !$results || !$body) return null;
  const id = $root.dataset.obcTeam;
  const definition = new URL($root.dataset.obcDefinition, document.baseURI).href;
  const maxBytes = Number($root.dataset.obcMaxBytes);
  const errors = errorSummary($root, $input);
  const state = { files: [], latest: null, sequence: 0, disposed: false };
  const ask = (type) => client.request(type, { definition, files: JSON.stringify(state.files),
    anonymous: Boolean($anonymous && $anonymous.checked) });

  function showChosen() {
    if (!$chosen) return;
    $chosen.hidden = !state.files.length;
    const count = state.files.length;
    $chosen.querySelector("[data-obc-chosen-count]").textContent = word(count === 1 ? "merge.chosen-one" : "merge.chosen",
      { count });
    $chosen.querySelector("[data-obc-chosen-list]").replaceChildren(...items(state.files.map((f) => f.name)));
  }

  function show(answer, focus) {
    if (!answer.ok) {
      // Nothing could be merged: every reason, file by file.
      const bad = (answer.files || []).filter((f) => !f.ok);
      errors.show([...(answer.problems || []).map(problemLine),
        ...bad.flatMap((f) => f.problems.map((p) => fileLine(f.name, p)))], { focus });
      $results.hidden = true;
      $body.replaceChildren();
      say($root, word("merge.not-merged"));
      return;
    }
    errors.clear();
    $body.replaceChildren(...teamNodes($root, answer.result));
    $results.hidden = false;
    say($root, answer.result.summary);
  }

  async function merge(focus) {
    if (!state.files.length) return;
    const mine = ++state.sequence;
    let answer;
    try {
      answer = await ask("aggregate");
    } catch (error) {
      answer = { ok: false, problems: [{ message: word("merge.failed", { reason: error.message }) }], files: [] };
    }
    if (state.disposed || mine !== state.sequence) return;
    state.latest = answer;
    show(answer, focus);
  }

  async function add(list) {
    const read = await readFiles([...list], maxBytes);
    if (state.disposed) return;
    state.files = [...state.files, ...read]; // a file chosen again is Python's to name and count once
    showChosen();
    await merge(true);
  }

  function clear() {
    state.files = [];
    state.latest = null;
    state.sequence += 1;
    $input.value = "";
    errors.clear();
    $results.hidden = true;
    $body.replaceChildren();
    showChosen();
    say($root, word("merge.cleared"));
    $input.focus();
  }

  async function exportAs(type, extension, mime) {
    if (!state.latest || !state.latest.ok) return;
    try {
      const answer = await ask(type);
      if (!answer.ok) return;
      const text = extension === "csv" ? csvText(answer.csv) : extension === "docx" ? fromBase64(answer.docx) : answer.json;
      download(fileName([id, word("file.team"), today()], extension), text, mime);
    } catch (error) {
      console.error("obc: the team results could not be exported", error);
    }
  }

  $input.addEventListener("change", () => {
    if ($input.files && $input.files.length) add($input.files).finally(() => { $input.value = ""; });
  });
  if ($anonymous) $anonymous.addEventListener("change", () => merge(false));
  $root.addEventListener("click", (event) => {
    const $button = event.target.closest("button");
    if (!$button) return;
    if ($button.matches("[data-obc-merge-csv]")) exportAs("aggregate-csv", "csv", "text/csv");
    else if ($button.matches("[data-obc-merge-json]")) exportAs("aggregate-json", "json", "application/json");
    else if ($button.matches("[data-obc-merge-docx]")) exportAs("aggregate-docx", "docx", DOCX_TYPE);
    else if ($button.matches("[data-obc-merge-clear]")) clear();
  });
  const $drop = $root.querySelector("[data-obc-drop]");
  if ($drop) dropZone($drop, add);

  return {
    get latest() { return state.latest; },
    get files() { return state.files; },
    dispose() { state.disposed = true; },
  };
}
