// Small DOM helpers for the results: text only (answers and notes are never parsed as HTML), and clones of the
// page's build-time <template> elements.

import { word } from "./words.mjs";

export function h(tag, attrs, ...children) {
  const $el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") $el.className = value;
    else $el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    $el.append(child instanceof Node ? child : String(child));
  }
  return $el;
}

export function svg(tag, attrs, ...children) {
  const $el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) $el.setAttribute(key, String(value));
  for (const child of children) $el.append(child instanceof Node ? child : String(child));
  return $el;
}

/** A clone of the page's <template data-obc-template="name">, or null when the page has none. */
export function fromTemplate($root, name) {
  const $template = $root.querySelector(`template[data-obc-template="${name}"]`);
  return $template ? $template.content.firstElementChild.cloneNode(true) : null;
}

/** A table: first cell of each row is its header. scroll: wider than the page, focusable to scroll. */
export function table(caption, head, body, { cls = "", scroll = false } = {}) {
  const wrap = scroll ? { class: "obc-table-wrap", tabindex: 0, role: "region", "aria-label": caption }
    : { class: "obc-table-wrap" };
  return h("div", wrap, h("table", { class: cls },
    caption ? h("caption", {}, caption) : null,
    h("thead", {}, h("tr", {}, head.map((cell) => h("th", { scope: "col" }, cell)))),
    h("tbody", {}, body.map((cells) => h("tr", {}, cells.map((cell, i) =>
      (i === 0 ? h("th", { scope: "row" }, cell) : h("td", {}, cell))))))));
}

/**
 * Horizontal bars, one per entry, with the same numbers as the table that follows. The label sits on its own
 * line above the bar at the chart's full width, so it stays readable when the chart is scaled to 320 px.
 */
export function chart(title, entries, { label = word("chart.label", { title }), noScore = word("chart.no-score") } = {}) {
  const rowHeight = 58;
  const width = 400;
  const barWidth = 300;
  const $svg = svg("svg", {
    class: "obc-chart", role: "img", viewBox: `0 0 ${width} ${entries.length * rowHeight + 4}`, "aria-label": label,
  });
  entries.forEach((entry, i) => {
    const y = i * rowHeight;
    const value = typeof entry.value === "number" ? Math.max(0, Math.min(100, entry.value)) : null;
    const label = entry.label.length > 48 ? `${entry.label.slice(0, 47)}\u2026` : entry.label;
    $svg.append(
      svg("text", { x: 0, y: y + 18 }, label),
      svg("rect", { class: "obc-bar-bg", x: 0, y: y + 26, width: barWidth, height: 20 }),
      svg("rect", { class: "obc-bar", x: 0, y: y + 26, width: value === null ? 0 : (barWidth * value) / 100, height: 20 }),
      svg("text", { x: barWidth + 8, y: y + 42 }, value === null ? noScore : `${entry.value}%`),
    );
  });
  return $svg;
}
