import assert from "node:assert/strict";
import { test } from "node:test";
import { readFiles } from "../../docs/assets/modules/team-files.mjs";
import { fromBase64, toBase64 } from "../../docs/assets/modules/files.mjs";
import { fileLine, problemLine, problemText } from "../../docs/assets/modules/problems.mjs";
import { percent, signed } from "../../docs/assets/modules/team-parts.mjs";
import { createClient } from "../../docs/assets/modules/worker-client.mjs";
import { FakeWorker, manualTimers } from "./fakes.mjs";

function file(name, bytes, { size = bytes.length, broken = false } = {}) {
  return { name, size, arrayBuffer: async () => { if (broken) throw new Error("NotReadableError"); return bytes.buffer; } };
}

test("files are read as bytes for Python to read as text; too large or unreadable ones are named for it to explain",
  async () => {
    // Not UTF-8 (Latin-1 "café") and UTF-16 with its mark: the bytes cross as they are, for Python's one rule.
    const latin = Uint8Array.of(0x22, 0x63, 0x61, 0x66, 0xe9, 0x22);
    const utf16 = Uint8Array.of(0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00);
    const read = await readFiles([file("a.json", latin), file("b.json", utf16), file("big.json", new Uint8Array(11)),
      file("gone.json", new Uint8Array(0), { broken: true })], 10);
    assert.deepEqual(read, [{ name: "a.json", bytes: "ImNhZuki" }, { name: "b.json", bytes: "//57AH0A" },
      { name: "big.json", unreadable: "too-large" }, { name: "gone.json", unreadable: "not-read" }]);
  });

test("base64 both ways keeps every byte, in a file larger than one chunk", () => {
  const bytes = Uint8Array.from({ length: 100_000 }, (_, n) => (n * 7) % 256);
  assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
  assert.equal(toBase64(new Uint8Array(0)), "");
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
  const files = [{ name: "ann.json", bytes: "QQ==" }, { name: "bob.json", bytes: "Qg==" },
    { name: "big.json", unreadable: "too-large" }];
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
