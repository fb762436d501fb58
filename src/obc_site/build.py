"""Build the site in every language into one folder: English at its root, Welsh in cy/ (``python -m obc_site.build``).

English first: its build empties the folder, and the Welsh build then uses the English site's Pyodide runtime.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from obc_assess.core.languages import DEFAULT, LANGUAGES

CONFIGS = {lang: "mkdocs.yml" if lang == DEFAULT else f"mkdocs.{lang}.yml" for lang in LANGUAGES}


def language_dir(site: Path, lang: str) -> Path:
    """Where one language's site goes in the built folder."""
    return site if lang == DEFAULT else site / lang


def build(root: Path, site: Path, languages: Sequence[str] = LANGUAGES, env: dict[str, str] | None = None,
          strict: bool = True) -> None:
    """Build ``languages`` (the default language first) from the project at ``root`` into ``site``; raise
    RuntimeError with MkDocs' own output when a build fails."""
    for lang in sorted(languages, key=lambda lang: lang != DEFAULT):
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", CONFIGS[lang],
                   "-d", str(language_dir(site.resolve(), lang)), *(["--strict"] if strict else [])]
        run = subprocess.run(command, cwd=root, capture_output=True, text=True,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
        if run.returncode:
            raise RuntimeError(f"mkdocs build -f {CONFIGS[lang]} failed:\n{run.stdout}\n{run.stderr}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m obc_site.build", description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"), help="the folder to build into")
    parser.add_argument("--lang", choices=LANGUAGES, action="append", help="only this language (repeatable)")
    parser.add_argument("--serve", type=int, metavar="PORT",
                        help="then serve the folder on 127.0.0.1:PORT, as GitHub Pages does, until interrupted")
    args = parser.parse_args(argv)
    # Served, the site is built for its address: Material then keeps a reader on the same page when they
    # switch language by any link, not only the header's, and its instant navigation is on.
    env = {"SITE_URL": f"http://127.0.0.1:{args.serve}/"} if args.serve else {}
    try:
        build(Path.cwd(), args.site_dir, args.lang or LANGUAGES, env)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    if args.serve:
        _serve(args.site_dir, args.serve)
    return 0


def _serve(site: Path, port: int) -> None:
    from obc_site.serve import serve_gzip

    with serve_gzip(site, port) as address:
        print(f"Serving {site} at {address} (Welsh: {address}cy/); Ctrl+C stops", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
