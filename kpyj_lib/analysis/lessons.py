"""Queries over lessons learned (ถอดบทเรียน): lessons are nodes of the plan graph.

A lesson (:class:`kpyj_lib.model.Lesson`) has a kind (success factor, obstacle,
recommendation, good practice), a source, a date and a province, and ``about`` edges to any
node of the graph (objective, KR, project, unit, plan item, PMQA category, directive,
stakeholder...). A lesson's PMQA categories are the categories it is ``about`` together with
those of its ``uses_pmqa`` mappings (the ``pmqa_mappings`` sheet also accepts lessons).

Pure functions: they take the graph (or a workspace, from which the graph is built) and
return frames; nothing is written.

========================  ==============================================================
function                  answers
========================  ==============================================================
:func:`lessons_frame`     every lesson (of a province) with Thai labels and categories
:func:`lessons_about`     the lessons about any node (a KR, a unit, a PMQA category...)
:func:`lessons_by_pmqa`   lessons grouped by PMQA category, in the 3 : 1 : 3 phase order
:func:`evidence_of`       the nodes a lesson is linked to, with their data (KR progress,
                          project budget...)
:func:`lesson_kind_counts` lessons per province × kind
:func:`lesson_pmqa_counts` lessons per PMQA category × province
:func:`province_comparison` objectives, KRs, progress, status, budget and lessons per
                          province
:func:`province_features` PMQA categories, lesson kinds and practices present per province
:func:`shared_by_on_track` what every on-track province has and some other one lacks
:func:`rollout_steps`     good practices / success factors ordered think → prepare → act
:func:`cluster_learning`  for each cluster: its pilot(s) and recorded group 2 / 3 provinces
========================  ==============================================================

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> from kpyj_lib.graph import build_graph
>>> G = build_graph(tiny_workspace())
>>> lessons_about(G, "key_result:KR-83-01-1")["lesson_id"].tolist()
['LES-83-01']
>>> lessons_by_pmqa(G, "83")[["category", "lesson_id"]].values.tolist()
[[4, 'LES-83-01']]
>>> ev = evidence_of(G, "LES-83-01")
>>> ev["node"].tolist()
['key_result:KR-83-01-1', 'unit:CORR-83', 'unit:PROB-83', 'pmqa_category:4']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx
import pandas as pd

from .. import reference
from ..calendar import format_thai_date
from ..graph import build_graph, node_id
from ..text import format_number, format_percent, is_missing
from ..workspace import Workspace
from .alignment import orphans
from .flows import end_products, unused_outputs
from .pmqa import PHASES, pmqa_objective_matrix, pmqa_phase_coverage
from .progress import STATUS_LABELS, kr_progress, progress_value, rollup

__all__ = [
    "KIND_ORDER",
    "NATIONAL",
    "ON_TRACK",
    "PHASE_ORDER",
    "PRACTICES",
    "cluster_learning",
    "evidence_of",
    "lesson_categories",
    "lesson_kind_counts",
    "lesson_pmqa_counts",
    "lessons_about",
    "lessons_by_pmqa",
    "lessons_frame",
    "province_comparison",
    "province_features",
    "rollout_steps",
    "shared_by_on_track",
]

#: Lesson kinds in the order of the code list (reference/codes.csv).
KIND_ORDER: tuple[str, ...] = ("success_factor", "obstacle", "recommendation", "good_practice")
#: The PMQA phases in the workshop's order (seed 003): think → prepare → act.
PHASE_ORDER: dict[str, int] = {phase: i for i, phase in enumerate(PHASES)}
#: The key under which lessons without a province (national / central ones) are counted.
NATIONAL = "national"
#: The province status that counts as on track.
ON_TRACK = "on_track"

_NODE_KIND_ORDER = (
    "objective",
    "key_result",
    "initiative",
    "kpi",
    "directive",
    "unit",
    "stakeholder",
    "plan_item",
    "pmqa_category",
    "lesson",
)
_LESSON_COLUMNS = [
    "node", "lesson_id", "province_code", "province_th", "kind", "kind_th", "source",
    "source_th", "date", "title_th", "detail_th", "categories", "phase", "phase_th", "n_links",
]  # fmt: skip


# --------------------------------------------------------------------------- helpers
def _graph(G_or_ws: nx.MultiDiGraph | Workspace) -> nx.MultiDiGraph:
    return build_graph(G_or_ws) if isinstance(G_or_ws, Workspace) else G_or_ws


def _label(list_name: str, code: Any) -> str:
    if code is None:
        return ""
    try:
        return reference.code_label(list_name, str(code))
    except ValueError:
        return str(code)


def _kind_th(kind: str) -> str:
    extra = {
        "province": "จังหวัด",
        "cluster": "กลุ่มจังหวัด",
        "plan": "แผน",
        "workshop": "การประชุมเชิงปฏิบัติการ",
        "idea": "ความคิด",
        "bsc_dimension": "มิติตัวชี้วัด",
    }
    return extra.get(kind) or _label("node_kind", kind)


def _province_th(code: Any) -> str:
    if is_missing(code):
        return "ส่วนกลาง (ไม่ระบุจังหวัด)"
    try:
        return reference.province_name(str(code))
    except ValueError:
        return str(code)


def _as_node(G: nx.MultiDiGraph, node: Hashable | tuple[str, Any], kind: str | None = None) -> str:
    if isinstance(node, tuple):
        n = node_id(node[0], node[1])
    elif kind is not None and str(node) not in G:
        n = node_id(kind, node)
    else:
        n = str(node)
    if n not in G:
        raise nx.NodeNotFound(f"no node {n!r} in the graph")
    return n


def _lesson_node(G: nx.MultiDiGraph, lesson: Hashable) -> str:
    n = _as_node(G, lesson, "lesson")
    if G.nodes[n].get("kind") != "lesson":
        raise ValueError(f"{n!r} is not a lesson")
    return n


def _date(v: Any) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def lesson_categories(G: nx.MultiDiGraph, lesson: Hashable) -> tuple[int, ...]:
    """The PMQA categories (1-7) a lesson is about or mapped to, sorted.

    >>> from kpyj_lib.examples import tiny_workspace
    >>> lesson_categories(build_graph(tiny_workspace()), "LES-83-01")
    (4,)
    """
    n = _lesson_node(G, lesson)
    cats = set()
    for _, v, d in G.out_edges(n, data=True):
        if d.get("kind") in ("about", "uses_pmqa") and G.nodes[v].get("kind") == "pmqa_category":
            cats.add(int(G.nodes[v]["category"]))
    return tuple(sorted(cats))


def _phase_of(categories: Sequence[int]) -> str | None:
    """The earliest phase (think → prepare → act) among ``categories``."""
    phases = [p for p, (_, cats) in PHASES.items() if any(c in cats for c in categories)]
    return min(phases, key=PHASE_ORDER.__getitem__) if phases else None


def _lesson_row(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    cats = lesson_categories(G, n)
    phase = _phase_of(cats)
    links = sum(1 for _, _, e in G.out_edges(n, data=True) if e.get("kind") == "about")
    return {
        "node": n,
        "lesson_id": d["id"],
        "province_code": d.get("province_code"),
        "province_th": _province_th(d.get("province_code")),
        "kind": d.get("lesson_kind"),
        "kind_th": _label("lesson_kind", d.get("lesson_kind")),
        "source": d.get("lesson_source"),
        "source_th": _label("lesson_source", d.get("lesson_source")),
        "date": _date(d.get("date")),
        "title_th": d.get("label_th"),
        "detail_th": d.get("detail_th"),
        "categories": cats,
        "phase": phase,
        "phase_th": PHASES[phase][0] if phase else None,
        "n_links": links,
    }


def _sorted_lessons(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=_LESSON_COLUMNS)
    if df.empty:
        return df
    order = {k: i for i, k in enumerate(KIND_ORDER)}
    df["_k"] = [order.get(k, len(order)) for k in df["kind"]]
    df["_d"] = [d or dt.date.min for d in df["date"]]
    df = df.sort_values(["_k", "_d", "lesson_id"], kind="stable").drop(columns=["_k", "_d"])
    return df.reset_index(drop=True)


def _lesson_nodes(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, k in G.nodes(data="kind") if k == "lesson"]


def _in_scope(G: nx.MultiDiGraph, n: str, province: str | None) -> bool:
    """A lesson belongs to ``province`` (``None``: every lesson; NATIONAL: no province)."""
    if province is None:
        return True
    code = G.nodes[n].get("province_code")
    if province == NATIONAL:
        return code is None
    return code == province


# --------------------------------------------------------------------------- lessons
def lessons_frame(
    G_or_ws: nx.MultiDiGraph | Workspace, province: str | None = None
) -> pd.DataFrame:
    """Every lesson, or the lessons of one province, with Thai labels and PMQA categories.

    Parameters
    ----------
    G_or_ws : MultiDiGraph or Workspace
    province : str, optional
        A province code: the lessons recorded for that province; :data:`NATIONAL`: the
        lessons without a province (central / cross-province ones); default every lesson.

    Returns
    -------
    DataFrame
        ``node, lesson_id, province_code, province_th, kind, kind_th, source, source_th,
        date, title_th, detail_th, categories`` (tuple of PMQA categories), ``phase`` (the
        earliest phase of those categories), ``phase_th``, ``n_links`` (``about`` edges);
        ordered by kind (:data:`KIND_ORDER`), date and id.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> df = lessons_frame(tiny_workspace(), "83")
    >>> df[["lesson_id", "kind_th", "categories", "phase"]].values.tolist()
    [['LES-83-01', 'ปัจจัยแห่งความสำเร็จ', (4,), 'act']]
    >>> lessons_frame(tiny_workspace(), "64").empty
    True
    """
    G = _graph(G_or_ws)
    rows = [_lesson_row(G, n) for n in _lesson_nodes(G) if _in_scope(G, n, province)]
    return _sorted_lessons(rows)


def lessons_about(
    G: nx.MultiDiGraph, node: Hashable | tuple[str, Any], *, kind: str | None = None
) -> pd.DataFrame:
    """The lessons linked to ``node``: any neighbour of a lesson can ask for its lessons.

    A lesson is linked to a node by an ``about`` edge; to a PMQA category also by a
    ``uses_pmqa`` mapping; to a province by being recorded for it (``located_in``).

    Parameters
    ----------
    G : MultiDiGraph
    node : str or (kind, id)
        ``"key_result:KR-64-01-1"`` or ``("key_result", "KR-64-01-1")``.
    kind : str, optional
        Keep lessons of this kind only (``"obstacle"``...).

    Returns
    -------
    DataFrame
        As :func:`lessons_frame`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> G = build_graph(tiny_workspace())
    >>> lessons_about(G, ("pmqa_category", 4))["lesson_id"].tolist()
    ['LES-83-01']
    >>> lessons_about(G, "unit:PROB-83", kind="obstacle").empty
    True
    """
    n = _as_node(G, node)
    rows = []
    seen: set[str] = set()
    for u, _, d in G.in_edges(n, data=True):
        if (
            G.nodes[u].get("kind") == "lesson"
            and d.get("kind") in ("about", "uses_pmqa", "located_in")
            and u not in seen
        ):
            seen.add(u)
            if kind is None or G.nodes[u].get("lesson_kind") == kind:
                rows.append(_lesson_row(G, u))
    return _sorted_lessons(rows)


def lessons_by_pmqa(
    G_or_ws: nx.MultiDiGraph | Workspace, province: str | None = None
) -> pd.DataFrame:
    """Lessons grouped by PMQA category, categories in the think → prepare → act order.

    A lesson about several categories appears once under each; a lesson about none appears
    once with ``category`` missing (at the end), so no lesson is lost.

    Parameters
    ----------
    G_or_ws : MultiDiGraph or Workspace
    province : str, optional
        As in :func:`lessons_frame`.

    Returns
    -------
    DataFrame
        ``category`` (Int64, ``<NA>`` for none), ``category_th``, ``phase``, ``phase_th``,
        ``lesson_id``, ``node``, ``province_code``, ``kind``, ``kind_th``, ``title_th``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> df = lessons_by_pmqa(tiny_workspace())
    >>> df[["category", "category_th", "phase_th", "lesson_id"]].values.tolist()
    [[4, 'การวัด การวิเคราะห์ และการจัดการความรู้', 'การลงมือทำ', 'LES-83-01']]
    """
    G = _graph(G_or_ws)
    lessons = lessons_frame(G, province)
    cats = reference.load("pmqa_categories")
    names = {int(i): n for i, n in zip(cats["id"], cats["name_th"], strict=True)}
    phase_of = {c: p for p, (_, cs) in PHASES.items() for c in cs}
    rows = []
    for r in lessons.itertuples(index=False):
        for c in r.categories or (None,):
            phase = phase_of.get(c) if c is not None else None
            rows.append(
                {
                    "category": c,
                    "category_th": names.get(c) if c is not None else "ไม่ระบุหมวด PMQA",
                    "phase": phase,
                    "phase_th": PHASES[phase][0] if phase else None,
                    "lesson_id": r.lesson_id,
                    "node": r.node,
                    "province_code": r.province_code,
                    "kind": r.kind,
                    "kind_th": r.kind_th,
                    "title_th": r.title_th,
                }
            )
    cols = [
        "category", "category_th", "phase", "phase_th", "lesson_id", "node", "province_code",
        "kind", "kind_th", "title_th",
    ]  # fmt: skip
    df = pd.DataFrame(rows, columns=cols)
    if df.empty:
        df["category"] = df["category"].astype("Int64")
        return df
    kind_pos = {k: i for i, k in enumerate(KIND_ORDER)}
    cat_pos = {c: i for i, c in enumerate(c for _, cs in PHASES.values() for c in cs)}
    df["_c"] = [cat_pos.get(c, 99) if c is not None else 100 for c in df["category"]]
    df["_k"] = [kind_pos.get(k, 9) for k in df["kind"]]
    df = df.sort_values(["_c", "_k", "lesson_id"], kind="stable").drop(columns=["_c", "_k"])
    df["category"] = df["category"].astype("Int64")
    return df.reset_index(drop=True)


# --------------------------------------------------------------------------- evidence
def _kr_evidence(d: Mapping[str, Any], prog: Mapping[str, Any] | None) -> dict[str, Any]:
    unit = d.get("unit_of_measure") or ""
    baseline, target = format_number(d.get("baseline")), format_number(d.get("target"))
    base = f"ค่าฐาน {baseline} → เป้าหมาย {target} {unit}".strip()
    if prog is not None:
        value, progress = prog.get("value"), prog.get("progress_clipped")
        expected, status = prog.get("expected"), prog.get("status")
        when = prog.get("value_date")
    else:
        value = d.get("last_value")
        progress = float("nan")
        if not is_missing(value):
            raw = progress_value(d["baseline"], d["target"], value, d.get("direction") or "up")
            progress = min(max(raw, 0.0), 1.0)
        expected, status, when = float("nan"), None, _date(d.get("last_checkin"))
    if is_missing(value):
        text = f"{base}; ยังไม่มีการรายงานความก้าวหน้า (no check-in)"
    else:
        on = f" ({format_thai_date(when, style='abbr')})" if when else ""
        text = f"{base}; ค่าล่าสุด {format_number(value)}{on} ความก้าวหน้า {format_percent(progress)}"
        if not is_missing(expected):
            text += f" เทียบกับที่ควรเป็น {format_percent(expected)}"
        if status:
            text += f" — {STATUS_LABELS[status][0]}"
    return {
        "value": value,
        "progress": progress,
        "expected": expected,
        "status": status,
        "status_th": STATUS_LABELS[status][0] if status else None,
        "evidence_th": text,
    }


def _objective_evidence(G: nx.MultiDiGraph, n: str, prog: pd.DataFrame | None) -> dict[str, Any]:
    krs = [u for u, _, d in G.in_edges(n, data=True) if d.get("kind") == "measures"]
    krs = [u for u in krs if G.nodes[u].get("kind") == "key_result"]
    text = f"ผลลัพธ์หลัก {len(krs)} ตัว"
    out: dict[str, Any] = {"evidence_th": text}
    if prog is not None and krs:
        ids = [G.nodes[k]["id"] for k in krs]
        sel = prog[prog["key_result_id"].isin(ids) & prog["progress_clipped"].notna()]
        if len(sel):
            w = sel["weight"].astype(float)
            p = float((sel["progress_clipped"] * w).sum() / w.sum()) if w.sum() else float("nan")
            out["progress"] = p
            out["evidence_th"] = (
                f"{text}; ความก้าวหน้าถ่วงน้ำหนัก {format_percent(p)} (จาก {len(sel)} ตัวที่มีการรายงาน)"
            )
    return out


def _initiative_evidence(d: Mapping[str, Any]) -> dict[str, Any]:
    budget, spent = d.get("budget"), d.get("budget_spent")
    parts = []
    if not is_missing(budget):
        parts.append(f"งบประมาณ {format_number(budget)} บาท")
        if not is_missing(spent):
            rate = f" ({format_percent(spent / budget)})" if budget else ""
            parts.append(f"เบิกจ่าย {format_number(spent)} บาท{rate}")
    parts.append(f"สถานะ: {_label('initiative_status', d.get('status'))}")
    return {"budget": budget, "budget_spent": spent, "evidence_th": "; ".join(parts)}


def evidence_of(
    G: nx.MultiDiGraph, lesson: Hashable, *, progress: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The nodes a lesson is linked to, each with the data that makes it evidence.

    Parameters
    ----------
    G : MultiDiGraph
    lesson : str
        ``"lesson:LL-64-02"`` or the bare id ``"LL-64-02"``.
    progress : DataFrame, optional
        :func:`kpyj_lib.analysis.kr_progress` at the report date: KRs then show progress
        against expected progress and their status. Without it a KR shows the progress of
        its latest check-in in the graph (all check-ins, no status).

    Returns
    -------
    DataFrame
        One row per linked node (``about`` edges and PMQA mappings), ordered objective,
        KR, project, KPI, directive, unit, stakeholder, plan item, PMQA category:
        ``node, kind, kind_th, id, label_th, evidence_th`` (a Thai summary built from the
        node's data), ``value, progress, expected, status, status_th, budget,
        budget_spent`` (missing where they do not apply).

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.analysis import kr_progress
    >>> ws = tiny_workspace()
    >>> ev = evidence_of(build_graph(ws), "LES-83-01", progress=kr_progress(ws, "2022-03-31"))
    >>> ev.iloc[0][["id", "status"]].tolist()
    ['KR-83-01-1', 'off_track']
    >>> ev.iloc[0]["evidence_th"].startswith("ค่าฐาน 18 → เป้าหมาย 12")
    True
    >>> ev.iloc[-1]["evidence_th"]
    'หมวด 4 (ขั้นการลงมือทำ)'
    """
    n = _lesson_node(G, lesson)
    prog = None
    if progress is not None:
        prog = {r["key_result_id"]: r for r in progress.to_dict("records")}
    targets: dict[str, None] = {}
    for _, v, d in G.out_edges(n, data=True):
        if d.get("kind") == "about" or (
            d.get("kind") == "uses_pmqa" and G.nodes[v].get("kind") == "pmqa_category"
        ):
            targets[v] = None
    rows = []
    for v in targets:
        d = G.nodes[v]
        kind = d.get("kind")
        row: dict[str, Any] = {
            "node": v,
            "kind": kind,
            "kind_th": _kind_th(kind),
            "id": d.get("id"),
            "label_th": d.get("label_th"),
            "evidence_th": "",
        }
        if kind == "key_result":
            row.update(_kr_evidence(d, prog.get(d["id"]) if prog is not None else None))
        elif kind == "objective":
            row.update(_objective_evidence(G, v, progress))
        elif kind == "initiative":
            row.update(_initiative_evidence(d))
        elif kind == "kpi":
            parts = [
                f"มิติ: {_label('kpi_dimension', d.get('dimension'))}",
                f"ระดับ: {_label('kpi_level', d.get('kpi_level'))}",
            ]
            if not is_missing(d.get("target")):
                parts.append(f"เป้าหมาย {format_number(d.get('target'))}")
            if not is_missing(d.get("actual")):
                parts.append(f"ผล {format_number(d.get('actual'))}")
            row["evidence_th"] = "; ".join(parts)
        elif kind == "directive":
            text = _label("directive_level", d.get("directive_level"))
            done = _date(d.get("completed_date"))
            if done:
                text += f"; แล้วเสร็จ {format_thai_date(done, style='abbr')}"
            row["evidence_th"] = text
        elif kind == "pmqa_category":
            phase = d.get("phase")
            phase_th = PHASES[phase][0] if phase in PHASES else ""
            row["evidence_th"] = f"หมวด {d.get('category')} (ขั้น{phase_th})"
        elif kind == "plan_item":
            plan = _label("plan_kind", d.get("plan_kind"))
            row["evidence_th"] = f"ระดับแผน: {plan}" if plan else ""
        elif kind == "unit":
            row["evidence_th"] = f"ประเภท: {d['unit_type']}" if d.get("unit_type") else ""
        elif kind == "stakeholder":
            kind_text = d.get("stakeholder_kind")
            row["evidence_th"] = f"ประเภท: {kind_text}" if kind_text else ""
        rows.append(row)
    cols = [
        "node", "kind", "kind_th", "id", "label_th", "evidence_th", "value", "progress",
        "expected", "status", "status_th", "budget", "budget_spent",
    ]  # fmt: skip
    df = pd.DataFrame(rows, columns=cols)
    if df.empty:
        return df
    pos = {k: i for i, k in enumerate(_NODE_KIND_ORDER)}
    df["_k"] = [pos.get(k, len(pos)) for k in df["kind"]]
    df = df.sort_values(["_k", "id"], kind="stable").drop(columns=["_k"])
    return df.reset_index(drop=True)


