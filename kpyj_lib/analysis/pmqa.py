"""PMQA coverage and the 3 : 1 : 3 rule (การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565).

The workshop's rule «หลักคิด 3 : 1 : 3 คือ การคิด (หมวด 1 3 7) / การเตรียม (หมวด 2) /
การลงมือทำ (หมวด 4 5 6)» sorts the seven categories into three phases — three, one and three
categories. It sets **no target share**: what is checked is, per objective (goal), which
phases it works through, and a goal without a "think" or without an "act" category is
flagged (:func:`pmqa_phase_coverage`, :func:`pmqa_findings`). An objective "works through"
a category when it, one of its KRs or one of their projects is mapped to it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import reference
from ..workspace import Workspace
from ._common import with_province

__all__ = [
    "PHASES",
    "pmqa_balance",
    "pmqa_coverage",
    "pmqa_findings",
    "pmqa_objective_matrix",
    "pmqa_phase_coverage",
]

#: Phase code -> (Thai label, categories)
PHASES: dict[str, tuple[str, tuple[int, ...]]] = {
    "think": ("การคิด", (1, 3, 7)),
    "prepare": ("การเตรียม", (2,)),
    "act": ("การลงมือทำ", (4, 5, 6)),
}


def _mappings(ws: Workspace, province: str | None) -> pd.DataFrame:
    m = with_province(ws, ws["pmqa_mappings"], "source_type", "source_id")
    if province is not None:
        m = m[m["province_code"] == province]
    return m


def pmqa_coverage(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """How many objectives, KRs, projects and lessons work through each of the 7 categories.

    Parameters
    ----------
    ws : Workspace
    province : str, optional
        A province code; default every province together.

    Returns
    -------
    DataFrame
        Indexed by category 1-7 with ``name_th, phase, phase_th, objective, key_result,
        initiative, lesson, total``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> cov = pmqa_coverage(tiny_workspace())
    >>> cov.index.tolist()
    [1, 2, 3, 4, 5, 6, 7]
    >>> cov.loc[2, "phase"]
    'prepare'
    """
    cats = reference.load("pmqa_categories").copy()
    cats["id"] = cats["id"].astype(int)
    cats = cats.set_index("id")[["name_th", "phase", "phase_th"]]
    m = _mappings(ws, province)
    counts = (
        m.groupby(["category", "source_type"])["source_id"].nunique().unstack(fill_value=0)
        if len(m)
        else pd.DataFrame()
    )
    for kind in ("objective", "key_result", "initiative", "lesson"):
        cats[kind] = (
            counts[kind].reindex(cats.index, fill_value=0).astype(int) if kind in counts else 0
        )
    cats["total"] = cats[["objective", "key_result", "initiative", "lesson"]].sum(axis=1)
    cats.index.name = "category"
    return cats


def pmqa_objective_matrix(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Objectives × categories: True where the objective, a KR or a project of it uses it.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> mat = pmqa_objective_matrix(tiny_workspace())
    >>> list(mat.columns)
    [1, 2, 3, 4, 5, 6, 7]
    """
    objs = ws["objectives"]
    if province is not None:
        objs = objs[objs["province_code"] == province]
    kr_obj = dict(zip(ws["key_results"]["id"], ws["key_results"]["objective_id"], strict=True))
    ik = ws["initiative_krs"]
    ini_objs: dict[str, list[str]] = {}
    for i, k in zip(ik["initiative_id"], ik["key_result_id"], strict=True):
        ini_objs.setdefault(i, []).append(kr_obj.get(k))
    ids = list(objs["id"])
    pos = {o: i for i, o in enumerate(ids)}
    arr = np.zeros((len(ids), 7), dtype=bool)
    m = ws["pmqa_mappings"]
    for src, sid, cat in zip(m["source_type"], m["source_id"], m["category"], strict=True):
        if src == "objective":
            targets = [sid]
        elif src == "key_result":
            targets = [kr_obj.get(sid)]
        elif src == "initiative":
            targets = ini_objs.get(sid, [])
        else:
            continue
        for oid in targets:
            if oid in pos:
                arr[pos[oid], int(cat) - 1] = True
    return pd.DataFrame(arr, index=pd.Index(ids, name="objective_id"), columns=list(range(1, 8)))


