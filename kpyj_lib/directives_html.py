"""The weekly executive print-out on directives (seed 002) as escaped HTML.

Seed 002 item 3: when the heads of department come to the ministry's executive meeting, the
staff print what was reported in the system, **divided by the four directive levels**.
:class:`WeeklyView` computes one week (grouping, statuses, compliance, late and missing
reports, stalled directives) from :mod:`kpyj_lib.analysis.directives`; :func:`render_section`
turns each part into HTML in which every user value is escaped; the notebook
``notebooks/directives_weekly.ipynb`` shows the parts with :func:`show_weekly`, and
:func:`kpyj_lib.publish.publish_directives` runs that notebook and writes HTML (code hidden,
A4 landscape) and optionally PDF (headless Chromium).

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> view = WeeklyView.build(tiny_workspace(), "2022-01-19")
>>> view.week, view.headline()["missing"]
(datetime.date(2022, 1, 17), 1)
>>> page = render_weekly(view)
>>> all(h in page for h in ("ข้อสั่งการทั่วไป", "ข้อสั่งการต่อเนื่อง", "ข้อสั่งการแล้วเสร็จ",
...                         "ข้อสั่งการอยู่ระหว่างดำเนินการ"))
True
>>> "ข้อมูลตัวอย่าง" in page, "size: A4 landscape" in page
(True, True)
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import pandas as pd

from .analysis import directives as ad
from .calendar import (
    compilation_time,
    fiscal_year,
    fiscal_year_bounds,
    format_fiscal_year,
    format_thai_date,
    format_thai_datetime,
    reporting_deadline,
    today_bangkok,
)
from .directives import FIELD_LABELS, DirectiveContext, level_label
from .report import df_to_html, esc, sample_banner
from .workspace import Workspace

__all__ = [
    "HEADLINE_MIME",
    "PRINT_CSS",
    "SECTIONS",
    "WeeklyView",
    "open_weekly",
    "render_section",
    "render_weekly",
    "show_headline",
    "show_weekly",
]

#: MIME type of the headline figures the batch runner reads from the executed notebook.
HEADLINE_MIME = "application/vnd.kpyj.headline+json"

#: The parts of the print-out in order: (key, Thai heading, English heading).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("title", "", ""),
    *((lv, level_label(lv), lv) for lv in ad.LEVELS),
    ("compliance", "การส่งรายงานรายหน่วยงาน", "Compliance per unit"),
    ("late_missing", "รายงานที่ส่งล่าช้าและขาดส่ง", "Late and missing reports"),
    ("stalled", "ข้อสั่งการที่ไม่มีความคืบหน้า", "Directives without progress"),
)
_LEVEL_NO = {lv: f"2.{i}" for i, lv in enumerate(ad.LEVELS, 1)}  # seed 002 numbering
_LEVEL_EN = {
    "general": "General directives",
    "continuing": "Continuing directives",
    "completed": "Directives completed this week",
    "in_progress": "Directives in progress",
}

#: Print rules of the print-out: A4 landscape, repeated table headers, Thai-friendly text.
PRINT_CSS = """
@page { size: A4 landscape; margin: 10mm 10mm 12mm 10mm; }
.kpyj-dir { font-family: "Sarabun", "TH Sarabun New", "Loma", "Garuda", sans-serif; }
.kpyj-dir h1 { font-size: 1.45rem; margin: 0 0 0.2rem 0; }
.kpyj-dir h2 { font-size: 1.15rem; margin: 1.1rem 0 0.35rem 0; border-bottom: 2px solid #444; }
.kpyj-dir h3 { font-size: 1rem; margin: 0.6rem 0 0.2rem 0; }
.kpyj-dir h2 small, .kpyj-dir h3 small { color: #555; font-weight: normal; }
.kpyj-dir p.kpyj-meta { margin: 0.1rem 0; }
.kpyj-dir table.kpyj-dt { border-collapse: collapse; width: 100%; table-layout: fixed;
  font-size: 12px; margin: 0.3rem 0 0.6rem 0; }
.kpyj-dir table.kpyj-dt th, .kpyj-dir table.kpyj-dt td { border: 1px solid #888;
  padding: 3px 5px; vertical-align: top; text-align: left; overflow-wrap: anywhere;
  white-space: normal; }
.kpyj-dir table.kpyj-dt th { background: #eee; }
.kpyj-dir table.kpyj-dt td.kpyj-text { white-space: pre-line; }
.kpyj-dir table.kpyj-dt td.kpyj-num { text-align: right; }
.kpyj-dir .kpyj-late { color: #b00020; font-weight: bold; }
.kpyj-dir .kpyj-missing { color: #b00020; font-weight: bold; }
.kpyj-dir .kpyj-muted { color: #666; }
.kpyj-dir p.kpyj-none { margin: 0.2rem 0 0.6rem 1rem; font-style: italic; }
@media print {
  .kpyj-dir h2 { break-after: avoid; page-break-after: avoid; }
  .kpyj-dir table.kpyj-dt thead { display: table-header-group; }
  .kpyj-dir table.kpyj-dt tr { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _dt_th(value: Any) -> str:
    return "" if value is None else format_thai_datetime(value)


def _date_th(value: Any) -> str:
    return "" if value is None else format_thai_date(value, style="abbr")


#: What a list or table of the print-out shows when it has no row.
_NONE = '<p class="kpyj-none">ไม่มี (none)</p>'


def _dt_table(df: pd.DataFrame, columns: dict[str, str]) -> str:
    """:func:`~kpyj_lib.report.df_to_html` with the print-out's ``kpyj-dt`` table style."""
    html = df_to_html(df, columns)
    return html.replace('class="dataframe kpyj-table"', 'class="dataframe kpyj-table kpyj-dt"')


def _unit_labels(df: pd.DataFrame) -> list[str]:
    """``name (id)`` of each row's unit."""
    return [f"{n} ({u})" for n, u in zip(df["unit_name_th"], df["unit_id"], strict=True)]


@dataclass
class WeeklyView:
    """One week of directive reporting, computed once for the print-out.

    Parameters
    ----------
    data : Workspace or DirectiveContext
    week : date
        The Monday of the week.
    period_start : date
        The first day of the compliance period (the start of the week's fiscal year).
    """

    data: Workspace | DirectiveContext
    week: dt.date
    period_start: dt.date

    @classmethod
    def build(cls, data: Workspace | DirectiveContext, week: Any = None) -> WeeklyView:
        """The view of ``week`` (any day of it; default: the latest week with a report)."""
        if week is None or (isinstance(week, str) and not week.strip()):
            weeks = [w for w in data["weekly_reports"]["week_start"] if w is not None]
            week = max(weeks) if weeks else today_bangkok()
        w = ad.as_week(week)
        return cls(data=data, week=w, period_start=fiscal_year_bounds(fiscal_year(w))[0])

    @property
    def is_sample(self) -> bool:
        return bool(self.data.is_sample)

    @property
    def week_end(self) -> dt.date:
        return self.week + dt.timedelta(days=6)

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


def open_weekly(week: str = "", db_url: str = "", fiscal_year: int | None = 0) -> WeeklyView:
    """The view of a week read from a store (the notebook's one-line start).

    Parameters
    ----------
    week : str
        ISO date of any day of the week; ``""`` = the latest week with a report.
    db_url : str
        Store URL; ``""`` = ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``.
    fiscal_year : int
        Only the directives of this fiscal year (BE); ``0`` = every directive in the store
        (a continuing directive is reported until done, across fiscal years).
    """
    from .store import open_store

    store = open_store(db_url or None)
    try:
        ctx = DirectiveContext.from_store(store, fiscal_year=fiscal_year or None)
    finally:
        store.close()
    return WeeklyView.build(ctx, week or None)


# --------------------------------------------------------------------------- sections
def _h2(key: str, count: str = "") -> str:
    if key in _LEVEL_NO:
        th, en = level_label(key), _LEVEL_EN[key]
        head = f"{_LEVEL_NO[key]} {esc(th)}"
    else:
        _, th, en = next(s for s in SECTIONS if s[0] == key)
        head = esc(th)
    extra = f" · {esc(count)}" if count else ""
    return f'<h2 id="kpyj-{key}">{head} <small>({esc(en)}){extra}</small></h2>'


def _title(view: WeeklyView) -> str:
    w = view.week
    deadline = format_thai_datetime(reporting_deadline(w), style="full")
    compiled = compilation_time(w)
    parts = [
        "<h1>รายงานผลการดำเนินงานตามข้อสั่งการจากการประชุมผู้บริหารกระทรวงยุติธรรม</h1>",
        f'<p class="kpyj-meta"><b>ประจำสัปดาห์ {esc(ad.format_week_th(w))}</b> '
        f"({esc(format_fiscal_year(fiscal_year(w)))}) · Weekly directive report, week of "
        f"{esc(w.isoformat())}</p>",
        f'<p class="kpyj-meta">กำหนดส่งรายงาน: วันศุกร์ที่ {esc(deadline)} · '
        f"รวบรวมเสนอผู้บริหาร: {esc(format_thai_date(compiled, with_weekday=True))} "
        f"เวลา {compiled:%H:%M} น. (due Friday 16:00, compiled Monday morning)</p>",
    ]
    h = view.headline()
    parts.append(
        f'<p class="kpyj-meta">รายงานที่ต้องส่งสัปดาห์นี้ {h["expected"]} ฉบับ: '
        f"ส่งตรงเวลา {h['on_time']} · "
        f'<span class="{"kpyj-late" if h["late"] else ""}">ส่งล่าช้า {h["late"]}</span> · '
        f'<span class="{"kpyj-missing" if h["missing"] else ""}">ขาดส่ง {h["missing"]}</span>'
        f" (expected {h['expected']}: on time {h['on_time']}, late {h['late']}, "
        f"missing {h['missing']})</p>"
    )
    if view.is_sample:
        parts.append(sample_banner())
    return "\n".join(parts)


def _status_cell(row: dict[str, Any]) -> str:
    status = row["status"]
    cls = {"late": "kpyj-late", "missing": "kpyj-missing", "not_due": "kpyj-muted"}.get(status, "")
    out = f'<span class="{cls}">{esc(row["status_th"])}</span>'
    if row.get("submitted_at") is not None:
        out += f"<br><small>{esc(_dt_th(row['submitted_at']))}</small>"
    if row.get("report_id"):
        out += f'<br><small class="kpyj-muted">{esc(row["report_id"])}</small>'
    return out


def _level_table(view: WeeklyView, level: str) -> str:
    df = view.by_level[view.by_level["level"] == level]
    n = df["directive_id"].nunique()
    if df.empty:
        return _h2(level, "0 เรื่อง") + _NONE
    widths = ["15%", "10%", "9%"] + ["11%"] * 6
    heads = ["ข้อสั่งการ", "หน่วยงาน", "การส่งรายงาน"] + [FIELD_LABELS[f][0] for f in ad.REPORT_FIELDS]
    cols = "".join(f'<col style="width:{w}">' for w in widths)
    thead = "".join(f"<th>{esc(h)}</th>" for h in heads)
    body = []
    for did, g in df.groupby("directive_id", sort=False):
        rows = g.to_dict("records")
        first = rows[0]
        info = f"<b>{esc(did)}</b><br>{esc(first['title_th'])}"
        sub = [f"ประชุม {_date_th(first['meeting_date'])}"]
        if first.get("issuer"):
            sub.append(str(first["issuer"]))
        if level == "completed" and first.get("completed_date") is not None:
            sub.append(f"แล้วเสร็จ {_date_th(first['completed_date'])}")
        info += f'<br><small class="kpyj-muted">{esc(" · ".join(sub))}</small>'
        for i, r in enumerate(rows):
            cells = []
            if i == 0:
                cells.append(f'<td rowspan="{len(rows)}">{info}</td>')
            unit = "–" if r["unit_id"] is None else f"{r['unit_name_th']} ({r['unit_id']})"
            cells.append(f"<td>{esc(unit)}</td>")
            cells.append(f"<td>{_status_cell(r)}</td>")
            if r["report_id"] is None:
                msg = (
                    "ยังไม่ได้รับรายงาน (no report)"
                    if r["status"] == "missing"
                    else "ไม่ต้องรายงานสัปดาห์นี้ (no report due)"
                )
                cells.append(f'<td colspan="6" class="kpyj-muted">{esc(msg)}</td>')
            else:
                cells += [
                    f'<td class="kpyj-text">{esc(r[f]) if r[f] is not None else "–"}</td>'
                    for f in ad.REPORT_FIELDS
                ]
            body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        _h2(level, f"{n} เรื่อง")
        + f'<table class="kpyj-dt"><colgroup>{cols}</colgroup><thead><tr>{thead}</tr></thead>'
        + f"<tbody>{''.join(body)}</tbody></table>"
    )


def _pct(x: float) -> str:
    return "–" if x != x else f"{x * 100:.0f}%"


def _compliance(view: WeeklyView) -> str:
    df = view.compliance.copy()
    period = (
        f"ตั้งแต่ {format_thai_date(view.period_start)} ถึง {format_thai_date(view.week_end)} "
        f"(from {view.period_start.isoformat()} to {view.week_end.isoformat()})"
    )
    if df.empty:
        return _h2("compliance") + f"<p>{esc(period)}</p>" + df_to_html(df)
    total = {
        "unit_id": "",
        "unit_name_th": "รวม (total)",
        **{c: int(df[c].sum()) for c in ("expected", "on_time", "late", "missing")},
    }
    total["rate"] = total["on_time"] / total["expected"] if total["expected"] else float("nan")
    df = pd.concat([df, pd.DataFrame([total])], ignore_index=True)
    df["rate"] = [_pct(x) for x in df["rate"]]
    table = _dt_table(
        df,
        {"unit_id": "รหัส", "unit_name_th": "หน่วยงาน", "expected": "ต้องส่ง",
         "on_time": "ตรงเวลา", "late": "ล่าช้า", "missing": "ขาดส่ง",
         "rate": "ร้อยละตรงเวลา"},
    )  # fmt: skip
    return _h2("compliance") + f'<p class="kpyj-meta">{esc(period)}</p>' + table


def _status_list(df: pd.DataFrame, with_week: bool) -> str:
    df = df[df["status"].isin(["late", "missing"])]
    if df.empty:
        return _NONE
    out = pd.DataFrame(
        {
            **({"week": [ad.format_week_th(w) for w in df["week_start"]]} if with_week else {}),
            "directive": df["directive_id"],
            "unit": _unit_labels(df),
            "status": df["status_th"],
            "deadline": [_dt_th(x) for x in df["deadline"]],
            "submitted": [_dt_th(x) if x is not None else "–" for x in df["submitted_at"]],
            "report": [x if x is not None else "–" for x in df["report_id"]],
        }
    )
    cols = {
        **({"week": "สัปดาห์"} if with_week else {}),
        "directive": "ข้อสั่งการ",
        "unit": "หน่วยงาน",
        "status": "สถานะ",
        "deadline": "กำหนดส่ง",
        "submitted": "ส่งเมื่อ",
        "report": "รหัสรายงาน",
    }
    return _dt_table(out, cols)


def _late_missing(view: WeeklyView) -> str:
    period = view.period_status
    return (
        _h2("late_missing")
        + "<h3>สัปดาห์นี้ <small>(this week)</small></h3>"
        + _status_list(view.status, with_week=False)
        + f"<h3>สะสมตั้งแต่ {esc(format_thai_date(view.period_start))} "
        + "<small>(since the start of the fiscal year)</small></h3>"
        + _status_list(period, with_week=True)
    )


def _stalled(view: WeeklyView) -> str:
    df = view.stalled.copy()
    note = (
        '<p class="kpyj-meta">ไม่มีรายงาน หรือผลการดำเนินงานไม่เปลี่ยนแปลงติดต่อกัน 3 สัปดาห์ '
        "(no report, or no change in results, for 3 weeks)</p>"
    )
    if df.empty:
        return _h2("stalled") + note + _NONE
    df["unit"] = _unit_labels(df)
    df["last_report_week"] = [_date_th(x) or "–" for x in df["last_report_week"]]
    df["last_progress_week"] = [_date_th(x) or "–" for x in df["last_progress_week"]]
    html = _dt_table(
        df,
        {"directive_id": "ข้อสั่งการ", "title_th": "เรื่อง", "unit": "หน่วยงาน",
         "level_th": "ระดับ", "reason_th": "เหตุ", "last_report_week": "รายงานล่าสุด (สัปดาห์)",
         "last_progress_week": "ความคืบหน้าล่าสุด (สัปดาห์)"},
    )  # fmt: skip
    return _h2("stalled") + note + html


def render_section(view: WeeklyView, key: str) -> str:
    """One part of the print-out as an HTML fragment (with the print CSS).

    ``key`` is one of :data:`SECTIONS`: ``title``, a level code, ``compliance``,
    ``late_missing`` or ``stalled``. Every user value is escaped.
    """
    if key == "title":
        body = _title(view)
    elif key in ad.LEVELS:
        body = _level_table(view, key)
    elif key == "compliance":
        body = _compliance(view)
    elif key == "late_missing":
        body = _late_missing(view)
    elif key == "stalled":
        body = _stalled(view)
    else:
        raise KeyError(f"no section {key!r} (known: {', '.join(k for k, _, _ in SECTIONS)})")
    return f'<style>{PRINT_CSS}</style><div class="kpyj-dir">{body}</div>'


def render_weekly(view: WeeklyView) -> str:
    """The whole print-out as one HTML fragment (no notebook involved)."""
    return "".join(render_section(view, k) for k, _, _ in SECTIONS)


def show_weekly(view: WeeklyView, key: str | None = None) -> None:
    """Display one part (or, with ``key=None``, the whole print-out) in a notebook."""
    from IPython.display import HTML, display

    display(HTML(render_weekly(view) if key is None else render_section(view, key)))


def show_headline(view: WeeklyView) -> None:
    """Emit the headline figures for the batch runner (invisible in the HTML)."""
    from IPython.display import display

    display({HEADLINE_MIME: json.loads(json.dumps(view.headline(), default=str))}, raw=True)
