// The results section: what Python worked out, put on the page. Every figure, label and reason is Python's;
// this module only lays them out (headings, a chart with its data table, the working).

import { chart, h, table } from "./dom.mjs";

/** How many priorities show before "Show all" (a shortlist people act on). */
export const SHORTLIST = 5;

function has(value) {
  return value !== null && value !== undefined && value !== "";
}

function percent(value) {
  return typeof value === "number" ? `${value}%` : "no score yet";
}

function points(value) {
  return value === null || value === undefined ? "\u2013" : String(value);
}

/**
 * @param {{result: object, context: Array<[string, string]>, notes: Array<[string, string]>, siteRoot: string}} input
 * @returns {Node[]}
 */
export function resultNodes({ result, context, notes, siteRoot, kind: pageKind }) {
  const kind = (result.assessment && result.assessment.kind) || pageKind || "maturity";
  const link = (entry, text) => (entry.guidance_url ? h("a", { href: new URL(entry.guidance_url, siteRoot).href }, text) : text);
  const areas = result.areas || (result.matrix && result.matrix.areas);
  const classification = result.classification || (result.mix || result.classes ? result : null);
  const nodes = [contextNodes(context)];
  if (result.version_matches === false) {
    nodes.push(h("p", { class: "obc-hint" }, `These answers were written for version ${result.responses_version}`
      + " of this assessment; some items may have changed."));
  }
  if (result.overall) nodes.push(overallNodes(result.overall, kind));
  if (Array.isArray(result.extras) && result.extras.length) nodes.push(extrasNodes(result.extras));
  if (Array.isArray(areas)) nodes.push(areaNodes(areas));
  if (classification) nodes.push(mixNodes(classification, link));
  if (Array.isArray(result.sections) && result.sections.length) nodes.push(sectionNodes(result.sections, kind));
  if (Array.isArray(result.priorities) && result.priorities.length) nodes.push(priorityNodes(result.priorities, link));
  if (Array.isArray(result.evidence_gaps) && result.evidence_gaps.length) nodes.push(gapNodes(result.evidence_gaps, link));
  if (Array.isArray(result.plan) && result.plan.length) nodes.push(planNodes(result.plan, link));
  if (notes.length) nodes.push(noteNodes(notes));
  if (has(result.working)) nodes.push(h("details", { class: "obc-working" }, h("summary", {}, "How this was scored"),
    workingBody(result.working, result, kind)));
  return nodes.filter(Boolean);
}

function contextNodes(context) {
  return h("div", { class: "obc-result-context" }, h("h3", {}, "About this review"),
    h("dl", { class: "obc-dl" }, context.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])));
}

function countsText(c) {
  const parts = [];
  if (typeof c.answered === "number" && typeof c.total === "number") parts.push(`${c.answered} of ${c.total} rated`);
  if (c.na) parts.push(`${c.na} not applicable`);
  if (c.unknown) parts.push(`${c.unknown} don't know`);
  if (c.unanswered) parts.push(`${c.unanswered} not answered`);
  return parts.join(", ");
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
    h("p", { class: "obc-overall-score" }, "Overall score: ", h("strong", { "data-obc-overall": "" }, percent(overall.percent)),
      band ? [" (", h("strong", {}, band.label), ")"] : null),
    band && band.descriptor ? h("p", {}, band.descriptor) : null,
    // Python words why the band is what it is: earned, held lower by a rule, or not enough answers for one.
    has(overall.band_reason) ? h("p", { "data-obc-band-reason": "" }, overall.band_reason) : null,
    confidence,
    h("p", { class: "obc-hint" }, countsText(overall)));
}

function extrasNodes(extras) {
  const caption = "Optional extras, scored apart from the core";
  return h("div", { class: "obc-figure" }, h("h3", {}, caption),
    h("p", {}, "These never raise or lower the overall score above."),
    table(caption, ["Extra", "Score", "Band", "Rated", "Why"],
      extras.map((e) => [e.title, percent(e.percent), e.band ? e.band.label : "No band",
        has(e.total) ? `${e.answered} of ${e.total}` : "", e.band_reason || ""])));
}

