// The results' evidence parts (maturity): the profile per section, the answers that claim established practice
// with no documented evidence, and the entries past their review-by date. Every label, count and reason is
// Python's (result.evidence); the headings and notes are the page's build-time <template>s.

import { h } from "./dom.mjs";

/**
 * @param {object} evidence result.evidence (null for a matrix or a classification)
 * @param {(name: string, slots?: object) => Element | null} part a filled clone of the page's template
 * @param {(entry: object, text: string) => Node | string} link an item's title, linked to its guidance
 * @returns {Node[]}
 */
export function evidenceNodes(evidence, part, link) {
  if (!evidence) return [];
  const nodes = [];
  const levels = evidence.levels || [];
  const sections = evidence.sections || [];
  if (sections.some((s) => s.answered > 0)) {
    const $profile = part("result-evidence", {
      rows: sections.map((s) => h("tr", {}, h("th", { scope: "row" }, s.title),
        levels.map((level) => h("td", {}, s.counts[level.id] ?? 0)), h("td", {}, s.review_due))),
    });
    // The section and review-date columns' heads are the page's; the strengths' between them are Python's labels.
    const $head = $profile && $profile.querySelector("[data-obc-evidence-head]");
    if ($head) $head.lastElementChild.before(...levels.map((level) => h("th", { scope: "col" }, level.label)));
    nodes.push($profile);
  }
  if ((evidence.flags || []).length) {
    nodes.push(part("result-evidence-flags", { list: evidence.flags.map((flag) => part("result-evidence-flag", {
      title: link(flag, flag.title), level: flag.level_label, reason: flag.reason })) }));
  }
  if ((evidence.review_due || []).length) {
    nodes.push(part("result-review-due", { list: evidence.review_due.map((entry) => h("li", {},
      link(entry, entry.title), `: ${entry.what} (${entry.review_by})`)) }));
  }
  return nodes.filter(Boolean);
}
