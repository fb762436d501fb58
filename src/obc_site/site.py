"""Navigation, glossary tooltips and browser assets for the site: plain functions the MkDocs hooks call."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from obc_assess.core.catalogue import text
from obc_assess.host.building import build_all
from obc_assess.host.loader import Data, page_url
from obc_site.pages import AssetUrls, environment, team_path
from obc_site.pyzip import hashed
from obc_site.stdlib import build_stdlib

# The Pyodide files a worker needs to start (no source maps, consoles or type stubs). The full python_stdlib.zip
# is fetched only when a module the site's own trimmed one left out is imported (obc_stdlib_fallback).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def navigation(data: Data) -> list[Any]:
    """The site navigation, in the data's order: guidance by source document, then the assessments."""
    lang = data.lang
    guidance: list[Any] = ["guidance/index.md", {text(lang, "site.nav_models"): "guidance/models.md"}]
    for source in data.sources:
        pages = [{p["title"]: f"{page_url(p['id']).rstrip('/')}.md"}
                 for doc in data.guidance if doc["source"] == source["id"] for p in doc["pages"]]
        if pages:
            guidance.append({source["short"]: pages})
    guidance.append({text(lang, "site.nav_glossary"): "guidance/glossary.md"})
    guidance.append({text(lang, "site.nav_terms"): "terms.md"})
    assessments: list[Any] = ["assessments/index.md"]
    assessments += [{a["title"]: f"assessments/{a['id']}.md"} for a in data.assessments.values()]
    team = [{a["title"]: team_path(a["id"])} for a in data.assessments.values()]
    assessments.append({text(lang, "site.nav_team"): team})
    about = [{text(lang, key): f"{page}.md"} for key, page in (
        ("site.nav_how_to_use", "how-to-use"), ("site.nav_sources", "sources"),
        ("site.nav_responses_format", "responses-format"), ("site.nav_privacy", "privacy"),
        ("site.nav_accessibility", "accessibility"))]
    return [{text(lang, "site.nav_home"): "index.md"}, {text(lang, "site.nav_guidance"): guidance},
            {text(lang, "site.nav_assessments"): assessments}, {text(lang, "site.nav_about"): about}]


def abbreviations(data: Data) -> str:
    """Markdown abbreviation lines for every glossary term (and its abbreviation and lower-case form)."""
    terms = []
    for t in data.glossary["terms"]:
        if t.get("tooltip") is False:
            continue
        forms = [t["term"]]
        # Running text writes most terms in lower case ("care package"); acronyms stay as they are.
        if t["term"].lower() != t["term"] and not t["term"].isupper():
            forms.append(t["term"].lower())
        forms += [t["abbr"]] if "abbr" in t else []
        # A Welsh page's tooltip gives the toolkit's Welsh explanation (the quoted definition is on the glossary page).
        definition = " ".join(str(t["gloss_cy"] if data.lang == "cy" else t["definition"]).split())
        if "note" in t:  # the toolkit's note after the definition: what has changed since (facts.yaml)
            definition = f"{definition} {' '.join(str(t['note']).split())}"
        terms.append({"forms": forms, "definition": definition})
    return environment(autoescape=False).get_template("abbreviations.md.j2").render(terms=terms)


@dataclass(frozen=True)
class BrowserAssets:
    """What the built site serves to the in-browser assessments, and where."""

    urls: AssetUrls
    files: dict[str, bytes | Path]  # site-relative path -> content, or a file to copy
    definitions: dict[str, dict[str, Any]]  # what the definition files hold, for the pages too


def browser_assets(data: Data, node_modules: Path, cache: Path | None = None,
                   share: tuple[str, Path] | None = None) -> BrowserAssets:
    """The Pyodide runtime (versioned path), the site's stdlib zip (obc_assess inside) and each assessment's
    definition JSON. With ``share`` (link, folder of another language's site built already), the runtime and
    package that site holds are used from there: a reader who switches language does not download them again."""
    pyodide = node_modules / "pyodide"
    version = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    runtime = f"assets/pyodide/{version}/"
    files: dict[str, bytes | Path] = {}
    if share and all((share[1] / runtime / name).is_file() for name in RUNTIME_FILES):
        runtime = share[0] + runtime
    else:
        files.update({f"{runtime}{name}": pyodide / name for name in RUNTIME_FILES})
    definitions = build_all(data)
    package = build_stdlib(pyodide, definitions, cache)
    package_path = f"assets/obc/{package.name}"
    if share and (share[1] / package_path).is_file():
        package_path = share[0] + package_path  # its name is its content's hash: the same file
    else:
        files[package_path] = package.content
    paths = {}
    for aid, definition in definitions.items():
        content = json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        path = f"assets/obc/{hashed(aid, content, '.json')}"
        files[path] = content
        paths[aid] = path
    return BrowserAssets(AssetUrls(runtime, package_path, paths), files, definitions)
