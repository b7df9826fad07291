"""Matplotlib figures for the A4 reports, with the Thai font Sarabun.

Every chart function takes its data first (the plan graph, or a frame from
:mod:`kpyj_lib.analysis`), returns a :class:`matplotlib.figure.Figure` built with the
object-oriented API (``Figure()``, never :mod:`matplotlib.pyplot`), so no global figure
state leaks from one report to the next; nothing is shown and nothing is written. Turn a
figure into PNG bytes or a ``data:`` URI for HTML with :func:`to_png_bytes` /
:func:`to_data_uri`.

========================  ===============================================================
function                  draws
========================  ===============================================================
:func:`alignment_graph`   a province's plans, objectives, KRs and projects in layered
                          bands, national strategy at the top; orphans outlined in red
:func:`kr_progress_bars`  progress of each KR against its expected progress, by status
:func:`progress_timeline` actual vs expected progress over the fiscal year, one panel
                          per KR, months in Thai with Buddhist Era years
:func:`kpi_heatmap`       KPIs per BSC dimension × level; empty cells hatched "ไม่มี"
:func:`pmqa_chart`        the 7 PMQA categories grouped by phase, and the 3 : 1 : 3 share
:func:`collaboration_map` units linked by shared KRs and flows (circle or heat map)
========================  ===============================================================

All figures are :data:`A4_WIDTH_IN` (7 in) wide with text of at least 9 pt, use the
colour-blind-safe Okabe–Ito palette (:data:`PALETTE`, :data:`STATUS_COLORS`), show a clear
"ไม่มีข้อมูล (no data)" message for empty input instead of raising, and draw a grey
"ตัวอย่าง (sample data)" stamp with ``sample=True``.

Fonts: :func:`setup_fonts` registers Sarabun from the ``fontpkg-sarabun`` package and makes
it the default family (DejaVu Sans as fallback); the chart functions register it
themselves and apply their style only while they build a figure (:func:`style`).
matplotlib 3.11 or later is needed: older versions drop Thai tone marks.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> from kpyj_lib.analysis import kr_progress
>>> fig = kr_progress_bars(kr_progress(tiny_workspace(), "2022-03-31"), sample=True)
>>> png = to_png_bytes(fig)
>>> png[1:4], len(png) > 10_000
(b'PNG', True)
>>> to_data_uri(fig).startswith("data:image/png;base64,")
True
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import math
import re
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import networkx as nx
import numpy as np
import pandas as pd
from cycler import cycler
from matplotlib import font_manager
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch, Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, PercentFormatter

from ...analysis.progress import STATUS_LABELS
from ...calendar import THAI_MONTHS_ABBR, be_year, fiscal_year, fiscal_year_bounds

__all__ = [
    "A4_WIDTH_IN",
    "BAND_LABELS",
    "FALLBACK_FAMILY",
    "MAX_HEIGHT_IN",
    "NO_DATA_TEXT",
    "OKABE_ITO",
    "PALETTE",
    "SAMPLE_STAMP",
    "STATUS_COLORS",
    "THAI_FONT_FAMILY",
    "THAI_FONT_FILES",
    "alignment_graph",
    "apply_style",
    "collaboration_map",
    "font_path",
    "kpi_heatmap",
    "kr_progress_bars",
    "pmqa_chart",
    "progress_timeline",
    "setup_fonts",
    "short_unit_name",
    "show",
    "style",
    "to_data_uri",
    "to_png_bytes",
]

# =========================================================================== constants
#: Usable width of an A4 page with ~2 cm margins, in inches: every figure is this wide.
A4_WIDTH_IN = 7.0

#: The Thai font family (OFL, from the ``fontpkg-sarabun`` package).
THAI_FONT_FAMILY = "Sarabun"
#: Fallback family for glyphs Sarabun lacks (and the whole text if Sarabun is missing).
FALLBACK_FAMILY = "DejaVu Sans"

#: The Okabe–Ito colour-blind-safe palette by name.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: Colour cycle of every chart (Okabe–Ito, most distinct first; yellow last, poor on white).
PALETTE: tuple[str, ...] = (
    OKABE_ITO["blue"],
    OKABE_ITO["orange"],
    OKABE_ITO["bluish_green"],
    OKABE_ITO["vermillion"],
    OKABE_ITO["sky_blue"],
    OKABE_ITO["reddish_purple"],
    OKABE_ITO["yellow"],
    OKABE_ITO["black"],
)

#: Colour of each KR status of :data:`kpyj_lib.analysis.progress.STATUS_LABELS`.
STATUS_COLORS: dict[str, str] = {
    "on_track": OKABE_ITO["bluish_green"],
    "at_risk": OKABE_ITO["orange"],
    "off_track": OKABE_ITO["vermillion"],
    "no_data": "#9E9E9E",
    "not_started": OKABE_ITO["sky_blue"],
}

#: The stamp drawn on figures of sample data.
SAMPLE_STAMP = "ตัวอย่าง (sample data)"
#: The message of a figure drawn from empty input.
NO_DATA_TEXT = "ไม่มีข้อมูล (no data)"

_INK = "#1A1A1A"
_MUTED = "#5F5F5F"
_GRID = "#E3E3E3"
_EMPTY_FILL = "#F2F2F2"
_BASE_SIZE = 9.0  # the smallest text in every chart (pt)
_TITLE_SIZE = 11.0
_SAMPLE_GID = "kpyj-sample-stamp"
_NO_DATA_GID = "kpyj-no-data"

_STYLE_RC: dict[str, Any] = {
    "font.size": _BASE_SIZE,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.titlepad": 6,
    "axes.labelsize": _BASE_SIZE,
    "axes.labelcolor": _INK,
    "axes.edgecolor": "#8C8C8C",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(PALETTE)),
    "grid.color": _GRID,
    "grid.linewidth": 0.7,
    "xtick.labelsize": _BASE_SIZE,
    "ytick.labelsize": _BASE_SIZE,
    "xtick.color": "#8C8C8C",
    "ytick.color": "#8C8C8C",
    "xtick.labelcolor": _INK,
    "ytick.labelcolor": _INK,
    "legend.fontsize": _BASE_SIZE,
    "legend.frameon": False,
    "legend.handlelength": 1.6,
    "text.color": _INK,
    "text.parse_math": False,  # "$" in a Thai label must not start mathtext
    "hatch.color": "#BDBDBD",
    "hatch.linewidth": 0.7,
    "figure.facecolor": "white",
    "figure.dpi": 100,
    "savefig.facecolor": "white",
    "savefig.dpi": 150,
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "none",
}


# =========================================================================== fonts
def _font_files() -> dict[str, Path]:
    """Style name (``"Regular"``, ``"Bold"``...) → TTF path, from ``fontpkg_sarabun``."""
    try:
        import fontpkg_sarabun
    except ImportError:
        return {}
    folder = Path(fontpkg_sarabun.__file__).resolve().parent / "files"
    files = {}
    for p in sorted(folder.glob("Sarabun-*.ttf")):
        files[p.stem.split("-", 1)[1]] = p
    return files


#: The Sarabun TTF files of the installed ``fontpkg-sarabun``, by style name
#: (``"Regular"``, ``"Bold"``, ``"Italic"``, ``"SemiBold"``...); empty if it is missing.
THAI_FONT_FILES: dict[str, Path] = _font_files()

_WEIGHT_NUMBERS = {
    100: "Thin",
    200: "ExtraLight",
    300: "Light",
    400: "Regular",
    500: "Medium",
    600: "SemiBold",
    700: "Bold",
    800: "ExtraBold",
}


def font_path(weight: str | int = "Regular") -> Path:
    """The path of one Sarabun TTF file, e.g. to embed it in HTML as a base64 ``@font-face``.

    Parameters
    ----------
    weight : str or int, default "Regular"
        A style name of :data:`THAI_FONT_FILES` in any case and spacing (``"bold"``,
        ``"Semi Bold"``, ``"BoldItalic"``) or a CSS weight (400, 700...).

    Returns
    -------
    pathlib.Path

    Raises
    ------
    FileNotFoundError
        If ``fontpkg-sarabun`` is not installed or has no such style.

    Examples
    --------
    >>> font_path().name, font_path("bold").name, font_path(600).name
    ('Sarabun-Regular.ttf', 'Sarabun-Bold.ttf', 'Sarabun-SemiBold.ttf')
    """
    name = _WEIGHT_NUMBERS.get(weight, str(weight)) if isinstance(weight, int) else weight
    key = re.sub(r"[\s_-]", "", str(name)).lower()
    for style_name, path in THAI_FONT_FILES.items():
        if style_name.lower() == key and path.is_file():
            return path
    raise FileNotFoundError(
        f"ไม่พบแบบอักษร Sarabun น้ำหนัก {weight!r} (no Sarabun font file for {weight!r}; "
        f"installed styles: {sorted(THAI_FONT_FILES) or 'none — pip install fontpkg-sarabun'})"
    )


def _register_fonts() -> str:
    """Register the Sarabun files with matplotlib once; the family to use."""
    files = THAI_FONT_FILES
    if "Regular" not in files:
        warnings.warn(
            "ไม่พบแบบอักษร Sarabun จะใช้ DejaVu Sans แทน ซึ่งไม่มีอักษรไทย "
            "(Sarabun not found — install fontpkg-sarabun; falling back to DejaVu Sans, "
            "which has no Thai glyphs)",
            RuntimeWarning,
            stacklevel=3,
        )
        return FALLBACK_FAMILY
    known = {str(f.fname) for f in font_manager.fontManager.ttflist}
    for path in files.values():  # paths are resolved, as addfont stores them
        if str(path) not in known:
            font_manager.fontManager.addfont(path)
    return THAI_FONT_FAMILY


def _families() -> list[str]:
    family = _register_fonts()
    return [family, FALLBACK_FAMILY] if family != FALLBACK_FAMILY else [FALLBACK_FAMILY]


def setup_fonts() -> str:
    """Register Sarabun with matplotlib and make it the default font family.

    Idempotent: the font files are added to ``matplotlib.font_manager.fontManager`` once,
    however often it is called. Sets ``rcParams["font.family"]`` to
    ``["Sarabun", "DejaVu Sans"]`` (DejaVu Sans draws what Sarabun lacks). If Sarabun is
    not installed it warns and falls back to DejaVu Sans alone.

    Returns
    -------
    str
        The family now in use: ``"Sarabun"``, or ``"DejaVu Sans"`` when falling back.

    Examples
    --------
    >>> setup_fonts()
    'Sarabun'
    >>> import matplotlib
    >>> matplotlib.rcParams["font.family"]
    ['Sarabun', 'DejaVu Sans']
    """
    families = _families()
    mpl.rcParams["font.family"] = families
    return families[0]


# =========================================================================== style
def _rc() -> dict[str, Any]:
    return {**_STYLE_RC, "font.family": _families()}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Apply the kpyj chart style (fonts, sizes, palette, no chart junk) inside a block.

    The previous ``rcParams`` come back afterwards, so notebooks keep their own settings.

    Examples
    --------
    >>> import matplotlib
    >>> with style():
    ...     matplotlib.rcParams["axes.spines.top"], matplotlib.rcParams["font.size"]
    (False, 9.0)
    """
    with mpl.rc_context(_rc()):
        yield


