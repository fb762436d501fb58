"""Self-assessments for outcome-based commissioning, defined in YAML and scored with the standard library only."""

from __future__ import annotations

from obc_assess.core.definition import field_id
from obc_assess.core.problem import Problem
from obc_assess.core.render import to_csv, to_json, to_markdown
from obc_assess.core.responses import FORMAT, FORMAT_VERSION, ResponsesError, template, validate
from obc_assess.core.scoring import score

# Host-only code (reading the YAML, building definitions from it, the CLI) is imported from its own modules, so
# the browser, which imports this package, never needs it.
__all__ = ["FORMAT", "FORMAT_VERSION", "Problem", "ResponsesError", "field_id", "score",
           "template", "to_csv", "to_json", "to_markdown", "validate"]
