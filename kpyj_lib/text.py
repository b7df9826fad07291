r"""Text helpers every layer shares: missing values, truthy cells, numbers as a Thai official
writes them.

One place for what used to be written again in each module (``_pct``, ``_fmt_num``,
``_baht``, the "truthy" string sets). Documents use these to write sentences; the render
layer exposes them to templates as filters.

Examples
--------
>>> format_number(3400.0), format_number(1234.5), format_number(None)
('3,400', '1,234.5', '–')
>>> format_percent(0.4712), format_percent(0.4712, thai=True)
('47%', 'ร้อยละ 47')
>>> is_truthy("ใช่"), is_truthy(" TRUE "), is_truthy("0"), is_truthy(None)
(True, True, False, False)

Text typed by people is normalised once, the same way everywhere (:func:`normalize_text`),
so that two values that look the same *are* the same; a message that quotes a value shows
what cannot be seen (:func:`visible`):

>>> normalize_text(" OBJ-1\u200b "), visible("OBJ-1\u200b")
('OBJ-1', 'OBJ-1[อักขระที่มองไม่เห็น]')
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

import pandas as pd

__all__ = [
    "DASH",
    "INVISIBLE_MARK",
    "TRUTHY",
    "format_baht",
    "format_number",
    "format_percent",
    "is_invisible",
    "is_missing",
    "is_truthy",
    "normalize_text",
    "quote",
    "visible",
]

#: What a table cell shows for a missing value.
DASH = "–"
#: Cell texts read as "yes" (case and surrounding spaces ignored), in Thai and English.
TRUTHY: frozenset[str] = frozenset({"true", "1", "yes", "y", "t", "ใช่", "จริง"})


def is_missing(value: Any) -> bool:
    """True for ``None``, ``pandas.NA``/``NaT``, a float NaN and an empty string.

    >>> import pandas as pd
    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, "", 0, "x")]
    [True, True, True, True, False, False]
    """
    if value is None or (isinstance(value, str) and value == ""):
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:  # pandas.NA, NaT, numpy NaN; a list or an array is not "missing"
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def is_truthy(value: Any) -> bool:
    """Whether a cell or setting says "yes" (see :data:`TRUTHY`); booleans pass through.

    >>> is_truthy(True), is_truthy("Yes"), is_truthy("no"), is_truthy(1)
    (True, True, False, True)
    """
    if isinstance(value, bool):
        return value
    if is_missing(value):
        return False
    return str(value).strip().lower() in TRUTHY


def format_number(value: Any, decimals: int | None = None) -> str:
    """A number with thousands separators and no trailing ``.0``.

    ``decimals=None`` shows whole numbers without decimals and others with up to two;
    an integer ``decimals`` fixes the count. Missing values give :data:`DASH`.

    >>> format_number(640.0), format_number(2.50), format_number(1/3), format_number(5, 1)
    ('640', '2.5', '0.33', '5.0')
    >>> format_number("12")
    '12'
    """
    if is_missing(value):
        return DASH
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(x):
        return DASH
    if decimals is not None:
        return f"{x:,.{decimals}f}"
    if x.is_integer():
        return f"{x:,.0f}"
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def format_percent(value: Any, *, thai: bool = False, decimals: int = 0) -> str:
    """A share (0.47) as a percentage: ``"47%"``, or ``"ร้อยละ 47"`` for running Thai text.

    >>> format_percent(1.0), format_percent(0.125, decimals=1), format_percent(float("nan"))
    ('100%', '12.5%', '–')
    """
    if is_missing(value):
        return DASH
    try:
        x = float(value) * 100
    except (TypeError, ValueError):
        return str(value)
    text = f"{x:,.{decimals}f}"
    return f"ร้อยละ {text}" if thai else f"{text}%"


def format_baht(value: Any) -> str:
    """An amount of money in whole baht with separators: ``"480,000"``.

    >>> format_baht(480000), format_baht(None)
    ('480,000', '–')
    """
    return format_number(value, 0)


# --------------------------------------------------------------------------- normalisation
#: What a message shows in place of a character that cannot be seen (zero-width, control...).
INVISIBLE_MARK = "[อักขระที่มองไม่เห็น]"

# Characters that render as nothing although they are not format (Cf) or control (Cc)
# characters: the combining grapheme joiner, Hangul and Khmer fillers, Mongolian variation
# selectors and vowel separator (see Unicode's Default_Ignorable_Code_Point).
_IGNORABLE = frozenset(
    {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x180B, 0x180C, 0x180D, 0x180E, 0x180F}
    | {0x3164, 0xFFA0}
)
_ZWJ = "\u200d"
_VS16 = "\ufe0f"
_KEEP_CONTROLS = frozenset("\t\n")

# Thai combining marks, by the place they take after a consonant: vowels above and below and
# mai taikhu first, then the tone mark, then thanthakhat, nikhahit and yamakkan. A tone mark
# typed before its vowel renders the same and must compare the same.
_THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_THAI_MARK_RUN = re.compile(f"[{_THAI_MARKS}]{{2,}}")
_TONE_AFTER_SARA_AM = re.compile("\u0e33([\u0e48-\u0e4b]+)")
# Text that the mark order can change: two marks in a row, a tone after sara am, nikhahit.
_THAI_REORDER = re.compile(f"[{_THAI_MARKS}]{{2,}}|\u0e33[\u0e48-\u0e4b]|\u0e4d")


def _thai_mark_class(ch: str) -> int:
    cp = ord(ch)
    if 0x0E48 <= cp <= 0x0E4B:
        return 1
    if cp in (0x0E4C, 0x0E4D, 0x0E4E):
        return 2
    return 0


def _order_marks(m: re.Match[str]) -> str:
    marks = list(dict.fromkeys(m.group()))  # a mark typed twice renders once
    return "".join(sorted(marks, key=_thai_mark_class))


def _thai_mark_order(text: str) -> str:
    text = _TONE_AFTER_SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    text = text.replace("\u0e33", "\u0e4d\u0e32")  # sara am = nikhahit + sara aa
    text = _THAI_MARK_RUN.sub(_order_marks, text)
    return text.replace("\u0e4d\u0e32", "\u0e33")


def is_invisible(ch: str) -> bool:
    r"""True for a character that renders as nothing: format, control (but tab and newline),
    unassigned-looking fillers and other default-ignorable code points.

    >>> [is_invisible(c) for c in ("\u200b", "\ufeff", "\x07", "\n", " ", "ก", "\u0e48")]
    [True, True, True, False, False, False, False]
    """
    if ch in _KEEP_CONTROLS:
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cf", "Cc", "Cs", "Co", "Cn") or ord(ch) in _IGNORABLE


def _keeps_zwj(text: str, i: int) -> bool:
    r"""A zero-width joiner inside an emoji sequence (👩‍💻) is part of the picture."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not before or not after:
        return False
    pictographic = ("So", "Sk")
    return (
        unicodedata.category(before) in pictographic
        or before == _VS16
        or 0x1F3FB <= ord(before) <= 0x1F3FF
    ) and unicodedata.category(after) in pictographic