def apply_style() -> str:
    """Apply the kpyj chart style globally (for notebooks drawing their own plots).

    Returns the font family in use, like :func:`setup_fonts`.
    """
    rc = _rc()
    mpl.rcParams.update(rc)
    return rc["font.family"][0]


# =========================================================================== export
def to_png_bytes(fig: Figure, dpi: int = 150) -> bytes:
    """The figure as PNG bytes (white background), without touching pyplot or any file.

    >>> to_png_bytes(Figure(figsize=(1, 1)), dpi=50)[:4] == bytes([0x89]) + b"PNG"
    True
    """
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format="png", dpi=dpi, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def to_data_uri(fig: Figure, dpi: int = 150) -> str:
    """The figure as a ``data:image/png;base64,...`` URI, ready for ``<img src=...>``."""
    return "data:image/png;base64," + base64.b64encode(to_png_bytes(fig, dpi)).decode("ascii")


def show(fig: Figure, dpi: int = 110) -> None:
    """Display a figure in a notebook or a widget ``Output`` as a PNG image.

    The charts are built with the object-oriented API (no pyplot), so Jupyter's inline
    backend does not know about them; this shows one explicitly.
    """
    from IPython.display import Image, display

    display(Image(data=to_png_bytes(fig, dpi)))


# =========================================================================== text helpers
# Thai following vowels that must stay with the consonant before them
_ATTACHED = frozenset("ะาำๅ")
# Thai leading vowels: never end a truncated line on one
_LEADING = frozenset("เแโใไ")


