"""The site in Firefox ESR and WebKitGTK (Safari's engine), beside the Chromium tests: a guidance page with no
console errors, an assessment answered by label and scored, every export saved at one click with the bytes
obc_assess gives (nothing moving when the answer loses focus), print, reload and Back keep the answers and saving
goes on, the keep-a-copy notice on WebKit alone, the Welsh assessment and the team page merging two files. The
scenarios are written once (cross/scenarios.mjs) and run in each browser from Node, through puppeteer-core
(Firefox, WebDriver BiDi) and Selenium (WebKitWebDriver under xvfb-run); one run per browser serves every test
of that browser here, and each test checks its own scenario's outcome."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from glob import glob
from pathlib import Path
from typing import Any

import pytest
from conftest import RECORD_ERRORS_COOKIE, ROOT
from test_browser_team import pct, rated

from obc_assess.core import api
from obc_assess.core.catalogue import text
from obc_assess.core.definition import scale_of

pytestmark = pytest.mark.browser

HERE = Path(__file__).parent / "cross"
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
MINIBROWSER = os.environ.get("MINIBROWSER") or next(iter(sorted(glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))), "")
# Each browser's whole run (seven scenarios, Pyodide compiled in each page that scores) ends well within this.
RUN_TIMEOUT_S = 900

BROWSERS = {"firefox": [], "webkit": ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24"]}
MISSING = {"firefox": None if Path(FIREFOX).exists() else f"no Firefox at {FIREFOX} (make firefox)",
           "webkit": None if MINIBROWSER and shutil.which("WebKitWebDriver") and shutil.which("xvfb-run")
           else "no WebKitWebDriver, MiniBrowser or xvfb-run (make webkit)"}
SCENARIOS = ["guidance", "assessment", "exports", "print", "reload-and-back", "keep-a-copy", "welsh", "team"]
# reload-and-back: Firefox puts the form's values back on reload and Back; start-up must take them as restored values.
PRINCIPLES = "commissioning-principles"


def _definition(site: Path, lang: str, assessment_id: str) -> tuple[dict[str, Any], str]:
    folder = site / ("cy/assets/obc" if lang == "cy" else "assets/obc")
    path = next(folder.glob(f"{assessment_id}-*.json"))
    raw = path.read_text(encoding="utf-8")
    return json.loads(raw), raw


def _items(definition: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in definition["sections"] for item in section["items"]]


def _answer(definition: dict[str, Any], item: dict[str, Any], n: int) -> dict[str, Any]:
    """An item and the label of its scale's level n (from the top when negative), as the page shows them."""
    chosen = scale_of(definition, item)["levels"][n]
    return {"id": item["id"], "title": item["title"], "label": chosen["label"], "value": str(chosen["value"])}


def _overall(definition_json: str, answers: list[dict[str, Any]]) -> str:
    """The overall score obc_assess gives for these answers (asked as the page asks, through api.call), as the
    page writes it."""
    fields = {f"item:{a['id']}": a["value"] for a in answers}
    result = json.loads(api.call(json.dumps({"type": "evaluate", "definition": definition_json,
                                             "fields": json.dumps(fields)})))["result"]
    assert result["overall"]["percent"] is not None, "these answers earn no score: answer more in the plan"
    return pct(result["overall"]["percent"])


