// The result views in each language: every interface word from the page's words (words.mjs), Python's words
// as Python sent them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom, text } from "./fake-dom.mjs";
import { catalogue } from "./words-files.mjs";
import { useWords } from "../../docs/assets/modules/words.mjs";
import { compareNodes } from "../../docs/assets/modules/compare-view.mjs";
import { teamNodes } from "../../docs/assets/modules/team-view.mjs";
import { resultNodes } from "../../docs/assets/modules/results-view.mjs";

/** The page's build-time templates: each a <div data-part> holding the named slots. */
function root(templates) {
  return el("div", {}, ...Object.entries(templates).map(([name, slots]) => el("template", { "data-obc-template": name },
    el("div", { "data-part": name }, ...slots.map((slot) => el("span", { "data-slot": slot }))))));
}

const COMPARE = { "compare-files": ["before", "after"], "compare-warnings": ["list"], notes: ["list"],
  "compare-overall": ["before", "after", "change", "bands"], "compare-moved": ["list"], "compare-removed": ["list"],
  "compare-mix": ["before", "after", "change"] };

const who = (name, role) => ({ who: { name, role_label: role, date_label: "1 Mawrth 2026" } });

const compared = {
  assessment: { kind: "maturity" }, before: who("Ann", "Comisiynydd"), after: who("", ""),
  before_version: "1.0", after_version: "1.1", warnings: [], notes: [],
  overall: { before: 40, after: 55, change: 15, before_band: { label: "Datblygu" }, after_band: { label: "Sefydlu" } },
  sections: [{ title: "Adran 1", before: 40, after: 55, change: 15 }],
  items: [{ id: "a", title: "Eitem A", before_text: "1", after_text: "2", change: 1, movement: "i fyny" }],
  improved: ["a"], slipped: [], unchanged: [], new: [],
  removed: [{ id: "old", part: "plan", file: "before" }, { id: "gone", part: "answer", file: "after" }],
};

test("a comparison in Welsh: sides, captions, headings and lists in the page's words", () => {
  installDom();
  useWords(catalogue("cy"));
  const $root = root(COMPARE);
  const nodes = compareNodes($root, compared, { before: { name: "2025.json" }, after: { name: "2026.json" } });
  const $all = el("div", {}, ...nodes);
  assert.equal(text($all.querySelector('[data-slot="before"]')),
    "2025.json: ymatebydd Ann (Comisiynydd), 1 Mawrth 2026; fersiwn 1.0");
  assert.equal(text($all.querySelector('[data-slot="after"]')), "2026.json: ymatebydd heb ei enwi, 1 Mawrth 2026; fersiwn 1.1");
  assert.equal(text($all.querySelector('[data-slot="bands"]')), "Cyn: “Datblygu”. Ar ôl: “Sefydlu”.");
  const captions = $all.querySelectorAll("caption").map(text);
  assert.deepEqual(captions, ["Sgôr fesul adran, cyn ac ar ôl", "Pob eitem, cyn ac ar ôl"]);
  assert.deepEqual($all.querySelectorAll("thead th").slice(0, 4).map(text), ["Adran", "Cyn", "Ar ôl", "Newid"]);
  assert.deepEqual($all.querySelectorAll("h4").map(text), ["Wedi gwella (1)"]);
  assert.deepEqual($all.querySelectorAll('[data-part="compare-removed"] li').map(text),
    ["old (cynllun gweithredu yn ffeil y llinell sylfaen)", "gone (ateb yn y ffeil ddiweddarach)"]);
  assert.ok(!/Before|After|Improved|answered by/.test(text($all)));
});

