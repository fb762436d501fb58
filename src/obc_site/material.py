"""Post-page repairs to Material 9.8's markup: what the Nu HTML Checker or Lighthouse reject, and a costly start."""

from __future__ import annotations

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


def repair(html: str) -> str:
    """The page with Material's invalid empty tabindex values and unnamed search dialog fixed, colours set up."""
    html = _EMPTY_TABINDEX.sub(r'\1 tabindex="-1"', html)
    html = _BODY.sub(r"<body data-md-color-switching\1", html, count=1)
    label = _SEARCH_LABEL.search(html)
    if label:
        html = _SEARCH_DIALOG.sub(rf'\1 aria-label="{label.group(1)}">', html, count=1)
    return html
