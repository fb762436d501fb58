// The language switch keeps the reader's place (issue 31, point 8): the same page in the other language opens at
// the same section. Material drops the fragment, because each page's alternate is that page, not a site root it
// can look up in a sitemap. Where the section's id is the same in both languages (standards, assessment sections:
// ids from the data) the fragment does it; where it is not (headings slugged from translated words), the n-th
// heading of the same-shaped page does, told across the page load in this tab's sessionStorage.

import { openStorage, PREFIX } from "./storage.mjs";

const KEY = `${PREFIX}language-place`;
// The page's title heading is the top of the page, which needs no keeping.
const HEADINGS = ".md-content :is(h2, h3, h4, h5, h6)[id]";
const SWITCH = ".md-select__link[hreflang]";

/** The headings a reader can be at, in page order. */
function headings(doc) {
  return [...doc.querySelectorAll(HEADINGS)];
}

/** Where the reader is: the last section heading scrolled to the top fifth of the window, or a later one the
 *  address names that is in view (the last sections of a page cannot scroll to the top); null at the top of the
 *  page. The address alone is not enough: Material's navigation.tracking may name the section before. */
export function currentPlace(doc, hash) {
  const list = headings(doc);
  const { innerHeight, scrollY } = doc.defaultView;
  let index = -1;
  if (scrollY > 0) {
    list.forEach(($h, i) => {
      if ($h.getBoundingClientRect().top <= innerHeight / 5) index = i;
    });
  }
  const id = decodeURIComponent(hash.replace(/^#/, ""));
  const named = id ? list.findIndex(($h) => $h.id === id) : -1;
  if (named > index) {
    const { top } = list[named].getBoundingClientRect();
    if (top >= 0 && top < innerHeight) index = named;
  }
  return index < 0 ? null : { index, count: list.length, id: list[index].id };
}

/** On a click of the other language: its address carries the place, and this tab remembers it for the page that
 *  opens. Material's own handler would drop the fragment, so it is not reached. */
function onSwitch(event, doc, store) {
  const $link = event.target instanceof doc.defaultView.Element ? event.target.closest(SWITCH) : null;
  if (!$link || $link.getAttribute("aria-current") === "true") return;
  const place = currentPlace(doc, doc.defaultView.location.hash);
  if (!place) return;
  const url = new URL($link.href);
  url.hash = place.id;
  $link.href = url.href;
  if (store) store.set(KEY, JSON.stringify({ path: url.pathname, index: place.index, count: place.count }));
  event.stopPropagation();
}

/** On the page that opens: where the fragment names no heading here, the same heading by position, if the page
 *  has the same number of headings (a translation of the same shape); the address then names it. */
export function arrive(doc, store) {
  const text = store ? store.get(KEY) : null;
  if (!text) return;
  store.remove(KEY);
  const { location, history } = doc.defaultView;
  let place;
  try {
    place = JSON.parse(text);
  } catch {
    return;
  }
  if (place.path !== location.pathname) return;
  const id = decodeURIComponent(location.hash.replace(/^#/, ""));
  if (id && doc.getElementById(id)) return;
  const list = headings(doc);
  if (list.length !== place.count || !list[place.index]) return;
  const $heading = list[place.index];
  history.replaceState(history.state, "", `#${encodeURIComponent($heading.id)}`);
  $heading.scrollIntoView();
}

const startedOn = new WeakSet();

/** Once a page load: the header, and this listener on the document, stay through instant navigation. */
export function startLanguageSwitch(doc = document) {
  if (startedOn.has(doc)) return;
  startedOn.add(doc);
  const store = openStorage(doc.defaultView, "sessionStorage");
  arrive(doc, store);
  // Capture: before Material's handler on the body, which would navigate without the fragment.
  doc.addEventListener("click", (event) => onSwitch(event, doc, store), true);
}
