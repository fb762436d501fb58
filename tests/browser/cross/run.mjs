// Runs the named scenarios in one browser, one after another in one tab, and prints one JSON line for each:
// {"scenario", "error" (null when it passed), "data" (what it returns for pytest to check), "seconds"}.
// Usage: node run.mjs <plan.json> <firefox|webkit> <scenario>...   (tests/browser/test_cross_browser.py runs it)

import { readFileSync } from "node:fs";

import { openBrowser } from "./browsers.mjs";
import { SCENARIOS } from "./scenarios.mjs";

const [planFile, browserName, ...names] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, "utf8"));
const tab = await openBrowser(browserName, plan);
try {
  for (const name of names) {
    const start = performance.now();
    let error = null;
    let data = null;
    try {
      data = (await SCENARIOS[name](tab, plan)) ?? null;
    } catch (problem) {
      error = problem instanceof Error ? `${problem.message}\n${problem.stack}` : String(problem);
    }
    const seconds = Math.round((performance.now() - start) / 100) / 10;
    process.stdout.write(`${JSON.stringify({ scenario: name, error, data, seconds })}\n`);
  }
} finally {
  await tab.close();
}
