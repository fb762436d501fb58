"""The browser's Python: real Pyodide under Node gives byte-for-byte the same answers as CPython."""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import answering
import pytest

from obc_assess.core import api
from obc_assess.core.definition import items, scale_of
from obc_assess.core.form import to_form
from obc_assess.core.responses import template
from obc_assess.host.building import build_all
from obc_assess.host.loader import Data, load_data
from obc_site.pyzip import build_zip
from obc_site.stdlib import StdlibBuildError, build_stdlib, module_names

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / ".cache" / "obc-stdlib"  # the build's own cache: the same inputs give the same zip


@pytest.fixture(scope="module")
def shipped(real_data: Data, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The python_stdlib zip the site ships (trimmed, compiled, obc_assess inside), built as make build does."""
    if not (PYODIDE / "package.json").is_file():
        pytest.skip("node_modules/pyodide is not installed (run npm ci)")
    archive = build_stdlib(PYODIDE, build_all(real_data), CACHE)
    path = tmp_path_factory.mktemp("stdlib") / archive.name
    path.write_bytes(archive.content)
    return path


def _node(zip_path: Path, cases: list[dict[str, Any]], work: Path, first: str = "") -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node is needed to run Pyodide"
    cases_file = work / "cases.json"
    cases_file.write_text(json.dumps(cases), encoding="utf-8")
    run = subprocess.run([node, "tests/pyodide/parity.mjs", str(zip_path), str(cases_file), first], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]  # the tail: Node prints minified source lines first
    result: dict[str, Any] = json.loads(run.stdout)
    return result

def _filled(definition: dict[str, Any], model: int | None, rng: random.Random) -> dict[str, Any]:
    doc = template(definition, model)
    choices: list[object] = [level["value"] for level in definition["scale"]["levels"]]
    choices += ["unknown", None] + (["na"] if definition["scale"]["na"] else [])
    if definition["kind"] == "matrix":
        criteria = list(doc["answers"]["areas"][0]["levels"])
        doc["answers"]["areas"] = [{"name": f"Área {n}", "levels": {c: rng.choice(choices) for c in criteria},
                                    "note": "=formula" if n == 0 else ""} for n in range(4)]
    elif definition["kind"] == "classification":
        classes = [c["id"] for c in definition["classification"]["classes"]] + [None]
        doc["answers"]["measures"] = [{"name": f"Measure “{n}”", "class": rng.choice(classes), "note": ""}
                                      for n in range(7)]
    else:
        own = {item["id"]: item for _, item in items(definition)}
        for key in doc["answers"]:
            # Each item's own scale (coverage beside maturity, issue 10 point 4); N/A, with its reason, only where
            # the item may be not applicable (issue 30).
            doc["answers"][key] = answering.answer(
                rng.choice(answering.choices(definition, own[key])),
                rng.choice(["", "Evidence: <b>minutes</b> | 2024", "Café\nnew line"]))
    doc["respondent"] = {"name": "Tîm Gofal", "role": "provider"}
    return doc


def _cases(definitions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Calls of obc_assess.core.api: every assessment and model, each request type, plus invalid input."""
    rng = random.Random(20240601)
    cases: list[dict[str, Any]] = []
    for definition in definitions.values():
        text = json.dumps(definition)
        models = [None, 1, 2, 3] if definition["asks_model"] else [None]
        for model in models:
            doc = json.dumps(_filled(definition, model, rng))
            cases.append({"fn": "answers", "args": [text, doc]})
        doc = _filled(definition, None, rng)
        cases.append({"fn": "answers", "args": [text, json.dumps(doc)]})
        cases.append({"fn": "render_docx_json", "args": [text, json.dumps(doc)]})  # the Word report's bytes
        cases.append({"fn": "answers", "args": [text, json.dumps(doc)]})
        cases.append({"fn": "evaluate_form", "args": [text, json.dumps(to_form(definition, doc)["fields"])]})
        bad = _filled(definition, None, rng)
        bad["context"]["model"] = 7
        bad["format_version"] = True
        bad["respondent"]["name"] = "x" * 300
        cases.append({"fn": "answers", "args": [text, json.dumps(bad)]})
        cases += _team_cases(definition, text, rng)
    if "contract-management-review" in definitions:  # the real data (the small test set lacks these)
        cases += _band_cases(definitions)
        cases += _model_cases(definitions)
        cases += _matrix_cases(definitions["review-priorities"])
        cases += _claim_cases(definitions)
    text = json.dumps(next(iter(definitions.values())))
    # Invalid JSON, including what Python versions parse or word differently (trailing commas, depth).
    for responses in ("{", "", "[1, NaN]", '{"a": [1,]}', "[]", "null", '{"answers": {"\\ud800": 1}}',
                      "1" * 5000, "[" * 5000 + "]" * 5000):
        cases.append({"fn": "answers", "args": [text, responses]})
    cases.append({"fn": "answers", "args": ["not json", "{}"]})
    return cases


def _band_cases(definitions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Issue 10's cases: a capped band, a withheld band, extras scored apart, answers saved for version 1.0."""
    cases: list[dict[str, Any]] = []
    for aid, model in (("procurement-review", 2), ("contract-management-review", 2),
                       ("commissioning-standards", None), ("commissioning-plan", None),
                       ("commissioning-principles", None)):
        definition = definitions[aid]
        text = json.dumps(definition)
        tops = {item["id"]: scale_of(definition, item)["levels"][-1]["value"] for _, item in items(definition)}
        outcomes = {item["id"] for section in definition["sections"] for item in section["items"] if item["outcomes"]}
        capped, withheld, partly = (template(definition, model) for _ in range(3))
        for n, (key, answer) in enumerate(capped["answers"].items()):
            answer["level"] = 0 if key in outcomes else tops[key]
            withheld["answers"][key]["level"] = tops[key] if n < 3 else "unknown"
            # One level below the top everywhere: Partly on the coverage scale, Established on maturity.
            partly["answers"][key]["level"] = tops[key] - 1
        old = json.loads(json.dumps(capped))
        old["assessment_version"] = "1.0"
        for doc in (capped, withheld, partly):
            cases.append({"fn": "answers", "args": [text, json.dumps(doc)]})
            cases.append({"fn": "render_docx_json", "args": [text, json.dumps(doc)]})
        cases.append({"fn": "form_values_migrating", "args": [text, json.dumps(old)]})
        # Answers saved for 1.1: re-scaled scoping questions (new ids) are left out and named.
        older = json.loads(json.dumps(partly))
        older["assessment_version"] = "1.1"
        older["answers"]["scoping-period"] = {"level": 3, "note": ""}
        cases.append({"fn": "form_values_migrating", "args": [text, json.dumps(older)]})
    return cases


def _claim_cases(definitions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Issue 30's cases: each answer pattern it measured, in every maturity assessment (split, held, withheld for
    not applicable, coverage words), scored and as a Word report; not applicable without its reason on the form
    and in a format 3 file, an N/A the data now refuses in a file for an earlier version, and reasons in the team
    merge and the comparison."""
    cases: list[dict[str, Any]] = []
    for definition in definitions.values():
        if definition["kind"] != "maturity":
            continue
        text = json.dumps(definition)
        for pattern in ("na", "half-unknown", "half-zero", "outcomes-zero", "all-partly"):
            doc = json.dumps(answering.example(definition, pattern))
            cases += [{"fn": "answers", "args": [text, doc]}, {"fn": "render_docx_json", "args": [text, doc]}]
    standards = definitions["commissioning-standards"]
    text = json.dumps(standards)
    doc = template(standards)
    doc["answers"].update({key: answering.answer(level) for key, level in (
        ("standard-1", 2), ("scope-owner", "na"), ("scope-team", "na"))})
    fields = to_form(standards, doc)["fields"]
    cases.append({"fn": "evaluate_form", "args": [text, json.dumps(fields)]})
    cases.append({"fn": "evaluate_form", "args": [text, json.dumps({**fields, "na-reason:scope-team": " "})]})
    old = json.loads(json.dumps(doc))
    old["format_version"] = 3
    for key in ("scope-owner", "scope-team"):
        del old["answers"][key]["na_reason"]
    earlier = json.loads(json.dumps(old))
    earlier["assessment_version"] = "1.2"
    earlier["answers"]["standard-2"] = {"level": "na", "note": ""}
    cases += [{"fn": "form_values_migrating", "args": [text, json.dumps(old)]},
              {"fn": "form_values_migrating", "args": [text, json.dumps(earlier)]},
              {"fn": "answers", "args": [text, json.dumps(earlier)]}]
    files = json.dumps([{"name": f"{n}.json", "text": json.dumps(d)} for n, d in enumerate((doc, old, earlier))])
    cases += [{"fn": fn, "args": [text, files, False]} for fn in ("aggregate_json", "aggregate_csv_json",
                                                                  "aggregate_docx_json")]
    cases += [{"fn": "compare_json", "args": [text, json.dumps(earlier), json.dumps(doc)]}]
    return cases


def _model_cases(definitions: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Issue 10, models that tailor: Model 3's less crucial items at their own weight and marked, "Not decided"
    asking every model check, answers saved for 1.1, and measure-mix keeping a model it no longer asks."""
    cases: list[dict[str, Any]] = []
    for aid, model in (("supporting-systems", 3), ("contract-management-review", 3), ("procurement-review", None),
                       ("supporting-systems", None)):
        definition = definitions[aid]
        text = json.dumps(definition)
        doc = template(definition, model)
        for n, answer in enumerate(doc["answers"].values()):
            answer["level"] = n % 4
        cases.append({"fn": "answers", "args": [text, json.dumps(doc)]})
        fields = to_form(definition, doc)["fields"]
        cases.append({"fn": "evaluate_form", "args": [text, json.dumps(fields)]})
        doc["assessment_version"] = "1.1"
        cases.append({"fn": "form_values_migrating", "args": [text, json.dumps(doc)]})
    mix = definitions["measure-mix"]
    saved = template(mix)
    saved["context"]["model"], saved["assessment_version"] = 2, "1.1"
    saved["answers"]["measures"] = [{"name": "Hours delivered", "class": "output", "note": ""}]
    cases += [{"fn": fn, "args": [json.dumps(mix), json.dumps(saved)]} for fn in ("answers", "form_values_migrating")]
    return cases


# Issue 30's review priorities: a guess (one "Strongly", five "Don't know"), an area answered in full, one whose
# need is not shown, and one with two criteria rated; criteria (a)-(e) then (f).
MATRIX_AREAS = [("Guess", [3, "unknown", "unknown", "unknown", "unknown", "unknown"]), ("Full", [2] * 6),
                ("Need not shown", [3, 3, 3, 2, 2, 0]), ("Two answered", [1, 1, None, None, None, None])]


def _matrix_cases(definition: dict[str, Any]) -> list[dict[str, Any]]:
    """Ranks only with half rated, "don't know" scoring nothing and (f) a flag: one file, its Word report, a team
    in which only one respondent can rank an area, a comparison, and answers saved for version 1.1."""
    text = json.dumps(definition)
    criteria = [item["id"] for _, item in items(definition)]

    def doc(areas: list[tuple[str, list[object]]], name: str) -> dict[str, Any]:
        made = template(definition)
        made["respondent"]["name"] = name
        made["answers"]["areas"] = [{"name": area, "levels": dict(zip(criteria, levels, strict=True)), "note": ""}
                                    for area, levels in areas]
        return made

    first = doc(MATRIX_AREAS, "Ann")
    second = doc([("guess", [3, 3, 3, "unknown", "unknown", 3]), ("Full", [1] * 6)], "Bob")
    old = json.loads(json.dumps(first))
    old["assessment_version"] = "1.1"
    files = json.dumps([{"name": "ann.json", "text": json.dumps(first)},
                        {"name": "bob.json", "text": json.dumps(second)}])
    return [{"fn": "answers", "args": [text, json.dumps(first)]},
            {"fn": "render_docx_json", "args": [text, json.dumps(first)]},
            {"fn": "form_values_migrating", "args": [text, json.dumps(old)]},
            {"fn": "aggregate_json", "args": [text, files, False]},
            {"fn": "aggregate_csv_json", "args": [text, files, False]},
            {"fn": "aggregate_docx_json", "args": [text, files, False]},
            {"fn": "compare_json", "args": [text, json.dumps(first), json.dumps(second)]},
            {"fn": "compare_docx_json", "args": [text, json.dumps(first), json.dumps(second), "a.json", "b.json"]}]


def _team_cases(definition: dict[str, Any], text: str, rng: random.Random) -> list[dict[str, Any]]:
    """Team and before-and-after calls: several files (one broken, one for an older version), plans too."""
    docs = [_filled(definition, model, rng) for model in ([2, 1, None] if definition["asks_model"] else [None] * 3)]
    for n, doc in enumerate(docs):
        doc["respondent"] = {"name": ["Ann", "", "Café “Tîm”"][n], "role": ["commissioner", "provider", ""][n]}
    if definition["kind"] == "maturity":
        first, second = list(docs[0]["answers"])[:2]
        docs[0]["plan"] = {first: {"action": "=Ask finance", "owner": "Ann", "due": "2025-03-31",
                                   "target": definition["scale"]["levels"][-1]["value"]},
                           second: {"action": "Write it down", "owner": "", "due": "", "target": None}}
        docs[1]["answers"]["retired-item"] = {"level": 1, "note": ""}
        # Format 3's follow-through (issue 14): a status, review note and carried_from; evidence entries.
        docs[0]["plan"][first].update({"status": "in-progress", "review": "Café “review”",
                                       "carried_from": "2024-03-01"})
        docs[0]["plan"][second]["status"] = "dropped"
        docs[0]["assessment_date"] = "2025-06-01"
        docs[0]["evidence"] = {first: [{"what": "Spec “3”", "kind": "document", "strength": "documented",
                                        "review_by": "2024-01-01"}],
                               second: [{"what": "We say so", "kind": "", "strength": "self-reported",
                                         "review_by": "2025-06-05"}]}
        # Format 5's review (issue 34): two rounds, an open challenge, an agreement, a kept answer; the second
        # item's evidence is due for review after the assessment's date but before the review's, so it stops counting.
        docs[0]["review"] = {"rounds": [
            {"reviewer": "Siân “Craffu”", "role": "Scrutiny", "date": "2025-06-10", "comment": "Café ŵŷ",
             "items": {first: {"decision": "challenge", "comment": "=Show me"}, second: {"decision": "agree"}},
             "responses": {first: {"outcome": "kept", "text": "See the spec", "date": "2025-06-12"}}},
            {"reviewer": "Siân “Craffu”", "role": "", "date": "2025-07-01", "comment": "",
             "items": {first: {"decision": "challenge", "comment": "Still not shown"}}, "responses": {}}]}
    # A file of another kind is signed off as a whole, by someone else: the merge says so.
    docs[2]["review"] = {"rounds": [{"reviewer": "Owen", "date": "2025-06-02", "comment": "Fine"}]}
    docs[1]["assessment_version"] = "0.1"
    files = json.dumps([{"name": f"{n}.json", "text": json.dumps(doc)} for n, doc in enumerate(docs)]
                       + [{"name": "broken.json", "text": "{"}, {"name": "list.json", "text": "[]"}])
    before, after = json.dumps(docs[1]), json.dumps(docs[0])
    return [{"fn": "aggregate_json", "args": [text, files, False]},
            {"fn": "aggregate_json", "args": [text, files, True]},
            {"fn": "aggregate_csv_json", "args": [text, files, False]},
            {"fn": "compare_json", "args": [text, before, after]},
            {"fn": "compare_csv_json", "args": [text, before, after]},
            {"fn": "aggregate_docx_json", "args": [text, files, False]},
            {"fn": "compare_docx_json", "args": [text, before, after, "2025.json", "Café “2026”.json"]},
            {"fn": "compare_json", "args": [text, after, "[1,]"]},
            {"fn": "plan_csv_json", "args": [text, after]},
            {"fn": "render_docx_json", "args": [text, after]},
            {"fn": "carry_forward_json", "args": [text, after]},
            {"fn": "carry_forward_json", "args": [text, before]}]


# The browser's requests for the API functions the cases name (api.REQUESTS): type and the key of the text.
_BROWSER = {"evaluate_form": ("evaluate", "fields"), "form_values_migrating": ("import", "text"),
            "render_docx_json": ("docx", "responses"), "plan_csv_json": ("plan-csv", "responses"),
            "carry_forward_json": ("carry-forward", "responses"),
            "aggregate_json": ("aggregate", "files"), "aggregate_csv_json": ("aggregate-csv", "files"),
            "aggregate_docx_json": ("aggregate-docx", "files"), "compare_json": ("compare", None),
            "compare_csv_json": ("compare-csv", None), "compare_docx_json": ("compare-docx", None)}


def _requests(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cases as the requests the worker sends api.call. An answers file ("answers") is asked as the page asks:
    imported and, when sound, scored from the form's fields that import gave."""
    requests: list[dict[str, Any]] = []
    for case in cases:
        fn, (text, *rest) = case["fn"], case["args"]
        if fn in _BROWSER:
            kind, key = _BROWSER[fn]
            request: dict[str, Any] = {"type": kind, "definition": text}
            if key is None:
                request |= {"before": rest[0], "after": rest[1]} | ({"names": rest[2:]} if rest[2:] else {})
            else:
                request |= {key: rest[0]} | ({"anonymous": rest[1]} if len(rest) > 1 else {})
            requests.append(request)
        else:
            imported: dict[str, Any] = {"type": "import", "definition": text, "text": rest[0]}
            requests.append(imported)
            form = json.loads(api.call(json.dumps(imported)))["form"]
            if form is not None:
                requests.append({"type": "evaluate", "definition": text, "fields": json.dumps(form["fields"])})
    return requests


@pytest.fixture(scope="module")
def welsh() -> dict[str, dict[str, Any]]:
    """The real assessments' Welsh definitions: every result made from them is in Welsh."""
    return build_all(load_data(lang="cy"))


@pytest.mark.pyodide
def test_pyodide_matches_cpython_byte_for_byte(tmp_path: Path, real_data: Data, shipped: Path,
                                               definitions: dict[str, dict[str, Any]],
                                               welsh: dict[str, dict[str, Any]]) -> None:
    # The real assessments in English and in Welsh (the core's words from the catalogue in the zip), and the
    # small test data set (weights such as 1.5, scopes, optional sections).
    cases = _requests(_cases(build_all(real_data)) + _cases(welsh) + _cases(definitions))
    browser = _node(shipped, cases, tmp_path)
    # The shipped zip had every module these calls need: the full standard library was never fetched.
    assert browser["misses"] == []
    expected = [api.call(json.dumps(case)) for case in cases]  # the one entry point, as the worker calls it
    assert len(browser["outputs"]) == len(expected)
    for case, got, want in zip(cases, browser["outputs"], expected, strict=True):
        assert got == want, case["type"]
    assert sum(json.loads(out).get("ok") is False for out in expected) >= 10  # the invalid cases ran too
    # The Welsh cases gave Welsh words: a Markdown report, a CSV header and a Word document's language.
    welsh_ids = {json.dumps(d) for d in welsh.values()}
    said = [(case["type"], json.loads(out)) for case, out in zip(cases, browser["outputs"], strict=True)
            if case["definition"] in welsh_ids]
    assert any(kind == "evaluate" and out["result"]["assessment"]["lang"] == "cy" for kind, out in said)
    assert any(kind == "evaluate" and (out["csv"] or "").startswith("cofnod,maes,adran,") for kind, out in said)
    assert any(kind == "docx" and out["ok"] for kind, out in said)
    # Issue 30's review priorities ran in the browser: the guess listed apart, (f) a flag beside the ranks.
    areas = [out["result"]["matrix"]["areas"] for kind, out in (
        (case["type"], json.loads(got)) for case, got in zip(cases, browser["outputs"], strict=True))
        if kind == "evaluate" and out["result"] and out["result"]["matrix"]
        and [a["name"] for a in out["result"]["matrix"]["areas"]] == ["Need not shown", "Full", "Guess",
                                                                      "Two answered"]]
    assert areas and all([(a["rank"], a["flag"]["raised"]) for a in shown] == [
        (1, True), (2, False), (None, True), (None, True)] for shown in areas)
    timings = browser["timings"]
    print(f"\nPyodide {browser['python']}: {len(cases)} requests; load {timings['load_ms']:.0f} ms, "
          f"import {timings['import_ms']:.0f} ms, calls {timings['calls_ms']:.0f} ms")


def test_zip_is_deterministic_content_hashed_and_browser_only() -> None:
    first = build_zip()
    second = build_zip()
    assert first.name == second.name and first.content == second.content
    assert first.name.startswith("obc_assess-") and len(first.name) == len("obc_assess-") + 12 + len(".zip")
    assert first.name == f"obc_assess-{hashlib.sha256(first.content).hexdigest()[:12]}.zip"
    with zipfile.ZipFile(io.BytesIO(first.content)) as archive:
        names = archive.namelist()
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    assert names == sorted(names)
    assert {"obc_assess/__init__.py", "obc_assess/core/api.py", "obc_assess/core/scoring.py"} <= set(names)
    # Host-only modules (the command line, YAML loading) and the data stay out of the browser.
    for host in ("cli.py", "__main__.py", "loader.py", "schema.py", "references.py", "yamlfile.py"):
        assert f"obc_assess/{host}" not in names
    assert all(name.endswith(".py") or name.startswith("obc_assess/core/messages/") for name in names)
    assert not [name for name in names if "/data/" in name]
    # The core's words in both languages go with it (the catalogue reads them through the package's loader).
    assert {"obc_assess/core/messages/en/core.json", "obc_assess/core/messages/cy/core.json"} <= set(names)


@pytest.mark.pyodide
def test_a_module_left_out_is_fetched_from_the_full_stdlib_once(tmp_path: Path, shipped: Path) -> None:
    with zipfile.ZipFile(shipped) as archive:
        names = set(archive.namelist())
    # Outside the trimmed set: a whole package, a submodule of a package that is inside, and a plain module.
    assert "json/__init__.pyc" in names
    assert not {"email/__init__.pyc", "json/tool.pyc", "tomllib/__init__.pyc"} & names
    first = """
import email.mime.text, json.tool, tomllib
try:
    import no_such_module_here
except ModuleNotFoundError as error:
    missing = str(error)
f"{tomllib.loads('a = 1')['a']}|{email.mime.text.MIMEText('x').get_content_type()}|{json.tool.__name__}|{missing}"
"""
    result = _node(shipped, [], tmp_path, first)
    assert result["first"] == "1|text/plain|json.tool|No module named 'no_such_module_here'"
    assert "email" in result["misses"] and "no_such_module_here" not in result["misses"]


@pytest.mark.pyodide
def test_shipped_zip_is_compiled_sorted_and_holds_the_package(shipped: Path) -> None:
    with zipfile.ZipFile(shipped) as archive:
        infos = archive.infolist()
        heads = {archive.read(info)[:8] for info in infos if not info.filename.endswith(".json")}
    names = [info.filename for info in infos]
    assert names == sorted(names) and all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in infos)
    catalogues = [name for name in names if name.endswith(".json")]
    assert set(catalogues) >= {"obc_assess/core/messages/en/core.json", "obc_assess/core/messages/cy/core.json"}
    assert all(name.startswith("obc_assess/core/messages/") for name in catalogues)
    assert all(name.endswith(".pyc") for name in names if name not in catalogues)
    # One magic number (Pyodide's Python's), and every pyc hash-based and unchecked (flags 0b01).
    assert len({head[:4] for head in heads}) == 1 and {head[4:8] for head in heads} == {b"\x01\0\0\0"}
    assert {"obc_assess/core/api.pyc", "obc_stdlib_fallback.pyc", "encodings/__init__.pyc", "_pyodide/__init__.pyc",
            "json/decoder.pyc"} <= set(names)
    for host in ("cli", "__main__", "loader", "schema", "references"):
        assert f"obc_assess/{host}.pyc" not in names
    # Trimmed: a small part of the full standard library (counted without the package's own modules, which grow
    # with the toolkit and are no part of the standard library).
    standard = [name for name in names if not name.startswith("obc_assess/")]
    assert len(standard) < len(module_names(PYODIDE / "python_stdlib.zip")) / 3


@pytest.mark.pyodide
def test_shipped_zip_is_reproducible_without_the_cache(real_data: Data, shipped: Path, tmp_path: Path) -> None:
    again = build_stdlib(PYODIDE, build_all(real_data))  # no cache: Node runs again
    assert again.name == shipped.name and again.content == shipped.read_bytes()


def test_stdlib_build_without_node_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                definitions: dict[str, dict[str, Any]]) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(StdlibBuildError, match=r"^Node is needed to build the browser's Python"):
        build_stdlib(PYODIDE, definitions)
