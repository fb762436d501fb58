// Finding your way round a long assessment: the progress count, the task list of sections with each one's
// status (GOV.UK task list: not yet started, in progress, completed), each section's own progress, and a bar
// that keeps the score so far, "See your results" and the error summary in view while answering. Counts come
// from the form's ticked boxes (no rule) or, once it has scored, Python's totals; the score is Python's; the
// words are the page's.

import { followLink } from "./problems.mjs";
import { word } from "./words.mjs";

/** @param {HTMLElement} $root the assessment root */
export function wayfinding($root, text) {
  const $progress = $root.querySelector("[data-obc-progress]");
  const $progressText = $root.querySelector("[data-obc-progress-text]");
  const $tasks = $root.querySelector("[data-obc-tasks]");
  const $bar = $root.querySelector("[data-obc-summary-bar]");
  const $score = $bar && $bar.querySelector("[data-obc-summary-score]");
  const $value = $bar && $bar.querySelector("[data-obc-summary-value]");
  const $barProgress = $bar && $bar.querySelector("[data-obc-summary-progress]");
  const $leftOut = $root.querySelector("[data-obc-left-out]");
  const $leftOutList = $root.querySelector("[data-obc-left-out-list]");

  function count(result) {
    // Python's count once it has scored (every item asked, the optional extras too); before, the boxes ticked.
    return result && result.progress && result.progress.total > 0 ? result.progress : text.countAnswered();
  }

  function showProgress(progress) {
    if (!$progress) return;
    $progress.hidden = !progress;
    if ($progressText) $progressText.hidden = !progress;
    if ($barProgress) $barProgress.textContent = progress ? progress.label : "";
    if (!progress) return;
    $progress.max = progress.total;
    $progress.value = progress.done;
    $progress.textContent = word("progress.value", { done: progress.done, total: progress.total });
    $progress.setAttribute("aria-label", progress.noun.charAt(0).toUpperCase() + progress.noun.slice(1));
    if ($progressText) {
      $progressText.textContent = progress.label;
    }
  }

  function showSections() {
    for (const $section of $root.querySelectorAll("section[data-obc-section]")) {
      const $items = [...$section.querySelectorAll("fieldset[data-obc-item]")].filter(($item) => !$item.hidden);
      const done = $items.filter(($item) => $item.querySelector(".obc-radios input:checked")).length;
      const $count = $section.querySelector("[data-obc-section-progress]");
      if ($count) {
        $count.textContent = ($count.dataset.obcWords || "").replace("{done}", String(done))
          .replace("{total}", String($items.length));
      }
      const $task = $tasks && $tasks.querySelector(`[data-obc-task="${CSS.escape($section.dataset.obcSection)}"]`);
      if (!$task) continue;
      $task.hidden = $section.hidden;
      const state = done === 0 ? "not-started" : done === $items.length ? "completed" : "in-progress";
      const $status = $task.querySelector("[data-obc-task-status]");
      if ($status) {
        $status.textContent = $tasks.getAttribute(`data-obc-${state}`) || "";
        $status.dataset.obcState = state;
      }
    }
  }

  function showScore(result) {
    const overall = result && result.overall;
    const known = overall && typeof overall.percent === "number";
    if ($score) $score.hidden = !known;
    if (known && $value) $value.textContent = overall.band ? `${overall.percent}% (${overall.band.label})` : `${overall.percent}%`;
  }

  function showLeftOut(problems) {
    if (!$leftOut || !$leftOutList) return;
    const listed = problems.filter((p) => p.left_out);
    $leftOut.hidden = !listed.length;
    $leftOutList.replaceChildren(...listed.map((p) => {
      const $item = document.createElement("li");
      const $link = document.createElement("a");
      $link.href = `#${p.field || ""}`;
      $link.textContent = p.message;
      $item.append(p.field ? $link : p.message, ` ${p.left_out}`);
      return $item;
    }));
  }

  if ($leftOutList) $leftOutList.addEventListener("click", followLink);
  // "See your results": the results heading is focused, so the next Tab goes on from there.
  for (const $link of $root.querySelectorAll("[data-obc-summary-results], [data-obc-task-results] a")) {
    $link.addEventListener("click", (event) => {
      const $heading = $root.querySelector("[data-obc-results] h2");
      if (!$heading || $heading.closest("[hidden]")) return;
      event.preventDefault();
      event.stopPropagation(); // not followed by Material's instant navigation, which would move focus
      $heading.focus({ preventScroll: true });
      $heading.scrollIntoView({ block: "start" });
    });
  }

  return {
    /** Start: the parts that need this script show. */
    start() {
      if ($bar) $bar.hidden = false;
      // GOV.UK puts the error summary at the top of the page; this page is long, so it goes in the bar that
      // stays in view while answering: where the person is when a problem shows.
      const $summary = $root.querySelector("[data-obc-errors]");
      if ($bar && $summary) $bar.prepend($summary);
      showProgress(count(null));
      showSections();
    },
    /** The form changed (counted from its ticked boxes), or Python answered (its result and problems). */
    update(result = null, problems = null) {
      showProgress(count(result));
      showSections();
      if (problems) {
        showScore(result);
        showLeftOut(problems);
        const $see = $tasks && $tasks.querySelector("[data-obc-task-results]");
        if ($see) $see.hidden = !result;
        const $jump = $bar && $bar.querySelector("[data-obc-summary-results]");
        if ($jump) $jump.hidden = !result;
      }
    },
  };
}