test("a matrix comparison's caption names its rows in a sentence, in each language", () => {
  installDom();
  const matrix = { ...compared, assessment: { kind: "matrix" }, sections: [], items: [], overall: {}, removed: [],
    improved: [], matrix: { row_label: "Maes gwasanaeth", flag_title: "(f) Angen wedi'i nodi", areas: [{
      name: "Ailalluogi", before: 50, after: null, change: null, before_rank: 1, after_rank: null,
      before_rank_text: "1", after_rank_text: "Heb safle", before_flag: "Angen wedi'i nodi",
      after_flag: "Angen heb ei ddangos eto: heriwch yr angen yn gyntaf" }] } };
  matrix.assessment.kind = "matrix";
  useWords(catalogue("cy"));
  const $all = el("div", {}, ...compareNodes(root(COMPARE), matrix, { before: { name: "a" }, after: { name: "b" } }));
  assert.deepEqual($all.querySelectorAll("caption").map(text), ["Pob maes gwasanaeth, cyn ac ar ôl"]);
  assert.deepEqual($all.querySelectorAll("thead th").map(text),
    ["Maes gwasanaeth", "Cyn", "Ar ôl", "Newid", "Safle cyn", "Safle ar ôl", "(f) Angen wedi'i nodi, cyn",
      "(f) Angen wedi'i nodi, ar ôl"]);
  // Python's words for a rank too few answers support, and for the flag each side.
  assert.deepEqual($all.querySelectorAll("tbody td").map(text).slice(3),
    ["1", "Heb safle", "Angen wedi'i nodi", "Angen heb ei ddangos eto: heriwch yr angen yn gyntaf"]);
  useWords(catalogue("en"));
  const $en = el("div", {}, ...compareNodes(root(COMPARE), { ...matrix, matrix: { ...matrix.matrix,
    row_label: "Service area" } }, { before: { name: "a" }, after: { name: "b" } }));
  assert.deepEqual($en.querySelectorAll("caption").map(text), ["Each service area, before and after"]);
});

const TEAM = { "team-summary": ["title", "count", "anonymous"], notes: ["list"], "team-skipped": ["list"],
  "team-overall": ["mean", "median", "min", "max"], "team-no-overall": [], "team-disagreements": ["rule", "list"],
  "team-roles-intro": [], "team-items-intro": [], "team-notes-plans": ["list"], "team-note-item": ["title", "list"] };

const merged = {
  assessment: { title: "Egwyddorion", version: "1.1" }, anonymous: true, skipped: [],
  respondents: [{ name: "Ann", role_label: "Comisiynydd", organisation: "", date_label: "", model_label: "Model 1",
    percent: 50, confidence: 100 }],
  overall: { mean: 50, median: 50, min: 50, max: 50 },
  sections: [{ id: "s", title: "Adran 1", mean: 50, median: 50, range: 0, min: 50, max: 50, percents: [{ percent: 50 }] }],
  disagreement: { rule: "rheol", none: "dim" }, disagreements: [], roles: [],
  items: [{ section: "s", title: "Eitem A", range_text: "", agreement: null, levels: [{ text: "2" }],
    notes: [{ respondent: "Ann", note: "cofnodion" }],
    plans: [{ respondent: "Ann", action: "Adolygu", owner: "Bob", due_label: "1 Mai 2026", target_label: "Sefydlu" }] }],
};

test("a team result in Welsh: the summary, tables and notes in the page's words", () => {
  installDom();
  useWords(catalogue("cy"));
  const $all = el("div", {}, ...teamNodes(root(TEAM), merged));
  assert.equal(text($all.querySelector('[data-slot="title"]')), "Egwyddorion, fersiwn 1.1");
  assert.equal(text($all.querySelector('[data-slot="count"]')), "1 ymatebydd");
  assert.equal(text($all.querySelector('[data-slot="anonymous"]')), "(dienw).");
  const $people = $all.querySelector("table");
  assert.equal(text($people.querySelector("caption")), "Ymatebwyr");
  assert.deepEqual($people.querySelectorAll("thead th").map(text),
    ["Ymatebydd", "Rôl", "Sefydliad", "Dyddiad", "Model", "Sgôr gyffredinol yr unigolyn", "Hyder"]);
  assert.match(text($people.querySelector("tbody")), /Heb ei roi/);
  assert.equal($all.querySelector("svg").getAttribute("aria-label"),
    "Sgôr fesul adran (cymedr y tîm): siart bar o’r ffigurau yn y tabl sy’n dilyn.");
  assert.deepEqual($all.querySelectorAll('[data-part="team-note-item"] li').map(text),
    ["Nodyn Ann: cofnodion", "Cynllun Ann: Adolygu; perchennog Bob; erbyn 1 Mai 2026; targed Sefydlu"]);
  assert.ok($all.querySelectorAll("caption").map(text).includes("Eitemau’r adran “Adran 1”"));
});

test("a module asking for a word the page does not hold fails loudly", () => {
  installDom();
  useWords({});
  assert.throws(() => teamNodes(root(TEAM), merged), /no words for "team.title"/);
  useWords(null);
});

