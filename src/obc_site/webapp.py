"""The web app manifest of one language's site and its icons, drawn at build time from one SVG (issue 33).

The icon is the site's logo (Material's icon named in mkdocs.yml) in white on the site's primary colour, read from
the stylesheets as the pages use them; resvg (resvg_py, pinned) renders it to PNG. Each language's manifest starts
and stays in that language's site (start_url and scope "./" from the manifest, which sits at the site's root).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import resvg_py

MANIFEST = "manifest.webmanifest"
ICON_DIR = "assets/images"
ICON_SIZES = (192, 512)
ICON_SVG = f"{ICON_DIR}/icon.svg"


class PaletteMissing(ValueError):
    """The stylesheets do not declare a colour the manifest needs."""


def css_colour(stylesheets: Sequence[str], selector: str, variable: str) -> str:
    """The value the last of ``stylesheets`` to declare ``variable`` in a rule for ``selector`` (an attribute
    selector such as ``data-md-color-primary=teal``, quoted or not) gives it: the one the cascade keeps."""
    name, _, value = selector.partition("=")
    rule = re.compile(r"([^{}]*)\{([^{}]*)\}")
    wanted = re.compile(rf"\[{re.escape(name)}=\"?{re.escape(value)}\"?\]")
    declared = re.compile(rf"{re.escape(variable)}\s*:\s*(#[0-9a-fA-F]{{3,8}})\b")
    found = None
    for css in stylesheets:
        for selectors, body in rule.findall(css):
            if wanted.search(selectors) and (match := declared.search(body)):
                found = match.group(1).lower()
    if found is None:
        raise PaletteMissing(f"no stylesheet gives {variable} for [{selector}]")
    return found


def icon_svg(glyph: str, colour: str) -> str:
    """The app icon: ``glyph`` (an SVG of Material's 24x24 icons) in white, in the middle 60% of a square of
    ``colour`` that fills the whole icon, so that it also serves as a maskable icon (its safe zone is the middle
    80% circle)."""
    inner = re.sub(r"^\s*<svg[^>]*>|</svg>\s*$", "", glyph)
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
            f'<rect width="24" height="24" fill="{colour}"/>'
            f'<g transform="translate(4.8 4.8) scale(.6)" fill="#ffffff">{inner}</g></svg>\n')


def icon_png(svg: str, size: int) -> bytes:
    """The icon rendered as a square PNG of ``size`` pixels."""
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size))


def icons(glyph: Path, colour: str) -> dict[str, bytes]:
    """The icon files (site-relative path -> bytes): the SVG and a PNG of each size."""
    svg = icon_svg(glyph.read_text(encoding="utf-8"), colour)
    files = {ICON_SVG: svg.encode("utf-8")}
    files.update({f"{ICON_DIR}/icon-{size}.png": icon_png(svg, size) for size in ICON_SIZES})
    return files


def manifest(name: str, short_name: str, description: str, lang: str, theme: str, background: str) -> str:
    """The web app manifest's text: the app opens at its site's home, in its own window, and stays in its site."""
    pngs = [{"src": f"{ICON_DIR}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png",
             "purpose": purpose} for size in ICON_SIZES for purpose in ("any", "maskable")]
    return json.dumps({
        "name": name, "short_name": short_name, "description": description, "lang": lang, "dir": "ltr",
        "start_url": "./", "scope": "./", "id": "./", "display": "standalone",
        "theme_color": theme, "background_color": background,
        "icons": [*pngs, {"src": ICON_SVG, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }, indent=2, ensure_ascii=False) + "\n"
