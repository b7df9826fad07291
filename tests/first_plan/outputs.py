"""Reading what kpyj wrote, as a reader sees it: the tables and sections of an HTML report,
and the tables, headings and page layout of a Word file.

>>> page = HtmlReport('<h2>ก</h2><table><tr><th>รหัส</th><th>สถานะ</th></tr>'
...                   '<tr><td>KR-1</td><td>เป็นไปตามแผน</td></tr></table><h2>ข</h2><p>x</p>')
>>> page.tables
[[['รหัส', 'สถานะ'], ['KR-1', 'เป็นไปตามแผน']]]
>>> [(h, t) for h, t in page.sections]
[('ก', 'รหัส สถานะ KR-1 เป็นไปตามแผน'), ('ข', 'x')]
>>> page.row("KR-1", header_has="สถานะ")
['KR-1', 'เป็นไปตามแผน']
>>> HtmlReport('<h2>ข้อค้นพบ</h2><ol><li>หนึ่ง <b>ก</b></li><li>สอง</li></ol>').items
[('ข้อค้นพบ', 'หนึ่ง ก'), ('ข้อค้นพบ', 'สอง')]
>>> display_width("ความก้าวหน้า", 10)  # 10 spacing characters (2 tone marks take no room)
40.0
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = [
    "CHAR_EM",
    "HtmlReport",
    "breaks_page",
    "display_width",
    "docx_blocks",
    "docx_column_problems",
    "docx_rows_that_split",
    "heading_level",
    "starts_new_page",
    "thai_words",
]

_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.sections: list[tuple[str, list[str]]] = [("", [])]
        self._skip = 0
        self._stack: list[list[list[str]]] = []  # open tables
        self._cell: list[str] | None = None
        self._heading: tuple[int, list[str]] | None = None
        self.items: list[tuple[str, str]] = []  # (section heading, list item text)
        self.table_sections: list[str] = []
        self._open_sections: list[str] = []
        self._items: list[list[str]] = []  # open list items

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "table":
            self._stack.append([])
            self._open_sections.append(self.sections[-1][0])
        elif tag == "li":
            self._items.append([])
        elif tag == "tr" and self._stack:
            self._stack[-1].append([])
        elif tag in ("td", "th") and self._stack:
            self._cell = []
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading = (int(tag[1]), [])
        elif tag in ("br", "p", "li", "div"):
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script") and self._skip:
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None and self._stack:
            if not self._stack[-1]:
                self._stack[-1].append([])
            self._stack[-1][-1].append(_clean("".join(self._cell)))
            self._cell = None
        elif tag == "table" and self._stack:
            self.tables.append([r for r in self._stack.pop() if r])
            self.table_sections.append(self._open_sections.pop())
        elif tag == "li" and self._items:
            self.items.append((self.sections[-1][0], _clean("".join(self._items.pop()))))
        elif self._heading and tag == f"h{self._heading[0]}":
            level, parts = self._heading
            text = _clean("".join(parts))
            self.headings.append((level, text))
            if level <= 2:
                self.sections.append((text, []))
            self._heading = None
        self._data(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._data(data)

    def _data(self, data: str) -> None:
        for item in self._items:
            item.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading[1].append(data)
        elif self.sections:
            self.sections[-1][1].append(data)


@dataclass
class HtmlReport:
    """An HTML page read as text, tables (rows of cell texts), headings and h1/h2 sections."""

    html: str
    tables: list[list[list[str]]] = field(init=False)
    headings: list[tuple[int, str]] = field(init=False)
    sections: list[tuple[str, str]] = field(init=False)
    #: the h1/h2 heading each table sits under (same order as :attr:`tables`)
    table_sections: list[str] = field(init=False)
    #: every list item: (the h1/h2 heading it sits under, its text)
    items: list[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        p = _Parser()
        p.feed(self.html)
        p.close()
        self.tables = p.tables
        self.table_sections = p.table_sections
        self.items = p.items
        self.headings = p.headings
        self.sections = [(h, _clean("".join(t))) for h, t in p.sections if h or _clean("".join(t))]

    def section(self, word: str) -> str:
        """The text of the first h1/h2 section whose heading contains ``word`` ("" if none)."""
        return next((t for h, t in self.sections if word in h), "")

    def row(self, key: str, *, header_has: str = "") -> list[str] | None:
        """The first table row with a cell equal to ``key``, in a table whose first row has a
        cell containing ``header_has``."""
        for table in self.tables:
            if header_has and not any(header_has in c for c in table[0]):
                continue
            for r in table[1:]:
                if key in r:
                    return r
        return None

    def rows(self, key: str) -> list[list[str]]:
        """Every table row with a cell containing ``key``."""
        return [r for t in self.tables for r in t if any(key in c for c in r)]


# ---------------------------------------------------------------------------- Word
#: The estimated advance of one spacing character, in em, for TH Sarabun New (the face of
#: kpyj's Word files). Measured for comparison: Sarabun (the web face) averages 0.61 em over
#: its Thai letters and 0.55 em for digits; TH Sarabun New is drawn about a quarter smaller
#: at the same point size (16 pt TH Sarabun New sets like 12 pt Sarabun), i.e. about 0.46 em.
#: We take 0.40 em, below both, so that a word reported as not fitting really does not fit.
#: Thai combining marks (vowels above and below, tone marks: Unicode category Mn) take no
#: width.
CHAR_EM = 0.40
#: Word's default left and right cell margins (0.075 inch each, in points).
DEFAULT_CELL_MARGINS_PT = 2 * 5.4

_THAI = re.compile(r"[\u0e01-\u0e5b]")


def display_width(word: str, size_pt: float) -> float:
    """The estimated width of ``word`` in points at ``size_pt`` (see :data:`CHAR_EM`)."""
    n = sum(1 for ch in word if unicodedata.category(ch) not in ("Mn", "Me", "Cf"))
    return round(n * CHAR_EM * size_pt, 2)


def thai_words(text: str) -> list[str]:
    """The Thai words of ``text`` (pythainlp's ``newmm`` dictionary segmentation)."""
    from pythainlp.tokenize import word_tokenize

    return [w for w in word_tokenize(text, engine="newmm") if w.strip() and _THAI.search(w)]


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _twips(el, name: str) -> float | None:
    v = el.get(_W + name) if el is not None else None
    return int(v) / 20 if v not in (None, "") else None


def _style_size(style) -> float | None:
    while style is not None:
        if style.font is not None and style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return None


def _default_size(doc) -> float:
    sz = doc.styles.element.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
    return int(sz.get(_W + "val")) / 2 if sz is not None else 16.0


def _paragraph_size(doc, paragraph) -> float:
    sizes = [r.font.size.pt for r in paragraph.runs if r.font.size is not None]
    if sizes:
        return max(sizes)
    return _style_size(paragraph.style) or _default_size(doc)


def _cell_margins(tbl) -> float:
    mar = tbl.find(f"{_W}tblPr/{_W}tblCellMar")
    if mar is None:
        return DEFAULT_CELL_MARGINS_PT
    left = mar.find(_W + "left") if mar.find(_W + "left") is not None else mar.find(_W + "start")
    right = mar.find(_W + "right") if mar.find(_W + "right") is not None else mar.find(_W + "end")
    lw, rw = _twips(left, "w"), _twips(right, "w")
    return (lw if lw is not None else 5.4) + (rw if rw is not None else 5.4)


def docx_column_problems(doc) -> list[str]:
    """Every table cell of a python-docx ``Document`` whose column is narrower than the
    longest Thai word in it, as ``"table 2 row 3 column 1: «word» needs 61.2 pt, has 52.0"``.

    A cell's width is the sum of the grid columns it spans (``w:tblGrid``), less the cell
    margins; a word's width is :func:`display_width` at the paragraph's font size.
    """
    from docx.table import _Cell

    out = []
    for ti, table in enumerate(doc.tables, start=1):
        tbl = table._tbl
        grid = [(_twips(gc, "w") or 0.0) for gc in tbl.findall(f"{_W}tblGrid/{_W}gridCol")]
        margins = _cell_margins(tbl)
        for ri, tr in enumerate(tbl.findall(_W + "tr"), start=1):
            col = 0
            before = tr.find(f"{_W}trPr/{_W}gridBefore")
            if before is not None:
                col += int(before.get(_W + "val"))
            for tc in tr.findall(_W + "tc"):
                span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
                span = int(span_el.get(_W + "val")) if span_el is not None else 1
                width = sum(grid[col : col + span]) - margins
                cell = _Cell(tc, table)
                for paragraph in cell.paragraphs:
                    words = thai_words(paragraph.text)
                    if not words:
                        continue
                    size = _paragraph_size(doc, paragraph)
                    word = max(words, key=lambda w: display_width(w, size))
                    need = display_width(word, size)
                    if need > width:
                        out.append(
                            f"table {ti} row {ri} column {col + 1}: «{word}» needs {need:.1f} pt "
                            f"at {size:g} pt, has {width:.1f}"
                        )
                col += span
    return out


def docx_rows_that_split(doc) -> list[str]:
    """Every table row of a python-docx ``Document`` that may break across pages (no
    ``w:cantSplit``), as ``"table 1 row 4"``."""
    out = []
    for ti, table in enumerate(doc.tables, start=1):
        for ri, tr in enumerate(table._tbl.findall(_W + "tr"), start=1):
            cs = tr.find(f"{_W}trPr/{_W}cantSplit")
            if cs is None or cs.get(_W + "val") in ("0", "false", "off"):
                out.append(f"table {ti} row {ri}")
    return out


def docx_blocks(doc) -> list[tuple[str, object]]:
    """The body in order: ``("p", Paragraph)`` and ``("tbl", Table)``."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[tuple[str, object]] = []
    for el in doc.element.body.iterchildren():
        if el.tag == _W + "p":
            out.append(("p", Paragraph(el, doc)))
        elif el.tag == _W + "tbl":
            out.append(("tbl", Table(el, doc)))
    return out


def heading_level(paragraph) -> int | None:
    """The outline level of a heading paragraph (1 for «Heading 1»), else None."""
    name = paragraph.style.name if paragraph.style is not None else ""
    m = re.fullmatch(r"Heading (\d)", name)
    if m:
        return int(m.group(1))
    lvl = paragraph._p.find(f"{_W}pPr/{_W}outlineLvl")
    return int(lvl.get(_W + "val")) + 1 if lvl is not None else None


def starts_new_page(paragraph) -> bool:
    """True when the paragraph begins a page (page break before, in itself or its style)."""
    if paragraph.paragraph_format.page_break_before:
        return True
    style = paragraph.style
    while style is not None:
        if style.paragraph_format.page_break_before:
            return True
        style = style.base_style
    return False


def breaks_page(paragraph) -> bool:
    """True when the paragraph holds a page break or ends a section."""
    p = paragraph._p
    return bool(
        p.findall(f".//{_W}br[@{_W}type='page']") or p.find(f"{_W}pPr/{_W}sectPr") is not None
    )
