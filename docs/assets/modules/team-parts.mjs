// What the team tools share: build-time <template>s filled with Python's words, an error summary whose lines
// lead to the file control, and the page's one status line (said through an event, so no tool holds another).

import { fromTemplate, h } from "./dom.mjs";

/** A clone of template `name` inside $root, each [data-slot] filled: text for a string, children for nodes. */
export function part($root, name, slots = {}) {
  const $part = fromTemplate($root, name);
  if (!$part) throw new Error(`obc: the page has no template "${name}"`);
  for (const [slot, value] of Object.entries(slots)) {
    const selector = `[data-slot="${slot}"]`;
    const $slot = $part.matches(selector) ? $part : $part.querySelector(selector);
    if (!$slot || value === undefined) continue;
    if (Array.isArray(value)) $slot.replaceChildren(...value);
    else $slot.textContent = value === null ? "" : String(value);
  }
  return $part;
}

/** List items (or paragraphs) of text. */
export function items(texts, tag = "li") {
  return texts.map((text) => (text instanceof Node ? h(tag, {}, text) : h(tag, {}, String(text))));
}

export function percent(value) {
  return typeof value === "number" ? `${value}%` : "\u2013";
}

export function signed(value) {
  if (typeof value !== "number") return "\u2013";
  return value > 0 ? `+${value}` : String(value);
}

/** Say something on the team page's status line (team.mjs listens). */
export function say($root, text) {
  $root.dispatchEvent(new CustomEvent("obc:say", { bubbles: true, detail: { text } }));
}

/** The tool's error summary: each line a link to the file control it is about. */
export function errorSummary($part, $firstInput) {
  const $errors = $part.querySelector("[data-obc-errors]");
  const $list = $part.querySelector("[data-obc-error-list]");
  return {
    show(lines, { focus = false, $input = $firstInput } = {}) {
      $list.replaceChildren(...lines.map((text) => {
        const $a = h("a", { href: `#${$input.id}` }, text);
        $a.addEventListener("click", (event) => {
          // Not followed as a link: Material's instant navigation would move the focus off the control.
          event.preventDefault();
          event.stopPropagation();
          $input.focus();
        });
        return h("li", {}, $a);
      }));
      $errors.hidden = !lines.length;
      if (focus && lines.length) $errors.focus();
    },
    clear() {
      $errors.hidden = true;
      $list.replaceChildren();
    },
  };
}
