"""Coerce and check every cell, row and sheet of a raw workbook, collecting every problem.

:func:`validate_raw` never stops at the first problem and never writes anything. It turns
a :class:`~kpyj_lib.io.reader.RawWorkbook` into validated records per entity plus the list
of :class:`~kpyj_lib.exceptions.Problem`, each placed at file, sheet, row (as the user sees
it in Excel: the header is row 1) and column (the header as written in the file).

Checks, in order
----------------
1. the file: readable, not empty (at least one sheet with a header row);
2. sheets: unknown sheets, the same entity twice, missing sheets (unless ``partial``);
3. headers: unknown columns (a typo must not silently drop data), a column given twice,
   data under an empty header, missing required columns;
4. cells: formulas and error values, wrong types, empty required cells, invalid codes,
   unknown province codes, then the record's own constraints (too long, out of range) and
   cross-field rules (row level);
5. across rows: duplicate keys (both rows named), dangling references (including the
   polymorphic ``source_id`` / ``target_id`` against the table of their ``*_type``),
   cycles in every :attr:`Entity.tree` column, rows that would overwrite the built-in
   reference plans.

Cell coercion (:func:`coerce`) accepts what Thai Excel users type: Thai digits, thousands
separators, ``2565.0`` for an integer, ``15/03/2565`` (BE) or ISO dates, Thai month names,
codes by their Thai or English label, provinces by code or name; naive timestamps are
Bangkok time.

Examples
--------
>>> from kpyj_lib.model import ENTITIES
>>> c = ENTITIES["key_results"].column("direction")
>>> coerce("ลดลง", c), coerce("Increase", c)
('down', 'up')
>>> coerce("๒,๕๖๕.0", ENTITIES["objectives"].column("fiscal_year"))
2565
>>> coerce("ภูเก็ต", ENTITIES["objectives"].column("province_code"))
'83'
>>> coerce("15/03/2565", ENTITIES["checkins"].column("date"))
datetime.date(2022, 3, 15)
>>> coerce("abc", ENTITIES["checkins"].column("value"))
Traceback (most recent call last):
...
kpyj_lib.io.validate.CellError: ต้องเป็นตัวเลข ได้ 'abc' (expected a number, got 'abc')
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from kpyj_lib import reference
from kpyj_lib.calendar import (
    BANGKOK,
    DATE_WINDOW_YEARS,
    arabic_digits,
    be_to_ce,
    fiscal_year_bounds,
    format_thai_date,
    parse_thai_date,
    plausible_window,
    today_bangkok,
)
from kpyj_lib.exceptions import CalendarError, Problem
from kpyj_lib.model import ENTITIES, NODE_TABLES, Column, Entity, Record
from kpyj_lib.text import normalize_text, quote, visible

from .forms import (
    MEASURE_COLUMNS,
    MONEY_FORMS,
    PERCENT_FORMS,
    cluster_from_text,
    is_money_column,
    is_percent_unit,
    parse_money,
    parse_percent_text,
)
from .reader import ErrorValue, Formula, PercentCell, RawRow, RawSheet, RawWorkbook
from .spec import (
    CODES_SHEET,
    INSTRUCTIONS_SHEET,
    column_for_header,
    entity_for_sheet,
    header_text,
    is_auxiliary_sheet,
    norm,
)

__all__ = [
    "GROUP_YEARS",
    "CellError",
    "StoreContext",
    "Validation",
    "check_raw",
    "coerce",
    "reference_ids",
    "reference_rows",
    "validate_raw",
]


class CellError(ValueError):
    """A cell value that cannot be read as its column's type (message Thai + English)."""


# --------------------------------------------------------------------------- reference data
@functools.cache
def _reference_ids() -> dict[str, frozenset[str]]:
    return {
        "provinces": frozenset(reference.province_codes()),
        "clusters": frozenset(str(v) for v in reference.load("clusters")["id"]),
        "pmqa_categories": frozenset(str(v) for v in reference.load("pmqa_categories")["id"]),
        "plans": frozenset(reference.REFERENCE_PLAN_IDS),
        "plan_items": frozenset(str(v) for v in reference.load("plan_items")["id"]),
    }


def reference_ids() -> dict[str, set[str]]:
    """Ids every store holds from the packaged reference data (provinces, reference plans...).

    >>> ids = reference_ids()
    >>> "83" in ids["provinces"], "NS" in ids["plans"], "3" in ids["pmqa_categories"]
    (True, True, True)
    """
    return {k: set(v) for k, v in _reference_ids().items()}


@functools.cache
def reference_rows() -> dict[str, dict[tuple[str, ...], dict[str, Any]]]:
    """The reference plans, plan items and alignments by key, as validated rows."""
    from kpyj_lib.workspace import rows_of

    out: dict[str, dict[tuple[str, ...], dict[str, Any]]] = {}
    for name in ("plans", "plan_items", "alignments"):
        ent = ENTITIES[name]
        rows = {}
        for r in rows_of(reference.load(name)):
            d = ent.record(**r).model_dump()
            rows[tuple(str(d[k]) for k in ent.key)] = d
        out[name] = rows
    return out


@functools.cache
def _province_lookup() -> dict[str, str]:
    df = reference.load("provinces")
    out: dict[str, str] = {}
    for code, th, en in zip(df["code"], df["name_th"], df["name_en"], strict=True):
        out[norm(code)] = code
        for name in (th, f"จังหวัด{th}", f"จ.{th}", en, f"{en} province"):
            out[norm(name)] = code
            out[norm(name).replace(" ", "").replace("-", "")] = code
    for alias in ("กรุงเทพ", "กรุงเทพฯ", "กทม", "กทม.", "กรุงเทพมหานคร"):
        out[norm(alias)] = "10"
    return out


def _province(text: str) -> str:
    key = norm(arabic_digits(text))
    lookup = _province_lookup()
    code = lookup.get(key) or lookup.get(key.replace(" ", "").replace("-", ""))
    if code is None:
        raise CellError(
            f"ไม่พบจังหวัด {quote(text)} ในรายชื่อ 77 จังหวัด ใช้รหัส 2 หลัก เช่น 83 หรือชื่อจังหวัด "
            f"(no province {quote(text)} among the 77: use the 2-digit code, e.g. 83, or the name; "
            f"see sheet '{CODES_SHEET}')"
        )
    return code


@functools.cache
def _node_kind_labels() -> dict[str, str]:
    out = {}
    for kind, table in NODE_TABLES.items():
        if table in ENTITIES:
            e = ENTITIES[table]
            for name in (e.sheet_th, e.label_th, e.label_en, e.name):
                out.setdefault(norm(name), kind)
    return out


#: What :func:`coerce` understood from a cell typed in an everyday form: ``(kind, typed,
#: understood)``; kind ``"percent"`` marks a value given as a percentage.
Notes = list[tuple[str, str, str]]


def _is_alias(list_name: str, text: str, code: str) -> bool:
    """True when ``text`` named ``code`` by one of its listed aliases (not code or label)."""
    try:
        names = [
            code,
            reference.code_label(list_name, code),
            reference.code_label(list_name, code, "en"),
        ]
    except Exception:
        return False
    return norm(text).replace(" ", "") not in {norm(n).replace(" ", "") for n in names}


def _code(text: str, c: Column, notes: Notes | None = None) -> str:
    choices = [str(x) for x in (c.choices or ())]
    code: str | None = None
    if c.codes:
        try:
            code = reference.code_from_text(c.codes, text)
        except Exception:  # a code list missing from the reference data: codes only
            code = None
    if code is None:
        by_code = {norm(x): x for x in choices}
        code = by_code.get(norm(text))
    if code is None and c.codes == "node_kind":
        code = _node_kind_labels().get(norm(text))
    if code is None or (choices and code not in choices):
        shown = ", ".join(_code_hint(c, x) for x in choices)
        raise CellError(
            f"ค่า {quote(text)} ไม่อยู่ในรายการที่ใช้ได้ (invalid code {quote(text)}; allowed: {shown}; "
            f"Thai or English labels are accepted too, see sheet '{CODES_SHEET}')"
        )
    if notes is not None and c.codes and _is_alias(c.codes, text, code):
        notes.append(("read", text, _code_hint(c, code)))
    return code


def _cluster(text: str, notes: Notes | None = None) -> str:
    cid = cluster_from_text(text)
    if cid is None:
        raise CellError(
            f"ไม่พบกลุ่มจังหวัด {quote(text)} ใช้รหัส เช่น south_andaman หรือชื่อ เช่น "
            f"กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน หรือ ภาคใต้ฝั่งอันดามัน ตามชีต '{CODES_SHEET}' "
            f"(no provincial cluster {quote(text)}: use its id, e.g. south_andaman, or its "
            f"Thai name with or without กลุ่มจังหวัด; see sheet '{CODES_SHEET}')"
        )
    names = reference.load("clusters").set_index("id").loc[cid, ["name_th", "name_en"]]
    if notes is not None and norm(text) not in {norm(cid), *map(norm, names)}:
        notes.append(("read", text, f"{cid} = {names['name_th']}"))  # a shortened name
    return cid


def _code_hint(c: Column, code: str) -> str:
    try:
        return f"{code} = {reference.code_label(c.codes or '', code)}"
    except Exception:
        return code


