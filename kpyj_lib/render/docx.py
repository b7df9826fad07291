"""Word (DOCX) output of a text document, with python-docx.

Any document made of :class:`~kpyj_lib.documents.base.Section` s of
:class:`~kpyj_lib.documents.base.Block` s — a title (``title_th``), an optional subtitle
(``subtitle_th``), a sample flag (``sample``) and its sections, e.g. a lessons-learned
write-up (:class:`kpyj_lib.documents.lessons.LessonsDoc`) — is written block by block from
the same document the HTML templates show, never by parsing HTML, so the Word file and the
web page say the same.

Thai in Word is a *complex script*: Word takes the font of Thai text from ``w:rFonts/@w:cs``,
its size from ``w:szCs`` and its bold / italic from ``w:bCs`` / ``w:iCs``, not from the
Latin attributes. Every style therefore gets the Thai font (default **TH Sarabun New**, the
Thai government's standard font; pass ``font="Sarabun"`` for the Google font) in
``w:ascii``, ``w:hAnsi``, ``w:eastAsia`` *and* ``w:cs`` (theme font attributes removed, as
they would win), ``w:sz`` and ``w:szCs``, and ``<w:lang w:val="en-US" w:eastAsia="th-TH"
w:bidi="th-TH"/>``; bold and italic runs set both the Latin and the complex-script flag.
Sizes follow Thai government documents: 16 pt body text, bold headings of 16-20 pt,
14 pt tables (12 pt for wide ones) on A4 with margins of 3 cm left, 2 cm right, 2.5 cm top
and 2 cm bottom. A sample workspace is marked in the page header and under the title.

Examples
--------
>>> import io
>>> import docx
>>> from kpyj_lib.examples import tiny_workspace
>>> from kpyj_lib.documents.lessons import build_writeup
>>> lesson_doc = build_writeup(tiny_workspace(), "83", "2022-03-31")
>>> d = build_docx(lesson_doc)
>>> buf = io.BytesIO(); d.save(buf)
>>> again = docx.Document(io.BytesIO(buf.getvalue()))
>>> again.paragraphs[0].text == lesson_doc.title_th
True
>>> 'w:cs="TH Sarabun New"' in again.styles.element.xml
True
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..documents.base import Block, Document
from ..documents.official import SAMPLE_BANNER
from ..exceptions import ReportError
from ..files import atomic_write

__all__ = ["BODY_PT", "KEYWORDS", "SUMMARY_STYLE", "THAI_FONT", "build_docx", "write_docx"]

#: The default Thai font (TH Sarabun New: the Thai government's standard font).
THAI_FONT = "TH Sarabun New"
#: Body text size in points, as Thai government documents use.
BODY_PT = 16

# the order of w:rPr children required by the schema (Word refuses other orders)
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath",
)  # fmt: skip
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_SAMPLE_TEXT = SAMPLE_BANNER
_SAMPLE_COLOR = "D55E00"
_WARN_COLOR = "A4161A"
#: The keywords of the Word file's properties, per document kind (others: ``กพยจ.``).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "lessons": ("กพยจ.", "ถอดบทเรียน", "Lesson Learned"),
    "synthesis": ("กพยจ.", "ถอดบทเรียน", "Lesson Learned"),
    "driving_plan": ("กพยจ.", "แผนการดำเนินงานขับเคลื่อน"),  # issue 14
    "strategic_plan": ("กพยจ.", "แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด"),  # issue 14
}


# --------------------------------------------------------------------------- XML helpers
def _child(rpr: Any, name: str) -> Any:
    """The ``w:<name>`` child of ``rpr``, created in schema order when missing."""
    tag = qn(f"w:{name}")
    found = rpr.find(tag)
    if found is not None:
        return found
    el = OxmlElement(f"w:{name}")
    after = _RPR_ORDER[_RPR_ORDER.index(name) + 1 :]
    for other in rpr:
        local = other.tag.split("}")[-1]
        if local in after:
            other.addprevious(el)
            return el
    rpr.append(el)
    return el


def _rpr(element: Any) -> Any:
    """The ``w:rPr`` of a style or of ``w:rPrDefault``, created (in schema order) if missing."""
    if hasattr(element, "get_or_add_rPr"):  # w:style
        return element.get_or_add_rPr()
    rpr = element.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        element.append(rpr)
    return rpr


def _set_font(
    rpr: Any,
    font: str,
    size_pt: float | None = None,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    color: str | None = None,
) -> None:
    """Thai-safe run properties: font in all four slots, Latin and complex-script sizes."""
    fonts = _child(rpr, "rFonts")
    for attr in _THEME_ATTRS:
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)
    if bold is not None:
        for name in ("b", "bCs"):
            _child(rpr, name).set(qn("w:val"), "1" if bold else "0")
    if italic is not None:
        for name in ("i", "iCs"):
            _child(rpr, name).set(qn("w:val"), "1" if italic else "0")
    if color is not None:
        el = _child(rpr, "color")
        el.set(qn("w:val"), color)
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            if el.get(qn(attr)) is not None:
                del el.attrib[qn(attr)]
    if size_pt is not None:
        half_points = str(round(size_pt * 2))
        _child(rpr, "sz").set(qn("w:val"), half_points)
        _child(rpr, "szCs").set(qn("w:val"), half_points)
    lang = _child(rpr, "lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


def _run_flags(run: Any, *, bold: bool = False, italic: bool = False, color: str | None = None):
    rpr = run._r.get_or_add_rPr()
    if bold:
        for name in ("b", "bCs"):
            _child(rpr, name)
    if italic:
        for name in ("i", "iCs"):
            _child(rpr, name)
    if color:
        _child(rpr, "color").set(qn("w:val"), color)


def _styles(d: Any, font: str, body_pt: float) -> None:
    """Give every style the Thai font and set the sizes of the ones the documents use."""
    defaults = d.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        _set_font(_rpr(rpr_default), font, body_pt)
    for style in d.styles:
        _set_font(_rpr(style.element), font)
    # name: (size, bold, italic, colour); None leaves the template's value
    sizes = {
        "Normal": (body_pt, None, None, None),
        "Title": (body_pt + 4, True, False, "000000"),
        "Subtitle": (body_pt, False, False, "404040"),
        "Heading 1": (body_pt + 2, True, False, "000000"),
        "Heading 2": (body_pt, True, False, "000000"),
        "Heading 3": (body_pt, True, False, "000000"),
        "List Bullet": (body_pt, None, None, None),
        "Header": (body_pt - 2, None, None, None),
        "Footer": (body_pt - 2, None, None, None),
    }
    for name, (size, bold, italic, color) in sizes.items():
        _set_font(_rpr(d.styles[name].element), font, size, bold=bold, italic=italic, color=color)
    normal = d.styles["Normal"].paragraph_format
    normal.space_after = Pt(2)
    normal.line_spacing = 1.0
    # issue 17: headings closer to their text (the template's 24 pt before a heading 1 and
    # 10 pt before the others added pages of white space to a long write-up)
    for name, before, after in (
        ("Heading 1", 12, 4), ("Heading 2", 8, 2), ("Heading 3", 6, 2), ("Title", 0, 4),
    ):  # fmt: skip
        fmt = d.styles[name].paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    for name, size, italic, color in (
        ("KPYJ Table", body_pt - 2, None, None),
        ("KPYJ Table Small", body_pt - 4, None, None),
        ("KPYJ Note", body_pt - 2, True, "555555"),
        ("KPYJ Spacer", 6, None, None),  # the small gap after a table
    ):
        style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = d.styles["Normal"]
        style.paragraph_format.space_after = Pt(0)
        _set_font(_rpr(style.element), font, size, italic=italic, color=color)


def _page(d: Any) -> None:
    s = d.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)
    s.left_margin, s.right_margin = Cm(3.0), Cm(2.0)
    s.top_margin, s.bottom_margin = Cm(2.5), Cm(2.0)
    s.header_distance = s.footer_distance = Cm(1.2)


def _page_number(paragraph: Any) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _thai_page_numbers(d: Any, doc: Document, sample_text: str) -> None:
    """Thai government page numbers: ``- ๒ -`` at the top centre from the second page on
    (Thai digits: ``w:pgNumType w:fmt="thaiNumbers"``, which Word honours; LibreOffice 7.4
    shows Arabic digits), none on the first page; the sample notice (if any) in the header
    of every page, the first included. Title and subtitle lose the template's expanded
    letter spacing, which breaks Thai words apart."""
    for name in ("Title", "Subtitle"):  # expanded letter spacing splits Thai words apart
        rpr = d.styles[name].element.rPr
        if rpr is not None:
            for el in rpr.findall(qn("w:spacing")):
                rpr.remove(el)
    s = d.sections[0]
    s.different_first_page_header_footer = True
    sect_pr = s._sectPr
    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        # schema order: ... pgSz, pgMar, ..., pgNumType, cols, ..., titlePg, ...
        after = sect_pr.find(qn("w:cols"))
        if after is not None:
            after.addprevious(pg)
        else:
            sect_pr.append(pg)
    pg.set(qn("w:fmt"), "thaiNumbers")
    head = s.header.paragraphs[0]
    head.style = d.styles["Header"]
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    head.add_run("- ")
    _page_number(head)
    head.add_run(" -")
    first = s.first_page_header.paragraphs[0]
    first.style = d.styles["Header"]
    if doc.sample:
        for p in (s.header.add_paragraph(), first):
            p.style = d.styles["Header"]
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run_flags(p.add_run(sample_text), bold=True, color=_SAMPLE_COLOR)


def _header_footer(d: Any, doc: Document) -> None:
    s = d.sections[0]
    head = s.header.paragraphs[0]
    head.style = d.styles["Header"]
    head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if doc.sample:
        _run_flags(head.add_run(_SAMPLE_TEXT), bold=True, color=_SAMPLE_COLOR)
    else:
        head.add_run(doc.title_th)
    foot = s.footer.paragraphs[0]
    foot.style = d.styles["Footer"]
    foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(foot)


# --------------------------------------------------------------------------- blocks
def _table(d: Any, block: Block) -> None:
    cols = (
        max(len(block.columns), *(len(r) for r in block.rows)) if block.rows else len(block.columns)
    )
    if cols == 0:
        return
    style = d.styles["KPYJ Table Small" if cols >= 7 else "KPYJ Table"]
    before = d.paragraphs[-1] if d.paragraphs else None
    table = d.add_table(rows=1 if block.columns else 0, cols=cols)
    table.style = d.styles["Table Grid"]
    style_id = style.style_id  # set by id: python-docx's setter looks up the default style
    if block.columns:  # a table without column headings (a list of facts) has no header row
        header = table.rows[0]  # every time (slow)
        tr_pr = header._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header row on every page
        for cell, text in zip(header.cells, block.columns, strict=False):
            p = cell.paragraphs[0]
            p._p.style = style_id
            _run_flags(p.add_run(text), bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            p = cell.paragraphs[0]
            p._p.style = style_id
            p.add_run(text)
    _keep_table_together(table, before)
    d.add_paragraph(style="KPYJ Spacer")  # space after the table


def _keep_table_together(table: Any, before: Any, *, first_rows: int = 3) -> None:
    """Keep a table from starting with one row at a page foot (issue 17): no row splits
    across pages (``w:cantSplit``), the paragraph before the table (its heading or
    introduction) stays with it, and its first ``first_rows`` rows (the header included)
    stay together (keep-with-next on their paragraphs)."""
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))  # schema: cantSplit before tblHeader
        if i < first_rows - 1 and i < len(table.rows) - 1:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True
    if before is not None:
        before.paragraph_format.keep_with_next = True


def _chart(d: Any, block: Block, sample: bool) -> None:
    """A chart block: the chart drawn from its data table, as a picture with its caption."""
    import io

    from . import charts

    if block.lead not in charts.CHARTS:
        raise ReportError(f"ไม่รู้จักแผนภูมิ {block.lead!r} (unknown chart)")
    fig = getattr(charts, block.lead)(block.columns, block.rows, sample=sample)
    width = d.sections[0].page_width - d.sections[0].left_margin - d.sections[0].right_margin
    d.add_picture(io.BytesIO(charts.to_png_bytes(fig, dpi=200)), width=width)
    d.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if block.text:
        d.add_paragraph(block.text, style="KPYJ Note").alignment = WD_ALIGN_PARAGRAPH.CENTER


def _fit_columns(d: Any, table: Any, block: Block) -> None:
    """Column widths sized to their content (:func:`~kpyj_lib.render.textwidth.
    column_widths_pt`): never narrower than the longest Thai word of the column, numeric
    columns narrow, across the text width. The widths are set on the grid and on every
    cell and autofit is off (fixed layout), so Word and LibreOffice both honour them; a
    table whose words do not fit in the body size is set in the small table size."""
    from .textwidth import TH_SARABUN_SCALE, column_widths_pt

    sec = d.sections[0]
    width = sec.page_width - sec.left_margin - sec.right_margin
    total_pt = width / 12700
    font = d.styles["Normal"].element.rPr.rFonts.get(qn("w:cs")) or THAI_FONT
    scale = TH_SARABUN_SCALE if "TH Sarabun" in font else 1.0
    rows = [[str(c) for c in r] for r in block.rows]
    if not table.rows:
        return
    style_name = table.rows[0].cells[0].paragraphs[0].style.name
    size = _style_pt(d, style_name)
    widths = column_widths_pt(block.columns, rows, total_pt, size, scale=scale)
    if sum(widths) > total_pt + 1 and style_name != "KPYJ Table Small":
        # the words do not fit at the table size: the small size
        size = _style_pt(d, "KPYJ Table Small")
        small = d.styles["KPYJ Table Small"]
        for row in table.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.style = small
        widths = column_widths_pt(block.columns, rows, total_pt, size, scale=scale)
    if sum(widths) > total_pt + 1:
        # still too wide: narrow cell margins, and up to 1 cm of the right margin
        _cell_margins(table, NARROW_CELL_MARGIN_PT)
        room = total_pt + WIDE_TABLE_EXTRA_PT
        widths = column_widths_pt(
            block.columns, rows, room, size, scale=scale, padding_pt=2 * NARROW_CELL_MARGIN_PT + 2
        )
        if sum(widths) > room:  # a last resort: every column in proportion
            widths = [w * room / sum(widths) for w in widths]
        if sum(widths) > total_pt + WIDE_TABLE_RIGHT_PT:  # reach into the left margin too
            _indent(table, -(sum(widths) - total_pt - WIDE_TABLE_RIGHT_PT))
        elif sum(widths) < total_pt:
            widths = column_widths_pt(
                block.columns, rows, total_pt, size, scale=scale,
                padding_pt=2 * NARROW_CELL_MARGIN_PT + 2,
            )  # fmt: skip
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")  # in schema order, after the style
        tbl_pr.insert_element_before(
            tbl_w, "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
            "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
            "w:tblPrChange",
        )  # fmt: skip
    emus = [int(w * 12700) for w in widths]
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(emus) // 635))
    for i, cw in enumerate(emus):
        if i >= len(table.columns):
            break
        table.columns[i].width = cw
        for cell in table.columns[i].cells:
            cell.width = cw


#: The left and right cell margin of a table too wide for the normal margins (points).
NARROW_CELL_MARGIN_PT = 2.5
#: How far a table too wide for the text width may reach into the margins (2.5 cm: up to
#: 1.5 cm into the right margin of 2 cm, then up to 1 cm into the left margin of 3 cm).
WIDE_TABLE_EXTRA_PT = 70.87
WIDE_TABLE_RIGHT_PT = 42.52


def _indent(table: Any, pt: float) -> None:
    """The table's indent from the left margin (``w:tblInd``; negative: into the margin)."""
    tbl_pr = table._tbl.tblPr
    ind = tbl_pr.find(qn("w:tblInd"))
    if ind is None:
        ind = OxmlElement("w:tblInd")
        tbl_pr.insert_element_before(
            ind, "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
            "w:tblCaption", "w:tblDescription", "w:tblPrChange",
        )  # fmt: skip
    ind.set(qn("w:w"), str(round(pt * 20)))
    ind.set(qn("w:type"), "dxa")


