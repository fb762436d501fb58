"""A small WordprocessingML (.docx) writer: headings, paragraphs, tables with header rows, bar rows; stdlib only.

A .docx is a zip of XML parts (ECMA-376 Part 1). The bytes must be the same in CPython and Pyodide, and on every
platform, so the zip is written here (struct and zlib.crc32): fixed dates, a fixed order, fixed attributes, no
compression (deflate output depends on the zlib a Python was built with). Not zipfile, nor xml.sax.saxutils: in
Pyodide they would pull some forty modules (threading, lzma, urllib, http, email...) into the site's Python.
"""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Sequence

# The document language Word checks spelling in and reads aloud in (w:lang, dc:language), by toolkit language.
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy-GB"}
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOS_DATE = (1 << 5) | 1  # 1 January 1980, the earliest date a zip can hold (time 00:00): no clock is read
# XML 1.0 refuses these characters; Word then refuses the whole file. Typed text may hold them (JSON allows them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BAR_COLUMNS = 50  # a bar row is drawn on a grid of 2% steps
_BAR_FILL = "1D70B8"  # GOV.UK blue: 5.2:1 against white, so the bar reads as a shape (WCAG 1.4.11)
PAGE_WIDTH = 9026  # twentieths of a point: A4 less two 2.54 cm margins


def _text(text: str) -> str:
    return _NOT_XML.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    """A quoted attribute value; tabs and line ends as references, which attribute normalisation keeps."""
    value = _text(text).replace('"', "&quot;")
    return '"' + value.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;") + '"'


def zip_stored(parts: dict[str, bytes]) -> bytes:
    """A zip of the parts in the order given, uncompressed, dated 1 January 1980, as if made on Unix."""
    local, central = bytearray(), bytearray()
    for name, data in parts.items():
        path = name.encode("ascii")  # part names are ASCII: no UTF-8 flag, the same bytes everywhere
        crc = zlib.crc32(data)
        fields = (0, 0, 0, _DOS_DATE, crc, len(data), len(data), len(path))  # flags, stored, time, date...
        central += struct.pack("<IHH4H3I5H2I", 0x02014B50, (3 << 8) | 20, 20, *fields, 0, 0, 0, 0,
                               0o100644 << 16, len(local)) + path
        local += struct.pack("<IH4H3I2H", 0x04034B50, 20, *fields, 0) + path + data
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(local), 0)
    return bytes(local + central + end)


def _runs(text: str, bold: bool = False) -> str:
    """Runs of text, a line break for each newline (a note keeps its lines)."""
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<w:r>" + props + "<w:br/>".join(f'<w:t xml:space="preserve">{_text(line)}</w:t>' for line in lines) \
        + "</w:r>"


Cell = str | tuple[tuple[str, bool], ...]  # plain text, or runs of (text, bold)