# --------------------------------------------------------------------------- coercion
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009_']")
_TRUE = {"true", "1", "yes", "y", "ใช่", "จริง", "t"}
_FALSE = {"false", "0", "no", "n", "ไม่ใช่", "เท็จ", "f"}
_TIME_TAIL = re.compile(
    r"^(?P<date>.+?)(?:[T ]+|\s*เวลา\s*)(?P<h>\d{1,2})[:.](?P<m>\d{2})"
    r"(?:[:.](?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?\s*(?:น\.?)?$"
)
# Excel serial numbers of a date cell that lost its format: 1927-2173, or a BE year typed
# into a date (2401-9999 AD, the largest date Excel has).
_SERIAL_CE = (10_000, 100_000)
_TWO_DIGIT_YEAR = re.compile(r"(?<![\d๐-๙])[\d๐-๙]{2}\s*$")
_SERIAL_BE = (182_989, 2_958_465)  # 2401-01-01 .. 9999-12-31


def _shown(v: Any) -> str:
    return quote(v) if isinstance(v, str) else str(v)


def _number_text(text: str) -> float | None:
    s = _SPACES.sub("", arabic_digits(text)).replace(",", "")
    if not _NUMBER.match(s):
        return None
    return float(s)


def _to_float(v: Any) -> float:
    if isinstance(v, bool):
        raise CellError(f"ต้องเป็นตัวเลข ได้ {v} (expected a number, got {v})")
    if isinstance(v, int | float):
        f = float(v)
    elif isinstance(v, str):
        parsed = _number_text(v)
        if parsed is None:
            raise CellError(f"ต้องเป็นตัวเลข ได้ {quote(v)} (expected a number, got {quote(v)})")
        f = parsed
    else:
        raise CellError(f"ต้องเป็นตัวเลข ได้ {_shown(v)} (expected a number, got {_shown(v)})")
    if not math.isfinite(f):
        raise CellError(
            f"ต้องเป็นตัวเลขจำกัด ได้ {_shown(v)} (expected a finite number, got {_shown(v)})"
        )
    return f


def _to_int(v: Any) -> int:
    try:
        f = _to_float(v)
    except CellError:
        raise CellError(
            f"ต้องเป็นจำนวนเต็ม ได้ {_shown(v)} (expected a whole number, got {_shown(v)})"
        ) from None
    if isinstance(v, int):
        return v
    if not f.is_integer():
        raise CellError(f"ต้องเป็นจำนวนเต็ม ได้ {_shown(v)} (expected a whole number, got {_shown(v)})")
    return int(f)


def _serial(v: Any) -> dt.datetime | None:
    """An Excel serial number as a datetime (BE years not yet converted), else None."""
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
        return None
    if _SERIAL_CE[0] <= v <= _SERIAL_CE[1] or _SERIAL_BE[0] <= v <= _SERIAL_BE[1]:
        from openpyxl.utils.datetime import from_excel

        return from_excel(float(v))
    return None


def _ce(d: Any) -> Any:
    """A date or datetime with a BE year (above 2400) moved to its CE year."""
    try:
        return be_to_ce(d)
    except CalendarError as e:
        raise CellError(str(e)) from None


def _to_date(v: Any) -> dt.date:
    stamp = v if isinstance(v, dt.datetime) else _serial(v)
    if stamp is not None:
        if stamp.time() != dt.time():
            raise CellError(
                f"คอลัมน์นี้รับเฉพาะวันที่ แต่เซลล์มีเวลา {stamp:%H:%M} ด้วย "
                f"(this column takes a date only, but the cell also holds the time "
                f"{stamp:%H:%M}; remove the time or format the cell as a date)"
            )
        return _ce(stamp.date())
    if isinstance(v, dt.date):
        return _ce(v)
    if isinstance(v, str):
        try:
            return parse_thai_date(v)
        except ValueError as e:
            raise CellError(str(e)) from None
    raise CellError(
        f"ต้องเป็นวันที่ เช่น 2022-03-15 หรือ 15/03/2565 ได้ {_shown(v)} "
        f"(expected a date such as 2022-03-15 or 15/03/2565, got {_shown(v)})"
    )


def _to_datetime(v: Any) -> dt.datetime:
    serial = _serial(v)
    if isinstance(v, dt.datetime):
        out = v
    elif isinstance(v, dt.date):
        out = dt.datetime.combine(v, dt.time())
    elif serial is not None:
        out = serial
    elif isinstance(v, str):
        s = arabic_digits(v).strip()
        try:
            out = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            m = _TIME_TAIL.match(s)
            try:
                if m:
                    day = parse_thai_date(m["date"].strip())
                    frac = int((m["f"] or "0").ljust(6, "0"))
                    out = dt.datetime.combine(
                        day, dt.time(int(m["h"]), int(m["m"]), int(m["s"] or 0), frac)
                    )
                else:
                    out = dt.datetime.combine(parse_thai_date(s), dt.time())
            except ValueError:
                raise CellError(
                    f"อ่านวันเวลา {quote(v)} ไม่ได้ ใช้รูปแบบ 2022-03-15 16:00 หรือ 15/03/2565 16:00 "
                    f"(cannot read the date and time {quote(v)}: use 2022-03-15 16:00 or "
                    "15/03/2565 16:00)"
                ) from None
    else:
        raise CellError(f"ต้องเป็นวันเวลา ได้ {_shown(v)} (expected a date and time, got {_shown(v)})")
    out = _ce(out)
    return out if out.tzinfo is not None else out.replace(tzinfo=BANGKOK)


def _to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    key = norm(arabic_digits(str(v)))
    if isinstance(v, int | float | str) and key in _TRUE | _FALSE:
        return key in _TRUE
    raise CellError(f"ต้องเป็น จริง/เท็จ ได้ {_shown(v)} (expected true/false, got {_shown(v)})")


def _to_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    return str(v)  # text: normalised already by coerce


def _float_cell(v: Any, c: Column, notes: Notes | None, measure: bool) -> float:
    """A number cell, also in the everyday forms of money and percentage columns."""
    if isinstance(v, PercentCell):
        if not measure:
            return _to_float(v.value)  # e.g. a confidence 0.8 shown as 80 %
        pct = _to_float(v.value) * 100
        pct = round(pct, 10)
        if notes is not None:
            notes.append(
                (
                    "percent",
                    f"{_plain(v.value * 100)}% (เซลล์รูปแบบร้อยละ/percent cell {_plain(v.value)})",
                    _plain(pct),
                )
            )
        return pct
    if isinstance(v, str) and _number_text(v) is None:
        if is_money_column(c.th):
            money = parse_money(v)
            if money is not None:
                if notes is not None and _MILLIONS.search(v):  # «480,000 บาท» needs no word
                    notes.append(("read", v, f"{_plain(money)} บาท"))
                return _to_float(money)
            raise CellError(
                f"ต้องเป็นจำนวนเงิน (บาท) ได้ {quote(v)} ใช้รูปแบบ {MONEY_FORMS} "
                f"(expected an amount in baht, got {quote(v)}; accepted: {MONEY_FORMS})"
            )
        if measure:
            pct = parse_percent_text(v)
            if pct is not None:
                if notes is not None:
                    notes.append(("percent", v, _plain(pct)))
                return _to_float(pct)
            raise CellError(
                f"ต้องเป็นตัวเลข ได้ {quote(v)} ใช้รูปแบบ {PERCENT_FORMS} "
                f"(expected a number, got {quote(v)}; accepted: {PERCENT_FORMS})"
            )
    return _to_float(v)


