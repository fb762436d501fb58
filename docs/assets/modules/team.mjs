// The team and progress page: one status line for the page (data-module="obc-team"), the merge tool and the
// compare tool, each started on its own root inside its own guard (pages.mjs), so one failing stops neither other.

import { client } from "./worker-client.mjs";
import { followPages, register } from "./pages.mjs";
import { startPrinting } from "./print.mjs";
import { statusLine } from "./status-line.mjs";
import { startMerge } from "./team-merge.mjs";
import { startCompare } from "./team-compare.mjs";
import { word } from "./words.mjs";

function startTeam($root) {
  const $status = $root.querySelector("[data-obc-status]");
  if (!$status) return null;
  for (const $el of $root.querySelectorAll(".obc-nojs")) $el.hidden = true;
  for (const $el of $root.querySelectorAll("[data-obc-controls]")) $el.hidden = false;
  const line = statusLine($status, client, { ready: word("team.ready") });
  const onSay = (event) => line.say(event.detail.text);
  $root.addEventListener("obc:say", onSay);
  const onClick = (event) => {
    // Print one tool's results only (the other's are left out of the printout).
    const $button = event.target.closest("button[data-obc-print]");
    if (!$button) return;
    $root.dataset.obcPrinting = $button.dataset.obcPrint;
    window.addEventListener("afterprint", () => { delete $root.dataset.obcPrinting; }, { once: true });
    window.print();
  };
  $root.addEventListener("click", onClick);
  return {
    dispose() {
      line.dispose();
      $root.removeEventListener("obc:say", onSay);
    },
  };
}

startPrinting();
followPages();
register("obc-team", startTeam);
register("obc-team-merge", ($root) => startMerge($root, { client }));
register("obc-team-compare", ($root) => startCompare($root, { client }));
