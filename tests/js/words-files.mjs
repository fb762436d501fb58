// The real browser words of each language (src/obc_assess/core/messages/<lang>/browser.json) and the modules' source,
// for the tests: the modules get the same words as a built page gives them.

import { readFileSync, readdirSync } from "node:fs";

const ROOT = new URL("../../", import.meta.url);
export const LANGUAGES = ["en", "cy"];

/** One language's browser.json, as the build writes it into a page's #obc-words block. */
export function catalogue(lang) {
  return JSON.parse(readFileSync(new URL(`src/obc_assess/core/messages/${lang}/browser.json`, ROOT), "utf-8"));
}

/** Every browser module and the worker, by file name: their source text. */
export function sources() {
  const folder = new URL("docs/assets/modules/", ROOT);
  const files = readdirSync(folder).filter((name) => name.endsWith(".mjs"))
    .map((name) => [name, readFileSync(new URL(name, folder), "utf-8")]);
  files.push(["obc-worker.js", readFileSync(new URL("docs/assets/obc-worker.js", ROOT), "utf-8")]);
  return Object.fromEntries(files);
}

/** The {name} fields of a text, sorted. */
export function fieldsOf(text) {
  return [...text.matchAll(/\{([a-z_-]+)\}/g)].map((m) => m[1]).sort();
}