def _plain(x: float) -> str:
    """A number as a Thai reader writes it: ``4,800,000``, ``62``, ``0.5``."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,.6g}"


def coerce(value: Any, c: Column, *, notes: Notes | None = None, measure: bool = False) -> Any:
    """One cell as the Python value of column ``c``; None for an empty cell.

    Text is normalised first (:func:`kpyj_lib.text.normalize_text`: NFC, Thai mark order,
    no invisible characters, no surrounding spaces), in every column, so that two cells that
    look the same give the same value. A date or date-time whose year is above 2400 is a
    Buddhist Era year and is converted, whatever the form of the cell.

    Everyday Thai forms (issue 17) are read too and, when ``notes`` is a list, reported
    there as ``(kind, typed, understood)``: a two-digit Buddhist-Era year (``31 ธ.ค. 67``),
    a code by one of its aliases (``ยังไม่เริ่ม``), a cluster by its name, money with ``บาท``,
    ``ล้าน`` or ``.-``, and in a ``measure`` column (a value with a unit of measure) a
    percentage (``62%``, ``ร้อยละ 62``, a percent-formatted cell holding 0.62: all 62).

    Raises
    ------
    CellError
        For a formula or error cell, a wrong type, an invalid code or unknown province.
    """
    if isinstance(value, Formula):
        raise CellError(
            f"เซลล์เป็นสูตร ({visible(value.text)}) โปรดคัดลอกแล้ววางแบบค่า "
            f"(the cell holds a formula {visible(value.text)}; please paste values: "
            "Copy, then Paste Special > Values)"
        )
    if isinstance(value, ErrorValue):
        raise CellError(f"เซลล์มีค่าผิดพลาด {value.code} (the cell holds an Excel error {value.code})")
    if isinstance(value, str):
        value = normalize_text(value)
    if value is None or (isinstance(value, str) and not value):
        return None
    if isinstance(value, PercentCell) and c.type is not float:
        value = value.value
    if c.type is str:
        if c.ref == "provinces":
            return _province(_to_text(value))
        if c.ref == "clusters":
            return _cluster(_to_text(value), notes)
        if c.codes or c.choices:
            return _code(_to_text(value), c, notes)
        return _to_text(value)
    if c.type is int:
        return _to_int(value)
    if c.type is float:
        return _float_cell(value, c, notes, measure)
    if c.type is bool:
        return _to_bool(value)
    if c.type is dt.datetime:
        return _to_datetime(value)
    if c.type is dt.date:
        day = _to_date(value)
        if notes is not None and isinstance(value, str) and _TWO_DIGIT_YEAR.search(value):
            notes.append(("read", value, format_thai_date(day)))
        return day
    raise TypeError(f"unsupported column type {c.type!r}")  # pragma: no cover


# --------------------------------------------------------------------------- pydantic errors
_RULES_EN = {
    "ปีเริ่มต้องไม่มากกว่าปีสิ้นสุด": "start year after end year",
    "ค่าฐานเท่ากับค่าเป้าหมาย": "baseline equals target: no distance to measure progress",
    "ทิศทาง 'เพิ่มขึ้น' แต่ค่าเป้าหมายน้อยกว่าค่าฐาน": "direction 'up' but target below baseline",
    "ทิศทาง 'ลดลง' แต่ค่าเป้าหมายมากกว่าค่าฐาน": "direction 'down' but target above baseline",
    "วันเริ่มอยู่หลังวันครบกำหนด": "start date after due date",
    "วันเริ่มอยู่หลังวันสิ้นสุด": "start date after end date",
    "เกณฑ์ 5 ระดับต้องกรอกครบ": "give all five level thresholds or none",
    "เกณฑ์ 5 ระดับต้องเรียง": "the five level thresholds must increase or decrease",
    "ต้องระบุหน่วยงานผู้ส่งหรือผู้รับ": "give the sending unit, the receiving unit or both",
    "สัปดาห์ที่รายงานต้องระบุเป็นวันจันทร์": "week_start must be a Monday",
    # issue 14: plan documents
    "งบประมาณที่เสนอขอ": "the budget requested is less than the budget allocated",
    "ปีของค่าฐาน": "the baseline year is later than the target year",
}


def _error_message(err: Mapping[str, Any], c: Column | None) -> str:
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        n = ctx.get("max_length")
        return f"ข้อความยาวเกิน {n} ตัวอักษร (text longer than {n} characters)"
    bounds = {
        "greater_than_equal": ("ต้องไม่น้อยกว่า", "must be at least", "ge"),
        "less_than_equal": ("ต้องไม่มากกว่า", "must be at most", "le"),
        "greater_than": ("ต้องมากกว่า", "must be greater than", "gt"),
        "less_than": ("ต้องน้อยกว่า", "must be less than", "lt"),
    }
    if kind in bounds:
        th, en, key = bounds[kind]
        limit = ctx.get(key)
        got = err.get("input")
        msg = f"ค่า {got} {th} {limit} (value {got} {en} {limit})"
        if (
            c is not None
            and c.name in ("fiscal_year", "year", "start_fy", "end_fy")
            and (isinstance(got, int) and 1900 <= got <= 2300)
        ):
            msg += f" ใช้ปี พ.ศ. เช่น {got + 543} (use Buddhist Era years, e.g. {got + 543})"
        return msg
    if kind == "missing":
        return "ต้องกรอก (required value is empty)"
    text = str(err.get("msg", "")).removeprefix("Value error, ")
    for th, en in _RULES_EN.items():
        if text.startswith(th):
            return f"{text} ({en})"
    if text.isascii():  # a rule without a Thai message
        return f"ค่าไม่ถูกต้อง (invalid value: {text})"
    return text


# --------------------------------------------------------------------------- the validator
@dataclass
class StoreContext:
    """What a file may rely on in the store it is checked against (merge mode).

    ``ids``: key values per entity and reference table; ``parents``: per tree entity, each
    id's parent; ``scope``: per entity, each id's fiscal year (entities with their own
    ``fiscal_year``) or its parent's id (entities scoped by a parent, e.g. a key result's
    objective), to find the fiscal year a date belongs to; ``alignments``: the
    ``(plan item, higher plan item)`` alignment edges among plan items.
    """

    ids: Mapping[str, set[str]] = field(default_factory=dict)
    parents: Mapping[str, Mapping[str, str | None]] = field(default_factory=dict)
    scope: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    alignments: set[tuple[str, str]] = field(default_factory=set)
    #: per entity with a unit of measure (key results, driving indicators), each id's unit
    units: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


@dataclass
class Validation:
    """The result of :func:`check_raw`: valid records, problems (refusals) and notices."""

    records: dict[str, list[Record]]
    problems: list[Problem]
    notices: list[Problem]


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    failed: set[str] = field(default_factory=set)
    record: Record | None = None
    raw_keys: dict[str, Any] = field(default_factory=dict)
    #: columns given as a percentage (``62%``): checked against the unit of measure
    percent: set[str] = field(default_factory=set)


@dataclass
class _Sheet:
    entity: Entity
    raw: RawSheet
    order: int
    header_row: int = 1
    header: list[Any] = field(default_factory=list)
    data: list[RawRow] = field(default_factory=list)  # the data rows that are checked
    headers: dict[str, str] = field(default_factory=dict)  # column name -> header as written
    index: dict[str, int] = field(default_factory=dict)  # column name -> cell index
    missing: set[str] = field(default_factory=set)  # required columns absent from the header
    covered: set[tuple[int, int]] = field(default_factory=set)  # (row, index) in merged ranges
    rows: list[_Row] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.header_row = self.raw.header_row or 1
        self.header = list(self.raw.header)
        self.data = list(self.raw.rows)

    def header_of(self, name: str) -> str:
        return self.headers.get(name) or header_text(self.entity.column(name))

    def column_name(self, idx: int) -> str:
        """The header of cell index ``idx`` as written, or its column letter."""
        for name, i in self.index.items():
            if i == idx:
                return self.headers[name]
        return get_column_letter(idx + 1)


@dataclass
class _Collector:
    problems: list[tuple[int, int, int, Problem]] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)

    def add(self, order: int, problem: Problem, *, first: bool = False) -> None:
        """Collect a problem; ``first`` ones are listed before the others of their sheet."""
        self.problems.append((order, 0 if first else 1, problem.row or 0, problem))

    def sorted(self) -> list[Problem]:
        return [p for *_, p in sorted(self.problems, key=lambda t: t[:3])]


def _blank(v: Any) -> bool:
    if v is None:
        return True
    if not isinstance(v, str):
        return False
    s = v.strip()
    return not s or (not s.isprintable() and not normalize_text(s))


def _did_you_mean(close: list[str]) -> tuple[str, str]:
    if not close:
        return "", ""
    return f" หมายถึง '{close[0]}' หรือไม่", f", did you mean '{close[0]}'?"


def _match_sheets(raw: RawWorkbook, partial: bool, out: _Collector) -> list[_Sheet]:
    sheets: list[_Sheet] = []
    seen: dict[str, RawSheet] = {}
    for order, rs in enumerate(raw.sheets):
        ent = entity_for_sheet(rs.name)
        if ent is None:
            if is_auxiliary_sheet(rs.name) or rs.is_empty:
                continue
            known = [e.sheet_th for e in ENTITIES.values()] + list(ENTITIES)
            close = difflib.get_close_matches(normalize_text(rs.name), known, n=1)
            th_hint, en_hint = _did_you_mean(close)
            out.add(
                order,
                Problem(
                    rs.file,
                    f"ไม่รู้จักชีต {quote(rs.name)}{th_hint} ให้เปลี่ยนชื่อตามรายชื่อในชีต "
                    f"'{INSTRUCTIONS_SHEET}' หรือขึ้นต้นชื่อด้วย _ เพื่อข้าม "
                    f"(unknown sheet {quote(rs.name)}{en_hint}; rename it to a sheet listed in "
                    f"'{INSTRUCTIONS_SHEET}', or start its name with '_' to skip it)",
                    sheet=visible(rs.name),
                ),
            )
            continue
        if ent.name in seen:
            out.add(
                order,
                Problem(
                    rs.file,
                    f"ชีตของ {ent.sheet_th} ({ent.name}) มีซ้ำกับชีต '{seen[ent.name].name}' "
                    f"(two sheets for {ent.name}: also '{seen[ent.name].name}')",
                    sheet=rs.name,
                ),
            )
            continue
        seen[ent.name] = rs
        if not rs.readable:  # a CSV file that could not be decoded: already a problem
            continue
        if rs.hidden:
            out.notices.append(
                Problem(
                    rs.file,
                    f"ชีต '{rs.name}' ถูกซ่อนอยู่ใน Excel แต่นำเข้าด้วยเช่นเดียวกับชีตอื่น "
                    f"(sheet '{rs.name}' is hidden in Excel; it is imported like any other sheet)",
                    sheet=rs.name,
                )
            )
        if rs.is_empty:
            if not partial:
                out.add(
                    order,
                    Problem(
                        rs.file,
                        "ชีตว่าง ไม่มีแถวหัวตาราง (the sheet is empty: no header row)",
                        sheet=rs.name,
                        row=1,
                    ),
                )
            continue
        sheets.append(_Sheet(ent, rs, order))
    if not seen:
        out.add(
            -1,
            Problem(
                raw.source,
                "ไม่พบชีตข้อมูลของ กพยจ. ในไฟล์ ชื่อชีตต้องตรงกับที่ระบุในชีตคำแนะนำ "
                "(no kpyj data sheet in the file: sheets must be named as in the template, "
                "e.g. 'วัตถุประสงค์' or 'objectives')",
            ),
        )
        return sheets
    if not partial:
        from .guide import first_plan_sheets

        first_plan = set(first_plan_sheets())
        for ent in ENTITIES.values():
            # issue 17: only the sheets of a first plan are asked for; the others may be left out
            if ent.name not in seen and not ent.sheet_optional and ent.name in first_plan:
                where = (
                    f"ไฟล์ {ent.name}.csv หรือ {ent.sheet_th}.csv"
                    if raw.kind == "csv"
                    else f"ชีต '{ent.sheet_th}'"
                )
                out.add(
                    len(raw.sheets),
                    Problem(
                        raw.source,
                        f"ไม่พบ{where} (missing sheet '{ent.sheet_th}' / '{ent.name}'; "
                        "use a partial import to load only some sheets)",
                        sheet=ent.sheet_th,
                    ),
                )
    return sheets


def _header_score(ent: Entity, cells: list[Any]) -> tuple[int, int]:
    """(cells naming a column of ``ent``, non-blank cells) of a candidate header row."""
    known = filled = 0
    for cell in cells:
        if _blank(cell) or isinstance(cell, Formula | ErrorValue):
            continue
        filled += 1
        if column_for_header(ent, normalize_text(str(cell))) is not None:
            known += 1
    return known, filled


def _looks_like_header(ent: Entity, cells: list[Any]) -> bool:
    known, filled = _header_score(ent, cells)
    return known > 0 and 2 * known >= filled


def _find_header(sh: _Sheet, out: _Collector) -> None:
    """A title line (or several) above the real header row: one problem, then read on."""
    ent, rs = sh.entity, sh.raw
    if _looks_like_header(ent, sh.header):
        return
    for i, row in enumerate(sh.data[:5]):
        if not _looks_like_header(ent, row.cells):
            continue
        title = " ".join(
            str(c) for c in sh.header if not _blank(c) and not isinstance(c, Formula | ErrorValue)
        )
        above = [sh.header_row] + [r.number for r in sh.data[:i]]
        rows_th = ", ".join(map(str, above))
        out.add(
            sh.order,
            Problem(
                rs.file,
                f"แถว {rows_th} เป็นชื่อเรื่อง {quote(title)} อยู่เหนือแถวหัวตาราง (แถว {row.number}) "
                "โปรดลบแถวเหนือหัวตาราง ให้หัวตารางเป็นแถวแรกของชีต "
                f"(row {rows_th} looks like a title {quote(title)} above the header row "
                f"{row.number}; delete the row(s) above the header: the header must be the "
                "first row of the sheet)",
                rs.name,
                sh.header_row,
            ),
            first=True,
        )
        sh.header_row, sh.header, sh.data = row.number, list(row.cells), sh.data[i + 1 :]
        return


def _formula_rows(sh: _Sheet, out: _Collector) -> None:
    """Rows that hold nothing but formulas (dragged down below the data): one problem a run."""
    rs = sh.raw
    runs: list[list[RawRow]] = []
    keep: list[RawRow] = []
    previous_was_formula = False
    for row in sh.data:
        filled = [v for v in row.cells if not _blank(v)]
        if filled and all(isinstance(v, Formula) for v in filled):
            if previous_was_formula:
                runs[-1].append(row)
            else:
                runs.append([row])
            previous_was_formula = True
        else:
            keep.append(row)
            previous_was_formula = False
    if not runs:
        return
    sh.data = keep
    for run in runs:
        first, last = run[0].number, run[-1].number
        cols = sorted({i for r in run for i, v in enumerate(r.cells) if isinstance(v, Formula)})
        letters = ", ".join(get_column_letter(i + 1) for i in cols)
        where = _written_header(sh, cols[0]) if len(cols) == 1 else letters
        span = f"{first}-{last}" if last != first else str(first)
        out.add(
            sh.order,
            Problem(
                rs.file,
                f"แถว {span} มีแต่สูตร (คอลัมน์ {letters}) ที่ลากลงมาเกินแถวข้อมูล ไม่มีข้อมูลอื่น "
                "โปรดลบแถวเหล่านี้ "
                f"(rows {span} hold only formulas (column {letters}) dragged down below the "
                "data, and nothing else: delete these rows)",
                rs.name,
                first,
                where,
            ),
            first=True,
        )


def _written_header(sh: _Sheet, idx: int) -> str:
    """The header cell above cell index ``idx`` as written, else its column letter."""
    cell = sh.header[idx] if idx < len(sh.header) else None
    if _blank(cell) or isinstance(cell, Formula | ErrorValue):
        return get_column_letter(idx + 1)
    return visible(" ".join(normalize_text(str(cell)).split()))


def _check_merged(sh: _Sheet, out: _Collector) -> None:
    """Merged cells holding a value inside the table are refused, naming the range."""
    rs = sh.raw
    for m in rs.merged:
        if not m.has_value or m.max_row < sh.header_row:
            continue  # a blank merge reads as blank cells, as Excel shows it; a title is not data
        for r in range(max(m.min_row, sh.header_row), m.max_row + 1):
            for c in range(m.min_col - 1, m.max_col):
                if (r, c) != (m.min_row, m.min_col - 1):
                    sh.covered.add((r, c))
        in_header = m.min_row <= sh.header_row
        where = "หัวตาราง" if in_header else "แถวข้อมูล"
        out.add(
            sh.order,
            Problem(
                rs.file,
                f"เซลล์ที่ผสานกัน {m.coord} ใน{where} โปรดยกเลิกการผสานเซลล์ (หน้าแรก > ผสานและจัดกึ่งกลาง) "
                "แล้วกรอกค่าให้ครบทุกเซลล์ "
                f"(merged cells {m.coord} in the {'header' if in_header else 'data rows'}: "
                "kpyj reads one value per cell and does not guess which rows or columns a "
                "merged value belongs to; unmerge them (Home > Merge & Center) and fill in "
                "every cell)",
                rs.name,
                m.min_row,
                _written_header(sh, m.min_col - 1),
            ),
        )


def _map_header(sh: _Sheet, out: _Collector) -> None:
    rs, ent = sh.raw, sh.entity
    hrow = sh.header_row
    with_data = {i for r in sh.data for i, v in enumerate(r.cells) if not _blank(v)}
    for idx in sorted(with_data | set(range(len(sh.header)))):
        cell = sh.header[idx] if idx < len(sh.header) else None
        letter = get_column_letter(idx + 1)
        if isinstance(cell, Formula | ErrorValue):
            out.add(
                sh.order,
                Problem(
                    rs.file,
                    "หัวตารางต้องเป็นข้อความ ไม่ใช่สูตร (a header must be text, not a formula; "
                    "please paste values)",
                    sheet=rs.name,
                    row=hrow,
                    column=letter,
                ),
            )
            continue
        text = "" if cell is None else " ".join(normalize_text(str(cell)).split())
        if not text:
            if idx in with_data and (hrow, idx) not in sh.covered:
                out.add(
                    sh.order,
                    Problem(
                        rs.file,
                        f"มีข้อมูลในคอลัมน์ {letter} ที่ไม่มีหัวตาราง "
                        f"(data in column {letter}, which has no header)",
                        sheet=rs.name,
                        row=hrow,
                        column=letter,
                    ),
                )
            continue
        c = column_for_header(ent, text)
        if c is None:
            names = [col.th for col in ent.columns] + [col.name for col in ent.columns]
            close = difflib.get_close_matches(text, names, n=1)
            th_hint, en_hint = _did_you_mean(close)
            out.add(
                sh.order,
                Problem(
                    rs.file,
                    f"ไม่รู้จักคอลัมน์ {quote(text)}{th_hint} ข้อมูลในคอลัมน์นี้จะสูญหาย "
                    f"(unknown column {quote(text)} in {ent.name}{en_hint}; "
                    "its data would be lost)",
                    sheet=rs.name,
                    row=hrow,
                    column=visible(text),
                ),
            )
            continue
        if c.name in sh.index:
            out.add(
                sh.order,
                Problem(
                    rs.file,
                    f"คอลัมน์ {c.name} มีซ้ำกับคอลัมน์ '{sh.headers[c.name]}' "
                    f"(column {c.name} appears twice: also '{sh.headers[c.name]}')",
                    sheet=rs.name,
                    row=hrow,
                    column=text,
                ),
            )
            continue
        sh.index[c.name] = idx
        sh.headers[c.name] = text
    for c in ent.columns:
        if c.required and c.name not in sh.index:
            sh.missing.add(c.name)
            out.add(
                sh.order,
                Problem(
                    rs.file,
                    f"ไม่มีคอลัมน์ที่ต้องกรอก '{header_text(c)}' "
                    f"(missing required column '{c.th}' / '{c.name}')",
                    sheet=rs.name,
                    row=hrow,
                    column=header_text(c),
                ),
            )


def _check_rows(sh: _Sheet, out: _Collector) -> None:
    rs, ent = sh.raw, sh.entity
    measured = set(MEASURE_COLUMNS.get(ent.name, ((), ""))[0])
    # (column, typed, understood) -> rows: one notice per distinct reading
    readings: dict[tuple[str, str, str], list[int]] = {}
    for raw_row in sh.data:
        row = _Row(raw_row.number, {}, set(sh.missing))
        for c in ent.columns:
            if c.name not in sh.index:
                continue
            idx = sh.index[c.name]
            if (row.number, idx) in sh.covered:
                row.failed.add(c.name)  # inside a merged range: already a problem
                continue
            cell = raw_row.cells[idx] if idx < len(raw_row.cells) else None
            if c.name in ent.key:
                row.raw_keys[c.name] = cell
            notes: Notes = []
            try:
                v = coerce(cell, c, notes=notes, measure=c.name in measured)
            except CellError as e:
                row.failed.add(c.name)
                out.add(sh.order, Problem(rs.file, str(e), rs.name, row.number, sh.headers[c.name]))
                continue
            if v is None:
                if c.required:
                    row.failed.add(c.name)
                    out.add(
                        sh.order,
                        Problem(
                            rs.file,
                            "ต้องกรอก เซลล์นี้ว่างอยู่ (required cell is empty)",
                            rs.name,
                            row.number,
                            sh.headers[c.name],
                        ),
                    )
                continue  # an empty optional cell takes the column's default
            for kind, typed, understood in notes:
                if kind == "percent":
                    row.percent.add(c.name)
                readings.setdefault((c.name, typed, understood), []).append(row.number)
            row.values[c.name] = v
        try:
            row.record = ent.record(**row.values)
        except ValidationError as e:
            for err in e.errors():
                loc = err.get("loc") or ()
                name = str(loc[0]) if loc else None
                if name is not None and name in row.failed:
                    continue
                if name is None and row.failed:
                    continue  # cross-field rules only make sense on a complete row
                col = ent.column(name) if name in {c.name for c in ent.columns} else None
                if name is not None:
                    row.failed.add(name)
                out.add(
                    sh.order,
                    Problem(
                        rs.file,
                        _error_message(err, col),
                        rs.name,
                        row.number,
                        sh.header_of(name) if name else None,
                    ),
                )
        sh.rows.append(row)
    _reading_notices(sh, readings, out)


#: at most this many readings of one column are spelled out in its notice
_READINGS_SHOWN = 3
#: an amount typed in millions («4.8 ล้านบาท»): the only money form worth a notice
_MILLIONS = re.compile(r"ล้าน|ลบ")


def _reading_notices(
    sh: _Sheet, readings: dict[tuple[str, str, str], list[int]], out: _Collector
) -> None:
    """One notice per column of what kpyj understood of its everyday forms: the first few
    readings spelled out, how many more there are, and the rows."""
    by_column: dict[str, list[tuple[str, str, list[int]]]] = {}
    for (name, typed, understood), rows in readings.items():
        by_column.setdefault(name, []).append((typed, understood, rows))
    for name, items in by_column.items():
        shown = items[:_READINGS_SHOWN]
        th = ", ".join(f"«{visible(t)}» เป็น {u}" for t, u, _ in shown)
        en = ", ".join(f"«{visible(t)}» as {u}" for t, u, _ in shown)
        rest = len(items) - len(shown)
        if rest:
            th += f" และอีก {rest} ค่าในรูปแบบเดียวกัน"
            en += f" and {rest} more of the same forms"
        rows = sorted({r for _, _, rs in items for r in rs})
        listed = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
        where = f" (แถว/rows {listed})" if len(rows) > 1 else ""
        out.notices.append(
            Problem(
                sh.raw.file,
                f"อ่าน {th}{where} (read {en})",
                sh.raw.name,
                rows[0],
                sh.headers[name],
            )
        )


def _share_notice(sh: _Sheet, row: _Row, measured: tuple[str, ...], out: _Collector) -> None:
    """A row in ร้อยละ whose plain values all lie in 0-1 (``0.62 → 0.85``) looks like shares
    typed for percentages: said in a notice, not changed (0.5 per cent is a real value)."""
    if not is_percent_unit(row.values.get("unit_of_measure")):
        return
    given = {
        n: row.values[n]
        for n in measured
        if n in row.values and n not in row.failed and n not in row.percent
    }
    values = list(given.values())
    if len(values) < 2 or not all(0 <= v <= 1 for v in values) or not any(values):
        return
    shown = " → ".join(_plain(v) for v in values)
    meant = " → ".join(_plain(v * 100) for v in values)
    out.notices.append(
        Problem(
            sh.raw.file,
            f"ค่า {shown} ของหน่วยนับ ร้อยละ ดูเหมือนสัดส่วน 0-1 หากหมายถึง ร้อยละ {meant} "
            f"ให้พิมพ์ {meant} หรือ 62% (the values {shown} in ร้อยละ look like shares of 1: "
            f"if you mean {meant} per cent, type {meant} or 62%)",
            sh.raw.name,
            row.number,
            sh.header_of(next(iter(given))),
        )
    )


def _check_percent_units(sheets: list[_Sheet], context: StoreContext, out: _Collector) -> None:
    """A value typed as a percentage (``62%``) is read as 62 only where its unit of measure
    is a percentage; elsewhere it is ambiguous and refused (issue 17)."""
    units: dict[str, dict[str, Any]] = {name: dict(v) for name, v in context.units.items()}
    for sh in sheets:
        if sh.entity.name in ("key_results", "driving_indicators"):
            for r in sh.rows:
                if "id" in r.values:
                    units.setdefault(sh.entity.name, {})[str(r.values["id"])] = r.values.get(
                        "unit_of_measure"
                    )
    for sh in sheets:
        spec = MEASURE_COLUMNS.get(sh.entity.name)
        if spec is None:
            continue
        measured, where = spec
        for row in sh.rows:
            if where == "unit_of_measure":
                _share_notice(sh, row, measured, out)
            cols = sorted(row.percent - row.failed)
            if not cols:
                continue
            if isinstance(where, tuple):
                ref_col, table = where
                if ref_col not in row.values:
                    continue
                key = str(row.values[ref_col])
                if key not in units.get(table, {}):
                    continue  # a dangling reference: already a problem
                unit = units[table][key]
                whose = f"หน่วยนับของ {key} ในชีต '{ENTITIES[table].sheet_th}' "
                whose_en = f"the unit of measure of {key} in {table}"
            else:
                unit = row.values.get(where)
                whose, whose_en = "หน่วยนับของแถวนี้", "this row's unit of measure"
            if is_percent_unit(unit):
                continue
            for name in cols:
                row.failed.add(name)
                got = "ว่าง" if unit is None else f"«{unit}»"
                out.add(
                    sh.order,
                    Problem(
                        sh.raw.file,
                        f"ค่านี้เป็นร้อยละ แต่{whose}เป็น {got} ไม่ใช่ ร้อยละ จึงอ่านไม่ได้แน่ชัด "
                        "ให้ใส่หน่วยนับเป็น ร้อยละ หรือพิมพ์ตัวเลขธรรมดาโดยไม่มี % "
                        "(และไม่จัดรูปแบบเซลล์เป็นร้อยละ) "
                        f"(the value is a percentage but {whose_en} is "
                        f"{'empty' if unit is None else repr(unit)}, not a percentage: "
                        "ambiguous; set the unit to ร้อยละ, or type a plain number without % "
                        "in a cell not formatted as percent)",
                        sh.raw.name,
                        row.number,
                        sh.header_of(name),
                    ),
                )


def _key_of(ent: Entity, row: _Row) -> tuple[str, ...] | None:
    if any(k in row.failed or k not in row.values for k in ent.key):
        return None
    return tuple(str(row.values[k]) for k in ent.key)


def _as_typed(row: _Row, ent: Entity) -> str:
    return " / ".join(visible(str(row.raw_keys.get(k, ""))).strip() for k in ent.key)


def _check_keys(sh: _Sheet, out: _Collector) -> None:
    ent, rs = sh.entity, sh.raw
    first: dict[tuple[str, ...], _Row] = {}
    column = ", ".join(sh.header_of(k) for k in ent.key)
    for row in sh.rows:
        key = _key_of(ent, row)
        if key is None:
            continue
        if key not in first:
            first[key] = row
            continue
        other = first[key]
        shown = visible(" / ".join(key))
        a, b = _as_typed(other, ent), _as_typed(row, ent)
        th_why = en_why = ""
        if a != b:
            th_why = (
                f" ทั้งสองแถวดูเหมือนกันเมื่อแสดงผล: แถว {other.number} พิมพ์ว่า «{a}» "
                f"แถว {row.number} พิมพ์ว่า «{b}»"
            )
            en_why = (
                f"; they look the same once displayed: row {other.number} has «{a}», row "
                f"{row.number} has «{b}» (invisible characters, spaces or the order of Thai "
                "vowel and tone marks differ)"
            )
        out.add(
            sh.order,
            Problem(
                rs.file,
                f"รหัส '{shown}' ซ้ำกับแถว {other.number}{th_why} "
                f"(duplicate key '{shown}': rows {other.number} and {row.number}{en_why})",
                rs.name,
                row.number,
                column,
            ),
        )


def _check_refs(sheets: list[_Sheet], ids: Mapping[str, set[str]], out: _Collector) -> None:
    for sh in sheets:
        ent, rs = sh.entity, sh.raw
        for c in ent.columns:
            if not (c.ref or c.poly) or c.ref == "provinces":
                continue
            for row in sh.rows:
                if c.name in row.failed or row.values.get(c.name) is None:
                    continue
                value = str(row.values[c.name])
                if c.poly:
                    if c.poly in row.failed or c.poly not in row.values:
                        continue
                    kind = str(row.values[c.poly])
                    table = NODE_TABLES.get(kind)
                    if table is None:
                        continue
                else:
                    kind, table = "", c.ref or ""
                if value in ids.get(table, set()):
                    continue
                if table in ENTITIES:
                    t = ENTITIES[table]
                    where = f"ชีต '{t.sheet_th}' ({t.name})"
                else:
                    where = f"ข้อมูลอ้างอิง {table} (reference table {table})"
                what = f"{kind} " if kind else ""
                row.failed.add(c.name)
                th_hint = en_hint = ""
                if table in ("plan_items", "plans"):
                    use = _builtin_suggestion(table, value, ids.get(table, set()))
                    if use:
                        th_hint = f" หากหมายถึงแผนที่มีในระบบ ใช้รหัส {_ids_with_names(use)}"
                        en_hint = f"; built into kpyj: use {', '.join(use)}"
                out.add(
                    sh.order,
                    Problem(
                        rs.file,
                        f"ไม่พบรหัส {what}{quote(value)} ใน{where} หรือในฐานข้อมูล{th_hint} "
                        f"(dangling reference: {what}{quote(value)} is not in {table}, "
                        f"neither in this file nor in the store{en_hint})",
                        rs.name,
                        row.number,
                        sh.headers[c.name],
                    ),
                )


def _builtin_suggestion(table: str, value: str, known: set[str]) -> list[str]:
    """Built-in ids a dangling plan or plan-item reference probably means: the same id in
    another case or spacing (``ns-2``, ``NS 2``), or a built-in item typed by its name."""
    from .builtin import match_items, match_plans

    squeeze = re.sub(r"[\s_.-]", "", value).casefold()
    same = [k for k in sorted(known) if re.sub(r"[\s_.-]", "", k).casefold() == squeeze]
    if same:
        return same
    return match_items(value) if table == "plan_items" else match_plans(value)


def _check_tree(sh: _Sheet, known_parents: Mapping[str, str | None], out: _Collector) -> None:
    ent, rs = sh.entity, sh.raw
    col = ent.tree
    if col is None or col not in sh.index:
        return
    key = ent.key[0]
    parents: dict[str, str | None] = dict(known_parents)
    rows_of: dict[str, int] = {}
    for row in sh.rows:
        if key in row.failed or key not in row.values:
            continue
        node = str(row.values[key])
        rows_of.setdefault(node, row.number)
        if col in row.failed:
            parents.pop(node, None)
            continue
        p = row.values.get(col)
        parents[node] = None if p is None else str(p)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    cycles: list[list[str]] = []
    for start in rows_of:
        path: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parents.get(node)
        if node is not None and state.get(node) == 1:
            cycles.append(path[path.index(node) :])
        for n in path:
            state[n] = 2
    for cyc in cycles:
        in_file = [n for n in cyc if n in rows_of]
        if not in_file:
            continue
        first = min(in_file, key=lambda n: rows_of[n])
        i = cyc.index(first)
        ordered = cyc[i:] + cyc[:i] + [first]

        def place(n: str) -> str:
            return (
                f"{n} (แถว/row {rows_of[n]})" if n in rows_of else f"{n} (ในฐานข้อมูล/in the store)"
            )

        chain = " → ".join(place(n) for n in ordered)
        msg = (
            f"ลำดับชั้นวนกลับมาที่เดิม: {chain} (cycle in {col}: {' → '.join(ordered)})"
            if len(cyc) > 1
            else f"'{first}' อ้างถึงตัวเองเป็นแม่ ({first} is its own {col})"
        )
        out.add(sh.order, Problem(rs.file, msg, rs.name, rows_of[first], sh.header_of(col)))


def _check_alignment_dag(
    sheets: list[_Sheet], context: StoreContext, replace_parents: bool, out: _Collector
) -> None:
    """Alignment leads *up*: a plan item aligned to itself, or a loop of alignments (and
    plan-item parents) that comes back to where it started, is refused with its rows."""
    by_name = {sh.entity.name: sh for sh in sheets}
    al = by_name.get("alignments")
    if al is None:
        return
    # edge -> where it comes from: (sheet, row) of the file, or a description
    edges: dict[tuple[str, str], tuple[_Sheet, int] | str] = {}
    for d in reference_rows()["alignments"].values():
        if d["source_type"] == "plan_item":
            edges[(d["source_id"], d["plan_item_id"])] = "แผนอ้างอิง/reference plans"
    for u, v in context.alignments:
        edges.setdefault((u, v), "ในฐานข้อมูล/in the store")
    parents: dict[str, tuple[str, tuple[_Sheet, int] | str]] = {}
    for (pid,), d in reference_rows()["plan_items"].items():
        if d.get("parent_id"):
            parents[pid] = (d["parent_id"], "แผนอ้างอิง/reference plans")
    if not replace_parents:
        for pid, parent in context.parents.get("plan_items", {}).items():
            if parent:
                parents.setdefault(pid, (parent, "ในฐานข้อมูล/in the store"))
    pi = by_name.get("plan_items")
    if pi is not None:
        for row in pi.rows:
            if "id" in row.failed or "id" not in row.values or "parent_id" in row.failed:
                continue
            node, parent = str(row.values["id"]), row.values.get("parent_id")
            parents.pop(node, None)
            if parent:
                parents[node] = (str(parent), (pi, row.number))
    aligned: set[tuple[str, str]] = set()
    cols = {"source_type", "source_id", "plan_item_id"}
    for row in al.rows:
        vals = row.values
        if row.failed & cols or not cols <= set(vals) or vals["source_type"] != "plan_item":
            continue
        e = (str(vals["source_id"]), str(vals["plan_item_id"]))
        aligned.add(e)
        edges[e] = (al, row.number)
    if not aligned:
        return
    graph = nx.DiGraph()
    for (u, v), where in edges.items():
        graph.add_edge(u, v, where=where, kind="aligns")
    for child, (parent, where) in parents.items():
        if not graph.has_edge(child, parent):
            graph.add_edge(child, parent, where=where, kind="part_of")
    for comp in nx.strongly_connected_components(graph):
        nodes = list(comp)
        if len(nodes) == 1 and not graph.has_edge(nodes[0], nodes[0]):
            continue
        cycle = nx.find_cycle(graph.subgraph(nodes))
        kinds = [graph.edges[u, v]["kind"] for u, v in cycle]
        wheres = [graph.edges[u, v]["where"] for u, v in cycle]
        file_rows = [
            w[1] for w, k in zip(wheres, kinds, strict=True) if k == "aligns" and w[0] is al
        ]
        if not file_rows:
            continue  # a loop of the store alone, or of parents alone (see _check_tree)
        row = min(file_rows)

        def step(u: str, v: str) -> str:
            w, k = graph.edges[u, v]["where"], graph.edges[u, v]["kind"]
            how = "สอดคล้องกับ/aligns to" if k == "aligns" else "อยู่ใต้/is part of"
            place = f"ชีต/sheet '{w[0].raw.name}' แถว/row {w[1]}" if isinstance(w, tuple) else w
            return f"{u} {how} {v} ({place})"

        steps = "; ".join(step(u, v) for u, v in cycle)
        if len(cycle) == 1:
            u = cycle[0][0]
            msg = (
                f"ประเด็นแผน '{u}' สอดคล้องกับตัวเอง ความสอดคล้องต้องชี้ขึ้นไปยังแผนระดับที่สูงกว่า "
                f"(plan item '{u}' aligns to itself: alignment leads up to a higher plan; "
                f"self-loop, a cycle of one: {steps})"
            )
        else:
            msg = (
                "ความสอดคล้องวนกลับมาที่เดิม ความสอดคล้องต้องชี้ขึ้นไปยังแผนระดับที่สูงกว่าเท่านั้น "
                f"(alignment cycle: {steps}; alignment leads up through the plan levels and "
                "cannot come back)"
            )
        out.add(al.order, Problem(al.raw.file, msg, al.raw.name, row, al.header_of("plan_item_id")))


def _thai_day(day: dt.date) -> str:
    """A day with its BE year, or ISO for a year that has no BE form in kpyj (above 2400)."""
    try:
        return format_thai_date(day)
    except CalendarError:
        return day.isoformat()


_EARLIEST = fiscal_year_bounds(2500)[0]
_LATEST = fiscal_year_bounds(2700)[1]


def _check_dates(sheets: list[_Sheet], context: StoreContext, out: _Collector) -> None:
    """Every date must fall in a plausible window around its record's fiscal year (or up to
    today: a workshop of an old fiscal year held today is real)."""
    today = today_bangkok()
    by_name = {sh.entity.name: sh for sh in sheets}
    index: dict[str, dict[str, _Row]] = {}
    for sh in sheets:
        if len(sh.entity.key) == 1:
            k = sh.entity.key[0]
            index[sh.entity.name] = {
                str(r.values[k]): r for r in sh.rows if k in r.values and k not in r.failed
            }

    def fy_of_row(ent: Entity, row: _Row | None, stored: Any, depth: int) -> int | None:
        if depth > 12:
            return None
        if ent.scope == "fy":
            if row is not None:
                fy = None if "fiscal_year" in row.failed else row.values.get("fiscal_year")
            else:
                fy = stored
            try:
                fy = int(fy) if fy is not None else None
            except (TypeError, ValueError):
                return None
            return fy if fy is not None and 2500 <= fy <= 2700 else None
        if ent.scope.startswith("parent:"):
            col = ent.scope.split(":", 1)[1]
            if row is not None:
                parent = None if col in row.failed else row.values.get(col)
            else:
                parent = stored
            target = ent.column(col).ref
            if parent is None or target is None:
                return None
            return fy_of(target, str(parent), depth + 1)
        return None

    def fy_of(name: str, key: str, depth: int = 0) -> int | None:
        row = index.get(name, {}).get(key)
        stored = context.scope.get(name, {}).get(key)
        if row is None and stored is None:
            return None
        return fy_of_row(ENTITIES[name], row, stored, depth)

    for sh in by_name.values():
        ent = sh.entity
        cols = [c for c in ent.columns if c.type in (dt.date, dt.datetime)]
        if not cols:
            continue
        for row in sh.rows:
            fy = fy_of_row(ent, row, None, 0)
            for c in cols:
                if c.name in row.failed or row.values.get(c.name) is None:
                    continue
                v = row.values[c.name]
                day = v.astimezone(BANGKOK).date() if isinstance(v, dt.datetime) else v
                if fy is not None:
                    lo, hi = plausible_window(fy)
                    hi = max(hi, today)  # a record dated when it was made is plausible
                    if lo <= day <= hi:
                        continue
                    if _excel_two_digit_year(sh, row, c, day, lo, hi, out):
                        continue
                    th = (
                        f"วันที่ {_thai_day(day)} อยู่นอกช่วงที่เป็นไปได้ของแถวนี้ "
                        f"(ปีงบประมาณ {fy}: {format_thai_date(lo)} - {format_thai_date(hi)})"
                    )
                    en = (
                        f"date {day.isoformat()} is outside the plausible window of this row's "
                        f"fiscal year {fy}: {lo.isoformat()} to {hi.isoformat()} (fiscal years "
                        f"{fy - DATE_WINDOW_YEARS}-{fy + DATE_WINDOW_YEARS}, or up to today)"
                    )
                else:
                    if _EARLIEST <= day <= _LATEST:
                        continue
                    th = f"วันที่ {day.isoformat()} อยู่นอกช่วงปีงบประมาณ 2500-2700"
                    en = (
                        f"date {day.isoformat()} is outside fiscal years 2500-2700 "
                        f"({_EARLIEST.isoformat()} to {_LATEST.isoformat()})"
                    )
                row.failed.add(c.name)
                out.add(
                    sh.order,
                    Problem(
                        sh.raw.file,
                        f"{th} โปรดตรวจปีที่พิมพ์ ({en}; check the year typed)",
                        sh.raw.name,
                        row.number,
                        sh.header_of(c.name),
                    ),
                )


#: Years Excel gives a two-digit year it parses itself (``31/12/67`` → 1967): 1930-1999.
_EXCEL_CENTURY = (1930, 1999)


def _excel_two_digit_year(
    sh: _Sheet, row: _Row, c: Column, day: dt.date, lo: dt.date, hi: dt.date, out: _Collector
) -> bool:
    """A date cell Excel made from a two-digit BE year: «31/12/67» typed into a date cell is
    stored as 31 Dec **1967**, which no row of a fiscal year 25xx can mean. Read as BE 2567
    (+57 years: 2567 - 543 - 1967), with a notice, when that lands in the row's window."""
    if c.type is not dt.date or not _EXCEL_CENTURY[0] <= day.year <= _EXCEL_CENTURY[1]:
        return False
    be = 2500 + day.year % 100
    try:
        meant = day.replace(year=be - 543)
    except ValueError:  # 29 February of a year that has none
        return False
    if not lo <= meant <= hi:
        return False
    if row.record is not None:
        try:
            setattr(row.record, c.name, meant)
        except ValidationError:
            return False
    row.values[c.name] = meant
    typed = f"{day.day}/{day.month}/{day.year % 100:02d}"
    out.notices.append(
        Problem(
            sh.raw.file,
            f"อ่านวันที่ {day.isoformat()} (Excel อ่าน «{typed}» เป็นปี ค.ศ. {day.year}) "
            f"เป็น {format_thai_date(meant)} เพราะปี 2 หลักคือ พ.ศ. 25xx "
            f"(read the Excel date {day.isoformat()}, a two-digit year {typed} Excel took for "
            f"{day.year}, as {meant.isoformat()}: a two-digit year is Buddhist Era 25xx)",
            sh.raw.name,
            row.number,
            sh.header_of(c.name),
        )
    )
    return True


