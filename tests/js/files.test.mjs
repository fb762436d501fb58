import assert from "node:assert/strict";
import { test } from "node:test";
import { BOM, csvText, fileName, today } from "../../docs/assets/modules/files.mjs";

test("file names say what, whose and when", () => {
  assert.equal(fileName(["commissioning-standards", "Cyngor Gwynedd", "2026-12-01", "answers"], "json"),
    "commissioning-standards-cyngor-gwynedd-2026-12-01-answers.json");
  assert.equal(fileName(["x", "", null, "Ŵyr Môn / Ceredigion"], "csv"), "x-wyr-mon-ceredigion.csv");
  assert.equal(fileName(["", "  "], "csv"), "download.csv");
});

test("CSV text carries one byte order mark", () => {
  assert.equal(csvText("a,b\n"), `${BOM}a,b\n`);
  assert.equal(csvText(`${BOM}a`), `${BOM}a`);
});

test("today is the local date", () => {
  assert.equal(today(new Date(2026, 0, 5)), "2026-01-05");
});
