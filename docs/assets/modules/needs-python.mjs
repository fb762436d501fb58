// The buttons only the scoring program can do (the results CSV, the action plan, the Word report): while it has
// failed to load they show as unavailable, with why beside them (issue 31: they stayed enabled and only scrolled
// back to the status line). Everything that does not need Python (exporting the answers as typed, print, clear,
// a form copy opened again) keeps working. The words are the page's.

/**
 * @param {HTMLElement} $root the assessment root
 * @param {{subscribe: Function}} client the worker client
 * @returns {() => void} stop following the program's state
 */
export function needsPython($root, client) {
  const $note = $root.querySelector("[data-obc-needs-python-note]");
  const $buttons = [...$root.querySelectorAll("[data-obc-needs-python]")];
  if (!$buttons.length) return () => {};
  if (!$note) throw new Error("obc: no [data-obc-needs-python-note] beside the buttons that need Python");
  return client.subscribe((status) => {
    const down = status.state === "failed";
    $note.hidden = !down;
    for (const $button of $buttons) {
      // aria-disabled, not disabled: the button stays in the Tab order, so a keyboard or screen reader user meets
      // it and hears why it does nothing now (the note it is described by).
      if (down) {
        $button.setAttribute("aria-disabled", "true");
        $button.setAttribute("aria-describedby", $note.id);
      } else {
        $button.removeAttribute("aria-disabled");
        $button.removeAttribute("aria-describedby");
      }
    }
  });
}
