"""The search index: form pages by title and summary only; hyphenated words found by their solid spelling."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from obc_assess.host.loader import load_data
from obc_site.search import compound_separator, slim_index, summary_only


def _index(*docs: dict[str, str]) -> dict[str, Any]:
    return {"config": {"separator": "[\\s\\-]+", "lang": ["en"]}, "docs": list(docs)}


def test_form_pages_keep_only_title_and_summary() -> None:
    index = _index({"location": "a/", "title": "A", "text": "<p>Source line</p> Choose one Yes No"},
                   {"location": "a/#about-you", "title": "A", "text": ""},
                   {"location": "g/", "title": "G", "text": "<p>Guidance</p>"},
                   {"location": "g/#part", "title": "Part", "text": "<p>More</p>"})
    assert summary_only(index, {"a/": "Review <things> & more."})["docs"] == [
        {"location": "a/", "title": "A", "text": "<p>Review &lt;things&gt; &amp; more.</p>"},
        {"location": "g/", "title": "G", "text": "<p>Guidance</p>"},
        {"location": "g/#part", "title": "Part", "text": "<p>More</p>"}]


def _tokens(separator: str, text: str) -> list[str]:
    # As Material's search worker splits text and queries (JavaScript and Python agree on this subset).
    return [t.lower() for t in re.split(separator, text) if t]


@pytest.mark.parametrize(("text", "tokens"), [
    ("coproduction", ["production"]),
    ("Coproduction", ["production"]),
    ("co-production", ["co", "production"]),
    ("reablement and re-ablement", ["ablement", "and", "re", "ablement"]),
    ("cost and coup", ["cost", "and", "coup"]),  # only the compounds the text has are split
    ("production", ["production"]),
])
def test_solid_spelling_splits_where_the_hyphen_would_be(text: str, tokens: list[str]) -> None:
    index = _index({"location": "g/", "title": "Co-production", "text": "<p>Some re-ablement.</p>"})
    assert _tokens(compound_separator(index), text) == tokens


def test_separator_has_no_lookbehind_and_the_served_index_has_both_changes() -> None:
    index = _index({"location": "a/", "title": "A", "text": "co-design"}, {"location": "a/#x", "title": "X",
                                                                           "text": ""},
                   {"location": "g/", "title": "G", "text": "co-production"})
    slim = slim_index(index, {"a/": "Summary."})
    assert "(?<" not in slim["config"]["separator"]
    assert [d["location"] for d in slim["docs"]] == ["a/", "g/"]
    # The form page's own text is gone, so its compounds are not in the separator.
    assert _tokens(slim["config"]["separator"], "codesign coproduction") == ["codesign", "production"]


def test_each_language_index_has_its_form_pages_by_their_own_summary(built: Path) -> None:
    # The search hook runs in both builds: each index holds the form pages by that language's summary.
    for lang, folder in (("en", built), ("cy", built / "cy")):
        index = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        data = load_data(lang=lang)
        docs = {doc["location"]: doc for doc in index["docs"]}
        for aid, assessment in data.assessments.items():
            summary = html.escape(" ".join(str(assessment["summary"]).split()), quote=False)
            assert docs[f"assessments/{aid}/"]["text"] == f"<p>{summary}</p>", (lang, aid)
            assert not [loc for loc in docs if loc.startswith(f"assessments/{aid}/#")], (lang, aid)
        assert "(?<" not in index["config"]["separator"]