def _clusters(text: str) -> list[str]:
    """Split text into display clusters: a base character with its marks attached.

    >>> _clusters("ที่นี่")
    ['ที่', 'นี่']
    """
    out: list[str] = []
    for ch in text:
        if out and (unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in _ATTACHED):
            out[-1] += ch
        else:
            out.append(ch)
    return out


@functools.lru_cache(maxsize=1)
def _renderer() -> Any:
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(10, 10, 72)  # 72 dpi: pixels are points


@functools.lru_cache(maxsize=8192)
def _width_pt(text: str, size: float, weight: str = "normal") -> float:
    """The width of a line of text in points, as Agg draws it."""
    if not text:
        return 0.0
    prop = FontProperties(family=_families(), size=size, weight=weight)
    w, _, _ = _renderer().get_text_width_height_descent(text, prop, ismath=False)
    return float(w)


def _fit(text: str, max_pt: float, size: float = _BASE_SIZE, weight: str = "normal") -> str:
    """Text shortened with "…" to fit ``max_pt`` points, cut between clusters (at a space
    when one is near the end).

    >>> _fit("สั้น", 200)
    'สั้น'
    >>> s = _fit("ลดการกระทำผิดซ้ำในจังหวัดภูเก็ตและจังหวัดใกล้เคียงทั้งหมด", 60)
    >>> s.endswith("…") and len(s) < 30
    True
    """
    text = " ".join(str(text).split())
    if _width_pt(text, size, weight) <= max_pt:
        return text
    cl = _clusters(text)
    lo, hi = 0, len(cl)
    while lo < hi:  # the largest k whose prefix + "…" fits
        mid = (lo + hi + 1) // 2
        if _width_pt("".join(cl[:mid]).rstrip() + "…", size, weight) <= max_pt:
            lo = mid
        else:
            hi = mid - 1
    k = lo
    space = "".join(cl[:k]).rfind(" ")
    head = "".join(cl[:k])
    if space >= 0.6 * len(head):
        head = head[:space]
    while head and head[-1] in _LEADING:
        head = head[:-1]
    return head.rstrip(" ,;:-–(") + "…"


def _wrap(
    text: str, max_pt: float, max_lines: int = 2, size: float = _BASE_SIZE, weight: str = "normal"
) -> list[str]:
    """Wrap text at spaces (and after "/") into at most ``max_lines`` lines of ``max_pt``;
    the last line is shortened with "…" if needed. Thai runs without a break opportunity
    are never broken mid-word: they are shortened instead.

    >>> _wrap("ระดับหน่วยงาน (องค์การ)", 60)
    ['ระดับหน่วยงาน', '(องค์การ)']
    >>> _wrap("ระดับสำนัก/กอง", 50)
    ['ระดับสำนัก/', 'กอง']
    """
    words = re.findall(r"[^\s/]*/|[^\s/]+", str(text))

    def join(ws: Sequence[str]) -> str:
        out = ""
        for w in ws:
            out += w if not out or out.endswith("/") else " " + w
        return out

    lines: list[str] = []
    i = 0
    while i < len(words) and len(lines) < max_lines - 1:
        j = i + 1
        while j < len(words) and _width_pt(join(words[i : j + 1]), size, weight) <= max_pt:
            j += 1
        if _width_pt(join(words[i:j]), size, weight) > max_pt:
            break
        lines.append(join(words[i:j]))
        i = j
    if i < len(words):
        lines.append(_fit(join(words[i:]), max_pt, size, weight))
    return lines


