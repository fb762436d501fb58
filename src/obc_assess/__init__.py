"""Self-assessments for outcome-based commissioning, defined in YAML and scored with the standard library only."""

from __future__ import annotations

from obc_assess.definition import build, build_all, field_id
from obc_assess.problem import Problem
from obc_assess.render import to_csv, to_json, to_markdown
from obc_assess.responses import FORMAT, FORMAT_VERSION, ResponsesError, template, validate
from obc_assess.scoring import score

# The loader (host only: it reads YAML) is imported from obc_assess.loader, so the browser never needs it.
__all__ = ["FORMAT", "FORMAT_VERSION", "Problem", "ResponsesError", "build", "build_all", "field_id", "score",
           "template", "to_csv", "to_json", "to_markdown", "validate"]
