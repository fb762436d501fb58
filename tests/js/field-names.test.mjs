import assert from "node:assert/strict";
import { test } from "node:test";
import { migrateDate, migrateNames } from "../../docs/assets/modules/field-names.mjs";
import { openStorage } from "../../docs/assets/modules/storage.mjs";
import { readSaved, savedAnswers } from "../../docs/assets/modules/saved-answers.mjs";
import { FakeStorage } from "./fakes.mjs";

test("format 1 names are renamed to today's collision-free ones", () => {
  assert.deepEqual(migrateNames({
    "context-model": "2", "respondent-name": "Ann", "q-governance": "3", "q-governance-note": "why",
    "q-governance-plan-action": "Ask", "q-governance-plan-due": "2027-03-09", "q-cost-plan-due": "",
    "q-cost-plan-target": "2", "row-0-name": "Home care", "row-0-note": "n", "row-12-class": "output",
    "row-0-pressure": "3", "assessment-date": "2026-03-02",
  }), {
    "context-model": "2", "respondent-name": "Ann", "item:governance": "3", "note:governance": "why",
    "plan-action:governance": "Ask", "plan-due:governance:day": "9", "plan-due:governance:month": "3",
    "plan-due:governance:year": "2027", "plan-due:cost:day": "", "plan-due:cost:month": "",
    "plan-due:cost:year": "", "plan-target:cost": "2", "row:0:name": "Home care", "row:0:note": "n",
    "row:12:class": "output", "row:0:level:pressure": "3",
    "assessment-date:day": "2", "assessment-date:month": "3", "assessment-date:year": "2026",
  });
});

test("a format 2 copy's one-box assessment date becomes its three boxes; nothing else changes", () => {
  assert.deepEqual(migrateDate({ "item:a": "2", "assessment-date": "2026-12-01" }), { "item:a": "2",
    "assessment-date:day": "1", "assessment-date:month": "12", "assessment-date:year": "2026" });
  assert.deepEqual(migrateDate({ "assessment-date": "" }), { "assessment-date:day": "", "assessment-date:month": "",
    "assessment-date:year": "" });
  const today = { "item:a": "2", "assessment-date:day": "5" };
  assert.equal(migrateDate(today), today);
});

test("a copy saved with the old names comes back under the new ones, at once", () => {
  const fake = new FakeStorage();
  fake.setItem("obc-assess:x:form", JSON.stringify({ format: 1, version: "1.0", rows: 0,
    fields: { "q-a": "2", "q-a-note": "kept" } }));
  const saved = savedAnswers({ store: openStorage({ localStorage: fake }), key: "obc-assess:x", version: "1.0", tabId: "t" });
  const { copy } = saved.start();
  assert.deepEqual([copy.fields, copy.rows, copy.version], [{ "item:a": "2", "note:a": "kept" }, 0, "1.0"]);
  // Kept again in the new format: read back as it is.
  assert.equal(saved.keep({ fields: { ...copy.fields, "note:a": "kept again" }, rows: 0 }).outcome, "saved");
  assert.equal(JSON.parse(fake.getItem("obc-assess:x:form")).format, 3);
  assert.deepEqual(readSaved(fake.getItem("obc-assess:x:form")).fields, { "item:a": "2", "note:a": "kept again" });
});

test("a format 2 copy comes back with its assessment date in three boxes", () => {
  const fake = new FakeStorage();
  fake.setItem("obc-assess:x:form", JSON.stringify({ format: 2, version: "1.0", rows: 0,
    fields: { "item:a": "2", "assessment-date": "2026-03-02" } }));
  const saved = savedAnswers({ store: openStorage({ localStorage: fake }), key: "obc-assess:x", version: "1.0", tabId: "t" });
  assert.deepEqual(saved.start().copy.fields, { "item:a": "2", "assessment-date:day": "2", "assessment-date:month": "3",
    "assessment-date:year": "2026" });
});
