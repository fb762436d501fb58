"""The repairs to Material: each markup repair exactly where it applies, and the patches to its bundle."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import material
import pytest

from obc_site.material import MaterialChanged, lazy_search_index, no_sitemap_redirect, repair, shift_mappings

BODY = '<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="teal">'
SEARCH = ('<div class="md-search" data-md-component="search" role="dialog">'
          '<input type="text" class="md-search__input" name="query" aria-label="Chwilio" placeholder="Chwilio">')


@pytest.mark.parametrize(("html", "want"), [
    # Material's empty tabindex on section labels: invalid HTML, kept out of the tab order.
    ('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">',
     '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="-1">'),
    ('<label for="__toc" tabindex="0">', '<label for="__toc" tabindex="0">'),
    # A section's nav is named by its own title label, not by the icon-only label beside the index link.
    ('<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label" aria-expanded="false"> '
     '<label class="md-nav__title" for="__nav_2"> <span class="md-nav__icon md-icon"></span> Guidance </label>',
     '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_title" aria-expanded="false"> '
     '<label class="md-nav__title" for="__nav_2" id="__nav_2_title"> <span class="md-nav__icon md-icon"></span> '
     'Guidance </label>'),
    ('<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label"> <label class="md-nav__title" '
     'for="__nav_3">', '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_2_label"> <label '
     'class="md-nav__title" for="__nav_3">'),  # a title of another section: left alone
    # The search dialog is named by its field's label, in the page's language.
    (SEARCH, SEARCH.replace('role="dialog">', 'role="dialog" aria-label="Chwilio">')),
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog">'),
    # A page with colours starts in the palette's switching state: its set-up restyles the page once, not twice.
    (BODY, BODY.replace("<body ", "<body data-md-color-switching ")),
    ('<body data-md-color-switching dir="ltr" data-md-color-scheme="slate">',
     '<body data-md-color-switching dir="ltr" data-md-color-scheme="slate">'),
    ('<body dir="ltr">', '<body dir="ltr">'),  # no palette: nothing switches
    ('<p>&lt;body data-md-color-scheme=</p>', '<p>&lt;body data-md-color-scheme=</p>'),
])
def test_repair(html: str, want: str) -> None:
    assert repair(html) == want


def test_repairs_are_idempotent() -> None:
    page = BODY + SEARCH + '<label for="x" tabindex="">'
    assert repair(repair(page)) == repair(page)


MATERIAL_SCRIPTS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
BUNDLE = next(MATERIAL_SCRIPTS.glob("bundle.*.min.js"))
BUNDLE_JS = BUNDLE.read_text(encoding="utf-8")
MAP_JSON = BUNDLE.with_name(BUNDLE.name + ".map").read_text(encoding="utf-8")


def test_the_search_index_waits_until_search_is_opened_or_a_result_is_highlighted() -> None:
    bundle, _ = lazy_search_index(BUNDLE_JS, MAP_JSON)
    index = re.search(r'=document\.forms\.namedItem\("search"\)\?(.*?):[\w$]+,', bundle)
    assert index, "the search index observable"
    assert re.fullmatch(r'([\w$]+)\(([\w$]+)\(new URLSearchParams\(location\.search\)\.has\("h"\)\),([\w$]+)'
                        r'\("search"\)\)\.pipe\(([\w$]+)\(o=>o\),([\w$]+)\(\(\)=>([\w$]+)\(\)\),([\w$]+)\(1\)\)',
                        index.group(1))
    assert subprocess.run(["node", "--check", "-"], input=bundle, text=True, capture_output=True).returncode == 0


def test_the_patched_bundle_keeps_a_true_source_map(tmp_path: Path) -> None:
    # Read by Node's own source-map support, not this module's decoder: every statement after the patch still maps
    # to where it came from.
    bundle, source_map = no_sitemap_redirect(*lazy_search_index(BUNDLE_JS, MAP_JSON))
    (tmp_path / "before.map").write_text(MAP_JSON, encoding="utf-8")
    (tmp_path / "after.map").write_text(source_map, encoding="utf-8")
    probes = ["fo=new T", "Ki.subscribe()", "window.component$", "function ks(", "var co=$t(ao())"]
    script = """
