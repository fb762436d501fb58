"""Each report is composed once (issue 32): its Markdown and its Word document show the same sections in the same
order, and the same tables with the same header rows, because both render one document model; the renderers
hold no words of their own."""

from __future__ import annotations

import ast
import html
import io
import itertools
import random
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from obc_assess.core import document_markdown, document_word
from obc_assess.core.compare import compare
from obc_assess.core.definition import items, scale_of
from obc_assess.core.document import Chart, Report, Table
from obc_assess.core.document_markdown import to_markdown
from obc_assess.core.document_word import to_docx
from obc_assess.core.report import compose
from obc_assess.core.report_compare import compare_report
from obc_assess.core.report_team import team_report
from obc_assess.core.responses import template
from obc_assess.core.scoring import score
from obc_assess.core.team import aggregate
from obc_assess.host.building import build
from obc_assess.host.loader import Data, load_data

KINDS = ("commissioning-standards", "review-priorities", "measure-mix")  # maturity, matrix, classification


@pytest.fixture(scope="module")
def welsh_data() -> Data:
    return load_data(lang="cy")


def _filled(definition: dict[str, Any], name: str, seed: int) -> dict[str, Any]:
    """Answers of every kind, with notes, a plan, evidence, areas or measures: every optional section shows."""
    rng = random.Random(seed)
    doc = template(definition, 1 if definition["asks_model"] else None)
    if definition["kind"] == "maturity":
        scales = {item["id"]: scale_of(definition, item) for _, item in items(definition)}
        for key, answer in doc["answers"].items():
            answer["level"] = rng.choice([level["value"] for level in scales[key]["levels"]] + ["unknown"])
            answer["note"] = f"Note on {key} <b>&</b> | *x*"
        first, second = list(doc["answers"])[:2]
        doc["plan"] = {first: {"action": "Ask finance", "owner": "Ann", "due": "2024-03-31", "status": "in-progress",
                               "target": definition["scale"]["levels"][-1]["value"], "review": "Went # well"}}
        doc["evidence"] = {second: [{"what": "Spec [v2]", "kind": "document", "strength": "documented",
                                     "review_by": "2025-01-01"}]}
    elif definition["kind"] == "matrix":
        area = doc["answers"]["areas"][0]
        area["name"] = f"Day | services {seed}"
        area["levels"] = {key: rng.choice([0, 1, 2, 3, "unknown"]) for key in area["levels"]}
    else:
        doc["answers"]["measures"] = [{"name": "Hours *delivered*", "class": None, "note": "n"}]
    doc["respondent"] = {"name": name, "role": "commissioner", "organisation": "Org"}
    doc["assessment_date"] = f"2025-06-0{seed}"
    return doc


def _reports(data: Data, aid: str) -> list[Report]:
    definition = build(data, aid)
    ann, bob = _filled(definition, "Ann <b>", 1), _filled(definition, "Bob", 2)
    return [compose(score(definition, template(definition, 1 if definition["asks_model"] else None))),
            compose(score(definition, ann), "https://example.org/"),
            team_report(aggregate(definition, [("ann.json", ann), ("bob.json", bob)])),
            compare_report(compare(definition, ann, bob, ("2025.json", "2026.json")))]


def _plain(markdown: str) -> str:
    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def _markdown_outline(text: str) -> list[tuple[int, str]]:
    return [(len(line) - len(line.lstrip("#")) - 1, _plain(line.lstrip("#").strip()))
            for line in text.splitlines() if line.startswith("#")]


def _markdown_heads(text: str) -> list[tuple[str, ...]]:
    lines = text.splitlines()
    return [tuple(_plain(cell) for cell in re.split(r"(?<!\\) \| ", line[2:-2]))
            for line, rule in itertools.pairwise(lines) if rule.startswith("| --- |")]


def _word(data: bytes) -> tuple[list[tuple[int, str]], list[tuple[str, ...]]]:
    document = docx.Document(io.BytesIO(data))
    outline = [(0 if p.style.name == "Title" else int(p.style.name.split()[-1]), p.text)
               for p in document.paragraphs if p.style is not None and p.style.name.startswith(("Title", "Heading"))]
    heads = [tuple("".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in table._tbl.tr_lst[0].tc_lst)
             for table in document.tables]
    return outline, heads


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("aid", KINDS)
def test_markdown_and_word_show_the_same_sections_and_tables(real_data: Data, welsh_data: Data, aid: str,
                                                             lang: str) -> None:
    for report in _reports(real_data if lang == "en" else welsh_data, aid):
        markdown = to_markdown(report)
        word_outline, word_heads = _word(to_docx(report))
        outline = [(0, report.title), *report.outline()]
        assert _markdown_outline(markdown) == outline == word_outline, report.title
        tables = [b.head for b in report.blocks if isinstance(b, Table)]
        assert tables and _markdown_heads(markdown) == tables, report.title
        # Word draws each chart as a table too, after the table whose figures it draws.
        assert word_heads == [b.head for b in report.blocks if isinstance(b, Table | Chart)], report.title


def test_every_section_a_report_can_have_is_in_the_corpus(real_data: Data) -> None:
    """The cases above reach the optional sections: the plan, the evidence, the follow-up, the extras."""
    headings = {text for report in _reports(real_data, "commissioning-standards") for _, text in report.outline()}
    assert {"Optional extras", "Priorities", "Action plan", "Evidence", "Answers and notes", "Notes and plans",
            "Improved", "Slipped"} <= headings


@pytest.mark.parametrize("module", [document_markdown, document_word])
def test_the_renderers_hold_no_words(module: object) -> None:
    """A renderer lays the model out: it reads no catalogue, and writes no report words of its own."""
    tree = ast.parse(Path(str(getattr(module, "__file__", ""))).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "obc_assess.core.catalogue" not in imported
    calls = {node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    assert "text" not in calls
