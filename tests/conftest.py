"""Shared fixtures: a small hand-built data set with one assessment of each kind, and their definitions."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from obc_assess.core.languages import localise
from obc_assess.host import cli
from obc_assess.host.building import build
from obc_assess.host.loader import Data, load_data
from obc_assess.host.yamlfile import read_yaml
from obc_site.build import build as build_site

ROOT = Path(__file__).resolve().parent.parent

# No per-example deadline: it is a wall-clock assertion, and it failed on a loaded machine (300 ms against 200).
settings.register_profile("obc", deadline=None)
settings.load_profile("obc")


def _entry(item_id: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"id": item_id, "name": name, "quote": f"{name}: the quoted text.", "question": f"{name}?",
            **extra}


SCALE_LEVELS = [{"value": v, "label": label, "descriptor": f"{label} descriptor."}
                for v, label in enumerate(["Not in place", "Developing", "Established", "Embedded"])]

# A band for each level, named after it (bands.py): the rule's words use a band_rules figure.
MATURITY_BANDS = [{"id": band, "level": n, "label": label, "descriptor": f"{label}.", "rule": f"{label}: most."}
                  for n, (band, label) in enumerate((("early", "Early days"), ("developing", "Developing"),
                                                     ("established", "Established"), ("embedded", "Embedded")))]
MATURITY_BANDS[-1]["rule"] = "Embedded: at least {top_confidence}%."

DATA = Data(
    sources=[{"id": "tool20", "title": "Tool 20", "short": "Tool 20 short", "publisher": "NCB Wales",
              "date": "June 2017", "summary": "s", "licence": "l"},
             {"id": "wirral2011", "title": "Wirral", "short": "Wirral short", "publisher": "Wirral Council",
              "date": "2011", "summary": "s", "licence": "l"}],
    models=[{"id": n, "name": f"Model {n} name", "definition": "d", "explanation": "e"} for n in (1, 2, 3)],
    glossary={"source": "tool20", "section": "Appendix 2", "terms": []},
    scales={
        "scales": [
            {"id": "maturity", "name": "Maturity", "title": "How established?", "na": True, "unknown": True,
             "evidence_from": 2, "levels": SCALE_LEVELS, "bands": MATURITY_BANDS, "split": {
                 "label": "Split", "words": [{"high": high, "low": low, "text": f"Split {high} and {low}."}
                                             for high, low in ((2, 0), (3, 0), (3, 1))]}},
            {"id": "priority", "name": "Priority", "title": "How strongly?", "na": False, "unknown": True, "levels": [
                {"value": v, "label": label, "descriptor": f"{label}."}
                for v, label in enumerate(["Not at all", "A little", "Clearly", "Strongly"])]},
            {"id": "coverage", "name": "Coverage", "title": "Covered?", "na": True, "unknown": True, "levels": [
                {"value": v, "label": label, "descriptor": f"{label}."}
                for v, label in enumerate(["No", "Yes"])], "bands": [
                    {"id": "few", "level": 0, "label": "Covers few", "descriptor": "Few.", "rule": "Few: rated."},
                    {"id": "all", "level": 1, "whole": True, "label": "Covers all", "descriptor": "All.",
                     "rule": "All: every one Yes."}], "split": {"label": "Split", "words": []}},
        ],
        "band_rules": {"min_confidence": 50, "top_confidence": 80, "max_na_share": 25, "split_share": 25,
                       "rules": [{"text": "No band unless more than {min_confidence}% is rated."},
                                 {"text": "Never above the outcomes items.", "after": "Tool 20, section 4"}]},
        "pace": {"seconds_per_question": 60},
    },
    guidance=[
        {"source": "tool20", "pages": [{
            "id": "tool20-procurement", "title": "Procurement", "section": "Section 4", "summary": "s",
            "blocks": [{"items": {"title": "Domains", "section": "Section 4", "quote_label": "Description",
                                  "question_label": "Comments", "entries": [
                                      _entry("procurement-outcomes-focus", "Outcomes focus"),
                                      _entry("procurement-governance", "Governance"),
                                      _entry("procurement-cost", "Cost", section="Section 4.1")]}}]}]},
        {"source": "wirral2011", "pages": [{
            "id": "wirral-outcomes", "title": "Outcomes", "section": "4.6", "summary": "s",
            "blocks": [{"items": {"title": "Definitions", "section": "4.6", "entries": [
                _entry("definition-individual-outcome", "Individual outcome"),
                _entry("definition-output", "Output"),
                _entry("definition-input", "Input"),
                _entry("review-criterion-pressure", "Financial pressure")]}}]}]},
    ],
    assessments={
        "procurement-review": {
            "id": "procurement-review", "version": "1.0", "title": "Procurement review", "kind": "maturity",
            "scale": "maturity", "source": "tool20", "section": "Section 4", "guidance": "tool20-procurement",
            "summary": "Review procurement.", "weights_note": "Outcomes count double.",
            "scope": {"question": "Which part?",
                      "options": [{"id": "choosing", "label": "Choosing providers"},
                                  {"id": "allocation", "label": "Allocating work"}]},
            "sections": [
                {"id": "outcomes", "title": "Outcomes", "intro": "Start here.", "items": [
                    {"id": "outcomes-focus", "ref": "procurement-outcomes-focus", "weight": 2},
                    {"id": "governance", "ref": "procurement-governance", "question": "Our own question?"},
                    {"id": "cost", "ref": "procurement-cost", "title": "Costs", "models": [2, 3]}]},
                {"id": "practice", "title": "Practice", "items": [
                    {"id": "allocation", "title": "Allocation", "question": "How is work allocated?",
                     "scopes": ["allocation"]},
                    {"id": "focus-detail", "title": "Detail", "question": "In detail?", "optional": True,
                     "parent": "outcomes-focus", "weight": 1.5}]},
                {"id": "extra", "title": "Extra", "optional": True, "items": [
                    {"id": "extra-item", "title": "Extra item", "question": "Extra?"}]},
            ]},
        "review-priorities": {
            "id": "review-priorities", "version": "1.0", "title": "Review priorities", "kind": "matrix",
            "scale": "priority", "source": "wirral2011", "section": "4.12", "guidance": "wirral-outcomes",
            "summary": "Choose what to review.", "asks_model": False,
            "matrix": {"row_label": "Service area", "row_hint": "Name each area."},
            "sections": [{"id": "criteria", "title": "Criteria", "items": [
                {"id": "pressure", "ref": "review-criterion-pressure"},
                {"id": "priorities", "title": "Council priorities", "question": "How essential?",
                 "weight": 2}]}]},
        "measure-mix": {
            "id": "measure-mix", "version": "1.0", "title": "Measure mix", "kind": "classification",
            "scale": "coverage", "source": "wirral2011", "section": "4.6", "guidance": "wirral-outcomes",
            "summary": "Sort measures.",
            "classification": {"row_label": "Measure", "row_hint": "List measures.",
                               "flag_outcome_share_below": 50,
                               "flag_message": "Fewer than half are outcomes.", "classes": [
                                   {"id": "outcome-individual", "label": "Individual outcome",
                                    "ref": "definition-individual-outcome", "outcome": True},
                                   {"id": "output", "label": "Output", "ref": "definition-output",
                                    "outcome": False},
                                   {"id": "input", "label": "Input", "ref": "definition-input",
                                    "outcome": False}]},
            "sections": [{"id": "categories", "title": "Categories", "items": [
                {"id": "outcome-individual", "ref": "definition-individual-outcome"},
                {"id": "output", "ref": "definition-output"}]}]},
    },
    files={},
    # The real evidence kinds, strengths and action statuses (issue 14), in English.
    evidence=localise(read_yaml(ROOT / "src/obc_assess/data/evidence.yaml", "evidence.yaml")[0], "en"),
)


@pytest.fixture(scope="session")
def real_data() -> Data:
    """The toolkit's real data, read once."""
    return load_data()


