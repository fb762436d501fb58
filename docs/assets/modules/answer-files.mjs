// The assessment's buttons for files and paper: export the answers (JSON), the results and the action plan
// (CSV, UTF-8 with a byte order mark for Excel), the Word report (.docx, made by Python), import an answers
// file or start from last year's (asking before either replaces work), clear, and print. Printing and clearing never wait for Python; nor do
// exporting and importing the answers: without Python the file holds the form's fields as typed (form-copy.mjs).
// A file only Python reads waits for it, and says so; what the person types meanwhile is kept over the file's.

import { DOCX_TYPE, answersFileParts, csvText, download, fileName, fromBase64, toBase64 } from "./files.mjs";
import { client } from "./worker-client.mjs";
import { copyText, readCopy } from "./form-copy.mjs";
import { fileLine } from "./problems.mjs";
import { changedNames, valueOf } from "./merge-copies.mjs";
import { word } from "./words.mjs";

export function answerFiles({ $root, $form, id, version, definition, fields, problems, line, saved, current, hasWork,
  afterImport, afterCarry, afterClear }) {
  const $import = $root.querySelector("[data-obc-import]");
  const $carry = $root.querySelector("[data-obc-carry]");
  // A guard for the browser, not a rule about answers: the definition's limit, written into the page.
  const maxBytes = Number($root.dataset.obcMaxBytes) || Infinity;

  function nameFor(what, extension) { // what: the key of the file name's word
    return fileName(answersFileParts(id, fields.collect(), word(what)), extension);
  }

  async function ready() {
    // Files of answers need Python (the answers document is its format); say so rather than do nothing.
    if (client.status.state !== "ready") {
      line.say(word("files.needs-program"), { focus: true });
      return null;
    }
    const answer = await current();
    if (!answer || !answer.responses) {
      problems.show(answer ? answer.problems || [] : [], { summary: true, focus: true });
      return null;
    }
    return answer;
  }

  async function exportAnswers() {
    if (client.status.state !== "ready") {
      // Failed, blocked or still loading: the answers as typed, which Python reads as answers wherever it runs.
      download(nameFor("file.answers", "json"), copyText({ id, version, fields: fields.collect(), rows: fields.rowCount }),
        "application/json");
      line.say(word("files.copy-saved"), { focus: true });
      return;
    }
    const answer = await ready();
    if (answer) download(nameFor("file.answers", "json"), `${JSON.stringify(answer.responses, null, 2)}\n`, "application/json");
  }

  async function exportCsv() {
    if (!await ready()) return;
    try {
      // The page's own scoring leaves the CSV out: the same form, scored again with it, only now it is asked for.
      const scored = await client.request("evaluate", { definition, fields: JSON.stringify(fields.collect()) });
      if (scored.ok && typeof scored.csv === "string") download(nameFor("file.results", "csv"), csvText(scored.csv), "text/csv;charset=utf-8");
    } catch (problem) {
      console.error("obc: the results could not be exported", problem);
    }
  }

  async function exportPlan() {
    const answer = await ready();
    if (!answer) return;
    try {
      const plan = await client.request("plan-csv", { definition, responses: JSON.stringify(answer.responses) });
      if (plan.ok && typeof plan.csv === "string") download(nameFor("file.action-plan", "csv"), csvText(plan.csv), "text/csv;charset=utf-8");
    } catch (problem) {
      console.error("obc: the action plan could not be exported", problem);
    }
  }

  async function exportDocx() {
    const answer = await ready();
    if (!answer) return;
    try {
      const report = await client.request("docx", { definition, responses: JSON.stringify(answer.responses) });
      if (report.ok && typeof report.docx === "string") download(nameFor("file.report", "docx"), fromBase64(report.docx), DOCX_TYPE);
    } catch (problem) {
      console.error("obc: the report could not be made", problem);
    }
  }

  /** The chosen file, once the person has agreed to replace their work: its bytes as sent to Python, which reads
   * them as text by its one rule, and as UTF-8 text, which spots a form copy (this page writes them as UTF-8);
   * null (said why) when not read. */
  async function chosenFile($input, fail) {
    const file = $input && $input.files && $input.files[0];
    if (!file) return null;
    if (hasWork() && !window.confirm(word("files.replace-confirm", { name: file.name }))) {
      $input.value = "";
      return null;
    }
    if (file.size > maxBytes) return fail([{ message: word("files.too-large") }]);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      return { text: new TextDecoder().decode(bytes), sent: { bytes: toBase64(bytes) } };
    } catch (problem) {
      return fail([{ message: word("files.not-read", { reason: problem.message }) }]);
    }
  }

  function failing($input) {
    const name = $input.files && $input.files[0] ? $input.files[0].name : "";
    return (list) => {
      $input.value = ""; // choosing the same file again, once put right, is a change
      problems.fileProblems(list.map((p) => ({ path: "", field: null, file: true, importField: $input.id,
        message: fileLine(name, p) })));
      problems.show([], { summary: true, focus: true });
      return null;
    };
  }

  // Python's problems, each with its place in the file (fileLine says it, after the file's name).
  const pythonProblems = (answer) => answer.problems || [];

  /** The file's values into the form, but for what the person typed since agreeing (`since`: the form then),
      which is kept over them: true when there was any. */
  function applyAnswer($input, form, since) {
    const file = form || { fields: {}, rows: 0 };
    const mine = fields.collect();
    const typed = changedNames(since, mine);
    const values = { ...file.fields, ...Object.fromEntries(typed.map((name) => [name, valueOf(mine, name)])) };
    fields.apply({ fields: values, rows: Math.max(file.rows || 0, typed.length ? fields.rowCount : 0) });
    $input.value = "";
    problems.fileProblems([]);
    problems.show([]);
    return typed.length > 0;
  }

  /** Python's reading of a file: at once when it is ready, else once it is, the page saying it waits. */
  async function askPython($input, type, data, waiting) {
    if (client.status.state !== "ready") line.say(waiting, { focus: true });
    $input.disabled = true; // one file at a time
    try {
      return await client.request(type, { definition, ...data });
    } finally {
      $input.disabled = false;
    }
  }

  async function importFile() {
    const fail = failing($import);
    const name = $import.files && $import.files[0] ? $import.files[0].name : "";
    const chosen = await chosenFile($import, fail);
    if (chosen === null) return;
    const since = fields.collect();
    // A form copy of this version that the form has a place for goes back as it was typed, with or without
    // Python; Python then checks it as it checks anything typed. Any other file (an answers document, a copy of
    // another version) only Python reads: it names whatever the assessment no longer has.
    let value = null;
    try { value = JSON.parse(chosen.text); } catch { /* not JSON: Python says how, in its words */ }
    const copy = readCopy(value, id);
    if (copy && copy.problem) return fail([{ message: copy.problem }]);
    let answer = copy && copy.version === version && fields.canHold(copy.form.fields)
      ? { ok: true, form: copy.form, notice: null } : null;
    if (!answer && client.status.state === "failed") {
      return fail([{ message: word("files.needs-program-to-read") }]);
    }
    try {
      answer = answer || await askPython($import, "import", { text: chosen.sent }, word("files.import-waiting", { name }));
    } catch (problem) {
      return fail([{ message: word("files.not-read", { reason: problem.message }) }]);
    }
    if (!answer.ok) return fail(pythonProblems(answer));
    afterImport(answer, name, applyAnswer($import, answer.form, since));
  }

  /** Last year's answers file as the start of this year's: Python carries its open actions and evidence over. */
  async function carryForward() {
    const fail = failing($carry);
    const name = $carry.files && $carry.files[0] ? $carry.files[0].name : "";
    const chosen = await chosenFile($carry, fail);
    if (chosen === null) return;
    const since = fields.collect();
    if (client.status.state === "failed") return fail([{ message: word("files.needs-program-to-read") }]);
    let answer;
    try {
      answer = await askPython($carry, "carry-forward", { responses: chosen.sent }, word("carry.waiting"));
    } catch (problem) {
      return fail([{ message: word("files.not-read", { reason: problem.message }) }]);
    }
    if (!answer.ok) return fail(pythonProblems(answer));
    // This year's document goes into the form as any answers file does (the same Python call).
    const form = await client.request("fields", { definition, responses: JSON.stringify(answer.responses) });
    if (!form.ok) return fail(pythonProblems(form));
    applyAnswer($carry, form.form, since);
    afterCarry(answer, name);
  }

  function clearAnswers() {
    if (!window.confirm(word("files.clear-confirm"))) return;
    saved.clear();
    fields.reset();
    problems.forget();
    problems.fileProblems([]);
    problems.show([]);
    afterClear();
  }

  if ($import) $import.addEventListener("change", importFile);
  if ($carry) $carry.addEventListener("change", carryForward);

  return {
    /** A button in the assessment was pressed: do its job if it is one of these. */
    click($button) {
      if ($button.getAttribute("aria-disabled") === "true") return; // needs Python, which failed: the note says so
      if ($button.matches("[data-obc-export]")) exportAnswers();
      else if ($button.matches("[data-obc-export-csv]")) exportCsv();
      else if ($button.matches("[data-obc-export-plan]")) exportPlan();
      else if ($button.matches("[data-obc-export-docx]")) exportDocx();
      else if ($button.matches("[data-obc-print]")) window.print();
      else if ($button.matches("[data-obc-clear]")) clearAnswers();
    },
  };
}