/** The results' templates a matrix result fills, with the words block the page gives the module. */
function resultsRoot() {
  const words = el("dl", {}, el("dt", {}, "none"), el("dd", {}, "\u2013"), el("dt", {}, "no-score"),
    el("dd", {}, "dim sgôr eto"), el("dt", {}, "no-name"), el("dd", {}, "(dim enw)"));
  const part = (name, ...children) => el("template", { "data-obc-template": name }, el("div", { "data-part": name },
    ...children));
  const slot = (name, tag = "span", attrs = {}) => el(tag, { "data-slot": name, ...attrs });
  return el("div", {}, el("template", { "data-obc-template": "result-words" }, words),
    part("result-areas", el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "Maes"), slot("flag-head", "th"))),
      slot("rows", "tbody"))),
    part("result-areas-unranked", slot("title", "h3"), slot("intro", "p"), el("table", {}, slot("caption", "caption"),
      el("thead", {}, el("tr", {}, el("th", {}, "Maes"), slot("flag-head", "th"))), slot("rows", "tbody"))),
    part("result-flag-note", slot("note", "p"), el("p", {}, slot("quote", "span", { lang: "en" })), slot("cite")),
    part("result-working", slot("explanation", "p"), slot("rows", "tbody")));
}

const flag = { item: "need-identified", title: "(f) Angen wedi'i nodi", raised: "Angen heb ei ddangos eto",
  clear: "Angen wedi'i nodi", note: "Nid yw maen prawf (f) yn cael ei adio at sgôr maes.",
  quote: "The danger is that it does not in itself challenge the need for that service.",
  cite: "Wirral 2011, paragraph 4.12" };
const area = (name, rank, percent, confidence, raised) => ({ name, rank, percent, confidence, index: 0,
  rated_label: rank ? "5 o 5" : "1 o 5", unknown: rank ? 0 : 4,
  flag: { raised, label: raised ? flag.raised : flag.clear } });
const matrixResult = {
  assessment: { kind: "matrix" }, about: [], version_notice: null, overall: { confidence: 60, counts_label: "" },
  extras: [], classification: null, sections: [], priorities: [], evidence_gaps: [], evidence: null, plan: [],
  notes: [], band_rules: [], working: { explanation: "Esboniad", items: [] },
  matrix: { row_label: "Maes gwasanaeth", unranked_label: "Dim digon o atebion i roi safle",
    unranked_intro: "Mae'r meysydd hyn wedi'u rhestru ar wahân.", flag,
    areas: [area("Gofal cartref", 1, 86.7, 100, true), area("Ailalluogi", null, null, 20, false)] },
};

test("a matrix result: the flag beside each rank, too few answers listed apart, the source quoted in English", () => {
  installDom();
  useWords(catalogue("cy"));
  const $all = el("div", {}, ...resultNodes({ result: matrixResult, $root: resultsRoot(), siteRoot: "https://x/" }));
  const $ranked = $all.querySelector('[data-part="result-areas"]');
  assert.deepEqual($ranked.querySelectorAll("thead th").map(text), ["Maes", "(f) Angen wedi'i nodi"]);
  assert.deepEqual($ranked.querySelectorAll("tbody tr").map((row) => row.childNodes.map(text)),
    [["Gofal cartref", "1", "86.7%", "100%", "5 o 5", "0", "Angen heb ei ddangos eto"]]);
  const $apart = $all.querySelector('[data-part="result-areas-unranked"]');
  assert.equal(text($apart.querySelector("h3")), "Dim digon o atebion i roi safle");
  assert.equal(text($apart.querySelector("caption")), "Dim digon o atebion i roi safle");
  assert.deepEqual($apart.querySelectorAll("tbody tr").map((row) => row.childNodes.map(text)),
    [["Ailalluogi", "20%", "1 o 5", "4", "Angen wedi'i nodi"]]);
  const $note = $all.querySelector('[data-part="result-flag-note"]');
  assert.equal(text($note.querySelector('[lang="en"]')), flag.quote);
  assert.equal(text($note.querySelector('[data-slot="cite"]')), flag.cite);
  // A matrix with no flag: no flag column, no note.
  const plain = { ...matrixResult, matrix: { ...matrixResult.matrix, flag: null,
    areas: matrixResult.matrix.areas.map((a) => ({ ...a, flag: null })) } };
  const $none = el("div", {}, ...resultNodes({ result: plain, $root: resultsRoot(), siteRoot: "https://x/" }));
  assert.deepEqual($none.querySelectorAll('[data-part="result-areas"] thead th').map(text), ["Maes"]);
  assert.equal($none.querySelector('[data-part="result-flag-note"]'), null);
});
