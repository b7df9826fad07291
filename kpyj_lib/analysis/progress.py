"""Progress of key results and its roll-up to objectives, provinces, clusters and the nation.

Progress runs from a KR's baseline (0) to its target (1) and respects its direction:

* ``up`` and ``down``: ``(value - baseline) / (target - baseline)``; the sign of the
  denominator takes care of the direction, so a downward KR that falls is progressing.
* ``reach``: the target is a level to reach or keep; progress is
  ``1 - |target - value| / |target - baseline|`` (or, when the baseline already equals the
  target, 1 when the value equals it and falling off with the relative distance).

``progress`` is unclipped (over-achievement > 1, regression < 0); ``progress_clipped`` lies
in [0, 1] and is what roll-ups average. A KR with no check-in up to the as-of date has no
progress (``NaN``) and the status ``no_data`` — never 0 %.

Expected progress is linear in time between the KR's own start and due dates, or the
fiscal year's bounds where the KR has none. The status compares actual with expected:
``on_track`` when ``actual >= expected * on_track``, ``at_risk`` when
``actual >= expected * at_risk``, otherwise ``off_track``.

The above is a *level* KR (ค่า ณ วันที่รายงาน: the latest value is the state). A KR whose
check-ins are year-to-date totals (*cumulative*, สะสมตั้งแต่ต้นปีงบประมาณ) or amounts per
period (*periodic*, รายรอบ, added up here) starts the year at 0: its progress is the share
of the year's target earned so far and its year-end projection is compared with the
target (:mod:`kpyj_lib.analysis.measure`, where the rules and the two worked examples of
issue 17 are):

>>> from kpyj_lib.analysis.measure import cumulative_progress
>>> round(cumulative_progress(850, 1200, 640, "up", 0.5, 0.5).progress, 3)  # on track
0.533
>>> cumulative_progress(310, 250, 148, "down", 0.5, 0.5).status  # ~296 a year: behind
'at_risk'

Both kinds of progress lie on the same 0-1 scale against the same expected progress (the
elapsed share of the window), so roll-ups average them as they are. A blank measure type
is inferred from the unit (ร้อยละ -> level, คน -> cumulative...) and the result says so
(``measure_source``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import numpy as np
import pandas as pd

from ..calendar import fiscal_year_bounds
from ..workspace import Workspace
from .measure import (  # Thresholds and status_of live there (no import cycle)
    MEASURE_TYPES,
    Thresholds,
    cumulative_progress,
    data_date,
    resolve_measure_type,
    status_of,
)

__all__ = [
    "STATUS_LABELS",
    "Thresholds",
    "default_as_of",
    "expected_progress",
    "kpi_scores",
    "kr_history",
    "kr_progress",
    "progress_value",
    "rollup",
    "status_of",
]

_THRESHOLDS = Thresholds()

#: Thai and English labels of the statuses.
STATUS_LABELS = {
    "on_track": ("เป็นไปตามแผน", "On track"),
    "at_risk": ("มีความเสี่ยง", "At risk"),
    "off_track": ("ล่าช้ากว่าแผน", "Off track"),
    "no_data": ("ยังไม่มีการรายงาน", "No check-in"),
    "not_started": ("ยังไม่ถึงกำหนดเริ่ม", "Not started"),
}


def progress_value(baseline: float, target: float, value: float, direction: str = "up") -> float:
    """Unclipped progress of ``value`` from ``baseline`` (0) to ``target`` (1).

    Examples
    --------
    >>> progress_value(10, 20, 15)
    0.5
    >>> progress_value(30.0, 20.0, 25.0, "down")   # a recidivism rate falling 30 -> 20
    0.5
    >>> progress_value(30.0, 20.0, 35.0, "down")   # it rose instead
    -0.5
    >>> progress_value(80, 100, 110, "reach")      # overshooting a level to reach
    0.5
    >>> progress_value(100, 100, 100, "reach")
    1.0
    """
    if any(
        v is None or (isinstance(v, float) and math.isnan(v)) for v in (baseline, target, value)
    ):
        return float("nan")
    if direction == "reach":
        span = abs(target - baseline)
        if span == 0:
            scale = abs(target) or 1.0
            return 1.0 - abs(target - value) / scale
        return 1.0 - abs(target - value) / span
    span = target - baseline
    if span == 0:
        return float("nan")
    return (value - baseline) / span


def expected_progress(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Linear expected progress between ``start`` and ``end`` at ``as_of`` (0..1).

    >>> expected_progress(dt.date(2021, 10, 1), dt.date(2022, 9, 30), dt.date(2021, 10, 1))
    0.0
    >>> expected_progress(dt.date(2021, 10, 1), dt.date(2022, 9, 30), dt.date(2022, 9, 30))
    1.0
    >>> round(expected_progress(dt.date(2021, 10, 1), dt.date(2022, 9, 30), dt.date(2022, 4, 1)), 3)
    0.5
    """
    if as_of <= start:
        return 0.0
    if as_of >= end:
        return 1.0
    return (as_of - start).days / (end - start).days


