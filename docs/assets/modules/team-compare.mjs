// The compare tool (data-module="obc-team-compare"): a baseline and a later file, compared by Python
// (obc_assess.core.api.compare_json), with its warnings about who and when shown first.

import { DOCX_TYPE, csvText, download, fileName, fromBase64, today } from "./files.mjs";
import { readFiles } from "./team-files.mjs";
import { fileLine } from "./problems.mjs";
import { errorSummary, say } from "./team-parts.mjs";
import { compareNodes } from "./compare-view.mjs";
import { word } from "./words.mjs";

const NAMES = { before: "compare.baseline", after: "compare.later" };

/** @param {HTMLElement} $root @param {{client: {request: Function}}} deps */
export function startCompare($root, { client }) {
  const sides = { before: $root.querySelector("[data-obc-compare-before]"),
    after: $root.querySelector("[data-obc-compare-after]") };
  const $results = $root.querySelector("[data-obc-compare-results]");
  const $body = $root.querySelector("[data-obc-compare-body]");
  if (!sides.before || !sides.after || !$results || !$body) return null;
  const id = $root.dataset.obcTeam;
  const definition = new URL($root.dataset.obcDefinition, document.baseURI).href;
  const maxBytes = Number($root.dataset.obcMaxBytes);
  const errors = errorSummary($root, sides.before);
  const state = { before: null, after: null, latest: null, sequence: 0, disposed: false };
  // Each file as read (its bytes, or why this browser could not read it): Python reads the bytes as text.
  const ask = (type) => client.request(type, { definition, before: state.before.sent, after: state.after.sent });

  function show(answer) {
    if (!answer.ok) {
      const problems = answer.problems || [];
      errors.show(problems.map((p) => {
        const file = state[p.file];
        return fileLine(file ? `${word(NAMES[p.file])} (${file.name})` : p.file, p);
      }), { focus: true, $input: sides[problems[0] && problems[0].file] || sides.before });
      $results.hidden = true;
      $body.replaceChildren();
      say($root, word("compare.not-compared"));
      return;
    }
    errors.clear();
    $body.replaceChildren(...compareNodes($root, answer.result, state));
    $results.hidden = false;
    const warned = answer.result.warnings.length;
    const names = { before: state.before.name, after: state.after.name, count: warned };
    say($root, word(warned > 1 ? "compare.done-warnings" : warned ? "compare.done-one-warning" : "compare.done", names));
  }

  async function compare() {
    if (!state.before || !state.after) {
      errors.clear();
      say($root, word(state.before ? "compare.choose-later" : "compare.choose-baseline"));
      return;
    }
    const mine = ++state.sequence;
    let answer;
    try {
      answer = await ask("compare");
    } catch (error) {
      answer = { ok: false, problems: [{ file: "before", message: word("compare.failed", { reason: error.message }) }] };
    }
    if (state.disposed || mine !== state.sequence) return;
    state.latest = answer;
    show(answer);
  }

  async function choose(side) {
    const $input = sides[side];
    const file = $input.files && $input.files[0];
    state[side] = null;
    if (!file) return;
    const [read] = await readFiles([file], maxBytes);
    if (state.disposed) return;
    const { name, ...sent } = read;
    state[side] = { name, sent };
    await compare();
  }

  async function exportCsv() {
    if (!state.latest || !state.latest.ok) return;
    try {
      const answer = await ask("compare-csv");
      if (answer.ok) download(fileName([id, word("file.comparison"), today()], "csv"), csvText(answer.csv), "text/csv");
    } catch (error) {
      console.error("obc: the comparison could not be exported", error);
    }
  }

  async function exportDocx() {
    if (!state.latest || !state.latest.ok) return;
    try {
      const answer = await client.request("compare-docx", { definition, before: state.before.sent,
        after: state.after.sent, names: [state.before.name, state.after.name] });
      if (answer.ok) download(fileName([id, word("file.comparison"), today(), word("file.report")], "docx"), fromBase64(answer.docx), DOCX_TYPE);
    } catch (error) {
      console.error("obc: the comparison report could not be made", error);
    }
  }

  sides.before.addEventListener("change", () => choose("before"));
  sides.after.addEventListener("change", () => choose("after"));
  $root.addEventListener("click", (event) => {
    if (event.target.closest("button[data-obc-compare-csv]")) exportCsv();
    else if (event.target.closest("button[data-obc-compare-docx]")) exportDocx();
  });

  return {
    get latest() { return state.latest; },
    dispose() { state.disposed = true; },
  };
}
