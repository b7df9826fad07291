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

__all__ = ["BODY_PT", "KEYWORDS", "THAI_FONT", "build_docx", "write_docx"]

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
    for name, size, italic, color in (
        ("KPYJ Table", body_pt - 2, None, None),
        ("KPYJ Table Small", body_pt - 4, None, None),
        ("KPYJ Note", body_pt - 2, True, "555555"),
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
    table = d.add_table(rows=1, cols=cols)
    table.style = d.styles["Table Grid"]
    header = table.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))  # repeat the header row on every page
    for cell, text in zip(header.cells, block.columns, strict=False):
        p = cell.paragraphs[0]
        p.style = style
        _run_flags(p.add_run(text), bold=True)
    for row in block.rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            p = cell.paragraphs[0]
            p.style = style
            p.add_run(text)
    d.add_paragraph()  # space after the table


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
    """Column widths in proportion to their longest text (capped), across the text width,
    instead of equal columns that squeeze a long Thai name next to a short number."""
    ncol = len(table.columns)
    weights = []
    for i in range(ncol):
        longest = max((len(str(r[i])) for r in block.rows if i < len(r)), default=1)
        head = len(str(block.columns[i])) + 2 if i < len(block.columns) else 4
        weights.append(max(min(longest, 50), head, 4) ** 0.7)
    sec = d.sections[0]
    width = sec.page_width - sec.left_margin - sec.right_margin
    table.autofit = False
    for i, w in enumerate(weights):
        cw = int(width * w / sum(weights))
        table.columns[i].width = cw
        for cell in table.columns[i].cells:
            cell.width = cw


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
    fit_columns: bool = False,
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
        Table columns as wide as their text needs (default: equal columns).

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
    for section in doc.sections:
        heading = section.title_th
        lang_glosses = str(getattr(doc, "lang", "th") or "th") == "th-en"
        if (lang_glosses if glosses is None else glosses) and section.title_en:
            heading += f" ({section.title_en})"
        d.add_heading(heading, level=1)
        for block in section.blocks:
            _block(d, block, sample=bool(doc.sample), fit=fit_columns)
    return d


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
    fit_columns: bool = False,
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
