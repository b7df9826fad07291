"""Plan versions by fiscal year: which plans are in force, and alignments to plans that are not.

A plan is in force (ประกาศใช้), a draft (ร่าง) or not in force in a given fiscal year
(:func:`kpyj_lib.reference.plan_status`). In ปีงบประมาณ พ.ศ. 2565 the memo of สกธ. (บันทึกข้อความ
สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565) names «แผนแม่บทการบริหารงานยุติธรรมแห่งชาติ
ฉบับที่ ๓ และ (ร่าง) แผนแม่บทฯ ฉบับที่ ๔»: No. 3 is the plan in force, No. 4 a draft. An
objective, key result or project of a year aligned to a plan that is not in force that year
is a finding (:func:`alignments_not_in_force`): a draft may guide the work, but the plan the
year's work answers to is the one in force.
"""

from __future__ import annotations

import pandas as pd

from .. import reference
from ..workspace import Workspace
from ._common import with_province

__all__ = ["alignments_not_in_force", "plan_versions"]

_SOURCES = ("objective", "key_result", "initiative")


def plan_versions(ws: Workspace, fiscal_year: int | None = None) -> pd.DataFrame:
    """Every plan of the workspace with its years and its status in ``fiscal_year``.

    Parameters
    ----------
    ws : Workspace
    fiscal_year : int, optional
        Default: the workspace's year.

    Returns
    -------
    DataFrame
        ``id, kind, name_th, start_fy, end_fy, status, status_th``, one row per plan.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> v = plan_versions(tiny_workspace()).set_index("id")
    >>> v.loc[["JMP3", "JMP4", "NMP61", "NMP"], "status_th"].tolist()
    ['ประกาศใช้', 'ร่าง', 'ประกาศใช้', 'ไม่อยู่ในช่วงที่ใช้บังคับ']
    """
    fy = int(fiscal_year if fiscal_year is not None else ws.fiscal_year)
    plans = ws["plans"]
    status = [
        reference.plan_status(pid, fy, start_fy=a, end_fy=b)
        for pid, a, b in zip(plans["id"], plans["start_fy"], plans["end_fy"], strict=True)
    ]
    out = plans[["id", "kind", "name_th", "start_fy", "end_fy"]].copy()
    out["status"] = status
    out["status_th"] = [reference.PLAN_STATUS_TH[s] for s in status]
    return out.reset_index(drop=True)


def alignments_not_in_force(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Alignments of the year's objectives, key results and projects to plans not in force.

    Parameters
    ----------
    ws : Workspace
    province : str, optional
        Only the sources of this province.

    Returns
    -------
    DataFrame
        ``source_type, source_id, province_code, plan_item_id, plan_id, plan_name_th, status,
        status_th``; empty when every alignment is to a plan in force in the year.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> a = alignments_not_in_force(tiny_workspace(), "83")
    >>> a[["source_id", "plan_item_id", "status_th"]].values.tolist()
    [['KR-83-01-1', 'JMP4-D1', 'ร่าง']]
    """
    cols = [
        "source_type", "source_id", "province_code", "plan_item_id", "plan_id",
        "plan_name_th", "status", "status_th",
    ]  # fmt: skip
    al = ws["alignments"]
    al = al[al["source_type"].isin(_SOURCES)]
    if al.empty:
        return pd.DataFrame(columns=cols)
    al = with_province(ws, al, "source_type", "source_id")
    if province is not None:
        al = al[al["province_code"] == province]
    items = dict(zip(ws["plan_items"]["id"], ws["plan_items"]["plan_id"], strict=True))
    versions = plan_versions(ws).set_index("id")
    rows = []
    for r in al.itertuples(index=False):
        pid = items.get(r.plan_item_id)
        if pid is None or pid not in versions.index:
            continue
        st = versions.at[pid, "status"]
        if st == "in_force":
            continue
        rows.append(
            {
                "source_type": r.source_type,
                "source_id": r.source_id,
                "province_code": r.province_code,
                "plan_item_id": r.plan_item_id,
                "plan_id": pid,
                "plan_name_th": versions.at[pid, "name_th"],
                "status": st,
                "status_th": versions.at[pid, "status_th"],
            }
        )
    return pd.DataFrame(rows, columns=cols)
