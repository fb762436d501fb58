"""The repairs to Material's markup: each one exactly where it applies, and nowhere else."""

from __future__ import annotations

import pytest

from obc_site.material import repair

BODY = '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="teal">'
SEARCH = ('<div class="md-search" data-md-component="search" role="dialog">'
          '<input type="text" class="md-search__input" name="query" aria-label="Chwilio" placeholder="Chwilio">')


@pytest.mark.parametrize(("html", "want"), [
    # Material's empty tabindex on section labels: invalid HTML, kept out of the tab order.
    ('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">',
     '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="-1">'),
    ('<label for="__toc" tabindex="0">', '<label for="__toc" tabindex="0">'),
    # The search dialog is named by its field's label, in the page's language.
    (SEARCH, SEARCH.replace('role="dialog">', 'role="dialog" aria-label="Chwilio">')),
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog">'),
    # A page with colours starts in the palette's switching state: its set-up restyles the page once, not twice.
    (BODY, BODY.replace("<body ", "<body data-md-color-switching ")),
    ('<body data-md-color-switching dir="ltr" data-md-color-scheme="slate">',
     '<body data-md-color-switching dir="ltr" data-md-color-scheme="slate">'),
    ('<body dir="ltr">', '<body dir="ltr">'),  # no palette: nothing switches
    ('<p>&lt;body data-md-color-scheme=</p>', '<p>&lt;body data-md-color-scheme=</p>'),
])
def test_repair(html: str, want: str) -> None:
    assert repair(html) == want


def test_repairs_are_idempotent() -> None:
    page = BODY + SEARCH + '<label for="x" tabindex="">'
    assert repair(repair(page)) == repair(page)
