"""The search index: guidance, not form furniture; hyphenated words found by their solid spelling too."""

from __future__ import annotations

import html
import re
from typing import Any

_COMPOUND = re.compile(r"\b([a-z]{2,6})-([a-z]{3,})\b", re.IGNORECASE)


def summary_only(index: dict[str, Any], summaries: dict[str, str]) -> dict[str, Any]:
    """The index with each page in ``summaries`` (site-relative URL -> summary) reduced to one entry: its title
    and that summary. (Material's data-search-exclude cannot fence off a form: it ends at the first closing tag
    of the same name, and it leaves an empty entry for every heading inside.)"""
    docs = []
    for doc in index["docs"]:
        url, _, anchor = doc["location"].partition("#")
        if url not in summaries:
            docs.append(doc)
        elif not anchor:
            docs.append({**doc, "text": f"<p>{html.escape(summaries[url], quote=False)}</p>"})
    return {**index, "docs": docs}


def _either_case(text: str) -> str:
    return f"[{text[0].upper()}{text[0].lower()}]{re.escape(text[1:])}"


def compound_separator(index: dict[str, Any]) -> str:
    """Material's separator, extended so that the solid spelling of every hyphenated word in the index
    ("coproduction" for "co-production") is split where the hyphen would be, in the text and in a query.

    The extension consumes the prefix (``\\bco(?=production\\b)``) instead of looking behind it: lookbehind
    fails to compile in older browsers, and a separator that fails to compile stops search altogether.
    """
    pairs: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for prefix, rest in _COMPOUND.findall(doc["text"] + " " + doc["title"]):
            pairs.setdefault(prefix.lower(), set()).add(rest.lower())
    alternatives = [f"\\b{_either_case(prefix)}(?=(?:{'|'.join(sorted(map(re.escape, rests)))})\\b)"
                    for prefix, rests in sorted(pairs.items())]
    return "|".join([str(index["config"]["separator"]), *alternatives])


def slim_index(index: dict[str, Any], summaries: dict[str, str]) -> dict[str, Any]:
    """The index as the site serves it: form pages by their summary, compounds by either spelling."""
    slim = summary_only(index, summaries)
    return {**slim, "config": {**slim["config"], "separator": compound_separator(slim)}}
