// A team result (obc_assess.team, through the worker) shown as it comes: every label, level name, agreement
// level and sentence is Python's; the page's <template>s give the markup. Text only: nothing is parsed as HTML.

import { chart, h, table } from "./dom.mjs";
import { items, part, percent, problemLine } from "./team-parts.mjs";

export function teamNodes($root, result) {
  const people = result.respondents || [];
  const nodes = [part($root, "team-summary", {
    title: `${result.assessment.title}, version ${result.assessment.version}`,
    count: `${people.length} ${people.length === 1 ? "respondent" : "respondents"}`,
    anonymous: result.anonymous ? " (anonymous)." : ".",
  })];
  const notes = [...((result.context && result.context.notes) || []), ...(result.roles_note ? [result.roles_note] : [])];
  if (notes.length) nodes.push(part($root, "notes", { list: items(notes, "p") }));
  if ((result.skipped || []).length) {
    nodes.push(part($root, "team-skipped", { list: result.skipped.map((s) => h("li", {}, h("strong", {}, s.file),
      h("ul", {}, items(s.problems.map(problemLine))))) }));
  }
  nodes.push(respondents(result));
  if (result.matrix) nodes.push(...areas($root, result.matrix, people));
  else if (result.classification) nodes.push(...mix($root, result.classification));
  else nodes.push(...maturity($root, result));
  return nodes;
}

function respondents(result) {
  const caption = "Respondents";
  const share = result.classification
    ? Object.fromEntries(result.classification.respondents.map((r) => [r.respondent, r.outcome_share])) : null;
  return h("div", { class: "obc-figure" }, h("h3", {}, caption),
    table(caption, ["Respondent", "Role", "Organisation", "Date", "Model",
      share ? "Outcome share" : "Own overall score", "Confidence"],
    result.respondents.map((p) => [p.name, p.role_label, p.organisation || "Not given", p.date_label, p.model_label,
      percent(share ? share[p.name] : p.percent), percent(p.confidence)]), { scroll: true }));
}

function maturity($root, result) {
  const names = result.respondents.map((p) => p.name);
  const overall = result.overall;
  const nodes = [typeof overall.mean === "number"
    ? part($root, "team-overall", { mean: percent(overall.mean), median: percent(overall.median),
      min: percent(overall.min), max: percent(overall.max) })
    : part($root, "team-no-overall")];
  const sections = result.sections || [];
  const caption = "Score by section";
  nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption),
    chart(`${caption} (team mean)`, sections.map((s) => ({ label: s.title, value: s.mean }))),
    table(caption, ["Section", "Mean", "Median", "Range", ...names], sections.map((s) => [s.title,
      percent(s.mean), percent(s.median), typeof s.range === "number" ? `${s.min}% to ${s.max}% (${s.range} points)`
        : "\u2013", ...s.percents.map((c) => percent(c.percent))]), { scroll: true })));
  const found = result.disagreements || [];
  nodes.push(part($root, "team-disagreements", {
    rule: found.length ? result.disagreement.rule : result.disagreement.none,
    list: found.map((d) => h("li", {}, h("strong", {}, d.title), `: ${d.text}.`)),
  }));
  if ((result.roles || []).length) {
    nodes.push(part($root, "team-roles-intro"), table("By role", ["Role", "Respondents", "Overall",
      ...sections.map((s) => s.title)], result.roles.map((r) => [r.label, r.respondents.map((p) => p.name).join(", "),
      percent(r.percent), ...r.sections.map((s) => percent(s.percent))]), { scroll: true }));
  }
  nodes.push(part($root, "team-items-intro"));
  for (const section of sections) {
    const rows = (result.items || []).filter((i) => i.section === section.id);
    if (!rows.length) continue;
    nodes.push(table(`Items in \u201c${section.title}\u201d`, ["Item", "Answers", "Agreement", ...names],
      rows.map((i) => [i.title, i.range_text || "\u2013", i.agreement ? i.agreement.label : "\u2013",
        ...i.levels.map((c) => c.text)]), { scroll: true }));
  }
  const noted = (result.items || []).filter((i) => i.notes.length || i.plans.length);
  if (noted.length) {
    nodes.push(part($root, "team-notes-plans", { list: noted.map((i) => part($root, "team-note-item", {
      title: i.title,
      list: items([...i.notes.map((n) => `Note from ${n.respondent}: ${n.note}`),
        ...i.plans.map((p) => `Plan from ${p.respondent}: ${planText(p)}`)]),
    })) }));
  }
  return nodes;
}

function planText(plan) {
  // The entry's own fields, as typed: the action, then its owner, due date and target level's name.
  return [plan.action, plan.owner && `owner ${plan.owner}`, plan.due_label && `due ${plan.due_label}`,
    plan.target_label && `target ${plan.target_label}`].filter(Boolean).join("; ");
}

function areas($root, matrix, people) {
  const caption = `${matrix.row_label}s in order of team priority`;
  return [part($root, "team-areas-intro", { title: caption }), h("div", { class: "obc-figure" },
    chart(caption, matrix.areas.map((a) => ({ label: `${a.rank}. ${a.name}`, value: a.mean }))),
    table(caption, [matrix.row_label, "Team rank", "Mean", "Range", ...people.map((p) => p.name)],
      matrix.areas.map((a) => [a.name, a.rank, percent(a.mean), typeof a.range === "number"
        ? `${a.min}% to ${a.max}%` : "\u2013", ...a.ranks.map((c) => (c.rank ? `${c.rank} (${percent(c.percent)})`
        : "Not named"))]), { scroll: true }))];
}

function mix($root, block) {
  const caption = "Everyone's measures by category";
  const nodes = [part($root, "team-mix", { share: percent(block.outcome_share), classified: block.classified })];
  if (block.flag && block.flag.raised) nodes.push(part($root, "team-flag", { message: block.flag.message }));
  nodes.push(h("div", { class: "obc-figure" }, chart(caption, block.classes.map((c) => ({ label: c.label, value: c.percent }))),
    table(caption, ["Category", "Kind", "Measures", "Share"], block.classes.map((c) => [c.label,
      c.outcome ? "Outcome" : "Not an outcome", c.count, percent(c.percent)]))));
  return nodes;
}
