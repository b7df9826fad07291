"""The six dimensions of effective crime prevention as content of the KPYJ's driving.

The memo of สกธ. (บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565) sets «กรอบแนวทาง
ในการป้องกันอาชญากรรมที่มีประสิทธิภาพ ๖ ด้าน (ตามมติคณะรัฐมนตรีเมื่อวันที่ ๒๔ มกราคม ๒๕๖๐)» as the
content of the driving in the provinces. Their names are not confirmed, so kpyj never
invents them: they come from the workbook, as the items of a plan of kind
``crime_prevention``. When the workbook defines them, a province none of whose objectives, key
results or projects reaches any of them is a finding.
"""

from __future__ import annotations

import networkx as nx
import pandas as pd

from .alignment import alignment_chains

__all__ = ["covers_crime_prevention", "crime_prevention_coverage"]


def _dimensions(G: nx.MultiDiGraph) -> list[str]:
    return sorted(
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == "plan_item" and d.get("plan_kind") == "crime_prevention"
    )


def crime_prevention_coverage(G: nx.MultiDiGraph, province: str) -> pd.DataFrame:
    """Each crime-prevention dimension of the workbook and what of ``province`` supports it.

    Returns
    -------
    DataFrame
        One row per dimension (plan item of a ``crime_prevention`` plan): ``plan_item_id,
        label_th, supported`` (bool) and ``by`` (the ids of the province's objectives, KRs
        and projects that reach it, comma-separated). Empty when the workbook defines none.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> crime_prevention_coverage(build_graph(tiny_workspace()), "83").empty
    True
    """
    dims = _dimensions(G)
    cols = ["plan_item_id", "label_th", "supported", "by"]
    if not dims:
        return pd.DataFrame(columns=cols)
    ch = alignment_chains(G)
    ch = ch[(ch["province_code"] == province) & (ch["plan_kind"] == "crime_prevention")]
    rows = []
    for n in dims:
        by = sorted(set(ch.loc[ch["plan_item"] == n, "id"]))
        rows.append(
            {
                "plan_item_id": G.nodes[n]["id"],
                "label_th": G.nodes[n].get("label_th"),
                "supported": bool(by),
                "by": ", ".join(by),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def covers_crime_prevention(G: nx.MultiDiGraph, province: str) -> bool | None:
    """Whether ``province`` supports at least one dimension; ``None`` when the workbook
    defines no dimension (nothing to check).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> covers_crime_prevention(build_graph(tiny_workspace()), "83") is None
    True
    """
    cov = crime_prevention_coverage(G, province)
    if cov.empty:
        return None
    return bool(cov["supported"].any())
