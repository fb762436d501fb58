// The page's interface words in its own language: the <template id="obc-words"> JSON block
// the build writes from obc_assess.core.catalogue.part(lang, "browser") (messages/<lang>/browser.json). Every
// module's words come from here; a key the page does not hold is an error, never an English fallback.

let given = null; // words handed over by a test (no page)
let $read = null; // the block last read: Material's instant navigation brings a new one with each page
let read = {};

/** Use these words instead of a page's block (the node tests, with the real browser.json of a language). */
export function useWords(words) {
  given = words;
}

/** Every word of the current page, by key. */
export function words(doc = globalThis.document) {
  if (given) return given;
  const $block = doc && doc.getElementById("obc-words");
  if (!$block) throw new Error("obc: this page has no words block (#obc-words)");
  if ($block !== $read) {
    // A <template> holds its text in its content (a document fragment); the node tests hand over plain text.
    read = JSON.parse(($block.content ?? $block).textContent);
    $read = $block;
  }
  return read;
}

/** One text, its {name} fields filled from `fields` (str.format's fields, as Python fills the same catalogue). */
export function word(key, fields = {}) {
  const all = words();
  if (!Object.hasOwn(all, key)) throw new Error(`obc: no words for "${key}"; add it to every browser.json`);
  return all[key].replace(/\{([a-z_-]+)\}/g, (whole, name) => {
    if (!Object.hasOwn(fields, name)) throw new Error(`obc: "${key}" needs a value for {${name}}`);
    return String(fields[name]);
  });
}

/** A label inside a sentence ("Service area" -> "each service area"), lower-cased as the page's language does. */
export function lower(label) {
  return String(label).toLocaleLowerCase(word("page.locale"));
}
