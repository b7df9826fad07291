"""Quarterly follow-up rounds (รอบ 3 / 6 / 9 / 12 เดือน): the workspace as known at a round's
end, and what moved or slipped between two rounds.

A round's report uses only the check-ins dated on or before the round's last day
(:func:`kpyj_lib.calendar.round_end`: round 2 ends 31 March). :func:`until` and
:func:`round_view` give a workspace restricted that way, so any analysis or document run on it
sees the year as it stood then; :func:`round_comparison` compares each key result between
round ``n - 1`` and round ``n``.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

from ..calendar import fiscal_year_bounds, format_round, round_end
from ..workspace import Workspace
from .progress import STATUS_LABELS, Thresholds, _to_date, kr_progress

#: The default status thresholds, built once (a default argument must not be a call).
_DEFAULT_THRESHOLDS = Thresholds()

__all__ = ["BEHIND", "round_comparison", "round_view", "until"]

#: The statuses of a key result that is behind schedule (มีความเสี่ยง / ล่าช้ากว่าแผน).
BEHIND = frozenset({"at_risk", "off_track"})

_RANK = {"off_track": 0, "at_risk": 1, "on_track": 2}

_CHANGE_TH = {
    "slipped": "ตกไปอยู่ในกลุ่มมีความเสี่ยงหรือล่าช้า",
    "worsened": "ล่าช้ามากขึ้น",
    "recovered": "กลับมาเป็นไปตามแผน",
    "improved": "ดีขึ้นแต่ยังไม่เป็นไปตามแผน",
    "first_report": "รายงานผลครั้งแรก",
    "same_status": "สถานะคงเดิม",
    "not_reported": "ไม่มีรายงานใหม่ในรอบนี้",
}


def until(ws: Workspace, day: dt.date | str) -> Workspace:
    """The workspace as known at the end of ``day``: check-ins dated after it are dropped.

    Every other table is kept as it is, and the workspace's ``as_of`` fact (``meta``) is set
    to ``day`` so that progress is measured at that date by default.

    Parameters
    ----------
    ws : Workspace
    day : date or ISO string
        The last day whose check-ins count.

    Returns
    -------
    Workspace
        A new workspace; ``ws`` is not changed.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> ws = tiny_workspace()
    >>> early = until(ws, "2022-03-31")
    >>> len(ws["checkins"]), len(early["checkins"]), early.meta["as_of"]
    (4, 2, '2022-03-31')
    >>> max(early["checkins"]["date"])
    datetime.date(2022, 3, 31)
    """
    day = _to_date(day)
    frames = dict(ws.frames)
    ci = frames["checkins"]
    keep = [d is not None and not pd.isna(d) and d <= day for d in ci["date"]]
    frames["checkins"] = ci[keep].reset_index(drop=True)
    meta = frames["meta"]
    rest = meta[meta["key"].astype(str) != "as_of"]
    row = pd.DataFrame({"key": ["as_of"], "value": [day.isoformat()]}).astype(meta.dtypes.to_dict())
    frames["meta"] = pd.concat([rest, row], ignore_index=True) if len(rest) else row
    return Workspace(ws.fiscal_year, frames, source=f"{ws.source} (as of {day.isoformat()})")


def round_view(ws: Workspace, n: int, fy: int | None = None) -> Workspace:
    """The workspace as known at the end of follow-up round ``n`` (see :func:`until`).

    Parameters
    ----------
    ws : Workspace
    n : int
        The round, 1-4 (3, 6, 9, 12 months).
    fy : int, optional
        The fiscal year (BE); default the workspace's.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> view = round_view(tiny_workspace(), 2)
    >>> view.meta["as_of"], all(d <= dt.date(2022, 3, 31) for d in view["checkins"]["date"])
    ('2022-03-31', True)
    """
    return until(ws, round_end(ws.fiscal_year if fy is None else fy, n))


def _change(before: str, now: str, new_checkin: bool) -> str:
    """How a key result's status changed between two rounds (a key of ``_CHANGE_TH``)."""
    unreported = ("no_data", "not_started")
    if now in BEHIND and (before not in BEHIND):
        return "slipped"
    if now in BEHIND and _RANK[now] < _RANK[before]:
        return "worsened"
    if before in BEHIND and now == "on_track":
        return "recovered"
    if before in BEHIND and now in BEHIND and _RANK[now] > _RANK[before]:
        return "improved"
    if before in unreported and now not in unreported:
        return "first_report"
    if not new_checkin:
        return "not_reported"
    return "same_status"


