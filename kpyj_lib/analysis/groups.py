"""Driving groups of the provinces (กลุ่มการขับเคลื่อน) read against the operating centres.

The memo that sets the driving of the KPYJ (บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม
2565) sorts the provinces into three groups, after the human-rights plan:

* กลุ่มที่ 1 — pilot provinces **that are operating centres** of their cluster (4);
* กลุ่มที่ 2 — the other operating-centre provinces (14);
* กลุ่มที่ 3 — the provincial justice offices that are not operating centres (59).

So groups 1 and 2 together are the 18 operating-centre provinces
(:func:`kpyj_lib.reference.operating_centres`), and which centres are pilots (group 1) is
the workbook's own record. The group stays the user's choice: these functions derive what
the rule implies and say where the record disagrees; they never change the record. The four
model provinces of the 2564 pilot (:func:`kpyj_lib.reference.model_provinces`) are a
separate notion: a model province is in group 1 or 2 only if it is an operating centre.

The operating centres in the reference data are **not confirmed** yet; every warning says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from .. import reference
from ..workspace import Workspace

__all__ = [
    "GROUP_COUNTS",
    "GROUP_LABELS",
    "derived_groups",
    "group_warnings",
    "recorded_groups",
]

#: How many provinces each driving group holds by the memo: 4 + 14 operating centres, 59 others.
GROUP_COUNTS: dict[int, int] = {1: 4, 2: 14, 3: 59}

#: The memo's wording of each group.
GROUP_LABELS: dict[int, str] = {
    1: "กลุ่มที่ 1 จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
    2: "กลุ่มที่ 2 จังหวัดที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
    3: "กลุ่มที่ 3 สำนักงานยุติธรรมจังหวัดที่ไม่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด",
}

_UNCONFIRMED = "ตามข้อมูลอ้างอิงจังหวัดศูนย์ปฏิบัติการซึ่งยังไม่ได้ยืนยันกับราชกิจจานุเบกษา"


def recorded_groups(ws: Workspace) -> dict[str, int]:
    """The driving group the workbook records for each province in the workspace's year.

    Provinces the workbook does not list are left out. If a province is listed twice, the
    last row wins (the workbook import refuses duplicates, so this only concerns frames built
    by hand).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> recorded_groups(tiny_workspace())
    {'83': 1, '64': 3}
    """
    df = ws["province_groups"]
    out: dict[str, int] = {}
    for code, fy, group in zip(df["province_code"], df["fiscal_year"], df["group"], strict=True):
        if pd.isna(code) or pd.isna(group) or (not pd.isna(fy) and int(fy) != ws.fiscal_year):
            continue
        out[str(code)] = int(group)
    return out


def derived_groups(ws: Workspace, *, centres: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Every province's driving group as the operating-centre rule gives it.

    An operating-centre province is in group 1 when the workbook records it in group 1
    (the workbook says which centres are pilots) and in group 2 otherwise; every other
    province is in group 3, whatever the workbook says.

    Parameters
    ----------
    ws : Workspace
    centres : mapping of cluster id to province code, optional
        The operating centres; default :func:`kpyj_lib.reference.operating_centres`.

    Returns
    -------
    DataFrame
        77 rows sorted by code: ``province_code, name_th, cluster_id, operating_centre,
        model_province, recorded_group, group, group_th, agrees``. ``recorded_group`` is
        ``<NA>`` where the workbook lists no group; ``agrees`` is whether the record equals
        the derived group (``<NA>`` without a record).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> g = derived_groups(tiny_workspace()).set_index("province_code")
    >>> len(g), int(g.loc["83", "group"]), int(g.loc["64", "group"]), int(g.loc["65", "group"])
    (77, 1, 3, 2)
    >>> bool(g.loc["64", "agrees"]), bool(g.loc["64", "model_province"])  # model, group 3
    (True, True)
    >>> g["group"].value_counts().sort_index().tolist()   # one pilot centre recorded
    [1, 17, 59]
    """
    centre_codes = set((reference.operating_centres() if centres is None else centres).values())
    recorded = recorded_groups(ws)
    provinces = reference.load("provinces").sort_values("code")
    rows: list[dict[str, Any]] = []
    for code, name in zip(provinces["code"], provinces["name_th"], strict=True):
        is_centre = code in centre_codes
        rec = recorded.get(code)
        group = (1 if rec == 1 else 2) if is_centre else 3
        rows.append(
            {
                "province_code": code,
                "name_th": name,
                "cluster_id": reference.cluster_of(code),
                "operating_centre": is_centre,
                "model_province": reference.is_model_province(code),
                "recorded_group": rec,
                "group": group,
                "group_th": GROUP_LABELS[group],
                "agrees": None if rec is None else rec == group,
            }
        )
    df = pd.DataFrame(rows)
    df["recorded_group"] = df["recorded_group"].astype("Int64")
    df["agrees"] = df["agrees"].astype("boolean")
    return df.reset_index(drop=True)


