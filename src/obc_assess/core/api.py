"""The JSON-string boundary for the browser worker: text in, JSON text out, never an exception for bad input.

The worker's one entry point is ``call``: a request ``{"type", "definition_hash" | "definition", ...}`` as JSON
text (REQUESTS names each type's function). The worker sends each definition's text once (``define``: read,
checked and kept by its hash, defined.py) and names it by that hash after; a request may still carry the text.

Every function returns ``{"ok": bool, "problems": [{"path", "message", "field"}], ...}`` as JSON text, with
its payload (``result``, ``csv``, ``json``, ``docx``, ``responses``, ``form``) null when ``ok`` is false. A Word
document crosses as base64 text (``docx``): the boundary stays JSON. The team
functions add ``files``: each file's own problems; the comparison's problems also name their ``file``.

A file the person chose (to import, carry forward, merge or compare) comes as its text or, as the page sends it,
as its bytes (``{"bytes": base64}``), which Python reads as text by the one rule (jsontext.decode), so the browser
and the command line accept and refuse the same files; ``{"unreadable": reason}`` is a file the browser could not
read (UNREADABLE).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

from obc_assess.core.api_form import (
    carry_forward_json,
    evaluate_form,
    form_values_migrating,
    plan_csv_json,
    render_docx_json,
)
from obc_assess.core.api_io import Definition, answer
from obc_assess.core.api_team import (
    aggregate_csv_json,
    aggregate_docx_json,
    aggregate_export_json,
    aggregate_json,
    compare_csv_json,
    compare_docx_json,
    compare_json,
)
from obc_assess.core.defined import keep, named

# The calls, each answering one request type (REQUESTS), also called directly by the tests and the benchmarks.
__all__ = ["DEFINE", "REQUESTS", "Request", "aggregate_csv_json", "aggregate_docx_json", "aggregate_export_json",
           "aggregate_json", "call", "carry_forward_json", "compare_csv_json", "compare_docx_json", "compare_json",
           "define_json", "evaluate_form", "form_values_migrating", "plan_csv_json", "render_docx_json"]


def _flag(request: dict[str, Any]) -> bool:
    return request.get("anonymous") is True


class Request(NamedTuple):
    """A request type: the keys it needs (checked before it is answered) and the function answering it."""

    needs: tuple[str, ...]
    answer: Callable[[Definition, dict[str, Any]], str]


# Each request type the browser sends and the function that answers it: the request's own JSON keys are the
# arguments (text, or a flag). Saved and imported answers may be for an earlier version: "import" (a file) and
# "fields" (the page's own saved answers) are both read by form_values_migrating, which drops what has gone.
REQUESTS: dict[str, Request] = {
    # "csv": false when the page only shows the result (it asks again for the CSV when exporting it).
    "evaluate": Request(("fields",), lambda d, r: evaluate_form(d, r["fields"], r.get("csv") is not False)),
    "import": Request(("text",), lambda d, r: form_values_migrating(d, r["text"])),
    "fields": Request(("responses",), lambda d, r: form_values_migrating(d, r["responses"])),
    "plan-csv": Request(("responses",), lambda d, r: plan_csv_json(d, r["responses"])),
    "docx": Request(("responses",), lambda d, r: render_docx_json(d, r["responses"])),
    # Last year's answers file as this year's start: its open actions and evidence, carried by Python.
    "carry-forward": Request(("responses",), lambda d, r: carry_forward_json(d, r["responses"])),
    "aggregate": Request(("files",), lambda d, r: aggregate_json(d, r["files"], _flag(r))),
    "aggregate-csv": Request(("files",), lambda d, r: aggregate_csv_json(d, r["files"], _flag(r))),
    "aggregate-json": Request(("files",), lambda d, r: aggregate_export_json(d, r["files"], _flag(r))),
    "aggregate-docx": Request(("files",), lambda d, r: aggregate_docx_json(d, r["files"], _flag(r))),
    "compare": Request(("before", "after"), lambda d, r: compare_json(d, r["before"], r["after"])),
    "compare-csv": Request(("before", "after"), lambda d, r: compare_csv_json(d, r["before"], r["after"])),
    "compare-docx": Request(("before", "after"), lambda d, r: compare_docx_json(d, r["before"], r["after"],
                                                                                *(r.get("names") or []))),
}
# What a needed key holds: the form's values and the team's list are JSON text; a chosen file is its text or
# ``{"bytes": base64}`` (_file_text), which its function reads as a file.
_NEEDED: dict[str, type | tuple[type, ...]] = {"fields": str, "files": str}
DEFINE = "define"  # the worker's request that sends a definition's text once (define_json)


def define_json(definition_json: str) -> str:
    """Read a definition once and keep it (defined.py): ``{"ok", "problems", "definition_hash"}``. Later requests
    name it by that hash instead of sending its text; its problems, if any, are then every answer's."""
    defined = keep(definition_json)
    return answer(defined.problems, {"definition_hash": defined.sha256})


def call(request_json: str) -> str:
    """The one entry point for the browser: a request ``{"type", "definition_hash" | "definition", ...}``
    answered as the JSON text of its type's function. The definition is named by the hash a ``define``
    request answered with, or given as its JSON text (read afresh). A request the page could not have built
    (not JSON, an unknown type, a missing key, a definition never sent) is a bug, not bad input, and raises
    ValueError for the worker to report."""
    try:
        request = json.loads(request_json)
    except ValueError:
        request = None
    named_by = request.get("definition_hash") if isinstance(request, dict) else None
    given = request.get("definition") if isinstance(request, dict) else None
    if isinstance(request, dict) and request.get("type") == DEFINE and isinstance(given, str):
        return define_json(given)
    if not (isinstance(request, dict) and request.get("type") in REQUESTS
            and isinstance(named_by, str) != isinstance(given, str)):
        raise ValueError(f"not a request obc_assess.core.api answers: {request_json[:200]}")
    kind = request["type"]
    missing = [key for key in REQUESTS[kind].needs if not isinstance(request.get(key), _NEEDED.get(key, (str, dict)))]
    if missing:
        raise ValueError(f"a {kind!r} request needs {missing[0]!r}")
    definition = named(named_by) if isinstance(named_by, str) else given
    if definition is None:
        raise ValueError(f"no definition is kept under {named_by!r}: a {DEFINE!r} request sends it first")
    return REQUESTS[kind].answer(definition, request)
