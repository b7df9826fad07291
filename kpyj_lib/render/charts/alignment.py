"""The alignment graph: a province's plans, objectives, KRs and projects in layered bands."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Rectangle

from .theme import (
    _BASE_SIZE,
    _MARGIN_IN,
    _MUTED,
    _TITLE_SIZE,
    A4_WIDTH_IN,
    OKABE_ITO,
    _darken,
    _fit,
    _natural_key,
    _new_figure,
    _no_data,
    _short_label,
    _stamp,
    _tint,
    _wrap,
    style,
)

__all__ = ["BAND_LABELS", "MAX_HEIGHT_IN", "alignment_graph"]

#: Height above which :func:`alignment_graph` draws compact one-line boxes (inches): what
#: is left of an A4 page under a heading.
MAX_HEIGHT_IN = 9.6

#: Thai band label of each layer (see :func:`kpyj_lib.graph.layer_of`) in alignment_graph.
BAND_LABELS: dict[int, str] = {
    0: "ยุทธศาสตร์ชาติ",
    1: "แผนแม่บทฯ",
    2: "แผนแม่บทการบริหารงานยุติธรรม / มติ ครม.",
    3: "แผนกลุ่มจังหวัด",
    4: "แผนพัฒนาจังหวัด",
    5: "วัตถุประสงค์",
    6: "ผลลัพธ์หลัก",
    7: "โครงการ",
}
# the same, broken into lines at word boundaries for the narrow label column
_BAND_LINES: dict[int, tuple[str, ...]] = {
    2: ("แผนแม่บทการบริหาร", "งานยุติธรรม /", "มติ ครม."),
}
_NODE_STYLE: dict[str, tuple[str, float]] = {  # kind -> (colour, fill tint)
    "plan_item": (OKABE_ITO["blue"], 0.13),
    "objective": (OKABE_ITO["orange"], 0.22),
    "key_result": (OKABE_ITO["bluish_green"], 0.16),
    "kpi": (OKABE_ITO["bluish_green"], 0.08),
    "initiative": (OKABE_ITO["reddish_purple"], 0.18),
}
_EDGE_STYLE: dict[str, dict[str, Any]] = {
    "aligns_to": {"color": OKABE_ITO["blue"], "ls": "-", "label": "สอดคล้องกับ"},
    "part_of": {"color": "#6E6E6E", "ls": (0, (1.5, 1.5)), "label": "เป็นส่วนหนึ่งของ"},
    "measures": {"color": OKABE_ITO["bluish_green"], "ls": "-", "label": "วัดผล"},
    "delivers": {
        "color": OKABE_ITO["reddish_purple"],
        "ls": (0, (4, 2)),
        "label": "ส่งผลต่อ",
    },
}
_ORPHAN_COLOR = OKABE_ITO["vermillion"]


def _barycentre_order(
    layers: dict[int, list[Hashable]], nbrs: Mapping[Hashable, set[Hashable]], sweeps: int = 12
) -> dict[int, list[Hashable]]:
    """Order the nodes of each layer by the mean position of their neighbours in other
    layers (alternating downward and upward sweeps); keep the order with the shortest total
    horizontal edge length."""
    layer_of_node = {n: k for k, ns in layers.items() for n in ns}

    def cost(pos: Mapping[Hashable, float]) -> float:
        return sum(abs(pos[a] - pos[b]) for a in nbrs for b in nbrs[a]) / 2

    order = {k: list(ns) for k, ns in layers.items()}
    pos = {n: (i + 0.5) / len(ns) for ns in order.values() for i, n in enumerate(ns)}
    best, best_cost = {k: list(ns) for k, ns in order.items()}, cost(pos)
    keys = sorted(order)
    for sweep in range(sweeps):
        down = sweep % 2 == 0
        for k in keys if down else reversed(keys):

            def key(n: Hashable, k: int = k, down: bool = down) -> tuple[float, float]:
                others = [m for m in nbrs[n] if layer_of_node[m] != k]
                # first the neighbours in layers already placed in this sweep
                placed = [m for m in others if (layer_of_node[m] < k) == down]
                use = placed or others
                b = sum(pos[m] for m in use) / len(use) if use else pos[n]
                return (b, pos[n])

            order[k].sort(key=key)
            pos.update({n: (i + 0.5) / len(order[k]) for i, n in enumerate(order[k])})
        c = cost(pos)
        if c < best_cost - 1e-9:
            best, best_cost = {k: list(ns) for k, ns in order.items()}, c
    return best


def _layer_geometry(
    n: int, x0: float, x1: float, *, w_min: float = 1.22, w_max: float = 1.9, gap: float = 0.09
) -> tuple[int, float, list[float]]:
    """Rows, box width and box centres of a layer of ``n`` nodes spread over ``x0..x1``.

    Nodes are evenly spaced; when boxes of ``w_min`` do not fit side by side they are
    staggered over several rows (node ``i`` in row ``i % rows``)."""
    span = x1 - x0
    if n == 1:
        return 1, w_max, [(x0 + x1) / 2]
    rows, w = 1, w_max
    for rows in range(1, n + 1):
        w = (rows * span - gap * (n - 1)) / (n - 1 + rows)
        if w >= w_min:
            break
    w = min(w, w_max)
    pitch = min((span - w) / (n - 1), (w + gap + 0.5) / rows)
    first = (x0 + x1) / 2 - pitch * (n - 1) / 2
    return rows, w, [first + pitch * i for i in range(n)]


def _implied(H: nx.MultiDiGraph, reach: Mapping[Hashable, set[Hashable]]) -> set[tuple]:
    """``aligns_to`` edges of KRs, projects and cascaded objectives whose target the
    objective / KR above them already reaches."""
    up = {"key_result": "measures", "initiative": "delivers", "objective": "part_of"}
    out = set()
    for u, v, d in H.edges(data=True):
        kind = H.nodes[u].get("kind")
        if d.get("kind") != "aligns_to" or kind not in up:
            continue
        parents = [
            p
            for _, p, e in H.out_edges(u, data=True)
            if e.get("kind") == up[kind] and H.nodes[p].get("kind") != "plan_item"
        ]
        if any(v in reach.get(p, ()) for p in parents):
            out.add((u, v))
    return out


def alignment_graph(
    G: nx.MultiDiGraph,
    province: str,
    *,
    show_ids: bool = True,
    compact: bool | None = None,
    include_kpis: bool = False,
    implied_edges: bool = False,
    title: str | None = None,
    sample: bool | None = None,
) -> Figure:
    """A province's alignment chain drawn in layered bands, national strategy at the top.

    Bands from top to bottom: ยุทธศาสตร์ชาติ, แผนแม่บทฯ, แผนแม่บทการบริหารงานยุติธรรม /
    มติ ครม., แผนกลุ่มจังหวัด, แผนพัฒนาจังหวัด, วัตถุประสงค์, ผลลัพธ์หลัก, โครงการ (only
    bands with nodes are drawn). Only plan items that the province's objectives, KRs or
    projects actually reach are drawn — not the other national master plans. Nodes are
    rounded boxes with the record id and a short Thai label (shortened with "…" to fit,
    about 18–25 characters); the nodes of a band are spread evenly, ordered by the
    barycentre of their neighbours to reduce crossings, and staggered over several rows
    when they do not fit in one. Edges ``aligns_to`` / ``part_of`` / ``measures`` /
    ``delivers`` are light arrows pointing up the chain. Orphans — objectives aligned to
    nothing, KRs without an objective, projects that deliver no KR — have a thick
    vermillion outline.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The plan graph of :func:`kpyj_lib.graph.build_graph` (the whole graph: the
        province's part is taken with :func:`kpyj_lib.graph.province_subgraph`).
    province : str
        Province code (``"83"``).
    show_ids : bool, default True
        Show each record's id above its label (a key to the report's tables); without ids
        the label may take two lines.
    compact : bool, optional
        One-line boxes (the Thai label only, no id) so that a large chain still fits one A4
        page. Default: compact only when the full drawing would be taller than
        :data:`MAX_HEIGHT_IN`.
    include_kpis : bool, default False
        Also draw KPIs in the key-result band.
    implied_edges : bool, default False
        Also draw a KR's or project's own ``aligns_to`` edge when the objective (or KR)
        above it already reaches that plan item — redundant arrows that clutter the
        drawing.
    title : str, optional
        Defaults to "การเชื่อมโยงแผน จังหวัด…" (Thai only, as every print-out).
    sample : bool, optional
        Draw the sample stamp; default ``G.graph["is_sample"]``.

    Returns
    -------
    Figure
        7 in wide; its height grows with the number of bands and rows. A figure saying
        "ไม่มีข้อมูล" if the province is not in the graph or has no objective,
        KR or project.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.graph import build_graph
    >>> fig = alignment_graph(build_graph(tiny_workspace()), "83")
    >>> texts = [t.get_text() for t in fig.axes[0].texts]
    >>> "ยุทธศาสตร์ชาติ" in texts, "NMP-22" in texts, "NMP-01" in texts
    (True, True, False)
    """
    from ...analysis.alignment import alignment_chains, orphans
    from ...graph import layer_of, province_subgraph

    if sample is None:
        sample = bool(G.graph.get("is_sample", False))
    pnode = f"province:{province}"
    if pnode not in G:
        return _no_data(
            title or "การเชื่อมโยงแผน",
            f"ไม่พบจังหวัดรหัส {province} ในข้อมูล",
            sample=sample,
        )
    pdata = G.nodes[pnode]
    name_th = pdata.get("label_th") or province
    if title is None:
        title = f"การเชื่อมโยงแผน จังหวัด{name_th}"
    H = province_subgraph(G, str(province))
    okr_kinds = {"objective", "key_result", "initiative"} | ({"kpi"} if include_kpis else set())
    okr = [n for n, k in H.nodes(data="kind") if k in okr_kinds]
    if not any(H.nodes[n]["kind"] != "kpi" for n in okr):
        return _no_data(
            title,
            "ยังไม่มีวัตถุประสงค์ ผลลัพธ์หลัก หรือโครงการของจังหวัดนี้",
            sample=sample,
        )
    chains = alignment_chains(H)
    reach: dict[Hashable, set[Hashable]] = defaultdict(set)
    for n, item in zip(chains["node"], chains["plan_item"], strict=True):
        reach[n].add(item)
    reached = set(chains["plan_item"])
    layer = {n: layer_of(H, n) for n in [*okr, *reached]}
    nodes = [n for n in layer if layer[n] in BAND_LABELS]
    drawn = set(nodes)
    orphan_nodes = set(orphans(H)["node"]) & drawn
    skip = set() if implied_edges else _implied(H, reach)

    # edges among drawn nodes, one per (u, v, kind)
    edges: list[tuple[Hashable, Hashable, str]] = []
    for u, v, d in H.edges(data=True):
        kind = d.get("kind")
        if (
            kind in _EDGE_STYLE
            and u in drawn
            and v in drawn
            and (u, v) not in skip
            and (u, v, kind) not in edges
        ):
            edges.append((u, v, kind))
    nbrs: dict[Hashable, set[Hashable]] = {n: set() for n in nodes}
    for u, v, _ in edges:
        nbrs[u].add(v)
        nbrs[v].add(u)
    layers: dict[int, list[Hashable]] = defaultdict(list)
    for n in sorted(nodes, key=lambda n: _natural_key(H.nodes[n]["id"])):
        layers[layer[n]].append(n)
    order = _barycentre_order(dict(layers), nbrs)

    handles: list[Any] = [
        Line2D([], [], color=st["color"], ls=st["ls"], lw=1.3, label=st["label"])
        for k, st in _EDGE_STYLE.items()
        if any(e[2] == k for e in edges)
    ]
    if orphan_nodes:
        handles.append(Patch(fc="white", ec=_ORPHAN_COLOR, lw=2.2, label="ไม่เชื่อมโยง"))

    # ---- geometry, in inches (the axes fill the figure, data units = inches)
    W = A4_WIDTH_IN
    label_w = 1.3  # band label column
    x0, x1 = label_w + 0.08, W - 0.06
    band_pad = 0.08
    title_h = 0.6
    legend_rows = math.ceil(len(handles) / 3)
    legend_h = 0.24 * legend_rows + 0.1 + (0.26 if sample else 0.0)

    strip = bool(sample)
    labels = {
        n: _short_label(
            H.nodes[n].get("label_th") or H.nodes[n].get("label_en") or H.nodes[n]["id"],
            strip_sample=strip,
        )
        for n in nodes
    }

    def layout(compact: bool) -> tuple[Any, ...]:
        w_min = 1.05 if compact else 1.22
        geometry = {k: _layer_geometry(len(ns), x0, x1, w_min=w_min) for k, ns in order.items()}
        box_h = 0.3 if compact else 0.46
        if not compact and show_ids:  # id + a label that wraps to a second line
            wraps = any(
                len(_wrap(labels[n], (geometry[layer[n]][1] - 0.12) * 72, 2)) > 1 for n in nodes
            )
            box_h = 0.62 if wraps else 0.46
        row_pitch = box_h + 0.08
        band_h = {k: max(geometry[k][0] * row_pitch + 2 * band_pad, 0.72) for k in order}
        return box_h, row_pitch, geometry, band_h, title_h + sum(band_h.values()) + legend_h

    if compact is None:
        compact = layout(False)[-1] > MAX_HEIGHT_IN
    box_h, row_pitch, geometry, band_h, height = layout(compact)
    one_line = compact
    with style():
        fig = _new_figure(height, constrained=False)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, W)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        ax.text(
            _MARGIN_IN,
            height - 0.08,
            title,
            ha="left",
            va="top",
            fontsize=_TITLE_SIZE,
            fontweight="bold",
        )
        counts: dict[str, int] = defaultdict(int)
        for n in nodes:
            counts[H.nodes[n]["kind"]] += 1
        summary = (
            f"ประเด็นในแผนระดับต่าง ๆ {counts['plan_item']} · วัตถุประสงค์ {counts['objective']}"
            f" · ผลลัพธ์หลัก {counts['key_result']} · โครงการ {counts['initiative']}"
            f" · ไม่เชื่อมโยง {len(orphan_nodes)}"
        )
        ax.text(
            _MARGIN_IN,
            height - 0.36,
            summary,
            ha="left",
            va="top",
            fontsize=_BASE_SIZE,
            color=_MUTED,
        )

        centre: dict[Hashable, tuple[float, float]] = {}
        width: dict[Hashable, float] = {}
        slot: dict[Hashable, tuple[int, int]] = {}  # (row, index) within the layer
        y = height - title_h
        for i, k in enumerate(sorted(order)):
            top, h = y, band_h[k]
            y -= h
            if i % 2 == 0:
                ax.add_patch(Rectangle((0, y), W, h, fc="#F4F5F6", ec="none", zorder=0))
            lines = _BAND_LINES.get(k, (BAND_LABELS[k],))
            ax.text(
                _MARGIN_IN,
                top - h / 2,
                "\n".join(lines),
                ha="left",
                va="center",
                fontsize=_BASE_SIZE,
                fontweight="bold",
                linespacing=1.2,
            )
            rows, w, xs = geometry[k]
            for j, n in enumerate(order[k]):
                row = j % rows
                centre[n] = (
                    xs[j],
                    top
                    - band_pad
                    - row_pitch * (row + 0.5)
                    - ((h - 2 * band_pad - rows * row_pitch) / 2),
                )
                width[n] = w
                slot[n] = (row, j)

        boxes: dict[Hashable, FancyBboxPatch] = {}
        for n in nodes:
            d = H.nodes[n]
            (cx, cy), w = centre[n], width[n]
            colour, tint = _NODE_STYLE.get(d["kind"], ("#808080", 0.12))
            orphan = n in orphan_nodes
            box = FancyBboxPatch(
                (cx - w / 2, cy - box_h / 2),
                w,
                box_h,
                boxstyle="round,pad=0,rounding_size=0.07",
                fc=_tint(colour, tint),
                ec=_ORPHAN_COLOR if orphan else colour,
                lw=2.2 if orphan else 0.9,
                zorder=3,
                gid=f"node:{n}",
            )
            ax.add_patch(box)
            boxes[n] = box
            text_w = (w - 0.12) * 72
            label = labels[n]
            if one_line:
                ax.text(
                    cx,
                    cy,
                    _fit(label, text_w),
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
                    zorder=4,
                )
            elif show_ids:
                ax.text(
                    cx,
                    cy + box_h / 2 - 0.13,
                    _fit(str(d["id"]), text_w),
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
                    color=_darken(_ORPHAN_COLOR, 0.9) if orphan else _MUTED,
                    fontweight="bold" if orphan else "normal",
                    zorder=4,
                )
                ax.text(
                    cx,
                    cy - 0.09 if box_h < 0.6 else cy - 0.08,
                    "\n".join(_wrap(label, text_w, 2)),
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
                    linespacing=1.1,
                    zorder=4,
                )
            else:
                ax.text(
                    cx,
                    cy,
                    "\n".join(_wrap(label, text_w, 2)),
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
                    linespacing=1.1,
                    zorder=4,
                )

        def edge_point(n: Hashable, dx: float, dy: float) -> tuple[float, float]:
            """Where the line from the centre of ``n`` in direction (dx, dy) leaves its box
            (computed here: matplotlib's clipping of an arrow to a patch cost more than the
            rest of the chart)."""
            cx, cy = centre[n]
            hw, hh = width[n] / 2, box_h / 2
            t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
            return cx + t * dx, cy + t * dy

        for u, v, kind in edges:
            st = _EDGE_STYLE[kind]
            (ux, uy), (vx, vy) = centre[u], centre[v]
            rad = 0.0
            if layer[u] == layer[v]:
                (ru, ju), (rv, jv) = slot[u], slot[v]
                between = abs(ju - jv) > geometry[layer[u]][0] and ru == rv
                if between:  # bow over the boxes in between
                    rad = -0.3 if ux < vx else 0.3
            dx, dy = vx - ux, vy - uy
            if rad:  # leave and enter through the top of the boxes, under the bow
                start, end = (ux, uy + box_h / 2), (vx, vy + box_h / 2)
            else:
                start, end = edge_point(u, dx, dy), edge_point(v, -dx, -dy)
            ax.add_artist(
                FancyArrowPatch(
                    start,
                    end,
                    arrowstyle="-|>,head_length=3.5,head_width=2",
                    connectionstyle=f"arc3,rad={rad}",
                    color=st["color"],
                    alpha=0.55,
                    lw=0.9,
                    ls=st["ls"],
                    shrinkA=1,
                    shrinkB=1,
                    zorder=2,
                )
            )

        if handles:
            fig.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(_MARGIN_IN / W, (legend_h - 0.06) / height),
                ncol=3,
                fontsize=_BASE_SIZE,
                handlelength=2.2,
                borderaxespad=0,
                borderpad=0,
                columnspacing=2.0,
            )
        _stamp(fig, sample)
    return fig