class Document:
    """A document built top to bottom; ``to_bytes`` gives the .docx."""

    def __init__(self, title: str, lang: str = "en") -> None:
        self.title = title
        self.language = LANGUAGE_TAGS[lang]
        self.body: list[str] = []

    def paragraph(self, text: Cell, style: str = "") -> None:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        self.body.append(f"<w:p>{props}{self._cell_runs(text)}</w:p>")

    def heading(self, level: int, text: str) -> None:
        """A real Word heading (Heading 1 to 3), so navigation panes and screen readers find it."""
        self.paragraph(text, f"Heading{level}")

    def bullets(self, lines: Sequence[Cell]) -> None:
        for line in lines:
            self.paragraph(line, "ListBullet")

    @staticmethod
    def _cell_runs(text: Cell) -> str:
        if isinstance(text, tuple):
            return "".join(_runs(words, bold) for words, bold in text if words)
        return _runs(text)

    def table(self, caption: str, head: Sequence[str], rows: Sequence[Sequence[Cell]],
              widths: Sequence[int] | None = None) -> None:
        """A table whose first row repeats on every page and is marked as the header row (w:tblHeader)."""
        shares = list(widths or [1] * len(head))
        grid = [PAGE_WIDTH * share // sum(shares) for share in shares]
        out = [self._table_start(caption, grid)]
        every: list[tuple[bool, Sequence[Cell]]] = [(True, head), *((False, row) for row in rows)]
        for is_head, row in every:
            out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if is_head else
                       "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            for width, cell in zip(grid, row, strict=True):
                runs = _runs(str(cell), bold=True) if is_head else self._cell_runs(cell)
                out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{runs}</w:p></w:tc>')
            out.append("</w:tr>")
        self.body.append("".join(out) + "</w:tbl>")

    @staticmethod
    def _table_start(caption: str, grid: Sequence[int], description: str = "") -> str:
        alt = f"<w:tblCaption w:val={_attribute(caption)}/>"
        alt += f"<w:tblDescription w:val={_attribute(description)}/>" if description else ""
        return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
                '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" '
                f'w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>{alt}</w:tblPr><w:tblGrid>'
                + "".join(f'<w:gridCol w:w="{w}"/>' for w in grid) + "</w:tblGrid>")

    def bars(self, caption: str, head: tuple[str, str], bars: Sequence[tuple[str, float | None]]) -> None:
        """A drawn bar chart as a table: a label cell, then a shaded bar across percent/2 of 50 narrow columns.

        A table, not a drawing, so it opens the same in every word processor and is read out as text; each label
        carries its figure, and the labels together are the table's alternative text."""
        label = PAGE_WIDTH * 2 // 5
        step = (PAGE_WIDTH - label) // _BAR_COLUMNS
        description = "; ".join(text for text, _ in bars)
        out = [self._table_start(caption, [label] + [step] * _BAR_COLUMNS, description),
               f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{label}" w:type="dxa"/>'
               f'</w:tcPr><w:p>{_runs(head[0], bold=True)}</w:p></w:tc><w:tc><w:tcPr>'
               f'<w:tcW w:w="{step * _BAR_COLUMNS}" w:type="dxa"/><w:gridSpan w:val="{_BAR_COLUMNS}"/></w:tcPr>'
               f"<w:p>{_runs(head[1], bold=True)}</w:p></w:tc></w:tr>"]
        for text, value in bars:
            filled = 0 if value is None else max(0, min(_BAR_COLUMNS, round(value * _BAR_COLUMNS / 100)))
            out.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{label}" w:type="dxa"/>'
                       f"</w:tcPr><w:p>{_runs(text)}</w:p></w:tc>")
            for span, fill in ((filled, True), (_BAR_COLUMNS - filled, False)):
                if span:
                    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{_BAR_FILL}"/>' if fill else ""
                    out.append(f'<w:tc><w:tcPr><w:tcW w:w="{span * step}" w:type="dxa"/><w:gridSpan w:val="{span}"/>'
                               f"{shade}</w:tcPr><w:p/></w:tc>")
            out.append("</w:tr>")
        self.body.append("".join(out) + "</w:tbl>")
        self.paragraph("")  # Word needs a paragraph between two tables, or it joins them

    def to_bytes(self) -> bytes:
        """The .docx: the same bytes for the same content, wherever it is made."""
        parts = {
            "[Content_Types].xml": _CONTENT_TYPES,
            "_rels/.rels": _ROOT_RELS,
            "docProps/core.xml": _CORE.format(title=_text(self.title), language=self.language),
            "docProps/app.xml": _APP,
            "word/_rels/document.xml.rels": _DOCUMENT_RELS,
            "word/document.xml": _DOCUMENT.format(w=_W, r=_REL, body="".join(self.body), width=PAGE_WIDTH),
            "word/styles.xml": _STYLES.format(w=_W, language=self.language),
            "word/settings.xml": _SETTINGS.format(w=_W, language=self.language),
            "word/numbering.xml": _NUMBERING.format(w=_W),
        }
        head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        return zip_stored({name: (head + xml).encode("utf-8") for name, xml in parts.items()})


_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>')
_ROOT_RELS = (
    f'<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/></Relationships>')
_DOCUMENT_RELS = (
    f'<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/numbering" Target="numbering.xml"/></Relationships>')
# One bullet list definition: "List Bullet" paragraphs are a real list, read out as one.
_NUMBERING = (
    '<w:numbering xmlns:w="{w}"><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/>'
    '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{title}</dc:title>'
    "<dc:language>{language}</dc:language></cp:coreProperties>")
_APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>obc-assess</Application></Properties>")
_DOCUMENT = (
    '<w:document xmlns:w="{w}" xmlns:r="{r}"><w:body>{body}<w:sectPr>'
    '<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
    'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>')
_SETTINGS = (
    '<w:settings xmlns:w="{w}"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat><w:themeFontLang w:val="{language}"/></w:settings>')


def _heading(level: int, size: int) -> str:
    # "heading N" is the built-in name: Word shows it as Heading N and lists it in the navigation pane.
    return (f'<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/>'
            '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
            f'<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{360 - 60 * level}" w:after="120"/>'
            f'<w:outlineLvl w:val="{level - 1}"/></w:pPr><w:rPr><w:b/><w:sz w:val="{size}"/>'
            f'<w:szCs w:val="{size}"/></w:rPr></w:style>')


_STYLES = (
    '<w:styles xmlns:w="{w}"><w:docDefaults><w:rPrDefault><w:rPr>'
    '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="22"/>'
    '<w:szCs w:val="22"/><w:lang w:val="{language}" w:eastAsia="{language}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
    '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
    '</w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/>'
    '<w:sz w:val="48"/><w:szCs w:val="48"/></w:rPr></w:style>'
    + _heading(1, 36) + _heading(2, 30) + _heading(3, 24) +
    '<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:ind w:left="360" w:hanging="360"/>'
    '</w:pPr></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:tblPr><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV")) +
    '</w:tblBorders></w:tblPr></w:style></w:styles>')
