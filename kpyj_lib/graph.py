"""The plan graph: a workspace as a :class:`networkx.MultiDiGraph` of typed nodes and edges.

Every node has a stable id ``"<kind>:<id>"`` (see :func:`node_id`) and the attributes
``kind``, ``id``, ``label_th``, ``label_en`` (may be ``None``) and ``layer`` (see
:func:`layer_of`), plus scalar attributes of its record (``str``, ``int``, ``float``,
``bool`` or ``None``; dates are ISO strings in the Common Era). Every edge has ``kind`` and
its key is the kind (``"feeds:<flow id>"`` for flows), so building twice gives identical
graphs and an edge can be addressed as ``G.edges[u, v, "aligns_to"]``.

Node kinds (:data:`NODE_KINDS`)
    ``plan``, ``plan_item``, ``province``, ``cluster``, ``unit``, ``objective``,
    ``key_result``, ``kpi``, ``initiative``, ``stakeholder``, ``pmqa_category`` (all 7),
    ``bsc_dimension`` (all 4 KPI dimensions), ``directive``, ``lesson``, ``workshop``,
    ``idea``.

Edge kinds (:data:`EDGE_KINDS`), always pointing *up* or *towards the owner*
    ========================  =====================================================
    ``part_of``               plan item → parent item (top items → their plan);
                              child objective → parent objective; unit → parent
                              unit; idea → workshop
    ``aligns_to``             objective / KR / initiative / plan item → plan item
                              (attribute ``rationale``)
    ``measures``              KR → objective; KPI → objective and/or KR
    ``delivers``              initiative → KR
    ``owned_by``              objective / KR / initiative / KPI / workshop → unit
    ``contributes``           KR → contributing unit (``kr_units`` role contributor;
                              role owner gives ``owned_by``)
    ``located_in``            unit / objective / initiative / KPI / lesson /
                              stakeholder / workshop / plan with a province →
                              province; province → cluster (attributes
                              ``confirmed``, ``citation``); cluster plan → cluster
    ``uses_pmqa``             objective / KR / initiative / lesson → PMQA category
    ``in_dimension``          KPI → BSC dimension (attribute ``level``)
    ``feeds``                 unit → unit (attribute ``product``); key
                              ``feeds:<flow id>``
    ``serves``                objective / KR / initiative → stakeholder
    ``about``                 lesson → any node
    ``assigned_to``           directive → unit
    ``produced``              workshop → objective
    ``carried_from``          objective / KR → the record it was carried over from
    ========================  =====================================================

References to ids that are not in the workspace are skipped (no half-empty nodes are made);
their number is ``G.graph["skipped_edges"]``. The graph's ``graph`` dict also holds
``fiscal_year``, ``is_sample`` and ``source``.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> G = build_graph(tiny_workspace())
>>> G.nodes["objective:OBJ-83-01"]["label_th"]
'ลดการกระทำผิดซ้ำในจังหวัดภูเก็ต'
>>> sorted(v for _, v, k in G.out_edges("objective:OBJ-83-01", keys=True) if k == "aligns_to")
['plan_item:PP-83-3.1']
>>> G.graph["is_sample"]
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from . import reference
from .files import atomic_write, atomic_write_text
from .workspace import Workspace, rows_of

__all__ = [
    "EDGE_KINDS",
    "LAYERS",
    "NODE_KINDS",
    "PLAN_LAYERS",
    "build_graph",
    "edges_frame",
    "layer_of",
    "neighbourhood",
    "node_id",
    "nodes_frame",
    "parse_node_id",
    "province_subgraph",
    "read_node_link_json",
    "write_graphml",
    "write_node_link_json",
]

#: Every node kind, in a stable order.
NODE_KINDS: tuple[str, ...] = (
    "plan",
    "plan_item",
    "province",
    "cluster",
    "unit",
    "objective",
    "key_result",
    "kpi",
    "initiative",
    "stakeholder",
    "pmqa_category",
    "bsc_dimension",
    "directive",
    "lesson",
    "workshop",
    "idea",
)

#: Every edge kind, in a stable order.
EDGE_KINDS: tuple[str, ...] = (
    "part_of",
    "aligns_to",
    "measures",
    "delivers",
    "owned_by",
    "contributes",
    "located_in",
    "uses_pmqa",
    "in_dimension",
    "feeds",
    "serves",
    "about",
    "assigned_to",
    "produced",
    "carried_from",
)

#: Layer of a plan or plan item by its plan kind: national → provincial (see layer_of).
PLAN_LAYERS: dict[str | None, int] = {
    "national_strategy": 0,
    "national_master_plan": 1,
    "justice_master_plan": 2,
    "cabinet_resolution": 2,
    "ministry_policy": 2,
    "crime_prevention": 2,
    "other": 2,
    None: 2,
    "cluster_plan": 3,
    "provincial_plan": 4,
}

#: Layer of the other node kinds; kinds not listed (units, stakeholders, PMQA categories,
#: BSC dimensions, directives, lessons, workshops, ideas) are drawn in layer 8.
LAYERS: dict[str, int] = {
    "cluster": 3,
    "province": 4,
    "objective": 5,
    "key_result": 6,
    "kpi": 6,
    "initiative": 7,
}
_SIDE_LAYER = 8

#: The record table of each node kind built from a workspace entity, and how it is labelled.
_TABLE_NODES: tuple[tuple[str, str, str, str | None], ...] = (
    # kind, table, Thai label column, English label column
    ("plan", "plans", "name_th", "name_en"),
    ("plan_item", "plan_items", "name_th", "name_en"),
    ("unit", "units", "name_th", "name_en"),
    ("stakeholder", "stakeholders", "name_th", "name_en"),
    ("objective", "objectives", "title_th", "title_en"),
    ("key_result", "key_results", "title_th", "title_en"),
    ("kpi", "kpis", "name_th", None),
    ("initiative", "initiatives", "name_th", "name_en"),
    ("directive", "directives", "title_th", None),
    ("lesson", "lessons", "title_th", None),
    ("workshop", "workshops", "title_th", None),
    ("idea", "ideas", "text_th", None),
)

#: Record columns renamed on the node so that they do not clash with ``kind``/``id``/
#: ``label_*`` or mean different things on different kinds.
_RENAME: dict[str, dict[str, str]] = {
    "plan": {"kind": "plan_kind", "level": "plan_level"},
    "stakeholder": {"kind": "stakeholder_kind"},
    "kpi": {"level": "kpi_level"},
    "initiative": {"kind": "initiative_kind"},
    "directive": {"level": "directive_level"},
    "lesson": {"kind": "lesson_kind", "source": "lesson_source"},
}


# --------------------------------------------------------------------------- node ids
def node_id(kind: str, id: Hashable) -> str:
    """The stable node id ``"<kind>:<id>"`` of a record.

    Parameters
    ----------
    kind : str
        One of :data:`NODE_KINDS`.
    id : str or int
        The record's id (province code, PMQA category number...).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``kind`` is not a node kind.

    Examples
    --------
    >>> node_id("objective", "OBJ-83-01")
    'objective:OBJ-83-01'
    >>> node_id("pmqa_category", 3)
    'pmqa_category:3'
    """
    if kind not in NODE_KINDS:
        raise ValueError(f"unknown node kind {kind!r}; expected one of {NODE_KINDS}")
    return f"{kind}:{id}"


def parse_node_id(node: str) -> tuple[str, str]:
    """Split a node id into ``(kind, id)``; the inverse of :func:`node_id`.

    Only the first ``:`` separates, so ids may themselves contain ``:``.

    Examples
    --------
    >>> parse_node_id("plan_item:JMP4-D1")
    ('plan_item', 'JMP4-D1')
    >>> parse_node_id("idea:WS:1")
    ('idea', 'WS:1')
    """
    kind, sep, rest = str(node).partition(":")
    if not sep or kind not in NODE_KINDS:
        raise ValueError(f"not a kpyj node id: {node!r}")
    return kind, rest


# --------------------------------------------------------------------------- helpers
def _scalar(v: Any) -> Any:
    """A GraphML/JSON friendly scalar: None, bool, int, float or str (dates as ISO)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, bool | str):
        return v
    if isinstance(v, dt.date):  # also datetime
        return v.isoformat()
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return None if math.isnan(v) else float(v)
    if hasattr(v, "item"):  # numpy scalar
        return _scalar(v.item())
    return str(v)


