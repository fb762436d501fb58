"""The tests' way into obc_assess.core.api: a request through ``api.call``, the one entry point the worker uses."""

from __future__ import annotations

import json
from typing import Any

from obc_assess.core import api


def ask(kind: str, definition: dict[str, Any] | str, **keys: Any) -> dict[str, Any]:
    """The answer to one request of ``kind`` (api.REQUESTS), the definition given as a value or as its JSON text."""
    text = definition if isinstance(definition, str) else json.dumps(definition)
    answer: dict[str, Any] = json.loads(api.call(json.dumps({"type": kind, "definition": text, **keys})))
    return answer


def form_of(definition: dict[str, Any] | str, doc: object) -> Any:
    """The form values the page shows for an answers document (an "import" request), or None when it is refused."""
    return ask("import", definition, text=doc if isinstance(doc, str) else json.dumps(doc))["form"]
