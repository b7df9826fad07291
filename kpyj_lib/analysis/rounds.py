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

from ..calendar import fiscal_year_bounds, format_round, latest_round, round_end
from ..workspace import Workspace
from .progress import STATUS_LABELS, Thresholds, _to_date, default_as_of, kr_progress

#: The default status thresholds, built once (a default argument must not be a call).
_DEFAULT_THRESHOLDS = Thresholds()

__all__ = [
    "BEHIND",
    "CHANGE_KINDS",
    "change_counts",
    "changes_by",
    "comparison_at",
    "latest_round_in_year",
    "round_comparison",
    "round_view",
    "until",
]

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
        ``change_th``. The frame's ``attrs`` hold ``round``, ``round_th``, ``before_th`` (the
        round before, or the start of the year), ``start`` and ``end`` (the two dates
        compared).

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
    before_th = format_round(n - 1) if n > 1 else "ต้นปีงบประมาณ"
    out.attrs.update(round=n, round_th=format_round(n), before_th=before_th, start=start, end=end)
    return out


def latest_round_in_year(fiscal_year: int, as_of: dt.date | str) -> int:
    """The latest follow-up round of ``fiscal_year`` that has ended by ``as_of`` (0: none yet).

    After the year has ended, this is round 4.

    Examples
    --------
    >>> [latest_round_in_year(2565, d) for d in ("2021-12-30", "2021-12-31", "2022-05-15",
    ...                                          "2023-01-01")]
    [0, 1, 2, 4]
    """
    day = _to_date(as_of)
    fy, n = latest_round(day)
    if fy < fiscal_year:
        return 0
    return n if fy == fiscal_year else 4


def comparison_at(
    ws: Workspace,
    as_of: dt.date | str | None = None,
    *,
    thresholds: Thresholds = _DEFAULT_THRESHOLDS,
) -> pd.DataFrame | None:
    """:func:`round_comparison` of the latest round of the workspace's year that has ended
    by ``as_of`` (against the round before), or ``None`` before round 1 ends.

    A report dated at a round's end (a round report) compares that round with the one
    before; a report dated between two rounds compares the last two rounds that have ended.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> comparison_at(tiny_workspace(), "2022-05-15").attrs["round"]
    2
    >>> comparison_at(tiny_workspace(), "2021-11-30") is None
    True
    """
    day = _to_date(as_of) if as_of not in (None, "") else default_as_of(ws)
    n = latest_round_in_year(ws.fiscal_year, day)
    if n == 0:
        return None
    return round_comparison(ws, ws.fiscal_year, n, thresholds=thresholds)


#: The kinds of change :func:`change_counts` counts, in the order a report lists them.
CHANGE_KINDS: tuple[str, ...] = tuple(_CHANGE_TH)


def change_counts(comparison: pd.DataFrame) -> dict[str, int]:
    """How many key results of a :func:`round_comparison` fall in each kind of change.

    Returns
    -------
    dict
        ``krs`` (all), ``moved``, ``fell_behind`` (the comparison's ``slipped``: behind
        schedule now and not before, or further behind; kinds ``slipped`` + ``worsened``)
        and one count per kind of :data:`CHANGE_KINDS`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> c = change_counts(round_comparison(tiny_workspace(), None, 2))
    >>> c["krs"] == sum(c[k] for k in CHANGE_KINDS)
    True
    >>> c["fell_behind"] == c["slipped"] + c["worsened"]
    True
    """
    kinds = comparison["change_kind"].value_counts()
    out = {
        "krs": len(comparison),
        "moved": int(comparison["moved"].sum()),
        "fell_behind": int(comparison["slipped"].sum()),
    }
    out.update({k: int(kinds.get(k, 0)) for k in CHANGE_KINDS})
    return out


def changes_by(comparison: pd.DataFrame, key: str = "province_code") -> pd.DataFrame:
    """The counts of :func:`change_counts` and the mean progress before and now, per ``key``.

    Key results without a value of ``key`` (e.g. a ministry's own) are left out.

    Returns
    -------
    DataFrame
        Indexed by ``key``: ``krs, moved, fell_behind`` and one column per kind of
        :data:`CHANGE_KINDS`, then ``progress_before`` and ``progress`` (means of the clipped
        progress over the key results that have one; NaN when none has).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> c = round_comparison(tiny_workspace(), None, 2)
    >>> by = changes_by(c)
    >>> int(by["krs"].sum()) == int(c["province_code"].notna().sum())
    True
    """
    c = comparison[comparison[key].notna()]
    g = c.groupby(key)
    out = pd.DataFrame(
        {"krs": g.size(), "moved": g["moved"].sum(), "fell_behind": g["slipped"].sum()}
    )
    for kind in CHANGE_KINDS:
        out[kind] = c[c["change_kind"] == kind].groupby(key).size().reindex(out.index, fill_value=0)
    out = out.astype(int)
    out["progress_before"] = g["progress_before"].mean()
    out["progress"] = g["progress"].mean()
    return out
