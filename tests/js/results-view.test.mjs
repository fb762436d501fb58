// The results view puts Python's band words on the page as Python sent them (issue 30): the words beside the band
// (its descriptor, what holds it lower, or what split answers are), why, how much is not applicable, and each
// extra's reason in one cell; an answer of "not applicable" with its reason. No band word comes from the browser.
import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom, text } from "./fake-dom.mjs";
import { resultNodes } from "../../docs/assets/modules/results-view.mjs";

/** The page's build-time templates: each a <div data-part> holding the named slots. */
function root(templates) {
  return el("div", {}, ...Object.entries(templates).map(([name, slots]) => el("template", { "data-obc-template": name },
    el("div", { "data-part": name }, ...slots.map((slot) => el("span", { "data-slot": slot }))))));
}

const TEMPLATES = {
  "result-about": ["list"],
  "result-overall": ["headline", "percent", "band", "band-label", "reason", "legend",
    "legend-intro", "legend-list", "na-line", "confidence-line",
    "confidence", "counts", "evidence-sentence"],
  "result-extras": ["rows"],
  "result-working": ["explanation", "evidence-rule", "rules", "rule-list", "rows"],
};

const HELD = "Held at Early days because the outcomes items are rated Not in place; your answers as a whole reach Embedded.";
const HEADLINE = "Your answers score 83.3%, in the band Early days: as a whole they reach Embedded, but the outcomes "
  + "items are rated Not in place, and the band never claims more than they support.";

function result(overall) {
  return {
    assessment: { kind: "maturity" }, about: [], version_notice: null, matrix: null, classification: null,
    sections: [], priorities: [], evidence_gaps: [], evidence: null, plan: [], notes: [],
    overall: { percent: 83.3, confidence: 100, counts_label: "22 of 22 rated", band_reason: "Why.", na_line: null,
      ...overall },
    extras: [{ title: "Scoping", percent: 50, band: { label: "Covers some" }, rated_label: "13 of 13",
      band_reason: "Why the band.", band_why: "Held at Covers some: words. Why the band." }],
    band_rules: ["A rule. (The toolkit's own rule.)"],
    working: { explanation: "How.", items: [{ title: "Scope", status: "na", answer_label: "Not applicable: Not ours",
      weight: 1, contribution: null, reason: "left out: not applicable" }] },
  };
}

test("a held band: Python's one sentence first, naming the rule that holds it, never the band's descriptor", () => {
  installDom();
  const band = { id: "early", label: "Early days", descriptor: "At least half is not yet in place." };
  const $all = el("div", {}, ...resultNodes({ result: result({ band, band_words: HELD, headline: HEADLINE }),
    $root: root(TEMPLATES), siteRoot: "https://example.org/" }));
  assert.equal(text($all.querySelector('[data-slot="band-label"]')), "Early days");
  assert.equal(text($all.querySelector('[data-slot="headline"]')), HEADLINE);
  assert.ok(!text($all).includes(band.descriptor));
  // An extra's band and why, in one cell; the rules marked as the toolkit's own; N/A with its reason.
  const cells = $all.querySelectorAll('[data-part="result-extras"] td').map(text);
  assert.deepEqual(cells, ["50%", "Covers some", "13 of 13", "Held at Covers some: words. Why the band."]);
  assert.deepEqual($all.querySelectorAll('[data-slot="rule-list"] li').map(text), ["A rule. (The toolkit's own rule.)"]);
  assert.ok($all.querySelectorAll('[data-part="result-working"] td').map(text).includes("Not applicable: Not ours"));
  assert.equal($all.querySelector('[data-slot="na-line"]'), null);
});

test("no band: no label or words, the reason and how much is not applicable", () => {
  installDom();
  const $all = el("div", {}, ...resultNodes({ result: result({ band: null, band_words: null, headline: null,
    band_reason: "No band: 83.3% of the weight is marked not applicable.",
    na_line: "Marked not applicable: 20 of 22 items, 83.3% of their weight (a band allows 25% at most)." }),
  $root: root(TEMPLATES), siteRoot: "https://example.org/" }));
  assert.equal($all.querySelector('[data-slot="band"]'), null);
  assert.equal($all.querySelector('[data-slot="headline"]'), null);
  assert.equal(text($all.querySelector('[data-slot="reason"]')), "No band: 83.3% of the weight is marked not applicable.");
  assert.equal(text($all.querySelector('[data-slot="na-line"]')),
    "Marked not applicable: 20 of 22 items, 83.3% of their weight (a band allows 25% at most).");
});

test("the bands' legend beside the headline: Python's thresholds, lowest first, the band given marked", () => {
  installDom();
  const band = { id: "early", label: "Early days", descriptor: "At least half is not yet in place." };
  const legend = { intro: "The bands, lowest first.", bands: [
    { id: "early", label: "Early days", rule: "Early days: no more than half reaches Developing.", mark: "Your band" },
    { id: "developing", label: "Developing", rule: "Developing: more than half is rated Developing or above.", mark: null },
    { id: "embedded", label: "Embedded", rule: "Embedded, the top band: more than half is rated Embedded.",
      mark: "Your answers as a whole reach this band; a rule holds them lower" }] };
  const $all = el("div", {}, ...resultNodes({ result: { ...result({ band, band_words: HELD }), band_legend: legend },
    $root: root(TEMPLATES), siteRoot: "https://example.org/" }));
  assert.equal(text($all.querySelector('[data-slot="legend-intro"]')), "The bands, lowest first.");
  assert.deepEqual($all.querySelectorAll('[data-slot="legend-list"] li').map(text), [
    "Your band Early days: no more than half reaches Developing.",
    "Developing: more than half is rated Developing or above.",
    "Your answers as a whole reach this band; a rule holds them lower Embedded, the top band: more than half is "
      + "rated Embedded."]);
  assert.ok(!text($all).includes(band.descriptor)); // a held band's own descriptor, which the answers contradict
  // Without a legend (a kind with no bands): no legend at all.
  const $none = el("div", {}, ...resultNodes({ result: result({ band, band_words: HELD }), $root: root(TEMPLATES),
    siteRoot: "https://example.org/" }));
  assert.equal($none.querySelector('[data-slot="legend"]'), null);
});
