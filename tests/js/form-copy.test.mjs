import assert from "node:assert/strict";
import { test } from "node:test";
import { COPY_FORMAT, copyText, readCopy } from "../../docs/assets/modules/form-copy.mjs";
import { useWords } from "../../docs/assets/modules/words.mjs";
import { catalogue } from "./words-files.mjs";

useWords(catalogue("en"));

const fields = { "item:governance": "2", "note:governance": "Board minutes, ŵ and â", "respondent-name": "" };

test("a form copy says what it is, for which assessment and when, and holds the form as saved", () => {
  const text = copyText({ id: "commissioning-principles", version: "1.1", fields, rows: 0,
    now: new Date(Date.UTC(2026, 2, 2, 10)) });
  assert.deepEqual(JSON.parse(text), { format: COPY_FORMAT, format_version: 1, assessment: "commissioning-principles",
    assessment_version: "1.1", saved_at: "2026-03-02T10:00:00.000Z",
    form: { format: 3, version: "1.1", rows: 0, fields } });
  assert.ok(text.endsWith("}\n"));
});

test("reading a copy back gives its fields; anything else is left for Python", () => {
  const value = JSON.parse(copyText({ id: "a", version: "1.0", fields, rows: 2 }));
  assert.deepEqual(readCopy(value, "a"), { form: { fields, rows: 2 }, version: "1.0" });
  assert.equal(readCopy({ format: "obc-assess/responses" }, "a"), null);
  assert.equal(readCopy(null, "a"), null);
  assert.equal(readCopy([1], "a"), null);
});

test("a copy for another assessment, or with fields that are not text, is refused in words", () => {
  const value = JSON.parse(copyText({ id: "a", version: "1.0", fields, rows: 0 }));
  assert.deepEqual(readCopy(value, "b"), { problem: "holds answers to another assessment (a), not this one" });
  const bad = "is not a form copy this page can read; export the answers again";
  for (const change of [{ fields: [] }, { fields: { x: 1 } }, { format: 1 }]) {
    assert.deepEqual(readCopy({ ...value, form: { ...value.form, ...change } }, "a"), { problem: bad });
  }
  assert.deepEqual(readCopy({ ...value, format_version: 2 }, "a"), { problem: bad });
});

test("on a Welsh page the copy's problems are in Welsh", () => {
  useWords(catalogue("cy"));
  const value = JSON.parse(copyText({ id: "a", version: "1.0", fields, rows: 0 }));
  assert.deepEqual(readCopy(value, "b"), { problem: "mae’n dal atebion i asesiad arall (a), nid i’r un hwn" });
  assert.deepEqual(readCopy({ ...value, format_version: 2 }, "a"),
    { problem: "nid yw’n gopi o ffurflen y gall y dudalen hon ei ddarllen; allforiwch yr atebion eto" });
  useWords(catalogue("en"));
});