def pmqa_balance(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """How much each of the three phases is used (a description, not a score).

    The 3 : 1 : 3 rule sorts the seven categories into phases; it sets **no target share**,
    so this table only counts: ``mappings`` (category mappings in the phase), ``share`` (their
    part of all mappings), ``categories_used`` of ``categories_total``.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> b = pmqa_balance(tiny_workspace())
    >>> b.index.tolist(), "ideal" in b.columns
    (['think', 'prepare', 'act'], False)
    """
    cov = pmqa_coverage(ws, province)
    total = cov["total"].sum()
    rows = []
    for phase, (label, cats) in PHASES.items():
        n = int(cov.loc[list(cats), "total"].sum())
        rows.append(
            {
                "phase": phase,
                "phase_th": label,
                "categories": ", ".join(map(str, cats)),
                "mappings": n,
                "categories_used": int((cov.loc[list(cats), "total"] > 0).sum()),
                "categories_total": len(cats),
                "share": n / total if total else float("nan"),
            }
        )
    return pd.DataFrame(rows).set_index("phase")


def pmqa_phase_coverage(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Which of the three phases each objective (goal) works through.

    The workshop asks of every goal «ต้องใช้หมวดใดของเครื่องมือ PMQA ในการผลักดันการดำเนินงาน
    โดยให้หลักคิด 3 : 1 : 3»: think (1, 3, 7), prepare (2), act (4, 5, 6). An objective works
    through a category when it, one of its KRs or one of their projects is mapped to it
    (:func:`pmqa_objective_matrix`). A goal is flagged when it has categories but none of the
    think phase or none of the act phase; a goal with no category at all is flagged as
    unmapped.

    Returns
    -------
    DataFrame
        One row per objective, in workbook order: ``objective_id, province_code, title_th,
        categories`` (text, e.g. ``"1, 4, 6"``), ``think, prepare, act`` (bool),
        ``phases_th`` (the phases covered, Thai), ``missing_th`` (think/act missing, Thai) and
        ``flag``: ``""`` (covers think and act), ``"unmapped"``, ``"no_think"``,
        ``"no_act"`` or ``"no_think_act"``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> pc = pmqa_phase_coverage(tiny_workspace(), "83")
    >>> pc[["objective_id", "categories", "flag"]].values.tolist()
    [['OBJ-83-01', '2, 4, 7', ''], ['OBJ-83-01-01', '6', 'no_think']]
    """
    objs = ws["objectives"]
    if province is not None:
        objs = objs[objs["province_code"] == province]
    mat = pmqa_objective_matrix(ws, province)
    rows = []
    for o in objs.itertuples(index=False):
        cats = [c for c in range(1, 8) if o.id in mat.index and bool(mat.at[o.id, c])]
        has = {p: any(c in members for c in cats) for p, (_, members) in PHASES.items()}
        missing = [p for p in ("think", "act") if not has[p]]
        if not cats:
            flag = "unmapped"
        elif missing:
            flag = "no_" + "_".join(missing)
        else:
            flag = ""
        rows.append(
            {
                "objective_id": o.id,
                "province_code": o.province_code,
                "title_th": o.title_th,
                "categories": ", ".join(map(str, cats)),
                **has,
                "phases_th": ", ".join(PHASES[p][0] for p in PHASES if has[p]),
                "missing_th": ", ".join(PHASES[p][0] for p in missing) if cats else "",
                "flag": flag,
            }
        )
    cols = [
        "objective_id", "province_code", "title_th", "categories", "think", "prepare", "act",
        "phases_th", "missing_th", "flag",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def pmqa_findings(ws: Workspace, province: str | None = None) -> list[str]:
    """Plain Thai findings on the 3 : 1 : 3 rule, one per objective that breaks it.

    An objective mapped to no PMQA category, or whose categories include no "think"
    category (1, 3, 7) or no "act" category (4, 5, 6), is named (:func:`pmqa_phase_coverage`).
    A category nobody uses is **not** a finding: the rule sorts categories into phases, it
    does not ask for every category. An empty list means nothing to flag.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> pmqa_findings(tiny_workspace(), "83")
    ['วัตถุประสงค์ OBJ-83-01-01 ใช้หมวด PMQA 6 แต่ไม่มีหมวดในขั้นการคิด (หมวด 1, 3, 7)']
    """
    objs = ws["objectives"]
    if province is not None:
        objs = objs[objs["province_code"] == province]
    if objs.empty:
        return ["ยังไม่มีวัตถุประสงค์ จึงยังพิจารณาหมวด PMQA ตามหลักคิด 3 : 1 : 3 ไม่ได้"]
    pc = pmqa_phase_coverage(ws, province)
    findings: list[str] = []
    unmapped = pc.loc[pc["flag"] == "unmapped", "objective_id"].tolist()
    if unmapped:
        findings.append(f"วัตถุประสงค์ที่ยังไม่ได้ระบุหมวด PMQA: {', '.join(unmapped)}")
    for r in pc[pc["flag"].str.startswith("no_")].itertuples(index=False):
        missing = [p for p in ("think", "act") if not getattr(r, p)]
        what = " และ".join(
            f"ขั้น{PHASES[p][0]} (หมวด {', '.join(map(str, PHASES[p][1]))})" for p in missing
        )
        findings.append(f"วัตถุประสงค์ {r.objective_id} ใช้หมวด PMQA {r.categories} แต่ไม่มีหมวดใน{what}")
    return findings
