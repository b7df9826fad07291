"""Weekly reports on directives (ข้อสั่งการ, seed 002): the rules, the checks and the save.

This module holds everything the submission form (:mod:`kpyj_lib.apps.directive_form`) needs
except the widgets: which fields a level requires, which levels a unit may report in a week,
:func:`validate_report` (every problem, Thai with English) and :func:`submit_report` (one
transaction, or nothing). It never imports ipywidgets; its reads and writes are in
:mod:`kpyj_lib.store.directives`. The weekly analyses are in
:mod:`kpyj_lib.analysis.directives`; the executive print-out in
:mod:`kpyj_lib.documents.directives`.

Rules (seed 002; the reasoning is in ``docs/directives.md``)
-------------------------------------------------------------
* **Fields per level.** general, continuing and completed reports carry all six fields
  (goal, plan, results, outputs, outcomes, impact: seed 002 item 4, "ส่วนราชการจะต้องรายงาน
  6 หัวข้อ"); an **in-progress** report needs only **goal and plan** (item 4: "สามารถรายงาน
  แค่ข้อ 4.1 และ 4.2 ได้ก่อน"). The seed *allows* reporting only those two; it does not
  forbid more, so an in-progress report with other fields filled in is **accepted** and
  stored as typed, with a note saying that only goal and plan were required.
* **Deadline.** «ภายในวันศุกร์ ก่อน 16.00 น.»: before Friday 16.00 Asia/Bangkok of the
  report's week (16:00:00 itself is late). A late report is accepted and recorded as late
  (its ``submitted_at`` is the time of saving).
* **Weeks.** ``week_start`` must be a Monday (the form normalises any day to its Monday with
  :func:`normalise_week`); no week in the future of ``now`` (Bangkok); no week before the week
  of the meeting that issued the directive.
* **Completion.** A directive is reported completed in the week it is completed and never
  again: no report for a week after the week of its ``completed_date``; in that week the
  report must be "completed"; a "completed" report cannot precede that week. A unit files
  one "completed" report per directive and nothing for later weeks; when the last assigned
  unit files it, :func:`submit_report` also marks the directive completed (same transaction).
* **Levels.** The level is the directive's state **in the week reported** («หากสัปดาห์ใดที่
  ข้อสั่งการนั้นอยู่ในระดับ 2.4»): a general or continuing directive may be in progress one
  week and general or continuing again the next, and the goal + plan relief applies to a
  week reported as in progress; "completed" is terminal. See :func:`allowed_levels`.
* **Who.** The directive and the unit must exist and the unit must be assigned to it; one
  report per directive, unit and week (``replace=True`` corrects it, keeping its id).
* Text is stored as typed (surrounding spaces stripped) and escaped wherever it is shown;
  lengths are limited by :class:`kpyj_lib.model.WeeklyReport`.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> from datetime import datetime
>>> ws = tiny_workspace()
>>> report = build_report("DIR-2565-01", "PJO-64", "2022-01-26", "in_progress",
...                       {"goal": "จัดประชุม", "plan": "ประสานหน่วยงาน"})
>>> report["week_start"]
datetime.date(2022, 1, 24)
>>> validate_report(ws, report, now=datetime(2022, 1, 28, 10, 0))
[]
>>> for m in validate_report(ws, {**report, "level": "continuing"}, now=datetime(2022, 1, 28)):
...     print(m.rsplit(" (", 1)[1])
missing required field(s) for level 'continuing': results, outputs, outcomes, impact)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
from pydantic import ValidationError

from .. import reference
from ..analysis.directives import (
    FIELD_LABELS,
    LEVELS,
    REPORT_FIELDS,
    _aware,
    _Index,
    as_week,
    format_week_th,
    level_label,
)
from ..calendar import (
    THAI_WEEKDAYS,
    format_compilation,
    format_thai_date,
    format_thai_datetime,
    is_on_time,
    now_bangkok,
    parse_thai_date,
    reporting_deadline,
    week_start,
)
from ..exceptions import CalendarError, DirectiveReportError
from ..model import Directive, WeeklyReport
from ..store import directives as sql
from ..store import write_refusals
from ..text import is_truthy
from ..workspace import Workspace, rows_of
from . import access

if TYPE_CHECKING:
    from ..store import Connection, Store

__all__ = [
    "FIELD_LABELS",
    "LEVELS",
    "REPORT_FIELDS",
    "DirectiveContext",
    "DirectiveReportError",
    "FormState",
    "ReportCheck",
    "allowed_levels",
    "build_report",
    "check_report",
    "directive_options",
    "form_state",
    "level_label",
    "normalise_week",
    "report_id_for",
    "required_fields",
    "submit_report",
    "unit_options",
    "validate_report",
]

_FIELDS_DF = reference.load("report_fields").sort_values("order")
_IN_PROGRESS_FIELDS: tuple[str, ...] = tuple(
    r["code"] for r in _FIELDS_DF.to_dict("records") if bool(r["required_in_progress"])
)
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TABLES = sql.DIRECTIVE_TABLES


def required_fields(level: str) -> tuple[str, ...]:
    """The report fields a level requires.

    Examples
    --------
    >>> required_fields("in_progress")
    ('goal', 'plan')
    >>> required_fields("completed")
    ('goal', 'plan', 'results', 'outputs', 'outcomes', 'impact')
    """
    if level not in LEVELS:
        raise ValueError(f"ไม่รู้จักระดับข้อสั่งการ {level!r} (unknown directive level {level!r})")
    return _IN_PROGRESS_FIELDS if level == "in_progress" else REPORT_FIELDS


def normalise_week(value: Any) -> dt.date:
    """The Monday of the week of any day (date, datetime or text such as ``15/02/2565``).

    >>> normalise_week("2022-02-17")
    datetime.date(2022, 2, 14)
    """
    return as_week(value)


def report_id_for(directive_id: str, unit_id: str, week: Any) -> str:
    """The id a new report gets: ``WR-<directive without DIR->-<unit>-<yyyymmdd>``.

    Ids longer than the model allows (64) are shortened with a hash.

    >>> report_id_for("DIR-2565-01", "OJA", "2022-01-12")
    'WR-2565-01-OJA-20220110'
    """
    d = str(directive_id)
    d = d[4:] if d.startswith("DIR-") else d
    rid = f"WR-{d}-{unit_id}-{as_week(week):%Y%m%d}"
    if len(rid) > 64:
        digest = hashlib.sha256(rid.encode("utf-8")).hexdigest()[:16]
        rid = f"WR-{digest}-{as_week(week):%Y%m%d}"
    return rid


def build_report(
    directive_id: str,
    unit_id: str,
    week: Any,
    level: str | None,
    fields: Mapping[str, Any],
    *,
    report_id: str | None = None,
) -> dict[str, Any]:
    """The report dict the form submits: the week normalised to its Monday, text as typed.

    ``fields`` maps field codes (``goal`` .. ``impact``) to text; other keys are refused
    by :func:`validate_report`.

    >>> r = build_report("DIR-2565-01", "PJO-83", "2022-01-20", "in_progress", {"goal": " ก "})
    >>> r["week_start"], r["goal"], r["plan"]
    (datetime.date(2022, 1, 17), ' ก ', None)
    """
    report: dict[str, Any] = {
        "directive_id": directive_id,
        "unit_id": unit_id,
        "week_start": normalise_week(week),
        "level": level,
    }
    if report_id:
        report["id"] = report_id
    for f in REPORT_FIELDS:
        report[f] = fields.get(f)
    report.update({k: v for k, v in fields.items() if k not in REPORT_FIELDS})
    return report


# --------------------------------------------------------------------------- context
@dataclass
class DirectiveContext:
    """The tables the directive rules read, from a workspace or straight from a store.

    Quacks like a :class:`~kpyj_lib.workspace.Workspace` for the analyses of
    :mod:`kpyj_lib.analysis.directives` (``ctx["weekly_reports"]``, ``ctx.meta``,
    ``ctx.is_sample``). Built from a store it holds directives of every fiscal year
    (a continuing directive is reported until it is done, across years) unless a year
    is given.
    """

    frames: dict[str, pd.DataFrame]
    meta: dict[str, str] = field(default_factory=dict)
    source: str = "memory"

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self.frames[name]
        except KeyError:
            raise KeyError(f"directive context has no table {name!r}") from None

    @property
    def is_sample(self) -> bool:
        """True when the data is marked as sample (ตัวอย่าง)."""
        return is_truthy(self.meta.get("is_sample"))

    @classmethod
    def of(cls, ws_or_context: Workspace | DirectiveContext) -> DirectiveContext:
        """A context from a workspace (or the context itself)."""
        if isinstance(ws_or_context, DirectiveContext):
            return ws_or_context
        if isinstance(ws_or_context, Workspace):
            frames = {n: ws_or_context[n] for n in _TABLES}
            return cls(frames, dict(ws_or_context.meta), ws_or_context.source)
        raise TypeError(
            "ต้องเป็น Workspace หรือ DirectiveContext "
            f"(expected a Workspace or DirectiveContext, got {type(ws_or_context).__name__})"
        )

    @classmethod
    def from_store(
        cls, store: Store, *, conn: Connection | None = None, fiscal_year: int | None = None
    ) -> DirectiveContext:
        """Read the directive tables of a store (in ``conn``'s transaction when given)."""
        frames = sql.read_tables(store, conn=conn)
        if fiscal_year is not None:
            d = frames["directives"]
            frames["directives"] = d[d["fiscal_year"] == int(fiscal_year)].reset_index(drop=True)
            ids = set(frames["directives"]["id"].astype(str))
            for name in ("directive_units", "weekly_reports"):
                df = frames[name]
                frames[name] = df[df["directive_id"].astype(str).isin(ids)].reset_index(drop=True)
        m = frames["meta"]
        meta = dict(zip(m["key"].astype(str), m["value"].astype(str), strict=True))
        return cls(frames, meta, store.display_url)

    def without_reports(self, ids: Iterable[str]) -> DirectiveContext:
        """The same context without some weekly reports (those a correction replaces)."""
        drop = {str(i) for i in ids}
        frames = dict(self.frames)
        df = frames["weekly_reports"]
        frames["weekly_reports"] = df[~df["id"].astype(str).isin(drop)].reset_index(drop=True)
        return dataclasses.replace(self, frames=frames)

    def directive(self, directive_id: str) -> dict[str, Any] | None:
        """The directive's row as a dict, or None."""
        df = self.frames["directives"]
        rows = rows_of(df[df["id"].astype(str) == str(directive_id)])
        return rows[0] if rows else None

    def unit_ids(self) -> set[str]:
        """Every unit id."""
        return set(self.frames["units"]["id"].astype(str))


# --------------------------------------------------------------------------- helpers
def _now(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return now_bangkok()
    if not isinstance(now, dt.datetime):
        raise TypeError(f"now ต้องเป็น datetime (now must be a datetime, got {now!r})")
    return _aware(now)  # type: ignore[return-value]


def _clean(v: Any) -> str | None:
    """Text as typed, surrounding whitespace stripped (as the model does); empty is None."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    s = str(v).strip()
    return s or None


_week_th = format_week_th


def _labels(codes: Iterable[str]) -> str:
    return ", ".join(FIELD_LABELS[c][0] for c in codes)


def _max_length(name: str) -> int | None:
    for m in WeeklyReport.model_fields[name].metadata:
        if hasattr(m, "max_length") and m.max_length is not None:
            return int(m.max_length)
    return None


def _field_th(name: str) -> str:
    extra = WeeklyReport.model_fields[name].json_schema_extra or {}
    return str(extra.get("th", name))  # type: ignore[union-attr]


def allowed_levels(
    ws_or_context: Workspace | DirectiveContext, directive_id: str, week: Any
) -> list[str]:
    """The levels a report on a directive may have in a week; the default comes first.

    The level is the directive's state in that week, so it may change from week to week:

    * after the week the directive is completed: none (completed is terminal);
    * the week it is completed: ``completed`` only;
    * a directive recorded as completed, before that week: any level but ``completed``,
      the level as of that week first;
    * otherwise: the level as of that week (the level of the latest report on or before
      it), then the other levels of :data:`LEVELS` — a general or continuing directive may
      be reported in progress this week and general or continuing again later.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> allowed_levels(tiny_workspace(), "DIR-2565-01", "2022-01-24")
    ['in_progress', 'general', 'continuing', 'completed']
    """
    ctx = DirectiveContext.of(ws_or_context)
    idx = _Index.of(ctx)
    d = idx.directives.get(str(directive_id))
    if d is None:
        return []
    w = as_week(week)
    done = idx.done_week(d)
    if done is not None and w >= done:
        return ["completed"] if w == done else []
    current = idx.level(d, w) or d.level
    first = [current] if current != "completed" else []
    rest = [lv for lv in LEVELS if lv not in ("completed", current)]
    if d.completed_date is not None:
        return first + rest
    return [*first, *rest, "completed"]


def _blocking(
    idx: _Index,
    directive_id: str,
    unit_id: str,
    week: dt.date,
    now: dt.datetime,
) -> list[str]:
    """Problems that make any report of this unit on this directive for this week impossible."""
    errors: list[str] = []
    current = week_start(now)
    if week > current:
        errors.append(
            f"ยังรายงานสัปดาห์ {_week_th(week)} ไม่ได้ เพราะเป็นสัปดาห์ในอนาคต "
            f"(สัปดาห์ปัจจุบันคือ {_week_th(current)}) "
            f"(week {week.isoformat()} is in the future; the current week starts "
            f"{current.isoformat()}, Bangkok time)"
        )
    d = idx.directives.get(directive_id)
    if d is None:
        return errors
    if week < week_start(d.meeting_date):
        errors.append(
            f"สัปดาห์ {_week_th(week)} อยู่ก่อนการประชุมที่ออกข้อสั่งการ {d.id} "
            f"({format_thai_date(d.meeting_date)}) (week {week.isoformat()} is before the "
            f"meeting that issued {d.id} on {d.meeting_date.isoformat()})"
        )
    done = idx.done_week(d)
    if done is not None and week > done:
        when = (
            f" (วันที่ {format_thai_date(d.completed_date)})" if d.completed_date is not None else ""
        )
        errors.append(
            f"ข้อสั่งการ {d.id} แล้วเสร็จในสัปดาห์ {_week_th(done)}{when} จึงไม่ต้องรายงานอีก "
            f"(directive {d.id} was completed in the week of {done.isoformat()}; no report is "
            "taken for a later week)"
        )
        return errors
    closed = idx.closed_week(d.id, unit_id)
    if closed is not None and week > closed:
        errors.append(
            f"หน่วยงาน {unit_id} รายงานข้อสั่งการ {d.id} ว่าแล้วเสร็จไปแล้วในสัปดาห์ "
            f"{_week_th(closed)} จึงไม่ต้องรายงานอีก (unit {unit_id} already reported {d.id} "
            f"completed in the week of {closed.isoformat()}; no report after that)"
        )
    return errors


# --------------------------------------------------------------------------- checking
@dataclass
class ReportCheck:
    """The outcome of :func:`check_report`.

    ``errors`` refuse the report; ``notes`` do not (late, extra fields of an in-progress
    report, a correction). ``record`` is the report to store when there are no errors;
    ``replaces`` the ids it replaces; ``completes_directive`` whether saving it completes
    the directive (every assigned unit has now reported it completed).
    """

    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    record: WeeklyReport | None = None
    replaces: list[str] = field(default_factory=list)
    completes_directive: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _read_week(raw: Any, errors: list[str]) -> dt.date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        errors.append("ต้องระบุสัปดาห์ที่รายงาน (week_start is required)")
        return None
    try:
        day = parse_thai_date(raw.to_pydatetime() if isinstance(raw, pd.Timestamp) else raw)
    except (CalendarError, TypeError):
        errors.append(f"อ่านวันที่ของสัปดาห์ไม่ได้: {raw!r} (cannot read week_start {raw!r})")
        return None
    if day.weekday() != 0:
        monday = week_start(day)
        errors.append(
            f"สัปดาห์ที่รายงานต้องเป็นวันจันทร์ แต่ {format_thai_date(day)} เป็นวัน"
            f"{THAI_WEEKDAYS[day.weekday()]} สัปดาห์นี้เริ่มวันจันทร์ที่ {format_thai_date(monday)} "
            f"(week_start must be a Monday: {day.isoformat()} is a "
            f"{_EN_WEEKDAYS[day.weekday()]}; its week starts {monday.isoformat()})"
        )
        return monday
    return day


def check_report(
    ws_or_context: Workspace | DirectiveContext,
    report: Mapping[str, Any],
    *,
    now: dt.datetime | None = None,
    replace: bool = False,
) -> ReportCheck:
    """Check a report against the rules; every problem is listed, Thai with English.

    Parameters
    ----------
    ws_or_context : Workspace or DirectiveContext
        The data to check against (:func:`submit_report` reads the store's current data).
    report : mapping
        Keys of :class:`~kpyj_lib.model.WeeklyReport`: ``directive_id``, ``unit_id``,
        ``week_start`` (a Monday), ``level`` (default: the first of :func:`allowed_levels`),
        ``goal`` .. ``impact``; optional ``id`` (default :func:`report_id_for`) and
        ``submitted_at`` (default ``now``).
    now : datetime, optional
        The present (default: now in Bangkok); naive means Bangkok wall-clock time.
    replace : bool
        Correct the unit's existing report of that week instead of refusing a second one.

    Returns
    -------
    ReportCheck
    """
    ctx = DirectiveContext.of(ws_or_context)
    now = _now(now)
    errors: list[str] = []
    notes: list[str] = []
    allowed_keys = set(WeeklyReport.model_fields)
    unknown = sorted(str(k) for k in report if k not in allowed_keys)
    if unknown:
        errors.append(
            f"ไม่รู้จักหัวข้อ {', '.join(unknown)} (unknown field(s): {', '.join(unknown)}; "
            f"use {', '.join(sorted(allowed_keys))})"
        )
    directive_id = _clean(report.get("directive_id"))
    unit_id = _clean(report.get("unit_id"))
    if directive_id is None:
        errors.append("ต้องระบุข้อสั่งการ (directive_id is required)")
    if unit_id is None:
        errors.append("ต้องระบุหน่วยงาน (unit_id is required)")
    week = _read_week(report.get("week_start"), errors)
    texts = {f: _clean(report.get(f)) for f in REPORT_FIELDS}
    submitted_raw = report.get("submitted_at")
    submitted = _aware(submitted_raw) if isinstance(submitted_raw, dt.datetime) else now
    if submitted_raw is not None and not isinstance(submitted_raw, dt.datetime):
        errors.append(
            f"วันเวลาที่ส่งต้องเป็น datetime (submitted_at must be a datetime): {submitted_raw!r}"
        )

    raw_level = report.get("level")
    level: str | None = None
    if _clean(raw_level) is not None:
        level = reference.code_from_text("directive_level", raw_level)
        if level is None:
            errors.append(
                f"ไม่รู้จักระดับข้อสั่งการ {raw_level!r} เลือกได้: "
                f"{', '.join(level_label(lv) for lv in LEVELS)} "
                f"(unknown level {raw_level!r}; use {', '.join(LEVELS)})"
            )

    idx = _Index.of(ctx)
    d = idx.directives.get(directive_id) if directive_id else None
    if directive_id is not None and d is None:
        errors.append(f"ไม่พบข้อสั่งการรหัส {directive_id!r} (unknown directive {directive_id!r})")
    unit_known = unit_id is not None and unit_id in ctx.unit_ids()
    if unit_id is not None and not unit_known:
        errors.append(f"ไม่พบหน่วยงานรหัส {unit_id!r} (unknown unit {unit_id!r})")
    if d is not None and unit_known and unit_id not in d.units:
        assigned = ", ".join(d.units) or "-"
        errors.append(
            f"หน่วยงาน {unit_id} ไม่ได้รับมอบหมายให้รายงานข้อสั่งการ {d.id} "
            f"(หน่วยงานที่ได้รับมอบหมาย: {assigned}) (unit {unit_id} is not assigned to "
            f"directive {d.id}; assigned: {assigned})"
        )

    # the unit's existing report(s) of that week, and the report id
    existing: list[dict[str, Any]] = []
    rid = _clean(report.get("id"))
    if d is not None and unit_id is not None and week is not None:
        existing = [r for r in idx.reports.get((d.id, unit_id), []) if r["week_start"] == week]
        if existing and not replace:
            errors.append(
                f"หน่วยงาน {unit_id} ส่งรายงานข้อสั่งการ {d.id} ของสัปดาห์ {_week_th(week)} แล้ว "
                f"(รหัส {existing[0]['id']}) หากต้องการแก้ไขให้เลือก 'แก้ไขรายงานเดิม' "
                f"(unit {unit_id} already reported {d.id} for the week of {week.isoformat()}: "
                f"{existing[0]['id']}; submit with replace=True to correct it)"
            )
        if replace and existing:
            rid = str(existing[0]["id"])
            notes.append(
                f"แทนที่รายงานเดิม {rid} (replaces report {rid}; the time of saving becomes "
                "its submission time)"
            )
        if rid is None:
            rid = report_id_for(d.id, unit_id, week)
    replaced = [str(r["id"]) for r in existing] if replace else []
    if rid is not None:
        ids = ctx["weekly_reports"]["id"].astype(str)
        if rid in set(ids) and rid not in replaced:
            errors.append(
                f"รหัสรายงาน {rid!r} ถูกใช้กับรายงานอื่นแล้ว "
                f"(report id {rid!r} is already used by another report)"
            )

    # the rules of the week and of completion, against the data without the replaced report
    completes = False
    if d is not None and unit_id is not None and week is not None:
        eff = _Index.of(ctx.without_reports(replaced)) if replaced else idx
        blocking = _blocking(eff, d.id, unit_id, week, now)
        errors += blocking
        allowed = allowed_levels(ctx.without_reports(replaced), d.id, week)
        if level is None and _clean(raw_level) is None and allowed:
            level = allowed[0]
        closed = eff.closed_week(d.id, unit_id)
        cw = week_start(d.completed_date) if d.completed_date is not None else None
        if not blocking and level is not None:
            if level == "completed" and closed is not None:
                errors.append(
                    f"หน่วยงาน {unit_id} รายงานข้อสั่งการ {d.id} ว่าแล้วเสร็จไปแล้วในสัปดาห์ "
                    f"{_week_th(closed)} รายงานแล้วเสร็จได้เพียงครั้งเดียว (unit {unit_id} "
                    f"already filed the completed report of {d.id} in the week of "
                    f"{closed.isoformat()}; a directive is reported completed only once)"
                )
            elif cw is not None and week == cw and level != "completed":
                errors.append(
                    f"ข้อสั่งการ {d.id} แล้วเสร็จเมื่อ{format_thai_date(d.completed_date)} "
                    f"รายงานของสัปดาห์นี้ต้องเป็นระดับ '{level_label('completed')}' "
                    f"(directive {d.id} was completed on {d.completed_date.isoformat()}: "  # type: ignore[union-attr]
                    "this week's report must have level 'completed')"
                )
            elif cw is not None and week < cw and level == "completed":
                errors.append(
                    f"ข้อสั่งการ {d.id} บันทึกว่าแล้วเสร็จเมื่อ{format_thai_date(d.completed_date)} "
                    f"ไม่ใช่ในสัปดาห์ {_week_th(week)} (directive {d.id} is recorded as "
                    f"completed on {d.completed_date.isoformat()}, not in the week of "  # type: ignore[union-attr]
                    f"{week.isoformat()})"
                )
            elif level not in allowed:
                errors.append(
                    f"ระดับ '{level_label(level)}' ใช้กับข้อสั่งการ {d.id} ในสัปดาห์นี้ไม่ได้ "
                    f"เลือกได้: {', '.join(level_label(lv) for lv in allowed)} "
                    f"(level {level!r} is not allowed for {d.id} this week; allowed: "
                    f"{', '.join(allowed)})"
                )
        if level == "completed" and d.completed_date is None and unit_id in d.units:
            others = [u for u in d.units if u != unit_id]
            completes = all(eff.closed_week(d.id, u) is not None for u in others)
        if week is not None and not is_on_time(submitted, week) and not blocking:
            notes.append(
                f"ส่งหลังกำหนด ({format_thai_datetime(reporting_deadline(week))}) "
                f"รายงานจะถูกบันทึกว่าส่งล่าช้า (submitted after the deadline "
                f"{reporting_deadline(week).isoformat()}: recorded as late)"
            )

    # fields required by the level, extra fields of an in-progress report, lengths
    need = required_fields(level) if level in LEVELS else _IN_PROGRESS_FIELDS
    missing = [f for f in need if texts[f] is None]
    if missing:
        lv = level or "?"
        lv_th = level_label(level) if level in LEVELS else "?"
        errors.append(
            f"ยังไม่ได้กรอกหัวข้อที่จำเป็นสำหรับระดับ '{lv_th}': {_labels(missing)} "
            f"(missing required field(s) for level {lv!r}: {', '.join(missing)})"
        )
    if level == "in_progress":
        extra = [f for f in REPORT_FIELDS if f not in _IN_PROGRESS_FIELDS and texts[f]]
        if extra:
            notes.append(
                f"ข้อสั่งการอยู่ระหว่างดำเนินการต้องรายงานเพียงเป้าหมายและแผนการดำเนินงาน "
                f"หัวข้อที่กรอกเพิ่ม ({_labels(extra)}) จะถูกบันทึกตามที่กรอก (in progress: "
                f"only goal and plan are required; the extra field(s) {', '.join(extra)} are "
                "stored as typed)"
            )
    for name, value in [("id", rid), ("directive_id", directive_id), ("unit_id", unit_id)] + [
        (f, texts[f]) for f in REPORT_FIELDS
    ]:
        limit = _max_length(name)
        if value is not None and limit is not None and len(value) > limit:
            errors.append(
                f"{_field_th(name)} ยาวเกิน {limit:,} ตัวอักษร (มี {len(value):,} ตัวอักษร) "
                f"({name} is longer than {limit} characters: {len(value)})"
            )
    if completes and not errors:
        notes.append(
            f"รายงานนี้ทำให้ข้อสั่งการ {directive_id} แล้วเสร็จ (ทุกหน่วยงานรายงานแล้วเสร็จ) "
            f"(this report completes directive {directive_id}: every assigned unit has "
            "reported it completed)"
        )

    record = None
    if not errors:
        try:
            record = WeeklyReport(
                id=rid,
                directive_id=directive_id,
                unit_id=unit_id,
                week_start=week,
                submitted_at=submitted,
                level=level,
                **texts,
            )
        except ValidationError as exc:  # anything the checks above did not foresee
            for err in exc.errors():
                loc = ".".join(str(p) for p in err.get("loc", ()))
                errors.append(f"ข้อมูลไม่ถูกต้องที่ {loc}: {err.get('msg')} (invalid {loc})")
    return ReportCheck(
        errors=errors,
        notes=notes,
        record=record,
        replaces=[i for i in replaced if i != rid],
        completes_directive=completes and not errors,
    )


def validate_report(
    ws_or_context: Workspace | DirectiveContext,
    report: Mapping[str, Any],
    *,
    now: dt.datetime | None = None,
    replace: bool = False,
) -> list[str]:
    """Every reason to refuse a weekly report (Thai with English); empty when it is fine.

    See :func:`check_report` for the parameters and the module docstring for the rules.
    Notes that do not refuse the report (late, extra in-progress fields) are in
    :attr:`ReportCheck.notes`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from datetime import datetime
    >>> bad = {"directive_id": "DIR-2565-01", "unit_id": "CORR-83",
    ...        "week_start": "2022-01-26", "goal": "ก", "plan": "ข"}
    >>> for m in validate_report(tiny_workspace(), bad, now=datetime(2022, 1, 28)):
    ...     print(m.split(" (")[0])
    สัปดาห์ที่รายงานต้องเป็นวันจันทร์ แต่ 26 มกราคม 2565 เป็นวันพุธ สัปดาห์นี้เริ่มวันจันทร์ที่ 24 มกราคม 2565
    หน่วยงาน CORR-83 ไม่ได้รับมอบหมายให้รายงานข้อสั่งการ DIR-2565-01
    """
    return check_report(ws_or_context, report, now=now, replace=replace).errors


def _completed_directive(
    ctx: DirectiveContext, directive_id: str, week: dt.date, now: dt.datetime
) -> Directive:
    row = ctx.directive(directive_id)
    assert row is not None
    row["fiscal_year"] = int(row["fiscal_year"])
    row["level"] = "completed"
    row["completed_date"] = min(now.date(), week + dt.timedelta(days=6))
    return Directive(**row)


def submit_report(
    store: Store,
    report: Mapping[str, Any],
    *,
    now: dt.datetime | None = None,
    replace: bool = False,
    person: str | None = None,
) -> WeeklyReport:
    """Check a report against the store's current data and save it in one transaction.

    Signed in to the hub (``person``, see :mod:`kpyj_lib.services.access`), the person must
    be allowed to report for the report's unit (a reporter: its own units; a planning
    group: its units and those below them; an administrator: any); otherwise the report is
    refused with a Thai message and nothing is stored.

    ``submitted_at`` is the time of saving (``now``), whatever the report says. When the
    report is the last assigned unit's "completed" report, the directive is marked
    completed in the same transaction (``completed_date`` = the day of saving, at most the
    Sunday of the report's week).

    Parameters
    ----------
    store : Store
    report : mapping
        As for :func:`check_report`.
    now : datetime, optional
        The time of saving (default: now in Bangkok); naive means Bangkok wall-clock time.
    replace : bool
        Correct the unit's existing report of that week (keeps its id).
    person : str, optional
        The signed-in hub user (required under the hub).

    Returns
    -------
    WeeklyReport
        The stored record.

    Raises
    ------
    DirectiveReportError
        With every problem (:attr:`~kpyj_lib.exceptions.DirectiveReportError.messages`);
        nothing is stored.
    StoreError
        The store is not initialised or refused the write.
    AccessError
        The signed-in person may not report for the report's unit.
    """
    now = _now(now)
    data = dict(report)
    data["submitted_at"] = now
    store.check()
    # BEGIN IMMEDIATE on SQLite: concurrent saves queue
    with write_refusals(), store.begin() as conn:
        p = access.actor(conn, person)
        if p is not None:
            access.require_unit(conn, p, str(data.get("unit_id") or "").strip())
        ctx = DirectiveContext.from_store(store, conn=conn)
        chk = check_report(ctx, data, now=now, replace=replace)
        if chk.errors or chk.record is None:
            raise DirectiveReportError(chk.errors)
        rec = chk.record
        done = (
            _completed_directive(ctx, rec.directive_id, rec.week_start, now)
            if chk.completes_directive
            else None
        )
        sql.save_report(store, conn, rec, completes=done, replaces=chk.replaces)
    return rec


# --------------------------------------------------------------------------- form logic
def unit_options(
    ws_or_context: Workspace | DirectiveContext, only: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """``(label, unit id)`` of every unit assigned to any directive, sorted by id (with
    ``only``: of those units only — the units a signed-in person may report for).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> unit_options(tiny_workspace())
    [('สำนักงานยุติธรรมจังหวัดสุโขทัย (PJO-64)', 'PJO-64'), ('สำนักงานยุติธรรมจังหวัดภูเก็ต (PJO-83)', 'PJO-83')]
    """
    ctx = DirectiveContext.of(ws_or_context)
    idx = _Index.of(ctx)
    assigned = sorted({u for d in idx.directives.values() for u in d.units})
    if only is not None:
        keep = set(only)
        assigned = [u for u in assigned if u in keep]
    return [(f"{idx.unit_name(u)} ({u})", u) for u in assigned]


def directive_options(
    ws_or_context: Workspace | DirectiveContext,
    unit_id: str,
    week: Any = None,
    *,
    now: dt.datetime | None = None,
) -> list[tuple[str, str]]:
    """``(label, directive id)`` of the directives a unit reports on.

    With ``week``, only those the unit can still report for that week (issued by then, not
    completed before it, not closed by the unit).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> directive_options(tiny_workspace(), "PJO-83", "2022-01-24")[0][1]
    'DIR-2565-01'
    """
    ctx = DirectiveContext.of(ws_or_context)
    idx = _Index.of(ctx)
    out = []
    for d in idx.directives.values():
        if unit_id not in d.units:
            continue
        if week is not None:
            w = as_week(week)
            present = _now(now) if now is not None else dt.datetime.combine(w, dt.time(12))
            if _blocking(idx, d.id, unit_id, w, _aware(present)):  # type: ignore[arg-type]
                continue
        title = d.title_th if len(d.title_th) <= 70 else d.title_th[:69] + "…"
        out.append((f"{d.id} {title}", d.id))
    return out


@dataclass
class FormState:
    """What the form shows for a unit, a directive and a week (all text unescaped)."""

    directive_id: str
    unit_id: str
    week: dt.date
    week_th: str
    deadline_th: str
    compilation_th: str
    title_th: str
    levels: list[tuple[str, str]]
    default_level: str | None
    required: dict[str, tuple[str, ...]]
    existing: dict[str, Any] | None
    blocked: list[str]
    notes: list[str]


def form_state(
    ws_or_context: Workspace | DirectiveContext,
    unit_id: str,
    directive_id: str,
    week: Any,
    *,
    now: dt.datetime | None = None,
) -> FormState:
    """Everything the form shows before the user types: week, deadline, levels, fields.

    ``blocked`` lists the reasons no report can be made (future week, directive done, not
    assigned...); ``existing`` is the unit's report of that week if there is one.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from datetime import datetime
    >>> s = form_state(tiny_workspace(), "PJO-83", "DIR-2565-01", "2022-01-20",
    ...                now=datetime(2022, 1, 28, 9, 0))
    >>> s.week, s.default_level, s.required["in_progress"], s.existing["id"]
    (datetime.date(2022, 1, 17), 'in_progress', ('goal', 'plan'), 'WR-2565-01-83')
    >>> s.deadline_th, s.notes[0].split(" (")[0]
    ('21 ม.ค. 2565 เวลา 16.00 น.', 'เลยกำหนดส่งแล้ว')
    """
    ctx = DirectiveContext.of(ws_or_context)
    idx = _Index.of(ctx)
    now = _now(now)
    w = normalise_week(week)
    d = idx.directives.get(str(directive_id))
    blocked = _blocking(idx, str(directive_id), str(unit_id), w, now)
    if d is None:
        blocked.insert(0, f"ไม่พบข้อสั่งการรหัส {directive_id!r} (unknown directive {directive_id!r})")
    elif unit_id not in d.units:
        blocked.insert(
            0,
            f"หน่วยงาน {unit_id} ไม่ได้รับมอบหมายให้รายงานข้อสั่งการ {d.id} "
            f"(unit {unit_id} is not assigned to directive {d.id})",
        )
    levels = allowed_levels(ctx, str(directive_id), w) if d is not None else []
    rows = [
        r for r in idx.reports.get((str(directive_id), str(unit_id)), []) if r["week_start"] == w
    ]
    notes = []
    deadline = reporting_deadline(w)
    if not blocked and now > deadline:
        notes.append(
            f"เลยกำหนดส่งแล้ว ({format_thai_datetime(deadline)}) รายงานที่ส่งตอนนี้จะถูกบันทึกว่าส่งล่าช้า "
            f"(past the deadline {deadline.isoformat()}: a report sent now is recorded as late)"
        )
    return FormState(
        directive_id=str(directive_id),
        unit_id=str(unit_id),
        week=w,
        week_th=format_week_th(w),
        deadline_th=format_thai_datetime(deadline),
        compilation_th=format_compilation(w),
        title_th=d.title_th if d is not None else "",
        levels=[(level_label(lv), lv) for lv in levels],
        default_level=levels[0] if levels else None,
        required={lv: required_fields(lv) for lv in levels},
        existing=rows[0] if rows else None,
        blocked=blocked,
        notes=notes,
    )
