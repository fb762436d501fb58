import assert from "node:assert/strict";
import { test } from "node:test";
import { entryNumbers, longDate, nextNumber } from "../../docs/assets/modules/evidence-entries.mjs";

test("the entry numbers saved fields use, per item, gaps kept (they come back under the same names)", () => {
  const numbers = entryNumbers({
    "item:a": "3", "evidence:a:0:what": "Minutes", "evidence:a:3:what": "Report", "evidence:a:3:strength": "documented",
    "evidence:a:3:review-by:day": "1", "evidence:b:12:kind": "data", "plan-status:a": "done", "note:b": "n",
    "evidence:c:x:what": "not a number", "evidence:d:1000:what": "too many digits",
  });
  assert.deepEqual([...numbers], [["a", [0, 3]], ["b", [12]]]);
});

test("a new entry takes the number after the highest in use, never one a removed entry left", () => {
  assert.equal(nextNumber([]), 0);
  assert.equal(nextNumber([0]), 1);
  assert.equal(nextNumber([0, 3]), 4);
  assert.equal(nextNumber([2, 1]), 3);
});

test("a carried-over date is written as the page's language writes dates; anything else is shown as it is", () => {
  assert.equal(longDate("2026-03-31", "en-GB"), "31 March 2026");
  assert.equal(longDate("2025-12-01", "cy"), "1 Rhagfyr 2025");
  assert.equal(longDate("", "en-GB"), "");
  assert.equal(longDate("31/03/2026", "en-GB"), "31/03/2026");
});