def _cell_margins(table: Any, pt: float) -> None:
    """Left and right margins of every cell of ``table`` (``w:tblCellMar``)."""
    tbl_pr = table._tbl.tblPr
    mar = tbl_pr.find(qn("w:tblCellMar"))
    if mar is None:
        mar = OxmlElement("w:tblCellMar")  # in schema order, before w:tblLook
        tbl_pr.insert_element_before(
            mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
        )
    for side in ("left", "right"):
        el = mar.find(qn(f"w:{side}"))
        if el is None:
            el = OxmlElement(f"w:{side}")
            mar.append(el)
        el.set(qn("w:w"), str(round(pt * 20)))
        el.set(qn("w:type"), "dxa")


def _style_pt(d: Any, name: str) -> float:
    """The complex-script size of a paragraph style, in points."""
    rpr = d.styles[name].element.rPr
    sz = rpr.find(qn("w:szCs")) if rpr is not None else None
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else BODY_PT


def _block(d: Any, block: Block, *, sample: bool = False, fit: bool = False) -> None:
    if block.kind == "h":
        d.add_heading(block.text, level=2 if block.level <= 3 else 3)
    elif block.kind == "p":
        p = d.add_paragraph()
        if block.lead:
            _run_flags(p.add_run(block.lead), bold=True)
        if block.text:
            p.add_run(block.text)
    elif block.kind == "ul":
        for item in block.items:
            d.add_paragraph(item, style="List Bullet")
    elif block.kind == "table":
        _table(d, block)
        if fit and d.tables:
            _fit_columns(d, d.tables[-1], block)
    elif block.kind == "empty":
        _run_flags(d.add_paragraph().add_run(block.text), italic=True)
    elif block.kind == "note":
        d.add_paragraph(block.text, style="KPYJ Note")
    elif block.kind == "chart":
        _chart(d, block, sample)
    elif block.kind == "warn":  # issue 17: stale data, in bold red under the title
        p = d.add_paragraph()
        if block.lead:
            _run_flags(p.add_run(block.lead + " "), bold=True, color=_WARN_COLOR)
        _run_flags(p.add_run(block.text), bold=True, color=_WARN_COLOR)
    else:
        raise ValueError(f"unknown block kind {block.kind!r}")