# Where the site is deployed, as the Pages workflow builds it: a project site under a subpath.
SUBPATH_URL = "https://example.github.io/obc-toolkit/"


@pytest.fixture
def cli_data_once(monkeypatch: pytest.MonkeyPatch, real_data: Data) -> None:
    """The command line's load_data answered from data read once per session: reading the YAML takes half a
    second, and main() calls it on every run (the Welsh is read once too, when first asked for)."""
    welsh: list[Data] = []

    def load(lang: str = "en") -> Data:
        if lang == "en":
            return real_data
        if not welsh:
            welsh.append(load_data(lang="cy"))
        return welsh[0]

    monkeypatch.setattr(cli, "load_data", load)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as deployed, built once for the whole run (strict, both languages: English at the root, Welsh
    in cy/) for the project's subpath: the checks of its pages and of its links under the subpath
    (test_subpath.py) read this one build."""
    site = tmp_path_factory.mktemp("site")
    build_site(ROOT, site, env={"SITE_URL": SUBPATH_URL})
    return site


@pytest.fixture(scope="session")
def built_url() -> str:
    """The address ``built`` is built for."""
    return SUBPATH_URL


@pytest.fixture
def data() -> Data:
    return copy.deepcopy(DATA)


@pytest.fixture(scope="session")
def definitions() -> dict[str, dict[str, Any]]:
    return {aid: build(DATA, aid) for aid in DATA.assessments}


@pytest.fixture
def maturity(definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy(definitions["procurement-review"])


@pytest.fixture
def matrix(definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy(definitions["review-priorities"])


@pytest.fixture
def classification(definitions: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return copy.deepcopy(definitions["measure-mix"])
