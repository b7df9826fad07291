"""Key result progress: bars against expected progress, and actual vs expected over time."""

from __future__ import annotations

import math
from typing import Any

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FixedLocator, PercentFormatter
from matplotlib.transforms import Affine2D

from ...analysis.progress import STATUS_LABELS
from ...calendar import THAI_MONTHS_ABBR, be_year, fiscal_year, fiscal_year_bounds
from ...text import format_percent
from .theme import (
    _BASE_SIZE,
    _GRID,
    _INK,
    _MUTED,
    A4_WIDTH_IN,
    OKABE_ITO,
    PALETTE,
    STATUS_COLORS,
    _as_float,
    _darken,
    _frame,
    _header_height,
    _is_empty,
    _new_figure,
    _no_data,
    _place,
    _text_width_in,
    _width_pt,
    _wrap,
    style,
)

__all__ = ["kr_progress_bars", "progress_timeline"]


def kr_progress_bars(
    progress_df: pd.DataFrame,
    *,
    title: str | None = None,
    show_ids: bool = True,
    sample: bool = False,
) -> Figure:
    """Horizontal bars of each KR's progress, coloured by status, with expected progress.

    Bars show the clipped progress (0–100 %) with a percentage label (the unclipped figure
    in brackets when a KR over-achieved or went backwards); a black tick marks the expected
    progress at the as-of date. KRs without a check-in get no bar but the grey text
    "ยังไม่มีการรายงาน" — never a 0 % bar.

    Parameters
    ----------
    progress_df : DataFrame
        :func:`kpyj_lib.analysis.progress.kr_progress` (``key_result_id, title_th,
        progress_clipped, expected, status``; ``progress`` optional), in the order to draw.
    title : str, optional
    show_ids : bool, default True
        Put each KR id under its title.
    sample : bool, default False
        Draw the sample stamp.

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.analysis import kr_progress
    >>> fig = kr_progress_bars(kr_progress(tiny_workspace(), "2022-03-31"))
    >>> any(t.get_text().startswith("ยังไม่มีการรายงาน") for t in fig.axes[0].texts)
    True
    """
    title = title or "ความคืบหน้าของผลลัพธ์หลัก"
    if _is_empty(progress_df):
        return _no_data(title, "ยังไม่มีผลลัพธ์หลัก", sample=sample)
    df = progress_df.reset_index(drop=True)
    n = len(df)
    statuses = [str(s) if isinstance(s, str) else "no_data" for s in df.get("status", [])]
    statuses += ["no_data"] * (n - len(statuses))
    order = [s for s in STATUS_COLORS if s in statuses]
    handles: list[Any] = [Patch(color=STATUS_COLORS[s], label=STATUS_LABELS[s][0]) for s in order]
    handles.append(
        Line2D(
            [],
            [],
            color=_INK,
            marker="|",
            ls="none",
            markersize=11,
            markeredgewidth=1.8,
            label="ควรเป็น ณ วันที่รายงาน",
        )
    )
    label_pt = 2.5 * 72
    titles = [
        _wrap(getattr(r, "title_th", None) or r.key_result_id, label_pt, 2)
        for r in df.itertuples(index=False)
    ]
    extra = max(len(t) for t in titles) - 1  # a second line of a wrapped title
    row_h = (0.46 if show_ids else 0.34) + 0.15 * extra
    height = _header_height(None, len(handles), None) + 0.75 + n * row_h + (0.3 if sample else 0)
    with style():
        fig = _new_figure(height)
        ax = fig.add_axes((0, 0, 1, 1))
        labels = []
        for i, r in enumerate(df.itertuples(index=False)):
            t = "\n".join(titles[i])
            labels.append(f"{t}\n{r.key_result_id}" if show_ids else t)
            colour = STATUS_COLORS.get(statuses[i], STATUS_COLORS["no_data"])
            p = _as_float(getattr(r, "progress_clipped", float("nan")))
            raw = _as_float(getattr(r, "progress", p))
            if math.isnan(p):
                ax.text(
                    1.5,
                    i,
                    STATUS_LABELS["no_data"][0],
                    va="center",
                    ha="left",
                    fontsize=_BASE_SIZE,
                    color="#6E6E6E",
                    style="italic",
                )
            else:
                ax.barh(i, p * 100, height=0.58, color=colour, zorder=2)
                text = format_percent(p)
                if not math.isnan(raw) and raw > 1 + 1e-9:
                    text += f" (เกินเป้า {format_percent(raw)})"
                elif not math.isnan(raw) and raw < -1e-9:
                    text += f" (ถดถอย {format_percent(raw)})"
                ax.text(
                    p * 100 + 1.5,
                    i,
                    text,
                    va="center",
                    ha="left",
                    fontsize=_BASE_SIZE,
                    zorder=4,
                    bbox={"boxstyle": "square,pad=0.05", "fc": "white", "ec": "none", "alpha": 0.8},
                )
            e = _as_float(getattr(r, "expected", float("nan")))
            if not math.isnan(e):
                ax.plot(
                    [e * 100, e * 100],
                    [i - 0.38, i + 0.38],
                    color=_INK,
                    lw=1.8,
                    solid_capstyle="butt",
                    zorder=3,
                )
        ax.set_yticks(range(n), labels)
        ax.set_ylim(n - 0.5, -0.5)
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        ax.set_xlim(0, 125)
        ax.spines["bottom"].set_bounds(0, 100)
        ax.xaxis.set_major_locator(FixedLocator([0, 25, 50, 75, 100]))
        ax.xaxis.set_major_formatter(PercentFormatter(100, decimals=0))
        ax.grid(axis="x", zorder=0)
        ax.set_xlabel("ความคืบหน้าเทียบค่าเป้าหมาย", loc="left")
        head, foot = _frame(fig, title, handles=handles, sample=sample)
        left = _text_width_in(labels) + 0.14
        _place(fig, ax, left=left, right=0.1, top=head + 0.06, bottom=foot + 0.5)
    return fig


