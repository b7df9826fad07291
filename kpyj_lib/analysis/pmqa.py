"""PMQA coverage and the 3 : 1 : 3 balance (seed 003).

The workshop rule: think through categories 1, 3 and 7; prepare through category 2; act
through categories 4, 5 and 6 — three, one and three categories. An objective "acts
through" a category when it, one of its KRs or one of their projects is mapped to it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import reference
from ..workspace import Workspace
from ._common import with_province

__all__ = ["PHASES", "pmqa_balance", "pmqa_coverage", "pmqa_findings", "pmqa_objective_matrix"]

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
    """Use of the three phases against the 3 : 1 : 3 ideal.

    ``share`` is the phase's part of all category mappings; ``ideal`` is 3/7, 1/7, 3/7;
    ``categories_used`` counts the phase's categories used at least once.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> b = pmqa_balance(tiny_workspace())
    >>> b.index.tolist(), b["ideal"].round(3).tolist()
    (['think', 'prepare', 'act'], [0.429, 0.143, 0.429])
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
                "ideal": len(cats) / 7,
            }
        )
    return pd.DataFrame(rows).set_index("phase")


def pmqa_findings(ws: Workspace, province: str | None = None) -> list[str]:
    """Plain Thai findings on PMQA coverage, e.g. that no objective acts through category 5.

    Every sentence is computed from the mappings; an empty list means nothing to flag.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> all(isinstance(s, str) for s in pmqa_findings(tiny_workspace()))
    True
    """
    objs = ws["objectives"]
    if province is not None:
        objs = objs[objs["province_code"] == province]
    if objs.empty:
        return ["ยังไม่มีวัตถุประสงค์ จึงยังประเมินหมวด PMQA ไม่ได้ (no objectives yet)"]
    cov = pmqa_coverage(ws, province)
    mat = pmqa_objective_matrix(ws, province)
    findings: list[str] = []
    for cat, row in cov.iterrows():
        if not mat[cat].any():
            findings.append(
                f"ไม่มีวัตถุประสงค์ใดดำเนินการผ่านหมวด {cat} ({row['name_th']}) "
                f"— no objective works through category {cat}"
            )
    unmapped = mat.index[~mat.any(axis=1)].tolist()
    if unmapped:
        findings.append(
            f"วัตถุประสงค์ที่ยังไม่ได้เชื่อมโยงหมวด PMQA: {', '.join(unmapped)} "
            f"— objectives mapped to no category"
        )
    bal = pmqa_balance(ws, province)
    for phase, row in bal.iterrows():
        if row["mappings"] == 0:
            findings.append(
                f"ไม่มีการใช้หมวดในขั้น{row['phase_th']} (หมวด {row['categories']}) ตามหลัก 3:1:3 "
                f"— the {phase} phase is not used"
            )
    return findings
