// Two copies of one form's fields, each changed from a common base (two tabs, a page restored by the browser, a
// file that opens while the person types): combined field by field, as a three-way merge does. A field changed on
// one side only takes that side's value; a field changed on both sides to different values is a clash, for the
// person to settle. No rule about answers: fields are compared as text, and an empty box is the same as no box.

/** A field's value for comparing copies: absent and "" are the same (an empty box, an unticked radio). */
export function valueOf(fields, name) {
  return fields && Object.hasOwn(fields, name) && fields[name] !== undefined ? fields[name] : "";
}

/** The names whose values differ between two sets of fields. */
export function changedNames(before, after) {
  const names = new Set([...Object.keys(before || {}), ...Object.keys(after || {})]);
  return [...names].filter((name) => valueOf(before, name) !== valueOf(after, name));
}

/** One field of the merge: whose value it takes ("mine", "theirs") or "clash". */
function side(base, mine, theirs, name) {
  const [b, m, t] = [base, mine, theirs].map((fields) => valueOf(fields, name));
  if (m === t || t === b) return "mine";
  if (m === b) return "theirs";
  return "clash";
}

/**
 * Combine two copies changed from one base: {fields, clashes}. Each clash keeps the other side's value in
 * `fields` (what is already saved stays saved until the person chooses) and is named in `clashes`.
 */
export function mergeFields(base, mine, theirs) {
  const fields = {};
  const clashes = [];
  const names = new Set([...Object.keys(base || {}), ...Object.keys(mine || {}), ...Object.keys(theirs || {})]);
  for (const name of names) {
    const taken = side(base, mine, theirs, name);
    if (taken === "clash") clashes.push(name);
    const from = taken === "mine" ? mine : theirs;
    if (from && Object.hasOwn(from, name)) fields[name] = from[name];
  }
  return { fields, clashes };
}

/** The rows a merge keeps: the side that changed them (rows are also implied by the row fields a copy holds). */
export function mergeRows(base, mine, theirs) {
  return mine !== base ? mine : theirs;
}
