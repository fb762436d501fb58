// A team result (obc_assess.core.team, through the worker) shown as it comes: every label, level name, agreement
// level and sentence is Python's, the interface's words are the page's (words.mjs) and its <template>s give the
// markup. Text only: nothing is parsed as HTML.

import { chart, h, table } from "./dom.mjs";
import { problemLine } from "./problems.mjs";
import { items, part, percent } from "./team-parts.mjs";
import { lower, word } from "./words.mjs";

function respondents(result) {
  const caption = word("team.respondents");
  const share = result.classification
    ? Object.fromEntries(result.classification.respondents.map((r) => [r.respondent, r.outcome_share])) : null;
  return h("div", { class: "obc-figure" }, h("h3", {}, caption),
    table(caption, [word("team.respondent"), word("team.role"), word("team.organisation"), word("team.date"),
      word("team.model"), word(share ? "team.outcome-share" : "team.own-score"), word("team.confidence")],
    result.respondents.map((p) => [p.name, p.role_label, p.organisation || word("team.not-given"), p.date_label, p.model_label,
      percent(share ? share[p.name] : p.percent), percent(p.confidence)]), { scroll: true }));
}

function areas($root, matrix, people) {
  const caption = word("team.areas-caption", { row: lower(matrix.row_label) });
  const flag = matrix.flag;
  // Each respondent's rank cell and the flag are Python's words; an area nobody ranks has no team rank.
  return [part($root, "team-areas-intro", { title: caption }), h("div", { class: "obc-figure" },
    chart(caption, matrix.areas.filter((a) => a.rank !== null).map((a) => ({ label: `${a.rank}. ${a.name}`,
      value: a.mean }))),
    table(caption, [matrix.row_label, word("team.rank"), word("team.mean"), word("team.range"),
      ...people.map((p) => p.name), ...(flag ? [flag.title] : [])], matrix.areas.map((a) => [a.name,
      a.rank ?? matrix.unranked_label, percent(a.mean),
      typeof a.range === "number" ? word("team.range-percent", { min: a.min, max: a.max }) : "\u2013",
      ...a.ranks.map((c) => (c.named ? c.text : word("team.not-named"))),
      ...(flag ? [a.flag ? a.flag.label : "\u2013"] : [])]), { scroll: true }))];
}

function mix($root, block) {
  const caption = word("team.measures-caption");
  const nodes = [part($root, "team-mix", { share: percent(block.outcome_share), classified: block.classified })];
  if (block.flag && block.flag.raised) nodes.push(part($root, "team-flag", { message: block.flag.message }));
  nodes.push(h("div", { class: "obc-figure" }, chart(caption, block.classes.map((c) => ({ label: c.label, value: c.percent }))),
    table(caption, [word("team.category"), word("team.kind"), word("team.measures"), word("team.share")],
      block.classes.map((c) => [c.label, word(c.outcome ? "team.outcome" : "team.not-an-outcome"), c.count,
        percent(c.percent)]))));
  return nodes;
}

function planText(plan) {
  // The entry's own fields, as typed: the action, then its owner, due date and target level's name.
  return [plan.action, plan.owner && word("team.owner", { name: plan.owner }),
    plan.due_label && word("team.due", { date: plan.due_label }),
    plan.target_label && word("team.target", { level: plan.target_label })].filter(Boolean).join("; ");
}

function maturity($root, result) {
  const names = result.respondents.map((p) => p.name);
  const overall = result.overall;
  const nodes = [typeof overall.mean === "number"
    ? part($root, "team-overall", { mean: percent(overall.mean), median: percent(overall.median),
      min: percent(overall.min), max: percent(overall.max) })
    : part($root, "team-no-overall")];
  const sections = result.sections || [];
  const caption = word("team.sections-caption");
  nodes.push(h("div", { class: "obc-figure" }, h("h3", {}, caption),
    chart(word("team.sections-chart"), sections.map((s) => ({ label: s.title, value: s.mean }))),
    table(caption, [word("team.section"), word("team.mean"), word("team.median"), word("team.range"), ...names],
      sections.map((s) => [s.title, percent(s.mean), percent(s.median), typeof s.range === "number"
        ? word("team.range-points", { min: s.min, max: s.max, range: s.range }) : "\u2013", ...s.percents.map((c) => percent(c.percent))]), { scroll: true })));
  const found = result.disagreements || [];
  nodes.push(part($root, "team-disagreements", {
    rule: found.length ? result.disagreement.rule : result.disagreement.none,
    list: found.map((d) => h("li", {}, h("strong", {}, d.title), `: ${d.text}.`)),
  }));
  if ((result.roles || []).length) {
    nodes.push(part($root, "team-roles-intro"), table(word("team.by-role"), [word("team.role"), word("team.respondents"), word("team.overall"),
      ...sections.map((s) => s.title)], result.roles.map((r) => [r.label, r.respondents.map((p) => p.name).join(", "),
      percent(r.percent), ...r.sections.map((s) => percent(s.percent))]), { scroll: true }));
  }
  nodes.push(part($root, "team-items-intro"));
  for (const section of sections) {
    const rows = (result.items || []).filter((i) => i.section === section.id);
    if (!rows.length) continue;
    nodes.push(table(word("team.items-caption", { title: section.title }), [word("team.item"), word("team.answers"),
      word("team.agreement"), ...names],
      rows.map((i) => [i.title, i.range_text || "\u2013", i.agreement ? i.agreement.label : "\u2013",
        ...i.levels.map((c) => c.text)]), { scroll: true }));
  }
  const noted = (result.items || []).filter((i) => i.notes.length || i.plans.length);
  if (noted.length) {
    nodes.push(part($root, "team-notes-plans", { list: noted.map((i) => part($root, "team-note-item", {
      title: i.title,
      list: items([...i.notes.map((n) => word("team.note-from", { name: n.respondent, note: n.note })),
        ...i.plans.map((p) => word("team.plan-from", { name: p.respondent, plan: planText(p) }))]),
    })) }));
  }
  return nodes;
}

export function teamNodes($root, result) {
  const people = result.respondents || [];
  const nodes = [part($root, "team-summary", {
    title: word("team.title", { title: result.assessment.title, version: result.assessment.version }),
    count: word(people.length === 1 ? "team.respondents-one" : "team.respondents-count", { count: people.length }),
    anonymous: result.anonymous ? ` (${word("team.anonymous")}).` : ".",
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