def group_warnings(
    ws: Workspace, *, centres: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """What in the workbook's driving groups disagrees with the operating-centre rule.

    Parameters
    ----------
    ws : Workspace
    centres : mapping of cluster id to province code, optional
        As for :func:`derived_groups`.

    Returns
    -------
    list of dict
        One plain record per warning, each with ``kind`` and a Thai ``message_th``:

        * ``kind = "not_centre"`` — a province recorded in group 1 or 2 that is not an
          operating centre (``province_code``, ``name_th``, ``recorded_group``);
        * ``kind = "count"`` — a group whose recorded size differs from 4 / 14 / 59
          (``group``, ``count``, ``expected``);
        * ``kind = "none_recorded"`` — the workbook records no group for the year.

        Empty when the record follows the rule.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_tables, tiny_workspace
    >>> w = group_warnings(tiny_workspace())
    >>> [(x["kind"], x.get("group"), x.get("count")) for x in w]
    [('count', 1, 1), ('count', 2, 0), ('count', 3, 1)]

    Sukhothai (a model province, not an operating centre) recorded in group 1:

    >>> t = tiny_tables()
    >>> t["province_groups"][1]["group"] = 1
    >>> w = group_warnings(Workspace.from_tables(t, 2565))
    >>> print(w[0]["message_th"])  # doctest: +ELLIPSIS
    สุโขทัยบันทึกไว้เป็นกลุ่มที่ 1 แต่ไม่เป็นจังหวัดศูนย์ปฏิบัติการของกลุ่มจังหวัด ...
    """
    recorded = recorded_groups(ws)
    if not recorded:
        return [
            {
                "kind": "none_recorded",
                "message_th": (f"ยังไม่ได้บันทึกกลุ่มการขับเคลื่อนของจังหวัดสำหรับปีงบประมาณ {ws.fiscal_year}"),
            }
        ]
    derived = derived_groups(ws, centres=centres).set_index("province_code")
    out: list[dict[str, Any]] = []
    for code in sorted(recorded):
        group = recorded[code]
        if group in (1, 2) and not derived.loc[code, "operating_centre"]:
            name = derived.loc[code, "name_th"]
            out.append(
                {
                    "kind": "not_centre",
                    "province_code": code,
                    "name_th": name,
                    "recorded_group": group,
                    "message_th": (
                        f"{name}บันทึกไว้เป็นกลุ่มที่ {group} แต่ไม่เป็นจังหวัดศูนย์ปฏิบัติการของ"
                        f"กลุ่มจังหวัด ({_UNCONFIRMED}) จึงควรอยู่กลุ่มที่ 3"
                    ),
                }
            )
    counts = {g: sum(1 for v in recorded.values() if v == g) for g in GROUP_COUNTS}
    for group, expected in GROUP_COUNTS.items():
        if counts[group] != expected:
            out.append(
                {
                    "kind": "count",
                    "group": group,
                    "count": counts[group],
                    "expected": expected,
                    "message_th": (
                        f"บันทึกกลุ่มที่ {group} ไว้ {counts[group]} จังหวัด "
                        f"แต่ตามแนวทางการขับเคลื่อนควรมี {expected} จังหวัด"
                    ),
                }
            )
    return out
