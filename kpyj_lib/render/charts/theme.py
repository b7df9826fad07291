"""The look every chart shares: Sarabun, colours, sizes, Thai text fitting, figure frames,
and turning a figure into PNG bytes, a ``data:`` URI or a notebook image.

Fonts: :func:`setup_fonts` registers Sarabun from the ``fontpkg-sarabun`` package and makes
it the default family (DejaVu Sans as fallback); the chart functions register it
themselves and apply their style only while they build a figure (:func:`style`).
matplotlib 3.11 or later is needed: older versions drop Thai tone marks.

All figures are :data:`A4_WIDTH_IN` (7 in) wide with text of at least 9 pt, use the
colour-blind-safe Okabe–Ito palette (:data:`PALETTE`, :data:`STATUS_COLORS`), show a clear
"ไม่มีข้อมูล" message for empty input instead of raising (:func:`_no_data`), and
draw a grey "ข้อมูลตัวอย่าง (สมมติ)" stamp with ``sample=True`` (:func:`_stamp`).
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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import matplotlib as mpl
import pandas as pd
from cycler import cycler
from matplotlib import font_manager
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch

__all__ = [
    "A4_WIDTH_IN",
    "FALLBACK_FAMILY",
    "NO_DATA_TEXT",
    "OKABE_ITO",
    "PALETTE",
    "SAMPLE_STAMP",
    "STATUS_COLORS",
    "THAI_FONT_FAMILY",
    "THAI_FONT_FILES",
    "apply_style",
    "draw_svg",
    "font_path",
    "setup_fonts",
    "short_unit_name",
    "show",
    "style",
    "to_data_uri",
    "to_png_bytes",
    "to_svg",
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
SAMPLE_STAMP = "ข้อมูลตัวอย่าง (สมมติ)"
#: The message of a figure drawn from empty input.
NO_DATA_TEXT = "ไม่มีข้อมูล"

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
#: Resolution of the report charts (dots per inch): 7 in wide is 1,050 pixels, sharp on an
#: A4 print-out; see ``docs/performance.md`` for what lower values save.
CHART_DPI = 150
#: zlib level of the PNG: 1 encodes in two thirds of the time of the default 6, for files
#: about as large (anti-aliased drawings compress poorly either way; an 8-bit palette
#: would make them a third as large but lose colour fidelity: ``docs/performance.md``).
PNG_COMPRESS_LEVEL = 1


def to_png_bytes(fig: Figure, dpi: int = CHART_DPI) -> bytes:
    """The figure as PNG bytes (white background), without touching pyplot or any file.

    The figure is drawn by Agg and stored by Pillow at zlib level :data:`PNG_COMPRESS_LEVEL`.

    >>> to_png_bytes(Figure(figsize=(1, 1)), dpi=50)[:4] == bytes([0x89]) + b"PNG"
    True
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    old_dpi, old_face = fig.dpi, fig.patch.get_facecolor()
    old_canvas = fig.canvas
    try:
        with style():
            fig.set_dpi(dpi)
            fig.patch.set_facecolor("white")
            canvas = FigureCanvasAgg(fig)
            canvas.draw()
            rgb = np.asarray(canvas.buffer_rgba())[..., :3]
    finally:
        fig.set_dpi(old_dpi)
        fig.patch.set_facecolor(old_face)
        fig.set_canvas(old_canvas)
    image = Image.fromarray(np.ascontiguousarray(rgb))
    buf = io.BytesIO()
    image.save(buf, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)
    return buf.getvalue()


def to_data_uri(fig: Figure, dpi: int = CHART_DPI) -> str:
    """The figure as a ``data:image/png;base64,...`` URI, ready for ``<img src=...>``."""
    return "data:image/png;base64," + base64.b64encode(to_png_bytes(fig, dpi)).decode("ascii")


_SVG_PROLOG = re.compile(r"\A.*?(?=<svg[\s>])", re.S)
_SVG_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
# the ids of groups (<g id="figure_1">, axes_1, text_12 …, and our gids such as
# kpyj-sample-stamp, which tests read from the figure): referenced by nothing, and repeated
# in every chart of a page
_SVG_GROUP_ID = re.compile(r'(<g) id="[^"]*"')
# the ids url(#…) and href="#…" refer to: clip paths, markers, hatches (a letter and ten hex
# digits of a hash of their content) and path-collection templates (C0_1_<hash>)
_SVG_REF_ID = re.compile(r'(id="|#)([pmh][0-9a-f]{10}|C[0-9a-f]+_[0-9a-f]+_[0-9a-f]{10})(?=[")])')


