// What the form itself says, read from its build-time HTML: the context of the review, each note with the
// title of its item, which items show, and how many are answered (a count of the boxes ticked, no rule).

function labelOf($input) {
  const $label = $input && $input.id ? document.querySelector(`label[for="${CSS.escape($input.id)}"]`) : null;
  if (!$label) return "";
  const $copy = $label.cloneNode(true);
  for (const $hint of $copy.querySelectorAll(".obc-hint")) $hint.remove();
  return $copy.textContent.trim();
}

function legendTitle($fieldset) {
  const $legend = $fieldset.querySelector("legend");
  if (!$legend) return "";
  const $copy = $legend.cloneNode(true);
  for (const $tag of $copy.querySelectorAll(".obc-tag, [data-obc-row-number]")) $tag.remove();
  return $copy.textContent.trim();
}

/** @param {HTMLFormElement} $form */
export function describeForm($form) {
  return {
    /** [term, value] pairs for "About this review". */
    context() {
      const out = [];
      const $model = $form.querySelector("input[name=context-model]:checked");
      if ($model) out.push(["Model", labelOf($model)]);
      const $scope = $form.querySelector("input[name=context-scope]:checked");
      if ($scope) out.push(["Scope", labelOf($scope)]);
      const $name = $form.elements.namedItem("respondent-name");
      const name = $name && typeof $name.value === "string" ? $name.value.trim() : "";
      out.push(["Name or team", name || "Not given"]);
      const $role = $form.elements.namedItem("respondent-role");
      if ($role && $role.selectedOptions) out.push(["Role", $role.value ? $role.selectedOptions[0].textContent : "Not given"]);
      return out;
    },

    /** [title, note] for each note written on an item or row that shows. */
    notes() {
      const notes = [];
      for (const $note of $form.querySelectorAll(".obc-note textarea")) {
        const value = $note.value.trim();
        if (!value) continue;
        const $group = $note.closest("fieldset[data-obc-item], fieldset[data-obc-row]");
        if ($group && $group.hidden) continue;
        let title = $group ? legendTitle($group) : labelOf($note);
        if ($group && $group.matches("[data-obc-row]")) {
          const $number = $group.querySelector("[data-obc-row-number]");
          const $name = $group.querySelector("input[type=text]");
          title = `${title} ${$number ? $number.textContent : ""}`.trim();
          if ($name && $name.value.trim()) title = `${title}: ${$name.value.trim()}`;
        }
        notes.push([title, value]);
      }
      return notes;
    },

    /** Show only the items Python says apply (model and scope), and hide sections left empty. */
    showApplicable(applicable) {
      const set = new Set(applicable);
      for (const $item of $form.querySelectorAll("fieldset[data-obc-item]")) $item.hidden = !set.has($item.dataset.obcItem);
      for (const $section of $form.querySelectorAll("section[data-obc-section]")) {
        const $items = [...$section.querySelectorAll("fieldset[data-obc-item]")];
        $section.hidden = $items.length > 0 && $items.every(($item) => $item.hidden);
      }
    },

    /** Items that show and have an answer ticked, before Python's count: null for row-based forms. */
    countAnswered() {
      const $items = [...$form.querySelectorAll("fieldset[data-obc-item]")].filter(($item) => !$item.hidden);
      if (!$items.length) return null;
      const done = $items.filter(($item) => $item.querySelector(".obc-radios input:checked")).length;
      return { total: $items.length, done, noun: "items answered" };
    },

    progressNoun(result) {
      const kind = result && result.assessment && result.assessment.kind;
      return { matrix: "ratings given", classification: "measures given a category" }[kind] || "items answered";
    },
  };
}
