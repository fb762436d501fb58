import assert from "node:assert/strict";
import { test } from "node:test";
import { printedDate } from "../../docs/assets/modules/print.mjs";
import { useWords } from "../../docs/assets/modules/words.mjs";
import { catalogue } from "./words-files.mjs";

test("the printed date names its month in the page's language, whatever dates the browser knows", () => {
  const day = new Date(2026, 11, 2);
  useWords(catalogue("en"));
  assert.equal(printedDate(day), "2 December 2026");
  useWords(catalogue("cy"));
  assert.equal(printedDate(day), "2 Rhagfyr 2026");
  assert.equal(printedDate(new Date(2027, 5, 30)), "30 Mehefin 2027");
  useWords(null);
});
