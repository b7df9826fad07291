"""Measure types of key results and KPIs, and the date a document's data stands at.

Measure types (issue 17)
------------------------
A check-in's value means one of three things (column «ลักษณะการวัด», code list
``measure_type``):

``level`` — ค่า ณ วันที่รายงาน
    The latest value is the state (a percentage, a rate, a score). Progress runs from the
    baseline (0) to the target (1): :func:`kpyj_lib.analysis.progress.progress_value`.
``cumulative`` — สะสมตั้งแต่ต้นปีงบประมาณ
    Each check-in is the year-to-date total (cases handled, people trained).
``periodic`` — รายรอบ
    Each check-in is the amount of its own period; kpyj adds the check-ins of the
    measurement window up to the date to get the year-to-date total, then treats it as
    cumulative.

For cumulative and periodic measures **the year starts at 0**; the baseline is last
year's figure, kept for comparison only. With ``e`` the elapsed share of the measurement
window (the KR's own start and due dates, else the fiscal year) at the report date,
``e_v`` the elapsed share at the date of the latest value, ``ytd`` the year-to-date value
and ``T`` the year's target:

* expected progress is ``e`` (the expected-to-date value is ``T x e``);
* the year-end projection is ``ytd / e_v``;
* progress is the share of the year's target earned so far, on the same 0-1 scale as a
  level KR so that objective, province, cluster and national averages of
  ``progress_clipped`` stay comparable with expected progress:

  - ``up``: ``ytd / T`` (nothing is added for days without a report);
  - ``down`` (the target is a ceiling for the year): ``e x (1 - (projection - T) / T)``
    — the reported pace is assumed to go on, so a count that runs over its ceiling falls
    behind however long ago it was reported;
  - ``reach``: ``e x (1 - |projection - T| / T)``.

  Progress divided by expected progress is therefore the projection against the target
  (``up``: projection / T), and the usual thresholds (0.9, 0.7) give the status.

The two cases of issue 17, at half-year (``e = e_v = 0.5``):

>>> p = cumulative_progress(850, 1200, 640, "up", 0.5, 0.5)   # people trained
>>> round(p.progress, 3), p.expected, p.projection, p.status
(0.533, 0.5, 1280.0, 'on_track')
>>> p = cumulative_progress(310, 250, 148, "down", 0.5, 0.5)  # cases, to stay under 250
>>> round(p.progress, 3), p.expected, p.projection, p.status
(0.408, 0.5, 296.0, 'at_risk')

The second is behind: 148 in six months means about 296 for the year, above the ceiling
of 250 (not "100 %, exceeded, on track" as a level reading of 310 -> 148 would say).

A blank measure type is inferred from the unit where that is clear (ร้อยละ, %, อัตรา,
คะแนน, ระดับ, "ต่อ ..." -> level; counts such as คน, ราย, คดี, ครั้ง, เรื่อง, โครงการ ->
cumulative), otherwise taken as level; either way the import notices and the progress
table say so (:func:`resolve_measure_type`).

The date of the data (issue 17)
-------------------------------
:func:`data_date` says which date a document measures progress at and why: the date given;
else the workspace's ``as_of`` fact (a data set frozen at a date, like the sample); else the
date of the latest check-in in the document's scope; else (no check-in at all) today or
the fiscal year's last day. Data whose latest check-in is :data:`STALE_DAYS` (one quarter)
or more before that date is *stale*, and the documents put a warning on it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..calendar import fiscal_year_bounds, format_thai_date, today_bangkok
from ..text import format_number, is_missing

__all__ = [
    "COUNT_UNITS",
    "LEVEL_UNIT_WORDS",
    "MEASURE_TYPES",
    "MEASURE_TYPE_NOTE",
    "STALE_DAYS",
    "CumulativeProgress",
    "DataDate",
    "Thresholds",
    "cumulative_progress",
    "data_date",
    "infer_measure_type",
    "measure_type_label",
    "province_key_results",
    "resolve_measure_type",
    "status_of",
]

#: The measure types with their Thai labels (code list ``measure_type``).
MEASURE_TYPES: dict[str, str] = {
    "level": "ค่า ณ วันที่รายงาน",
    "cumulative": "สะสมตั้งแต่ต้นปีงบประมาณ",
    "periodic": "รายรอบ",
}
#: Words of a unit that make it a level (a share, a rate, a score, a grade).
LEVEL_UNIT_WORDS: tuple[str, ...] = ("ร้อยละ", "%", "เปอร์เซ็นต์", "อัตรา", "คะแนน", "ระดับ", "ต่อ")
#: Units that count things that add up over the year: people served, cases, events.
#: Places and organisations (แห่ง, หมู่บ้าน, ชุมชน, เครือข่าย, ศูนย์, หน่วยงาน …) are not
#: here: «centres that meet the standard, 45 → 60 แห่ง» is as often a level (how many
#: there are at the date) as a year's count, so a blank type stays level and is marked.
COUNT_UNITS: frozenset[str] = frozenset(
    {
        "คน", "ราย", "คดี", "ครั้ง", "เรื่อง", "โครงการ", "กิจกรรม", "ฉบับ", "หลักสูตร",
        "รุ่น", "ชิ้น", "คำร้อง", "ผลงาน",
    }
)  # fmt: skip
#: Days from the latest check-in to the report's date from which its data is stale.
STALE_DAYS = 92


def infer_measure_type(unit: Any) -> str | None:
    """The measure type a unit makes clear, or None.

    >>> infer_measure_type("ร้อยละ"), infer_measure_type("คดีต่อแสนประชากร")
    ('level', 'level')
    >>> infer_measure_type("คน"), infer_measure_type(" คดี "), infer_measure_type("ราย (สะสม)")
    ('cumulative', 'cumulative', 'cumulative')
    >>> infer_measure_type("วัน"), infer_measure_type("แห่ง"), infer_measure_type(None)
    (None, None, None)
    """
    if is_missing(unit):
        return None
    text = " ".join(str(unit).split())
    if not text:
        return None
    if any(w in text for w in LEVEL_UNIT_WORDS):
        return "level"
    head = re.split(r"[\s(/]", text, maxsplit=1)[0]
    if head in COUNT_UNITS:
        return "cumulative"
    return None


def resolve_measure_type(declared: Any, unit: Any) -> tuple[str, str]:
    """The measure type used and where it comes from: ``"declared"`` (the column),
    ``"unit"`` (inferred from the unit) or ``"default"`` (blank and unclear: level).

    >>> resolve_measure_type("periodic", "คน"), resolve_measure_type(None, "คน")
    (('periodic', 'declared'), ('cumulative', 'unit'))
    >>> resolve_measure_type("", "วัน")
    ('level', 'default')
    """
    if not is_missing(declared) and str(declared).strip() in MEASURE_TYPES:
        return str(declared).strip(), "declared"
    inferred = infer_measure_type(unit)
    if inferred is not None:
        return inferred, "unit"
    return "level", "default"


def measure_type_label(measure_type: str, source: str = "declared") -> str:
    """The Thai label of a measure type, marked when it was not declared.

    >>> measure_type_label("cumulative", "unit")
    'สะสมตั้งแต่ต้นปีงบประมาณ*'
    >>> measure_type_label("level", "default")
    'ค่า ณ วันที่รายงาน**'
    """
    mark = {"unit": "*", "default": "**"}.get(source, "")
    return MEASURE_TYPES.get(measure_type, measure_type) + mark


#: The note under a progress table that explains the marks of :func:`measure_type_label`.
MEASURE_TYPE_NOTE = (
    "* ไม่ได้ระบุลักษณะการวัด อนุมานจากหน่วยนับ · ** ไม่ได้ระบุลักษณะการวัดและหน่วยนับไม่ชัดเจน "
    "ถือเป็นค่า ณ วันที่รายงาน · ค่าสะสมและค่ารายรอบเทียบยอดตั้งแต่ต้นปีกับค่าเป้าหมายของทั้งปี"
)


@dataclass(frozen=True)
class Thresholds:
    """Ratios of actual to expected progress that separate the statuses.

    >>> Thresholds().on_track, Thresholds().at_risk
    (0.9, 0.7)
    """

    on_track: float = 0.9
    at_risk: float = 0.7

    def __post_init__(self) -> None:
        if not 0 <= self.at_risk <= self.on_track:
            raise ValueError("thresholds need 0 <= at_risk <= on_track")


def status_of(progress: float, expected: float, thresholds: Thresholds = Thresholds()) -> str:
    """The status code for clipped progress against expected progress.

    >>> status_of(0.5, 0.5), status_of(0.4, 0.5), status_of(0.2, 0.5)
    ('on_track', 'at_risk', 'off_track')
    >>> status_of(float("nan"), 0.5), status_of(0.0, 0.0)
    ('no_data', 'not_started')
    """
    if progress is None or math.isnan(progress):
        return "no_data"
    if expected <= 0:
        return "not_started" if progress <= 0 else "on_track"
    ratio = progress / expected
    if ratio >= thresholds.on_track:
        return "on_track"
    if ratio >= thresholds.at_risk:
        return "at_risk"
    return "off_track"


@dataclass(frozen=True)
class CumulativeProgress:
    """Progress of a year-to-date value (see the module docstring)."""

    progress: float
    expected: float
    projection: float
    status: str


def cumulative_progress(
    baseline: float,
    target: float,
    ytd: float,
    direction: str,
    elapsed: float,
    elapsed_at_value: float,
    *,
    on_track: float = 0.9,
    at_risk: float = 0.7,
) -> CumulativeProgress:
    """Progress of a cumulative year-to-date value ``ytd`` against the year's ``target``.

    ``elapsed`` is the elapsed share of the measurement window at the report date,
    ``elapsed_at_value`` at the date of the value. ``baseline`` is not used: it is last
    year's figure, for comparison only (kept as a parameter so callers pass the KR whole).

    >>> cumulative_progress(850, 1200, 1200, "up", 1.0, 1.0).status
    'on_track'
    >>> p = cumulative_progress(310, 250, 148, "down", 1.0, 0.5)  # reported six months ago
    >>> round(p.progress, 3), p.projection, p.status
    (0.816, 296.0, 'at_risk')
    >>> math.isnan(cumulative_progress(0, 10, float("nan"), "up", 0.5, 0.5).progress)
    True
    """
    del baseline  # for comparison only
    nan = float("nan")
    if is_missing(ytd) or is_missing(target):
        return CumulativeProgress(nan, elapsed, nan, "no_data")
    ytd, target = float(ytd), float(target)
    projection = ytd / elapsed_at_value if elapsed_at_value > 0 else nan
    scale = abs(target) or 1.0
    if direction not in ("down", "reach"):  # up (the default)
        progress = ytd / target if target else nan
    elif math.isnan(projection):
        progress = 0.0
    elif direction == "down":
        progress = elapsed * (1.0 - (projection - target) / scale)
    else:  # reach
        progress = elapsed * (1.0 - abs(projection - target) / scale)
    clipped = min(max(progress, 0.0), 1.0) if not math.isnan(progress) else nan
    status = status_of(clipped, elapsed, Thresholds(on_track, at_risk))
    return CumulativeProgress(progress, elapsed, projection, status)


@dataclass(frozen=True)
class DataDate:
    """The date a document measures progress at, why, and how old its data is.

    ``reason`` says what the date is: ``"meta"`` (the workspace's ``as_of`` fact),
    ``"latest_checkin"`` (the latest check-in in scope), ``"no_checkin"`` (none yet: today
    or the fiscal year's end) or ``"given"`` (another date asked for);
    ``latest`` the date of the latest check-in in scope on or before :attr:`as_of`
    (None when there is none); ``age_days`` the days from it to :attr:`as_of`.
    """

    as_of: dt.date
    reason: str
    latest: dt.date | None
    age_days: int | None
    stale: bool

    @property
    def reason_th(self) -> str:
        """Why this date, in Thai (the bracket of :attr:`text_th`)."""
        if self.reason == "meta":
            return "วันที่ของชุดข้อมูลตามที่ระบุไว้ในชีตข้อมูลชุดงาน"
        if self.reason == "latest_checkin":
            return "วันที่รายงานผลล่าสุด"
        if self.reason == "no_checkin":
            return "ยังไม่มีการรายงานผล จึงใช้วันที่ปัจจุบันหรือวันสิ้นปีงบประมาณ"
        return "วันที่ที่กำหนดให้จัดทำรายงาน"

    @property
    def text_th(self) -> str:
        """``"ข้อมูล ณ วันที่ 31 มีนาคม 2567 (วันที่รายงานผลล่าสุด)"``."""
        out = f"ข้อมูล ณ วันที่ {format_thai_date(self.as_of)} ({self.reason_th})"
        if self.latest is not None and self.latest != self.as_of:
            out += f" · รายงานผลล่าสุดเมื่อ {format_thai_date(self.latest)}"
        return out

    @property
    def warning_th(self) -> str:
        """The stale-data warning (empty when the data is not stale)."""
        if not self.stale or self.latest is None:
            return ""
        return (
            f"ข้อมูลไม่เป็นปัจจุบัน: ผลการดำเนินงานล่าสุดรายงานเมื่อ {format_thai_date(self.latest)} "
            f"ก่อนวันที่ของรายงาน {format_number(self.age_days)} วัน (เกินหนึ่งไตรมาส) "
            "ความก้าวหน้าและสถานะจึงอาจต่ำหรือสูงกว่าความเป็นจริง "
            "ควรให้หน่วยงานรายงานผลล่าสุดก่อนนำไปใช้ประกอบการประชุม"
        )


def data_date(
    ws: Any,
    as_of: dt.date | str | None = None,
    key_result_ids: Iterable[str] | None = None,
) -> DataDate:
    """The date a document's progress is measured at, its reason and its staleness.

    Parameters
    ----------
    ws : Workspace
    as_of : date or ISO string, optional
        The date asked for; empty: the workspace's ``as_of`` fact, else the latest
        check-in in scope, else today (or the last day of a past fiscal year).
    key_result_ids : iterable of str, optional
        The document's scope (default: every KR of the workspace).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> ws = tiny_workspace()
    >>> d = data_date(ws)
    >>> d.as_of, d.reason, d.stale
    (datetime.date(2022, 4, 30), 'latest_checkin', False)
    >>> d.text_th
    'ข้อมูล ณ วันที่ 30 เมษายน 2565 (วันที่รายงานผลล่าสุด)'
    >>> late = data_date(ws, "2022-09-30", ["KR-64-01-1"])   # last check-in 31 Mar
    >>> late.age_days, late.stale
    (183, True)
    >>> "รายงานเมื่อ 31 มีนาคม 2565 ก่อนวันที่ของรายงาน 183 วัน" in late.warning_th
    True
    """
    ci = ws["checkins"]
    if key_result_ids is not None:
        ids = set(key_result_ids)
        dates = [d for k, d in zip(ci["key_result_id"], ci["date"], strict=True) if k in ids]
    else:
        dates = list(ci["date"])
    dates = [_day(d) for d in dates if not is_missing(d)]
    fixed = str(ws.meta.get("as_of", "") or "").strip()
    meta_day = dt.date.fromisoformat(fixed) if fixed else None
    if as_of not in (None, ""):
        day, reason = _day(as_of), "given"
    elif meta_day is not None:
        day, reason = meta_day, "meta"
    elif dates:
        day, reason = max(dates), "latest_checkin"
    else:
        day, reason = min(today_bangkok(), fiscal_year_bounds(ws.fiscal_year)[1]), "no_checkin"
    upto = [d for d in dates if d <= day]
    latest = max(upto) if upto else None
    if reason == "given":  # a date passed on from a default still says what it is
        if day == meta_day:
            reason = "meta"
        elif day == latest:
            reason = "latest_checkin"
    age = (day - latest).days if latest is not None else None
    return DataDate(day, reason, latest, age, age is not None and age >= STALE_DAYS)


def province_key_results(ws: Any, provinces: Iterable[str]) -> list[str]:
    """The ids of the key results of the objectives of ``provinces`` (a document's scope).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> province_key_results(tiny_workspace(), ["64"])
    ['KR-64-01-1']
    """
    codes = {str(p) for p in provinces}
    objs = ws["objectives"]
    mine = set(objs.loc[[str(c) in codes for c in objs["province_code"]], "id"])
    krs = ws["key_results"]
    return [str(k) for k, o in zip(krs["id"], krs["objective_id"], strict=True) if o in mine]


def _day(v: Any) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v)[:10])