def _check_reference_plans(sh: _Sheet, out: _Collector) -> None:
    """Refuse rows that would change the built-in reference plans; drop identical copies."""
    name = sh.entity.name
    if name not in ("plans", "plan_items", "alignments"):
        return
    ref = reference_rows()[name]
    ref_plans = set(reference.REFERENCE_PLAN_IDS)
    ref_items = {k[0] for k in reference_rows()["plan_items"]}
    for row in sh.rows:
        if row.record is None:
            continue
        d = row.record.model_dump()
        if name == "plans":
            protected = d["id"] in ref_plans
        elif name == "plan_items":
            protected = d["id"] in ref_items or d["plan_id"] in ref_plans
        else:
            protected = d["source_type"] == "plan_item" and d["source_id"] in ref_items
        if not protected:
            continue
        key = tuple(str(d[k]) for k in sh.entity.key)
        if ref.get(key) == d:
            row.record = None  # an unchanged copy of reference data: nothing to write
            row.failed.add("__reference__")
            continue
        out.add(
            sh.order,
            Problem(
                sh.raw.file,
                _builtin_message(name, d, ref_plans),
                sh.raw.name,
                row.number,
                sh.header_of(sh.entity.key[0]),
            ),
        )


_ALIGN_HOW_TH = (
    f"ให้ลบแถวนี้ แล้วเชื่อมโยงขึ้นไปที่ประเด็นของแผนในระบบในชีต '{ENTITIES['alignments'].sheet_th}' "
    "(คอลัมน์ รหัสประเด็นแผน)"
)
_ALIGN_HOW_EN = (
    "delete this row and link up to the built-in item in the alignments sheet (column plan_item_id)"
)


