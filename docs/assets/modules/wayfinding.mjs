// Finding your way round a long assessment: the progress count, the task list of sections with each one's
// status (GOV.UK task list: not yet started, in progress, completed), each section's own progress, and a bar
// that keeps the score so far and "See your results" in view while answering. Counts come
// from the form's ticked boxes (no rule) or, once it has scored, Python's totals; the score is Python's; the
// words are the page's.

import { followLink } from "./problems.mjs";
import { word } from "./words.mjs";

/**
 * The bar is pinned to the foot of the window while the form is in view: the page keeps as much room at the foot
 * of the window as the bar is tall, however many lines it wraps to, so a control the keyboard reaches is scrolled
 * clear of it (scroll-padding-bottom in obc.css; WCAG 2.2 2.4.11 Focus Not Obscured, issue 31). A bar that leaves
 * the page (instant navigation) measures 0.
 * @param {HTMLElement} $bar
 */
function padFoot($bar) {
  const pad = () => document.documentElement.style.setProperty("--obc-pinned-foot", `${$bar.offsetHeight}px`);
  pad();
  if (typeof ResizeObserver === "function") new ResizeObserver(pad).observe($bar);
}

// How focus last moved: by a key (Tab, Shift+Tab, an arrow within a group of radios) or by a pointer. Only a key's
// focus is brought clear of what is pinned: a control a pointer presses is under the pointer already, and moving it
// between press and release turns the click into a miss (WebKit missed answers and exports so, issue 31; as issue
// 38, nothing may move under the pointer). Focus a script gives (a blur and focus again, an error summary's link)
// follows the last of the two. Listened for once (the module lives as long as the document), however often the
// page starts.
let byKey = false;
let watching = false;
function watchHowFocusMoves() {
  if (watching) return;
  watching = true;
  document.addEventListener("keydown", () => { byKey = true; }, true);
  document.addEventListener("pointerdown", () => { byKey = false; }, true);
  document.addEventListener("mousedown", () => { byKey = false; }, true);
}

/**
 * After the browser's own scroll to a control the keyboard reached, one still under the header or the bar (Chromium
 * shows only a text box's caret line, under the bar) is brought clear: scrollIntoView keeps the scroll-padding. A
 * control taller than the room between them is left where the browser put it; so is one a pointer focused.
 * @param {FocusEvent} event
 */
function keepClear(event) {
  if (!byKey) return;
  const $control = event.target;
  requestAnimationFrame(() => {
    if (!byKey || document.activeElement !== $control || !$control.getBoundingClientRect) return;
    const style = getComputedStyle(document.documentElement);
    const top = parseFloat(style.scrollPaddingTop) || 0;
    const bottom = window.innerHeight - (parseFloat(style.scrollPaddingBottom) || 0);
    const box = $control.getBoundingClientRect();
    if (box.height <= bottom - top && (box.top < top || box.bottom > bottom)) $control.scrollIntoView({ block: "nearest" });
  });
}

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
      const counted = (words) => (words || "").replace("{done}", String(done)).replace("{total}", String($items.length));
      const $count = $section.querySelector("[data-obc-section-progress]");
      if ($count) $count.textContent = counted($count.dataset.obcWords);
      const $task = $tasks && $tasks.querySelector(`[data-obc-task="${CSS.escape($section.dataset.obcSection)}"]`);
      if (!$task) continue;
      $task.hidden = $section.hidden;
      const state = done === 0 ? "not-started" : done === $items.length ? "completed" : "in-progress";
      const $status = $task.querySelector("[data-obc-task-status]");
      if ($status) {
        $status.textContent = counted($tasks.getAttribute(`data-obc-${state}`)); // "In progress: 3 of 8"
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
      // The error summary stays where GOV.UK puts it, at the top of the form (focus is moved to it): in the bar
      // it covered up to 40% of the window over the very fields it named (issue 31).
      if ($bar) padFoot($bar);
      watchHowFocusMoves();
      $root.addEventListener("focusin", keepClear);
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
