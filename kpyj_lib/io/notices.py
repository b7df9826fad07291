"""Notices on a workbook that do not stop its import: what the user may want to look at.

A *problem* (:class:`~kpyj_lib.exceptions.Problem`) blocks an import; a *notice* does not.
Today the notices are the driving-group warnings of :func:`kpyj_lib.analysis.groups.group_warnings`:
groups 1 and 2 are the operating centres of the 18 clusters (4 + 14) and group 3 the other
59 (บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565). The group stays the user's
choice, so a province recorded in group 1 or 2 that is not an operating centre, or a group
whose size differs from 4 / 14 / 59, is reported here and imported as recorded.

Examples
--------
>>> from kpyj_lib.examples import tiny_tables
>>> t = tiny_tables()
>>> t["province_groups"][1]["group"] = 1   # Sukhothai is not an operating centre
>>> for n in group_notices(t):
...     print(n[:60])
ปีงบประมาณ 2565: สุโขทัยบันทึกไว้เป็นกลุ่มที่ 1 แต่ไม่เป็นจั
ปีงบประมาณ 2565: บันทึกกลุ่มที่ 1 ไว้ 2 จังหวัด แต่ตามแนวทาง
ปีงบประมาณ 2565: บันทึกกลุ่มที่ 2 ไว้ 0 จังหวัด แต่ตามแนวทาง
ปีงบประมาณ 2565: บันทึกกลุ่มที่ 3 ไว้ 0 จังหวัด แต่ตามแนวทาง
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

__all__ = ["group_notices", "workbook_notices"]


def _rows(data: Any) -> list[dict[str, Any]]:
    if data is None:
        return []
    if hasattr(data, "to_dict") and hasattr(data, "columns"):  # a DataFrame
        return data.to_dict("records")
    return [r.model_dump() if hasattr(r, "model_dump") else dict(r) for r in data]


def group_notices(tables: Mapping[str, Any]) -> list[str]:
    """The driving-group notices of the ``province_groups`` rows in ``tables``, per fiscal
    year (Thai sentences, each prefixed with its year); empty when the groups follow the rule
    or the tables record no group.

    ``tables`` maps entity names to rows (records, dicts or a DataFrame), as
    :func:`kpyj_lib.io.read_workbook` returns them.
    """
    from kpyj_lib.analysis.groups import group_warnings
    from kpyj_lib.workspace import Workspace

    rows = _rows(tables.get("province_groups"))
    years = sorted({int(r["fiscal_year"]) for r in rows if r.get("fiscal_year") is not None})
    out: list[str] = []
    for fy in years:
        ws = Workspace.from_tables(
            {"province_groups": [r for r in rows if r.get("fiscal_year") == fy]}, fy
        )
        for w in group_warnings(ws):
            if w["kind"] != "none_recorded":
                out.append(f"ปีงบประมาณ {fy}: {w['message_th']}")
    return out


def workbook_notices(path: str | os.PathLike[str], *, partial: bool = False) -> list[str]:
    """:func:`group_notices` of a workbook file (its valid rows; problems are not repeated)."""
    from .reader import read_raw
    from .validate import validate_raw

    records, _ = validate_raw(read_raw(path), partial=partial)
    return group_notices(records)
