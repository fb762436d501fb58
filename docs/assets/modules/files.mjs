// Files out of the page: a download from text, and a file name that says what, whose and when.

/** Excel reads a CSV as UTF-8 (ŵ, â, en dashes) only with a byte order mark in front. */
export const BOM = "\uFEFF";

/**
 * A file name from its parts: lower case, words joined by "-", nothing a file system refuses, empty parts left out.
 * fileName(["commissioning-standards", "Cyngor Gwynedd", "2026-12-01", "answers"], "json")
 *   -> "commissioning-standards-cyngor-gwynedd-2026-12-01-answers.json"
 */
export function fileName(parts, extension) {
  const words = parts
    .map((part) => String(part ?? "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60))
    .filter(Boolean);
  return `${words.join("-") || "download"}.${extension}`;
}

/** Today's date as YYYY-MM-DD in the person's own time zone. */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A date typed in three boxes (<name>:day|month|year) as YYYY-MM-DD for a file name, or "" when the boxes
 * do not hold a day, a month and a four-figure year in figures (whether it is a real date is Python's to say). */
export function typedDate(values, name) {
  const [day, month, year] = ["day", "month", "year"].map((part) => String(values[`${name}:${part}`] ?? "").trim());
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

/**
 * The parts of a file of one person's answers or results: what, whose (the organisation and the person, so the
 * files of a team from one council do not share a name) and when (the assessment's own date when the person gave
 * one, else the day of the export). Name it with fileName(parts, extension).
 */
export function answersFileParts(id, values, what, now = new Date()) {
  return [id, values["respondent-organisation"], values["respondent-name"],
    typedDate(values, "assessment-date") || today(now), what];
}

/** Text as a CSV download: UTF-8 with a byte order mark (one is added unless the text has it). */
export function csvText(text) {
  return text.startsWith(BOM) ? text : `${BOM}${text}`;
}

/** The media type of a Word document, and the bytes of one from the base64 text Python sends across. */
export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** Bytes as base64 text: how a chosen file crosses to Python, which reads it as text by its one rule (UTF-8, or
 * UTF-16 with a byte order mark; jsontext.decode), so the page and the command line read the same files. */
export function toBase64(bytes) {
  let binary = "";
  for (let n = 0; n < bytes.length; n += 0x8000) binary += String.fromCharCode(...bytes.subarray(n, n + 0x8000));
  return btoa(binary);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let n = 0; n < binary.length; n += 1) bytes[n] = binary.charCodeAt(n);
  return bytes;
}

/** Save text (or bytes) as a file through the browser's own download (nothing is sent anywhere). */
export function download(name, text, type, doc = document) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const $link = doc.createElement("a");
  $link.href = url;
  $link.download = name;
  $link.hidden = true;
  doc.body.append($link);
  $link.click();
  $link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