def to_svg(fig: Figure) -> str:
    """The figure as an ``<svg>`` element to put inline in an HTML page, text as text.

    The text stays ``<text>`` (``svg.fonttype = "none"``) in the family matplotlib laid it
    out with (``'Sarabun', 'DejaVu Sans'``): the page's embedded Sarabun ``@font-face`` draws
    and shapes it, the same font whose widths placed it, and it prints vector-sharp at any
    size. matplotlib escapes every text (``&``, ``<``, ``>``) and attribute it writes, so
    a label cannot become markup. No XML prolog, DOCTYPE or metadata (the element goes
    inside a page); the groups' ids (referenced by nothing) are dropped, and the ids that are
    referenced get a prefix from a hash of the chart, so several charts on one page never
    share an id and the same chart always gives the same text. About a third of the CPU
    time of :func:`to_png_bytes` (``docs/performance.md``).

    >>> svg = to_svg(Figure(figsize=(1, 1)))
    >>> svg.startswith("<svg ") and svg.rstrip().endswith("</svg>"), "<?xml" in svg
    (True, False)
    >>> svg == to_svg(Figure(figsize=(1, 1)))
    True
    """
    import hashlib

    buf = io.StringIO()
    old_face = fig.patch.get_facecolor()
    old_canvas = fig.canvas
    try:
        with style(), mpl.rc_context({"svg.hashsalt": "kpyj"}):
            fig.patch.set_facecolor("white")
            fig.savefig(buf, format="svg", metadata={"Date": None})
    finally:
        fig.patch.set_facecolor(old_face)
        fig.set_canvas(old_canvas)
    svg = _SVG_PROLOG.sub("", buf.getvalue(), count=1)
    svg = _SVG_METADATA.sub("", svg, count=1)
    svg = _SVG_GROUP_ID.sub(r"\1", svg)
    tag = "k" + hashlib.sha1(svg.encode("utf-8")).hexdigest()[:8] + "-"
    return _SVG_REF_ID.sub(lambda m: m.group(1) + tag + m.group(2), svg)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a chart is built and written.

    A chart creates tens of thousands of small matplotlib objects; each collection they
    trigger walks every object of the process (frames, the Thai dictionary, matplotlib's
    caches), which took a quarter of a report's chart time. The figure's cycles are
    collected afterwards as usual.
    """
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def draw_svg(name: str, /, *args: Any, **kwargs: Any) -> str:
    """Draw the chart ``name`` (one of ``CHARTS``) from ``args`` and return :func:`to_svg`.

    What a page shows: the garbage collector is paused while the chart is built and written
    (:func:`_gc_paused`).

    >>> draw_svg("kr_progress_bars", pd.DataFrame()).count("ไม่มีข้อมูล")
    1
    """
    from . import CHARTS

    if name not in CHARTS:
        raise ValueError(f"no chart {name!r} (known: {', '.join(CHARTS)})")
    from .. import charts

    with _gc_paused():
        return charts.to_svg(getattr(charts, name)(*args, **kwargs))


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


_THAI_LETTER = re.compile(r"[\u0E01-\u0E2E]")
_ABBREVIATION = re.compile(r"((?:[\u0E01-\u0E2E]{1,4}\.)+)")
_OPENING = frozenset("([{\"'“‘«")
_CLOSING = frozenset(")]}\"'”’»,.;:!?ๆฯ%")


@functools.lru_cache(maxsize=1)
def _word_tokenizer() -> Any:
    """pythainlp's ``word_tokenize`` (engine ``newmm``), or None when it is missing.

    Loaded once per process (its dictionary takes about half a second); a warm kernel pays
    it once for all the reports it runs.
    """
    try:
        from pythainlp.tokenize import word_tokenize
    except Exception:  # not installed or broken: break at spaces and "/" only
        return None
    return word_tokenize


def _thai_words(run: str) -> list[str]:
    """A run of text without spaces split into Thai words (newmm), punctuation kept on the
    word it belongs to; the whole run when no tokenizer is available."""
    tokenize = _word_tokenizer()
    if tokenize is None or not _THAI_LETTER.search(run) or len(run) < 4:
        return [run]
    tokens: list[str] = []
    for part in _ABBREVIATION.split(run):  # "สกธ.", "ภ.จว.": one piece, never tokenized
        if not part:
            continue
        if _ABBREVIATION.fullmatch(part):
            tokens.append(part)
            continue
        try:
            tokens += [t for t in tokenize(part, engine="newmm", keep_whitespace=False) if t]
        except Exception:  # a tokenizer failure must never cost a chart
            return [run]
    if "".join(tokens) != run:
        return [run]
    out: list[str] = []
    glue_next = False
    for t in tokens:
        core = t.rstrip(")]}\"'”’»,;:")
        short_abbr = core.endswith(".") and len(core) <= 3  # "ธ." of "สกธ.": not a word
        first = t[0]
        if out and (
            glue_next
            or first in _CLOSING
            or short_abbr
            or first in _ATTACHED
            or unicodedata.category(first) in ("Mn", "Mc")  # never start a line on a mark
            or (not first.isalnum() and first not in _OPENING)
        ):
            out[-1] += t
        else:
            out.append(t)
        glue_next = all(ch in _OPENING for ch in t)
    return out


@functools.lru_cache(maxsize=8192)
def _words(text: str) -> tuple[str, ...]:
    """``text`` as pieces a line may break between: at spaces, after "/" and between Thai
    words (pythainlp ``newmm``). Each piece keeps the spaces after it, so the pieces
    joined give the text back.

    >>> "".join(_words("ลดการกระทำผิดซ้ำ ในจังหวัด/อำเภอ"))
    'ลดการกระทำผิดซ้ำ ในจังหวัด/อำเภอ'
    >>> _words("ระดับหน่วยงาน (องค์การ)")
    ('ระดับ', 'หน่วยงาน ', '(องค์การ)')
    >>> _words("สนง.ยุติธรรม จ.ภูเก็ต")[0]
    'สนง.'
    """
    pieces: list[str] = []
    for m in re.finditer(r"([^\s/]*/+|[^\s/]+)(\s*)", text):
        run, space = m.group(1), m.group(2)
        words = _thai_words(run)
        words[-1] += space
        pieces += words
    if not pieces and text:
        pieces = [text]
    return tuple(pieces)


def _pieces_width(
    pieces: Sequence[str], size: float, weight: str, strip: str = " ", tail: str = ""
) -> float:
    """The width of ``"".join(pieces).rstrip(strip) + tail`` as the sum of the widths of its
    pieces (each measured once per process by :func:`_width_pt` and cached).

    Agg's width of a line is the sum of its glyph advances, and the pieces break between
    words, so the sum is the width of the whole line (checked on the sample's titles);
    shaping one Thai line costs about a millisecond, and wrapping a title measured one
    prefix after another.

    >>> ps = _words("ลดการกระทำผิดซ้ำ ในจังหวัด")
    >>> _pieces_width(ps, 9, "normal") == _width_pt("ลดการกระทำผิดซ้ำ ในจังหวัด", 9)
    True
    """
    target = "".join(pieces).rstrip(strip) + tail
    total, used = 0.0, 0
    for piece in pieces:
        if used + len(piece) > len(target) or target[used : used + len(piece)] != piece:
            break
        total += _width_pt(piece, size, weight)
        used += len(piece)
    return total + _width_pt(target[used:], size, weight)


def _hard_fit(text: str, max_pt: float, size: float, weight: str, ellipsis: str = "…") -> str:
    """The longest prefix of ``text`` cut between display clusters that fits with ``ellipsis``
    (the last resort for one word wider than the whole line)."""
    cl = _clusters(text)
    lo, hi = 0, len(cl)
    while lo < hi:  # the largest k whose prefix + ellipsis fits
        mid = (lo + hi + 1) // 2
        if _width_pt("".join(cl[:mid]).rstrip() + ellipsis, size, weight) <= max_pt:
            lo = mid
        else:
            hi = mid - 1
    head = "".join(cl[:lo])
    while head and head[-1] in _LEADING:
        head = head[:-1]
    return head.rstrip() + ellipsis


def _fit(text: str, max_pt: float, size: float = _BASE_SIZE, weight: str = "normal") -> str:
    """Text on one line of ``max_pt`` points: whole when it fits, else cut after the last
    whole word (Thai words by pythainlp) that fits with "…"; a word is cut only when the
    first word alone is wider than the line.

    >>> _fit("สั้น", 200)
    'สั้น'
    >>> s = _fit("ลดการกระทำผิดซ้ำในจังหวัดภูเก็ตและจังหวัดใกล้เคียงทั้งหมด", 60)
    >>> s.endswith("…") and len(s) < 30
    True
    >>> s[:-1] in {"".join(_words("ลดการกระทำผิดซ้ำในจังหวัด")[:k]) for k in range(1, 9)}
    True
    """
    text = " ".join(str(text).split())
    pieces = _words(text)
    if _pieces_width(pieces, size, weight) <= max_pt:
        return text
    head = ""
    for k, piece in enumerate(pieces):
        if _pieces_width(pieces[: k + 1], size, weight, " ,;:-–(", "…") > max_pt:
            break
        head += piece
    head = head.rstrip().rstrip(" ,;:-–(")
    if not head:
        return _hard_fit(text, max_pt, size, weight)
    return head + "…"


def _wrap(
    text: str, max_pt: float, max_lines: int = 2, size: float = _BASE_SIZE, weight: str = "normal"
) -> list[str]:
    """Wrap text into at most ``max_lines`` lines of ``max_pt`` points, breaking at spaces,
    after "/" and between Thai words (pythainlp ``newmm``), never inside a word unless one
    word alone is wider than a line; what does not fit in the last line is cut after a whole
    word with "…".

    >>> _wrap("ระดับหน่วยงาน (องค์การ)", 60)
    ['ระดับหน่วยงาน', '(องค์การ)']
    >>> _wrap("ระดับสำนัก/กอง", 50)
    ['ระดับสำนัก/', 'กอง']
    >>> _wrap("ลดการกระทำผิดซ้ำในจังหวัดภูเก็ต", 80)
    ['ลดการกระทำผิดซ้ำ', 'ในจังหวัดภูเก็ต']
    """
    text = " ".join(str(text).split())
    pieces = list(_words(text))
    if max_lines <= 1 or _pieces_width(pieces, size, weight) <= max_pt:
        return [_fit(text, max_pt, size, weight)] if text else []
    lines: list[str] = []
    i = 0
    while i < len(pieces) and len(lines) < max_lines - 1:
        line = pieces[i]
        j = i + 1
        while j < len(pieces) and _pieces_width(pieces[i : j + 1], size, weight) <= max_pt:
            line += pieces[j]
            j += 1
        if _pieces_width(pieces[i:j], size, weight) > max_pt:  # one word wider than a line
            head = _hard_fit(line.rstrip(), max_pt, size, weight, ellipsis="")
            lines.append(head)
            pieces[i] = line[len(head) :]
            continue
        lines.append(line.rstrip())
        i = j
    if i < len(pieces):
        lines.append(_fit("".join(pieces[i:]), max_pt, size, weight))
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


def _new_figure(height: float, *, constrained: bool = False) -> Figure:
    """A figure :data:`A4_WIDTH_IN` wide. Charts place their axes themselves in inches
    (:func:`_place`): matplotlib's constrained layout measured every label again at every
    draw and took most of a report's rendering time."""
    fig = Figure(figsize=(A4_WIDTH_IN, height), layout="constrained" if constrained else None)
    if constrained:
        fig.get_layout_engine().set(h_pad=0.05, w_pad=0.06)
    return fig


def _place(fig: Figure, ax: Any, *, left: float, right: float, top: float, bottom: float) -> None:
    """Put ``ax`` at fixed margins from the figure's edges, in inches."""
    W, H = fig.get_figwidth(), fig.get_figheight()
    ax.set_position(
        (left / W, bottom / H, max(W - left - right, 0.1) / W, max(H - top - bottom, 0.1) / H)
    )


def _text_width_in(lines: Sequence[str], size: float = _BASE_SIZE, weight: str = "normal") -> float:
    """The width of the widest of ``lines`` (each may hold "\\n"), in inches."""
    widths = [_width_pt(part, size, weight) for s in lines for part in str(s).split("\n")]
    return max(widths, default=0.0) / 72


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
) -> tuple[float, float]:
    """Title, subtitle and legend in a header band at the top, the sample stamp in a footer.

    Returns the heights (inches) of the header and the footer: the chart places its axes
    between them.
    """
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
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.set(rect=(0, footer / H, 1, 1 - (y + 0.04) / H - footer / H))
    _stamp(fig, sample)
    return y + 0.04, footer


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


def _as_float(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")
