import assert from "node:assert/strict";
import { test } from "node:test";
import { BOM, answersFileParts, csvText, fileName, fromBase64, today, typedDate } from "../../docs/assets/modules/files.mjs";

test("file names say what, whose and when", () => {
  assert.equal(fileName(["commissioning-standards", "Cyngor Gwynedd", "2026-12-01", "answers"], "json"),
    "commissioning-standards-cyngor-gwynedd-2026-12-01-answers.json");
  assert.equal(fileName(["x", "", null, "Ŵyr Môn / Ceredigion"], "csv"), "x-wyr-mon-ceredigion.csv");
  assert.equal(fileName(["", "  "], "csv"), "download.csv");
});

// (what the form holds, the file name of its answers)
const ANSWERS_FILES = [
  [{ "respondent-organisation": "Cyngor Gwynedd", "respondent-name": "Siân Ellis", "assessment-date:day": "1",
    "assessment-date:month": "12", "assessment-date:year": "2026" },
  "procurement-review-cyngor-gwynedd-sian-ellis-2026-12-01-answers.json"],
  [{ "respondent-organisation": "Cyngor Gwynedd", "respondent-name": "Rhys Owen" },
    "procurement-review-cyngor-gwynedd-rhys-owen-2026-01-05-answers.json"],
  [{ "respondent-name": "Rhys Owen" }, "procurement-review-rhys-owen-2026-01-05-answers.json"],
  [{}, "procurement-review-2026-01-05-answers.json"],
];

for (const [values, name] of ANSWERS_FILES) {
  test(`a file of answers names whose they are: ${name}`, () => {
    assert.equal(fileName(answersFileParts("procurement-review", values, "answers", new Date(2026, 0, 5)), "json"),
      name);
  });
}

test("CSV text carries one byte order mark", () => {
  assert.equal(csvText("a,b\n"), `${BOM}a,b\n`);
  assert.equal(csvText(`${BOM}a`), `${BOM}a`);
});

test("today is the local date", () => {
  assert.equal(today(new Date(2026, 0, 5)), "2026-01-05");
});

test("a Word report's base64 text becomes its bytes, every byte value intact", () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, n) => n);
  assert.deepEqual(fromBase64(Buffer.from(bytes).toString("base64")), bytes);
  assert.deepEqual(fromBase64("UEsDBA=="), new Uint8Array([0x50, 0x4b, 0x03, 0x04])); // a zip starts "PK\3\4"
});

test("a date typed in three boxes names a file as year-month-day, only when it is in figures", () => {
  const boxes = (day, month, year) => ({ "d:day": day, "d:month": month, "d:year": year });
  assert.equal(typedDate(boxes("2", "3", "2026"), "d"), "2026-03-02");
  assert.equal(typedDate(boxes(" 31", "12 ", "2026"), "d"), "2026-12-31");
  for (const [day, month, year] of [["", "3", "2026"], ["2", "March", "2026"], ["2", "3", "26"], ["123", "3", "2026"]]) {
    assert.equal(typedDate(boxes(day, month, year), "d"), "");
  }
  assert.equal(typedDate({}, "d"), "");
});
