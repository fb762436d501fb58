// The assessment's buttons for files and paper: export the answers (JSON), the results and the action plan
// (CSV, UTF-8 with a byte order mark for Excel), the Word report (.docx, made by Python), import an answers
// file or start from last year's (asking before either replaces work), clear, and print. Printing and clearing never wait for Python; nor do
// exporting and importing the answers: without Python the file holds the form's fields as typed (form-copy.mjs).

import { DOCX_TYPE, csvText, download, fileName, fromBase64, today, typedDate } from "./files.mjs";
import { client } from "./worker-client.mjs";
import { copyText, readCopy } from "./form-copy.mjs";
import { fileLine } from "./problems.mjs";
import { word } from "./words.mjs";

export function answerFiles({ $root, $form, id, version, definition, fields, problems, line, saved, current, hasWork,
  afterImport, afterCarry, afterClear }) {
  const $import = $root.querySelector("[data-obc-import]");
  const $carry = $root.querySelector("[data-obc-carry]");
  // A guard for the browser, not a rule about answers: the definition's limit, written into the page.
  const maxBytes = Number($root.dataset.obcMaxBytes) || Infinity;

  function nameFor(what, extension) { // what: the key of the file name's word
    const values = fields.collect();
    // What, whose and when: the assessment's own date when the person gave one, else the day of the export.
    return fileName([id, values["respondent-organisation"] || values["respondent-name"],
      typedDate(values, "assessment-date") || today(), word(what)], extension);
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

  /** The chosen file's text, once the person has agreed to replace their work; null (said why) when not read. */
  async function chosenText($input, fail) {
    const file = $input && $input.files && $input.files[0];
    if (!file) return null;
    if (hasWork() && !window.confirm(word("files.replace-confirm", { name: file.name }))) {
      $input.value = "";
      return null;
    }
    if (file.size > maxBytes) return fail([{ message: word("files.too-large") }]);
    try {
      return await file.text();
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

  function applyAnswer($input, form) {
    fields.apply(form || { fields: {}, rows: 0 });
    $input.value = "";
    problems.fileProblems([]);
    problems.show([]);
  }

  async function importFile() {
    const fail = failing($import);
    const name = $import.files && $import.files[0] ? $import.files[0].name : "";
    const text = await chosenText($import, fail);
    if (text === null) return;
    // A form copy goes back into the form as it was typed, with or without Python; Python then checks it as it
    // checks anything typed. Any other file is an answers document, which only Python reads.
    let value = null;
    try { value = JSON.parse(text); } catch { /* not JSON: Python says how, in its words */ }
    const copy = readCopy(value, id);
    if (copy && copy.problem) return fail([{ message: copy.problem }]);
    let answer = copy ? { ok: true, form: copy.form, notice: null } : null;
    if (!answer && client.status.state === "failed") {
      return fail([{ message: word("files.needs-program-to-read") }]);
    }
    try {
      answer = answer || await client.request("import", { definition, text });
    } catch (problem) {
      return fail([{ message: word("files.not-read", { reason: problem.message }) }]);
    }
    if (!answer.ok) return fail(pythonProblems(answer));
    applyAnswer($import, answer.form);
    afterImport(answer, name);
  }

  /** Last year's answers file as the start of this year's: Python carries its open actions and evidence over. */
  async function carryForward() {
    const fail = failing($carry);
    const name = $carry.files && $carry.files[0] ? $carry.files[0].name : "";
    const text = await chosenText($carry, fail);
    if (text === null) return;
    if (client.status.state === "failed") return fail([{ message: word("files.needs-program-to-read") }]);
    if (client.status.state !== "ready") line.say(word("carry.waiting"), { focus: true });
    let answer;
    try {
      answer = await client.request("carry-forward", { definition, responses: text });
    } catch (problem) {
      return fail([{ message: word("files.not-read", { reason: problem.message }) }]);
    }
    if (!answer.ok) return fail(pythonProblems(answer));
    // This year's document goes into the form as any answers file does (the same Python call).
    const form = await client.request("fields", { definition, responses: JSON.stringify(answer.responses) });
    if (!form.ok) return fail(pythonProblems(form));
    applyAnswer($carry, form.form);
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
      if ($button.matches("[data-obc-export]")) exportAnswers();
      else if ($button.matches("[data-obc-export-csv]")) exportCsv();
      else if ($button.matches("[data-obc-export-plan]")) exportPlan();
      else if ($button.matches("[data-obc-export-docx]")) exportDocx();
      else if ($button.matches("[data-obc-print]")) window.print();
      else if ($button.matches("[data-obc-clear]")) clearAnswers();
    },
  };
}