def _text(v: Any) -> str | None:
    v = _scalar(v)
    return None if v is None else str(v)


def _truthy(v: Any) -> bool | None:
    v = _scalar(v)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    return str(v).strip().lower() in {"true", "1", "yes", "ใช่"}


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{k: _scalar(v) for k, v in r.items()} for r in rows_of(df)]


class _Builder:
    """Adds nodes and edges, skipping edges whose ends are not in the graph."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G
        self.skipped = 0

    def node(self, kind: str, id: Any, label_th: Any, label_en: Any, **attrs: Any) -> str:
        n = node_id(kind, id)
        data = {
            "kind": kind,
            "id": str(id),
            "label_th": _text(label_th),
            "label_en": _text(label_en),
        }
        data.update({k: _scalar(v) for k, v in attrs.items()})
        data["layer"] = _layer(kind, data.get("plan_kind"))
        self.G.add_node(n, **data)
        return n

    def edge(
        self,
        u_kind: str,
        u_id: Any,
        v_kind: str,
        v_id: Any,
        kind: str,
        key: str | None = None,
        **attrs: Any,
    ) -> bool:
        if u_id in (None, "") or v_id in (None, ""):
            return False  # no reference at all
        if u_kind not in NODE_KINDS or v_kind not in NODE_KINDS:
            self.skipped += 1
            return False
        u, v = node_id(u_kind, u_id), node_id(v_kind, v_id)
        if u not in self.G or v not in self.G:
            self.skipped += 1
            return False
        self.G.add_edge(
            u, v, key=key or kind, kind=kind, **{k: _scalar(x) for k, x in attrs.items()}
        )
        return True


def _code_labels(list_name: str) -> dict[str, tuple[str | None, str | None]]:
    codes = reference.load("codes")
    sel = codes[codes["list"] == list_name]
    if "order" in sel.columns:
        sel = sel.sort_values("order", kind="stable")
    return {
        str(r["code"]): (_text(r.get("label_th")), _text(r.get("label_en")))
        for r in sel.to_dict("records")
    }


# --------------------------------------------------------------------------- building
def build_graph(ws: Workspace, *, all_provinces: bool = True) -> nx.MultiDiGraph:
    """Build the plan graph of a workspace.

    Parameters
    ----------
    ws : Workspace
        The workspace of one fiscal year (reference plans are part of it).
    all_provinces : bool, default True
        Add every province and cluster of the reference tables. With ``False`` only the
        provinces some record points to, and their clusters, are added (smaller drawings).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes and edges as described in the module docstring. Node attributes include
        ``province_code`` and ``fiscal_year`` where the record has them; ``plan_kind``,
        ``plan_level`` and ``plan_id`` on plans and plan items (items inherit them from
        their plan); ``baseline``, ``target``, ``direction``, ``weight`` and a check-in
        summary (``checkin_count``, ``last_value``, ``last_checkin``) on key results, which
        also inherit ``province_code`` and ``fiscal_year`` from their objective;
        ``budget`` on initiatives; ``group`` (driving group 1-3 of the year) on
        provinces; ``phase`` on PMQA categories; ``votes`` on ideas; ``outputs_unused`` /
        ``inputs_unsupplied`` (``"; "``-joined products of one-ended flows) on units.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> G.nodes["key_result:KR-83-01-1"]["target"], G.nodes["key_result:KR-83-01-1"]["direction"]
    (12.0, 'down')
    >>> sorted(v for _, v, k in G.out_edges("key_result:KR-83-01-1", keys=True)
    ...        if k in ("owned_by", "contributes"))
    ['unit:CORR-83', 'unit:PJO-83', 'unit:PROB-83']
    >>> G.nodes["plan_item:PP-83-3.1"]["plan_kind"], G.nodes["plan_item:NMP-22"]["plan_level"]
    ('provincial_plan', 2)
    >>> G.nodes["unit:PJO-64"]["outputs_unused"]
    'รายงานสรุปผลการไกล่เกลี่ยข้อพิพาท'
    >>> G.edges["unit:CORR-83", "unit:PROB-83", "feeds:FL-01"]["product"]
    'รายชื่อผู้ต้องขังที่ใกล้พ้นโทษ'
    >>> sum(1 for _, k in G.nodes(data="kind") if k == "pmqa_category")
    7
    """
    G = nx.MultiDiGraph()
    G.graph.update(
        fiscal_year=int(ws.fiscal_year), is_sample=bool(ws.is_sample), source=str(ws.source)
    )
    b = _Builder(G)
    rows = {name: _rows(ws[name]) for _, name, _, _ in _TABLE_NODES}

    # ---- reference nodes: clusters, provinces, PMQA categories, BSC dimensions
    members = _rows(ws["cluster_members"])
    clusters = _rows(ws["clusters"])
    provinces = _rows(ws["provinces"])
    if not all_provinces:
        used = _used_provinces(ws, rows)
        provinces = [p for p in provinces if str(p["code"]) in used]
        used_clusters = {str(m["cluster_id"]) for m in members if str(m["province_code"]) in used}
        used_clusters |= {str(p["cluster_id"]) for p in rows["plans"] if p.get("cluster_id")}
        clusters = [c for c in clusters if str(c["id"]) in used_clusters]
    for c in clusters:
        b.node(
            "cluster",
            c["id"],
            c.get("name_th"),
            c.get("name_en"),
            confirmed=_truthy(c.get("confirmed")),
            source=c.get("source"),
        )
    groups = {str(r["province_code"]): r["group"] for r in _rows(ws["province_groups"])}
    for p in provinces:
        code = str(p["code"])
        b.node(
            "province",
            code,
            p.get("name_th"),
            p.get("name_en"),
            iso_code=p.get("iso_code"),
            region=p.get("region"),
            region_th=p.get("region_th"),
            region_en=p.get("region_en"),
            group=groups.get(code),
        )
    for m in members:
        b.edge(
            "province",
            str(m["province_code"]),
            "cluster",
            m["cluster_id"],
            "located_in",
            confirmed=_truthy(m.get("confirmed")),
            citation=m.get("source"),
        )
    for c in _rows(ws["pmqa_categories"]):
        cat = int(c["id"])
        b.node(
            "pmqa_category",
            cat,
            c.get("name_th"),
            c.get("name_en"),
            category=cat,
            phase=c.get("phase"),
            phase_th=c.get("phase_th"),
        )
    for code, (th, en) in _code_labels("kpi_dimension").items():
        b.node("bsc_dimension", code, th, en)

    # ---- record nodes
    plans = {str(p["id"]): p for p in rows["plans"]}
    objectives = {str(o["id"]): o for o in rows["objectives"]}
    for kind, table, th, en in _TABLE_NODES:
        rename = _RENAME.get(kind, {})
        for r in rows[table]:
            attrs = {rename.get(k, k): v for k, v in r.items() if k not in ("id", th) and k != en}
            if kind == "plan_item":
                plan = plans.get(str(r["plan_id"]), {})
                attrs.update(
                    plan_kind=plan.get("kind"),
                    plan_level=plan.get("level"),
                    province_code=plan.get("province_code"),
                    cluster_id=plan.get("cluster_id"),
                )
            elif kind == "key_result":
                obj = objectives.get(str(r.get("objective_id")), {})
                attrs.update(
                    province_code=obj.get("province_code"), fiscal_year=obj.get("fiscal_year")
                )
            b.node(kind, r["id"], r.get(th), r.get(en) if en else None, **attrs)

    _summaries(G, ws)

    # ---- structure: part_of, located_in
    for p in rows["plans"]:
        b.edge("plan", p["id"], "province", p.get("province_code"), "located_in")
        b.edge("plan", p["id"], "cluster", p.get("cluster_id"), "located_in")
    for it in rows["plan_items"]:
        if not (
            it.get("parent_id")
            and b.edge("plan_item", it["id"], "plan_item", it["parent_id"], "part_of")
        ):
            b.edge("plan_item", it["id"], "plan", it["plan_id"], "part_of")
    for u in rows["units"]:
        b.edge("unit", u["id"], "unit", u.get("parent_id"), "part_of")
        b.edge("unit", u["id"], "province", u.get("province_code"), "located_in")
    for s in rows["stakeholders"]:
        b.edge("stakeholder", s["id"], "province", s.get("province_code"), "located_in")

    # ---- OKR
    for o in rows["objectives"]:
        b.edge("objective", o["id"], "objective", o.get("parent_id"), "part_of")
        b.edge("objective", o["id"], "province", o.get("province_code"), "located_in")
        b.edge("objective", o["id"], "unit", o.get("unit_id"), "owned_by")
        b.edge("objective", o["id"], "objective", o.get("carried_from_id"), "carried_from")
    for k in rows["key_results"]:
        b.edge("key_result", k["id"], "objective", k.get("objective_id"), "measures")
        b.edge("key_result", k["id"], "unit", k.get("owner_unit_id"), "owned_by")
        b.edge("key_result", k["id"], "key_result", k.get("carried_from_id"), "carried_from")
    for ku in _rows(ws["kr_units"]):
        kind = "owned_by" if ku.get("role") == "owner" else "contributes"
        b.edge("key_result", ku["key_result_id"], "unit", ku["unit_id"], kind, role=ku.get("role"))
    for k in rows["kpis"]:
        b.edge("kpi", k["id"], "objective", k.get("objective_id"), "measures")
        b.edge("kpi", k["id"], "key_result", k.get("key_result_id"), "measures")
        b.edge("kpi", k["id"], "unit", k.get("unit_id"), "owned_by")
        b.edge("kpi", k["id"], "province", k.get("province_code"), "located_in")
        b.edge(
            "kpi",
            k["id"],
            "bsc_dimension",
            k.get("dimension"),
            "in_dimension",
            level=k.get("level"),
        )
    for i in rows["initiatives"]:
        b.edge("initiative", i["id"], "unit", i.get("owner_unit_id"), "owned_by")
        b.edge("initiative", i["id"], "province", i.get("province_code"), "located_in")
    for ik in _rows(ws["initiative_krs"]):
        b.edge("initiative", ik["initiative_id"], "key_result", ik["key_result_id"], "delivers")

    # ---- polymorphic links
    for a in _rows(ws["alignments"]):
        b.edge(
            a["source_type"],
            a["source_id"],
            "plan_item",
            a["plan_item_id"],
            "aligns_to",
            rationale=a.get("rationale_th"),
        )
    for m in _rows(ws["pmqa_mappings"]):
        b.edge(m["source_type"], m["source_id"], "pmqa_category", m["category"], "uses_pmqa")
    for s in _rows(ws["service_links"]):
        b.edge(s["source_type"], s["source_id"], "stakeholder", s["stakeholder_id"], "serves")

    # ---- flows between units
    for f in _rows(ws["flows"]):
        if f.get("from_unit_id") and f.get("to_unit_id"):
            b.edge(
                "unit",
                f["from_unit_id"],
                "unit",
                f["to_unit_id"],
                "feeds",
                key=f"feeds:{f['id']}",
                product=f.get("product_th"),
                flow_id=f["id"],
                key_result_id=f.get("key_result_id"),
                fiscal_year=f.get("fiscal_year"),
            )

    # ---- directives, lessons, workshops
    for d in _rows(ws["directive_units"]):
        b.edge("directive", d["directive_id"], "unit", d["unit_id"], "assigned_to")
    for les in rows["lessons"]:
        b.edge("lesson", les["id"], "province", les.get("province_code"), "located_in")
    for link in _rows(ws["lesson_links"]):
        b.edge("lesson", link["lesson_id"], link["target_type"], link["target_id"], "about")
    for w in rows["workshops"]:
        b.edge("workshop", w["id"], "objective", w.get("objective_id"), "produced")
        b.edge("workshop", w["id"], "unit", w.get("unit_id"), "owned_by")
        b.edge("workshop", w["id"], "province", w.get("province_code"), "located_in")
    for i in rows["ideas"]:
        b.edge("idea", i["id"], "workshop", i["workshop_id"], "part_of")

    G.graph["skipped_edges"] = b.skipped
    return G


def _used_provinces(ws: Workspace, rows: Mapping[str, list[dict[str, Any]]]) -> set[str]:
    used = set(ws.province_codes)
    for table in (
        "plans",
        "units",
        "stakeholders",
        "objectives",
        "kpis",
        "initiatives",
        "lessons",
        "workshops",
    ):
        used |= {str(r["province_code"]) for r in rows[table] if r.get("province_code")}
    return used


def _summaries(G: nx.MultiDiGraph, ws: Workspace) -> None:
    """Attributes computed from child tables: check-ins, votes, one-ended flows."""
    checkins: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in _rows(ws["checkins"]):
        checkins[str(c["key_result_id"])].append(c)
    for _, data in G.nodes(data=True):
        if data["kind"] == "key_result":
            cs = sorted(checkins.get(data["id"], []), key=lambda c: (c["date"], c["id"]))
            data["checkin_count"] = len(cs)
            data["last_value"] = cs[-1]["value"] if cs else None
            data["last_checkin"] = cs[-1]["date"] if cs else None
        elif data["kind"] == "idea":
            data["votes"] = 0
        elif data["kind"] == "unit":
            data["outputs_unused"] = None
            data["inputs_unsupplied"] = None
    for v in _rows(ws["votes"]):
        n = node_id("idea", v["idea_id"])
        if n in G:
            G.nodes[n]["votes"] += 1
    unused: dict[str, list[str]] = defaultdict(list)
    unsupplied: dict[str, list[str]] = defaultdict(list)
    for f in _rows(ws["flows"]):
        src, dst = f.get("from_unit_id"), f.get("to_unit_id")
        if src and not dst:
            unused[str(src)].append(str(f["product_th"]))
        elif dst and not src:
            unsupplied[str(dst)].append(str(f["product_th"]))
    for attr, found in (("outputs_unused", unused), ("inputs_unsupplied", unsupplied)):
        for unit, products in found.items():
            n = node_id("unit", unit)
            if n in G:
                G.nodes[n][attr] = "; ".join(products)


# --------------------------------------------------------------------------- layers
def _layer(kind: str, plan_kind: str | None = None) -> int:
    if kind in ("plan", "plan_item"):
        return PLAN_LAYERS.get(plan_kind, PLAN_LAYERS[None])
    return LAYERS.get(kind, _SIDE_LAYER)


def layer_of(G: nx.Graph, node: Hashable) -> int:
    """The layer of a node in the national → provincial → objective → KR → project order.

    ====================================================  =====
    node                                                  layer
    ====================================================  =====
    national strategy (NS) plan / item                    0
    master plan under the national strategy (NMP)         1
    Justice Master Plan, Cabinet resolution, ministry     2
    policy, crime prevention, other plans
    cluster plan, cluster                                 3
    provincial plan, province                             4
    objective                                             5
    key result, KPI                                       6
    initiative                                            7
    anything else (units, stakeholders, PMQA, BSC,        8
    directives, lessons, workshops, ideas)
    ====================================================  =====

    Computed from ``kind`` and ``plan_kind``, so it also works on graphs read back from
    files; :func:`build_graph` stores it as the node attribute ``layer`` (ready for
    ``nx.multipartite_layout(G, subset_key="layer")``).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> [layer_of(G, n) for n in ("plan_item:NS-6", "plan_item:NMP-22", "plan_item:JMP4-D1",
    ...  "plan_item:CP-AND-2", "plan_item:PP-83-3", "objective:OBJ-83-01",
    ...  "key_result:KR-83-01-1", "initiative:INI-83-01")]
    [0, 1, 2, 3, 4, 5, 6, 7]
    """
    data = G.nodes[node]
    return _layer(data.get("kind", ""), data.get("plan_kind"))


# --------------------------------------------------------------------------- subgraphs
# (edge kind, direction) followed from a node of a kind when collecting a province's part:
# "in" adds the edge's source, "out" its target.
_DOWN: dict[str, tuple[tuple[str, str], ...]] = {
    "objective": (
        ("measures", "in"),
        ("part_of", "in"),
        ("produced", "in"),
        ("about", "in"),
        ("owned_by", "out"),
        ("serves", "out"),
        ("uses_pmqa", "out"),
    ),
    "key_result": (
        ("measures", "in"),
        ("delivers", "in"),
        ("about", "in"),
        ("owned_by", "out"),
        ("contributes", "out"),
        ("serves", "out"),
        ("uses_pmqa", "out"),
    ),
    "initiative": (("about", "in"), ("owned_by", "out"), ("serves", "out"), ("uses_pmqa", "out")),
    "kpi": (("about", "in"), ("owned_by", "out"), ("in_dimension", "out")),
    "unit": (("about", "in"), ("assigned_to", "in")),
    "stakeholder": (("about", "in"),),
    "workshop": (("part_of", "in"), ("produced", "out")),
    "lesson": (("uses_pmqa", "out"),),
    "plan": (("part_of", "in"),),
    "plan_item": (("part_of", "in"),),
    "directive": (("about", "in"),),
}
_UNLOCATED_OWNED = frozenset({"objective", "initiative", "kpi", "workshop"})
_ABOUT_CONTEXT = frozenset({"pmqa_category", "plan_item"})
_UP_FROM = frozenset({"objective", "key_result", "initiative", "plan_item", "plan"})
_UP_TO = frozenset({"objective", "plan_item", "plan"})


def province_subgraph(G: nx.MultiDiGraph, code: str) -> nx.MultiDiGraph:
    """The part of the plan graph that belongs to one province, as an independent copy.

    It holds the province node; every node ``located_in`` it (units, objectives, KPIs,
    initiatives, lessons, stakeholders, workshops, its provincial plan) and the objectives,
    initiatives, KPIs and workshops without a province that its units own; what hangs off
    those (child objectives, key results, KPIs, delivering initiatives, owning and
    contributing units, lessons, workshops and ideas, stakeholders served, directives
    assigned to its units, the items of its own plans); every plan item, plan and parent
    objective reachable *upward* from them through ``aligns_to`` / ``part_of`` (cluster plan
    items, Justice Master Plan, master plan, national strategy); its cluster(s); and the
    PMQA categories and BSC dimensions used. All edges among these nodes are kept.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`build_graph`.
    code : str
        The 2-digit province code (``"83"``).

    Returns
    -------
    networkx.MultiDiGraph
        A copy (not a view) with ``graph["province_code"] = code``.

    Raises
    ------
    networkx.NodeNotFound
        If the province is not in ``G``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> H = province_subgraph(build_graph(tiny_workspace()), "83")
    >>> sorted(n for n, k in H.nodes(data="kind") if k == "objective")
    ['objective:OBJ-83-01', 'objective:OBJ-83-01-01']
    >>> all(n in H for n in ("plan_item:CP-AND-2", "plan_item:JMP4-D1", "plan_item:NMP-22",
    ...                      "plan_item:NS-6", "cluster:south_andaman"))
    True
    """
    p = node_id("province", code)
    if p not in G:
        raise nx.NodeNotFound(f"province {code!r} is not in the graph")
    keep: set[Hashable] = {p}
    todo: list[Hashable] = []

    def add(n: Hashable) -> None:
        if n not in keep:
            keep.add(n)
            todo.append(n)

    for u, _, k in G.in_edges(p, keys=True):
        if G.edges[u, p, k]["kind"] == "located_in":
            add(u)
    # records without a province that a unit of the province owns
    for unit in [n for n in keep if G.nodes[n].get("kind") == "unit"]:
        for u, _, d in G.in_edges(unit, data=True):
            data = G.nodes[u]
            if (
                d.get("kind") == "owned_by"
                and data.get("kind") in _UNLOCATED_OWNED
                and data.get("province_code") is None
            ):
                add(u)
    for _, v, k in G.out_edges(p, keys=True):
        if G.edges[p, v, k]["kind"] == "located_in":
            keep.add(v)
    # downward and sideways: what the province's records are made of
    while todo:
        n = todo.pop()
        kind = G.nodes[n].get("kind")
        for ekind, direction in _DOWN.get(kind, ()):
            if direction == "in":
                for u, _, d in G.in_edges(n, data=True):
                    if d.get("kind") == ekind:
                        add(u)
            else:
                for _, v, d in G.out_edges(n, data=True):
                    if d.get("kind") == ekind:
                        add(v)
        if kind == "lesson":  # what a lesson is about, when it is not another record
            for _, v, d in G.out_edges(n, data=True):
                if d.get("kind") == "about" and G.nodes[v].get("kind") in _ABOUT_CONTEXT:
                    keep.add(v)
    # upward: plan items, plans and parent objectives through aligns_to / part_of
    stack = [n for n in keep if G.nodes[n].get("kind") in _UP_FROM]
    while stack:
        n = stack.pop()
        for _, v, d in G.out_edges(n, data=True):
            if (
                d.get("kind") in ("aligns_to", "part_of")
                and v not in keep
                and G.nodes[v].get("kind") in _UP_TO
            ):
                keep.add(v)
                stack.append(v)
    # a cluster plan reached upward brings its cluster
    for n in list(keep):
        if G.nodes[n].get("kind") == "plan":
            for _, v, d in G.out_edges(n, data=True):
                if d.get("kind") == "located_in" and G.nodes[v].get("kind") == "cluster":
                    keep.add(v)
    H = G.subgraph(keep).copy()
    H.graph["province_code"] = str(code)
    return H


# --------------------------------------------------------------------------- frames
_NODE_FIRST = ("kind", "id", "label_th", "label_en")
_EDGE_FIRST = ("source", "target", "key", "kind")


def _kinds(kind: str | Iterable[str] | None) -> set[str] | None:
    if kind is None:
        return None
    return {kind} if isinstance(kind, str) else set(kind)


def nodes_frame(G: nx.Graph, kind: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The nodes of a graph as a frame, one row per node, indexed by node id.

    Parameters
    ----------
    G : networkx.Graph
    kind : str or iterable of str, optional
        Keep only nodes of this kind (or these kinds).

    Returns
    -------
    pandas.DataFrame
        Index ``node``; columns ``kind``, ``id``, ``label_th``, ``label_en`` and then every
        other attribute of the selected nodes, in order of first appearance.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> df = nodes_frame(G, "key_result")
    >>> df.loc["key_result:KR-83-01-2", "label_th"]
    'จำนวนผู้พ้นโทษที่ผ่านการฝึกอาชีพ'
    >>> df[["baseline", "target", "last_value"]].loc["key_result:KR-83-01-2"].tolist()
    [40.0, 120.0, 65.0]
    >>> nodes_frame(G, "bsc_dimension")["label_th"].tolist()[:2]
    ['มิติด้านประสิทธิผล', 'มิติด้านคุณภาพการให้บริการ']
    """
    wanted = _kinds(kind)
    names: list[Hashable] = []
    records: list[dict[str, Any]] = []
    columns: dict[str, None] = dict.fromkeys(_NODE_FIRST)
    for n, d in G.nodes(data=True):
        if wanted is not None and d.get("kind") not in wanted:
            continue
        names.append(n)
        records.append(d)
        columns.update(dict.fromkeys(d))
    df = pd.DataFrame.from_records(records, columns=list(columns))
    df.index = pd.Index(names, name="node", dtype=object)
    return df


