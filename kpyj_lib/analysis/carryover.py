"""Carry objectives and key results not achieved in one fiscal year into the next.

A carried record is a new record of the next year, linked to the old one through
``carried_from_id``; the old year is never changed. A KR is carried when its progress at
the end of its year is below 100 % (or it had no check-in at all); an objective is carried
when any of its KRs is. The new KR starts from the old KR's last value as its baseline and
keeps its target; its owner, contributing units, PMQA categories and plan alignments are
copied.

:func:`plan_carry_over` only computes the new records (a pure function);
:func:`kpyj_lib.services.carryover.carry_over` writes them.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ..analysis.progress import kr_progress
from ..calendar import fiscal_year_bounds
from ..exceptions import KpyjError
from ..workspace import Workspace

__all__ = ["carried_id", "plan_carry_over"]


def carried_id(old_id: str, to_fy: int) -> str:
    """The id of a record carried into ``to_fy``.

    >>> carried_id("OBJ-83-01", 2566)
    'OBJ-83-01-FY2566'
    """
    return f"{old_id}-FY{to_fy}"


def _shift(d: dt.date | None, years: int) -> dt.date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 Feb
        return d.replace(year=d.year + years, day=28)


def plan_carry_over(ws: Workspace, to_fy: int | None = None) -> dict[str, list[dict[str, Any]]]:
    """The records that carrying ``ws``'s unachieved objectives and KRs would create.

    Parameters
    ----------
    ws : Workspace
        The year to carry from.
    to_fy : int, optional
        The year to carry into (default: the next one).

    Returns
    -------
    dict
        Rows per entity: ``objectives``, ``key_results``, ``kr_units``, ``alignments``,
        ``pmqa_mappings``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> plan = plan_carry_over(tiny_workspace())
    >>> all(o["fiscal_year"] == 2566 for o in plan["objectives"])
    True
    >>> all(o["carried_from_id"] for o in plan["objectives"])
    True
    """
    to_fy = to_fy or ws.fiscal_year + 1
    if to_fy <= ws.fiscal_year:
        raise KpyjError(f"ปีที่ยกไปต้องมากกว่าปี {ws.fiscal_year} (to_fy must be later)")
    years = to_fy - ws.fiscal_year
    _, fy_end = fiscal_year_bounds(ws.fiscal_year)
    prog = kr_progress(ws, fy_end).set_index("key_result_id")
    krs = ws.records("key_results")
    objs = {o.id: o for o in ws.records("objectives")}
    carried_krs = []
    for kr in krs:
        p = prog.at[kr.id, "progress"] if kr.id in prog.index else float("nan")
        if math.isnan(p) or p < 1.0:
            carried_krs.append((kr, p))
    carried_objs = {kr.objective_id for kr, _ in carried_krs if kr.objective_id in objs}
    out: dict[str, list[dict[str, Any]]] = {
        k: [] for k in ("objectives", "key_results", "kr_units", "alignments", "pmqa_mappings")
    }
    for oid in sorted(carried_objs):
        o = objs[oid].model_dump()
        parent = o["parent_id"]
        o.update(
            id=carried_id(oid, to_fy),
            fiscal_year=to_fy,
            carried_from_id=oid,
            parent_id=carried_id(parent, to_fy) if parent in carried_objs else None,
        )
        out["objectives"].append(o)
    new_ids = {("objective", oid): carried_id(oid, to_fy) for oid in carried_objs}
    for kr, _ in carried_krs:
        k = kr.model_dump()
        last = prog.at[kr.id, "value"] if kr.id in prog.index else float("nan")
        baseline = kr.baseline if math.isnan(last) else float(last)
        if kr.direction in ("up", "down") and baseline == kr.target:
            baseline = kr.baseline
        if (kr.direction == "up" and baseline > kr.target) or (
            kr.direction == "down" and baseline < kr.target
        ):
            baseline = kr.baseline
        k.update(
            id=carried_id(kr.id, to_fy),
            objective_id=new_ids.get(("objective", kr.objective_id)),
            baseline=baseline,
            start_date=_shift(kr.start_date, years),
            due_date=_shift(kr.due_date, years),
            carried_from_id=kr.id,
        )
        out["key_results"].append(k)
        new_ids[("key_result", kr.id)] = k["id"]
    for ku in ws.records("kr_units"):
        if ("key_result", ku.key_result_id) in new_ids:
            d = ku.model_dump()
            d["key_result_id"] = new_ids[("key_result", ku.key_result_id)]
            out["kr_units"].append(d)
    for name in ("alignments", "pmqa_mappings"):
        for rec in ws.records(name):
            key = (rec.source_type, rec.source_id)  # type: ignore[attr-defined]
            if key in new_ids:
                d = rec.model_dump()
                d["source_id"] = new_ids[key]
                out[name].append(d)
    return out
