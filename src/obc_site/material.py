"""Repairs to Material 9.8: markup the Nu HTML Checker or Lighthouse reject, a costly start, fetches unasked."""

from __future__ import annotations

import json
import re

# partials/nav-item.html writes tabindex="" on the labels of top-level sections (navigation.sections): an empty
# tabindex is invalid. "-1" keeps them out of the tab order, as the empty value did, and keeps Material's
# label[tabindex] script (which sets aria-expanded) working.
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')
# partials/search.html gives the search role="dialog" no accessible name (Lighthouse: aria-dialog-name). It is
# named by the search field's own label, so the name follows the theme's language.
_SEARCH_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")>')
_SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*? aria-label="([^"]*)"')
# The palette script (components/palette) marks <body> data-md-color-switching while it sets the colours, and
# Material's CSS stops every element's transitions under that mark: adding it restyles the whole page, and so does
# removing it. On a questionnaire of 59 items each costs 250-470 ms at 4x CPU (issue 15). A page that starts with
# the mark is restyled only once, when the script removes it; the colours it sets are the ones already on <body>.
_BODY = re.compile(r'<body\b(?![^>]*\bdata-md-color-switching)([^>]*\bdata-md-color-scheme=)')

# partials/nav-item.html names a section's <nav> by the label beside its index page's link (navigation.indexes),
# which holds only an icon: the section navs have no name, and two of them fail axe's landmark-unique (issue 31).
# Each is named by the title label inside it instead, which holds the section's name.
_NAV_NAME = re.compile(r'(<nav class="md-nav" data-md-level="\d+" aria-labelledby=")(__nav_[\d_]+)_label'
                       r'("[^>]*>\s*<label class="md-nav__title" for=")\2"')


def repair(html: str) -> str:
    """The page with Material's invalid empty tabindex values, unnamed section navs and unnamed search dialog fixed,
    colours set up."""
    html = _EMPTY_TABINDEX.sub(r'\1 tabindex="-1"', html)
    html = _NAV_NAME.sub(r'\g<1>\g<2>_title\g<3>\g<2>" id="\g<2>_title"', html)
    html = _BODY.sub(r"<body data-md-color-switching\1", html, count=1)
    label = _SEARCH_LABEL.search(html)
    if label:
        html = _SEARCH_DIALOG.sub(rf'\1 aria-label="{label.group(1)}">', html, count=1)
    return html


class MaterialChanged(ValueError):
    """Material's bundle no longer has the code a patch expects (a new Material version): rewrite the patch."""


# Material's search fetches the whole index (96 KB gzip here) while every page loads, whether or not the reader
# searches, and Lighthouse counts it into every page's largest paint (issue 15). For file: pages Material already
# waits until the search is opened (integrations/search/worker: merge(of(protocol != "file:"), watchToggle("search"))).
# The patch makes the index itself wait for that, or for a search result's ?h= (search.highlight needs the index),
# and shares the one fetch (shareReplay) between the worker and the highlighter. The operators' minified names are
# read from the worker's wait and the file: index.
_ID = r"[\w$]+"
_WORKER_GATE = re.compile(rf'({_ID})\(({_ID})\(location\.protocol!=="file:"\),({_ID})\("search"\)\)'
                          rf"\.pipe\(({_ID})\(o=>o\),({_ID})\(\(\)=>t\)\)")
_SHARE = re.compile(rf"\.pipe\({_ID}\(\(\)=>__index\),({_ID})\(1\)\)")
_INDEX = re.compile(rf'(?<==document\.forms\.namedItem\("search"\)\?)({_ID})\(\)(?=:)')
_LAZY = '{merge}({of}(new URLSearchParams(location.search).has("h")),{toggle}("search")).pipe(' \
        "{first}(o=>o),{switch_map}(()=>{fetch}()),{share}(1))"
