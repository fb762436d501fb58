// A comparison (obc_assess.compare, through the worker) shown as it comes: who and when each file is, Python's
// warnings first, then what moved. Every label and sentence is Python's; the page's <template>s give the markup.

import { h, table } from "./dom.mjs";
import { items, part, percent, signed } from "./team-parts.mjs";

const LISTS = [["improved", "Improved"], ["slipped", "Slipped"], ["unchanged", "Unchanged"],
  ["new", "New since the baseline (in the assessment now, not then)"]];

export function compareNodes($root, result, files) {
  const titles = Object.fromEntries((result.items || []).map((i) => [i.id, i.title]));
  const side = (key) => {
    const who = result[key].who;
    return `${files[key].name}: answered by ${who.name || "not named"}${who.role_label ? ` (${who.role_label})` : ""}, `
      + `${who.date_label}; version ${result[`${key}_version`]}`;
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
        ? `From \u201c${o.before_band.label}\u201d to \u201c${o.after_band.label}\u201d.` : "" }));
  }
  if ((result.sections || []).length) {
    const caption = result.assessment.kind === "matrix" ? "Each criterion, before and after"
      : "Score by section, before and after";
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption), table(caption, ["Section", "Before", "After",
      "Change"], result.sections.map((s) => [s.title, percent(s.before), percent(s.after), signed(s.change)]))));
  }
  const moved = LISTS.filter(([key]) => (result[key] || []).length).flatMap(([key, title]) => [
    h("h4", {}, `${title} (${result[key].length})`),
    h("ul", { "data-obc-list": key }, items(result[key].map((id) => titles[id] || id)))]);
  if (moved.length) nodes.push(part($root, "compare-moved", { list: moved }));
  if ((result.removed || []).length) {
    nodes.push(part($root, "compare-removed", { list: items(result.removed.map((r) => `${r.id} (${r.part === "plan"
      ? "action plan" : "answer"} in the ${r.file === "before" ? "baseline" : "later"} file)`)) }));
  }
  if ((result.items || []).length) {
    const caption = "Each item, before and after";
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption), table(caption, ["Item", "Before", "After",
      "Change", "Movement"], result.items.map((i) => [i.title, i.before_text, i.after_text, signed(i.change),
      i.movement]), { scroll: true })));
  }
  if (result.matrix) {
    const m = result.matrix;
    const caption = `${m.row_label}s, before and after`;
    nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption), table(caption, [m.row_label, "Before", "After",
      "Change", "Rank before", "Rank after"], m.areas.map((a) => [a.name, percent(a.before), percent(a.after),
      signed(a.change), a.before_rank ?? "\u2013", a.after_rank ?? "\u2013"]))));
  }
  if (result.classification) {
    const block = result.classification;
    const share = block.outcome_share;
    const caption = "Measures by category, before and after";
    nodes.push(part($root, "compare-mix", { before: percent(share.before), after: percent(share.after),
      change: signed(share.change) }), table(caption, ["Category", "Before", "After", "Share before", "Share after",
      "Change in share"], block.classes.map((c) => [c.label, c.before, c.after, percent(c.before_percent),
      percent(c.after_percent), signed(c.change)])));
  }
  return nodes;
}