def _ids_with_names(ids: list[str]) -> str:
    from .builtin import builtin_plans

    names = {i.id: i.name_th for p in builtin_plans() for i in p.items}
    names |= {p.id: p.name_th for p in builtin_plans()}
    return ", ".join(f"{i} «{names[i]}»" if i in names else i for i in ids)


def _builtin_message(name: str, d: Mapping[str, Any], ref_plans: set[str]) -> str:
    """Why a row that names a built-in plan, item or alignment is refused, and which id to use."""
    from .builtin import builtin_plans, item_ids_text, match_items

    plans = {p.id: p for p in builtin_plans()}
    if name == "plans":
        p = plans[d["id"]]
        ids = item_ids_text(p)
        return (
            f"แผน {p.id} «{p.name_th}» มีอยู่ในระบบแล้ว ไม่ต้องกรอกในชีต '{ENTITIES['plans'].sheet_th}' "
            f"ใช้รหัสประเด็น {ids} แทน {_ALIGN_HOW_TH} "
            f"(plan {p.id} is a built-in reference plan of kpyj: do not type it; use its "
            f"items {ids} instead; "
            f"{_ALIGN_HOW_EN})"
        )
    if name == "plan_items":
        item_id = str(d["id"])
        if any(item_id == i.id for p in plans.values() for i in p.items):
            use = [item_id]
        else:
            use = match_items(str(d.get("name_th") or ""))
        if not use and d.get("plan_id") in plans:
            use = [i.id for i in plans[d["plan_id"]].items]
        ids = ", ".join(use)
        return (
            f"ประเด็นนี้มีอยู่ในระบบแล้ว ใช้รหัส {_ids_with_names(use)} แทน {_ALIGN_HOW_TH} "
            f"(this plan item is built into kpyj: use {ids} instead; {_ALIGN_HOW_EN})"
        )
    return (
        f"ความสอดคล้องระหว่างประเด็น {d['source_id']} ของแผนในระบบ มีอยู่ในระบบแล้วและแก้ผ่านไฟล์ไม่ได้ "
        "ให้ลบแถวนี้ (the alignments among built-in plan items are built into kpyj and cannot "
        "be changed by a file: delete this row; link your own items, objectives, key results "
        "or projects to them instead)"
    )


