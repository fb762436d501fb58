// The answers as typed, in a file: what Export answers saves when Python is not available, and reading such a
// file back. It copies field values only (no rule about answers): obc_assess.core.form_copy reads the same file in
// the command line and the team pages, and turns it into an answers document with the form's own mapping.

import { FORM_FORMAT } from "./saved-answers.mjs";
import { word } from "./words.mjs";

export const COPY_FORMAT = "obc-assess/form-copy";
const COPY_VERSION = 1;

/** The file's text: the :form copy saved-answers keeps, wrapped with what it is, for which assessment, when. */
export function copyText({ id, version, fields, rows, now = new Date() }) {
  const copy = { format: COPY_FORMAT, format_version: COPY_VERSION, assessment: id, assessment_version: version,
    saved_at: now.toISOString(), form: { format: FORM_FORMAT, version, rows, fields } };
  return `${JSON.stringify(copy, null, 2)}\n`;
}

/**
 * A parsed file: null when it is not a form copy (an answers document, for Python), else {form: {fields, rows},
 * version} (the assessment's version it was saved for: only a copy of this one goes into the form as it is), or
 * {problem} saying why it cannot be.
 */
export function readCopy(value, id) {
  if (!value || typeof value !== "object" || value.format !== COPY_FORMAT) return null;
  if (value.assessment !== id) {
    return { problem: word("copy.other-assessment", { id: String(value.assessment) }) };
  }
  const form = value.form;
  const fields = form && form.fields;
  if (value.format_version !== COPY_VERSION || !form || form.format !== FORM_FORMAT || !fields
    || typeof fields !== "object" || Array.isArray(fields) || !Object.values(fields).every((v) => typeof v === "string")) {
    return { problem: word("copy.unreadable") };
  }
  return { form: { fields, rows: Number.isInteger(form.rows) ? form.rows : 0 },
    version: String(value.assessment_version ?? form.version ?? "") };
}
