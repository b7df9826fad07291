"""How an official Thai print-out words things: language, sample banner, priorities, glosses.

Every executive print-out (province report, lessons write-up, synthesis, weekly directives,
index page) is **Thai only** by default; English glosses are added only when the reader asks
for ``lang="th-en"`` (``kpyj reports --lang th-en``). The words follow ``docs/glossary.md``.

Examples
--------
>>> gloss("ข้อมูลจังหวัด", "Province profile", "th")
'ข้อมูลจังหวัด'
>>> gloss("ข้อมูลจังหวัด", "Province profile", "th-en")
'ข้อมูลจังหวัด (Province profile)'
>>> priority_label("medium")
'ระดับความสำคัญ: ปานกลาง'
>>> w = carry_over_wording("2022-06-30", 2565)
>>> w.projected, w.column
(True, 'ยังไม่ถึงค่าเป้าหมาย ณ 30 มิถุนายน 2565 (คาดว่าจะยกไปปีถัดไป)')
>>> carry_over_wording("2022-09-30", 2565).column
'ไม่บรรลุเป้าหมาย (ยกไปปีถัดไป)'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..calendar import fiscal_year_bounds, format_fiscal_year, format_thai_date

__all__ = [
    "END_PRODUCT_GLOSS",
    "LANGS",
    "PRIORITY_TH",
    "SAMPLE_BANNER",
    "SAMPLE_BANNER_EN",
    "CarryOverWording",
    "carry_over_wording",
    "check_lang",
    "gloss",
    "priority_label",
]

#: The languages of a print-out: Thai only (default), or Thai with English glosses.
LANGS: tuple[str, ...] = ("th", "th-en")
#: The banner under the title of every print-out built from sample data.
SAMPLE_BANNER = "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ"
#: Its English gloss (``lang="th-en"`` only).
SAMPLE_BANNER_EN = "sample data, not official figures"
#: The Thai label of a finding's priority (``high`` / ``medium`` / ``low``).
PRIORITY_TH: dict[str, str] = {"high": "สูง", "medium": "ปานกลาง", "low": "ต่ำ"}
#: «End Product» stays in English (the workshop's own term) and is glossed once per document.
END_PRODUCT_GLOSS = "End Product (ผลงานที่เกิดจากการทำงานร่วมกันของหลายหน่วยงาน)"


def check_lang(lang: str | None) -> str:
    """``lang`` checked: ``"th"`` (also for ``None`` or ``""``) or ``"th-en"``.

    >>> check_lang(None), check_lang("TH-EN")
    ('th', 'th-en')
    >>> check_lang("en")
    Traceback (most recent call last):
    ...
    ValueError: ภาษาของเอกสารต้องเป็น th หรือ th-en (lang must be 'th' or 'th-en'): 'en'
    """
    if lang is None or str(lang).strip() == "":
        return "th"
    value = str(lang).strip().lower()
    if value not in LANGS:
        raise ValueError(
            f"ภาษาของเอกสารต้องเป็น th หรือ th-en (lang must be 'th' or 'th-en'): {lang!r}"
        )
    return value


def gloss(text_th: str, text_en: str, lang: str) -> str:
    """``text_th``, followed by ``(text_en)`` only when ``lang`` is ``"th-en"``."""
    return f"{text_th} ({text_en})" if lang == "th-en" and text_en else text_th


def priority_label(severity: str) -> str:
    """``"ระดับความสำคัญ: สูง"`` for ``"high"`` (``ปานกลาง``, ``ต่ำ``)."""
    return f"ระดับความสำคัญ: {PRIORITY_TH.get(severity, severity)}"


@dataclass(frozen=True)
class CarryOverWording:
    """How a document speaks of the key results carried into the next year.

    Before the fiscal year ends (30 September) nothing is "not achieved" yet: the count is a
    projection from the data so far and says so; from the last day of the year on it is the
    year's result.
    """

    projected: bool
    #: The column header of a table of counts.
    column: str
    #: The heading of the part of a write-up.
    heading: str
    #: The header of a KR's progress column.
    progress_column: str
    #: A note on how to read the figures (``""`` once the year has ended).
    note: str
    #: The next fiscal year, in words.
    next_year_th: str

    def sentence(self, n: int, of: int) -> str:
        """``n`` of ``of`` KRs, in a sentence."""
        if self.projected:
            return (
                f"ผลลัพธ์หลัก {n} จาก {of} ตัวยังไม่ถึงค่าเป้าหมาย ณ วันที่ข้อมูล "
                f"หากยังไม่บรรลุเมื่อสิ้นปีงบประมาณ จะยกไป{self.next_year_th} "
                "โดยใช้ค่าล่าสุดเป็นค่าฐานใหม่และคงค่าเป้าหมายเดิม"
            )
        return (
            f"ผลลัพธ์หลัก {n} จาก {of} ตัวไม่บรรลุเป้าหมายเมื่อสิ้นปีงบประมาณ "
            f"จะยกไป{self.next_year_th} โดยใช้ค่าล่าสุดเป็นค่าฐานใหม่และคงค่าเป้าหมายเดิม"
        )


def carry_over_wording(as_of: dt.date | str, fiscal_year: int) -> CarryOverWording:
    """The carry-over wording of a document dated ``as_of`` about ``fiscal_year``.

    >>> w = carry_over_wording(dt.date(2022, 6, 30), 2565)
    >>> w.sentence(3, 10).startswith("ผลลัพธ์หลัก 3 จาก 10 ตัวยังไม่ถึงค่าเป้าหมาย")
    True
    >>> "ตัวไม่บรรลุเป้าหมายเมื่อสิ้นปีงบประมาณ" in carry_over_wording("2022-09-30", 2565).sentence(3, 10)
    True
    """
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    _, end = fiscal_year_bounds(int(fiscal_year))
    nxt = format_fiscal_year(int(fiscal_year) + 1)
    if day < end:
        when = format_thai_date(day)
        return CarryOverWording(
            projected=True,
            column=f"ยังไม่ถึงค่าเป้าหมาย ณ {when} (คาดว่าจะยกไปปีถัดไป)",
            heading="ผลลัพธ์หลักที่ยังไม่ถึงค่าเป้าหมาย (คาดว่าจะยกไปปีถัดไป)",
            progress_column=f"ความก้าวหน้า ณ {when}",
            note=(
                f"ปีงบประมาณยังไม่สิ้นสุด (สิ้นสุดวันที่ {format_thai_date(end)}) รายการนี้เป็นการคาดการณ์"
                f"จากการรายงานถึงวันที่ {when} ยังไม่ใช่ผลว่าไม่บรรลุเป้าหมาย "
                "และจะเปลี่ยนได้เมื่อมีการรายงานเพิ่ม"
            ),
            next_year_th=nxt,
        )
    return CarryOverWording(
        projected=False,
        column="ไม่บรรลุเป้าหมาย (ยกไปปีถัดไป)",
        heading="ผลลัพธ์หลักที่ไม่บรรลุเป้าหมาย (ยกไปปีถัดไป)",
        progress_column="ความก้าวหน้า ณ สิ้นปีงบประมาณ",
        note="",
        next_year_th=nxt,
    )