@pytest.fixture(scope="session")
def cross_plan(built_site: Path, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the scenarios need: addresses, the items and labels they answer, the page's words, the team's files."""
    principles, principles_json = _definition(built_site, "en", PRINCIPLES)
    welsh, welsh_json = _definition(built_site, "cy", PRINCIPLES)
    answered = [_answer(principles, item, -1 - n % 2) for n, item in enumerate(_items(principles)[:4])]
    answered_welsh = [_answer(welsh, item, -1 - n % 2) for n, item in enumerate(_items(welsh)[:2])]
    folder = tmp_path_factory.mktemp("cross-team")
    files = []
    for name, role, levels in (("Ann", "commissioner", [0, 1, 3]), ("Bob", "provider", [3, 2, 1])):
        files.append(folder / f"{name.lower()}.json")
        files[-1].write_text(json.dumps(rated(principles, name, role, levels)), encoding="utf-8")
    team = json.dumps([{"name": path.name, "text": path.read_text(encoding="utf-8")} for path in files])
    return {
        "site": site_url, "firefox": FIREFOX, "minibrowser": MINIBROWSER, "cookie": RECORD_ERRORS_COOKIE,
        "guidance": "guidance/framework-standards/",
        "words": {"ready": text("en", "browser.assessment.ready"), "readyWelsh": text("cy", "browser.assessment.ready"),
                  "teamReady": text("en", "browser.team.ready")},
        # What Python shows for the same answers: the page must come to show it.
        "principles": {"id": PRINCIPLES, "note": "Board minutes, March: “co-production” & more", "items": answered,
                       "overall": _overall(principles_json, answered)},
        "welsh": {"id": PRINCIPLES, "items": answered_welsh, "overall": _overall(welsh_json, answered_welsh)},
        "team": {"id": PRINCIPLES, "files": [str(path) for path in files],
                 "overall": pct(json.loads(api.aggregate_json(principles_json, team))["result"]["overall"]["mean"])},
        "exportButtons": {"answers": "[data-obc-actions] [data-obc-export]", "results": "[data-obc-export-csv]",
                          "plan": "[data-obc-export-plan]", "report": "[data-obc-export-docx]"},
    }


@pytest.fixture(scope="session")
def cross_run(request: pytest.FixtureRequest, cross_plan: dict[str, Any],
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], dict[str, dict[str, Any]]]]:
    """Each browser's outcomes by scenario, from one run of the scenarios this session's tests ask for; the
    browsers run side by side (most of a run is waiting for a page)."""
    asked = {(item.callspec.params.get("browser"), item.callspec.params.get("scenario"))
             for item in request.session.items if hasattr(item, "callspec")}
    runs: dict[str, tuple[subprocess.Popen[bytes], Path, list[str]]] = {}
    for browser in BROWSERS:
        wanted = [s for s in SCENARIOS if (browser, s) in asked]
        if not wanted or MISSING[browser]:
            continue
        folder = tmp_path_factory.mktemp(f"cross-{browser}")
        (folder / "downloads").mkdir()
        plan = folder / "plan.json"
        # Safari's engine deletes a site's storage after seven days away: WebKit's page says so (keep-a-copy).
        mine = {"browser": browser, "downloads": str(folder / "downloads"), "keepACopy": browser == "webkit"}
        plan.write_text(json.dumps({**cross_plan, **mine}), encoding="utf-8")
        with (folder / "outcomes.jsonl").open("wb") as out, (folder / "stderr.log").open("wb") as err:
            command = [*BROWSERS[browser], "node", str(HERE / "run.mjs"), str(plan), browser, *wanted]
            runs[browser] = (subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err), folder, wanted)
    done: dict[str, dict[str, dict[str, Any]]] = {}

    def outcomes(browser: str) -> dict[str, dict[str, Any]]:
        if browser not in done:
            process, folder, wanted = runs[browser]
            process.wait(timeout=RUN_TIMEOUT_S)
            lines = (folder / "outcomes.jsonl").read_text(encoding="utf-8").splitlines()
            done[browser] = {line["scenario"]: line for line in map(json.loads, lines)}
            missing = [s for s in wanted if s not in done[browser]]
            stderr = (folder / "stderr.log").read_text(encoding="utf-8", errors="replace")
            assert not missing, f"{browser} stopped before {missing}:\n{stderr[-3000:]}"
        return done[browser]

    yield outcomes
    for process, _, _ in runs.values():
        if process.poll() is None:
            process.kill()


def _check_exports(data: dict[str, Any], plan: dict[str, Any], site: Path) -> None:
    # Each file as obc_assess gives it for the answers the page exported: the browser adds nothing of its own.
    _, definition_json = _definition(site, "en", PRINCIPLES)
    saved = {name: Path(path) for name, path in data["files"].items()}
    answers = saved["answers"].read_text(encoding="utf-8")
    levels = {item_id: str(answer["level"]) for item_id, answer in json.loads(answers)["answers"].items()
              if answer["level"] is not None}
    assert levels == {item["id"]: item["value"] for item in plan["principles"]["items"]}
    assert re.fullmatch(rf"{PRINCIPLES}-\d{{4}}-\d{{2}}-\d{{2}}-answers\.json", saved["answers"].name)
    scored = subprocess.run([sys.executable, "-m", "obc_assess", "score", str(saved["answers"]), "--csv"],
                            cwd=ROOT, capture_output=True, check=True)
    assert saved["results"].read_bytes() == scored.stdout
    plan_csv = json.loads(api.plan_csv_json(definition_json, answers))["csv"]
    assert saved["plan"].read_bytes() == ("\ufeff" + plan_csv).encode("utf-8")
    report = json.loads(api.render_docx_json(definition_json, answers))["docx"]
    assert saved["report"].read_bytes() == base64.b64decode(report)


def _check_print(data: dict[str, Any], plan: dict[str, Any], site: Path) -> None:
    assert re.fullmatch(text("en", "browser.print.printed-on", date=r"\d{1,2} \w+ \d{4}").replace(".", r"\."),
                        data["printed"])


CHECKS = {"exports": _check_exports, "print": _check_print}


def _cases() -> list[Any]:
    cases = []
    for browser in BROWSERS:
        for scenario in SCENARIOS:
            marks = [pytest.mark.skip(reason=MISSING[browser])] if MISSING[browser] else []
            cases.append(pytest.param(browser, scenario, marks=marks, id=f"{browser}-{scenario}"))
    return cases


@pytest.mark.parametrize(("browser", "scenario"), _cases())
def test_cross_browser(browser: str, scenario: str, cross_run: Callable[[str], dict[str, dict[str, Any]]],
                       cross_plan: dict[str, Any], built_site: Path) -> None:
    outcome = cross_run(browser)[scenario]
    if outcome["error"]:
        pytest.fail(f"{browser}, {scenario}: {outcome['error']}", pytrace=False)
    if scenario in CHECKS:
        CHECKS[scenario](outcome["data"], cross_plan, built_site)
