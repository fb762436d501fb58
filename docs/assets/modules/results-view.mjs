// The results section: what Python worked out, put on the page. Every figure, label and reason is Python's and
// every other word is in the page's build-time <template>s (assessment_results.html.j2): this module clones
// them, fills their data-slot parts and leaves out the parts a result has nothing for.

import { chart, fromTemplate, h } from "./dom.mjs";
import { evidenceNodes } from "./evidence-view.mjs";

/** Fill a clone's [data-slot] parts: text for a string or number, children for nodes, removed for null. */
export function fill($part, slots) {
  for (const [slot, value] of Object.entries(slots)) {
    const selector = `[data-slot="${slot}"]`;
    const $slot = $part.matches(selector) ? $part : $part.querySelector(selector);
    if (!$slot || value === undefined) continue;
    if (value === null || value === false) $slot.remove();
    else if (Array.isArray(value)) $slot.replaceChildren(...value.flat(Infinity).filter((v) => v != null));
    else if (value instanceof Node) $slot.replaceChildren(value);
    else $slot.textContent = String(value);
  }
  return $part;
}

/** Table body rows from arrays of cells: the first cell of each row is its header. */
function rows(list) {
  return list.map((cells) => h("tr", {}, cells.map((cell, i) => (i === 0 ? h("th", { scope: "row" }, cell)
    : h("td", {}, cell)))));
}

/** The chart inside a template's chart slot, named and worded by the slot's own attributes. */
function chartIn($part, entries) {
  const $slot = $part.querySelector('[data-slot="chart"]');
  if ($slot) {
    $slot.replaceChildren(chart(null, entries, { label: $slot.dataset.obcChartLabel, noScore: $slot.dataset.obcNoScore }));
  }
}

function has(value) {
  return value !== null && value !== undefined && value !== "";
}

/** The ranked areas, then those with too few answers to rank (listed apart), then what the flag means. */
function areaNodes(block, part, percent, words) {
  if (!block.areas.length) return [part("result-areas-empty")];
  const name = (a) => a.name || words["no-name"];
  const flag = block.flag;
  // The flag criterion's verdict, beside the rank: Python's words, raised or clear.
  const cells = (a) => [percent(a.confidence), a.rated_label, a.unknown,
    ...(flag ? [a.flag ? a.flag.label : words.none] : [])];
  const ranked = block.areas.filter((a) => a.rank !== null);
  const unranked = block.areas.filter((a) => a.rank === null);
  const nodes = [];
  if (ranked.length) {
    const $part = part("result-areas", { "flag-head": flag ? flag.title : null,
      rows: rows(ranked.map((a) => [name(a), a.rank, percent(a.percent), ...cells(a)])) });
    chartIn($part, ranked.map((a) => ({ label: `${a.rank}. ${name(a)}`, value: a.percent })));
    nodes.push($part);
  }
  if (unranked.length) {
    nodes.push(part("result-areas-unranked", { title: block.unranked_label, caption: block.unranked_label,
      intro: block.unranked_intro, "flag-head": flag ? flag.title : null,
      rows: rows(unranked.map((a) => [name(a), ...cells(a)])) }));
  }
  if (flag) nodes.push(part("result-flag-note", { note: flag.note, quote: flag.quote, cite: flag.cite }));
  return nodes;
}

function mixNodes(block, part, percent, link) {
  const $part = part("result-mix", {
    share: percent(block.outcome_share), "share-label": block.share_label,
    flag: block.flag.raised ? undefined : null, "flag-message": block.flag.message || "",
    rows: rows(block.classes.map((c) => [link(c, c.label), c.kind_label, c.count, percent(c.percent)])),
    measures: block.measures.length ? undefined : null,
    "measure-rows": rows(block.measures.map((m) => [m.name, m.category_label])),
  });
  chartIn($part, block.classes.map((c) => ({ label: c.label, value: c.percent })));
  return $part;
}

