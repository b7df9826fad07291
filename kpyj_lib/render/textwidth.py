"""How wide Thai text is on paper, and table columns sized to their content.

Word and LibreOffice break Thai lines only between words, so a table column narrower than
its longest word breaks that word mid-word (or spills it over the cell border), and equal
columns squeeze a long Thai name into 8-10-line rows beside a short number. This module
measures text with the advance widths of the Sarabun font (the Thai government's TH Sarabun
New is drawn :data:`TH_SARABUN_SCALE` times as wide at the same size) or, without the
font file, with a per-character estimate for Thai (combining vowels and tone marks take no
width), finds the longest unbreakable piece of a cell (Thai words by pythainlp ``newmm``,
other text at spaces and after "/") and sizes columns the way a browser lays out an
automatic table: every column at least as wide as its longest word, the rest shared in
proportion to how much more each column's text needs.

Examples
--------
>>> w = text_width_pt("ผลลัพธ์หลัก", 14)
>>> 30 < w < 90
True
>>> text_width_pt("ผลลัพธ์", 14) == text_width_pt("ผลลพธ", 14)  # marks take no width
True
>>> longest_word("ลดการกระทำผิดซ้ำ 1,200 คน")
'การกระทำ'
>>> rows = [["1", "โครงการฝึกอาชีพและจัดหางานให้ผู้พ้นโทษ"]]
>>> cols = column_widths_pt(["รหัส", "ชื่อโครงการ"], rows, 400, 14)
>>> round(sum(cols)), cols[0] < cols[1]
(400, True)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "CELL_PADDING_PT",
    "TH_SARABUN_SCALE",
    "column_widths_pt",
    "is_numeric_text",
    "longest_word",
    "text_width_pt",
    "words",
]

#: Width of TH Sarabun New relative to Sarabun at the same point size: the same within a
#: few per cent (measured with Laksaman, the free face metric-compatible with TH Sarabun
#: that LibreOffice substitutes for it), so 1.
TH_SARABUN_SCALE = 1.0
#: Left and right cell margins of a Word table (0.19 cm each) plus slack, in points.
CELL_PADDING_PT = 13.0

_THAI = re.compile(r"[\u0E00-\u0E7F]")
_NUMERIC = re.compile(r"^[\s\d.,%+\-–−/:()]*\d[\s\d.,%+\-–−/:()]*$|^[–\-]$")


@functools.lru_cache(maxsize=1)
def _advances() -> tuple[dict[int, float], float] | None:
    """Sarabun's advance widths in em per code point (None without the font or fontTools)."""
    try:
        import fontpkg_sarabun
        from fontTools.ttLib import TTFont
    except ImportError:  # pragma: no cover - both are dependencies
        return None
    path = Path(fontpkg_sarabun.ROOT) / "files" / "Sarabun-Regular.ttf"
    if not path.is_file():  # pragma: no cover
        return None
    font = TTFont(str(path), lazy=True)
    upem = float(font["head"].unitsPerEm)
    hmtx = font["hmtx"].metrics
    widths = {cp: hmtx[name][0] / upem for cp, name in font.getBestCmap().items() if name in hmtx}
    font.close()
    return widths, 0.55


def _char_em(ch: str) -> float:
    """One character's advance in em (Sarabun; an estimate without the font)."""
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    table = _advances()
    if table is not None:
        widths, default = table
        w = widths.get(ord(ch))
        return default if w is None else w
    if ch.isspace():  # pragma: no cover - the estimate without the font file
        return 0.25
    if _THAI.match(ch):  # pragma: no cover
        return 0.6
    return 0.55 if ch.isalnum() else 0.35  # pragma: no cover


def text_width_pt(text: str, size_pt: float, *, scale: float = 1.0, bold: bool = False) -> float:
    """The width of ``text`` on one line at ``size_pt`` points (Sarabun metrics × ``scale``).

    >>> text_width_pt("", 16), text_width_pt("ก", 16) > 0
    (0.0, True)
    """
    em = sum(_char_em(ch) for ch in str(text))
    return em * size_pt * scale * (1.06 if bold else 1.0)


@functools.lru_cache(maxsize=1)
def _tokenizer() -> Any:
    try:
        from pythainlp.tokenize import word_tokenize
    except Exception:  # pragma: no cover - a dependency; whole runs without it
        return None
    return word_tokenize