_NATIONAL_KINDS = {"national_strategy", "national_master_plan", "justice_master_plan"}


def _check_builtin_duplicates(sheets: list[_Sheet], out: _Collector) -> None:
    """A plan or plan item under a new id that *is* a built-in one (same name, or an item of a
    plan that is): refused, naming the built-in id to use instead, so that following the
    message creates no duplicate (issue 17)."""
    from .builtin import match_items, match_plans

    ref_plans = set(reference.REFERENCE_PLAN_IDS)
    by_name = {sh.entity.name: sh for sh in sheets}
    duplicate_plans: dict[str, list[str]] = {}  # user plan id -> built-in plan ids
    sh = by_name.get("plans")
    if sh is not None:
        for row in sh.rows:
            if row.record is None or row.record.id in ref_plans:  # type: ignore[attr-defined]
                continue
            rec = row.record
            found = match_plans(rec.name_th, rec.kind)  # type: ignore[attr-defined]
            if not found:
                continue
            duplicate_plans[rec.id] = found  # type: ignore[attr-defined]
            from .builtin import builtin_plans, item_ids_text

            items = {p.id: item_ids_text(p) for p in builtin_plans()}
            use = ", ".join(f"{pid} (ประเด็น/items {items[pid]})" for pid in found)
            out.add(
                sh.order,
                Problem(
                    sh.raw.file,
                    f"แผน «{rec.name_th}» มีอยู่ในระบบแล้ว ใช้รหัส {use} แทน "  # type: ignore[attr-defined]
                    f"ไม่ต้องสร้างแผนใหม่ {_ALIGN_HOW_TH} "
                    f"(this plan is built into kpyj: use {use} instead of a new plan; "
                    f"{_ALIGN_HOW_EN})",
                    sh.raw.name,
                    row.number,
                    sh.header_of("name_th"),
                ),
            )
    kinds: dict[str, str] = {}
    if sh is not None:
        kinds = {
            r.record.id: r.record.kind  # type: ignore[attr-defined]
            for r in sh.rows
            if r.record is not None
        }
    items_sh = by_name.get("plan_items")
    if items_sh is None:
        return
    ref_items = {k[0] for k in reference_rows()["plan_items"]}
    for row in items_sh.rows:
        rec = row.record
        if rec is None or rec.id in ref_items or rec.plan_id in ref_plans:  # type: ignore[attr-defined]
            continue  # built-in ids are _check_reference_plans' business
        national = rec.plan_id in duplicate_plans or kinds.get(rec.plan_id) in _NATIONAL_KINDS  # type: ignore[attr-defined]
        # an item of the user's own (provincial) plan is a copy only under a long exact name
        use = match_items(rec.name_th, min_length=4 if national else 16)  # type: ignore[attr-defined]
        if not use and national and rec.plan_id in duplicate_plans:  # type: ignore[attr-defined]
            from .builtin import builtin_plans

            plans = {p.id: p for p in builtin_plans()}
            use = [i.id for pid in duplicate_plans[rec.plan_id] for i in plans[pid].items]  # type: ignore[attr-defined]
        if not use:
            continue
        ids = ", ".join(use)
        out.add(
            items_sh.order,
            Problem(
                items_sh.raw.file,
                f"ประเด็น «{rec.name_th}» มีอยู่ในระบบแล้ว ใช้รหัส {_ids_with_names(use)} แทน "  # type: ignore[attr-defined]
                f"{_ALIGN_HOW_TH} (this plan item is built into kpyj: use {ids} instead; "
                f"{_ALIGN_HOW_EN})",
                items_sh.raw.name,
                row.number,
                items_sh.header_of("name_th"),
            ),
        )


