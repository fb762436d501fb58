import assert from "node:assert/strict";
import { test } from "node:test";
import { openStorage } from "../../docs/assets/modules/storage.mjs";
import { readSaved, savedAnswers } from "../../docs/assets/modules/saved-answers.mjs";
import { mergeFields } from "../../docs/assets/modules/merge-copies.mjs";
import { FakeStorage } from "./fakes.mjs";

const KEY = "obc-assess:x";
const FORM = `${KEY}:form`;
const tab = (store, tabId, version = "1.0", session = null) => savedAnswers({ store, session, key: KEY, version, tabId });
const open = (fake = new FakeStorage()) => openStorage({ localStorage: fake });
const stored = (store) => readSaved(store.get(FORM));

test("what is kept comes back on the next visit, before Python, with its revision", () => {
  const store = open();
  const one = tab(store, "a");
  one.start();
  assert.equal(one.keep({ fields: { q1: "2", "q1-note": "why" }, rows: 0 }).outcome, "saved");
  assert.equal(one.keep({ fields: { q1: "3", "q1-note": "why" }, rows: 0 }).outcome, "saved");
  const { copy } = tab(store, "b").start();
  assert.deepEqual([copy.fields, copy.rows, copy.version], [{ q1: "3", "q1-note": "why" }, 0, "1.0"]);
  assert.deepEqual([copy.revision.n, copy.revision.tab], [2, "a"]);
});

// (case, base, mine, theirs, merged, clashes)
const MERGES = [
  ["changed here only", { a: "1" }, { a: "2" }, { a: "1" }, { a: "2" }, []],
  ["changed there only", { a: "1" }, { a: "1" }, { a: "3" }, { a: "3" }, []],
  ["different fields, both kept", { a: "", b: "" }, { a: "1", b: "" }, { a: "", b: "2" }, { a: "1", b: "2" }, []],
  ["the same change on both sides", { a: "1" }, { a: "2" }, { a: "2" }, { a: "2" }, []],
  ["one field changed on both sides", { a: "1" }, { a: "2" }, { a: "3" }, { a: "3" }, ["a"]],
  ["an empty box is no box", { a: "" }, {}, { b: "1" }, { b: "1" }, []],
  ["a field cleared there", { a: "1", b: "1" }, { a: "1", b: "2" }, { b: "1" }, { b: "2" }, []],
];

for (const [name, base, mine, theirs, merged, clashes] of MERGES) {
  test(`merge: ${name}`, () => {
    assert.deepEqual(mergeFields(base, mine, theirs), { fields: merged, clashes });
  });
}

test("two tabs answering different items: both are kept, and each tab is shown the other's", () => {
  const store = open();
  const one = tab(store, "one");
  const two = tab(store, "two");
  one.start();
  two.start();
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }).outcome, "saved");
  const kept = two.keep({ fields: { q2: "3" }, rows: 0 });
  assert.deepEqual([kept.outcome, kept.clashes, kept.show.fields], ["saved", [], { q1: "1", q2: "3" }]);
  assert.deepEqual(stored(store).fields, { q1: "1", q2: "3" });
  assert.equal(one.changedElsewhere(), true);
  assert.deepEqual(one.keep({ fields: { q1: "1" }, rows: 0 }).show.fields, { q1: "1", q2: "3" });
});

test("the same answer changed in two tabs: asked about, the saved one kept, this tab's apart until chosen", () => {
  const fake = new FakeStorage();
  const store = open(fake);
  const one = tab(store, "one");
  const two = tab(store, "two");
  one.start();
  two.start();
  one.keep({ fields: { q1: "1", note: "one's" }, rows: 0 });
  const kept = two.keep({ fields: { q1: "1", note: "two's", q2: "3" }, rows: 0 });
  assert.deepEqual(kept.clashes, ["note"]);
  assert.equal(kept.show, null); // the form keeps its own note until the person chooses
  assert.deepEqual(stored(store).fields, { q1: "1", note: "one's", q2: "3" });
  // Closed while it asks: the next visit finds that answer (only that one) kept apart.
  const left = tab(store, "three").leftByClosedTabs();
  assert.deepEqual(left.map((copy) => copy.fields), [{ note: "two's" }]);
  // Keeping this tab's: saved over the other's, and nothing is kept apart any more.
  two.settle(two.clashes);
  assert.equal(two.keep({ fields: { q1: "1", note: "two's", q2: "3" }, rows: 0 }).outcome, "saved");
  assert.equal(stored(store).fields.note, "two's");
  assert.deepEqual(tab(store, "four").leftByClosedTabs(), []);
  assert.deepEqual(one.theirs(["note"]), { note: "two's" });
});