def round_comparison(
    ws: Workspace,
    fy: int | None,
    n: int,
    *,
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
) -> pd.DataFrame:
    """Each key result at the end of round ``n - 1`` and of round ``n``: what moved, what
    slipped to at-risk.

    Round 0 is the start of the fiscal year (nothing reported yet), so round 1 compares
    against it.

    Parameters
    ----------
    ws : Workspace
    fy : int or None
        The fiscal year (BE); ``None`` for the workspace's.
    n : int
        The round, 1-4.
    thresholds : Thresholds

    Returns
    -------
    DataFrame
        One row per key result: ``key_result_id, objective_id, province_code, title_th,
        progress_before, progress, change`` (difference of clipped progress, NaN unless both
        rounds have a value), ``status_before, status, status_th, new_checkins`` (check-ins
        dated within round ``n``), ``moved`` (its value changed or it was reported for the
        first time), ``slipped`` (behind schedule now — at risk or off track — and not
        before, or further behind than before), ``change_kind`` (``slipped``, ``worsened``,
        ``recovered``, ``improved``, ``first_report``, ``same_status``, ``not_reported``) and
        ``change_th``. The frame's ``attrs`` hold ``round``, ``round_th``, ``start`` and
        ``end`` (the two dates compared).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> c = round_comparison(tiny_workspace(), None, 2)
    >>> c.attrs["round_th"], str(c.attrs["start"]), str(c.attrs["end"])
    ('รอบ 6 เดือน', '2021-12-31', '2022-03-31')
    >>> set(c["change_kind"]) <= set(_CHANGE_TH)
    True
    >>> bool((c["slipped"] <= c["status"].isin(BEHIND)).all())
    True
    """
    fy = ws.fiscal_year if fy is None else fy
    end = round_end(fy, n)
    start = round_end(fy, n - 1) if n > 1 else fiscal_year_bounds(fy)[0] - dt.timedelta(days=1)
    before = kr_progress(ws, start, thresholds=thresholds).set_index("key_result_id")
    now = kr_progress(ws, end, thresholds=thresholds)
    rows = []
    for r in now.itertuples(index=False):
        b = before.loc[r.key_result_id]
        p0, p1 = float(b["progress_clipped"]), float(r.progress_clipped)
        new = int(r.n_checkins) - int(b["n_checkins"])
        kind = _change(str(b["status"]), str(r.status), new > 0)
        moved = (math.isnan(p0) and not math.isnan(p1)) or (
            not math.isnan(p0) and not math.isnan(p1) and r.value != b["value"]
        )
        rows.append(
            {
                "key_result_id": r.key_result_id,
                "objective_id": r.objective_id,
                "province_code": r.province_code,
                "title_th": r.title_th,
                "progress_before": p0,
                "progress": p1,
                "change": p1 - p0,
                "status_before": b["status"],
                "status": r.status,
                "status_th": STATUS_LABELS[r.status][0],
                "new_checkins": new,
                "moved": bool(moved),
                "slipped": kind in ("slipped", "worsened"),
                "change_kind": kind,
                "change_th": _CHANGE_TH[kind],
            }
        )
    cols = [
        "key_result_id", "objective_id", "province_code", "title_th", "progress_before",
        "progress", "change", "status_before", "status", "status_th", "new_checkins", "moved",
        "slipped", "change_kind", "change_th",
    ]  # fmt: skip
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update(round=n, round_th=format_round(n), start=start, end=end)
    return out