_SAMPLE_SUFFIX = re.compile(r"\s*\((?:ตัวอย่าง|sample)\)\s*$", re.IGNORECASE)
_LABEL_PREFIXES = (
    (re.compile(r"^ยุทธศาสตร์ชาติ\s*ด้าน"), "ด้าน"),
    (re.compile(r"^ประเด็น(?:การพัฒนา|ยุทธศาสตร์)?ที่\s*[\d.]+\s*"), ""),
    (re.compile(r"^ยุทธศาสตร์ที่\s*[\d.]+\s*"), ""),
)


def _short_label(text: Any, *, strip_sample: bool) -> str:
    s = " ".join(str(text or "").split())
    if strip_sample:
        s = _SAMPLE_SUFFIX.sub("", s)
    for pattern, repl in _LABEL_PREFIXES:
        t = pattern.sub(repl, s)
        if t.strip():
            s = t
    return s


_UNIT_ABBR = (
    ("องค์การบริหารส่วนจังหวัด", "อบจ."),
    ("องค์การบริหารส่วนตำบล", "อบต."),
    ("สถานพินิจและคุ้มครองเด็กและเยาวชน", "สถานพินิจฯ"),
    ("กรมพินิจและคุ้มครองเด็กและเยาวชน", "กรมพินิจฯ"),
    ("ตำรวจภูธรจังหวัด", "ภ.จว."),
    ("สำนักงาน", "สนง."),
    ("จังหวัด", " จ."),
    ("อำเภอ", " อ."),
)


def short_unit_name(name: Any) -> str:
    """A short Thai unit name for charts, with the usual government abbreviations.

    An abbreviation given in brackets (``"(สกธ.)"``) replaces the name before it; other
    bracketed notes are dropped.

    Examples
    --------
    >>> short_unit_name("สำนักงานยุติธรรมจังหวัดภูเก็ต")
    'สนง.ยุติธรรม จ.ภูเก็ต'
    >>> short_unit_name("สำนักงานกิจการยุติธรรม (สกธ.)")
    'สกธ.'
    >>> short_unit_name("ศูนย์พยากรณ์และวิเคราะห์สถานการณ์อาชญากรรม (ศอช.) สกธ.")
    'ศอช. สกธ.'
    >>> short_unit_name("ศูนย์ยุติธรรมชุมชนจังหวัดสุโขทัย (เครือข่าย)")
    'ศูนย์ยุติธรรมชุมชน จ.สุโขทัย'
    """
    s = " ".join(str(name or "").split())
    m = re.search(r"\(([^()]{1,12}\.)\)", s)
    if m:
        s = (m.group(1) + s[m.end() :]).strip()
    s = re.sub(r"\s*\([^()]*\)", "", s).strip()
    for long, short in _UNIT_ABBR:
        s = s.replace(long, short)
    return " ".join(s.split())


def _natural_key(s: Any) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(s)))


