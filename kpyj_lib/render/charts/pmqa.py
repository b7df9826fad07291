"""The 7 PMQA categories grouped by phase (3 : 1 : 3), and each phase's share of the mappings."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator, PercentFormatter

from ...text import format_percent
from .theme import (
    _BASE_SIZE,
    _INK,
    OKABE_ITO,
    _as_float,
    _darken,
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

__all__ = ["pmqa_chart"]

_PHASES: tuple[tuple[str, str, tuple[int, ...], str], ...] = (
    ("think", "คิด", (1, 3, 7), OKABE_ITO["blue"]),
    ("prepare", "เตรียม", (2,), OKABE_ITO["orange"]),
    ("act", "ทำ", (4, 5, 6), OKABE_ITO["bluish_green"]),
)


def pmqa_chart(
    coverage_df: pd.DataFrame,
    balance_df: pd.DataFrame | None = None,
    *,
    title: str | None = None,
    sample: bool = False,
) -> Figure:
    """The 7 PMQA categories grouped by phase (3 : 1 : 3), and each phase's share.

    Top panel: one bar per category — the number of objectives, KRs, projects and lessons
    working through it — grouped as คิด (1, 3, 7), เตรียม (2), ทำ (4, 5, 6); unused
    categories say "ไม่มี". Bottom panel: one 100 % bar, the share of each phase in the
    mappings. The 3 : 1 : 3 rule sorts categories into phases and sets no target share, so
    no "ideal" bar is drawn.

    Parameters
    ----------
    coverage_df : DataFrame
        :func:`kpyj_lib.analysis.pmqa.pmqa_coverage` (indexed by category 1–7, with
        ``name_th`` and ``total``).
    balance_df : DataFrame, optional
        :func:`kpyj_lib.analysis.pmqa.pmqa_balance`; computed from ``coverage_df`` if left
        out.
    title : str, optional
    sample : bool, default False

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.analysis import pmqa_coverage, pmqa_balance
    >>> ws = tiny_workspace()
    >>> fig = pmqa_chart(pmqa_coverage(ws, "83"), pmqa_balance(ws, "83"))
    >>> len(fig.axes)
    2
    """
    title = title or "การใช้หมวด PMQA ตามหลัก 3 : 1 : 3"
    if _is_empty(coverage_df):
        return _no_data(title, "ยังไม่มีการเชื่อมโยงหมวด PMQA", sample=sample)
    cov = coverage_df.copy()
    cov.index = [int(i) for i in cov.index]
    if "total" in cov:
        totals = pd.to_numeric(cov["total"], errors="coerce").fillna(0)
    else:
        totals = pd.Series(0.0, index=cov.index)
    names = cov["name_th"] if "name_th" in cov else pd.Series("", index=cov.index)
    # bar positions, with a gap between phases
    ys: list[float] = []
    labels: list[str] = []
    colours: list[str] = []
    values: list[float] = []
    spans: list[tuple[float, float, str, str]] = []
    y = 0.0
    for _, label, cats, colour in _PHASES:
        present = [c for c in cats if c in cov.index]
        if not present:
            continue
        y0 = y
        for c in present:
            ys.append(y)
            labels.append("\n".join(_wrap(f"หมวด {c} {names.get(c, '')}", 2.55 * 72, 2)))
            colours.append(colour)
            values.append(float(totals.get(c, 0)))
            y += 1
        spans.append((y0 - 0.5, y - 0.5, f"{label} · หมวด {', '.join(map(str, cats))}", colour))
        y += 0.6
    if not _is_empty(balance_df) and "share" in balance_df:
        share = {
            p: _as_float(balance_df.loc[p, "share"]) if p in balance_df.index else 0.0
            for p, *_ in _PHASES
        }
    else:
        total = float(totals.sum())
        share = {
            p: float(totals.reindex(list(cats)).fillna(0).sum()) / total if total else math.nan
            for p, _, cats, _ in _PHASES
        }
    pitch = 0.3 + (0.14 if any("\n" in label for label in labels) else 0.0)
    top_h = 0.55 + pitch * len(ys) + 0.18 * len(spans)
    height = _header_height(None, 0, None) + top_h + 1.55 + (0.3 if sample else 0)
    with style():
        fig = _new_figure(height)
        ax = fig.add_axes((0, 0, 1, 1))
        vmax = max([*values, 1.0])
        for y0, y1, label, colour in spans:
            ax.axhspan(y0, y1, color=_tint(colour, 0.08), zorder=0, lw=0)
            ax.text(
                0.995,
                (y0 + y1) / 2,
                label,
                transform=ax.get_yaxis_transform(),
                ha="right",
                va="center",
                color=_darken(colour, 0.8),
                fontweight="bold",
            )
        for yy, v, colour in zip(ys, values, colours, strict=True):
            if v > 0:
                ax.barh(yy, v, height=0.62, color=colour, zorder=2)
                ax.text(v + vmax * 0.015, yy, f"{v:.0f}", va="center", ha="left", zorder=3)
            else:
                ax.text(
                    vmax * 0.01,
                    yy,
                    "ไม่มี",
                    va="center",
                    ha="left",
                    color="#666666",
                    style="italic",
                    zorder=3,
                )
        ax.set_yticks(ys, labels)
        ax.set_ylim(max(ys) + 0.6 if ys else 1, -0.6)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_xlim(0, vmax * 1.8)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
        ax.spines["bottom"].set_bounds(0, vmax)
        ax.set_xticks([t for t in ax.get_xticks() if t <= vmax + 1e-9])
        ax.grid(axis="x", zorder=0)
        ax.set_xlabel("จำนวนวัตถุประสงค์ ผลลัพธ์หลัก โครงการ และบทเรียนที่ใช้หมวด", loc="left")

        bx = fig.add_axes((0, 0, 1, 1))
        rows = [("สัดส่วนที่ใช้", share)]
        for i, (_, parts) in enumerate(rows):
            if any(math.isnan(v) for v in parts.values()):
                bx.text(
                    0.005,
                    i,
                    "ยังไม่มีการเชื่อมโยงหมวด PMQA",
                    va="center",
                    color="#666666",
                    style="italic",
                )
                continue
            left = 0.0
            for p, label, _, colour in _PHASES:
                v = parts.get(p, 0.0)
                if not v or v <= 0:
                    continue
                ideal = False  # the rule sets no target share: no "ideal" bar
                bx.barh(
                    i,
                    v,
                    left=left,
                    height=0.62,
                    color=_tint(colour, 0.45) if ideal else colour,
                    ec="white",
                    lw=1.2,
                    hatch="///" if ideal else None,
                )
                dark_text = ideal or colour == OKABE_ITO["orange"]
                text = (
                    f"{label.split(' ')[0]} {format_percent(v)}" if v >= 0.12 else format_percent(v)
                )
                if v >= 0.05:
                    bx.text(
                        left + v / 2,
                        i,
                        text,
                        ha="center",
                        va="center",
                        color=_INK if dark_text else "white",
                        fontweight="bold",
                        bbox={
                            "boxstyle": "round,pad=0.12",
                            "ec": "none",
                            "fc": _tint(colour, 0.45) if ideal else colour,
                        },
                    )
                left += v
        bx.set_yticks(list(range(len(rows))), [r[0] for r in rows])
        bx.set_ylim(len(rows) - 0.45, -0.55)
        bx.set_xlim(0, 1)
        bx.xaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1]))
        bx.xaxis.set_major_formatter(PercentFormatter(1, decimals=0))
        bx.tick_params(axis="y", length=0)
        bx.spines["left"].set_visible(False)
        bx.set_title("สัดส่วนการใช้หมวดในขั้นคิด : เตรียม : ทำ", fontsize=_BASE_SIZE + 0.5)
        head, foot = _frame(fig, title, sample=sample)
        left = _text_width_in([*labels, *(r[0] for r in rows)]) + 0.14
        top_axes = top_h - 0.55
        _place(
            fig, ax, left=left, right=0.1, top=head + 0.05, bottom=height - head - 0.05 - top_axes
        )
        _place(fig, bx, left=left, right=0.1, top=head + top_h + 0.3, bottom=foot + 0.32)
    return fig
