// A comparison (obc_assess.core.compare, through the worker) shown as it comes: who and when each file is, Python's
// warnings first, then what moved. Every label and sentence about the answers is Python's, the interface's words
// are the page's (words.mjs) and its <template>s give the markup.

import { h, table } from "./dom.mjs";
import { items, part, percent, signed } from "./team-parts.mjs";
import { lower, word } from "./words.mjs";

const LISTS = [["improved", "compare.improved"], ["slipped", "compare.slipped"], ["unchanged", "compare.unchanged"],
  ["new", "compare.new"]];

/** What a removed entry was and in which file: its words. */
const REMOVED = { plan: { before: "compare.removed-plan-before", after: "compare.removed-plan-after" },
  answer: { before: "compare.removed-answer-before", after: "compare.removed-answer-after" } };

/** The actions done, overdue and dropped between the two files: each list shown when it has an entry. */
function actionNodes($root, actions) {
  const { done = [], overdue = [], dropped = [] } = actions;
  if (!done.length && !overdue.length && !dropped.length) return [];
  const line = (a, extra) => `${a.title}: ${a.action}${a.owner ? ` (${a.owner})` : ""}${extra ? ` — ${extra}` : ""}`;
  const $part = part($root, "compare-actions", {
    done: items(done.map((a) => line(a, a.after_label))),
    overdue: items(overdue.map((a) => line(a, word("compare.due-status", { due: a.due, status: a.status_label })))),
    dropped: items(dropped.map((a) => line(a, a.review))),
  });
  for (const [key, list] of Object.entries({ done, overdue, dropped })) {
    if (!list.length) $part.querySelector(`[data-obc-actions-part="${key}"]`).remove();
  }
  return [$part];
}

export function compareNodes($root, result, files) {
  const titles = Object.fromEntries((result.items || []).map((i) => [i.id, i.title]));
  const side = (key) => {
    const who = result[key].who;
    return word(who.role_label ? "compare.side-role" : "compare.side", { file: files[key].name,
      name: who.name || word("compare.not-named"), role: who.role_label, date: who.date_label,
      version: result[`${key}_version`] });
  };
  const nodes = [part($root, "compare-files", { before: side("before"), after: side("after") })];
  if ((result.warnings || []).length) {
    nodes.push(part($root, "compare-warnings", { list: items(result.warnings.map((w) => w.message)) }));
  }
  if ((result.notes || []).length) nodes.push(part($root, "notes", { list: items(result.notes, "p") }));
  if (result.assessment.kind === "maturity") {
    const o = result.overall;
    nodes.push(part($root, "compare-overall", { before: percent(o.before), after: percent(o.after),
      change: signed(o.change), bands: o.before_band && o.after_band
        ? word("compare.bands", { before: o.before_band.label, after: o.after_band.label }) : "" }));
  }
  if ((result.sections || []).length) {
    const caption = word(result.assessment.kind === "matrix" ? "compare.criteria-caption" : "compare.sections-caption");
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption), table(caption, [word("compare.section"),
      word("compare.before"), word("compare.after"), word("compare.change")], result.sections.map((s) => [s.title, percent(s.before), percent(s.after), signed(s.change)]))));
  }
  const moved = LISTS.filter(([key]) => (result[key] || []).length).flatMap(([key, title]) => [
    h("h4", {}, `${word(title)} (${result[key].length})`),
    h("ul", { "data-obc-list": key }, items(result[key].map((id) => titles[id] || id)))]);
  if (moved.length) nodes.push(part($root, "compare-moved", { list: moved }));
  if ((result.removed || []).length) {
    nodes.push(part($root, "compare-removed", { list: items(result.removed.map((r) => word(
      REMOVED[r.part === "plan" ? "plan" : "answer"][r.file === "before" ? "before" : "after"], { id: r.id }))) }));
  }
  if ((result.items || []).length) {
    const caption = word("compare.items-caption");
    // Maturity: each item's action and its status in the later file, beside the change in level (Python's words).
    const actions = Boolean(result.actions);
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption), table(caption, [word("compare.item"),
      word("compare.before"), word("compare.after"), word("compare.change"), word("compare.movement"),
      ...(actions ? [word("compare.action")] : [])], result.items.map((i) => [i.title, i.before_text, i.after_text,
      signed(i.change), i.movement, ...(actions ? [i.action_text || ""] : [])]), { scroll: true })));
  }
  if (result.actions) nodes.push(...actionNodes($root, result.actions));
  if (result.matrix) {
    const m = result.matrix;
    const caption = word("compare.areas-caption", { row: lower(m.row_label) });
    // Rank cells and flags are Python's words: a rank, "Not ranked" (too few answers), or a dash (not in the file).
    const flag = m.flag_title;
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption), table(caption, [m.row_label,
      word("compare.before"), word("compare.after"), word("compare.change"), word("compare.rank-before"),
      word("compare.rank-after"), ...(flag ? [word("compare.flag-before", { title: flag }),
        word("compare.flag-after", { title: flag })] : [])], m.areas.map((a) => [a.name, percent(a.before),
      percent(a.after), signed(a.change), a.before_rank_text, a.after_rank_text,
      ...(flag ? [a.before_flag || "\u2013", a.after_flag || "\u2013"] : [])]))));
  }
  if (result.classification) {
    const block = result.classification;
    const share = block.outcome_share;
    const caption = word("compare.measures-caption");
    nodes.push(part($root, "compare-mix", { before: percent(share.before), after: percent(share.after),
      change: signed(share.change) }), table(caption, [word("compare.category"), word("compare.before"),
      word("compare.after"), word("compare.share-before"), word("compare.share-after"), word("compare.change-in-share")],
    block.classes.map((c) => [c.label, c.before, c.after, percent(c.before_percent),
      percent(c.after_percent), signed(c.change)])));
  }
  return nodes;
}