# =========================================================================== timeline
def _month_label(x: float, _pos: int | None = None) -> str:
    d = mdates.num2date(x)
    return f"{THAI_MONTHS_ABBR[d.month - 1]} {be_year(d.year) % 100:02d}"


def _expected_line(points: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> Any:
    """(x, y) of the expected-progress line: fitted through the check-ins' expected values
    when two of them lie strictly between 0 and 1, else linear over ``start``..``end``."""
    inner = points[(points["expected"] > 1e-6) & (points["expected"] < 1 - 1e-6)]
    inner = inner.drop_duplicates("date")
    lo, hi = mdates.date2num(start), mdates.date2num(end)
    if len(inner) >= 2:
        xs = mdates.date2num(inner["date"])
        slope, icept = np.polyfit(xs, inner["expected"].to_numpy(dtype=float), 1)
        if slope > 0:
            knots = np.array([lo, -icept / slope, (1 - icept) / slope, hi])
            knots = np.sort(np.clip(knots, lo, hi))
            return knots, np.clip(slope * knots + icept, 0, 1)
    return np.array([lo, hi]), np.array([0.0, 1.0])


def progress_timeline(
    history_df: pd.DataFrame,
    progress_df: pd.DataFrame | None = None,
    *,
    title: str | None = None,
    ncols: int = 2,
    sample: bool = False,
) -> Figure:
    """Actual against expected progress over the fiscal year, one small panel per KR.

    The panels are laid out in inches in one axes (each panel's title text has the gid
    ``kpyj-panel:<KR id>``, its month labels ``kpyj-month``): an axes per KR, with its own
    ticks and title placement, cost most of a report's chart time.

    The dashed grey line is the expected progress (linear from the KR's start to its due
    date); the coloured line with dots is the actual progress at each check-in (clipped to
    0–100 %), coloured by the KR's status when ``progress_df`` is given; the faint dotted
    line is the reporter's confidence (0–100 %). The x axis spans the fiscal year with
    Thai month abbreviations and two-digit Buddhist Era years (ต.ค. 64 … ก.ค. 65).

    Parameters
    ----------
    history_df : DataFrame
        :func:`kpyj_lib.analysis.progress.kr_history` (``key_result_id, date, progress,
        expected``; ``confidence`` optional).
    progress_df : DataFrame, optional
        :func:`kpyj_lib.analysis.progress.kr_progress`: gives titles, statuses, and panels
        for KRs without any check-in (drawn with "ยังไม่มีการรายงาน").
    title : str, optional
    ncols : int, default 2
        Panels per row (1 when there is a single KR).
    sample : bool, default False

    Examples
    --------
    >>> from kpyj_lib.examples import tiny_workspace
    >>> from kpyj_lib.analysis import kr_history, kr_progress
    >>> ws = tiny_workspace()
    >>> fig = progress_timeline(kr_history(ws), kr_progress(ws, "2022-09-30"))
    >>> [t.get_gid() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("kpyj-panel:")]
    ['kpyj-panel:KR-83-01-1', 'kpyj-panel:KR-83-01-2', 'kpyj-panel:KR-64-01-1']
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "kpyj-month"][:4]
    ['ต.ค. 64', 'ม.ค. 65', 'เม.ย. 65', 'ก.ค. 65']
    """
    title = title or "ความคืบหน้าจริงเทียบกับที่ควรเป็น"
    hist = history_df.copy() if isinstance(history_df, pd.DataFrame) else pd.DataFrame()
    if not hist.empty:
        hist["date"] = pd.to_datetime(hist["date"], errors="coerce")
        hist = hist.dropna(subset=["date"])
    prog = progress_df if isinstance(progress_df, pd.DataFrame) else pd.DataFrame()
    kr_ids: list[str] = []
    if not prog.empty:
        kr_ids += [str(k) for k in prog["key_result_id"]]
    if not hist.empty:
        kr_ids += [str(k) for k in hist["key_result_id"]]
    kr_ids = list(dict.fromkeys(kr_ids))
    if not kr_ids:
        return _no_data(title, "ยังไม่มีการรายงานความคืบหน้า", sample=sample)
    info = prog.set_index(prog["key_result_id"].astype(str)) if not prog.empty else None

    # the fiscal years the check-ins fall in (the current one if there are none)
    if not hist.empty:
        fys = {fiscal_year(d.date()) for d in hist["date"]}
        start = pd.Timestamp(fiscal_year_bounds(min(fys))[0])
        end = pd.Timestamp(fiscal_year_bounds(max(fys))[1])
    else:
        vd = pd.to_datetime(prog["value_date"], errors="coerce") if "value_date" in prog else None
        ref = vd.dropna().min() if vd is not None and vd.notna().any() else pd.Timestamp.today()
        start, end = (pd.Timestamp(d) for d in fiscal_year_bounds(fiscal_year(ref.date())))

    n = len(kr_ids)
    ncols = max(1, min(ncols, n))
    nrows = math.ceil(n / ncols)
    conf_any = "confidence" in hist and hist["confidence"].notna().any()
    handles: list[Any] = [
        Line2D([], [], color="#7A7A7A", lw=1.1, ls=(0, (4, 2.5)), label="ควรเป็น"),
        Line2D([], [], color=_MUTED, lw=1.8, marker="o", markersize=4, label="ผลจริง สีตามสถานะ"),
    ]
    if conf_any:
        handles.append(
            Line2D(
                [],
                [],
                color=OKABE_ITO["sky_blue"],
                lw=1.2,
                ls=(0, (1, 1.5)),
                label="ความมั่นใจ",
            )
        )
    # the panels' titles first: a title that does not fit wraps to a second line
    left_in, right_in, gap_in, axis_in = 0.5, 0.12, 0.22, 0.3
    panel_w_in = (A4_WIDTH_IN - left_in - right_in - gap_in * (ncols - 1)) / ncols
    panel_w_pt = panel_w_in * 72
    panels = []
    for kr in kr_ids:
        row = info.loc[kr] if info is not None and kr in info.index else None
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        status = str(row["status"]) if row is not None and "status" in row else None
        kr_title = row["title_th"] if row is not None and "title_th" in row else None
        status_th = STATUS_LABELS[status][0] if status in STATUS_LABELS else ""
        status_w = _width_pt(status_th, _BASE_SIZE, "bold") + 12 if status_th else 0
        head = f"{kr}  {kr_title}" if kr_title else kr
        lines = _wrap(head, panel_w_pt - status_w, 2, _BASE_SIZE, "bold")
        panels.append((kr, status, status_th, lines))
    title_lines = max(len(p[3]) for p in panels)
    title_in = 0.24 + 0.16 * (title_lines - 1)
    panel_h = (1.8 if ncols > 1 else 2.1) + 0.16 * (title_lines - 1)
    height = _header_height(None, len(handles), None) + nrows * panel_h + (0.3 if sample else 0)
    x0, x1 = mdates.date2num(start), mdates.date2num(end)
    months = mdates.date2num(pd.date_range(start, end, freq="MS"))
    quarters = [
        float(x)
        for x, d in zip(months, pd.date_range(start, end, freq="MS"), strict=True)
        if d.month in (10, 1, 4, 7)
    ]
    month_labels = [_month_label(q) for q in quarters]
    y_ticks = (0, 50, 100)
    tick_in, pad_in = 3.5 / 72, 3.5 / 72
    frame_segs: list[Any] = []
    grid_segs: list[Any] = []
    tick_segs: list[Any] = []
    with style():
        fig = _new_figure(height)
        head_in, _ = _frame(fig, title, handles=handles, sample=sample)
        # one axes for every panel, in inches from the top-left corner: a panel is a frame,
        # three grid lines, its ticks and texts (an axes per KR cost most of the chart)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.set_xlim(0, A4_WIDTH_IN)
        ax.set_ylim(height, 0)
        for idx, (kr, status, status_th, lines) in enumerate(panels):
            r, c = divmod(idx, ncols)
            top = head_in + r * panel_h + title_in
            left = left_in + c * (panel_w_in + gap_in)
            right = left + panel_w_in
            bottom = top + panel_h - title_in - axis_in
            ax_h = bottom - top

            def X(v: Any, left: float = left) -> Any:
                return left + (np.asarray(v, dtype=float) - x0) / (x1 - x0) * panel_w_in

            def Y(pct: Any, bottom: float = bottom, ax_h: float = ax_h) -> Any:
                return bottom - np.asarray(pct, dtype=float) / 108 * ax_h

            # the panel's data (dates, per cent) to the axes' inches: its lines keep their
            # data as x and y (a reader of the figure finds the dates and percentages)
            sx, sy = panel_w_in / (x1 - x0), ax_h / 108
            data = Affine2D().scale(sx, -sy).translate(left - x0 * sx, bottom) + ax.transData
            frame_segs += [[(left, top), (left, bottom)], [(left, bottom), (right, bottom)]]
            grid_segs += [[(left, Y(v)), (right, Y(v))] for v in y_ticks]
            for q, label in zip(quarters, month_labels, strict=True):
                tick_segs.append([(X(q), bottom), (X(q), bottom + tick_in)])
                ax.text(
                    X(q), bottom + tick_in + pad_in, label, ha="center", va="top", gid="kpyj-month"
                )
            tick_segs += [[(left - tick_in, Y(v)), (left, Y(v))] for v in y_ticks]
            if c == 0:
                for v in y_ticks:
                    ax.text(left - tick_in - pad_in, Y(v), f"{v}%", ha="right", va="center")
            colour = STATUS_COLORS.get(status, PALETTE[0]) if status else PALETTE[0]
            text_colour = _darken(colour) if status != "no_data" else "#6E6E6E"
            ax.text(
                left,
                top - 4 / 72,
                "\n".join(lines),
                ha="left",
                va="bottom",
                fontweight="bold",
                gid=f"kpyj-panel:{kr}",
            )
            if status_th:
                ax.text(
                    right,
                    top - 4 / 72,
                    status_th,
                    ha="right",
                    va="bottom",
                    fontweight="bold",
                    color=text_colour,
                )
            h = (
                hist[hist["key_result_id"].astype(str) == kr].sort_values("date")
                if len(hist)
                else hist
            )
            if h.empty:
                ex, ey = np.array(mdates.date2num([start, end])), np.array([0.0, 1.0])
            else:
                ex, ey = _expected_line(h, start, end)
            ax.plot(
                ex, ey * 100, color="#7A7A7A", lw=1.1, ls=(0, (4, 2.5)), zorder=2, transform=data
            )
            if h.empty:
                ax.text(
                    (left + right) / 2,
                    Y(0.62 * 108),
                    STATUS_LABELS["no_data"][0],
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
                    color="#6E6E6E",
                    style="italic",
                    zorder=5,
                    bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none"},
                )
                continue
            xs = mdates.date2num(h["date"])
            ys = np.clip(h["progress"].to_numpy(dtype=float), 0, 1) * 100
            if "confidence" in h and h["confidence"].notna().any():
                conf = h.dropna(subset=["confidence"])
                ax.plot(
                    mdates.date2num(conf["date"]),
                    np.clip(conf["confidence"].astype(float), 0, 1) * 100,
                    color=OKABE_ITO["sky_blue"],
                    lw=1.2,
                    ls=(0, (1, 1.5)),
                    alpha=0.9,
                    zorder=3,
                    transform=data,
                )
            ax.plot(
                xs, ys, color=colour, lw=1.8, marker="o", markersize=4, zorder=4, transform=data
            )
            last = ys[-1]
            if not math.isnan(last):
                ax.annotate(
                    f"{last:.0f}%",
                    (float(xs[-1]), float(last)),
                    xycoords=data,
                    xytext=(4, 3),
                    textcoords="offset points",
                    fontsize=_BASE_SIZE,
                    color=text_colour,
                    fontweight="bold",
                    zorder=5,
                )
        ax.add_collection(LineCollection(grid_segs, colors=_GRID, linewidths=0.7, zorder=0))
        ax.add_collection(LineCollection(frame_segs, colors="#8C8C8C", linewidths=0.8, zorder=1))
        ax.add_collection(LineCollection(tick_segs, colors="#8C8C8C", linewidths=0.8, zorder=1))
    return fig