function sectionNodes(sections, kind, part, percent, words) {
  const matrix = kind === "matrix";
  const $part = part("result-sections", { rows: rows(sections.map((s) => [
    s.optional ? `${s.title} ${words.optional}` : (s.display_title || s.title), percent(s.percent), s.rated_label,
    // A matrix's scale has no "not applicable": no column for it.
    ...(matrix ? [] : [s.na]), s.unknown, s.unanswered])) });
  chartIn($part, sections.map((s) => ({ label: s.title, value: s.percent })));
  return $part;
}

function priorityNodes(priorities, part, link, $root) {
  const entry = (p) => part("result-priority", {
    topic: link(p, p.topic),
    now: p.level_label ? undefined : null, level: p.level_label,
    // An item's own next steps, drawn from the sources, say more than the scale's wording of the next level.
    steps: p.next_steps.length ? p.next_steps.map((step) => h("li", {}, step.text,
      step.cite ? h("span", { class: "obc-hint" }, ` (${step.cite})`) : "")) : null,
    "target-line": !p.next_steps.length && p.target ? undefined : null,
    target: p.target ? p.target.label : undefined,
    descriptor: p.target && p.target.descriptor ? ` \u2014 ${p.target.descriptor}` : null,
    reason: p.reason || null,
  });
  const $part = part("result-priorities");
  // "Show all" holds until the page is left: the results are drawn again after every answer. Every priority is in
  // the list; those past the shortlist wait on screen until "Show all", and always print (issue 31: paper showed
  // "the first 5 of 18" and never the other 13).
  const shortlist = $root.dataset.obcShowAll === "true" ? priorities.length
    : Number($part.dataset.obcShortlist) || priorities.length;
  const more = priorities.length > shortlist;
  const entries = priorities.map(entry);
  for (const $entry of entries.slice(shortlist)) $entry.classList.add("obc-on-paper");
  fill($part, { list: entries, shortlist: more ? undefined : null,
    shown: shortlist, count: priorities.length, more: more ? undefined : null, all: priorities.length });
  const $more = $part.querySelector("[data-obc-show-all]");
  if ($more) {
    $more.addEventListener("click", () => {
      $root.dataset.obcShowAll = "true";
      for (const $entry of entries) $entry.classList.remove("obc-on-paper");
      $more.closest('[data-slot="more"]').remove();
      const $hint = $part.querySelector('[data-slot="shortlist"]');
      if ($hint) $hint.remove();
      const $first = entries[shortlist];
      const $target = $first && ($first.querySelector("a") || $first);
      if ($target) {
        if (!$target.matches("a")) $target.tabIndex = -1;
        $target.focus();
      }
    });
  }
  return $part;
}

/** An action's status as Python words it, whether it is overdue, and where it was carried from (Python's words). */
function planState(p, words) {
  const state = [p.status_label || ""];
  if (p.overdue) state.push(`(${words.overdue})`);
  if (p.carried_label) state.push(`(${p.carried_label})`);
  return state.filter(Boolean).join(" ");
}

function workingNodes(result, part, words) {
  const working = result.working;
  const points = (value) => (value === null || value === undefined ? words.none : String(value));
  const items = (working.items || []).filter((i) => i.status !== "not-asked");
  const cells = result.assessment.kind === "matrix"
    ? items.map((c) => [c.area || words["no-name"], c.title, c.answer_label, c.weight, points(c.contribution), c.reason])
    : items.map((i) => [i.title, i.answer_label, i.weight, points(i.contribution), i.reason]);
  return part("result-working", {
    explanation: working.explanation,
    "evidence-rule": result.evidence && result.evidence.rule ? result.evidence.rule : null,
    rules: result.band_rules.length ? undefined : null,
    "rule-list": result.band_rules.map((rule) => h("li", {}, rule)),
    rows: rows(cells),
  });
}