def _tint(color: str, amount: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``amount`` 0 gives white, 1 the colour."""
    r, g, b = to_rgb(color)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


def _darken(color: str, amount: float = 0.72) -> tuple[float, float, float]:
    """``color`` mixed with black, for text in a palette colour (orange on white is faint)."""
    r, g, b = to_rgb(color)
    return (r * amount, g * amount, b * amount)


# =========================================================================== figure helpers
_MARGIN_IN = 0.08  # left margin of titles, in inches


def _new_figure(height: float, *, constrained: bool = True) -> Figure:
    fig = Figure(figsize=(A4_WIDTH_IN, height), layout="constrained" if constrained else None)
    if constrained:
        fig.get_layout_engine().set(h_pad=0.05, w_pad=0.06)
    return fig


def _stamp(fig: Figure, sample: bool) -> None:
    if not sample:
        return
    fig.text(
        1 - 0.03 / fig.get_figwidth(),
        0.03 / fig.get_figheight(),
        SAMPLE_STAMP,
        ha="right",
        va="bottom",
        fontsize=_BASE_SIZE,
        color="#7A7A7A",
        gid=_SAMPLE_GID,
        zorder=100,
        bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#B5B5B5", "lw": 0.6},
    )


def _subtitle_lines(subtitle: str | None) -> list[str]:
    if not subtitle:
        return []
    return _wrap(subtitle, (A4_WIDTH_IN - 2 * _MARGIN_IN) * 72, 2)


def _header_height(subtitle: str | None, n_handles: int, ncol: int | None) -> float:
    h = 0.36 + 0.2 * len(_subtitle_lines(subtitle))
    if n_handles:
        h += 0.24 * math.ceil(n_handles / (ncol or n_handles))
    return h + 0.04


def _frame(
    fig: Figure,
    title: str,
    *,
    subtitle: str | None = None,
    handles: Sequence[Any] = (),
    ncol: int | None = None,
    sample: bool = False,
) -> None:
    """Title, subtitle and legend in a header band at the top, the sample stamp in a footer;
    the constrained layout fills what is left (it knows nothing of the header)."""
    H = fig.get_figheight()
    x = _MARGIN_IN / fig.get_figwidth()
    fig.text(x, 1 - 0.08 / H, title, ha="left", va="top", fontsize=_TITLE_SIZE, fontweight="bold")
    y = 0.36
    lines = _subtitle_lines(subtitle)
    if lines:
        fig.text(
            x,
            1 - y / H,
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=_BASE_SIZE,
            color=_MUTED,
            linespacing=1.25,
        )
        y += 0.2 * len(lines)
    if handles:
        ncol = ncol or len(handles)
        fig.legend(
            handles=list(handles),
            loc="upper left",
            bbox_to_anchor=(x, 1 - (y - 0.02) / H),
            ncol=ncol,
            borderaxespad=0,
            borderpad=0,
            handlelength=1.5,
            columnspacing=1.4,
        )
        y += 0.24 * math.ceil(len(handles) / ncol)
    footer = 0.3 if sample else 0.04
    fig.get_layout_engine().set(rect=(0, footer / H, 1, 1 - (y + 0.04) / H - footer / H))
    _stamp(fig, sample)


def _no_data(title: str, detail: str | None = None, *, sample: bool = False) -> Figure:
    """A small figure that says there is no data, instead of an exception."""
    with style():
        fig = _new_figure(1.7, constrained=False)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        ax.text(
            _MARGIN_IN / A4_WIDTH_IN,
            1 - 0.08 / 1.7,
            title,
            ha="left",
            va="top",
            fontsize=_TITLE_SIZE,
            fontweight="bold",
        )
        ax.add_patch(
            FancyBboxPatch(
                (0.03, 0.2),
                0.94,
                0.48,
                boxstyle="round,pad=0,rounding_size=0.04",
                transform=ax.transAxes,
                fc=_EMPTY_FILL,
                ec="#C8C8C8",
                lw=0.8,
                ls=(0, (4, 3)),
            )
        )
        ax.text(
            0.5,
            0.5 if detail else 0.44,
            NO_DATA_TEXT,
            ha="center",
            va="center",
            fontsize=12,
            color=_MUTED,
            gid=_NO_DATA_GID,
        )
        if detail:
            ax.text(0.5, 0.32, detail, ha="center", va="center", fontsize=_BASE_SIZE, color=_MUTED)
        _stamp(fig, sample)
    return fig


def _is_empty(df: Any) -> bool:
    return df is None or not isinstance(df, pd.DataFrame) or df.empty


def _pct(v: float) -> str:
    return f"{v * 100:.0f}%"


def _num(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


# =========================================================================== alignment graph
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
_BAND_EN: dict[int, str] = {
    0: "National strategy",
    1: "Master plans",
    2: "Justice plan, Cabinet",
    3: "Cluster plan",
    4: "Provincial plan",
    5: "Objectives",
    6: "Key results",
    7: "Projects",
}
_NODE_STYLE: dict[str, tuple[str, float]] = {  # kind -> (colour, fill tint)
    "plan_item": (OKABE_ITO["blue"], 0.13),
    "objective": (OKABE_ITO["orange"], 0.22),
    "key_result": (OKABE_ITO["bluish_green"], 0.16),
    "kpi": (OKABE_ITO["bluish_green"], 0.08),
    "initiative": (OKABE_ITO["reddish_purple"], 0.18),
}
_EDGE_STYLE: dict[str, dict[str, Any]] = {
    "aligns_to": {"color": OKABE_ITO["blue"], "ls": "-", "label": "สอดคล้องกับ (aligns to)"},
    "part_of": {"color": "#6E6E6E", "ls": (0, (1.5, 1.5)), "label": "เป็นส่วนหนึ่งของ (part of)"},
    "measures": {"color": OKABE_ITO["bluish_green"], "ls": "-", "label": "วัดผล (measures)"},
    "delivers": {
        "color": OKABE_ITO["reddish_purple"],
        "ls": (0, (4, 2)),
        "label": "ส่งผลต่อ (delivers)",
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
        Defaults to "การเชื่อมโยงแผน จังหวัด… (plan alignment, …)".
    sample : bool, optional
        Draw the sample stamp; default ``G.graph["is_sample"]``.

    Returns
    -------
    Figure
        7 in wide; its height grows with the number of bands and rows. A figure saying
        "ไม่มีข้อมูล (no data)" if the province is not in the graph or has no objective,
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
            title or "การเชื่อมโยงแผน (plan alignment)",
            f"ไม่พบจังหวัดรหัส {province} ในข้อมูล (province {province} is not in the graph)",
            sample=sample,
        )
    pdata = G.nodes[pnode]
    name_th = pdata.get("label_th") or province
    name_en = pdata.get("label_en")
    if title is None:
        title = f"การเชื่อมโยงแผน จังหวัด{name_th}" + (
            f" (plan alignment, {name_en})" if name_en else " (plan alignment)"
        )
    H = province_subgraph(G, str(province))
    okr_kinds = {"objective", "key_result", "initiative"} | ({"kpi"} if include_kpis else set())
    okr = [n for n, k in H.nodes(data="kind") if k in okr_kinds]
    if not any(H.nodes[n]["kind"] != "kpi" for n in okr):
        return _no_data(
            title,
            "ยังไม่มีวัตถุประสงค์ ผลลัพธ์หลัก หรือโครงการของจังหวัดนี้ "
            "(no objectives, key results or projects yet)",
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
        handles.append(Patch(fc="white", ec=_ORPHAN_COLOR, lw=2.2, label="ไม่เชื่อมโยง (orphan)"))

    # ---- geometry, in inches (the axes fill the figure, data units = inches)
    W = A4_WIDTH_IN
    label_w = 1.3  # band label column
    x0, x1 = label_w + 0.08, W - 0.06
    band_pad = 0.08
    title_h = 0.6
    legend_rows = math.ceil(len(handles) / 3)
    legend_h = 0.24 * legend_rows + 0.1 + (0.26 if sample else 0.0)

    def layout(compact: bool) -> tuple[Any, ...]:
        box_h = 0.3 if compact else 0.46
        row_pitch = box_h + 0.08
        w_min = 1.05 if compact else 1.22
        geometry = {k: _layer_geometry(len(ns), x0, x1, w_min=w_min) for k, ns in order.items()}
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
            block = 0.2 * len(lines) + 0.18
            ax.text(
                _MARGIN_IN,
                top - h / 2 + block / 2,
                "\n".join(lines),
                ha="left",
                va="top",
                fontsize=_BASE_SIZE,
                fontweight="bold",
                linespacing=1.2,
            )
            ax.text(
                _MARGIN_IN,
                top - h / 2 - block / 2,
                _BAND_EN[k],
                ha="left",
                va="bottom",
                fontsize=_BASE_SIZE,
                color=_MUTED,
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

        strip = bool(sample)
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
            label = _short_label(
                d.get("label_th") or d.get("label_en") or d["id"], strip_sample=strip
            )
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
                    cy + 0.1,
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
                    cy - 0.09,
                    _fit(label, text_w),
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
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

        for u, v, kind in edges:
            st = _EDGE_STYLE[kind]
            (ux, uy), (vx, vy) = centre[u], centre[v]
            rad = 0.0
            if layer[u] == layer[v]:
                (ru, ju), (rv, jv) = slot[u], slot[v]
                between = abs(ju - jv) > geometry[layer[u]][0] and ru == rv
                if between:  # bow over the boxes in between
                    rad = -0.3 if ux < vx else 0.3
            ax.add_patch(
                FancyArrowPatch(
                    (ux, uy),
                    (vx, vy),
                    patchA=boxes[u],
                    patchB=boxes[v],
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


# =========================================================================== KR progress
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
    title = title or "ความคืบหน้าของผลลัพธ์หลัก (Key Result progress)"
    if _is_empty(progress_df):
        return _no_data(title, "ยังไม่มีผลลัพธ์หลัก (no key results)", sample=sample)
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
            label="ควรเป็น ณ วันที่รายงาน (expected)",
        )
    )
    row_h = 0.46 if show_ids else 0.34
    height = _header_height(None, len(handles), None) + 0.75 + n * row_h + (0.3 if sample else 0)
    label_pt = 2.5 * 72
    with style():
        fig = _new_figure(height)
        ax = fig.add_subplot()
        labels = []
        for i, r in enumerate(df.itertuples(index=False)):
            t = _fit(getattr(r, "title_th", None) or r.key_result_id, label_pt)
            labels.append(f"{t}\n{r.key_result_id}" if show_ids else t)
            colour = STATUS_COLORS.get(statuses[i], STATUS_COLORS["no_data"])
            p = _num(getattr(r, "progress_clipped", float("nan")))
            raw = _num(getattr(r, "progress", p))
            if math.isnan(p):
                ax.text(
                    1.5,
                    i,
                    STATUS_LABELS["no_data"][0] + " (no check-in)",
                    va="center",
                    ha="left",
                    fontsize=_BASE_SIZE,
                    color="#6E6E6E",
                    style="italic",
                )
            else:
                ax.barh(i, p * 100, height=0.58, color=colour, zorder=2)
                text = _pct(p)
                if not math.isnan(raw) and raw > 1 + 1e-9:
                    text += f" (เกินเป้า {_pct(raw)})"
                elif not math.isnan(raw) and raw < -1e-9:
                    text += f" (ถดถอย {_pct(raw)})"
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
            e = _num(getattr(r, "expected", float("nan")))
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
        ax.set_xlabel("ความคืบหน้าเทียบค่าเป้าหมาย (progress towards target)", loc="left")
        _frame(fig, title, handles=handles, sample=sample)
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
    >>> len([ax for ax in fig.axes if ax.get_visible()])
    3
    >>> fig.axes[0].get_xticklabels()[0].get_text()
    'ต.ค. 64'
    """
    title = title or "ความคืบหน้าจริงเทียบกับที่ควรเป็น (actual vs expected progress)"
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
        return _no_data(title, "ยังไม่มีการรายงานความคืบหน้า (no check-ins)", sample=sample)
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
    panel_h = 1.8 if ncols > 1 else 2.1
    conf_any = "confidence" in hist and hist["confidence"].notna().any()
    handles: list[Any] = [
        Line2D([], [], color="#7A7A7A", lw=1.1, ls=(0, (4, 2.5)), label="ควรเป็น (expected)"),
        Line2D(
            [], [], color=_MUTED, lw=1.8, marker="o", markersize=4, label="ผลจริง สีตามสถานะ (actual)"
        ),
    ]
    if conf_any:
        handles.append(
            Line2D(
                [],
                [],
                color=OKABE_ITO["sky_blue"],
                lw=1.2,
                ls=(0, (1, 1.5)),
                label="ความมั่นใจ (confidence)",
            )
        )
    height = _header_height(None, len(handles), None) + nrows * panel_h + (0.3 if sample else 0)
    with style():
        fig = _new_figure(height)
        axes = fig.subplots(nrows, ncols, squeeze=False, sharex=True, sharey=True)
        panel_w_pt = (A4_WIDTH_IN / ncols - 0.55) * 72
        for idx, kr in enumerate(kr_ids):
            ax = axes[idx // ncols][idx % ncols]
            row = info.loc[kr] if info is not None and kr in info.index else None
            if isinstance(row, pd.DataFrame):
                row = row.iloc[0]
            status = str(row["status"]) if row is not None and "status" in row else None
            colour = STATUS_COLORS.get(status, PALETTE[0]) if status else PALETTE[0]
            text_colour = _darken(colour) if status != "no_data" else "#6E6E6E"
            kr_title = row["title_th"] if row is not None and "title_th" in row else None
            status_th = STATUS_LABELS[status][0] if status in STATUS_LABELS else ""
            status_w = _width_pt(status_th, _BASE_SIZE, "bold") + 12 if status_th else 0
            head = f"{kr}  {kr_title}" if kr_title else kr
            ax.set_title(
                _fit(head, panel_w_pt - status_w, _BASE_SIZE, "bold"),
                loc="left",
                fontsize=_BASE_SIZE,
                pad=4,
            )
            if status_th:
                ax.set_title(status_th, loc="right", fontsize=_BASE_SIZE, color=text_colour, pad=4)
            h = (
                hist[hist["key_result_id"].astype(str) == kr].sort_values("date")
                if len(hist)
                else hist
            )
            if h.empty:
                ex, ey = np.array(mdates.date2num([start, end])), np.array([0.0, 1.0])
            else:
                ex, ey = _expected_line(h, start, end)
            ax.plot(ex, ey * 100, color="#7A7A7A", lw=1.1, ls=(0, (4, 2.5)), zorder=2)
            if h.empty:
                ax.text(
                    0.5,
                    0.62,
                    STATUS_LABELS["no_data"][0] + " (no check-in)",
                    transform=ax.transAxes,
                    ha="center",
                    va="center",
                    fontsize=_BASE_SIZE,
                    color="#6E6E6E",
                    style="italic",
                    zorder=5,
                    bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none"},
                )
            else:
                xs = mdates.date2num(h["date"])
                ys = np.clip(h["progress"].to_numpy(dtype=float), 0, 1) * 100
                if "confidence" in h and h["confidence"].notna().any():
                    c = h.dropna(subset=["confidence"])
                    ax.plot(
                        mdates.date2num(c["date"]),
                        c["confidence"].astype(float) * 100,
                        color=OKABE_ITO["sky_blue"],
                        lw=1.2,
                        ls=(0, (1, 1.5)),
                        alpha=0.9,
                        zorder=3,
                    )
                ax.plot(xs, ys, color=colour, lw=1.8, marker="o", markersize=4, zorder=4)
                last = ys[-1]
                if not math.isnan(last):
                    ax.annotate(
                        f"{last:.0f}%",
                        (xs[-1], last),
                        xytext=(4, 3),
                        textcoords="offset points",
                        fontsize=_BASE_SIZE,
                        color=text_colour,
                        fontweight="bold",
                        zorder=5,
                    )
            ax.set_xlim(mdates.date2num(start), mdates.date2num(end))
            ax.set_ylim(0, 108)
            ax.yaxis.set_major_locator(FixedLocator([0, 50, 100]))
            ax.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
            ax.grid(axis="y", zorder=0)
            ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(10, 1, 4, 7)))
            ax.xaxis.set_minor_locator(mdates.MonthLocator())
            ax.xaxis.set_major_formatter(FuncFormatter(_month_label))
            ax.tick_params(axis="x", which="both", labelbottom=True)
        for idx in range(n, nrows * ncols):
            axes[idx // ncols][idx % ncols].set_visible(False)
        _frame(fig, title, handles=handles, sample=sample)
    return fig


# =========================================================================== heat maps
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
        :func:`kpyj_lib.analysis.bsc.kpi_matrix` (best with ``thai=True``).
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
    title = title or "ตัวชี้วัดตามมิติและระดับ (KPIs by dimension and level)"
    if _is_empty(matrix_df):
        return _no_data(title, "ยังไม่มีตัวชี้วัด (no KPIs)", sample=sample)
    mat = matrix_df.apply(pd.to_numeric, errors="coerce").fillna(0).to_numpy(dtype=float)
    nr, nc = mat.shape
    subtitle = "ช่องลายเส้น = ยังไม่มีตัวชี้วัด (hatched: no KPI in that cell)"
    height = _header_height(subtitle, 0, None) + 0.55 + 0.5 * (nr + 1) + (0.3 if sample else 0)
    with style():
        fig = _new_figure(height)
        ax = fig.add_subplot()
        _heat_cells(ax, mat)
        col_w = (A4_WIDTH_IN - 3.0) / (nc + 0.75) * 72
        xlabels = ["\n".join(_wrap(str(c), col_w - 2, 2)) for c in matrix_df.columns]
        ax.set_xticks([*range(nc), nc - 0.1], [*xlabels, "รวม"])
        ax.xaxis.tick_top()
        ylabels = [_fit(str(r), 2.6 * 72) for r in matrix_df.index]
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
        _frame(fig, title, subtitle=subtitle, sample=sample)
    return fig


# =========================================================================== PMQA
_PHASES: tuple[tuple[str, str, tuple[int, ...], str], ...] = (
    ("think", "คิด (think)", (1, 3, 7), OKABE_ITO["blue"]),
    ("prepare", "เตรียม (prepare)", (2,), OKABE_ITO["orange"]),
    ("act", "ทำ (act)", (4, 5, 6), OKABE_ITO["bluish_green"]),
)


def pmqa_chart(
    coverage_df: pd.DataFrame,
    balance_df: pd.DataFrame | None = None,
    *,
    title: str | None = None,
    sample: bool = False,
) -> Figure:
    """The 7 PMQA categories grouped by phase, and the phases' share against 3 : 1 : 3.

    Top panel: one bar per category — the number of objectives, KRs, projects and lessons
    working through it — grouped as คิด (1, 3, 7), เตรียม (2), ทำ (4, 5, 6); unused
    categories say "ไม่มี". Bottom panel: two 100 % bars, the ideal 3 : 1 : 3 (hatched)
    and the actual share of each phase.

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
    title = title or "การใช้หมวด PMQA ตามหลัก 3 : 1 : 3 (PMQA categories)"
    if _is_empty(coverage_df):
        return _no_data(title, "ยังไม่มีการเชื่อมโยงหมวด PMQA (no PMQA mappings)", sample=sample)
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
            labels.append(_fit(f"หมวด {c} {names.get(c, '')}", 2.55 * 72))
            colours.append(colour)
            values.append(float(totals.get(c, 0)))
            y += 1
        spans.append((y0 - 0.5, y - 0.5, f"{label} · หมวด {', '.join(map(str, cats))}", colour))
        y += 0.6
    if not _is_empty(balance_df) and "share" in balance_df:
        share = {
            p: _num(balance_df.loc[p, "share"]) if p in balance_df.index else 0.0
            for p, *_ in _PHASES
        }
    else:
        total = float(totals.sum())
        share = {
            p: float(totals.reindex(list(cats)).fillna(0).sum()) / total if total else math.nan
            for p, _, cats, _ in _PHASES
        }
    top_h = 0.55 + 0.3 * len(ys) + 0.18 * len(spans)
    height = _header_height(None, 0, None) + top_h + 1.55 + (0.3 if sample else 0)
    with style():
        fig = _new_figure(height)
        gs = fig.add_gridspec(2, 1, height_ratios=[top_h, 1.25])
        ax = fig.add_subplot(gs[0])
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
                    "ไม่มี (none)",
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
        ax.set_xlabel("จำนวนวัตถุประสงค์ ผลลัพธ์หลัก โครงการ และบทเรียนที่ใช้หมวด (count)", loc="left")

        bx = fig.add_subplot(gs[1])
        rows = [
            ("ตามหลัก 3 : 1 : 3 (ideal)", {p: len(c) / 7 for p, _, c, _ in _PHASES}),
            ("ที่เป็นจริง (actual)", share),
        ]
        for i, (_, parts) in enumerate(rows):
            if any(math.isnan(v) for v in parts.values()):
                bx.text(
                    0.005,
                    i,
                    "ยังไม่มีการเชื่อมโยงหมวด PMQA (no mappings)",
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
                ideal = i == 0
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
                text = f"{label.split(' ')[0]} {_pct(v)}" if v >= 0.12 else _pct(v)
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
        bx.set_yticks([0, 1], [r[0] for r in rows])
        bx.set_ylim(1.55, -0.55)
        bx.set_xlim(0, 1)
        bx.xaxis.set_major_locator(FixedLocator([0, 0.25, 0.5, 0.75, 1]))
        bx.xaxis.set_major_formatter(PercentFormatter(1, decimals=0))
        bx.tick_params(axis="y", length=0)
        bx.spines["left"].set_visible(False)
        bx.set_title(
            "สัดส่วน คิด : เตรียม : ทำ เทียบกับหลัก 3 : 1 : 3 (phase share)", fontsize=_BASE_SIZE + 0.5
        )
        _frame(fig, title, sample=sample)
    return fig


# =========================================================================== collaboration
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
    title = title or "การทำงานร่วมกันระหว่างหน่วยงาน (unit collaboration)"
    if kind not in ("auto", "network", "heatmap"):
        raise ValueError(f"kind must be 'auto', 'network' or 'heatmap', not {kind!r}")
    if _is_empty(matrix_df):
        return _no_data(title, "ยังไม่มีหน่วยงานที่ทำงานร่วมกัน (no shared KRs or flows)", sample=sample)
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
            ax = fig.add_subplot()
            _heat_cells(ax, m, empty_text=None, diagonal_blank=True)
            ax.set_xticks(range(n), [str(i + 1) for i in range(n)])
            ax.xaxis.tick_top()
            ax.set_yticks(range(n), [f"{i + 1}  {_fit(s, 2.6 * 72)}" for i, s in enumerate(short)])
            _frame(fig, title, subtitle=subtitle, sample=sample)
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
                ax.text((rx + 0.15) * c, 1.13 * si, _fit(s, width), ha=ha, va=va, zorder=5)
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
