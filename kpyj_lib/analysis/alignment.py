"""Alignment of provincial objectives, KRs and projects with every level of plan.

A node *reaches* a plan item when it aligns to it, or to an item below it in the plan tree
(``part_of``), or to an item that itself aligns to it (a provincial issue aligned to a
cluster issue aligned to master plan 22...). A KR also reaches what its objective reaches,
a project what its KRs reach, and a cascaded objective what its parent reaches.

All functions take the plan graph of :func:`kpyj_lib.graph.build_graph` first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import networkx as nx
import pandas as pd

from .. import reference

__all__ = [
    "PLAN_LEVELS",
    "alignment_chains",
    "alignment_coverage",
    "most_supported_plan_items",
    "orphans",
    "province_plan_matrix",
    "reach",
    "unsupported_plan_items",
]

#: The plan levels a provincial objective should trace up to, provincial first.
PLAN_LEVELS: tuple[str, ...] = (
    "provincial_plan",
    "cluster_plan",
    "justice_master_plan",
    "national_master_plan",
    "national_strategy",
    "cabinet_resolution",
    "crime_prevention",
    "ministry_policy",
)

_NATIONAL = frozenset(PLAN_LEVELS[2:])
_OKR_KINDS = ("objective", "key_result", "initiative")


def _out(G: nx.MultiDiGraph, node: str, kind: str) -> list[str]:
    """Targets of ``node``'s out-edges of one kind (edge keys are the kinds)."""
    return [v for v, keys in G._succ[node].items() if kind in keys]


def _item_closure(G: nx.MultiDiGraph, item: str, memo: dict[str, frozenset[str]]) -> frozenset[str]:
    """The plan item itself and every plan item above it (tree parents, alignments)."""
    if item in memo:
        return memo[item]
    seen = {item}
    stack = [item]
    while stack:
        n = stack.pop()
        for v in _out(G, n, "part_of") + _out(G, n, "aligns_to"):
            if v not in seen and G.nodes[v].get("kind") == "plan_item":
                seen.add(v)
                stack.append(v)
    memo[item] = frozenset(seen)
    return memo[item]


def _reach_all(G: nx.MultiDiGraph) -> dict[str, frozenset[str]]:
    """Plan items reached by every objective, KR and initiative (memoised)."""
    memo: dict[str, frozenset[str]] = {}
    direct: dict[str, set[str]] = {}
    for n, kind in G.nodes(data="kind"):
        if kind in _OKR_KINDS:
            s: set[str] = set()
            for it in _out(G, n, "aligns_to"):
                s |= _item_closure(G, it, memo)
            direct[n] = s
    out: dict[str, frozenset[str]] = {}

    def objective(n: str, trail: frozenset[str] = frozenset()) -> frozenset[str]:
        if n in out:
            return out[n]
        s = set(direct.get(n, ()))
        for parent in _out(G, n, "part_of"):
            if G.nodes[parent].get("kind") == "objective" and parent not in trail:
                s |= objective(parent, trail | {n})
        out[n] = frozenset(s)
        return out[n]

    for n, kind in G.nodes(data="kind"):
        if kind == "objective":
            objective(n)
    for n, kind in G.nodes(data="kind"):
        if kind == "key_result":
            s = set(direct[n])
            for o in _out(G, n, "measures"):
                if G.nodes[o].get("kind") == "objective":
                    s |= out[o]
            out[n] = frozenset(s)
    for n, kind in G.nodes(data="kind"):
        if kind == "initiative":
            s = set(direct[n])
            for kr in _out(G, n, "delivers"):
                s |= out.get(kr, frozenset())
            out[n] = frozenset(s)
    return out


def reach(G: nx.MultiDiGraph, node: str) -> set[str]:
    """The plan items an objective, KR or initiative node reaches.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> G = build_graph(tiny_workspace())
    >>> "plan_item:NMP-22" in reach(G, "objective:OBJ-83-01")
    True
    """
    return set(_reach_all(G).get(node, frozenset()))


def _province_of(G: nx.MultiDiGraph, node: str) -> str | None:
    d = G.nodes[node]
    if d.get("province_code"):
        return str(d["province_code"])
    if d.get("kind") == "key_result":
        for o in _out(G, node, "measures"):
            if G.nodes[o].get("province_code"):
                return str(G.nodes[o]["province_code"])
    return None