def edges_frame(G: nx.Graph, kind: str | Iterable[str] | None = None) -> pd.DataFrame:
    """The edges of a graph as a frame, one row per edge.

    Parameters
    ----------
    G : networkx.Graph
    kind : str or iterable of str, optional
        Keep only edges of this kind (or these kinds).

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target``, ``key`` (``None`` for graphs without keys),
        ``kind`` and then every other edge attribute, in order of first appearance.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> sorted(edges_frame(G, "feeds")[["source", "target", "product"]].values.tolist())[0]
    ['unit:CORR-83', 'unit:PROB-83', 'รายชื่อผู้ต้องขังที่ใกล้พ้นโทษ']
    >>> edges_frame(G, "delivers")[["source", "target"]].values.tolist()
    [['initiative:INI-83-01', 'key_result:KR-83-01-2']]
    """
    wanted = _kinds(kind)
    records: list[dict[str, Any]] = []
    columns: dict[str, None] = dict.fromkeys(_EDGE_FIRST)
    if G.is_multigraph():
        edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]] = G.edges(keys=True, data=True)
    else:
        edges = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, k, d in edges:
        if wanted is not None and d.get("kind") not in wanted:
            continue
        records.append({**d, "source": u, "target": v, "key": k, "kind": d.get("kind")})
        columns.update(dict.fromkeys(d))
    return pd.DataFrame.from_records(records, columns=list(columns))


