"""Notices on a workbook that do not stop its import: what the user may want to look at.

A *problem* (:class:`~kpyj_lib.exceptions.Problem`) blocks an import; a *notice* does not.
Today the notices are the driving-group warnings of :func:`kpyj_lib.analysis.groups.group_warnings`:
groups 1 and 2 are the operating centres of the 18 clusters (4 + 14) and group 3 the other
59 (บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565). The group stays the user's
choice, so a province recorded in group 1 or 2 that is not an operating centre, or a group
whose size differs from 4 / 14 / 59, is reported here and imported as recorded.

The measure-type notices (:func:`measure_notices`, issue 17) list the key results and KPIs
whose «ลักษณะการวัด» was left blank: the type inferred from the unit (ร้อยละ -> ค่า ณ วันที่รายงาน,
คน -> สะสมตั้งแต่ต้นปีงบประมาณ...) or assumed (ค่า ณ วันที่รายงาน), so that nothing is judged by
a rule the user did not see.

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

__all__ = ["group_notices", "measure_notices", "record_notices", "workbook_notices"]


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


def measure_notices(tables: Mapping[str, Any], *, shown: int = 8) -> list[str]:
    """One Thai notice per sheet and measure type for the key results / KPIs whose measure
    type (``measure_type``) is blank: what kpyj takes it to be and why (at most ``shown``
    ids listed, then how many more).

    >>> rows = [{"id": "KR-1", "unit_of_measure": "คน"}, {"id": "KR-2", "unit_of_measure": "วัน"},
    ...         {"id": "KR-3", "unit_of_measure": "คดี", "measure_type": "periodic"}]
    >>> first, second = measure_notices({"key_results": rows})
    >>> print(first.split(" — ")[0])
    ผลลัพธ์หลัก 1 รายการไม่ได้ระบุลักษณะการวัด ถือเป็น «สะสมตั้งแต่ต้นปีงบประมาณ» ตามหน่วยนับ (คน): KR-1
    >>> print(second.split(":")[0])
    ผลลัพธ์หลัก 1 รายการไม่ได้ระบุลักษณะการวัดและหน่วยนับไม่บอกชัด ถือเป็น «ค่า ณ วันที่รายงาน» (วัน)
    """
    from kpyj_lib.analysis.measure import MEASURE_TYPES, resolve_measure_type

    out: list[str] = []
    for table, label in (("key_results", "ผลลัพธ์หลัก"), ("kpis", "ตัวชี้วัด")):
        groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for r in _rows(tables.get(table)):
            mtype, source = resolve_measure_type(r.get("measure_type"), r.get("unit_of_measure"))
            if source != "declared":
                unit = str(r.get("unit_of_measure") or "").strip() or "ไม่ระบุหน่วยนับ"
                groups.setdefault((source, mtype), []).append((str(r.get("id")), unit))
        for (source, mtype), items in sorted(groups.items(), key=lambda kv: kv[0][0] != "unit"):
            ids = ", ".join(i for i, _ in items[:shown])
            if len(items) > shown:
                ids += f" และอีก {len(items) - shown} รายการ"
            units = ", ".join(dict.fromkeys(u for _, u in items))
            why = f"ตามหน่วยนับ ({units})" if source == "unit" else f"({units})"
            lead = "ไม่ได้ระบุลักษณะการวัด" if source == "unit" else "ไม่ได้ระบุลักษณะการวัดและหน่วยนับไม่บอกชัด"
            out.append(
                f"{label} {len(items)} รายการ{lead} ถือเป็น «{MEASURE_TYPES[mtype]}» {why}: {ids}"
                " — ถ้าไม่ใช่ ให้กรอกคอลัมน์ «ลักษณะการวัด»"
            )
    return out


def record_notices(tables: Mapping[str, Any]) -> list[str]:
    """:func:`group_notices` and :func:`measure_notices` of validated rows (what
    :func:`kpyj_lib.io.check_workbook` found, so the file is read once)."""
    return group_notices(tables) + measure_notices(tables)


def workbook_notices(path: str | os.PathLike[str], *, partial: bool = False) -> list[str]:
    """:func:`record_notices` of a workbook file (its valid rows; problems are not
    repeated)."""
    from .reader import read_raw
    from .validate import validate_raw

    records, _ = validate_raw(read_raw(path), partial=partial)
    return record_notices(records)
