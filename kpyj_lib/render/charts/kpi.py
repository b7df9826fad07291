"""KPIs per BSC dimension × level as a heat map (and the heat-map cells other charts share)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ... import reference
from .theme import (
    _BASE_SIZE,
    _EMPTY_FILL,
    _INK,
    _MUTED,
    A4_WIDTH_IN,
    OKABE_ITO,
    _frame,
    _header_height,
    _is_empty,
    _new_figure,
    _no_data,
    _place,
    _text_width_in,
    _tint,
    _wrap,
    style,
)

__all__ = ["kpi_heatmap"]


def _blues() -> LinearSegmentedColormap:
    return LinearSegmentedColormap.from_list(
        "kpyj_blues", [_tint(OKABE_ITO["blue"], 0.12), OKABE_ITO["blue"]]
    )


def _heat_cells(
    ax: Any,
    mat: np.ndarray,
    *,
    empty_text: str | None = "ไม่มี",
    diagonal_blank: bool = False,
) -> None:
    """Draw a count matrix as cells shaded by count and annotated; zero cells hatched with
    ``empty_text`` (or plain light grey when ``empty_text`` is None)."""
    cmap = _blues()
    vmax = max(1.0, float(np.nanmax(mat))) if mat.size else 1.0
    nr, nc = mat.shape
    for i in range(nr):
        for j in range(nc):
            v = mat[i, j]
            if diagonal_blank and i == j:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fc="white", ec="white", lw=2))
                ax.text(j, i, "–", ha="center", va="center", color="#B0B0B0")
                continue
            if not v:
                hatched = empty_text is not None
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        fc=_EMPTY_FILL,
                        ec="white",
                        lw=2,
                        hatch="////" if hatched else None,
                    )
                )
                if empty_text:
                    ax.text(
                        j,
                        i,
                        empty_text,
                        ha="center",
                        va="center",
                        fontsize=_BASE_SIZE,
                        color="#666666",
                        bbox={"boxstyle": "round,pad=0.15", "fc": _EMPTY_FILL, "ec": "none"},
                    )
                continue
            level = 0.15 + 0.85 * (v / vmax)
            ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fc=cmap(level), ec="white", lw=2))
            ax.text(
                j,
                i,
                f"{v:.0f}",
                ha="center",
                va="center",
                fontsize=10.5,
                fontweight="bold",
                color="white" if level > 0.5 else _INK,
            )
    ax.set_xlim(-0.5, nc - 0.5)
    ax.set_ylim(nr - 0.5, -0.5)
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)


def _thai_name(code_list: str, value: Any) -> str:
    """The Thai name of a KPI dimension or level code; other labels (already Thai) as given.

    >>> _thai_name("kpi_level", "organisation") != "organisation", _thai_name("kpi_level", "ระดับ")
    (True, 'ระดับ')
    """
    try:
        return reference.code_label(code_list, str(value))
    except ValueError:
        return str(value)


def kpi_heatmap(
    matrix_df: pd.DataFrame,
    *,
    title: str | None = None,
    sample: bool = False,
) -> Figure:
    """KPI counts per BSC dimension (rows) × level (columns) as an annotated heat map.

    Darker blue means more KPIs; empty cells — gaps worth naming — are hatched grey and
    say "ไม่มี". Row and column totals ("รวม") are given beside the grid.

    Parameters
    ----------
    matrix_df : DataFrame
        :func:`kpyj_lib.analysis.bsc.kpi_matrix`; rows and columns are labelled with the
        Thai names of the dimensions and levels whether it was built with codes or with
        ``thai=True`` (a reader of the report never sees a code).
    title : str, optional
    sample : bool, default False

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.analysis.bsc import kpi_matrix
    >>> fig = kpi_heatmap(kpi_matrix(tiny_workspace(), "83", thai=True))
    >>> [t.get_text() for t in fig.axes[0].texts].count("ไม่มี")
    14
    """
    title = title or "ตัวชี้วัดตามมิติและระดับ"
    if _is_empty(matrix_df):
        return _no_data(title, "ยังไม่มีตัวชี้วัด", sample=sample)
    mat = matrix_df.apply(pd.to_numeric, errors="coerce").fillna(0).to_numpy(dtype=float)
    nr, nc = mat.shape
    subtitle = "ช่องลายเส้น = ยังไม่มีตัวชี้วัด"
    height = _header_height(subtitle, 0, None) + 0.55 + 0.5 * (nr + 1) + (0.3 if sample else 0)
    with style():
        fig = _new_figure(height)
        ax = fig.add_axes((0, 0, 1, 1))
        _heat_cells(ax, mat)
        col_w = (A4_WIDTH_IN - 3.0) / (nc + 0.75) * 72
        columns = [_thai_name("kpi_level", c) for c in matrix_df.columns]
        xlabels = ["\n".join(_wrap(c, col_w - 2, 2)) for c in columns]
        ax.set_xticks([*range(nc), nc - 0.1], [*xlabels, "รวม"])
        ax.xaxis.tick_top()
        rows = [_thai_name("kpi_dimension", r) for r in matrix_df.index]
        ylabels = ["\n".join(_wrap(r, 2.6 * 72, 2)) for r in rows]
        ax.set_yticks([*range(nr), nr - 0.1], [*ylabels, "รวม"])
        for i in range(nr):
            ax.text(nc - 0.1, i, f"{mat[i].sum():.0f}", ha="center", va="center", color=_MUTED)
        for j in range(nc):
            ax.text(j, nr - 0.1, f"{mat[:, j].sum():.0f}", ha="center", va="center", color=_MUTED)
        ax.text(nc - 0.1, nr - 0.1, f"{mat.sum():.0f}", ha="center", va="center", fontweight="bold")
        ax.axhline(nr - 0.5 + 0.02, color="#BDBDBD", lw=0.8)
        ax.axvline(nc - 0.5 + 0.02, color="#BDBDBD", lw=0.8)
        ax.set_xlim(-0.5, nc + 0.25)
        ax.set_ylim(nr + 0.25, -0.5)
        head, foot = _frame(fig, title, subtitle=subtitle, sample=sample)
        x_lines = max(len(x.split("\n")) for x in xlabels)
        _place(
            fig,
            ax,
            left=_text_width_in(ylabels) + 0.14,
            right=0.1,
            top=head + 0.12 + 0.16 * x_lines,
            bottom=foot + 0.06,
        )
    return fig