function sectionNodes(sections, kind) {
  const matrix = kind === "matrix";
  const caption = matrix ? "Each criterion, averaged across your service areas" : "Score by section";
  return h("div", { class: "obc-figure" }, h("h3", {}, caption),
    chart(caption, sections.map((s) => ({ label: s.title, value: s.percent }))),
    // A matrix's scale has no "not applicable": no column for it.
    table(caption, [matrix ? "Criterion" : "Section", "Score", "Rated", ...(matrix ? [] : ["Not applicable"]),
      "Don't know", "Not answered"],
    sections.map((s) => [s.optional ? `${s.title} (optional)` : s.title, percent(s.percent),
      has(s.total) ? `${s.answered} of ${s.total}` : s.answered, ...(matrix ? [] : [s.na ?? 0]), s.unknown ?? 0,
      s.unanswered ?? 0])));
}

function areaNodes(areas) {
  const caption = "Service areas in order of review priority";
  const ranked = [...areas].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  if (!ranked.length) return h("p", {}, "Name a service area and rate it to see the ranking.");
  return h("div", { class: "obc-figure" }, h("h3", {}, caption),
    h("p", {}, "Rank 1 is the first to review: the criteria apply to it most strongly."),
    chart(caption, ranked.map((a) => ({ label: `${a.rank ?? ""}. ${a.name || "(no name)"}`, value: a.percent }))),
    table(caption, ["Service area", "Rank", "Score", "Confidence", "Rated", "Don't know"],
      ranked.map((a) => [a.name || "(no name)", a.rank ?? "", percent(a.percent),
        has(a.confidence) ? `${a.confidence}%` : "", has(a.total) ? `${a.answered} of ${a.total}` : a.answered ?? "",
        a.unknown ?? 0])));
}

function mixNodes(block, link) {
  const mix = block.classes || block.mix || [];
  const list = Array.isArray(mix) ? mix : Object.entries(mix).map(([cid, v]) => ({ id: cid, ...v }));
  const caption = "Your measures by category";
  const nodes = [h("h3", {}, caption)];
  if ("outcome_share" in block) {
    nodes.push(h("p", { class: "obc-overall-score" }, "Outcome measures: ",
      h("strong", { "data-obc-overall": "" }, percent(block.outcome_share)),
      has(block.classified) ? ` of the ${block.classified} measures with a category.` : " of your measures."));
  }
  if (block.flag && block.flag.raised) {
    nodes.push(h("div", { class: "admonition warning obc-flag" },
      h("p", { class: "admonition-title" }, "Mostly not outcomes"), h("p", {}, block.flag.message || "")));
  }
  nodes.push(chart(caption, list.map((c) => ({ label: c.label || c.id, value: c.percent }))));
  nodes.push(table(caption, ["Category", "Kind", "Measures", "Share"],
    list.map((c) => [link(c, c.label || c.id), c.outcome ? "Outcome" : "Not an outcome", c.count ?? 0, percent(c.percent)])));
  if (Array.isArray(block.measures) && block.measures.length) {
    nodes.push(table("Each measure", ["Measure", "Category"],
      block.measures.map((m) => [m.name || "(no name)", m.label || "No category yet"])));
  }
  return h("div", { class: "obc-figure" }, nodes);
}

function priorityNodes(priorities, link) {
  const ordered = [...priorities].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const entry = (p) => h("li", {},
    h("p", {}, h("strong", {}, link(p, p.topic || p.title)), p.level_label ? ` \u2014 now: ${p.level_label}` : ""),
    // An item's own next steps, drawn from the sources, say more than the scale's wording of the next level.
    Array.isArray(p.next_steps) && p.next_steps.length
      ? h("ul", {}, p.next_steps.map((step) => h("li", {}, step.text, step.cite ? h("span", { class: "obc-hint" },
        ` (${step.cite})`) : "")))
      : p.target ? h("p", {}, "Next level to aim for: ", h("strong", {}, p.target.label),
        p.target.descriptor ? ` \u2014 ${p.target.descriptor}` : "") : null,
    p.reason ? h("p", { class: "obc-hint" }, p.reason) : null);
  const $list = h("ol", {}, ordered.slice(0, SHORTLIST).map(entry));
  const nodes = [h("h3", {}, "Where to start"),
    h("p", {}, "The biggest gains first: how far each item is from the top level, times its weight."), $list];
  if (ordered.length > SHORTLIST) {
    const $more = h("button", { type: "button", class: "md-button", "aria-expanded": "false" },
      `Show all ${ordered.length} items`);
    $more.addEventListener("click", () => {
      $list.append(...ordered.slice(SHORTLIST).map(entry));
      $more.remove();
      const $first = $list.children[SHORTLIST];
      const $target = $first && ($first.querySelector("a") || $first);
      if ($target) {
        if (!$target.matches("a")) $target.tabIndex = -1;
        $target.focus();
      }
    });
    nodes.push(h("p", { class: "obc-hint" }, `The first ${SHORTLIST} of ${ordered.length}. `), h("p", {}, $more));
  }
  return h("div", { class: "obc-priorities" }, nodes);
}

