"""Input → process → output between units, and End Products (seed 003).

"Whose input is our output?": a flow names a product one unit hands to another. A result
that needs two or more units working together is an **End Product**; a result of one unit
alone is only a Key Result.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd

from ..workspace import Workspace

__all__ = [
    "collaboration_matrix",
    "end_products",
    "flow_cycles",
    "unit_flows",
    "unsupplied_inputs",
    "unused_outputs",
]


def _units(ws: Workspace, province: str | None) -> pd.DataFrame:
    u = ws["units"]
    return u if province is None else u[u["province_code"] == province]


def _flows(ws: Workspace, province: str | None) -> pd.DataFrame:
    f = ws["flows"]
    if province is None:
        return f
    ids = set(_units(ws, province)["id"])
    return f[f["from_unit_id"].isin(ids) | f["to_unit_id"].isin(ids)]


def unit_flows(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """For each unit: whose input its outputs are, and who supplies its inputs.

    Returns
    -------
    DataFrame
        ``unit_id, name_th, outputs_to, inputs_from, n_outputs, n_inputs`` where
        ``outputs_to`` / ``inputs_from`` read "product → unit" in Thai.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> uf = unit_flows(tiny_workspace())
    >>> {"unit_id", "outputs_to", "inputs_from"} <= set(uf.columns)
    True
    """
    units = _units(ws, province)
    names = dict(zip(ws["units"]["id"], ws["units"]["name_th"], strict=True))
    f = ws["flows"]
    outs: dict[str, list[str]] = {}
    ins: dict[str, list[str]] = {}
    for p, src, dst in zip(f["product_th"], f["from_unit_id"], f["to_unit_id"], strict=True):
        if src:
            user = names.get(dst, dst) if dst else "ไม่มีผู้ใช้ (no user)"
            outs.setdefault(src, []).append(f"{p} → {user}")
        if dst:
            supplier = names.get(src, src) if src else "ไม่มีผู้ส่ง (no supplier)"
            ins.setdefault(dst, []).append(f"{p} ← {supplier}")
    rows = [
        {
            "unit_id": uid,
            "name_th": name,
            "outputs_to": "; ".join(outs.get(uid, [])),
            "inputs_from": "; ".join(ins.get(uid, [])),
            "n_outputs": len(outs.get(uid, [])),
            "n_inputs": len(ins.get(uid, [])),
        }
        for uid, name in zip(units["id"], units["name_th"], strict=True)
    ]
    return pd.DataFrame(
        rows, columns=["unit_id", "name_th", "outputs_to", "inputs_from", "n_outputs", "n_inputs"]
    )


def _one_ended(
    ws: Workspace, province: str | None, unit_col: str, missing_col: str
) -> pd.DataFrame:
    """Flows with ``unit_col`` set and ``missing_col`` empty, with the unit's Thai name."""
    f = _flows(ws, province)
    f = f[f[missing_col].isna() & f[unit_col].notna()]
    names = dict(zip(ws["units"]["id"], ws["units"]["name_th"], strict=True))
    return pd.DataFrame(
        {
            "flow_id": f["id"].tolist(),
            "unit_id": f[unit_col].tolist(),
            "unit_th": [names.get(u) for u in f[unit_col]],
            "product_th": f["product_th"].tolist(),
        }
    )