def default_as_of(ws: Workspace, key_result_ids: Any = None) -> dt.date:
    """The date progress is measured at when none is given.

    The workspace's own ``as_of`` fact (``meta`` sheet) if it has one — a data set frozen at
    a date, like the sample — else the date of the latest check-in (of ``key_result_ids``
    when given: a document's scope), else today (Bangkok), or the fiscal year's last day
    for a past year. :func:`kpyj_lib.analysis.measure.data_date` also says why and how old
    the data is.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> default_as_of(tiny_workspace()), default_as_of(tiny_workspace(), ["KR-64-01-1"])
    (datetime.date(2022, 4, 30), datetime.date(2022, 3, 31))
    """
    return data_date(ws, None, key_result_ids).as_of


def kr_progress(
    ws: Workspace,
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _THRESHOLDS,
) -> pd.DataFrame:
    """Progress, expected progress and status of every key result at ``as_of``.

    Parameters
    ----------
    ws : Workspace
    as_of : date or ISO string, optional
        Only check-ins on or before this date count. Default: :func:`default_as_of`.
    thresholds : Thresholds

    Returns
    -------
    DataFrame
        One row per KR: ``key_result_id, objective_id, province_code, title_th, direction,
        baseline, target, weight, value, value_date, n_checkins, progress,
        progress_clipped, expected, status, status_th, confidence, confidence_trend,
        measure_type, measure_source, measure_type_th, projection``.
        ``confidence_trend`` is the change in confidence per 30 days over the KR's
        check-ins (NaN with fewer than two). For a cumulative or periodic KR ``value`` is
        the year-to-date value and ``projection`` its year-end projection (NaN for a level
        KR); ``measure_source`` says whether the measure type was ``declared``, inferred
        from the ``unit`` or the ``default`` (level).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> df = kr_progress(tiny_workspace(), "2022-03-31")
    >>> set(df["status"]) <= set(STATUS_LABELS)
    True
    >>> bool((df.loc[df["n_checkins"] == 0, "progress"].isna()).all())
    True
    """
    as_of = _to_date(as_of) if as_of is not None else default_as_of(ws)
    krs = ws["key_results"]
    objs = ws["objectives"].set_index("id") if len(ws["objectives"]) else None
    ci = ws["checkins"]
    by_kr: dict[str, list[tuple[dt.date, float, float | None]]] = {}
    for k, d, v, c in zip(
        ci["key_result_id"], ci["date"], ci["value"], ci["confidence"], strict=True
    ):
        if d is not None and d <= as_of:
            by_kr.setdefault(k, []).append((d, float(v), None if pd.isna(c) else float(c)))
    fy_start, fy_end = fiscal_year_bounds(ws.fiscal_year)
    obj_prov = dict(zip(objs.index, objs["province_code"], strict=True)) if objs is not None else {}
    rows = []
    for kr in krs.itertuples(index=False):
        mine = sorted(by_kr.get(kr.id, ()), key=lambda t: t[0])
        value = mine[-1][1] if mine else float("nan")
        value_date = mine[-1][0] if mine else None
        start = kr.start_date or fy_start
        end = kr.due_date or fy_end
        expected = expected_progress(start, end, as_of)
        mtype, msource = resolve_measure_type(getattr(kr, "measure_type", None), kr.unit_of_measure)
        projection = float("nan")
        if mtype == "level":
            prog = progress_value(kr.baseline, kr.target, value, kr.direction)
        else:
            value = _year_to_date(mtype, mine, start)
            cp = cumulative_progress(
                kr.baseline,
                kr.target,
                value,
                kr.direction,
                expected,
                expected_progress(start, end, value_date) if value_date else 0.0,
                on_track=thresholds.on_track,
                at_risk=thresholds.at_risk,
            )
            prog, projection = cp.progress, cp.projection
        clipped = min(max(prog, 0.0), 1.0) if not math.isnan(prog) else float("nan")
        status = status_of(clipped, expected, thresholds)
        conf = [(d, c) for d, _, c in mine if c is not None]
        trend = float("nan")
        if len(conf) >= 2:
            days = np.array([(d - mine[0][0]).days for d, _ in conf], dtype=float)
            if days.max() > days.min():
                trend = float(np.polyfit(days, np.array([c for _, c in conf]), 1)[0] * 30)
        province = obj_prov.get(kr.objective_id)
        rows.append(
            {
                "key_result_id": kr.id,
                "objective_id": kr.objective_id,
                "province_code": province,
                "title_th": kr.title_th,
                "direction": kr.direction,
                "baseline": kr.baseline,
                "target": kr.target,
                "weight": kr.weight,
                "value": value,
                "value_date": value_date,
                "n_checkins": len(mine),
                "progress": prog,
                "progress_clipped": clipped,
                "expected": expected,
                "status": status,
                "status_th": STATUS_LABELS[status][0],
                "confidence": conf[-1][1] if conf else float("nan"),
                "confidence_trend": trend,
                "measure_type": mtype,
                "measure_source": msource,
                "measure_type_th": MEASURE_TYPES[mtype],
                "projection": projection,
            }
        )
    cols = [
        "key_result_id", "objective_id", "province_code", "title_th", "direction", "baseline",
        "target", "weight", "value", "value_date", "n_checkins", "progress",
        "progress_clipped", "expected", "status", "status_th", "confidence",
        "confidence_trend", "measure_type", "measure_source", "measure_type_th", "projection",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def rollup(
    ws: Workspace,
    level: str = "objective",
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _THRESHOLDS,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Weighted progress rolled up from KRs to ``objective``, ``province``, ``cluster`` or
    ``nation``.

    An objective's progress is the weighted mean (KR ``weight``) of the clipped progress of
    its KRs that have a check-in; higher levels average the objectives below them equally.
    ``kr_with_data`` / ``kr_total`` say how much of the figure rests on data.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> ws = tiny_workspace()
    >>> list(rollup(ws, "province", "2022-03-31").columns)[:3]
    ['province_code', 'progress', 'expected']
    >>> len(rollup(ws, "nation", "2022-03-31"))
    1
    """
    if level not in ("objective", "province", "cluster", "nation"):
        raise ValueError(f"level must be objective, province, cluster or nation, not {level!r}")
    kp = progress if progress is not None else kr_progress(ws, as_of, thresholds=thresholds)
    kp = kp.copy()
    kp["has_data"] = kp["progress_clipped"].notna()
    objs = ws["objectives"][["id", "province_code", "title_th"]].rename(
        columns={"id": "objective_id"}
    )
    kp["w"] = kp["weight"].astype(float).where(kp["has_data"], 0.0)
    kp["wp"] = kp["progress_clipped"].fillna(0.0) * kp["w"]
    kp["we"] = kp["expected"].astype(float) * kp["w"]
    g = kp.groupby("objective_id", dropna=True)
    agg = g.agg(
        w=("w", "sum"),
        wp=("wp", "sum"),
        we=("we", "sum"),
        kr_with_data=("has_data", "sum"),
        kr_total=("key_result_id", "count"),
    )
    # objectives with no KR data yet still show their expected progress (equal weights)
    plain_expected = g["expected"].mean()
    agg["progress"] = (agg["wp"] / agg["w"]).where(agg["w"] > 0)
    agg["expected"] = (agg["we"] / agg["w"]).where(agg["w"] > 0, plain_expected)
    per_obj = agg.reset_index()[
        ["objective_id", "progress", "expected", "kr_with_data", "kr_total"]
    ]
    o = objs.merge(
        per_obj,
        on="objective_id",
        how="left",
    )
    o["kr_with_data"] = o["kr_with_data"].fillna(0).astype(int)
    o["kr_total"] = o["kr_total"].fillna(0).astype(int)
    if level == "objective":
        out = o
    else:
        if level == "cluster":
            members = ws["cluster_members"][["cluster_id", "province_code"]]
            o = o.merge(members, on="province_code", how="left")
            key = "cluster_id"
        elif level == "province":
            key = "province_code"
        else:
            o["nation"] = "TH"
            key = "nation"
        out = (
            o.groupby(key, dropna=True)
            .agg(
                progress=("progress", "mean"),
                expected=("expected", "mean"),
                objectives=("objective_id", "count"),
                kr_with_data=("kr_with_data", "sum"),
                kr_total=("kr_total", "sum"),
            )
            .reset_index()
        )
    out["status"] = [
        status_of(p, e if not math.isnan(e) else 0.0, thresholds)
        for p, e in zip(out["progress"], out["expected"], strict=True)
    ]
    out["status_th"] = [STATUS_LABELS[s][0] for s in out["status"]]
    return out.reset_index(drop=True)


def kr_history(ws: Workspace, key_result_id: str | None = None) -> pd.DataFrame:
    """Every check-in with its progress, in date order (for expected-vs-actual charts).

    Each row's ``progress`` and ``expected`` are those of the KR measured at the check-in's
    date, following its measure type: for a cumulative or periodic KR ``ytd`` is the
    year-to-date value (periodic check-ins added up), ``progress`` its share of the year's
    target and ``expected`` the elapsed share — so the expected line runs from 0 to the
    target and the actual line follows the year-to-date values. ``value`` is the check-in
    as reported.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> h = kr_history(tiny_workspace())
    >>> list(h.columns)[:4]
    ['key_result_id', 'date', 'value', 'progress']
    """
    ci = ws["checkins"]
    if key_result_id is not None:
        ci = ci[ci["key_result_id"] == key_result_id]
    krs = {kr.id: kr for kr in ws["key_results"].itertuples(index=False)}
    fy_start, fy_end = fiscal_year_bounds(ws.fiscal_year)
    rows = []
    seen: dict[str, list[tuple[dt.date, float, float | None]]] = {}
    ci = ci.sort_values(["key_result_id", "date"], kind="stable")
    for c in ci.itertuples(index=False):
        kr = krs.get(c.key_result_id)
        if kr is None:
            continue
        start = kr.start_date or fy_start
        end = kr.due_date or fy_end
        expected = expected_progress(start, end, c.date)
        mtype, _ = resolve_measure_type(getattr(kr, "measure_type", None), kr.unit_of_measure)
        mine = seen.setdefault(c.key_result_id, [])
        mine.append((c.date, float(c.value), None))
        if mtype == "level":
            ytd = float(c.value)
            prog = progress_value(kr.baseline, kr.target, c.value, kr.direction)
        else:
            ytd = _year_to_date(mtype, mine, start)
            prog = cumulative_progress(
                kr.baseline, kr.target, ytd, kr.direction, expected, expected
            ).progress
        rows.append(
            {
                "key_result_id": c.key_result_id,
                "date": c.date,
                "value": c.value,
                "progress": prog,
                "expected": expected,
                "confidence": c.confidence,
                "note_th": c.note_th,
                "reporter": c.reporter,
                "ytd": ytd,
                "measure_type": mtype,
            }
        )
    cols = [
        "key_result_id",
        "date",
        "value",
        "progress",
        "expected",
        "confidence",
        "note_th",
        "reporter",
        "ytd",
        "measure_type",
    ]
    return (
        pd.DataFrame(rows, columns=cols)
        .sort_values(["key_result_id", "date"])
        .reset_index(drop=True)
    )


def _year_to_date(
    measure_type: str, checkins: list[tuple[dt.date, float, float | None]], start: dt.date
) -> float:
    """The year-to-date value of sorted ``(date, value, confidence)`` check-ins: the latest
    (cumulative) or the sum of those from ``start`` on (periodic); NaN without one."""
    if not checkins:
        return float("nan")
    if measure_type == "periodic":
        inside = [v for d, v, _ in checkins if d >= start]
        return float(sum(inside)) if inside else float("nan")
    return float(checkins[-1][1])


def _score(actual: float, levels: list[float]) -> float:
    """Thai public-sector 5-level score, interpolated linearly between thresholds."""
    increasing = levels[-1] > levels[0]
    lv = levels if increasing else [-x for x in levels]
    a = actual if increasing else -actual
    if a <= lv[0]:
        return 1.0
    if a >= lv[4]:
        return 5.0
    for i in range(4):
        if lv[i] <= a <= lv[i + 1]:
            return i + 1 + (a - lv[i]) / (lv[i + 1] - lv[i])
    return float("nan")  # pragma: no cover


def kpi_scores(ws: Workspace) -> pd.DataFrame:
    """Score KPIs that define five threshold levels on the 1-5 scale.

    Below level 1 scores 1, at or beyond level 5 scores 5, between two levels the score is
    interpolated (e.g. halfway between level 3 and 4 scores 3.5). Thresholds may fall (a
    KPI where less is better). KPIs without thresholds or without an actual get NaN.
    ``measure_type`` / ``measure_source`` are as in :func:`kr_progress`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> s = kpi_scores(tiny_workspace())
    >>> bool(s["score"].dropna().between(1, 5).all())
    True
    """
    rows = []
    for k in ws["kpis"].itertuples(index=False):
        levels = [k.level1, k.level2, k.level3, k.level4, k.level5]
        ok = all(pd.notna(x) for x in levels) and pd.notna(k.actual)
        score = _score(float(k.actual), [float(x) for x in levels]) if ok else float("nan")
        # issue 17: how the actual is measured (shown; a KPI's actual has no date, so it is
        # scored as the year's figure whatever its type)
        mtype, msource = resolve_measure_type(getattr(k, "measure_type", None), k.unit_of_measure)
        rows.append(
            {
                "kpi_id": k.id,
                "name_th": k.name_th,
                "province_code": k.province_code,
                "dimension": k.dimension,
                "level": k.level,
                "target": k.target,
                "actual": k.actual,
                "score": score,
                "measure_type": mtype,
                "measure_source": msource,
            }
        )
    cols = [
        "kpi_id", "name_th", "province_code", "dimension", "level", "target", "actual", "score",
        "measure_type", "measure_source",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def _to_date(v: dt.date | str) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))
