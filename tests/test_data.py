"""The real YAML data loads cleanly, and broken data stops the load with exact, helpful lines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from obc_assess.loader import DATA_DIR, DataError, guidance_index, load_data

BROKEN = sorted((Path(__file__).parent / "broken_data").glob("*.yaml"))


def test_real_data_loads() -> None:
    data = load_data()
    assert {s["id"] for s in data.sources} == {"tool20", "tool21", "framework2010", "wirral2011"}
    assert [m["id"] for m in data.models] == [1, 2, 3]
    assert set(data.assessments) == {
        "procurement-review", "contract-management-review", "commissioning-standards", "supporting-systems",
        "commissioning-principles", "review-priorities", "measure-mix", "commissioning-plan"}


# What the issue says the guidance enumerates, by id convention: each must be in the data.
ENUMERATED = [
    ("standard", 13),  # the Framework's 13 commissioning standards
    ("procurement-", 11),  # Tool 20 section 4: 11 procurement review domains (refinements excluded below)
    ("contract-", 8),  # Tool 20 section 5: 8 contract-management domains
    ("nao-", 11),  # the NAO's 11 areas
    ("principle-", 7),  # Wirral's seven principles
    ("review-criterion-", 6),  # Wirral's six criteria for choosing service reviews
]


@pytest.mark.parametrize(("prefix", "count"), ENUMERATED)
def test_enumerated_items_are_all_there(prefix: str, count: int) -> None:
    index = guidance_index(load_data())
    ids = [i for i, e in index.items() if e.kind == "item" and i.startswith(prefix)
           and not i.startswith("procurement-refinement-")]
    assert len(ids) == count, ids


def test_every_glossary_definition_is_one_paragraph() -> None:
    # Definitions become tooltips (title attributes): they must survive being put on one line.
    for term in load_data().glossary["terms"]:
        assert term["definition"].strip(), term["id"]


def _case(path: Path) -> tuple[str, str, list[str]]:
    text = path.read_text(encoding="utf-8")
    target = re.search(r"^# target: (.+)$", text, re.M)
    assert target, f"{path.name}: needs a '# target:' line"
    expected = re.findall(r"^# expect: (.+)$", text, re.M)
    return target.group(1), text, expected


@pytest.mark.parametrize("case", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_data_is_reported_exactly(case: Path, tmp_path: Path) -> None:
    target, text, expected = _case(case)
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    (data_dir / target).write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_data(data_dir)
    assert raised.value.problems == expected
    assert isinstance(raised.value, ValueError)


def test_not_utf8_is_one_line(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    (data_dir / "guidance" / "zz-latin1.yaml").write_bytes("source: tool20\ntitle: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError) as raised:
        load_data(data_dir)
    assert raised.value.problems == ["guidance/zz-latin1.yaml: not UTF-8 text; save the file as UTF-8"]


def test_missing_file_is_named(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    (data_dir / "models.yaml").unlink()
    with pytest.raises(DataError) as raised:
        load_data(data_dir)
    assert raised.value.problems == ["models.yaml: missing; every toolkit needs this file"]
