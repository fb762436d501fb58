// The team tools and the problems view, in Welsh: what they say on the status line, the chosen files' count and
// the error summary come from the page's words; Python's problems come through as Python wrote them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { el, installDom, text } from "./fake-dom.mjs";
import { catalogue } from "./words-files.mjs";
import { useWords } from "../../docs/assets/modules/words.mjs";
import { startMerge } from "../../docs/assets/modules/team-merge.mjs";
import { startCompare } from "../../docs/assets/modules/team-compare.mjs";
import { problemsView } from "../../docs/assets/modules/problems.mjs";

const settle = async () => { for (let n = 0; n < 5; n += 1) await new Promise((resolve) => setTimeout(resolve, 0)); };

function file(name, body) {
  return { name, size: body.length, arrayBuffer: async () => new TextEncoder().encode(body).buffer };
}

function choose($input, files) {
  $input.files = files;
  $input.dispatchEvent({ type: "change", target: $input });
}

function errors() {
  return el("div", { "data-obc-errors": "", hidden: "" }, el("ul", { "data-obc-error-list": "" }));
}

function said($root) {
  const lines = [];
  $root.addEventListener("obc:say", (event) => lines.push(event.detail.text));
  return lines;
}

test("the merge tool in Welsh: files chosen, chosen again (Python says so), and none merged", async () => {
  const $input = el("input", { type: "file", id: "merge-files", "data-obc-merge-files": "" });
  const $root = el("div", { "data-obc-team": "a", "data-obc-definition": "d.json", "data-obc-max-bytes": "1000" },
    errors(), $input, el("div", { "data-obc-chosen": "", hidden: "" }, el("p", { "data-obc-chosen-count": "" }),
      el("ul", { "data-obc-chosen-list": "" })),
    el("section", { "data-obc-merge-results": "", hidden: "" }, el("div", { "data-obc-merge-body": "" })));
  installDom($root);
  globalThis.document.baseURI = "https://site/";
  useWords(catalogue("cy"));
  const lines = said($root);
  const client = { request: async () => ({ ok: false, problems: [{ path: "(files)", message: "dim ffeil" }], files: [] }) };
  startMerge($root, { client });
  choose($input, [file("ann.json", "{}")]);
  await settle();
  const $count = $root.querySelector("[data-obc-chosen-count]");
  assert.equal(text($count), "1 ffeil wedi’i dewis.");
  assert.deepEqual(lines, ["Ni chafodd unrhyw ffeil ei chyfuno."]);
  assert.deepEqual($root.querySelectorAll("[data-obc-error-list] a").map(text), ["Dim ffeil"]);
  choose($input, [file("ann.json", "{}")]);
  await settle();
  assert.equal(text($count), "2 ffeil wedi’u dewis.");
  choose($input, [file("bob.json", "{}"), file("cy.json", "{}")]);
  await settle();
  assert.equal(text($count), "4 ffeil wedi’u dewis.");
  useWords(null);
});

test("the compare tool in Welsh: what to choose next, and a problem named by the file's side", async () => {
  const $before = el("input", { type: "file", id: "before", "data-obc-compare-before": "" });
  const $after = el("input", { type: "file", id: "after", "data-obc-compare-after": "" });
  const $root = el("div", { "data-obc-team": "a", "data-obc-definition": "d.json", "data-obc-max-bytes": "1000" },
    errors(), $before, $after,
    el("section", { "data-obc-compare-results": "", hidden: "" }, el("div", { "data-obc-compare-body": "" })));
  installDom($root);
  globalThis.document.baseURI = "https://site/";
  useWords(catalogue("cy"));
  const lines = said($root);
  const client = { request: async () => ({ ok: false, problems: [{ file: "after", path: "(file)", message: "nid yw’n JSON dilys" }] }) };
  startCompare($root, { client });
  choose($before, [file("2025.json", "{}")]);
  await settle();
  assert.deepEqual(lines, ["Nawr dewiswch y ffeil ddiweddarach."]);
  choose($after, [file("2026.json", "{")]);
  await settle();
  assert.deepEqual(lines.at(-1), "Ni chafodd y ffeiliau eu cymharu.");
  assert.deepEqual($root.querySelectorAll("[data-obc-error-list] a").map(text),
    ["Ffeil ddiweddarach (2026.json): nid yw’n JSON dilys"]);
  useWords(null);
});

test("a problem at its field says Error in the page's language, before Python's message", () => {
  for (const [lang, prefix] of [["cy", "Gwall:"], ["en", "Error:"]]) {
    const $root = el("div", {}, errors(), el("fieldset", { id: "assessment-date", class: "obc-date" }));
    installDom($root);
    useWords(catalogue(lang));
    problemsView($root).show([{ field: "assessment-date", path: "", message: "rhaid i’r flwyddyn fod yn 4 rhif" }],
      { summary: true });
    assert.equal(text($root.querySelector(".obc-error-message")), `${prefix} Rhaid i’r flwyddyn fod yn 4 rhif`);
    assert.deepEqual($root.querySelectorAll("[data-obc-error-list] a").map(text), ["Rhaid i’r flwyddyn fod yn 4 rhif"]);
  }
  useWords(null);
});
