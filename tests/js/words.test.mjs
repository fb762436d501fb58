import assert from "node:assert/strict";
import { test } from "node:test";
import { lower, useWords, word, words } from "../../docs/assets/modules/words.mjs";
import { LANGUAGES, catalogue, fieldsOf, sources } from "./words-files.mjs";

/** A page with a words block, as far as words.mjs looks at one. */
function page(text) {
  const $block = { textContent: text };
  return { getElementById: (id) => (id === "obc-words" ? $block : null), $block };
}

test("the words come from the page's block, read again when a new page brings a new block", () => {
  useWords(null);
  const first = page(JSON.stringify({ "a.b": "un" }));
  assert.deepEqual(words(first), { "a.b": "un" });
  const second = page(JSON.stringify({ "a.b": "dau" }));
  assert.deepEqual(words(second), { "a.b": "dau" });
  assert.throws(() => words({ getElementById: () => null }), /this page has no words block \(#obc-words\)/);
});

test("a text's fields are filled; a missing key or field is an error, never an English fallback", () => {
  useWords({ "merge.chosen": "{count} ffeil wedi’u dewis.", "x.y": "{a} a {a} a {b-c}" });
  assert.equal(word("merge.chosen", { count: 3 }), "3 ffeil wedi’u dewis.");
  assert.equal(word("x.y", { a: 1, "b-c": "â" }), "1 a 1 a â");
  assert.throws(() => word("merge.not-merged"), /no words for "merge.not-merged"; add it to every browser.json/);
  assert.throws(() => word("merge.chosen"), /"merge.chosen" needs a value for \{count\}/);
  useWords(null);
});

test("a label lower-cased inside a sentence, as the page's language does", () => {
  useWords(catalogue("cy"));
  assert.equal(lower("Maes Gwasanaeth"), "maes gwasanaeth");
  useWords(null);
});

test("both languages have the same keys, each with the same {fields}", () => {
  const [en, cy] = LANGUAGES.map(catalogue);
  assert.deepEqual(Object.keys(cy).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en)) {
    assert.deepEqual(fieldsOf(cy[key]), fieldsOf(en[key]), `${key}: the Welsh text's fields differ`);
    assert.ok(cy[key].trim() && !cy[key].startsWith("CY-TODO"), `${key}: no Welsh text yet`);
  }
  assert.deepEqual(Object.keys(en), Object.keys(en).sort(), "browser.json keys are kept sorted");
});

// Every key a module asks for is a quoted "area.name" literal (words.mjs has no computed keys): found by a scan.
const KEY = /["'`]([a-z]+\.[a-z][a-z-]*)["'`]/g;

function usedKeys(areas) {
  const used = new Map(); // key -> files
  for (const [file, text] of Object.entries(sources())) {
    for (const [, key] of text.matchAll(KEY)) {
      if (!areas.has(key.split(".")[0]) || key.endsWith(".mjs")) continue;
      used.set(key, [...(used.get(key) || []), file]);
    }
  }
  return used;
}

test("every key a module uses is in both languages' browser.json, and every key there is used", () => {
  const en = catalogue("en");
  const areas = new Set(Object.keys(en).map((key) => key.split(".")[0]));
  const used = usedKeys(areas);
  for (const lang of LANGUAGES) {
    const words = catalogue(lang);
    const missing = [...used].filter(([key]) => !Object.hasOwn(words, key)).map(([key, files]) => `${key} (${files})`);
    assert.deepEqual(missing, [], `messages/${lang}/browser.json lacks keys the modules use`);
  }
  assert.deepEqual(Object.keys(en).filter((key) => !used.has(key)), [], "browser.json keys no module uses");
  assert.ok(used.size > 100);
});

test("no module builds a key from pieces (a key the scan could not see)", () => {
  for (const [file, text] of Object.entries(sources())) {
    for (const [, argument] of text.matchAll(/\bword\(\s*([^,)]+)/g)) {
      assert.ok(!/`[^`]*\$\{|\+/.test(argument), `${file}: word(${argument}) builds its key`);
    }
  }
});
