"""The Markdown of a report's document model, every word in it escaped: what a person typed stays inert."""

from __future__ import annotations

import re

from obc_assess.core.document import Block, Bullets, Heading, Link, Paragraph, Report, Strong, Table, Text
from obc_assess.core.typed_text import tidy

# Characters that would start Markdown structure (emphasis, links, code, tables, headings) or raw HTML.
_MARKDOWN = re.compile(r"([\\`*_\[\]|#~!])")
_SPACE = re.compile(r"\s+")


def _inert(value: str) -> str:
    flat = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", flat)


def escape(value: object) -> str:
    """User text on one line, inert: no HTML, no Markdown structure."""
    return _inert(tidy(value))


def _line(words: Text) -> str:
    """Runs on one line: white space inside each made one space, the ends trimmed, bold and links marked up."""
    out = []
    for run in words:
        if isinstance(run, Strong):
            out.append(f"**{escape(run.text)}**")
        elif isinstance(run, Link):
            out.append(f"{' ' if run.web_only else ''}[{escape(run.text)}]({run.url})")
        else:
            out.append(_inert(_SPACE.sub(" ", run)))
    return "".join(out).strip()


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return [f"{'#' * (block.level + 1)} {escape(block.text)}"]
    if isinstance(block, Paragraph):
        return [("> " if block.warning else "") + _line(block.text)]
    if isinstance(block, Bullets):
        return [f"- {_line(item)}" for item in block.items]
    if isinstance(block, Table):
        return [_row([escape(cell) for cell in block.head]), _row(["---"] * len(block.head)),
                *(_row([_line(cell) for cell in row]) for row in block.rows)]
    return []  # a chart: its figures are in the table it draws, and Markdown has no bars


def to_markdown(report: Report) -> str:
    """The report in Markdown: the title, then each block, a blank line between."""
    lines = [f"# {escape(report.title)}"]
    for block in report.blocks:
        shown = _block(block)
        if shown:
            lines += ["", *shown]
    return "\n".join(lines) + "\n"
