"""Weekly reporting on directives (ข้อสั่งการ, seed 002): who reported, who is late, what is done.

Pure functions: each takes the workspace first (or anything that maps the table names
``directives``, ``directive_units``, ``weekly_reports`` and ``units`` to frames, such as
:class:`kpyj_lib.services.directives.DirectiveContext`) and returns a pandas frame.
Nothing is written.

The rules (see ``docs/directives.md`` for the reasoning):

* **Weeks** run Monday - Sunday; a report is due **Friday 16:00 Asia/Bangkok** of its week
  (16:00:00 exactly is on time, :func:`kpyj_lib.calendar.is_on_time`) and the reports are
  compiled for the minister on the following Monday morning.
* **Who must report when.** Every unit assigned to a directive (``directive_units``) owes a
  report every week from the **week after the week of the meeting** that issued it (the
  directive still has to travel สนย. → กลุ่มแผน → สำนัก/กอง) until the week it is completed,
  inclusive. A directive is completed in the week of its ``completed_date``, or - when that
  is empty - in the week the last of its units files a "completed" report; a unit that has
  filed a "completed" report owes nothing after that week. **General directives** (2.1) are
  treated like the others: a report every week until completed (the levels differ in how
  the executives read them, not in the reporting duty). No week before the
  **reporting start** is expected: the directive's own ``reporting_start`` date when it has
  one, else the ``meta`` key ``directive_reporting_start`` (an ISO date) or else the week
  of the earliest report in the workspace (the week the unit started reporting through the
  system); without any, there is no such bound.
* **Level as of a week** (for the four groups of the executive print-out): ``completed`` in
  the completion week and absent afterwards; otherwise the level of the latest
  non-"completed" report on or before the week, else the directive's own level (a directive
  recorded as completed but not completed yet that week counts as ``in_progress``).
  Directives appear from the week of their meeting.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> ws = tiny_workspace()
>>> weekly_status(ws, "2022-01-19")[["directive_id", "unit_id", "status"]]
  directive_id unit_id   status
0  DIR-2565-01  PJO-64  missing
1  DIR-2565-01  PJO-83  on_time
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import reference
from ..calendar import (
    BANGKOK,
    format_thai_date,
    is_on_time,
    parse_thai_date,
    reporting_deadline,
    week_start,
    weeks_between,
)
from ..exceptions import CalendarError

__all__ = [
    "FIELD_LABELS",
    "LEVELS",
    "REPORT_FIELDS",
    "STALL_LABELS",
    "STATUS_LABELS",
    "as_week",
    "completed_this_week",
    "directives_by_level",
    "expected_reports",
    "first_expected_week",
    "format_week_th",
    "level_as_of",
    "level_label",
    "report_status",
    "reporting_start",
    "stalled",
    "unit_compliance",
    "weekly_status",
]

#: The four directive levels in the order of seed 002 (2.1 - 2.4) and of the print-out.
LEVELS: tuple[str, ...] = tuple(reference.code_values("directive_level"))
#: The six report fields of seed 002 (4.1 - 4.6), in order.
REPORT_FIELDS: tuple[str, ...] = tuple(
    reference.load("report_fields").sort_values("order")["code"].tolist()
)
#: Thai and English label of each report field, e.g. ``FIELD_LABELS["goal"]``.
FIELD_LABELS: dict[str, tuple[str, str]] = {
    r["code"]: (r["label_th"], r["label_en"])
    for r in reference.load("report_fields").sort_values("order").to_dict("records")
}
#: Thai labels of the submission statuses.
STATUS_LABELS: dict[str, str] = {
    "on_time": "ส่งตรงเวลา",
    "late": "ส่งล่าช้า",
    "missing": "ขาดส่ง",
    "not_due": "ไม่ต้องรายงานสัปดาห์นี้",
}
#: Thai labels of the reasons a directive counts as stalled.
STALL_LABELS: dict[str, str] = {
    "no_report": "ไม่มีรายงาน",
    "no_results": "ยังไม่รายงานผลการดำเนินงาน",
    "unchanged": "ผลการดำเนินงานไม่เปลี่ยนแปลง",
}
#: The ``meta`` key that sets the first week reports are expected (ISO date).
REPORTING_START_KEY = "directive_reporting_start"

_WEEK = dt.timedelta(days=7)


def level_label(level: str) -> str:
    """The Thai label of a directive level.

    >>> level_label("in_progress")
    'ข้อสั่งการอยู่ระหว่างดำเนินการ'
    """
    return reference.code_label("directive_level", level)


# --------------------------------------------------------------------------- values
def _missing(v: Any) -> bool:
    if v is None or v is pd.NaT or v is pd.NA:
        return True
    return isinstance(v, float) and v != v


def _day(v: Any) -> dt.date | None:
    """A date from a date, datetime, Timestamp or text; ``None`` for a missing value."""
    if _missing(v):
        return None
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    return parse_thai_date(v)


def _aware(v: Any) -> dt.datetime | None:
    """A timezone-aware datetime (naive values are Bangkok wall-clock time)."""
    if _missing(v):
        return None
    if isinstance(v, pd.Timestamp):
        v = v.to_pydatetime()
    if v.tzinfo is None or v.utcoffset() is None:
        return v.replace(tzinfo=BANGKOK)
    return v


def _text(v: Any) -> str | None:
    if _missing(v):
        return None
    s = " ".join(str(v).split())
    return s or None


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    """A frame whose text, date and timestamp columns hold Python objects, missing as None."""
    df = pd.DataFrame(rows, columns=columns)
    for c in df.columns:
        if not (pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c])):
            df[c] = df[c].astype(object).where(df[c].notna(), None)
    return df


def as_week(value: Any) -> dt.date:
    """The Monday of the week containing ``value`` (a date, datetime or date text).

    Examples
    --------
    >>> as_week("2022-02-17"), as_week("17/02/2565")
    (datetime.date(2022, 2, 14), datetime.date(2022, 2, 14))
    >>> as_week("")
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.CalendarError: ต้องระบุสัปดาห์ (a week is required)
    """
    day = _day(value) if not (isinstance(value, str) and not value.strip()) else None
    if day is None:
        raise CalendarError("ต้องระบุสัปดาห์ (a week is required)")
    return week_start(day)


def format_week_th(week: Any) -> str:
    """The Thai Monday - Sunday range of a week, Buddhist Era.

    Examples
    --------
    >>> format_week_th("2022-02-16")
    '14–20 กุมภาพันธ์ 2565'
    >>> format_week_th("2022-02-28")
    '28 กุมภาพันธ์ – 6 มีนาคม 2565'
    >>> format_week_th("2021-12-27")
    '27 ธันวาคม 2564 – 2 มกราคม 2565'
    """
    mon = as_week(week)
    sun = mon + dt.timedelta(days=6)
    end = format_thai_date(sun)
    if mon.year != sun.year:
        return f"{format_thai_date(mon)} – {end}"
    if mon.month != sun.month:
        return f"{format_thai_date(mon).rsplit(' ', 1)[0]} – {end}"
    return f"{mon.day}–{end}"


def first_expected_week(meeting_date: Any) -> dt.date:
    """The first week a report is due: the week after the week of the meeting.

    Examples
    --------
    >>> first_expected_week("2022-01-24"), first_expected_week("2022-01-28")
    (datetime.date(2022, 1, 31), datetime.date(2022, 1, 31))
    """
    return as_week(meeting_date) + _WEEK


def reporting_start(ws: Any) -> dt.date | None:
    """The first week reports are expected, or ``None`` for no bound.

    The ``meta`` key ``directive_reporting_start`` (a date) if set, else the week of the
    earliest weekly report in ``ws``, else ``None``. A directive with its own
    ``reporting_start`` uses that instead (the workspace's start is its fallback).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> reporting_start(tiny_workspace())
    datetime.date(2022, 1, 17)
    """
    meta = getattr(ws, "meta", None) or {}
    if meta.get(REPORTING_START_KEY, "").strip():
        return as_week(meta[REPORTING_START_KEY])
    weeks = [d for d in (_day(v) for v in ws["weekly_reports"]["week_start"]) if d is not None]
    return week_start(min(weeks)) if weeks else None


# --------------------------------------------------------------------------- index
@dataclass
class _Dir:
    id: str
    title_th: str
    level: str
    meeting_date: dt.date
    completed_date: dt.date | None
    issuer: str | None
    units: list[str] = field(default_factory=list)
    #: the week of the directive's own reporting start (None: the workspace's)
    reporting_start: dt.date | None = None

    @property
    def first_week(self) -> dt.date:
        return first_expected_week(self.meeting_date)


@dataclass
class _Index:
    """Directives, their units and reports, looked up once per analysis call."""

    directives: dict[str, _Dir]
    reports: dict[tuple[str, str], list[dict[str, Any]]]
    unit_names: dict[str, str]
    start: dt.date | None

    @classmethod
    def of(cls, ws: Any) -> _Index:
        if isinstance(ws, _Index):
            return ws
        directives: dict[str, _Dir] = {}
        for r in ws["directives"].to_dict("records"):
            directives[str(r["id"])] = _Dir(
                id=str(r["id"]),
                title_th=str(r["title_th"]),
                level=str(r["level"]),
                meeting_date=_day(r["meeting_date"]),  # type: ignore[arg-type]
                completed_date=_day(r["completed_date"]),
                issuer=None if _missing(r.get("issuer")) else str(r["issuer"]),
                reporting_start=(
                    None if _missing(r.get("reporting_start")) else as_week(r["reporting_start"])
                ),
            )
        for r in ws["directive_units"].to_dict("records"):
            d = directives.get(str(r["directive_id"]))
            if d is not None and str(r["unit_id"]) not in d.units:
                d.units.append(str(r["unit_id"]))
        for d in directives.values():
            d.units.sort()
        reports: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in ws["weekly_reports"].to_dict("records"):
            row = {k: (None if _missing(v) else v) for k, v in r.items()}
            row["week_start"] = _day(row["week_start"])
            row["submitted_at"] = _aware(row["submitted_at"])
            reports[(str(row["directive_id"]), str(row["unit_id"]))].append(row)
        for rows in reports.values():
            rows.sort(key=lambda x: (x["week_start"], x["submitted_at"], str(x["id"])))
        units = ws["units"]
        names = dict(zip(units["id"].astype(str), units["name_th"].astype(str), strict=True))
        return cls(dict(sorted(directives.items())), dict(reports), names, reporting_start(ws))

    # ---- per unit
    def closed_week(self, d: str, u: str) -> dt.date | None:
        """The week of the unit's first "completed" report on the directive."""
        for r in self.reports.get((d, u), []):
            if r["level"] == "completed":
                return r["week_start"]
        return None

    def done_week(self, d: _Dir) -> dt.date | None:
        """The week the directive is completed (its completed_date, or all units closed)."""
        if d.completed_date is not None:
            return week_start(d.completed_date)
        if not d.units:
            return None
        closed = [self.closed_week(d.id, u) for u in d.units]
        if all(c is not None for c in closed):
            return max(closed)  # type: ignore[type-var]
        return None

    def expected(self, d: _Dir, u: str, week: dt.date) -> bool:
        if u not in d.units or week < d.first_week:
            return False
        start = d.reporting_start or self.start  # the directive's own date first
        if start is not None and week < start:
            return False
        done = self.done_week(d)
        if done is not None and week > done:
            return False
        closed = self.closed_week(d.id, u)
        return closed is None or week <= closed

    def report(self, d: str, u: str, week: dt.date) -> dict[str, Any] | None:
        """The report of a unit for a week (the earliest submitted if there are several)."""
        rows = [r for r in self.reports.get((d, u), []) if r["week_start"] == week]
        return min(rows, key=lambda r: r["submitted_at"]) if rows else None

    def level(self, d: _Dir, week: dt.date) -> str | None:
        if d.meeting_date > week + dt.timedelta(days=6):
            return None  # not issued yet
        done = self.done_week(d)
        if done is not None:
            if week > done:
                return None  # reported in its completion week, then never again
            if week == done:
                return "completed"
        prior = [
            r
            for (did, _), rows in self.reports.items()
            if did == d.id
            for r in rows
            if r["week_start"] <= week and r["level"] != "completed"
        ]
        if prior:
            return max(prior, key=lambda r: (r["week_start"], r["submitted_at"]))["level"]
        return d.level if d.level != "completed" else "in_progress"

    def unit_name(self, u: str | None) -> str | None:
        return None if u is None else self.unit_names.get(u, u)


def _status(report: dict[str, Any] | None, expected: bool) -> str:
    if report is not None:
        return "on_time" if is_on_time(report["submitted_at"], report["week_start"]) else "late"
    return "missing" if expected else "not_due"


def _level_th(level: str | None) -> str | None:
    return None if level is None else reference.code_label("directive_level", level)


def _unit_cells(idx: _Index, d: _Dir, unit: str | None, level: str | None) -> dict[str, Any]:
    """The directive, unit and level columns of a row about one directive and unit."""
    return {
        "directive_id": d.id,
        "title_th": d.title_th,
        "unit_id": unit,
        "unit_name_th": idx.unit_name(unit),
        "level": level,
        "level_th": _level_th(level),
    }


def _report_cells(report: dict[str, Any] | None, expected: bool) -> dict[str, Any]:
    """The report columns of a row: its id, when it was submitted, and its status."""
    status = _status(report, expected)
    return {
        "report_id": None if report is None else report["id"],
        "submitted_at": None if report is None else report["submitted_at"],
        "status": status,
        "status_th": STATUS_LABELS[status],
    }


# --------------------------------------------------------------------------- analyses
def level_as_of(ws: Any, directive_id: str, week: Any) -> str | None:
    """The level of a directive in a week, or ``None`` when it is not shown that week.

    ``None`` before the week of its meeting and after the week it was completed.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> ws = tiny_workspace()
    >>> level_as_of(ws, "DIR-2565-01", "2022-01-20"), level_as_of(ws, "DIR-2565-01", "2022-01-03")
    ('in_progress', None)
    """
    idx = _Index.of(ws)
    d = idx.directives.get(str(directive_id))
    if d is None:
        raise KeyError(f"ไม่มีข้อสั่งการ {directive_id!r} (no directive {directive_id!r})")
    return idx.level(d, as_week(week))


def expected_reports(ws: Any, start: Any, end: Any) -> pd.DataFrame:
    """Every (directive, unit, week) that owes a report between two dates (whole weeks).

    Returns
    -------
    DataFrame
        ``directive_id``, ``unit_id``, ``week_start`` (Monday), ``deadline`` (aware).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> expected_reports(tiny_workspace(), "2022-01-10", "2022-01-23")[
    ...     ["directive_id", "unit_id", "week_start"]]
      directive_id unit_id  week_start
    0  DIR-2565-01  PJO-64  2022-01-17
    1  DIR-2565-01  PJO-83  2022-01-17
    """
    idx = _Index.of(ws)
    rows = [
        {
            "directive_id": d.id,
            "unit_id": u,
            "week_start": week,
            "deadline": reporting_deadline(week),
        }
        for week in weeks_between(as_week(start), as_week(end))
        for d in idx.directives.values()
        for u in d.units
        if idx.expected(d, u, week)
    ]
    return _frame(rows, ["directive_id", "unit_id", "week_start", "deadline"])


_STATUS_COLUMNS = [
    "week_start",
    "directive_id",
    "title_th",
    "unit_id",
    "unit_name_th",
    "level",
    "level_th",
    "expected",
    "report_id",
    "submitted_at",
    "deadline",
    "status",
    "status_th",
]


def report_status(ws: Any, start: Any, end: Any) -> pd.DataFrame:
    """Submitted on time / late / missing for every week between two dates.

    One row per (week, directive, unit) that owed a report or filed one: ``expected`` is
    false for a report nobody asked for (the meeting week, an unassigned unit). ``status``
    is ``on_time``, ``late`` or ``missing`` (Thai in ``status_th``).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> df = report_status(tiny_workspace(), "2022-01-17", "2022-01-30")
    >>> df.groupby("status").size().to_dict()
    {'missing': 3, 'on_time': 1}
    """
    idx = _Index.of(ws)
    rows = []
    for week in weeks_between(as_week(start), as_week(end)):
        for d in idx.directives.values():
            reporters = set(d.units) | {u for (did, u) in idx.reports if did == d.id}
            for u in sorted(reporters):
                exp = idx.expected(d, u, week)
                rep = idx.report(d.id, u, week)
                if not exp and rep is None:
                    continue
                level = rep["level"] if rep is not None else idx.level(d, week)
                rows.append(
                    {
                        "week_start": week,
                        **_unit_cells(idx, d, u, level),
                        "expected": exp,
                        "deadline": reporting_deadline(week),
                        **_report_cells(rep, exp),
                    }
                )
    return _frame(rows, _STATUS_COLUMNS)


def weekly_status(ws: Any, week: Any) -> pd.DataFrame:
    """Submitted on time / late / missing per directive and unit for one week.

    Parameters
    ----------
    ws : Workspace
    week : date or str
        Any day of the week.

    Returns
    -------
    DataFrame
        As :func:`report_status` for that week only, sorted by directive and unit.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> weekly_status(tiny_workspace(), "2022-01-24")[["unit_id", "status_th"]]
      unit_id status_th
    0  PJO-64    ขาดส่ง
    1  PJO-83    ขาดส่ง
    """
    w = as_week(week)
    return report_status(ws, w, w)


_LEVEL_COLUMNS = [
    "level",
    "level_th",
    "level_order",
    "directive_id",
    "title_th",
    "meeting_date",
    "issuer",
    "completed_date",
    "unit_id",
    "unit_name_th",
    "report_id",
    "submitted_at",
    "status",
    "status_th",
    *REPORT_FIELDS,
]


def directives_by_level(ws: Any, week: Any) -> pd.DataFrame:
    """The directives of a week grouped by their level, with each unit's report.

    The executive print-out of seed 002: one row per directive and assigned unit, ordered
    by level (general, continuing, completed, in progress), then directive and unit, with
    the six report fields of that week's report (empty when the unit has not reported).

    Parameters
    ----------
    ws : Workspace
    week : date or str
        Any day of the week.

    Returns
    -------
    DataFrame
        ``level``, ``level_th``, ``level_order`` (1-4), ``directive_id``, ``title_th``,
        ``meeting_date``, ``issuer``, ``completed_date``, ``unit_id``, ``unit_name_th``,
        ``report_id``, ``submitted_at``, ``status`` (``on_time``, ``late``, ``missing``
        or ``not_due``), ``status_th`` and ``goal`` .. ``impact``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> df = directives_by_level(tiny_workspace(), "2022-01-17")
    >>> df[["level", "directive_id", "unit_id", "status"]]
             level directive_id unit_id   status
    0  in_progress  DIR-2565-01  PJO-64  missing
    1  in_progress  DIR-2565-01  PJO-83  on_time
    >>> df["goal"].tolist()
    [None, 'จัดประชุม กพยจ. ภูเก็ตภายในเดือนกุมภาพันธ์ 2565']
    """
    idx = _Index.of(ws)
    w = as_week(week)
    order = {lv: i + 1 for i, lv in enumerate(LEVELS)}
    rows = []
    for d in idx.directives.values():
        level = idx.level(d, w)
        if level is None:
            continue
        for u in d.units or [None]:
            rep = None if u is None else idx.report(d.id, u, w)
            row = {
                **_unit_cells(idx, d, u, level),
                "level_order": order[level],
                "meeting_date": d.meeting_date,
                "issuer": d.issuer,
                "completed_date": d.completed_date,
                **_report_cells(rep, u is not None and idx.expected(d, u, w)),
            }
            for f in REPORT_FIELDS:
                row[f] = None if rep is None else rep.get(f)
            rows.append(row)
    df = _frame(rows, _LEVEL_COLUMNS)
    if df.empty:
        return df
    df = df.sort_values(["level_order", "directive_id", "unit_id"], na_position="first")
    return df.reset_index(drop=True)


def completed_this_week(ws: Any, week: Any) -> pd.DataFrame:
    """The directives completed in a week (shown this week, then never again).

    Returns
    -------
    DataFrame
        ``directive_id``, ``title_th``, ``completed_date`` (``None`` when the completion
        comes from the units' reports only), ``unit_ids`` (comma separated).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> completed_this_week(tiny_workspace(), "2022-01-17").empty
    True
    """
    df = directives_by_level(ws, week)
    cols = ["directive_id", "title_th", "completed_date", "unit_ids"]
    done = df[df["level"] == "completed"]
    rows = [
        {
            "directive_id": did,
            "title_th": g["title_th"].iloc[0],
            "completed_date": g["completed_date"].iloc[0],
            "unit_ids": ", ".join(str(u) for u in g["unit_id"] if u is not None),
        }
        for did, g in done.groupby("directive_id", sort=True)
    ]
    return _frame(rows, cols)


def stalled(ws: Any, week: Any, n_weeks: int = 3) -> pd.DataFrame:
    """Directive × unit pairs with no progress in the last ``n_weeks`` weeks up to ``week``.

    A pair is checked when it owed a report in each of those weeks. Progress in a week is
    a report whose results text (whitespace normalised) is non-empty and differs from the
    unit's previous report, or a "completed" report. Without progress the pair is listed
    with the reason: ``no_report`` (no report in the window), ``no_results`` (reports, but
    no results text - e.g. in-progress reports with goal and plan only) or ``unchanged``.

    Returns
    -------
    DataFrame
        ``directive_id``, ``title_th``, ``unit_id``, ``unit_name_th``, ``level``,
        ``level_th``, ``last_report_week``, ``last_progress_week``, ``reason``,
        ``reason_th``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> stalled(tiny_workspace(), "2022-01-31")[["unit_id", "last_report_week", "reason"]]
      unit_id last_report_week      reason
    0  PJO-64             None   no_report
    1  PJO-83       2022-01-17  no_results
    """
    if isinstance(n_weeks, bool) or not isinstance(n_weeks, int) or n_weeks < 1:
        raise ValueError(f"n_weeks ต้องเป็นจำนวนเต็มบวก (n_weeks must be >= 1): {n_weeks!r}")
    idx = _Index.of(ws)
    w = as_week(week)
    window = [w - _WEEK * i for i in range(n_weeks - 1, -1, -1)]
    cols = [
        "directive_id",
        "title_th",
        "unit_id",
        "unit_name_th",
        "level",
        "level_th",
        "last_report_week",
        "last_progress_week",
        "reason",
        "reason_th",
    ]
    rows = []
    for d in idx.directives.values():
        for u in d.units:
            if not all(idx.expected(d, u, x) for x in window):
                continue
            reps = [r for r in idx.reports.get((d.id, u), []) if r["week_start"] <= w]
            prev: str | None = None
            last_progress: dt.date | None = None
            for r in reps:
                text = _text(r.get("results"))
                if r["level"] == "completed" or (text is not None and text != prev):
                    last_progress = r["week_start"]
                prev = text
            if last_progress is not None and last_progress >= window[0]:
                continue
            in_window = [r for r in reps if r["week_start"] >= window[0]]
            if not in_window:
                reason = "no_report"
            elif all(_text(r.get("results")) is None for r in in_window):
                reason = "no_results"
            else:
                reason = "unchanged"
            rows.append(
                {
                    **_unit_cells(idx, d, u, idx.level(d, w)),
                    "last_report_week": reps[-1]["week_start"] if reps else None,
                    "last_progress_week": last_progress,
                    "reason": reason,
                    "reason_th": STALL_LABELS[reason],
                }
            )
    return _frame(rows, cols)


def unit_compliance(ws: Any, start: Any, end: Any) -> pd.DataFrame:
    """Per unit: reports expected, on time, late, missing and the on-time rate over a period.

    Only reports that were owed count (see the module rules); ``rate`` is
    ``on_time / expected``.

    Returns
    -------
    DataFrame
        ``unit_id``, ``unit_name_th``, ``expected``, ``on_time``, ``late``, ``missing``,
        ``rate``; one row per unit that owed any report, sorted by unit id.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> unit_compliance(tiny_workspace(), "2022-01-17", "2022-01-30")[
    ...     ["unit_id", "expected", "on_time", "late", "missing", "rate"]]
      unit_id  expected  on_time  late  missing  rate
    0  PJO-64         2        0     0        2   0.0
    1  PJO-83         2        1     0        1   0.5
    """
    df = report_status(ws, start, end)
    df = df[df["expected"].astype(bool)]
    cols = ["unit_id", "unit_name_th", "expected", "on_time", "late", "missing", "rate"]
    rows = []
    for u, g in df.groupby("unit_id", sort=True):
        n = len(g)
        counts = g["status"].value_counts()
        on_time = int(counts.get("on_time", 0))
        rows.append(
            {
                "unit_id": u,
                "unit_name_th": g["unit_name_th"].iloc[0],
                "expected": n,
                "on_time": on_time,
                "late": int(counts.get("late", 0)),
                "missing": int(counts.get("missing", 0)),
                "rate": on_time / n if n else float("nan"),
            }
        )
    return _frame(rows, cols)