function gapNodes(gaps, link) {
  return h("div", { class: "obc-gaps" }, h("h3", {}, "Evidence to find"),
    h("p", {}, "You answered \u201cDon't know\u201d to these. Finding out is a next step:"),
    h("ul", {}, gaps.map((g) => h("li", {}, link(g, g.title), g.area ? ` (${g.area})` : ""))));
}

function planNodes(plan, link) {
  const caption = "Your action plan";
  return h("div", { class: "obc-plan-result" }, h("h3", {}, caption),
    h("p", {}, "Your actions, for the items to work on first (in the order above), then the others."),
    table(caption, ["Item", "Now", "Target", "Action", "Owner", "Due"],
      plan.map((p) => [link(p, p.title), p.level_label || "Not answered", p.target_label || "Not set",
        p.action || "", p.owner || "", p.due || ""])));
}

function noteNodes(notes) {
  return h("div", { class: "obc-notes" }, h("h3", {}, "Your evidence and notes"),
    h("dl", { class: "obc-dl" }, notes.map(([title, text]) => [h("dt", {}, title), h("dd", {}, text)])));
}

function workingBody(working, result, kind) {
  if (kind === "maturity" && Array.isArray(working.items)) {
    const shown = working.items.filter((i) => i.status !== "not-asked");
    // Python names the scales and says how a level counts on each (working.rule): no rule is copied here.
    const scales = [...new Set(working.items.map((i) => i.scale_name).filter(Boolean))];
    const mixed = scales.length > 1;
    return [
      scales.length ? h("p", {}, `Answer scale${mixed ? "s" : ""}: ${scales.join("; ")}.`) : null,
      h("p", {}, `${working.rule || ""} The score is `
        + "the points over the weight of the items rated. Not applicable, Don't know and unanswered items are "
        + "left out of the score; Don't know and unanswered lower the confidence figure instead."),
      Array.isArray(result.band_rules) && result.band_rules.length
        ? [h("p", {}, "How the band is given:"), h("ul", {}, result.band_rules.map((rule) => h("li", {}, rule)))]
        : null,
      has(working.percent)
        ? h("p", {}, `Points ${working.points} out of a possible ${working.possible}: ${working.percent}%.`)
        : h("p", {}, "No item has a level yet, so there is no score."),
      table("The working, item by item", ["Item", "Answer", ...(mixed ? ["Scale"] : []), "Weight", "Points", "Counted"],
        shown.map((i) => [i.title, i.level_label || "Not answered", ...(mixed ? [i.scale_name] : []), i.weight,
          points(i.contribution), i.reason || i.status])),
    ];
  }
  if (kind === "matrix" && Array.isArray(working.items)) {
    const titles = Object.fromEntries((result.sections || []).map((s) => [s.id, s.title]));
    return [
      h("p", {}, `Each rating counts its criterion's weight \u00d7 the rating \u00f7 ${working.max_level}. `
        + "A service area's score is its points over the weight of the criteria rated; the highest is rank 1."),
      table("The working, rating by rating", ["Service area", "Criterion", "Rating", "Weight", "Points", "Counted"],
        working.items.map((c) => [c.area || "(no name)", titles[c.id] || c.id,
          c.level_label || c.label || (has(c.level) ? `${c.level} of ${c.max}` : "Not answered"), c.weight,
          points(c.contribution), c.reason || c.status])),
    ];
  }
  if (kind === "classification" && has(working.classified)) {
    return h("p", {}, `${working.outcome} of the ${working.classified} measures with a category are outcome `
      + `measures. The warning shows when that share is below ${working.threshold}%.`);
  }
  return h("p", {}, "");
}