const { SourceMap } = require("node:module"); const fs = require("fs");
const [before, after, original, bundle, probes] = process.argv.slice(1);
const where = (map, file) => { const text = fs.readFileSync(file, "utf8");
  const sourceMap = new SourceMap(JSON.parse(fs.readFileSync(map, "utf8")));
  return (probe) => { const i = text.indexOf(probe); if (i < 0) throw probe;
    const head = text.slice(0, i).split("\\n"); const e = sourceMap.findEntry(head.length - 1, head.at(-1).length);
    return `${e.originalSource}:${e.originalLine}:${e.originalColumn}`; }; };
const [was, is] = [where(before, original), where(after, bundle)];
for (const probe of JSON.parse(probes)) console.log(was(probe) === is(probe));
"""
    (tmp_path / "original.js").write_text(BUNDLE_JS, encoding="utf-8")
    (tmp_path / "bundle.js").write_text(bundle, encoding="utf-8")
    run = subprocess.run(["node", "-e", script, str(tmp_path / "before.map"), str(tmp_path / "after.map"),
                          str(tmp_path / "original.js"), str(tmp_path / "bundle.js"), json.dumps(probes)],
                         text=True, capture_output=True, check=True)
    assert run.stdout.split() == ["true"] * len(probes)


def test_the_search_patch_is_idempotent() -> None:
    once = lazy_search_index(BUNDLE_JS, MAP_JSON)
    assert lazy_search_index(*once) == once


@pytest.mark.parametrize(("bundle", "message"), [
    ("", "Material's bundle has changed; not found: the search worker's wait for file: pages; "
         "the file: index's shareReplay; the search index"),
    (BUNDLE_JS.replace('namedItem("search")?', 'namedItem("search") ?'),
     "Material's bundle has changed; not found: the search index"),
])
def test_a_changed_bundle_stops_the_build(bundle: str, message: str) -> None:
    with pytest.raises(MaterialChanged) as error:
        lazy_search_index(bundle, MAP_JSON)
    assert str(error.value) == message


def test_material_reads_no_hreflang_link_for_a_sitemap() -> None:
    # The hreflang links name this page in each language: Material would fetch a sitemap.xml beside each (a 404).
    bundle, source_map = no_sitemap_redirect(*lazy_search_index(BUNDLE_JS, MAP_JSON))
    assert 'link[rel=alternate]' in BUNDLE_JS and "link[rel=alternate]" not in bundle
    assert re.search(r"function [\w$]+\(\{document\$:e\}\)\{let t=new Map;e\.pipe\([\w$]+\(\(\)=>\[\]\),", bundle)
    assert subprocess.run(["node", "--check", "-"], input=bundle, text=True, capture_output=True).returncode == 0
    assert no_sitemap_redirect(bundle, source_map) == (bundle, source_map)
    with pytest.raises(MaterialChanged) as error:
        no_sitemap_redirect(BUNDLE_JS.replace('("link[rel=alternate]")', '("link[rel=\'alternate\']")'), MAP_JSON)
    assert str(error.value) == "Material's bundle has changed; not found: the hreflang links its redirect reads"


@pytest.mark.parametrize(("mappings", "line", "column", "by", "want"), [
    ("AAAA,EAAE;AACA,EAAE", 1, 1, 3, "AAAA,EAAE;AACA,KAAE"),  # the first segment at or after the column moves
    ("AAAA,EAAE;AACA,EAAE", 1, 0, 1, "AAAA,EAAE;CACA,EAAE"),
    ("AAAA,EAAE;AACA,EAAE", 0, 3, 5, "AAAA,EAAE;AACA,EAAE"),  # nothing after the column: nothing moves
    ("AAAA;gBAAgB", 1, 0, 16, "AAAA;gCAAgB"),  # 16 -> 32 needs a second VLQ digit
    ("AAAA;;EAAE", 1, 0, 2, "AAAA;;EAAE"),  # a line with no segments
    ("AAAA", 3, 0, 2, "AAAA"),  # a line past the mapped ones (the bundle's last lines)
])
def test_shift_mappings(mappings: str, line: int, column: int, by: int, want: str) -> None:
    assert shift_mappings(mappings, line, column, by) == want