@functools.lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """The pieces a line may break between: at spaces, after "/" and between Thai words.

    >>> words("ยุติธรรมจังหวัด/อำเภอ 12 คน")
    ('ยุติธรรม', 'จังหวัด/', 'อำเภอ', '12', 'คน')
    """
    out: list[str] = []
    for run in re.findall(r"[^\s/]*/+|[^\s/]+", str(text)):
        tokenize = _tokenizer()
        if tokenize is None or not _THAI.search(run) or len(run) < 4:
            out.append(run)
            continue
        try:
            toks = [t for t in tokenize(run, engine="newmm", keep_whitespace=False) if t]
        except Exception:  # pragma: no cover - never lose a table over a tokenizer
            toks = [run]
        if "".join(toks) != run:
            toks = [run]
        for t in toks:  # a mark or closing punctuation never starts a line
            if (
                out
                and out[-1]
                and (unicodedata.category(t[0]) in ("Mn", "Mc") or t[0] in ")]}»,.;:%ๆฯ/")
            ):
                out[-1] += t
            else:
                out.append(t)
    return tuple(out)


def longest_word(text: str, size_pt: float = 14, *, scale: float = 1.0) -> str:
    """The widest piece of ``text`` a line cannot break (``""`` for empty text)."""
    pieces = words(text)
    if not pieces:
        return ""
    return max(pieces, key=lambda w: text_width_pt(w, size_pt, scale=scale))


def is_numeric_text(text: str) -> bool:
    """A cell that is a number, an amount, a percentage, a date in digits or a dash.

    >>> [is_numeric_text(t) for t in ("1,200", "48%", "–", "คน")]
    [True, True, True, False]
    """
    return bool(_NUMERIC.match(str(text).strip()))


def column_widths_pt(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    total_pt: float,
    size_pt: float,
    *,
    scale: float = 1.0,
    padding_pt: float = CELL_PADDING_PT,
) -> list[float]:
    """Widths of a table's columns (points) that fill ``total_pt`` and fit their content.

    Each column gets at least its longest unbreakable word (header in bold included) plus
    the cell padding — never less, even when the columns then need more than ``total_pt``
    — and up to the width of its longest text on one line (a numeric column: of its
    longest number, its heading wrapping between words). What is left of ``total_pt``
    is shared in proportion to what each column still needs; when every text fits on one
    line, the spare room goes to the text columns, numeric columns staying as narrow as
    their numbers.
    """
    ncol = max([len(columns), *(len(r) for r in rows)]) if (columns or rows) else 0
    mins: list[float] = []
    nats: list[float] = []
    numeric: list[bool] = []
    for i in range(ncol):
        head = str(columns[i]) if i < len(columns) else ""
        cells = [str(r[i]) for r in rows if i < len(r) and str(r[i]).strip()]
        lo = max(
            [text_width_pt(w, size_pt, scale=scale, bold=True) for w in words(head)]
            + [text_width_pt(w, size_pt, scale=scale) for c in cells for w in words(c)]
            + [0.0]
        )
        is_num = bool(cells) and all(is_numeric_text(c) for c in cells)
        hi = max(
            # a numeric column's heading wraps between its words: the column stays narrow
            [0.0 if is_num else text_width_pt(head, size_pt, scale=scale, bold=True)]
            + [text_width_pt(c, size_pt, scale=scale) for c in cells]
        )
        mins.append(lo + padding_pt)
        nats.append(max(hi, lo) + padding_pt)
        numeric.append(is_num)
    if not ncol:
        return []
    smin, snat = sum(mins), sum(nats)
    if smin >= total_pt:
        return mins
    if snat <= total_pt:
        grow = [n if not num else 0.0 for n, num in zip(nats, numeric, strict=True)]
        if not sum(grow):
            grow = list(nats)
        spare = total_pt - snat
        return [n + spare * g / sum(grow) for n, g in zip(nats, grow, strict=True)]
    # columns whose whole text fits in a fair share keep it on one line (a browser's
    # automatic layout); the others share what is left between their words and their text
    fixed: dict[int, float] = {}
    while True:
        others = [i for i in range(ncol) if i not in fixed]
        left = total_pt - sum(fixed.values())
        share = left / len(others)
        fits = [i for i in others if nats[i] <= share]
        if not fits or len(fits) == len(others):
            break
        fixed.update({i: nats[i] for i in fits})
    others = [i for i in range(ncol) if i not in fixed]
    left = total_pt - sum(fixed.values())
    lo_sum = sum(mins[i] for i in others)
    hi_sum = sum(nats[i] for i in others)
    if lo_sum > left or hi_sum <= lo_sum:  # cannot happen with fair shares; be safe
        t = (total_pt - smin) / (snat - smin)
        return [lo + (hi - lo) * t for lo, hi in zip(mins, nats, strict=True)]
    t = (left - lo_sum) / (hi_sum - lo_sum)
    return [fixed[i] if i in fixed else mins[i] + (nats[i] - mins[i]) * t for i in range(ncol)]
