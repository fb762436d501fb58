"""The Word (.docx) bytes of a report's document model: real headings, header rows, bars, the report's language."""

from __future__ import annotations

from obc_assess.core.document import Bullets, Chart, Heading, Link, Paragraph, Report, Strong, Table, Text
from obc_assess.core.wordml import Cell, Document


def _cell(words: Text) -> Cell:
    """Runs as (text, bold) pairs; a web-only link left out, another kept as its words."""
    return tuple((run.text, True) if isinstance(run, Strong) else (run.text, False) if isinstance(run, Link)
                 else (run, False) for run in words if not (isinstance(run, Link) and run.web_only))


def to_docx(report: Report) -> bytes:
    """The report as .docx bytes, the same wherever it is made."""
    doc = Document(report.title, report.lang)
    doc.paragraph(report.title, "Title")
    for block in report.blocks:
        if isinstance(block, Heading):
            doc.heading(block.level, block.text)
        elif isinstance(block, Paragraph):
            doc.paragraph(_cell(block.text))
        elif isinstance(block, Bullets):
            doc.bullets([_cell(item) for item in block.items])
        elif isinstance(block, Table):
            doc.table(block.caption, block.head, [[_cell(cell) for cell in row] for row in block.rows],
                      block.widths or None)
        elif isinstance(block, Chart):
            doc.bars(block.caption, block.head, block.bars)
    return doc.to_bytes()