def build_docx(
    doc: Document,
    *,
    font: str = THAI_FONT,
    body_pt: float = BODY_PT,
    keywords: Sequence[str] | None = None,
    glosses: bool | None = None,
    thai_pages: bool = False,
    sample_text: str | None = None,
    fit_columns: bool = True,
) -> Any:
    """The document as a :class:`docx.document.Document` (not saved).

    Parameters
    ----------
    doc : Document
        A document whose ``sections`` are :class:`~kpyj_lib.documents.base.Section` s
        (with blocks), e.g. from :func:`kpyj_lib.documents.lessons.build_lessons`;
        ``subtitle_th`` is used when it has one.
    font : str
        The Thai font of every style (``"TH Sarabun New"`` or ``"Sarabun"``).
    body_pt : float
        Body text size; headings and tables are sized from it.
    keywords : sequence of str, optional
        The file's keywords (default :data:`KEYWORDS` of ``doc.kind``); ``ตัวอย่าง`` is
        added for a sample document.
    glosses : bool, optional
        Section headings with their English title in brackets; default: when the
        document's ``lang`` is ``"th-en"`` (Thai only otherwise).
    thai_pages : bool
        Thai government page numbers (``- ๒ -`` at the top centre, Thai digits, none on
        the first page) instead of a page number in the footer.
    sample_text : str, optional
        The sample notice under the title and in the page header (default: the bilingual
        one).
    fit_columns : bool
        Table columns sized to their content, never narrower than their longest Thai
        word (default; ``False``: equal columns).

    The document's ``notices`` blocks (when it has them: the stale-data warning of
    :mod:`kpyj_lib.documents.data_date`) follow the title and the sample notice.

    Raises
    ------
    ReportError
        A section without blocks (a document that is not a text document).
    """
    subtitle = str(getattr(doc, "subtitle_th", "") or "")
    missing = [s.key for s in doc.sections if not hasattr(s, "blocks")]
    if missing:
        raise ReportError(
            f"เอกสาร {doc.kind} ไม่ใช่เอกสารข้อความ เขียนเป็น Word ไม่ได้ "
            f"(sections without blocks, no DOCX): {', '.join(missing)}"
        )
    words = list(keywords if keywords is not None else KEYWORDS.get(doc.kind, ("กพยจ.",)))
    if doc.sample:
        words.append("ตัวอย่าง")
    notice = sample_text or _SAMPLE_TEXT
    d = docx.Document()
    _styles(d, font, body_pt)
    _page(d)
    if thai_pages:
        _thai_page_numbers(d, doc, notice)
    else:
        _header_footer(d, doc)
    props = d.core_properties
    props.title = doc.title_th
    props.subject = subtitle
    props.author = "kpyj"
    props.language = "th-TH"
    props.keywords = "; ".join(words)
    d.add_paragraph(doc.title_th, style="Title")
    if subtitle:
        d.add_paragraph(subtitle, style="Subtitle")
    if doc.sample:
        _run_flags(d.add_paragraph().add_run(notice), bold=True, color=_SAMPLE_COLOR)
    for block in getattr(doc, "notices", None) or ():  # issue 17: stale-data warning
        _block(d, block, sample=bool(doc.sample))
    summary = _summary_page(d, doc, fit=fit_columns)
    for i, section in enumerate(doc.sections):
        heading = section.title_th
        lang_glosses = str(getattr(doc, "lang", "th") or "th") == "th-en"
        if (lang_glosses if glosses is None else glosses) and section.title_en:
            heading += f" ({section.title_en})"
        h = d.add_heading(heading, level=1)
        # page breaks only before the main part (after the summary) and the appendix
        if (summary and i == 0) or (i > 0 and str(section.key).startswith("appendix")):
            h.paragraph_format.page_break_before = True
        for block in section.blocks:
            _block(d, block, sample=bool(doc.sample), fit=fit_columns)
    return d


