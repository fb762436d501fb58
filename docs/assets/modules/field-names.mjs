// Saved form copies from before the field names were made collision-free (format 1 of the :form copy), or from
// before the assessment date had three boxes (formats 1 and 2): their names are renamed to today's scheme
// (obc_assess.core.form), so answers saved then still come back at once.
// This reads storage, not answers: the old names were unambiguous because the build refused ids that collided.

const PLAN = /^q-(.+)-plan-(action|owner|due|target)$/;
const ROW = /^row-(\d{1,4})-(.+)$/;
const ROW_OWN = new Set(["name", "note", "class"]);

/** A date in one box (YYYY-MM-DD, or "") as its three boxes <name>:day|month|year, as a person writes it. */
function dateBoxes(name, value) {
  const date = /^(\d+)-(\d+)-(\d+)$/.exec(value);
  const [year, month, day] = date ? [date[1], String(Number(date[2])), String(Number(date[3]))] : [value, "", ""];
  return { [`${name}:day`]: day, [`${name}:month`]: month, [`${name}:year`]: year };
}

/** A format 2 copy's fields under today's names: the assessment date's one box became three. */
export function migrateDate(fields) {
  if (!Object.hasOwn(fields, "assessment-date")) return fields;
  const { "assessment-date": date, ...rest } = fields;
  return { ...rest, ...dateBoxes("assessment-date", date) };
}

/** One old field (name, value) as today's fields: usually one, a due date three (its day, month and year). */
function renamed(name, value) {
  let match = PLAN.exec(name);
  if (match) {
    const [, id, key] = match;
    return key === "due" ? dateBoxes(`plan-due:${id}`, value) : { [`plan-${key}:${id}`]: value };
  }
  match = /^q-(.+)-note$/.exec(name);
  if (match) return { [`note:${match[1]}`]: value };
  match = /^q-(.+)$/.exec(name);
  if (match) return { [`item:${match[1]}`]: value };
  match = ROW.exec(name);
  if (match) {
    const [, n, part] = match;
    return { [ROW_OWN.has(part) ? `row:${n}:${part}` : `row:${n}:level:${part}`]: value };
  }
  return migrateDate({ [name]: value }); // context-model, context-scope, respondent-... keep their names
}

/** A format 1 copy's fields under today's names. */
export function migrateNames(fields) {
  const out = {};
  for (const [name, value] of Object.entries(fields)) Object.assign(out, renamed(name, value));
  return out;
}
