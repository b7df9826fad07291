"""Text helpers every layer shares: missing values, truthy cells, numbers as a Thai official
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
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

__all__ = [
    "DASH",
    "TRUTHY",
    "format_baht",
    "format_number",
    "format_percent",
    "is_missing",
    "is_truthy",
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
