// The status line of a page that uses Python: loading, slow, ready or failed. A failed or too slow load says what
// to do (retry, keep answering: the answers are saved; print; ask IT to allow the site's .wasm files) and offers
// Retry. Its words are the page's own (what the program does here, words.mjs), not a rule about answers.

import { word } from "./words.mjs";

/** Why a load failed, as the worker client says it, and its words (an unknown reason is a plain failure). */
const FAILED = { failed: "status.failed", timeout: "status.timeout", unsupported: "status.unsupported" };

export const SLOW_MS = 15_000;

/**
 * @param {HTMLElement} $status the [data-obc-status] line
 * @param {{subscribe: Function, retry: Function}} client the worker client
 * @param {{ready: string, extra?: () => string, advice?: HTMLElement | null}} texts
 */
export function statusLine($status, client, texts) {
  const $retry = document.createElement("button");
  $retry.type = "button";
  $retry.className = "md-button obc-retry";
  $retry.textContent = word("status.retry");
  $retry.hidden = true;
  const $advice = texts.advice || null; // the page's <template>d "what to do" box, shown on failure
  $status.hidden = false;
  $status.tabIndex = -1;
  $status.after($retry);
  if ($advice) $retry.after($advice);
  let now = { state: "idle" };
  let slow = false;
  let slowTimer = 0;
  let override = "";

  function show() {
    const extra = texts.extra ? texts.extra() : "";
    let text = texts.ready;
    // What was just done is said even after a failed load (a copy exported without Python needs its confirmation);
    // Retry and the advice stay beside it, and the failure is said again at the next change of state.
    if (override) text = override;
    else if (now.state === "failed") text = word(Object.hasOwn(FAILED, now.reason) ? FAILED[now.reason] : "status.failed");
    else if (now.state !== "ready") text = word(slow ? "status.slow" : "status.loading");
    if (extra && now.state !== "failed") text = `${text} ${extra}`;
    $status.textContent = text;
    $status.classList.toggle("obc-status--warning", now.state === "failed" || Boolean(extra));
    // A browser that cannot run the program: no Retry, and no advice about blocked files (the words say what to do).
    const canRetry = now.state === "failed" && now.reason !== "unsupported";
    $retry.hidden = !canRetry;
    if ($advice) $advice.hidden = !canRetry;
  }

  const stop = client.subscribe((status) => {
    if (status.state !== now.state) override = "";
    now = status;
    if (status.state === "loading" && !slowTimer) slowTimer = setTimeout(() => { slow = true; show(); }, SLOW_MS);
    if (status.state !== "loading") {
      clearTimeout(slowTimer);
      slowTimer = 0;
      slow = false;
    }
    if (status.state === "failed") console.error("obc: the scoring program could not load:", status.error);
    show();
  });

  $retry.addEventListener("click", () => {
    $status.focus(); // the button goes while loading: keep the keyboard user's place
    override = "";
    client.retry();
  });

  return {
    show,
    /** Say what just happened (an import, a choice between tabs), until the next change of state. */
    say(text, { focus = false } = {}) {
      override = text;
      show();
      if (focus) $status.focus();
    },
    dispose() {
      clearTimeout(slowTimer);
      stop();
      $retry.remove();
    },
  };
}
