"""Facts held once (facts.yaml): each ``{statement: id}`` in the data becomes that statement's text, and no data text
states a year or a body's name outside a quotation without a citation or the toolkit's-own mark (host only)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from obc_assess.core.languages import LANGUAGES, is_text
from obc_assess.core.problem import Problem
from obc_assess.host.schema import join_path

# A year as the data writes one: 1900 to 2099, a word of its own (not part of "FNCE/90/11" or a page number).
_YEAR = re.compile(r"(?<![\w/.-])(?:19|20)\d\d(?![\w/-])")
# What a text quotes is the quoted source's, not the toolkit's statement: curly and straight double quotes, curly
# single quotes (a straight ' is Welsh's apostrophe), and code.
_QUOTED = re.compile("\u201c[^\u201d]*\u201d|\"[^\"\n]*\"|\u2018[^\u2019]*\u2019|`[^`]*`")
# A sentence ends at . ! or ? before a space and a capital, a quote, a bracket, emphasis or a list marker.
_CAPITALS = "A-Z\u00c2\u00ca\u00ce\u00d4\u00db\u0174\u0176"  # and Welsh's capitals with a circumflex
_SENTENCE_END = re.compile(r"(?<=[.!?])[)\]*_]*\s+(?=[(\[*_\"\-\d" + f"\u201c\u2018{_CAPITALS}])")
_PARAGRAPH = re.compile(r"\n\s*\n")
# Keys whose values name a thing rather than state a fact about it (a page title, an item's name, a scale label),
# and a source's own bibliographic fields, which are its citation; their facts are stated, cited, elsewhere.
NAMING_KEYS = frozenset({"title", "name", "short", "label", "topic", "term", "publisher", "date", "section", "cite",
                         "quote_label", "question_label", "points_label", "columns"})


@dataclass(frozen=True)
class FactRules:
    """What facts.yaml says a marked or cited text looks like, and which names are bodies'."""

    marks: tuple[str, ...]  # the toolkit's-own mark in each language: it covers the rest of its paragraph
    bodies: re.Pattern[str]
    citations: re.Pattern[str]

    @classmethod
    def from_facts(cls, facts: dict[str, Any]) -> FactRules:
        """The rules of a checked facts.yaml (its citations are regular expressions)."""
        bodies = "|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in sorted(facts["bodies"], key=len, reverse=True))
        return cls(tuple(facts["mark"][lang] for lang in LANGUAGES), re.compile(bodies),
                   re.compile("|".join(f"(?:{pattern})" for pattern in facts["citations"])))


def statements(facts: dict[str, Any]) -> dict[str, dict[str, str]]:
    """facts.yaml's statements by id, in both languages."""
    return {s["id"]: s["text"] for s in facts["statements"]}


def citation_problems(facts: dict[str, Any]) -> list[Problem]:
    """facts.yaml's citation patterns that are not regular expressions."""
    problems = []
    for n, pattern in enumerate(facts["citations"]):
        try:
            re.compile(pattern)
        except re.error as error:
            problems.append(Problem(f"citations[{n}]", f"not a regular expression ({error}); fix it", "facts.yaml"))
    return problems


def fill_statements(value: Any, held: dict[str, dict[str, str]], file: str,
                    path: str = "") -> tuple[Any, list[Problem]]:
    """``value`` with every ``{statement: id}`` replaced by that statement's text; an unknown id is a problem."""
    if isinstance(value, dict):
        if set(value) == {"statement"}:
            if value["statement"] in held:
                return dict(held[value["statement"]]), []
            known = ", ".join(held)
            return value, [Problem(join_path(path, "statement"), f"no statement {value['statement']!r} in facts.yaml; "
                                   f"use one of {known} or add it there", file)]
        problems: list[Problem] = []
        filled = {}
        for key, entry in value.items():
            filled[key], found = fill_statements(entry, held, file, join_path(path, key))
            problems += found
        return filled, problems
    if isinstance(value, list):
        pairs = [fill_statements(entry, held, file, join_path(path, n)) for n, entry in enumerate(value)]
        return [entry for entry, _ in pairs], [p for _, found in pairs for p in found]
    return value, []


def unmarked(text: str, rules: FactRules) -> Iterator[tuple[str, str]]:
    """Each (year or body name, its sentence) a text states outside a quotation with no citation in its sentence and
    no toolkit's-own mark earlier in its paragraph."""
    for paragraph in _PARAGRAPH.split(text):
        plain = " ".join(paragraph.replace("**", "").split())  # a folded line may break a mark in two
        mark_at = min((plain.find(mark) for mark in rules.marks if mark in plain), default=-1)
        bounds = [0, *(end.end() for end in _SENTENCE_END.finditer(plain)), len(plain)]
        for begin, end in pairwise(bounds):
            if 0 <= mark_at < end:
                continue  # the mark covers the rest of its paragraph
            sentence = plain[begin:end]
            bare = _QUOTED.sub(" ", sentence)
            if rules.citations.search(bare):
                continue
            fact = _YEAR.search(bare) or rules.bodies.search(bare)
            if fact:
                yield fact.group(0), " ".join(sentence.split())


def check_facts(value: Any, rules: FactRules, file: str, path: str = "") -> Iterator[Problem]:
    """One problem per data text that states a year or a body's name without a citation or the mark (the toolkit's
    own words only: quotations are plain strings and are the sources')."""
    if isinstance(value, dict):
        if is_text(value):
            for lang in LANGUAGES:
                for fact, sentence in unmarked(str(value[lang]), rules):
                    mark = rules.marks[LANGUAGES.index(lang)]
                    yield Problem(join_path(path, lang), fact_message(fact, sentence, mark), file)
            return
        cited = "cite" in value  # a next step's text is cited by the cite beside it
        for key, entry in value.items():
            if key in NAMING_KEYS or (cited and key == "text"):
                continue
            if key == "entries" and "section" in value and isinstance(entry, list):
                # A list's entries are what the source enumerates (its section cites them); an item group's
                # entries are items, whose explanations are checked.
                for n, one in enumerate(entry):
                    if not is_text(one):
                        yield from check_facts(one, rules, file, join_path(join_path(path, key), n))
                continue
            yield from check_facts(entry, rules, file, join_path(path, key))
    elif isinstance(value, list):
        for n, entry in enumerate(value):
            yield from check_facts(entry, rules, file, join_path(path, n))


def fact_message(fact: str, sentence: str, mark: str) -> str:
    """What a problem with an unmarked fact says: what, which sentence, and the two ways to put it right."""
    shown = sentence if len(sentence) <= 60 else sentence[:57] + "..."
    return f"{fact!r} with no citation or mark in {shown!r}: cite the source in that sentence or begin a note {mark!r}"
