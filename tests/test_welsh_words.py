"""Welsh that cannot be assembled wrong (issue 30): no Welsh catalogue text inserts a word where Welsh would change
it or the word before it (tests/welsh_placeholders.yaml says which words and which placeholders); "results" are
canfyddiadau, never canlyniadau (outcomes); and the term list's avoided forms appear nowhere in the Welsh."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from obc_assess.core.catalogue import catalogue
from obc_assess.core.languages import is_text
from obc_assess.host.loader import DATA_DIR, load_data

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = ROOT / "src" / "obc_assess" / "core" / "messages"
RULES = yaml.safe_load((Path(__file__).parent / "welsh_placeholders.yaml").read_text(encoding="utf-8"))
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w+)\}(?!\})")
# What may stand between a word and the placeholder it governs: space, quotation marks, a link's bracket.
_BETWEEN = " \u00a0\u201c\u201d\u2018\"[*"
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*$")


def placeholder_problems(text: str, rules: dict[str, Any] = RULES) -> Iterator[str]:
    """Each placeholder in a Welsh text that follows a word that changes it (or changes before it), unless it is one
    that only holds digits, dates or file names."""
    for match in _PLACEHOLDER.finditer(text):
        before = text[:match.start()].rstrip(_BETWEEN)
        found = _WORD.search(before)
        if found is None:  # a colon, a bracket or the start: nothing governs the inserted word
            continue
        word = found.group(0).replace("\u2019", "'").lower()
        forms = {word, *(f"'{tail}" for tail in re.findall(r"'(\w+)$", word))}
        name = match.group(1)
        if forms & set(rules["changes_form"]):
            yield f"{{{name}}} after {word!r}, which changes its own form before a vowel"
        elif forms & set(rules["mutating"]) and name not in rules["allowed"]:
            yield f"{{{name}}} after {word!r}, which may change the inserted word"


CASES = [
    ("Yn berthnasol i {models}.", ["{models} after 'i', which may change the inserted word"]),
    ("{first} a {last}", ["{last} after 'a', which changes its own form before a vowel"]),
    ("Wedi cymharu {before} â {after}.", ["{after} after 'â', which changes its own form before a vowel"]),
    ("mae bellach yn {version}", ["{version} after 'yn', which may change the inserted word"]),
    ("Wedi'i graddio'n \u201c{label}\u201d", ["{label} after \"graddio'n\", which may change the inserted word"]),
    ("Tynnu'r {row} o'r rhestr", ["{row} after \"tynnu'r\", which may change the inserted word"]),
    ("Y {shown} cyntaf", ["{shown} after 'y', which changes its own form before a vowel"]),
    ("{done} wedi'u gwneud a {dropped}", ["{dropped} after 'a', which changes its own form before a vowel"]),
    ("o [{title}]({url})", ["{title} after 'o', which may change the inserted word"]),
    # Allowed: digits and dates after a mutating word; a noun, a colon or brackets before anything else.
    ("{count} o {total} eitem", []),
    ("Argraffwyd ar {date}.", []),
    ("Mae bellach yn fersiwn {version}.", []),
    ("Atebion wedi'u mewnforio o'r ffeil {name}.", []),
    ("Nodyn {name}: {note}", []),
    ("Y modelau y mae'n berthnasol iddynt: {models}.", []),
    ("ar y lefelau uchaf ({levels})", []),
    ("{{...}} a {{x}}", []),  # a literal brace, not a placeholder
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_placeholder_problems(text: str, expected: list[str]) -> None:
    assert list(placeholder_problems(text)) == expected


def _welsh_catalogue() -> dict[str, str]:
    return {f"{path.name}: {key}": value for path in sorted((MESSAGES / "cy").glob("*.json"))
            for key, value in json.loads(path.read_text(encoding="utf-8")).items()}


def test_no_welsh_catalogue_text_puts_a_placeholder_where_the_word_would_change() -> None:
    found = [f"messages/cy/{where}: {problem}" for where, text in _welsh_catalogue().items()
             for problem in placeholder_problems(text)]
    assert found == []


def test_the_allowed_placeholders_hold_only_digits_dates_or_file_names() -> None:
    # Each allowed placeholder, wherever English uses it, stands beside a number's words or a date's, never a noun
    # it names: a new use of one of these names for words fails here first.
    english = catalogue("en")
    uses = {name: [key for key, text in english.items() if f"{{{name}}}" in text] for name in RULES["allowed"]}
    assert all(uses.values()), [name for name, keys in uses.items() if not keys]
    assert set(RULES["allowed"]).isdisjoint({"name", "title", "label", "row", "before", "after", "models", "levels",
                                             "values", "keys", "version", "id", "who", "file", "section"})


# --- one word for each meaning ------------------------------------------------------------------------------------

@cache
def _terms() -> list[dict[str, Any]]:
    return yaml.safe_load((DATA_DIR / "terms.yaml").read_text(encoding="utf-8"))["terms"]  # type: ignore[no-any-return]


def _welsh_data_texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if is_text(value):
        yield path, str(value["cy"])
    elif isinstance(value, dict):
        for key, entry in value.items():
            if key == "gloss_cy":
                yield f"{path}.{key}", str(entry)
            else:
                yield from _welsh_data_texts(entry, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for n, entry in enumerate(value):
            yield from _welsh_data_texts(entry, f"{path}[{n}]")


@cache
def _all_welsh() -> dict[str, str]:
    texts = {f"messages/cy/{where}": text for where, text in _welsh_catalogue().items()}
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        if path.name == "terms.yaml":
            continue
        name = str(path.relative_to(DATA_DIR))
        texts.update({f"{name}: {where}": text
                      for where, text in _welsh_data_texts(yaml.safe_load(path.read_text(encoding="utf-8")))})
    for page in sorted((ROOT / "docs" / "cy").glob("*.md")):
        texts[f"docs/cy/{page.name}"] = page.read_text(encoding="utf-8")
    return texts


def test_the_term_list_names_what_it_avoids() -> None:
    avoided = {term["english"]: term.get("avoid", []) for term in _terms()}
    assert avoided["options appraisal"] == ["arfarnu opsiynau", "arfarniad o opsiynau"]
    assert "Cilgwri" in avoided["Wirral Council"]
    assert "lawrlwytho" in avoided["download"]
    assert "prif ganlyniad" in avoided["headline (figure of a result)"]


def test_no_welsh_text_uses_a_form_the_term_list_avoids() -> None:
    found = []
    for term in _terms():
        for form in term.get("avoid", []):
            pattern = re.compile(rf"(?<!\w){re.escape(form)}", re.I)
            found += [f"{where}: {form!r} (the term list says {term['welsh']!r})"
                      for where, text in _all_welsh().items() if pattern.search(text)]
    assert found == []


def test_results_are_canfyddiadau_not_canlyniadau() -> None:
    # canlyniadau means outcomes, the toolkit's subject: a catalogue text about results says canfyddiadau (the term
    # list), unless its English is about outcomes too.
    english, welsh = catalogue("en"), catalogue("cy")
    found = [key for key, text in english.items() if re.search(r"\bresults?\b", text, re.I)
             and not re.search(r"outcome", text, re.I) and re.search(r"[cg]anlyniad|chanlyniad", welsh[key])]
    assert found == []


# Where the Welsh prose says canlyniadau, it means outcomes: "ar sail canlyniadau" (outcome-based) and "ar
# ganlyniadau" (on outcomes); code examples apart, every other use was "results" and is canfyddiadau now.
OUTCOME_PHRASES = re.compile(r"ar sail canlyniadau|ar ganlyniadau")


@pytest.mark.parametrize("page", sorted((ROOT / "docs" / "cy").glob("*.md")), ids=lambda p: p.name)
def test_welsh_prose_says_canfyddiadau_for_results(page: Path) -> None:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    text = OUTCOME_PHRASES.sub("", " ".join(text.split()))
    assert re.findall(r".{0,30}(?:[cg]anlyniad|chanlyniad|nghanlyniad).{0,30}", text) == []


def test_the_welsh_data_loads_with_the_terms() -> None:
    assert load_data(lang="cy").terms == _terms()