# --------------------------------------------------------------------------- files
def _json_default(v: Any) -> Any:
    s = _scalar(v)
    if s is None or isinstance(s, bool | int | float | str):
        return s
    return str(v)


def write_node_link_json(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write a graph as node-link JSON (UTF-8, Thai kept as is), atomically.

    The file is ``nx.node_link_data(G, edges="edges")``: each node's ``"id"`` is its node id
    (``"objective:OBJ-83-01"``), which d3 and other tools expect. :func:`read_node_link_json`
    restores the record id attribute from it.

    Parameters
    ----------
    G : networkx.Graph
    path : str or path-like
        The file to write (its folder is created if needed).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> p = write_node_link_json(G, pathlib.Path(tempfile.mkdtemp()) / "graph.json")
    >>> "ภูเก็ต" in p.read_text(encoding="utf-8")
    True
    >>> H = read_node_link_json(p)
    >>> H.nodes["objective:OBJ-83-01"] == G.nodes["objective:OBJ-83-01"]
    True
    """
    data = nx.node_link_data(G, edges="edges")
    text = json.dumps(data, ensure_ascii=False, indent=1, default=_json_default)
    return atomic_write_text(path, text)


def read_node_link_json(path: str | os.PathLike[str]) -> nx.MultiDiGraph:
    """Read a graph written by :func:`write_node_link_json`.

    Node ids that follow the ``"<kind>:<id>"`` convention get their ``id`` attribute back
    (node-link JSON uses the ``"id"`` field for the node id itself).

    Returns
    -------
    networkx.MultiDiGraph
        (or whatever graph type the file declares)
    """
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    G = nx.node_link_graph(data, edges="edges")
    for n, d in G.nodes(data=True):
        if "kind" in d:
            with contextlib.suppress(ValueError):
                d["id"] = parse_node_id(n)[1]
    return G


def _graphml_attrs(d: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        v = _scalar(v)
        if v is not None:
            out[str(k)] = v
    return out


def write_graphml(G: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write a graph as GraphML (UTF-8), atomically.

    ``None`` attributes are left out (GraphML has no null) and every value is made a
    GraphML type (``str``, ``int``, ``float``, ``bool``; dates become ISO strings). Edge
    keys are written as GraphML edge ids; read them back as keys with
    ``nx.read_graphml(path, force_multigraph=True)``.

    Parameters
    ----------
    G : networkx.Graph
    path : str or path-like
        The file to write (its folder is created if needed).

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> p = write_graphml(G, pathlib.Path(tempfile.mkdtemp()) / "graph.graphml")
    >>> H = nx.read_graphml(p, force_multigraph=True)
    >>> H.nodes["province:83"]["label_th"], H.number_of_edges() == G.number_of_edges()
    ('ภูเก็ต', True)
    >>> H.edges["unit:CORR-83", "unit:PROB-83", "feeds:FL-01"]["product"]
    'รายชื่อผู้ต้องขังที่ใกล้พ้นโทษ'
    """
    H = G.__class__()
    H.graph.update(_graphml_attrs(G.graph))
    H.add_nodes_from((n, _graphml_attrs(d)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from(
            (u, v, k, _graphml_attrs(d)) for u, v, k, d in G.edges(keys=True, data=True)
        )
    else:
        H.add_edges_from((u, v, _graphml_attrs(d)) for u, v, d in G.edges(data=True))
    return atomic_write(path, lambda tmp: nx.write_graphml(H, tmp, encoding="utf-8"))


def neighbourhood(G: nx.MultiDiGraph, node: str) -> pd.DataFrame:
    """Every edge into and out of ``node`` with the other end's kind and Thai label.

    Parameters
    ----------
    G : MultiDiGraph
    node : str
        A node id such as ``"objective:OBJ-83-01"``.

    Returns
    -------
    DataFrame
        ``direction`` ("out" / "in"), ``edge_kind``, ``other``, ``other_kind``,
        ``other_label_th``, sorted by direction, edge kind and node id.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> nb = neighbourhood(G, "objective:OBJ-83-01")
    >>> ("out", "aligns_to", "plan_item:PP-83-3.1") in set(
    ...     zip(nb["direction"], nb["edge_kind"], nb["other"]))
    True
    """
    if node not in G:
        raise nx.NodeNotFound(f"no node {node!r} in the graph")
    rows = []
    for direction, edges in (
        ("out", G.out_edges(node, keys=True, data="kind")),
        ("in", G.in_edges(node, keys=True, data="kind")),
    ):
        for u, v, _key, kind in edges:
            other = v if direction == "out" else u
            d = G.nodes[other]
            rows.append(
                {
                    "direction": direction,
                    "edge_kind": kind,
                    "other": other,
                    "other_kind": d.get("kind"),
                    "other_label_th": d.get("label_th"),
                }
            )
    cols = ["direction", "edge_kind", "other", "other_kind", "other_label_th"]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(
        ["direction", "edge_kind", "other"], ascending=[False, True, True]
    ).reset_index(drop=True)
