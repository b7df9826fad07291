"""What the weekly executive print-out on directives says (seed 002), one week at a time.

Seed 002 item 3: when the heads of department come to the ministry's executive meeting, the
staff print what was reported in the system, **divided by the four directive levels**.
:class:`WeeklyView` computes one week (grouping, statuses, compliance, late and missing
reports, stalled directives) from :mod:`kpyj_lib.analysis.directives`; it holds no HTML and
reads no store: ``render/templates/directives.html.j2`` lays it out (A4 landscape) and
:func:`kpyj_lib.publish.open_document` reads the store.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> view = WeeklyView.build(tiny_workspace(), "2022-01-19")
>>> view.week, view.headline()["missing"], view.kind, view.sample
(datetime.date(2022, 1, 17), 1, 'directives', True)
>>> [s.key for s in view.sections]
['general', 'continuing', 'completed', 'in_progress', 'compliance', 'late_missing', 'stalled']
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar, Protocol, runtime_checkable

import pandas as pd

from ..analysis import directives as ad
from ..analysis.directives import FIELD_LABELS, level_label
from ..calendar import (
    fiscal_year,
    fiscal_year_bounds,
    format_compilation,
    format_deadline,
    format_fiscal_year,
    format_thai_date,
    today_bangkok,
)
from .base import SectionInfo
from .official import check_lang

__all__ = [
    "LEVEL_EN",
    "LEVEL_NUMBERS",
    "SECTIONS",
    "DirectiveData",
    "DirectiveGroup",
    "WeeklyView",
]


@runtime_checkable
class DirectiveData(Protocol):
    """What the print-out reads: a :class:`~kpyj_lib.workspace.Workspace`, or anything with
    the same table access (``data["weekly_reports"]``, ``data.is_sample``), such as the
    directive context the store gives."""

    def __getitem__(self, name: str) -> pd.DataFrame: ...

    @property
    def is_sample(self) -> bool: ...


#: The seed 002 number of each level's part of the print-out (2.1 - 2.4).
LEVEL_NUMBERS: dict[str, str] = {lv: f"2.{i}" for i, lv in enumerate(ad.LEVELS, 1)}
#: The English heading of each level's part.
LEVEL_EN: dict[str, str] = {
    "general": "General directives",
    "continuing": "Continuing directives",
    "completed": "Directives completed this week",
    "in_progress": "Directives in progress",
}

#: The parts of the print-out after its title, in order: the four levels, then the
#: compliance per unit, the late and missing reports and the stalled directives.
SECTIONS: tuple[SectionInfo, ...] = (
    *(SectionInfo(lv, level_label(lv), LEVEL_EN.get(lv, lv)) for lv in ad.LEVELS),
    SectionInfo("compliance", "การส่งรายงานรายหน่วยงาน", "Compliance per unit"),
    SectionInfo("late_missing", "รายงานที่ส่งล่าช้าและขาดส่ง", "Late and missing reports"),
    SectionInfo("stalled", "ข้อสั่งการที่ไม่มีความคืบหน้า", "Directives without progress"),
)


def _date_abbr(value: Any) -> str:
    return "" if value is None else format_thai_date(value, style="abbr")


@dataclass(frozen=True)
class DirectiveGroup:
    """One directive of a level's part: its id, title, the line under the title (meeting,
    issuer, completion) and one row per assigned unit (the rows of
    :func:`kpyj_lib.analysis.directives.directives_by_level`, as dicts)."""

    directive_id: str
    title_th: str
    note_th: str
    rows: list[dict[str, Any]]


@dataclass
class WeeklyView:
    """One week of directive reporting, computed once for the print-out (a
    :class:`~kpyj_lib.documents.base.Document` of kind ``"directives"``).

    Parameters
    ----------
    data : Workspace or DirectiveData
    week : date
        The Monday of the week.
    period_start : date
        The first day of the compliance period (the start of the week's fiscal year).
    """

    kind: ClassVar[str] = "directives"
    #: :data:`LEVEL_NUMBERS` (the headings of the level parts start with them).
    level_numbers: ClassVar[dict[str, str]] = LEVEL_NUMBERS
    #: The print-out's title.
    title_th: ClassVar[str] = "รายงานผลการดำเนินงานตามข้อสั่งการจากการประชุมผู้บริหารกระทรวงยุติธรรม"

    data: DirectiveData
    week: dt.date
    period_start: dt.date
    #: ``"th"`` (Thai only, the default) or ``"th-en"`` (with English glosses).
    lang: str = "th"

    @classmethod
    def build(cls, data: DirectiveData, week: Any = None, *, lang: str = "th") -> WeeklyView:
        """The view of ``week`` (any day of it; default: the latest week with a report)."""
        if week is None or (isinstance(week, str) and not week.strip()):
            weeks = [w for w in data["weekly_reports"]["week_start"] if w is not None]
            week = max(weeks) if weeks else today_bangkok()
        w = ad.as_week(week)
        return cls(
            data=data,
            week=w,
            period_start=fiscal_year_bounds(fiscal_year(w))[0],
            lang=check_lang(lang),
        )

    # ------------------------------------------------------------------ document
    @property
    def is_sample(self) -> bool:
        return bool(self.data.is_sample)

    @property
    def sample(self) -> bool:
        """Built from sample data (the print-out says so under its title)."""
        return self.is_sample

    @property
    def sections(self) -> tuple[SectionInfo, ...]:
        """:data:`SECTIONS`."""
        return SECTIONS

    # ------------------------------------------------------------------ the week in words
    @property
    def week_end(self) -> dt.date:
        return self.week + dt.timedelta(days=6)

    @property
    def week_th(self) -> str:
        """``"24–30 มกราคม 2565"``."""
        return ad.format_week_th(self.week)

    @property
    def week_heading_th(self) -> str:
        """``"ประจำสัปดาห์ระหว่างวันที่ 24–30 มกราคม 2565"``."""
        return f"ประจำสัปดาห์ระหว่างวันที่ {self.week_th}"

    @property
    def fiscal_year_th(self) -> str:
        """``"ปีงบประมาณ พ.ศ. 2565"``: the fiscal year of the week."""
        return format_fiscal_year(fiscal_year(self.week))

    @property
    def deadline_th(self) -> str:
        """When the week's reports are due: ``"ภายในวันศุกร์ที่ … ก่อนเวลา 16.00 น."``."""
        return format_deadline(self.week)

    @property
    def compiled_th(self) -> str:
        """When the reports go to the Minister: ``"วันจันทร์ที่ … ช่วงเช้า"`` (no hour is set)."""
        return format_compilation(self.week)

    @property
    def period_th(self) -> str:
        """The compliance period in Thai."""
        start, end = format_thai_date(self.period_start), format_thai_date(self.week_end)
        return f"ตั้งแต่วันที่ {start} ถึงวันที่ {end}"

    @property
    def fields(self) -> list[tuple[str, str]]:
        """(code, Thai label) of the six report fields, in order."""
        return [(f, FIELD_LABELS[f][0]) for f in ad.REPORT_FIELDS]

    # ------------------------------------------------------------------ data
    @cached_property
    def by_level(self) -> pd.DataFrame:
        return ad.directives_by_level(self.data, self.week)

    @cached_property
    def status(self) -> pd.DataFrame:
        return ad.weekly_status(self.data, self.week)

    @cached_property
    def period_status(self) -> pd.DataFrame:
        return ad.report_status(self.data, self.period_start, self.week)

    @cached_property
    def compliance(self) -> pd.DataFrame:
        return ad.unit_compliance(self.data, self.period_start, self.week)

    @cached_property
    def stalled(self) -> pd.DataFrame:
        return ad.stalled(self.data, self.week)

    def level_groups(self, level: str) -> list[DirectiveGroup]:
        """The directives of ``level`` this week, in the order of :attr:`by_level`."""
        df = self.by_level[self.by_level["level"] == level]
        out = []
        for did, g in df.groupby("directive_id", sort=False):
            rows = g.to_dict("records")
            first = rows[0]
            note = [f"ประชุม {_date_abbr(first['meeting_date'])}"]
            if first.get("issuer"):
                note.append(str(first["issuer"]))
            if level == "completed" and first.get("completed_date") is not None:
                note.append(f"แล้วเสร็จ {_date_abbr(first['completed_date'])}")
            out.append(DirectiveGroup(str(did), first["title_th"], " · ".join(note), rows))
        return out

    @cached_property
    def compliance_total(self) -> pd.DataFrame:
        """:attr:`compliance` with a total row (``unit_name_th`` "รวม") at the end."""
        df = self.compliance
        if df.empty:
            return df
        total: dict[str, Any] = {
            "unit_id": "",
            "unit_name_th": "รวม",
            **{c: int(df[c].sum()) for c in ("expected", "on_time", "late", "missing")},
        }
        total["rate"] = total["on_time"] / total["expected"] if total["expected"] else float("nan")
        return pd.concat([df, pd.DataFrame([total])], ignore_index=True)

    def late_missing(self, *, period: bool = False) -> pd.DataFrame:
        """The late and missing reports of the week (``period=False``) or of the fiscal year
        up to the week (``period=True``, with ``week_th``)."""
        df = self.period_status if period else self.status
        df = df[df["status"].isin(["late", "missing"])].copy()
        if period:
            df["week_th"] = [ad.format_week_th(w) for w in df["week_start"]]
        return df

    def headline(self) -> dict[str, Any]:
        """Headline figures of the week for the batch index."""
        st = self.status[self.status["expected"].astype(bool)]
        counts = st["status"].value_counts()
        groups = self.by_level.groupby("level")["directive_id"].nunique()
        return {
            "week": self.week.isoformat(),
            "directives": int(self.by_level["directive_id"].nunique()),
            **{f"level_{lv}": int(groups.get(lv, 0)) for lv in ad.LEVELS},
            "expected": len(st),
            "on_time": int(counts.get("on_time", 0)),
            "late": int(counts.get("late", 0)),
            "missing": int(counts.get("missing", 0)),
            "stalled": len(self.stalled),
            "sample": self.is_sample,
        }
