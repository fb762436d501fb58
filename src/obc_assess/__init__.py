"""Self-assessments for outcome-based commissioning, defined in YAML and scored with the standard library only."""
