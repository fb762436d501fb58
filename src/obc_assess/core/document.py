"""One report as a document model: headings, paragraphs, lists, tables and charts of worded, formatted text.

Each report (a result, a team view, a comparison) is composed once, as a ``Report``; the Markdown and Word
renderers (``document_markdown``, ``document_word``) lay it out and hold no wording or order of their own
(issue 32). A section is added by appending its blocks where the composer builds the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from obc_assess.core.catalogue import text


@dataclass(frozen=True)
class Strong:
    """Text shown in bold: a headline figure, a topic."""

    text: str


@dataclass(frozen=True)
class Link:
    """A link to the toolkit's guidance; ``web_only`` when it only points onward (a document without the site
    leaves it out) and follows the text before it."""

    text: str
    url: str
    web_only: bool = False


Run = str | Strong | Link
Text = tuple[Run, ...]
Words = Run | Sequence[Run]  # what a composer passes: one run, or runs in order


def runs(words: Words) -> Text:
    """The runs of a piece of text, as a tuple."""
    return (words,) if isinstance(words, str | Strong | Link) else tuple(words)


def plain(words: Text) -> str:
    """The text as it reads with no formatting (a web-only link left out)."""
    return "".join(r if isinstance(r, str) else r.text for r in words if not (isinstance(r, Link) and r.web_only))


def emphasised(lang: str, key: str, strong: dict[str, str], **fields: object) -> Text:
    """A catalogue sentence with the ``strong`` fields in bold, wherever the language places them."""
    marks = {name: f"\x00{n}\x00" for n, name in enumerate(strong)}
    sentence = text(lang, key, **fields, **marks)
    out: list[Run] = []
    for n, part in enumerate(sentence.split("\x00")):
        out.append(Strong(strong[list(strong)[int(part)]]) if n % 2 else part)
    return tuple(r for r in out if r != "")


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 under the report's title, 2 under that."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; a warning is set apart (a quote in Markdown)."""

    text: Text
    warning: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list."""

    items: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; the caption names it to a screen reader; widths are relative column shares."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Text, ...], ...]
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Chart:
    """Bars of percents beside their labels (each label carries its figure), for a table's figures drawn."""

    caption: str
    head: tuple[str, str]
    bars: tuple[tuple[str, float | None], ...]


Block = Heading | Paragraph | Bullets | Table | Chart


@dataclass
class Report:
    """A report: its title, its language and its blocks in order, added top to bottom."""

    title: str
    lang: str
    blocks: list[Block] = field(default_factory=list)

    def heading(self, level: int, words: str) -> None:
        self.blocks.append(Heading(level, words))

    def paragraph(self, words: Words, warning: bool = False) -> None:
        self.blocks.append(Paragraph(runs(words), warning))

    def bullets(self, items: Iterable[Words]) -> None:
        listed = tuple(runs(item) for item in items)
        if listed:
            self.blocks.append(Bullets(listed))

    def table(self, caption: str, head: Sequence[str], rows: Iterable[Sequence[Words]],
              widths: Sequence[int] = ()) -> None:
        self.blocks.append(Table(caption, tuple(head), tuple(tuple(runs(c) for c in row) for row in rows),
                                 tuple(widths)))

    def chart(self, caption: str, head: tuple[str, str], bars: Iterable[tuple[str, float | None]]) -> None:
        self.blocks.append(Chart(caption, head, tuple(bars)))

    def outline(self) -> list[tuple[int, str]]:
        """The headings in order, with their levels: the report's section sequence."""
        return [(b.level, b.text) for b in self.blocks if isinstance(b, Heading)]
