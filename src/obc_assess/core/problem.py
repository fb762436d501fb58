"""The package's one problem type and its one error base, as pypa/packaging's InvalidMetadata and collector."""

from __future__ import annotations

from dataclasses import dataclass

# Paths that name a whole input rather than a place inside it, the one place they are spelt: the browser's JSON
# keeps them (problems.mjs shows no path for them); once a problem names its file, the file says where.
FILE = "(file)"  # an answers file as a whole
FILES = "(files)"  # the list of files for a team merge
FORM = "(form)"  # the page's form values as a whole
DEFINITION = "(definition)"  # the assessment definition JSON
WHOLE = frozenset({FILE, FILES, FORM, DEFINITION})
# The path of a data file's top value, in a build problem ("sources.yaml: (top): must be a mapping").
TOP = "(top)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where (a dotted path), what to do, which file, and its form field."""

    path: str
    message: str
    file: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        """The one text form: ``file: path: message``, leaving out what is not known."""
        path = None if self.file and self.path in WHOLE else self.path
        return ": ".join(part for part in (self.file, path, self.message) if part)

    def to_dict(self) -> dict[str, str | None]:
        """The one JSON form: ``file`` only when the problem names one, so a single file's problems stay
        ``{"path", "message", "field"}``."""
        body = {"path": self.path, "message": self.message, "field": self.field}
        return body if self.file is None else {"file": self.file, **body}

    def in_file(self, file: str) -> Problem:
        """The same problem, naming the file it was found in."""
        return Problem(self.path, self.message, file, self.field)


class ProblemsError(ValueError):
    """Base of the package's errors: an input cannot be used; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