_PATCHED = re.compile(rf'namedItem\("search"\)\?{_ID}\({_ID}\(new URLSearchParams\(location\.search\)')
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def lazy_search_index(bundle: str, source_map: str) -> tuple[str, str]:
    """Material's bundle, and its source map, with the search index fetched when the search is first opened, not
    as every page loads; unchanged if already patched.

    Raises MaterialChanged, naming what is missing, when the bundle is not the one the patch was written for."""
    if _PATCHED.search(bundle):
        return bundle, source_map
    gate, share, index = _WORKER_GATE.search(bundle), _SHARE.search(bundle), _INDEX.search(bundle)
    if not (gate and share and index):
        found = (("the search worker's wait for file: pages", gate), ("the file: index's shareReplay", share),
                 ("the search index", index))
        raise MaterialChanged("Material's bundle has changed; not found: "
                              + "; ".join(name for name, match in found if not match))
    lazy = _LAZY.format(fetch=index.group(1), share=share.group(1), merge=gate.group(1), of=gate.group(2),
                        toggle=gate.group(3), first=gate.group(4), switch_map=gate.group(5))
    return _replace(bundle, source_map, index, lazy)


# Material follows a link into another language to the same page there by reading the sitemap.xml beside each of
# the head's hreflang links, which in its own markup name each language's root. The toolkit's hreflang links name
# this same page in each language, as search engines and assistive tools read them (issue 38), and its language
# switch links the same page already (overrides/partials/alternate.html): Material would fetch a sitemap.xml from
# each page's folder, a 404 on every page. The patch gives that script no hreflang links to read.
_ALTERNATES = re.compile(rf'(?<=\(\(\)=>){_ID}\("link\[rel=alternate\]"\)(?=\),{_ID}\({_ID}=>new URL\({_ID}\.href\)\))')
_NO_ALTERNATES = re.compile(rf'\(\(\)=>\[\]\),{_ID}\({_ID}=>new URL\({_ID}\.href\)\)')


def no_sitemap_redirect(bundle: str, source_map: str) -> tuple[str, str]:
    """Material's bundle, and its source map, without its redirect of links into another language (the hreflang
    links name pages, not roots); unchanged if already patched.

    Raises MaterialChanged when the bundle is not the one the patch was written for."""
    if _NO_ALTERNATES.search(bundle):
        return bundle, source_map
    found = _ALTERNATES.search(bundle)
    if not found:
        raise MaterialChanged("Material's bundle has changed; not found: the hreflang links its redirect reads")
    return _replace(bundle, source_map, found, "[]")


def _replace(bundle: str, source_map: str, found: re.Match[str], new: str) -> tuple[str, str]:
    """The bundle with what ``found`` matched replaced by ``new``, and its source map still true."""
    line = bundle.count("\n", 0, found.end())
    column = found.end() - bundle.rfind("\n", 0, found.end()) - 1  # no character beyond U+FFFF: one per UTF-16 column
    patched_map = json.loads(source_map)
    patched_map["mappings"] = shift_mappings(patched_map["mappings"], line, column, len(new) - len(found.group()))
    return (bundle[:found.start()] + new + bundle[found.end():],
            json.dumps(patched_map, separators=(",", ":")))


def shift_mappings(mappings: str, line: int, column: int, by: int) -> str:
    """Source-map mappings with the generated positions on line at or after column moved right by ``by``.

    Columns in a line are relative to the segment before, so moving the first segment at or after column moves the
    rest of the line with it."""
    lines = mappings.split(";")
    if line >= len(lines):
        return mappings  # an unmapped line: nothing on it to move
    segments = lines[line].split(",")
    at = 0
    for i, segment in enumerate(segments):
        values = _from_vlq(segment)
        if not values:
            continue
        at += values[0]
        if at >= column:
            segments[i] = _to_vlq([values[0] + by, *values[1:]])
            break
    lines[line] = ",".join(segments)
    return ";".join(lines)


def _from_vlq(segment: str) -> list[int]:
    values, value, shift = [], 0, 0
    for char in segment:
        digit = _BASE64.index(char)
        value += (digit & 31) << shift
        shift += 5
        if not digit & 32:
            values.append(-(value >> 1) if value & 1 else value >> 1)
            value = shift = 0
    return values


def _to_vlq(values: list[int]) -> str:
    out = ""
    for number in values:
        value = (-number << 1) | 1 if number < 0 else number << 1
        while value > 31:
            out += _BASE64[(value & 31) | 32]
            value >>= 5
        out += _BASE64[value]
    return out