def check_raw(
    raw: RawWorkbook,
    *,
    context: StoreContext | None = None,
    partial: bool = False,
    replace: bool = False,
) -> Validation:
    """Validate a raw workbook: its records per entity, every problem and every notice.

    Parameters
    ----------
    raw : RawWorkbook
        What :func:`kpyj_lib.io.reader.read_raw` read.
    context : StoreContext, optional
        What the file may rely on in the store (ids, tree parents, fiscal years, alignments
        among plan items). The packaged reference data is always known.
    partial : bool
        Sheets may be missing (only the sheets present are checked and returned).
    replace : bool
        The file will replace the store's user rows, so only reference data counts beyond
        the file (``context`` should then be empty).

    Returns
    -------
    Validation
        ``records`` holds every entity sheet found, with its valid rows (reference rows
        identical to the packaged ones are dropped); ``problems`` is empty when the whole
        file is valid; ``notices`` says what was accepted but worth knowing (hidden sheets).
    """
    ctx = context or StoreContext()
    out = _Collector()
    for p in raw.problems:
        out.add(-1, p)
    if not raw.sheets:
        return Validation({}, out.sorted(), out.notices)
    if all(s.is_empty and s.readable for s in raw.sheets):
        out.add(
            -1,
            Problem(
                raw.source,
                "ไฟล์ไม่มีข้อมูล ไม่มีชีตใดมีแถวหัวตาราง (the file is empty: no sheet has a header row)",
            ),
        )
        return Validation({}, out.sorted(), out.notices)
    sheets = _match_sheets(raw, partial, out)
    for sh in sheets:
        _find_header(sh, out)
        _check_merged(sh, out)
        _formula_rows(sh, out)
        _map_header(sh, out)
        _check_rows(sh, out)
        _check_keys(sh, out)
        _check_reference_plans(sh, out)
    _check_builtin_duplicates(sheets, out)
    ids: dict[str, set[str]] = reference_ids()
    for name, values in ctx.ids.items():
        ids.setdefault(name, set()).update(str(v) for v in values)
    for sh in sheets:
        ent = sh.entity
        if len(ent.key) == 1:
            key = ent.key[0]
            ids.setdefault(ent.name, set()).update(
                str(r.values[key]) for r in sh.rows if key in r.values and key not in r.failed
            )
    _check_refs(sheets, ids, out)
    for sh in sheets:
        _check_tree(sh, ctx.parents.get(sh.entity.name, {}), out)
    _check_alignment_dag(sheets, ctx, replace, out)
    _check_dates(sheets, ctx, out)
    _check_percent_units(sheets, ctx, out)
    _check_group_targets(sheets, ids.get(GROUP_YEARS, set()), out)
    records = {sh.entity.name: [r.record for r in sh.rows if r.record is not None] for sh in sheets}
    ordered = {name: records[name] for name in ENTITIES if name in records}
    return Validation(ordered, out.sorted(), out.notices)


