import assert from "node:assert/strict";
import { test } from "node:test";
import { openStorage } from "../../docs/assets/modules/storage.mjs";
import { FakeStorage } from "./fakes.mjs";

test("no localStorage, or a blocked one, is no storage (never a throw)", () => {
  assert.equal(openStorage({ localStorage: null }), null);
  assert.equal(openStorage({ localStorage: new FakeStorage({ blocked: true }) }), null);
  assert.equal(openStorage({ get localStorage() { throw new Error("SecurityError"); } }), null);
});

test("a full store says so: set returns false and keeps what was there", () => {
  const fake = new FakeStorage({ quota: 40 });
  const store = openStorage({ localStorage: fake });
  assert.equal(store.set("a", "1234"), true);
  assert.equal(store.set("a", "x".repeat(100)), false);
  assert.equal(store.get("a"), "1234");
});

test("keys lists by prefix", () => {
  const store = openStorage({ localStorage: new FakeStorage() });
  store.set("obc-assess:x", "1");
  store.set("obc-assess:x:form", "2");
  store.set("other", "3");
  assert.deepEqual(store.keys("obc-assess:x"), ["obc-assess:x", "obc-assess:x:form"]);
});
