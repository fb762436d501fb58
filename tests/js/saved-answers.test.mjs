import assert from "node:assert/strict";
import { test } from "node:test";
import { openStorage } from "../../docs/assets/modules/storage.mjs";
import { savedAnswers } from "../../docs/assets/modules/saved-answers.mjs";
import { FakeStorage } from "./fakes.mjs";

const KEY = "obc-assess:x";
const tab = (store, tabId, version = "1.0") => savedAnswers({ store, key: KEY, version, tabId });

test("what is kept comes back on the next visit, before Python", () => {
  const store = openStorage({ localStorage: new FakeStorage() });
  assert.equal(tab(store, "a").keep({ fields: { q1: "2", "q1-note": "why" }, rows: 0 }), "saved");
  assert.deepEqual(tab(store, "b").form(), { fields: { q1: "2", "q1-note": "why" }, rows: 0, version: "1.0" });
});

test("a copy for another version is left to Python (migration)", () => {
  const store = openStorage({ localStorage: new FakeStorage() });
  tab(store, "a", "1.0").keep({ fields: { q1: "2" }, rows: 0 });
  assert.equal(tab(store, "b", "2.0").form(), null);
});

test("two tabs typing: the second never writes over the first, and keeps its own work aside", () => {
  const fake = new FakeStorage();
  const store = openStorage({ localStorage: fake });
  const one = tab(store, "one");
  const two = tab(store, "two");
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }), "saved");
  assert.equal(two.keep({ fields: { q2: "3" }, rows: 0 }), "conflict");
  assert.deepEqual(tab(store, "z").form().fields, { q1: "1" });
  // Tab two is closed while it asks: the next visit finds its work.
  const left = tab(store, "three").leftByClosedTabs();
  assert.equal(left.length, 1);
  assert.deepEqual(left[0].fields, { q2: "3" });
});

test("keep mine writes this tab's answers; adopt takes the other's and drops this tab's copy", () => {
  const store = openStorage({ localStorage: new FakeStorage() });
  const one = tab(store, "one");
  const two = tab(store, "two");
  one.keep({ fields: { q1: "1" }, rows: 0 });
  two.keep({ fields: { q2: "3" }, rows: 0 });
  two.keepMine();
  assert.equal(two.keep({ fields: { q2: "3" }, rows: 0 }), "saved");
  assert.equal(one.changedElsewhere(), true);
  assert.deepEqual(one.adopt().fields, { q2: "3" });
  assert.deepEqual(tab(store, "x").leftByClosedTabs(), []);
});

test("storage full: the earlier copy stays whole, and the next change tries again", () => {
  const fake = new FakeStorage({ quota: 200 });
  const store = openStorage({ localStorage: fake });
  const one = tab(store, "one");
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }), "saved");
  assert.equal(one.keep({ fields: { q1: "x".repeat(500) }, rows: 0 }), "full");
  assert.deepEqual(tab(store, "b").form().fields, { q1: "1" });
  fake.quota = Infinity; // space freed
  assert.equal(one.keep({ fields: { q1: "2" }, rows: 0 }), "saved");
});

test("full at start is not 'no storage': it is retried", () => {
  const fake = new FakeStorage({ quota: 0 });
  const store = openStorage({ localStorage: fake });
  assert.notEqual(store, null);
  const one = tab(store, "one");
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }), "full");
  fake.quota = Infinity;
  assert.equal(one.keep({ fields: { q1: "1" }, rows: 0 }), "saved");
});

test("a copy that cannot be set aside stops saving over the original", () => {
  const fake = new FakeStorage({ quota: 60 });
  const store = openStorage({ localStorage: fake });
  fake.map.set(KEY, "{bad}");
  const one = tab(store, "one");
  assert.equal(one.setAside("{bad}".repeat(20)), false);
  assert.equal(one.keepResponses("{}"), false);
  assert.equal(store.get(KEY), "{bad}");
});

test("no storage: nothing kept, nothing thrown", () => {
  const none = tab(null, "a");
  assert.equal(none.keep({ fields: {}, rows: 0 }), "none");
  assert.equal(none.form(), null);
  assert.deepEqual(none.leftByClosedTabs(), []);
});
