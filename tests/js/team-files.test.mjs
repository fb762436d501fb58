import assert from "node:assert/strict";
import { test } from "node:test";
import { addFiles, readFiles } from "../../docs/assets/modules/team-files.mjs";
import { fileLine, problemLine, problemText } from "../../docs/assets/modules/problems.mjs";
import { percent, signed } from "../../docs/assets/modules/team-parts.mjs";
import { createClient } from "../../docs/assets/modules/worker-client.mjs";
import { FakeWorker, manualTimers } from "./fakes.mjs";

function file(name, text, { size = text.length, broken = false } = {}) {
  return { name, size, text: async () => { if (broken) throw new Error("NotReadableError"); return text; } };
}

test("files are read as text; too large or unreadable ones are named for Python to explain", async () => {
  const read = await readFiles([file("a.json", "{}"), file("big.json", "", { size: 11 }),
    file("gone.json", "", { broken: true })], 10);
  assert.deepEqual(read, [{ name: "a.json", text: "{}" }, { name: "big.json", unreadable: "too-large" },
    { name: "gone.json", unreadable: "not-read" }]);
});

test("files chosen later are added after those chosen before, and a file chosen again is kept once", () => {
  const first = addFiles([], [{ name: "ann.json", text: "A" }]);
  assert.deepEqual([first.added, first.repeated], [1, 0]);
  const second = addFiles(first.files, [{ name: "bob.json", text: "B" }, { name: "ann.json", text: "A" },
    { name: "ann.json", text: "A changed" }]);
  assert.deepEqual(second.files.map((f) => f.text), ["A", "B", "A changed"]);
  assert.deepEqual([second.added, second.repeated], [2, 1]);
  assert.equal(first.files.length, 1, "the earlier list is not changed");
});

test("the merge request carries every file chosen so far (fake worker)", async () => {
  const timers = manualTimers();
  const seen = [];
  const client = createClient({
    workerUrl: new URL("https://site/obc-worker.js"), setTimer: timers.setTimer, clearTimer: timers.clearTimer,
    limitMs: 1000,
    createWorker: () => new FakeWorker((message, worker) => {
      if (message.type === "init") return worker.reply({ type: "ready" });
      seen.push(message);
      const files = JSON.parse(message.files);
      worker.reply({ id: message.id, ok: true, payload: JSON.stringify({ ok: true, merged: files.map((f) => f.name) }) });
    }),
  });
  client.start({ runtime: "https://site/rt/", package: "https://site/p.zip", definitions: [] });
  let files = addFiles([], [{ name: "ann.json", text: "A" }]).files;
  files = addFiles(files, [{ name: "bob.json", text: "B" }, { name: "big.json", unreadable: "too-large" }]).files;
  const answer = await client.request("aggregate", { definition: "d.json", files: JSON.stringify(files), anonymous: false });
  assert.deepEqual(answer.merged, ["ann.json", "bob.json", "big.json"]);
  assert.equal(seen[0].type, "aggregate");
});

test("problems read as the command line prints them", () => {
  assert.equal(problemLine({ path: "answers.x", message: "not an item" }), "answers.x: not an item");
  assert.equal(problemLine({ path: "(file)", message: "not valid JSON" }), "Not valid JSON");
  assert.equal(problemLine({ path: "(file)", message: "not valid JSON" }, { named: true }), "not valid JSON");
  // The one formatter's other forms: after a file's name, and beside a form field (no path then).
  assert.equal(fileLine("ann.json", { path: "answers.x", message: "not an item" }), "ann.json: answers.x: not an item");
  assert.equal(fileLine("ann.json", { path: "(file)", message: "not valid JSON" }), "ann.json: not valid JSON");
  assert.equal(fileLine("ann.json", { message: "too large" }), "ann.json: too large");
  assert.equal(problemText({ path: "answers.x", field: "x", message: "choose a level" }), "Choose a level");
  assert.equal(problemText({ path: "answers.x", field: null, message: "not an item" }), "answers.x: not an item");
  assert.equal(problemText({ path: "", file: true, message: "ann.json: not JSON" }), "ann.json: not JSON");
  assert.deepEqual([percent(58), percent(null), signed(2), signed(-1.5), signed(null)],
    ["58%", "\u2013", "+2", "-1.5", "\u2013"]);
});