# --------------------------------------------------------------------------- counts
def _scope_keys(provinces: Iterable[str] | None, G: nx.MultiDiGraph, national: bool) -> list[str]:
    if provinces is None:
        codes = sorted(
            {
                str(G.nodes[n]["province_code"])
                for n in _lesson_nodes(G)
                if G.nodes[n].get("province_code") is not None
            }
        )
    else:
        codes = [str(p) for p in provinces]
    return [*codes, NATIONAL] if national else codes


def lesson_kind_counts(
    G_or_ws: nx.MultiDiGraph | Workspace,
    provinces: Iterable[str] | None = None,
    *,
    national: bool = True,
) -> pd.DataFrame:
    """Lessons per province and kind.

    Parameters
    ----------
    G_or_ws : MultiDiGraph or Workspace
    provinces : iterable of str, optional
        The rows, in this order (default: every province that has a lesson).
    national : bool
        Add a row :data:`NATIONAL` for the lessons without a province.

    Returns
    -------
    DataFrame
        Indexed by ``province_code``; one column per kind of :data:`KIND_ORDER`, then
        ``total``. A row ``"total"`` sums the rows.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> c = lesson_kind_counts(tiny_workspace(), ["83", "64"])
    >>> c.loc["83"].tolist(), int(c.loc["64", "total"]), int(c.loc["total", "total"])
    ([1, 0, 0, 0, 1], 0, 1)
    """
    G = _graph(G_or_ws)
    keys = _scope_keys(provinces, G, national)
    counts = {k: dict.fromkeys(KIND_ORDER, 0) for k in keys}
    for n in _lesson_nodes(G):
        code = G.nodes[n].get("province_code")
        key = NATIONAL if code is None else str(code)
        kind = G.nodes[n].get("lesson_kind")
        if key in counts and kind in counts[key]:
            counts[key][kind] += 1
    df = pd.DataFrame.from_dict(counts, orient="index", columns=list(KIND_ORDER)).astype(int)
    df.index.name = "province_code"
    df["total"] = df.sum(axis=1)
    df.loc["total"] = df.sum(axis=0)
    return df


