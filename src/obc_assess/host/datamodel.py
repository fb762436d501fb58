"""The loaded toolkit data as plain values (host only), and the rules for guidance page addresses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from obc_assess.core.languages import DEFAULT


@dataclass(frozen=True)
class Data:
    """Every data file, validated, as plain JSON-able values."""

    sources: list[dict[str, Any]]
    models: list[dict[str, Any]]
    glossary: dict[str, Any]
    scales: dict[str, Any]
    guidance: list[dict[str, Any]]
    assessments: dict[str, dict[str, Any]]
    # Where each guidance and assessment document came from, relative to the data folder (for messages).
    files: dict[str, str]
    # models.yaml's own source and section, for the models page.
    models_meta: dict[str, Any] = field(default_factory=dict)
    # The language every text in here is in ("en" or "cy"); quotations stay in their source's English.
    lang: str = DEFAULT
    # The bilingual term list the Welsh text follows (terms.yaml): each entry keeps both languages.
    terms: list[dict[str, str]] = field(default_factory=list)
    # Evidence kinds and strengths, and action statuses (evidence.yaml).
    evidence: dict[str, Any] = field(default_factory=dict)
    # The statements held once in facts.yaml (the law now), by id, in this language.
    statements: dict[str, str] = field(default_factory=dict)
    # What on the site is the sources' and what the toolkit's own (sources.yaml provenance), for the sources page.
    provenance: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class GuidanceEntry:
    """A guidance page or item, and where it lives on the site."""

    id: str
    kind: str  # "page", "item", or "anchor" (a titled list or group of items)
    page_id: str
    source: str
    section: str
    url: str  # site-relative: guidance/<page>/ or guidance/<page>/#<item>
    item: dict[str, Any] | None
    quote_label: str | None
    question_label: str | None
    title: str = ""  # the page title, item name, or list or group title


def page_url(page_id: str) -> str:
    """The site-relative URL of a guidance page (the one place this rule lives)."""
    return f"guidance/{page_id}/"


# A guidance page id becomes a file name (guidance/<id>.md): stay well inside every file system's 255.
MAX_PAGE_ID = 100
# Pages the site generates under guidance/ (obc_site.pages): a guidance page with one of these ids would replace it.
GENERATED_GUIDANCE_PAGES = ("index", "models", "glossary")


def page_groups(page: dict[str, Any], base: str = "") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every titled group of a guidance page as (path, kind, group), in page order: its list, items and table
    blocks, and the lists among the blocks an item carries beneath it (a standard's examples, shown under it)."""
    for b, block in enumerate(page["blocks"]):
        for kind in ("list", "items", "table"):
            group = block.get(kind)
            if group is None:
                continue
            path = f"{base}blocks[{b}].{kind}"
            yield path, kind, group
            for e, entry in enumerate(group["entries"] if kind == "items" else []):
                for n, nested in enumerate(entry.get("blocks", [])):
                    if "list" in nested:
                        yield f"{path}.entries[{e}].blocks[{n}].list", "list", nested["list"]
