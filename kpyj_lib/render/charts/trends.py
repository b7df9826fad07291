"""Baseline figures of a province over the years: one small panel per series (issue 14).

The draft provincial strategic plan (:mod:`kpyj_lib.documents.strategic_plan`) analyses
the province's baseline indicators (ข้อมูลพื้นฐาน); this chart shows each series' values by
Buddhist Era year, each panel on its own scale (cases and offices do not share an axis),
every point labelled with its value and the last step's change in per cent.

Examples
--------
>>> fig = baseline_trends(pd.DataFrame({"name_th": ["คดียาเสพติด"] * 2, "year": [2563, 2564],
...                                      "value": [1900.0, 1750.0], "unit": ["คดี"] * 2}))
>>> len(fig.axes)
1
>>> empty = baseline_trends(pd.DataFrame())  # says "no data" instead of raising
>>> any(t.get_gid() == "kpyj-no-data" for t in empty.axes[0].texts)
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, FuncFormatter

from ...text import format_number
from .theme import (
    _BASE_SIZE,
    _MUTED,
    PALETTE,
    _fit,
    _frame,
    _header_height,
    _is_empty,
    _new_figure,
    _no_data,
    style,
)

__all__ = ["baseline_frame", "baseline_trends"]

_TITLE = "แนวโน้มข้อมูลพื้นฐานของจังหวัด"
_PANEL_H = 1.55


def baseline_frame(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> pd.DataFrame:
    """A chart table (header texts and rows: name, year, value, unit) as the frame
    :func:`baseline_trends` draws; cells that are not numbers become missing.

    >>> baseline_frame(["ชื่อ", "ปี", "ค่า", "หน่วย"], [["ก", "2563", "1900.0", "คดี"]])
      name_th  year   value unit
    0       ก  2563  1900.0  คดี
    """
    df = pd.DataFrame([list(r)[:4] for r in rows], columns=["name_th", "year", "value", "unit"])
    df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    df["value"] = pd.to_numeric(df["value"], errors="coerce")
    return df


def baseline_trends(
    data: pd.DataFrame | None = None,
    rows: Sequence[Sequence[Any]] | None = None,
    *,
    title: str = _TITLE,
    sample: bool = False,
) -> Figure:
    """Small multiples of a province's baseline series over the years.

    Parameters
    ----------
    data : DataFrame or sequence of str
        ``name_th, year, value, unit`` (one row per series and year); or the header texts
        of a chart table, with ``rows`` its rows (as a text document's chart block holds
        them, see :func:`baseline_frame`).
    rows : sequence of rows, optional
        With ``data`` given as header texts.
    title : str
        The chart title.
    sample : bool
        Stamp the figure as sample data.
    """
    df = data if rows is None else baseline_frame(list(data or []), rows)  # type: ignore[arg-type]
    if _is_empty(df) or df["value"].notna().sum() == 0:
        return _no_data(title, "ยังไม่มีข้อมูลพื้นฐานของจังหวัด", sample=sample)
    df = df.dropna(subset=["value", "year"])
    names = list(dict.fromkeys(df["name_th"]))
    ncol = 2 if len(names) > 1 else 1
    nrow = math.ceil(len(names) / ncol)
    subtitle = "ค่าต่อปี (พ.ศ.) และร้อยละการเปลี่ยนแปลงจากปีก่อนหน้า แต่ละช่องใช้สเกลของตนเอง"
    with style():
        head = _header_height(subtitle, 0, None)
        fig = _new_figure(head + nrow * _PANEL_H + 0.1)
        axes = fig.subplots(nrow, ncol, squeeze=False)
        years = sorted({int(y) for y in df["year"]})
        for k, ax in enumerate(axes.flat):
            if k >= len(names):
                ax.set_axis_off()
                continue
            s = df[df["name_th"] == names[k]].sort_values("year")
            xs, ys = [int(y) for y in s["year"]], [float(v) for v in s["value"]]
            color = PALETTE[k % len(PALETTE)]
            ax.plot(xs, ys, marker="o", color=color, lw=1.8, ms=4)
            for x, y in zip(xs, ys, strict=True):
                ax.annotate(
                    format_number(y),
                    (x, y),
                    textcoords="offset points",
                    xytext=(0, 5),
                    ha="center",
                    fontsize=_BASE_SIZE - 1,
                )
            unit = next((str(u) for u in s["unit"] if isinstance(u, str) and u), "")
            label = _fit(f"{names[k]} ({unit})" if unit else names[k], 230)
            if len(ys) >= 2 and ys[-2]:
                change = (ys[-1] - ys[-2]) / abs(ys[-2])
                sign = "+" if change > 0 else ""
                label += f"  {sign}{change * 100:.1f}%"
            ax.set_title(label, fontsize=_BASE_SIZE, loc="left")
            ax.xaxis.set_major_locator(FixedLocator(years))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v)}"))
            ax.set_xlim(min(years) - 0.4, max(years) + 0.4)
            lo, hi = min(ys), max(ys)
            pad = (hi - lo) * 0.25 or abs(hi) * 0.1 or 1.0
            ax.set_ylim(lo - pad, hi + pad * 1.6)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: format_number(v)))
            ax.tick_params(labelsize=_BASE_SIZE - 1, colors=_MUTED)
        _frame(fig, title, subtitle=subtitle, sample=sample)
    return fig