def lesson_pmqa_counts(
    G_or_ws: nx.MultiDiGraph | Workspace,
    provinces: Iterable[str] | None = None,
    *,
    national: bool = True,
    kinds: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Lessons per PMQA category and province (a lesson counts once in each category).

    ``kinds`` keeps only lessons of those kinds (default: every kind).

    Returns
    -------
    DataFrame
        Indexed by ``category`` 1-7; ``name_th, phase, phase_th``, one column per province
        (and :data:`NATIONAL`), ``total``. Lessons without a category are not counted here:
        see :func:`lessons_by_pmqa`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> c = lesson_pmqa_counts(tiny_workspace(), ["83"], national=False)
    >>> c["83"].tolist(), c.loc[4, "phase"]
    ([0, 0, 0, 1, 0, 0, 0], 'act')
    """
    G = _graph(G_or_ws)
    keys = _scope_keys(provinces, G, national)
    wanted = set(kinds) if kinds is not None else None
    cats = reference.load("pmqa_categories")
    cats["id"] = cats["id"].astype(int)
    df = cats.set_index("id")[["name_th", "phase", "phase_th"]].copy()
    df.index.name = "category"
    for k in keys:
        df[k] = 0
    for n in _lesson_nodes(G):
        code = G.nodes[n].get("province_code")
        key = NATIONAL if code is None else str(code)
        if key not in keys or (wanted is not None and G.nodes[n].get("lesson_kind") not in wanted):
            continue
        for c in lesson_categories(G, n):
            df.loc[c, key] += 1
    df["total"] = df[keys].sum(axis=1) if keys else 0
    return df


# --------------------------------------------------------------------------- provinces
def province_comparison(
    ws: Workspace,
    provinces: Sequence[str],
    as_of: dt.date | str | None = None,
    *,
    G: nx.MultiDiGraph | None = None,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Objectives, KRs, progress, status, budget and lessons of each province side by side.

    Returns
    -------
    DataFrame
        One row per province, in the given order: ``province_code, name_th, group,
        objectives, key_results, kr_with_data, kpis, initiatives, budget, budget_spent,
        progress, expected, status, status_th`` and the lesson counts ``lessons`` and one
        column per kind of :data:`KIND_ORDER`.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> df = province_comparison(tiny_workspace(), ["83", "64"], "2022-03-31")
    >>> df[["province_code", "objectives", "lessons", "success_factor"]].values.tolist()
    [['83', 2, 1, 1], ['64', 1, 0, 0]]
    """
    G = G if G is not None else build_graph(ws)
    kp = progress if progress is not None else kr_progress(ws, as_of)
    roll = rollup(ws, "province", progress=kp).set_index("province_code")
    counts = lesson_kind_counts(G, provinces, national=False)
    groups = ws["province_groups"]
    group_of = {str(p): g for p, g in zip(groups["province_code"], groups["group"], strict=True)}
    objs, krs, ini, kpis = ws["objectives"], kp, ws["initiatives"], ws["kpis"]
    rows = []
    for code in provinces:
        code = str(code)
        mine = ini[ini["province_code"] == code]
        r = roll.loc[code] if code in roll.index else None
        prog = float(r["progress"]) if r is not None else float("nan")
        exp = float(r["expected"]) if r is not None else float("nan")
        status = str(r["status"]) if r is not None else "no_data"
        g = group_of.get(code)
        rows.append(
            {
                "province_code": code,
                "name_th": _province_th(code),
                "group": None if is_missing(g) else int(g),
                "objectives": int((objs["province_code"] == code).sum()),
                "key_results": int((krs["province_code"] == code).sum()),
                "kr_with_data": int(
                    ((krs["province_code"] == code) & krs["progress_clipped"].notna()).sum()
                ),
                "kpis": int((kpis["province_code"] == code).sum()),
                "initiatives": len(mine),
                "budget": float(mine["budget"].fillna(0).sum()),
                "budget_spent": float(mine["budget_spent"].fillna(0).sum()),
                "progress": prog,
                "expected": exp,
                "status": status,
                "status_th": STATUS_LABELS[status][0],
                "lessons": int(counts.loc[code, "total"]),
                **{k: int(counts.loc[code, k]) for k in KIND_ORDER},
            }
        )
    cols = [
        "province_code", "name_th", "group", "objectives", "key_results", "kr_with_data",
        "kpis", "initiatives", "budget", "budget_spent", "progress", "expected", "status",
        "status_th", "lessons", *KIND_ORDER,
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=cols)


#: The practices :func:`province_features` checks: code -> Thai label.
PRACTICES: dict[str, str] = {
    "end_product": "มี End Product ที่หน่วยงานตั้งแต่ 2 หน่วยร่วมกันรับผิดชอบ",
    "kr_owned": "ผลลัพธ์หลักทุกตัวมีหน่วยงานรับผิดชอบ",
    "aligned": "วัตถุประสงค์ทุกข้อเชื่อมโยงกับแผนระดับสูงกว่า",
    "kr_reported": "ผลลัพธ์หลักทุกตัวที่ถึงกำหนดเริ่มแล้วมีการรายงานความก้าวหน้า",
    "initiatives_deliver": "โครงการทุกโครงการส่งผลต่อผลลัพธ์หลัก",
    "serves_stakeholders": "ระบุผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่ได้รับประโยชน์",
    "outputs_used": "ผลผลิตของทุกหน่วยงานมีผู้นำไปใช้",
    "pmqa_think_act": "วัตถุประสงค์ทุกข้อมีหมวด PMQA ทั้งในขั้นการคิดและขั้นการลงมือทำ (หลักคิด 3 : 1 : 3)",
}
_FEATURE_GROUPS = {
    "pmqa_plan": "หมวด PMQA ที่แผนดำเนินการผ่าน",
    "pmqa_lesson": "หมวด PMQA ที่มีบทเรียน",
    "lesson_kind": "ประเภทบทเรียนที่บันทึก",
    "practice": "แนวปฏิบัติที่คำนวณจากข้อมูล",
}


def province_features(
    ws: Workspace,
    provinces: Sequence[str],
    as_of: dt.date | str | None = None,
    *,
    G: nx.MultiDiGraph | None = None,
    progress: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Which PMQA categories, lesson kinds and practices each province has.

    Features (row index):

    * ``pmqa_plan:<c>`` — an objective of the province, one of its KRs or projects works
      through PMQA category ``c``;
    * ``pmqa_lesson:<c>`` — the province recorded a lesson on category ``c``;
    * ``lesson_kind:<kind>`` — the province recorded a lesson of that kind;
    * ``practice:<code>`` — a practice of :data:`PRACTICES`, computed from the analyses
      (End Products, ownership, alignment, check-ins of the KRs already started, projects
      delivering KRs, stakeholders served, used outputs, every goal with a "think" and an
      "act" PMQA category).
      A practice of "every X" is false when the province has no X.

    Returns
    -------
    DataFrame
        Index ``feature``; ``group``, ``group_th``, ``label_th``, then one bool column per
        province.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> f = province_features(tiny_workspace(), ["83", "64"], "2022-03-31")
    >>> bool(f.loc["lesson_kind:success_factor", "83"]), bool(f.loc["pmqa_lesson:4", "64"])
    (True, False)
    >>> f.loc["practice:end_product", "label_th"].split(" ที่")[0]
    'มี End Product'
    """
    G = G if G is not None else build_graph(ws)
    kp = progress if progress is not None else kr_progress(ws, as_of)
    cats = reference.load("pmqa_categories")
    cat_names = {int(i): n for i, n in zip(cats["id"], cats["name_th"], strict=True)}
    index: list[str] = []
    meta: list[tuple[str, str, str]] = []
    for c in range(1, 8):
        index.append(f"pmqa_plan:{c}")
        meta.append(("pmqa_plan", _FEATURE_GROUPS["pmqa_plan"], f"หมวด {c} {cat_names[c]}"))
    for c in range(1, 8):
        index.append(f"pmqa_lesson:{c}")
        meta.append(("pmqa_lesson", _FEATURE_GROUPS["pmqa_lesson"], f"หมวด {c} {cat_names[c]}"))
    for k in KIND_ORDER:
        index.append(f"lesson_kind:{k}")
        meta.append(("lesson_kind", _FEATURE_GROUPS["lesson_kind"], _label("lesson_kind", k)))
    for code, label in PRACTICES.items():
        index.append(f"practice:{code}")
        meta.append(("practice", _FEATURE_GROUPS["practice"], label))
    df = pd.DataFrame(meta, index=pd.Index(index, name="feature"))
    df.columns = ["group", "group_th", "label_th"]

    orph = orphans(G)
    ep = end_products(ws)
    ini_delivers = set(ws["initiative_krs"]["initiative_id"])
    sl = ws["service_links"]
    served = set(zip(sl["source_type"], sl["source_id"], strict=True))
    for code in provinces:
        code = str(code)
        has: dict[str, bool] = {}
        mat = pmqa_objective_matrix(ws, code)
        for c in range(1, 8):
            has[f"pmqa_plan:{c}"] = bool(mat[c].any()) if len(mat) else False
        lessons = lessons_frame(G, code)
        lcats = {c for cs in lessons["categories"] for c in cs}
        for c in range(1, 8):
            has[f"pmqa_lesson:{c}"] = c in lcats
        for k in KIND_ORDER:
            has[f"lesson_kind:{k}"] = bool((lessons["kind"] == k).any())
        objs = ws["objectives"][ws["objectives"]["province_code"] == code]
        krs = kp[kp["province_code"] == code]
        inis = ws["initiatives"][ws["initiatives"]["province_code"] == code]
        mine_ep = ep[ep["province_code"] == code]
        has["practice:end_product"] = bool((mine_ep["classification"] == "end_product").any())
        has["practice:kr_owned"] = len(mine_ep) > 0 and not bool(
            (mine_ep["classification"] == "unowned").any()
        )
        not_aligned = orph[(orph["problem"] == "not_aligned") & (orph["province_code"] == code)]
        has["practice:aligned"] = len(objs) > 0 and not_aligned.empty
        due = krs[krs["expected"] > 0]  # KRs not started yet at the date are not due
        has["practice:kr_reported"] = len(due) > 0 and bool((due["n_checkins"] > 0).all())
        has["practice:initiatives_deliver"] = len(inis) > 0 and bool(
            inis["id"].isin(ini_delivers).all()
        )
        nodes = (
            [("objective", i) for i in objs["id"]]
            + [("key_result", i) for i in krs["key_result_id"]]
            + [("initiative", i) for i in inis["id"]]
        )
        has["practice:serves_stakeholders"] = any(n in served for n in nodes)
        units = ws["units"][ws["units"]["province_code"] == code]
        has["practice:outputs_used"] = len(units) > 0 and unused_outputs(ws, code).empty
        phases = pmqa_phase_coverage(ws, code)
        has["practice:pmqa_think_act"] = len(phases) > 0 and bool((phases["flag"] == "").all())
        df[code] = [has[f] for f in df.index]
    return df


def shared_by_on_track(features: pd.DataFrame, status: Mapping[str, str]) -> pd.DataFrame:
    """Features every on-track province has and at least one other province lacks.

    Parameters
    ----------
    features : DataFrame
        From :func:`province_features`.
    status : mapping of province code to status
        The provinces compared (``on_track`` on one side; ``at_risk`` / ``off_track`` on the
        other; ``no_data`` / ``not_started`` provinces are left out of both).

    Returns
    -------
    DataFrame
        The rows of ``features`` that qualify (``group``, ``group_th``, ``label_th``) with
        ``on_track`` (the on-track provinces, comma-joined) and ``missing_in`` (the other
        provinces that lack it). Empty when there is no on-track province or no other one.

    Examples
    --------
    >>> f = pd.DataFrame({"group": ["practice"] * 2, "group_th": ["x"] * 2,
    ...                   "label_th": ["a", "b"], "64": [True, True], "83": [True, False],
    ...                   "48": [False, False]}, index=["practice:a", "practice:b"])
    >>> shared_by_on_track(f, {"64": "on_track", "83": "on_track", "48": "off_track"})[
    ...     ["label_th", "missing_in"]].values.tolist()
    [['a', '48']]
    """
    on = [p for p, s in status.items() if s == ON_TRACK and p in features.columns]
    off = [p for p, s in status.items() if s in ("at_risk", "off_track") and p in features.columns]
    cols = ["group", "group_th", "label_th", "on_track", "missing_in"]
    if not on or not off:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="feature"))
    keep = features[on].all(axis=1) & ~features[off].all(axis=1)
    out = features.loc[keep, ["group", "group_th", "label_th"]].copy()
    out["on_track"] = ", ".join(on)
    out["missing_in"] = [
        ", ".join(p for p in off if not bool(features.loc[f, p])) for f in out.index
    ]
    return out


def rollout_steps(
    G: nx.MultiDiGraph,
    provinces: Sequence[str],
    kinds: Sequence[str] = ("good_practice", "success_factor"),
) -> pd.DataFrame:
    """Lessons of ``kinds`` from ``provinces`` as ordered steps: think → prepare → act.

    A lesson's phase is the earliest phase among its PMQA categories; lessons without a
    category come last. Within a phase: by first category, kind (good practice first when
    listed first), province order, date.

    Returns
    -------
    DataFrame
        ``step`` (1..n), ``phase, phase_th, categories`` (text such as ``"1, 4"``),
        ``lesson_id, node, province_code, province_th, kind, kind_th, title_th``.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> r = rollout_steps(build_graph(tiny_workspace()), ["83"])
    >>> r[["step", "phase_th", "categories", "lesson_id"]].values.tolist()
    [[1, 'การลงมือทำ', '4', 'LES-83-01']]
    """
    rows = []
    for order, code in enumerate(provinces):
        df = lessons_frame(G, str(code))
        for r in df[df["kind"].isin(kinds)].itertuples(index=False):
            rows.append(
                {
                    "_p": PHASE_ORDER.get(r.phase, len(PHASE_ORDER))
                    if isinstance(r.phase, str)
                    else 9,
                    "_c": min(r.categories) if r.categories else 99,
                    "_k": list(kinds).index(r.kind),
                    "_o": order,
                    "_d": r.date or dt.date.min,
                    "phase": r.phase,
                    "phase_th": r.phase_th if isinstance(r.phase_th, str) else "ไม่ระบุหมวด PMQA",
                    "categories": ", ".join(map(str, r.categories)) or "–",
                    "lesson_id": r.lesson_id,
                    "node": r.node,
                    "province_code": r.province_code,
                    "province_th": r.province_th,
                    "kind": r.kind,
                    "kind_th": r.kind_th,
                    "title_th": r.title_th,
                }
            )
    cols = [
        "step", "phase", "phase_th", "categories", "lesson_id", "node", "province_code",
        "province_th", "kind", "kind_th", "title_th",
    ]  # fmt: skip
    if not rows:
        return pd.DataFrame(columns=cols)
    df = pd.DataFrame(rows).sort_values(["_p", "_c", "_k", "_o", "_d", "lesson_id"])
    df["step"] = range(1, len(df) + 1)
    return df[cols].reset_index(drop=True)


def cluster_learning(ws: Workspace, pilots: Sequence[str]) -> pd.DataFrame:
    """For each provincial cluster: its pilot provinces and its recorded group 2 / 3 ones.

    The driving groups come from the ``province_groups`` sheet of the year (group 2 = the
    cluster operating centres, group 3 = the other offices; seed 000); cluster membership
    from the reference tables. Clusters without a pilot are listed too.

    Returns
    -------
    DataFrame
        ``cluster_id, cluster_th, provinces`` (members), ``pilots``, ``group2``,
        ``group3`` (comma-joined Thai names, ``""`` when none), ordered clusters with a
        pilot first.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> cl = cluster_learning(tiny_workspace(), ["83", "64"])
    >>> cl.iloc[0][["cluster_id", "pilots"]].tolist()
    ['north_lower_1', 'สุโขทัย']
    """
    members = ws["cluster_members"]
    clusters = ws["clusters"].set_index("id")
    groups = ws["province_groups"]
    group_of = {
        str(p): int(g) for p, g in zip(groups["province_code"], groups["group"], strict=True)
    }
    pilots = {str(p) for p in pilots}
    rows = []
    for cid, m in members.groupby("cluster_id", sort=False):
        codes = sorted(str(c) for c in m["province_code"])
        rows.append(
            {
                "cluster_id": cid,
                "cluster_th": clusters.loc[cid, "name_th"] if cid in clusters.index else cid,
                "provinces": len(codes),
                "pilots": ", ".join(_province_th(c) for c in codes if c in pilots),
                "group2": ", ".join(_province_th(c) for c in codes if group_of.get(c) == 2),
                "group3": ", ".join(_province_th(c) for c in codes if group_of.get(c) == 3),
            }
        )
    df = pd.DataFrame(
        rows, columns=["cluster_id", "cluster_th", "provinces", "pilots", "group2", "group3"]
    )
    if df.empty:
        return df
    df["_p"] = df["pilots"] == ""
    return df.sort_values(["_p", "cluster_id"]).drop(columns="_p").reset_index(drop=True)