# --------------------------------------------------------------------------- plan rules
#: The ``known_ids`` entry listing the (fiscal year, province group) pairs that have
#: provinces, as ``"2566:1"`` (:meth:`kpyj_lib.store.Store.known_ids` fills it).
GROUP_YEARS = "province_groups.fiscal_year_group"


def _rows_of(sheets: list[_Sheet], name: str) -> tuple[_Sheet | None, list[_Row]]:
    for sh in sheets:
        if sh.entity.name == name:
            return sh, [r for r in sh.rows if r.record is not None]
    return None, []


def _check_group_targets(sheets: list[_Sheet], known: set[str], out: _Collector) -> None:
    """A driving-plan target for a province group that has no province in its fiscal year.

    Checked where the year is known (the target's indicator and goal are in the file) and the
    year has province groups at all (in the file or the store); a year without any is a gap
    the driving plan itself lists, not an error.
    """
    sh, targets = _rows_of(sheets, "driving_targets")
    if sh is None or not targets:
        return
    _, goals = _rows_of(sheets, "driving_goals")
    _, indicators = _rows_of(sheets, "driving_indicators")
    _, groups = _rows_of(sheets, "province_groups")
    fy_of_goal = {r.record.id: r.record.fiscal_year for r in goals}  # type: ignore[union-attr]
    fy_of_indicator = {
        r.record.id: fy_of_goal.get(r.record.goal_id)  # type: ignore[union-attr]
        for r in indicators
    }
    have = set(known) | {
        f"{r.record.fiscal_year}:{r.record.group}"  # type: ignore[union-attr]
        for r in groups
    }
    years = {k.split(":", 1)[0] for k in have}
    for row in targets:
        rec = row.record
        fy = fy_of_indicator.get(rec.indicator_id)  # type: ignore[union-attr]
        if fy is None or str(fy) not in years:
            continue
        if f"{fy}:{rec.group}" in have:  # type: ignore[union-attr]
            continue
        out.add(
            sh.order,
            Problem(
                sh.raw.file,
                f"กลุ่มการขับเคลื่อนที่ {rec.group} ไม่มีจังหวัดใดในปีงบประมาณ {fy} "  # type: ignore[union-attr]
                f"(ชีต '{ENTITIES['province_groups'].sheet_th}') จึงกำหนดค่าเป้าหมายให้กลุ่มนี้ไม่ได้ "
                f"(province group {rec.group} has no province in FY {fy}: "  # type: ignore[union-attr]
                "a target for it has nobody to reach it)",
                sh.raw.name,
                row.number,
                sh.header_of("group"),
            ),
        )


def validate_raw(
    raw: RawWorkbook,
    *,
    known_ids: Mapping[str, set[str]] | None = None,
    known_parents: Mapping[str, Mapping[str, str | None]] | None = None,
    partial: bool = False,
) -> tuple[dict[str, list[Record]], list[Problem]]:
    """Validate a raw workbook; return its records per entity and every problem found.

    The older form of :func:`check_raw` (no notices, no fiscal-year or alignment context
    from the store).

    Parameters
    ----------
    raw : RawWorkbook
        What :func:`kpyj_lib.io.reader.read_raw` read.
    known_ids : mapping of table name to ids, optional
        Ids that exist outside the file (the store); references may point to them. The
        packaged reference ids (provinces, clusters, PMQA categories, reference plans and
        their items) are always known.
    known_parents : mapping of entity name to {id: parent id}, optional
        The tree columns already in the store, so a cycle closed through stored rows is
        found too.
    partial : bool
        Sheets may be missing (only the sheets present are checked and returned).

    Returns
    -------
    (records, problems)
        ``records`` holds every entity sheet found, with its valid rows (reference rows
        identical to the packaged ones are dropped); ``problems`` is empty when the whole
        file is valid.
    """
    context = StoreContext(ids=known_ids or {}, parents=known_parents or {})
    result = check_raw(raw, context=context, partial=partial)
    return result.records, result.problems