#: The style of the executive summary's heading: as large as a section heading, but not
#: ``Heading 1`` (the summary is front matter, before the first section).
SUMMARY_STYLE = "KPYJ Summary Heading"
#: The style of the summary's part headings (not ``Heading 2``: body headings are numbered).
SUMMARY_SUB_STYLE = "KPYJ Summary Subheading"
#: The line spacing of the summary's text (a multiple of single spacing).
SUMMARY_LINE_SPACING = 0.9


def _summary_page(d: Any, doc: Document, *, fit: bool) -> bool:
    """The document's executive summary (``doc.summary``: a Section of blocks), on the first
    page after the title (issue 17); False when the document has none."""
    summary = getattr(doc, "summary", None)
    if summary is None or not getattr(summary, "blocks", None):
        return False
    if SUMMARY_STYLE not in [s.name for s in d.styles]:
        style = d.styles.add_style(SUMMARY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = d.styles["Heading 1"]
        style.next_paragraph_style = d.styles["Normal"]
        p_pr = style.element.get_or_add_pPr()
        outline = OxmlElement("w:outlineLvl")  # in the navigation pane like a section
        outline.set(qn("w:val"), "0")
        p_pr.append(outline)
    if SUMMARY_SUB_STYLE not in [s.name for s in d.styles]:
        sub = d.styles.add_style(SUMMARY_SUB_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        sub.base_style = d.styles["Heading 2"]  # bold, kept with the next paragraph
        sub.next_paragraph_style = d.styles["Normal"]
    d.add_paragraph(summary.title_th, style=SUMMARY_STYLE)
    # lxml returns the same proxy for a node while one is alive: keep them to compare
    before = list(d.element.body.iterchildren())
    for block in summary.blocks:
        if block.kind == "h":  # not a numbered body heading: the summary is front matter
            d.add_paragraph(block.text, style=SUMMARY_SUB_STYLE)
        else:
            _block(d, block, sample=bool(doc.sample), fit=fit)
    # the summary in the table size, lines a little closer (Thai fonts have a tall line
    # gap): it keeps to the first page
    size = _style_pt(d, "KPYJ Table")
    body = d.element.body
    new = [el for el in body.iterchildren() if not any(el is b for b in before)]
    paras = [p for el in new for p in el.iter(qn("w:p"))]
    from docx.text.paragraph import Paragraph

    for el in paras:
        p = Paragraph(el, d._body)
        if p.style is not None and p.style.name in (SUMMARY_STYLE, SUMMARY_SUB_STYLE):
            continue
        p.paragraph_format.line_spacing = SUMMARY_LINE_SPACING
        if p.style is not None and p.style.name in ("Normal", "List Bullet"):
            for run in p.runs:
                rpr = run._r.get_or_add_rPr()
                for name in ("sz", "szCs"):
                    _child(rpr, name).set(qn("w:val"), str(round(size * 2)))
    return True


def write_docx(
    doc: Document,
    path: str | os.PathLike[str],
    *,
    font: str = THAI_FONT,
    body_pt: float = BODY_PT,
    keywords: Sequence[str] | None = None,
    glosses: bool | None = None,
    thai_pages: bool = False,
    sample_text: str | None = None,
    fit_columns: bool = True,
) -> Path:
    """Write ``doc`` (see :func:`build_docx`) as a ``.docx`` file, atomically; returns ``path``.

    >>> import tempfile
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.documents.lessons import build_synthesis
    >>> p = write_docx(build_synthesis(tiny_workspace(), as_of="2022-03-31"),
    ...                Path(tempfile.mkdtemp()) / "x" / "lessons_synthesis.docx")
    >>> p.read_bytes()[:2], sorted(f.name for f in p.parent.iterdir())
    (b'PK', ['lessons_synthesis.docx'])
    """
    d = build_docx(
        doc,
        font=font,
        body_pt=body_pt,
        keywords=keywords,
        glosses=glosses,
        thai_pages=thai_pages,
        sample_text=sample_text,
        fit_columns=fit_columns,
    )
    return atomic_write(path, lambda tmp: d.save(str(tmp)))
