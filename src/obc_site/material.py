"""Repairs to the markup Material 9.8 writes that the Nu HTML Checker or Lighthouse reject (post-page, in place)."""

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


def repair(html: str) -> str:
    """The page with Material's invalid empty tabindex values and unnamed search dialog fixed."""
    html = _EMPTY_TABINDEX.sub(r'\1 tabindex="-1"', html)
    label = _SEARCH_LABEL.search(html)
    if label:
        html = _SEARCH_DIALOG.sub(rf'\1 aria-label="{label.group(1)}">', html, count=1)
    return html
