"""What the two plan documents share: the document record, numbering, citations, helpers.

The yearly driving plan (:mod:`.driving_plan`) and the draft provincial strategic plan
(:mod:`.strategic_plan`) are text documents: a title, a subtitle and numbered
:class:`~kpyj_lib.documents.base.Section` s of :class:`~kpyj_lib.documents.base.Block` s,
shown as HTML by ``render/templates/<kind>.html.j2`` and written as Word by
:func:`kpyj_lib.render.docx.write_docx` from the same object. Headings are numbered here
(``1.``, ``1.1``, ``1.1.1``), once, so the page and the Word file agree.

Examples
--------
>>> secs = [Section("a", "ความเป็นมา", "Background", [Block("h", "ที่มา"), Block("p", "x")]),
...         Section("b", "เป้าหมาย", "Goals", [Block("h", "ข้อ", level=3),
...                                            Block("h", "ย่อย", level=4)])]
>>> [s.title_th for s in number_sections(secs)]
['1. ความเป็นมา', '2. เป้าหมาย']
>>> [b.text for b in secs[1].blocks]
['2.1 ข้อ', '2.1.1 ย่อย']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import reference
from ..analysis.groups import GROUP_LABELS
from ..calendar import format_thai_date
from ..text import DASH, format_number, is_missing
from .base import Block, Section

__all__ = [
    "GROUP_TH",
    "MEMO",
    "PILOT",
    "SAMPLE_NOTE",
    "PlanDoc",
    "cell",
    "day",
    "h",
    "number_sections",
    "quantity",
    "table",
]

#: The memo that asks for the yearly driving plan, cited by its own title, issuer and date.
MEMO = (
    "บันทึกข้อความ สำนักงานกิจการยุติธรรม ที่ ยธ ๐๙๐๒/… ลงวันที่ ๒๐ มกราคม ๒๕๖๕ เรื่อง "
    "การขับเคลื่อนการดำเนินงานของคณะกรรมการพัฒนาการบริหารงานยุติธรรมระดับจังหวัด"
)
#: The pilot meeting that asks the model provinces to draft their strategic plans.
PILOT = (
    "การประชุมชี้แจงเป้าหมายและกรอบการดำเนินงานการสร้างตัวแบบ (Model) ขับเคลื่อนการดำเนินงานของ "
    "กพยจ., สกธ., ๑ เมษายน ๒๕๖๔"
)
#: What a sample document says under its title (and the Word file in its header).
SAMPLE_NOTE = "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ"
#: The driving groups of the memo, in Thai.
GROUP_TH: dict[int, str] = dict(GROUP_LABELS)


@dataclass
class PlanDoc:
    """A plan document (a :class:`~kpyj_lib.documents.base.Document`): driving plan or
    strategic plan.

    ``scope`` is ``""`` for the driving plan and the province code for a strategic plan;
    :meth:`headline` gives :attr:`figures` (the index page and ``summary.json``).
    """

    kind: str
    scope: str
    fiscal_year: int
    title_th: str
    subtitle_th: str
    sample: bool
    sections: list[Section]
    figures: dict[str, Any] = field(default_factory=dict)
    #: blocks under the title: the stale-data warning when it applies (issue 17)
    notices: list[Block] = field(default_factory=list)
    #: The one-page executive summary shown before the sections (issue 17).
    summary: Section | None = None

    def headline(self) -> dict[str, Any]:
        """The headline figures (a copy)."""
        return dict(self.figures)

    def keys(self) -> list[str]:
        """The section keys, in order."""
        return [s.key for s in self.sections]

    def section(self, key: str) -> Section:
        """The section called ``key``."""
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(f"no section {key!r} in the {self.kind} document")

    def text(self) -> str:
        """Every text of the document (title, subtitle, sections), for searching."""
        return "\n".join([self.title_th, self.subtitle_th, *(s.text() for s in self.sections)])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> PlanDoc:
        """The inverse of :meth:`to_dict`."""
        sections = [Section.from_dict(s) for s in d["sections"]]
        fields = {k: d[k] for k in ("kind", "scope", "title_th", "subtitle_th")}
        return cls(
            **fields,
            fiscal_year=int(d["fiscal_year"]),
            sample=bool(d["sample"]),
            sections=sections,
            figures=dict(d.get("figures") or {}),
            notices=[Block(**b) for b in d.get("notices") or []],
            summary=Section.from_dict(d.get("summary")),
        )


def number_sections(sections: Sequence[Section]) -> Sequence[Section]:
    """Number section titles ``1.`` and their heading blocks ``1.1`` / ``1.1.1``, in place."""
    for i, s in enumerate(sections, 1):
        s.title_th = f"{i}. {s.title_th}"
        sub = subsub = 0
        for b in s.blocks:
            if b.kind != "h":
                continue
            if b.level <= 3:
                sub, subsub = sub + 1, 0
                b.text = f"{i}.{sub} {b.text}"
            else:
                subsub += 1
                b.text = f"{i}.{max(sub, 1)}.{subsub} {b.text}"
    return sections


def cell(v: Any) -> str:
    """A value as a table cell: numbers with separators, dates in BE, ``–`` when missing.

    >>> cell(3400.0), cell(None), cell(dt.date(2022, 3, 1)), cell("ก")
    ('3,400', '–', '1 มี.ค. 2565', 'ก')
    """
    if is_missing(v):
        return DASH
    if isinstance(v, bool):
        return "ใช่" if v else "ไม่ใช่"
    if isinstance(v, int | float):
        return format_number(v)
    if isinstance(v, dt.date):
        return format_thai_date(v, style="abbr")
    return str(v)


def quantity(v: Any, unit: Any = None, missing: str = DASH) -> str:
    """A number with its unit, as Thai officials write it: ``ร้อยละ 47``, ``3,400 คน``.

    >>> quantity(47.0, "ร้อยละ"), quantity(3400, "คน"), quantity(5), quantity(None)
    ('ร้อยละ 47', '3,400 คน', '5', '–')
    """
    if is_missing(v):
        return missing
    if is_missing(unit):
        return format_number(v)
    if str(unit).strip() == "ร้อยละ":
        return f"ร้อยละ {format_number(v)}"
    return f"{format_number(v)} {unit}"


def day(v: Any, style: str = "abbr") -> str:
    """A date in Buddhist Era (``–`` when missing)."""
    if is_missing(v):
        return DASH
    if not isinstance(v, dt.date):
        v = dt.date.fromisoformat(str(v)[:10])
    return format_thai_date(v, style=style)  # type: ignore[arg-type]


def code_th(codes: str, v: Any, missing: str = DASH) -> str:
    """The Thai label of code ``v`` in the code list ``codes``; ``missing`` when there is
    none, the code itself when the list does not know it.

    >>> code_th("direction", "down"), code_th("direction", None), code_th("direction", "x")
    ('ลดลง', '–', 'x')
    """
    if is_missing(v):
        return missing
    try:
        return reference.code_label(codes, str(v))
    except (KeyError, ValueError):
        return str(v)


def table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> Block:
    """A table block (cells through :func:`cell`)."""
    return Block("table", columns=list(columns), rows=[[cell(c) for c in r] for r in rows])


def h(text: str, level: int = 3) -> Block:
    """A heading block (numbered later by :func:`number_sections`)."""
    return Block("h", text=text, level=level)