/** A band in the legend: its mark (your band, or the band your answers reach) and its threshold, in Python's words. */
function legendEntry(band) {
  return h("li", { "data-obc-band": band.id }, band.mark ? [h("strong", { class: "obc-tag" }, band.mark), " "] : null,
    band.rule);
}

/**
 * @param {{result: object, $root: Element, siteRoot: string}} input
 * @returns {Node[]}
 */
export function resultNodes({ result, $root, siteRoot }) {
  const words = Object.fromEntries([...(fromTemplate($root, "result-words") || h("dl", {})).querySelectorAll("dt")]
    .map(($dt) => [$dt.textContent, $dt.nextElementSibling.textContent]));
  const part = (name, slots = {}) => {
    const $part = fromTemplate($root, name);
    return $part ? fill($part, slots) : null;
  };
  const percent = (value) => (typeof value === "number" ? `${value}%` : words["no-score"]);
  const link = (entry, text) => (entry.guidance_url ? h("a", { href: new URL(entry.guidance_url, siteRoot).href }, text) : text);
  const kind = result.assessment.kind;
  const overall = result.overall;
  const nodes = [
    part("result-about", { list: result.about.map((row) => [h("dt", {}, row.term), h("dd", {}, row.value)]) }),
    result.version_notice ? part("result-version", { text: result.version_notice }) : null,
    part("result-overall", {
      percent: percent(overall.percent), band: overall.band ? undefined : null,
      "band-label": overall.band ? overall.band.label : undefined,
      // Python's one sentence first (issue 31): the score, the band and what it means, or the rule that holds it
      // lower, or what split answers are, or why there is no band.
      headline: has(overall.headline) ? overall.headline : null,
      // Python words why the band is what it is: earned, held lower by a rule, or not enough answers for one.
      reason: has(overall.band_reason) ? overall.band_reason : null,
      // The bands beside it, lowest first, each with its threshold, the one given marked: Python's words.
      legend: result.band_legend ? undefined : null,
      "legend-intro": result.band_legend ? result.band_legend.intro : undefined,
      "legend-list": result.band_legend ? result.band_legend.bands.map(legendEntry) : undefined,
      "na-line": has(overall.na_line) ? overall.na_line : null,
      "confidence-line": has(overall.confidence) ? undefined : null,
      confidence: has(overall.confidence) ? `${overall.confidence}%` : undefined,
      counts: overall.counts_label,
      "evidence-sentence": result.evidence && has(result.evidence.sentence) ? result.evidence.sentence : null,
    }),
  ];
  if (result.extras.length) {
    nodes.push(part("result-extras", { rows: rows(result.extras.map((e) => [e.title, percent(e.percent),
      e.band ? e.band.label : words["no-band"], e.rated_label, e.band_why || ""])) }));
  }
  if (result.matrix) nodes.push(...areaNodes(result.matrix, part, percent, words));
  if (result.classification) nodes.push(mixNodes(result.classification, part, percent, link));
  if (result.sections.length) nodes.push(sectionNodes(result.sections, kind, part, percent, words));
  if (result.priorities.length) nodes.push(priorityNodes(result.priorities, part, link, $root));
  if (result.evidence_gaps.length) {
    nodes.push(part("result-gaps", { list: result.evidence_gaps.map((g) => h("li", {}, link(g, g.title),
      g.area ? ` (${g.area})` : "")) }));
  }
  nodes.push(...evidenceNodes(result.evidence, part, link));
  if (result.plan.length) {
    nodes.push(part("result-plan", { rows: rows(result.plan.map((p) => [link(p, p.title),
      p.level_label || words["not-answered"], p.target_label || words["not-set"], p.action, p.owner, p.due,
      planState(p, words), p.review || ""])) }));
  }
  if (result.notes.length) {
    nodes.push(part("result-notes", { list: result.notes.map((n) => [h("dt", {}, n.title), h("dd", {}, n.note)]) }));
  }
  nodes.push(workingNodes(result, part, words));
  return nodes.filter(Boolean);
}