def normalize_text(text: str) -> str:
    r"""A typed text as kpyj keeps and compares it; the same rule for every key and text cell.

    * Unicode NFC (``e`` + combining acute is ``é``);
    * Thai combining marks in the order they render (a tone mark typed before its vowel, or
      before the nikhahit of sara am, is moved after it; a mark typed twice is kept once);
    * characters that render as nothing are removed: zero-width space, joiners (except inside
      an emoji sequence), the byte-order mark, direction marks, soft hyphen, control
      characters (tab and newline are kept; ``\r\n`` becomes ``\n``);
    * every space character (no-break, thin, ideographic...) is a plain space;
    * surrounding spaces and line breaks are stripped.

    The result is stable: normalising it again changes nothing.

    >>> normalize_text("ท\u0e48\u0e35") == "ที่", normalize_text("น\u0e4d\u0e49\u0e32") == "น้ำ"
    (True, True)
    >>> normalize_text("\ufeff 12\u00a0345\u200b\r\n")
    '12 345'
    """
    s = str(text)
    if s.isascii() and s.isprintable():  # the common case: nothing to do but strip
        return s.strip()
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    if "\r" in s or "\u2028" in s or "\u2029" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
        s = s.replace("\u2029", "\n")
    if not s.replace("\n", "").replace("\t", "").isprintable():
        out = []
        for i, ch in enumerate(s):
            if is_invisible(ch):
                if ch == _ZWJ and _keeps_zwj(s, i):
                    out.append(ch)
                continue
            out.append(" " if unicodedata.category(ch) == "Zs" else ch)
        s = "".join(out)
    if _THAI_REORDER.search(s):
        s = unicodedata.normalize("NFC", _thai_mark_order(s))
    return s.strip()


def visible(text: Any) -> str:
    r"""``text`` with every invisible character shown as :data:`INVISIBLE_MARK`, and line
    breaks and tabs as ``⏎`` and ``⇥``: for quoting a value in a message.

    >>> visible("OBJ\u200b-1\nx")
    'OBJ[อักขระที่มองไม่เห็น]-1⏎x'
    """
    s = str(text)
    if s.isascii() and s.isprintable():
        return s
    out = []
    for ch in s:
        if ch == "\n":
            out.append("⏎")
        elif ch == "\t":
            out.append("⇥")
        elif is_invisible(ch):
            out.append(INVISIBLE_MARK)
        else:
            out.append(ch)
    return "".join(out)


def quote(value: Any) -> str:
    r"""A value quoted for a message: ``'text'`` with invisible characters shown.

    >>> quote("99\u200b"), quote(2565)
    ("'99[อักขระที่มองไม่เห็น]'", "'2565'")
    """
    return f"'{visible(value)}'"
