"""Everyday Thai input forms the importer accepts, and what it understood from them.

Issue 17: a strategy officer types what a Thai office writes, not what a database wants.
What is unambiguous is accepted and reported as a *notice* («อ่าน ... เป็น ...») so the user
sees what kpyj understood; what is ambiguous is refused with the accepted forms.

* **money** (columns in baht, ``(บาท)`` in their header): ``480,000 บาท``, ``480,000.-``,
  ``฿480,000``, ``4.8 ล้านบาท``, ``4.8 ล้าน``, ``4.8 ลบ.``;
* **percentages** (the measure columns of a KR, KPI, check-in, baseline figure or driving
  indicator): ``62%``, ``62 %``, ``ร้อยละ 62``, ``62 เปอร์เซ็นต์`` and an Excel cell formatted as
  percent holding ``0.62`` all mean 62; accepted only where the unit of measure is a
  percentage (``ร้อยละ``, ``%``, ``เปอร์เซ็นต์``);
* **clusters** by their Thai or English name, with or without ``กลุ่มจังหวัด``;
* dates with a two-digit Buddhist-Era year and statuses in natural Thai are read by
  :func:`kpyj_lib.calendar.parse_thai_date` and the aliases of ``reference/codes.csv``.

Examples
--------
>>> parse_money("480,000 บาท"), parse_money("4.8 ล้านบาท"), parse_money("480,000.-")
(480000.0, 4800000.0, 480000.0)
>>> parse_money("480000") is None   # a plain number is not a money form
True
>>> parse_percent_text("62%"), parse_percent_text("ร้อยละ 62"), parse_percent_text("62")
(62.0, 62.0, None)
>>> is_percent_unit("ร้อยละ"), is_percent_unit("%"), is_percent_unit("คน")
(True, True, False)
>>> cluster_from_text("ภาคใต้ฝั่งอันดามัน"), cluster_from_text("กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน")
('south_andaman', 'south_andaman')
"""

from __future__ import annotations

import functools
import re

from kpyj_lib import reference
from kpyj_lib.calendar import arabic_digits
from kpyj_lib.text import normalize_text

__all__ = [
    "MEASURE_COLUMNS",
    "MONEY_FORMS",
    "PERCENT_FORMS",
    "cluster_from_text",
    "is_money_column",
    "is_percent_unit",
    "parse_money",
    "parse_percent_text",
]

#: The columns that hold a measured value, per entity, and where its unit of measure is:
#: ``"unit_of_measure"`` on the same row, or ``(column, entity)``: the unit of the row that
#: ``column`` points to in ``entity``. Only these columns read percentages as 62 for 62 %.
MEASURE_COLUMNS: dict[str, tuple[tuple[str, ...], str | tuple[str, str]]] = {
    "key_results": (("baseline", "target"), "unit_of_measure"),
    "kpis": (
        ("target", "actual", "level1", "level2", "level3", "level4", "level5"),
        "unit_of_measure",
    ),
    "baseline_indicators": (("value",), "unit_of_measure"),
    "driving_indicators": (("baseline", "target"), "unit_of_measure"),
    "checkins": (("value",), ("key_result_id", "key_results")),
    "driving_targets": (("target",), ("indicator_id", "driving_indicators")),
}

MONEY_FORMS = "480000, 480,000, 480,000 บาท, 480,000.-, ฿480,000, 4.8 ล้านบาท"
PERCENT_FORMS = "62, 62%, ร้อยละ 62, 62 เปอร์เซ็นต์ (หน่วยนับ ร้อยละ / unit ร้อยละ)"

_NUM = r"[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)"
_MONEY = re.compile(
    rf"^(?:฿\s*)?(?P<n>{_NUM})\s*(?P<mult>ล้าน|ลบ\.?)?\s*(?:บาท|บ\.)?\s*(?:\.?-|\.?—)?$"
)
_PERCENT = re.compile(
    rf"^(?:ร้อยละ\s*(?P<a>{_NUM})|(?P<b>{_NUM})\s*(?:%|เปอร์เซ็นต์|เปอร์เซนต์|percent))$",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    return " ".join(arabic_digits(normalize_text(text)).split())


def _number(text: str) -> float | None:
    s = text.replace(",", "")
    try:
        return float(s)
    except ValueError:
        return None


def is_money_column(header_th: str) -> bool:
    """True for a column in baht (its Thai header says ``(บาท)``)."""
    return "บาท" in header_th


def parse_money(text: str) -> float | None:
    """The baht amount of a money form, or None when ``text`` is not one (a plain number
    is read as a number, not here).

    >>> parse_money("1.2 ลบ."), parse_money("฿ 3,400"), parse_money("บาท") is None
    (1200000.0, 3400.0, True)
    """
    s = _clean(text)
    m = _MONEY.match(s)
    if not m or s == m["n"]:
        return None
    value = _number(m["n"])
    if value is None:
        return None
    if m["mult"]:
        value *= 1_000_000
    return value


def parse_percent_text(text: str) -> float | None:
    """The number of a percentage typed as text (``62%`` → 62), or None."""
    m = _PERCENT.match(_clean(text))
    if not m:
        return None
    return _number(m["a"] or m["b"])


def is_percent_unit(unit: object) -> bool:
    """True when a unit of measure is a percentage (``ร้อยละ``, ``%``, ``เปอร์เซ็นต์``)."""
    if not isinstance(unit, str):
        return False
    u = _clean(unit).casefold()
    return u.startswith("ร้อยละ") or "%" in u or "เปอร์เซ็น" in u or u in ("percent", "pct")


def _key(text: str) -> str:
    return "".join(_clean(text).casefold().split())


@functools.cache
def _clusters() -> dict[str, str]:
    out: dict[str, str] = {}
    df = reference.load("clusters")
    for cid, th, en in zip(df["id"], df["name_th"], df["name_en"], strict=True):
        names = [cid, th, th.removeprefix("กลุ่มจังหวัด"), f"กลุ่ม{th.removeprefix('กลุ่มจังหวัด')}"]
        if en:
            names += [en, en.removesuffix(" Provincial Cluster")]
        for n in names:
            out.setdefault(_key(n), cid)
    return out


def cluster_from_text(text: str) -> str | None:
    """The cluster id a cell names (id, Thai or English name, with or without
    ``กลุ่มจังหวัด``), or None."""
    return _clusters().get(_key(text))
