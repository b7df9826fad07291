"""Which units work together: shared KRs and flows, as a network or a heat map."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .kpi import _heat_cells
from .theme import (
    _BASE_SIZE,
    _INK,
    _MARGIN_IN,
    _MUTED,
    _TITLE_SIZE,
    A4_WIDTH_IN,
    OKABE_ITO,
    _darken,
    _fit,
    _frame,
    _header_height,
    _is_empty,
    _new_figure,
    _no_data,
    _place,
    _stamp,
    _subtitle_lines,
    _text_width_in,
    _tint,
    _wrap,
    short_unit_name,
    style,
)

__all__ = ["collaboration_map"]


def _province_suffix(names: Sequence[str]) -> str:
    """The " จ.<province>" ending that at least half of the names share, or ""."""
    ends = [m.group(0) for s in names if (m := re.search(r"\s+จ\.\S+$", s))]
    if not ends:
        return ""
    best = max(set(ends), key=ends.count)
    return best if ends.count(best) * 2 >= len(names) else ""


def collaboration_map(
    matrix_df: pd.DataFrame,
    names: Mapping[Any, str] | None = None,
    *,
    kind: str = "auto",
    title: str | None = None,
    sample: bool = False,
) -> Figure:
    """Which units work together: shared KRs plus flows between them.

    ``kind="network"`` draws the units on a circle (circle size = all their links) joined
    by lines as thick as the number of links; ``kind="heatmap"`` draws the unit × unit
    matrix with numbered units as columns. ``"auto"`` (default) draws the network for up
    to 12 units and the heat map beyond. Unit names are shortened (สนง., จ., อบจ. …, see
    :func:`short_unit_name`); a province suffix (" จ.ภูเก็ต") most units share is dropped
    and named in the subtitle.

    Parameters
    ----------
    matrix_df : DataFrame
        :func:`kpyj_lib.analysis.flows.collaboration_matrix` (symmetric, unit ids).
    names : mapping, optional
        Unit id → Thai name (e.g. ``dict(zip(ws["units"]["id"], ws["units"]["name_th"]))``);
        ids are shown where a name is missing.
    kind : {"auto", "network", "heatmap"}
    title : str, optional
    sample : bool, default False

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.analysis import collaboration_matrix
    >>> ws = tiny_workspace()
    >>> names = dict(zip(ws["units"]["id"], ws["units"]["name_th"]))
    >>> fig = collaboration_map(collaboration_matrix(ws, "83"), names)
    >>> sorted(t.get_text() for t in fig.axes[0].texts if "สนง." in t.get_text())
    ['สนง.คุมประพฤติ', 'สนง.ยุติธรรม']
    """
    title = title or "การทำงานร่วมกันระหว่างหน่วยงาน"
    if kind not in ("auto", "network", "heatmap"):
        raise ValueError(f"kind must be 'auto', 'network' or 'heatmap', not {kind!r}")
    if _is_empty(matrix_df):
        return _no_data(title, "ยังไม่มีหน่วยงานที่ทำงานร่วมกัน", sample=sample)
    mat = matrix_df.apply(pd.to_numeric, errors="coerce").fillna(0)
    units = [str(u) for u in mat.index]
    m = mat.to_numpy(dtype=float)
    m = np.maximum(m, m.T)
    names = names or {}
    short = [short_unit_name(names.get(u) or u) for u in units]
    suffix = _province_suffix(short) if len(short) > 1 else ""
    if suffix:
        short = [s[: -len(suffix)].strip() if s.endswith(suffix) else s for s in short]
    where = f" · หน่วยงานใน {suffix.strip()}" if suffix else ""
    n = len(units)
    if kind == "auto":
        kind = "network" if n <= 12 else "heatmap"
    with style():
        if kind == "heatmap":
            subtitle = "ตัวเลข = จำนวนผลลัพธ์หลักที่ทำร่วมกัน + จำนวนการส่งต่อผลผลิตระหว่างกัน" + where
            height = _header_height(subtitle, 0, None) + 0.5 + 0.36 * n + (0.3 if sample else 0)
            fig = _new_figure(height)
            ax = fig.add_axes((0, 0, 1, 1))
            _heat_cells(ax, m, empty_text=None, diagonal_blank=True)
            ax.set_xticks(range(n), [str(i + 1) for i in range(n)])
            ax.xaxis.tick_top()
            ylabels = [f"{i + 1}  {_fit(s, 2.6 * 72)}" for i, s in enumerate(short)]
            ax.set_yticks(range(n), ylabels)
            head, foot = _frame(fig, title, subtitle=subtitle, sample=sample)
            _place(
                fig,
                ax,
                left=_text_width_in(ylabels) + 0.14,
                right=0.1,
                top=head + 0.28,
                bottom=foot + 0.06,
            )
        else:
            subtitle = (
                "ความหนาของเส้น = จำนวนผลลัพธ์หลักที่ทำร่วมกัน + จำนวนการส่งต่อผลผลิต;"
                " ขนาดวงกลม = ความเชื่อมโยงทั้งหมด" + where
            )
            head = _header_height(subtitle, 0, None)
            body = 3.3 if n > 4 else 2.6
            foot = 0.3 if sample else 0.1
            height = head + body + foot
            fig = _new_figure(height, constrained=False)
            ax = fig.add_axes((0, foot / height, 1, body / height))
            unit_in = body / 2.9  # inches per data unit; y spans -1.45..1.45
            half_w = A4_WIDTH_IN / 2 / unit_in
            ax.set_xlim(-half_w, half_w)
            ax.set_ylim(-1.45, 1.45)
            ax.set_axis_off()
            if n == 2:
                angles = [math.pi, 0.0]
            else:
                angles = [math.pi / 2 - 2 * math.pi * i / n for i in range(n)]
            rx = 1.0 if n <= 3 else 1.4  # an ellipse uses the page's width
            pos = [(rx * math.cos(a), math.sin(a)) for a in angles]
            strength = m.sum(axis=1)
            wmax = max(1.0, float(m.max()))
            n_edges = int((np.triu(m, 1) > 0).sum())
            for i in range(n):
                for j in range(i + 1, n):
                    w = m[i, j]
                    if w <= 0:
                        continue
                    (xa, ya), (xb, yb) = pos[i], pos[j]
                    ax.plot(
                        [xa, xb],
                        [ya, yb],
                        color=OKABE_ITO["blue"],
                        alpha=0.5,
                        lw=1.2 + 5.0 * w / wmax,
                        solid_capstyle="round",
                        zorder=1,
                    )
                    if n_edges <= 10 or w >= 2:
                        ax.text(
                            (xa + xb) / 2,
                            (ya + yb) / 2,
                            f"{w:.0f}",
                            ha="center",
                            va="center",
                            fontsize=_BASE_SIZE,
                            color=_darken(OKABE_ITO["blue"], 0.9),
                            zorder=3,
                            bbox={
                                "boxstyle": "circle,pad=0.18",
                                "fc": "white",
                                "ec": _tint(OKABE_ITO["blue"], 0.5),
                                "lw": 0.6,
                            },
                        )
            smax = max(1.0, float(strength.max()))
            for (x, y), s in zip(pos, strength, strict=True):
                ax.scatter(
                    [x],
                    [y],
                    s=70 + 230 * s / smax,
                    color=OKABE_ITO["orange"],
                    edgecolors=_INK,
                    linewidths=0.8,
                    zorder=4,
                )
            label_w_pt = (half_w - rx - 0.2) * unit_in * 72
            for s, a in zip(short, angles, strict=True):
                c, si = math.cos(a), math.sin(a)
                ha = "left" if c > 0.3 else ("right" if c < -0.3 else "center")
                va = "bottom" if si > 0.3 else ("top" if si < -0.3 else "center")
                width = label_w_pt if ha != "center" else 2.4 * 72
                label = "\n".join(_wrap(s, width, 2))
                ax.text((rx + 0.15) * c, 1.13 * si, label, ha=ha, va=va, zorder=5, linespacing=1.1)
            fig.text(
                _MARGIN_IN / A4_WIDTH_IN,
                1 - 0.08 / height,
                title,
                ha="left",
                va="top",
                fontsize=_TITLE_SIZE,
                fontweight="bold",
            )
            fig.text(
                _MARGIN_IN / A4_WIDTH_IN,
                1 - 0.36 / height,
                "\n".join(_subtitle_lines(subtitle)),
                ha="left",
                va="top",
                fontsize=_BASE_SIZE,
                color=_MUTED,
                linespacing=1.25,
            )
            _stamp(fig, sample)
    return fig
