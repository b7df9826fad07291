"""Small helpers shared by the analyses (not public API)."""

from __future__ import annotations

import pandas as pd

from ..workspace import Workspace


def node_provinces(ws: Workspace) -> dict[tuple[str, str], str | None]:
    """``(kind, id) -> province code`` for objectives, KRs, initiatives, lessons and KPIs.

    A KR takes its objective's province.
    """
    out: dict[tuple[str, str], str | None] = {}
    objs = ws["objectives"]
    obj_prov = dict(zip(objs["id"], objs["province_code"], strict=True))
    for oid, p in obj_prov.items():
        out[("objective", oid)] = p
    krs = ws["key_results"]
    for kid, oid in zip(krs["id"], krs["objective_id"], strict=True):
        out[("key_result", kid)] = obj_prov.get(oid)
    for kind, table in (("initiative", "initiatives"), ("lesson", "lessons"), ("kpi", "kpis")):
        df = ws[table]
        for i, p in zip(df["id"], df["province_code"], strict=True):
            out[(kind, i)] = p
    return out


def with_province(ws: Workspace, df: pd.DataFrame, kind_col: str, id_col: str) -> pd.DataFrame:
    """``df`` with a ``province_code`` column looked up from its polymorphic source."""
    lookup = node_provinces(ws)
    out = df.copy()
    out["province_code"] = [
        lookup.get((k, i)) for k, i in zip(out[kind_col], out[id_col], strict=True)
    ]
    return out


def provinces_of(ws: Workspace, province: str | None) -> list[str]:
    """The province codes an analysis covers: one, or every province of the workspace."""
    return [province] if province is not None else list(ws.province_codes)