test("a page brought back with its old values never saves them over newer ones (Back, reload)", () => {
  const store = open();
  const session = open();
  const a = tab(store, "a", "1.0", session);
  a.start();
  a.keep({ fields: { note: "v1", q1: "" }, rows: 0 });
  a.remember(); // the page is left
  const b = tab(store, "b");
  b.start();
  b.keep({ fields: { note: "v2", q1: "" }, rows: 0 });
  // Tab a again: the browser puts back "v1" (and the person had ticked q1 before the script ran).
  const back = tab(store, "a2", "1.0", session);
  assert.deepEqual(back.start().copy.fields, { note: "v1", q1: "" });
  const kept = back.keep({ fields: { note: "v1", q1: "2" }, rows: 0 });
  assert.deepEqual(kept.show.fields, { note: "v2", q1: "2" });
  assert.deepEqual(stored(store).fields, { note: "v2", q1: "2" });
  assert.deepEqual(stored(store).revision.n, 3);
});

test("a copy for another version is put in by name and kept whole until Python has brought it in", () => {
  const store = open();
  tab(store, "a", "1.0").keep({ fields: { q1: "2", "gone-item": "x" }, rows: 0 });
  const text = store.get(FORM);
  const newer = tab(store, "b", "2.0");
  const start = newer.start();
  assert.deepEqual([start.copy.fields, start.older], [{ q1: "2", "gone-item": "x" }, text]);
  assert.equal(newer.keep({ fields: { q1: "3" }, rows: 0 }).outcome, "saved");
  assert.equal(store.get(`${KEY}:migrating`), text); // typing is saved; the old copy is not lost
  assert.equal(tab(store, "c", "2.0").start().older, text); // and still waits on the next visit
  newer.migrated();
  assert.equal(store.get(`${KEY}:migrating`), null);
});

test("an answers document with no form copy waits for Python too", () => {
  const store = open();
  store.set(KEY, '{"assessment": "x"}');
  assert.deepEqual(tab(store, "a").start(), { copy: null, older: '{"assessment": "x"}' });
});

test("a copy only Python can read that cannot be set aside is never saved over", () => {
  const fake = new FakeStorage({ quota: 120 });
  const store = open(fake);
  fake.map.set(FORM, JSON.stringify({ format: 3, version: "0.9", rows: 0, fields: { q1: "2" } }));
  const one = tab(store, "one");
  assert.notEqual(one.start().older, null);
  assert.equal(one.keep({ fields: { q1: "3" }, rows: 0 }).outcome, "full");
  assert.equal(one.full, true);
  assert.equal(readSaved(fake.map.get(FORM)).version, "0.9");
  assert.equal(one.keepResponses("{}"), false);
});

test("storage full: the earlier copy stays whole, and the next change tries again", () => {
  const fake = new FakeStorage({ quota: 400 });
  const store = open(fake);
  const one = tab(store, "one");
  one.start();
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }).outcome, "saved");
  assert.equal(one.keep({ fields: { q1: "x".repeat(500) }, rows: 0 }).outcome, "full");
  assert.deepEqual(stored(store).fields, { q1: "1" });
  fake.quota = Infinity; // space freed
  assert.equal(one.keep({ fields: { q1: "2" }, rows: 0 }).outcome, "saved");
  assert.equal(one.full, false);
});

test("full at start is not 'no storage': it is retried", () => {
  const fake = new FakeStorage({ quota: 0 });
  const store = open(fake);
  assert.notEqual(store, null);
  const one = tab(store, "one");
  one.start();
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }).outcome, "full");
  fake.quota = Infinity;
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }).outcome, "saved");
});

test("no storage: nothing kept, nothing thrown", () => {
  const none = tab(null, "a");
  assert.deepEqual(none.start(), { copy: null, older: null });
  assert.equal(none.keep({ fields: {}, rows: 0 }).outcome, "none");
  assert.deepEqual(none.leftByClosedTabs(), []);
});