def alignment_chains(G: nx.MultiDiGraph, kinds: Iterable[str] = _OKR_KINDS) -> pd.DataFrame:
    """Every (node, plan item) pair of reach, with the item's plan level.

    Returns
    -------
    DataFrame
        ``node, kind, id, province_code, label_th, plan_kind, plan_item, plan_item_id,
        plan_item_th, direct`` — ``direct`` is True where the node aligns to the item
        itself.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> ch = alignment_chains(build_graph(tiny_workspace()))
    >>> sorted(ch.loc[ch["id"] == "OBJ-83-01", "plan_kind"].unique())[:2]
    ['cluster_plan', 'justice_master_plan']
    """
    kinds = set(kinds)
    r = _reach_all(G)
    rows = []
    for n, items in r.items():
        d = G.nodes[n]
        if d["kind"] not in kinds:
            continue
        direct = set(_out(G, n, "aligns_to"))
        prov = _province_of(G, n)
        for it in sorted(items):
            di = G.nodes[it]
            rows.append(
                {
                    "node": n,
                    "kind": d["kind"],
                    "id": d["id"],
                    "province_code": prov,
                    "label_th": d.get("label_th"),
                    "plan_kind": di.get("plan_kind"),
                    "plan_item": it,
                    "plan_item_id": di["id"],
                    "plan_item_th": di.get("label_th"),
                    "direct": it in direct,
                }
            )
    cols = [
        "node", "kind", "id", "province_code", "label_th", "plan_kind", "plan_item",
        "plan_item_id", "plan_item_th", "direct",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


def alignment_coverage(G: nx.MultiDiGraph, kind: str = "objective") -> pd.DataFrame:
    """Share of each province's objectives (or KRs, initiatives) reaching each plan level.

    Returns
    -------
    DataFrame
        Indexed by province code; a column ``n`` (how many nodes) and one column per plan
        level of :data:`PLAN_LEVELS` with the share 0..1, plus ``any`` (aligned at all).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> cov = alignment_coverage(build_graph(tiny_workspace()))
    >>> list(cov.columns)[:3]
    ['n', 'any', 'provincial_plan']
    >>> bool(cov[list(PLAN_LEVELS)].le(1).all().all())
    True
    """
    r = _reach_all(G)
    per: dict[str | None, list[set[str]]] = defaultdict(list)
    for n, items in r.items():
        if G.nodes[n]["kind"] == kind:
            per[_province_of(G, n)].append({G.nodes[i].get("plan_kind") for i in items})
    rows = []
    for prov, sets in per.items():
        if prov is None:
            continue
        row = {"province_code": prov, "n": len(sets), "any": sum(bool(s) for s in sets) / len(sets)}
        for level in PLAN_LEVELS:
            row[level] = sum(level in s for s in sets) / len(sets)
        rows.append(row)
    df = pd.DataFrame(rows, columns=["province_code", "n", "any", *PLAN_LEVELS])
    return df.sort_values("province_code").set_index("province_code")


_ORPHAN_TH = {
    "not_aligned": "วัตถุประสงค์ที่ไม่สอดคล้องกับแผนใด",
    "no_objective": "ผลลัพธ์หลักที่ไม่มีวัตถุประสงค์",
    "delivers_nothing": "โครงการที่ไม่ส่งผลต่อผลลัพธ์หลักใด",
}


def orphans(G: nx.MultiDiGraph, province: str | None = None) -> pd.DataFrame:
    """Objectives aligned to nothing, KRs without an objective, projects that deliver no KR.

    Returns
    -------
    DataFrame
        ``node, kind, id, province_code, label_th, problem, problem_th``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> o = orphans(build_graph(tiny_workspace()))
    >>> set(o["problem"]) <= {"not_aligned", "no_objective", "delivers_nothing"}
    True
    """
    r = _reach_all(G)
    rows = []
    for n, d in G.nodes(data=True):
        kind = d.get("kind")
        problem = None
        if kind == "objective" and not r.get(n):
            problem = "not_aligned"
        elif kind == "key_result" and not any(
            G.nodes[o].get("kind") == "objective" for o in _out(G, n, "measures")
        ):
            problem = "no_objective"
        elif kind == "initiative" and not _out(G, n, "delivers"):
            problem = "delivers_nothing"
        if problem is None:
            continue
        prov = _province_of(G, n)
        if province is not None and prov != province:
            continue
        rows.append(
            {
                "node": n,
                "kind": kind,
                "id": d["id"],
                "province_code": prov,
                "label_th": d.get("label_th"),
                "problem": problem,
                "problem_th": _ORPHAN_TH[problem],
            }
        )
    cols = ["node", "kind", "id", "province_code", "label_th", "problem", "problem_th"]
    return pd.DataFrame(rows, columns=cols).sort_values(["kind", "id"]).reset_index(drop=True)


def _plan_items(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, k in G.nodes(data="kind") if k == "plan_item"]


def _province_items(G: nx.MultiDiGraph, province: str) -> list[str]:
    """Plan items relevant to a province: its own plan, its cluster's plan, national ones."""
    clusters = (
        {v for v in _out(G, f"province:{province}", "located_in")}
        if G.has_node(f"province:{province}")
        else set()
    )
    cluster_ids = {G.nodes[c]["id"] for c in clusters}
    items = []
    for n in _plan_items(G):
        d = G.nodes[n]
        pk = d.get("plan_kind")
        if pk == "provincial_plan":
            if str(d.get("province_code")) == province:
                items.append(n)
        elif pk == "cluster_plan":
            if d.get("cluster_id") in cluster_ids:
                items.append(n)
        else:
            items.append(n)
    return items


def _support(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """plan item -> provinces whose objectives / KRs / initiatives reach it."""
    sup: dict[str, set[str]] = defaultdict(set)
    for n, items in _reach_all(G).items():
        prov = _province_of(G, n)
        if prov is None:
            continue
        for it in items:
            sup[it].add(prov)
    return sup


def unsupported_plan_items(
    G: nx.MultiDiGraph,
    province: str | None = None,
    plan_kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Plan items that no objective, KR or project supports.

    Parameters
    ----------
    G : MultiDiGraph
    province : str, optional
        With a province: the items relevant to it (its provincial plan, its cluster's plan
        and every national item) that none of *its* nodes reaches. Without: the national
        items (not provincial or cluster plans) that no province supports.
    plan_kinds : iterable of str, optional
        Only items of these plan kinds.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> G = build_graph(tiny_workspace())
    >>> un = unsupported_plan_items(G, "83", plan_kinds=["provincial_plan"])
    >>> set(un["plan_kind"]) <= {"provincial_plan"}
    True
    """
    sup = _support(G)
    if province is not None:
        items = _province_items(G, province)
        missing = [i for i in items if province not in sup.get(i, ())]
    else:
        items = [i for i in _plan_items(G) if G.nodes[i].get("plan_kind") in _NATIONAL]
        missing = [i for i in items if not sup.get(i)]
    kinds = set(plan_kinds) if plan_kinds is not None else None
    rows = []
    for i in missing:
        d = G.nodes[i]
        if kinds is not None and d.get("plan_kind") not in kinds:
            continue
        rows.append(
            {
                "plan_item": i,
                "plan_item_id": d["id"],
                "label_th": d.get("label_th"),
                "plan_kind": d.get("plan_kind"),
                "plan_kind_th": reference.code_label("plan_kind", d["plan_kind"])
                if d.get("plan_kind")
                else None,
                "plan_id": d.get("plan_id"),
            }
        )
    cols = ["plan_item", "plan_item_id", "label_th", "plan_kind", "plan_kind_th", "plan_id"]
    return pd.DataFrame(rows, columns=cols).sort_values("plan_item_id").reset_index(drop=True)


def province_plan_matrix(
    G: nx.MultiDiGraph, plan_kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """Provinces × plan items: how many of the province's objectives, KRs and projects reach
    each item (items nobody reaches are left out).

    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> m = province_plan_matrix(build_graph(tiny_workspace()))
    >>> m.index.name, m.columns.name
    ('province_code', 'plan_item_id')
    """
    kinds = set(plan_kinds) if plan_kinds is not None else None
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for n, items in _reach_all(G).items():
        prov = _province_of(G, n)
        if prov is None:
            continue
        for it in items:
            if kinds is None or G.nodes[it].get("plan_kind") in kinds:
                counts[(prov, G.nodes[it]["id"])] += 1
    if not counts:
        return pd.DataFrame(
            index=pd.Index([], name="province_code"), columns=pd.Index([], name="plan_item_id")
        )
    s = pd.Series(counts)
    s.index.names = ["province_code", "plan_item_id"]
    return s.unstack(fill_value=0).sort_index().sort_index(axis=1)


def most_supported_plan_items(
    G: nx.MultiDiGraph, top: int = 10, plan_kinds: Iterable[str] | None = None
) -> pd.DataFrame:
    """The plan items most provinces support, with how many and which.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> t = most_supported_plan_items(build_graph(tiny_workspace()), top=3)
    >>> list(t.columns)
    ['plan_item_id', 'label_th', 'plan_kind', 'provinces', 'province_codes']
    """
    kinds = set(plan_kinds) if plan_kinds is not None else None
    rows = []
    for it, provs in _support(G).items():
        d = G.nodes[it]
        if kinds is not None and d.get("plan_kind") not in kinds:
            continue
        rows.append(
            {
                "plan_item_id": d["id"],
                "label_th": d.get("label_th"),
                "plan_kind": d.get("plan_kind"),
                "provinces": len(provs),
                "province_codes": ", ".join(sorted(provs)),
            }
        )
    df = pd.DataFrame(
        rows, columns=["plan_item_id", "label_th", "plan_kind", "provinces", "province_codes"]
    )
    return (
        df.sort_values(["provinces", "plan_item_id"], ascending=[False, True])
        .head(top)
        .reset_index(drop=True)
    )