def unused_outputs(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Outputs nobody is known to use (flows without a receiving unit).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> list(unused_outputs(tiny_workspace()).columns)
    ['flow_id', 'unit_id', 'unit_th', 'product_th']
    """
    return _one_ended(ws, province, "from_unit_id", "to_unit_id")


def unsupplied_inputs(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Inputs nobody is known to supply (flows without a sending unit).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> list(unsupplied_inputs(tiny_workspace()).columns)
    ['flow_id', 'unit_id', 'unit_th', 'product_th']
    """
    return _one_ended(ws, province, "to_unit_id", "from_unit_id")


def flow_cycles(ws: Workspace, province: str | None = None) -> list[list[str]]:
    """Cycles of units feeding each other (A → B → C → A), each as a list of unit ids.

    A cycle is not an error — feedback loops exist — but it is worth looking at.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> isinstance(flow_cycles(tiny_workspace()), list)
    True
    """
    f = _flows(ws, province).dropna(subset=["from_unit_id", "to_unit_id"])
    g = nx.DiGraph()
    g.add_edges_from(zip(f["from_unit_id"], f["to_unit_id"], strict=True))
    cycles = [c for c in nx.simple_cycles(g) if len(c) > 1]
    # a stable form: start each cycle at its smallest id
    norm = []
    for c in cycles:
        i = c.index(min(c))
        norm.append(c[i:] + c[:i])
    return sorted(norm)


def end_products(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Classify every KR: an End Product (≥ 2 units) or a single-unit Key Result.

    The units of a KR are its owner unit and the units in ``kr_units`` (owner or
    contributor). A KR with no unit at all is flagged as ``unowned``.

    Returns
    -------
    DataFrame
        ``key_result_id, objective_id, province_code, title_th, units, n_units,
        classification`` (``end_product`` / ``key_result`` / ``unowned``) and
        ``classification_th``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> ep = end_products(tiny_workspace())
    >>> set(ep["classification"]) <= {"end_product", "key_result", "unowned"}
    True
    """
    krs = ws["key_results"]
    obj_prov = dict(zip(ws["objectives"]["id"], ws["objectives"]["province_code"], strict=True))
    ku = ws["kr_units"]
    kr_units: dict[str, set[str]] = {}
    for k, u in zip(ku["key_result_id"], ku["unit_id"], strict=True):
        kr_units.setdefault(k, set()).add(u)
    labels = {
        "end_product": "End Product",
        "key_result": "ผลลัพธ์หลักของหน่วยเดียว (Key Result)",
        "unowned": "ยังไม่มีหน่วยงานรับผิดชอบ",
    }
    rows = []
    for kr in krs.itertuples(index=False):
        prov = obj_prov.get(kr.objective_id)
        if province is not None and prov != province:
            continue
        units = set(kr_units.get(kr.id, ()))
        if kr.owner_unit_id:
            units.add(kr.owner_unit_id)
        n = len(units)
        cls = "end_product" if n >= 2 else ("key_result" if n == 1 else "unowned")
        rows.append(
            {
                "key_result_id": kr.id,
                "objective_id": kr.objective_id,
                "province_code": prov,
                "title_th": kr.title_th,
                "units": ", ".join(sorted(units)),
                "n_units": n,
                "classification": cls,
                "classification_th": labels[cls],
            }
        )
    cols = [
        "key_result_id", "objective_id", "province_code", "title_th", "units", "n_units",
        "classification", "classification_th",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def collaboration_matrix(ws: Workspace, province: str | None = None) -> pd.DataFrame:
    """Unit × unit: how many KRs two units share plus how many flows link them.

    Symmetric, with zeros on the diagonal; only units that collaborate at all appear.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> m = collaboration_matrix(tiny_workspace())
    >>> bool((m.values == m.values.T).all())
    True
    """
    ep = end_products(ws, province)
    pairs: dict[tuple[str, str], int] = {}
    for units in ep["units"]:
        us = sorted(u for u in units.split(", ") if u)
        for i, a in enumerate(us):
            for b in us[i + 1 :]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    f = _flows(ws, province).dropna(subset=["from_unit_id", "to_unit_id"])
    for a, b in zip(f["from_unit_id"], f["to_unit_id"], strict=True):
        if a != b:
            key = tuple(sorted((a, b)))
            pairs[key] = pairs.get(key, 0) + 1  # type: ignore[index]
    units = sorted({u for p in pairs for u in p})
    pos = {u: i for i, u in enumerate(units)}
    arr = np.zeros((len(units), len(units)), dtype=int)
    for (a, b), n in pairs.items():
        arr[pos[a], pos[b]] += n
        arr[pos[b], pos[a]] += n
    mat = pd.DataFrame(arr, index=units, columns=units)
    mat.index.name = mat.columns.name = "unit_id"
    return mat
