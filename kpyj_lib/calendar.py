"""Buddhist Era years, the Thai fiscal year, weekly reporting deadlines and Thai dates.

Everything here is a pure function of its arguments (apart from :func:`now_bangkok` and
:func:`today_bangkok`) and never depends on the machine's time zone:

* an **aware** ``datetime`` is converted to Bangkok time first;
* a **naive** ``datetime`` is taken to be Bangkok wall-clock time already (it is *not*
  interpreted in the machine's local zone);
* a ``date`` is a Bangkok calendar day.

Conventions:

* Buddhist Era (พ.ศ.) = Common Era (ค.ศ.) + 543.
* The fiscal year (ปีงบประมาณ) runs 1 October - 30 September and is named by the BE year in
  which it ends: FY 2565 = 1 Oct 2021 - 30 Sep 2022. Quarter 1 is October - December.
* Follow-up rounds (รอบการติดตามผล) are cumulative from 1 October: round 1 = 3 months (to
  31 December), round 2 = 6 months (to 31 March), round 3 = 9 months, round 4 = 12 months.
* Directive reports are due «ภายในวันศุกร์ ก่อน 16.00 น.» — **before** Friday 16.00 Bangkok
  time, so 16.00 itself is late — and are compiled for the Minister (รมว.ยธ.) **Monday
  morning** (การประชุมหารือ 8 กุมภาพันธ์ 2561). A week runs Monday - Sunday.
* Times are written as a Thai official writes them: ``16.00 น.``.

Examples
--------
>>> from datetime import date
>>> fiscal_year(date(2022, 9, 30)), fiscal_year(date(2022, 10, 1))
(2565, 2566)
>>> format_thai_date(date(2022, 3, 15), with_weekday=True)
'วันอังคารที่ 15 มีนาคม 2565'
>>> reporting_deadline(date(2022, 3, 15)).isoformat()
'2022-03-18T16:00:00+07:00'
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kpyj_lib.exceptions import CalendarError

__all__ = [
    "BANGKOK",
    "BE_OFFSET",
    "COMPILATION_TIME",
    "DATE_FORMS",
    "DATE_WINDOW_YEARS",
    "DEADLINE_TIME",
    "DEADLINE_WEEKDAY",
    "ROUND_MONTHS",
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "THAI_WEEKDAYS",
    "TWO_DIGIT_BE_CENTURY",
    "CalendarError",
    "arabic_digits",
    "be_to_ce",
    "be_year",
    "ce_year",
    "compilation_time",
    "fiscal_months",
    "fiscal_quarter",
    "fiscal_quarter_bounds",
    "fiscal_year",
    "fiscal_year_bounds",
    "format_compilation",
    "format_deadline",
    "format_fiscal_year",
    "format_round",
    "format_thai_date",
    "format_thai_datetime",
    "fraction_of_fiscal_year",
    "is_on_time",
    "latest_round",
    "now_bangkok",
    "parse_thai_date",
    "plausible_window",
    "reporting_deadline",
    "round_bounds",
    "round_end",
    "round_of",
    "thai_digits",
    "today_bangkok",
    "week_start",
    "weeks_between",
]


# ---------------------------------------------------------------------------------------------
# Time zone
# ---------------------------------------------------------------------------------------------

#: Offset of Indochina Time. Thailand has not observed daylight saving time since 1920.
_UTC7 = timedelta(hours=7)


def _load_bangkok(loader: Callable[[str], tzinfo] | None = None) -> tzinfo:
    """Return the ``Asia/Bangkok`` zone, or a fixed UTC+07:00 zone if no tz database exists.

    ``loader`` (default :class:`zoneinfo.ZoneInfo`) is a parameter only so that tests can
    simulate a machine without ``tzdata`` and without ``/usr/share/zoneinfo``.
    """
    loader = ZoneInfo if loader is None else loader
    try:
        return loader("Asia/Bangkok")
    except (ZoneInfoNotFoundError, OSError, ValueError):
        # No tzdata package and no system database (e.g. slim containers, Windows):
        # Thailand has no DST, so a fixed offset is exact for every date after 1920.
        return timezone(_UTC7, "Asia/Bangkok")


#: The Bangkok time zone (``ZoneInfo("Asia/Bangkok")``, or a fixed UTC+07:00 fallback).
BANGKOK: tzinfo = _load_bangkok()

#: Years to add to a CE year to get the BE year.
BE_OFFSET = 543

#: Years above this are taken to be BE, at or below to be CE, wherever a year is guessed.
_BE_THRESHOLD = 2400

DateLike = date | datetime


def now_bangkok() -> datetime:
    """Return the current time as an aware datetime in Bangkok time.

    Use this (not ``datetime.now()``) so results never depend on the machine's zone.

    Examples
    --------
    >>> now_bangkok().utcoffset()
    datetime.timedelta(seconds=25200)
    """
    return datetime.now(BANGKOK)


def today_bangkok() -> date:
    """Return today's date in Bangkok (not in the machine's local zone).

    Examples
    --------
    >>> today_bangkok() == now_bangkok().date()
    True
    """
    return now_bangkok().date()


def _to_bangkok(dt: datetime) -> datetime:
    """An aware datetime in Bangkok time; a naive one is taken as Bangkok wall-clock time."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        return dt.replace(tzinfo=BANGKOK)
    return dt.astimezone(BANGKOK)


def _as_date(d: DateLike, name: str = "d") -> date:
    """The Bangkok calendar day of a date or datetime."""
    if isinstance(d, datetime):  # check first: datetime is a subclass of date
        return _to_bangkok(d).date()
    if isinstance(d, date):
        return d
    raise TypeError(
        f"{name} ต้องเป็น date หรือ datetime ({name} must be a date or datetime, got {d!r})"
    )


def _as_int(value: int, name: str) -> int:
    """``value`` as an int (numpy integers accepted); booleans, floats and strings refused."""
    if isinstance(value, bool):
        raise TypeError(f"{name} ต้องเป็นจำนวนเต็ม ({name} must be an int, got {value!r})")
    try:
        return operator.index(value)
    except TypeError:
        raise TypeError(f"{name} ต้องเป็นจำนวนเต็ม ({name} must be an int, got {value!r})") from None


# ---------------------------------------------------------------------------------------------
# Buddhist Era
# ---------------------------------------------------------------------------------------------


def be_year(ce: int) -> int:
    """Convert a Common Era year to a Buddhist Era year (BE = CE + 543).

    Parameters
    ----------
    ce : int
        A CE year (ค.ศ.).

    Returns
    -------
    int
        The BE year (พ.ศ.).

    Raises
    ------
    CalendarError
        (a ``ValueError``) if ``ce`` > 2400, which is almost surely a BE year already.

    Examples
    --------
    >>> be_year(2022)
    2565
    >>> be_year(2565)
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.CalendarError: ปี ค.ศ. 2565 มากกว่า 2400 น่าจะเป็นปี พ.ศ. อยู่แล้ว ...
    """
    ce = _as_int(ce, "ce")
    if ce > _BE_THRESHOLD:
        raise CalendarError(
            f"ปี ค.ศ. {ce} มากกว่า {_BE_THRESHOLD} น่าจะเป็นปี พ.ศ. อยู่แล้ว "
            f"(CE year {ce} is above {_BE_THRESHOLD}: it looks like a Buddhist Era year already)"
        )
    return ce + BE_OFFSET


def ce_year(be: int) -> int:
    """Convert a Buddhist Era year to a Common Era year (CE = BE - 543).

    Parameters
    ----------
    be : int
        A BE year (พ.ศ.).

    Returns
    -------
    int
        The CE year (ค.ศ.).

    Raises
    ------
    CalendarError
        (a ``ValueError``) if ``be`` < 2400, which is almost surely a CE year.

    Examples
    --------
    >>> ce_year(2565)
    2022
    >>> ce_year(2022)
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.CalendarError: ปี พ.ศ. 2022 น้อยกว่า 2400 น่าจะเป็นปี ค.ศ. ...
    """
    be = _as_int(be, "be")
    if be < _BE_THRESHOLD:
        raise CalendarError(
            f"ปี พ.ศ. {be} น้อยกว่า {_BE_THRESHOLD} น่าจะเป็นปี ค.ศ. "
            f"(BE year {be} is below {_BE_THRESHOLD}: it looks like a Common Era year)"
        )
    return be - BE_OFFSET


# ---------------------------------------------------------------------------------------------
# Fiscal year
# ---------------------------------------------------------------------------------------------


def fiscal_year(d: DateLike) -> int:
    """Return the Thai fiscal year (BE) containing a day.

    The fiscal year runs 1 October - 30 September and is named by the BE year in which it
    ends. Aware datetimes are converted to Bangkok time first; naive ones are Bangkok time.

    Parameters
    ----------
    d : date or datetime

    Returns
    -------
    int
        The fiscal year as a BE year, e.g. ``2565``.

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> [fiscal_year(date(2021, 10, 1)), fiscal_year(date(2022, 9, 30)),
    ...  fiscal_year(date(2022, 10, 1))]
    [2565, 2565, 2566]

    20:00 UTC on 30 Sep is 03:00 on 1 Oct in Bangkok:

    >>> fiscal_year(datetime(2022, 9, 30, 20, 0, tzinfo=timezone.utc))
    2566
    """
    day = _as_date(d)
    return be_year(day.year + 1 if day.month >= 10 else day.year)


def fiscal_year_bounds(fy_be: int) -> tuple[date, date]:
    """Return the first and last day of a fiscal year.

    Parameters
    ----------
    fy_be : int
        The fiscal year as a BE year.

    Returns
    -------
    tuple of date
        ``(1 October of the previous CE year, 30 September)``, both inclusive.

    Examples
    --------
    >>> fiscal_year_bounds(2565)
    (datetime.date(2021, 10, 1), datetime.date(2022, 9, 30))
    """
    ce = ce_year(fy_be)
    return date(ce - 1, 10, 1), date(ce, 9, 30)


#: How many fiscal years before and after a record's own fiscal year its dates may fall.
DATE_WINDOW_YEARS = 3


def plausible_window(fy_be: int, years: int = DATE_WINDOW_YEARS) -> tuple[date, date]:
    """The days a date of a record of fiscal year ``fy_be`` can plausibly fall on.

    From the first day of fiscal year ``fy_be - years`` to the last day of ``fy_be + years``:
    wide enough for a project that started earlier or a directive completed later, narrow
    enough to catch a year that is 543 years out or mistyped (2652 for 2562).

    Examples
    --------
    >>> plausible_window(2565)
    (datetime.date(2018, 10, 1), datetime.date(2025, 9, 30))
    """
    return fiscal_year_bounds(fy_be - years)[0], fiscal_year_bounds(fy_be + years)[1]


def be_to_ce(d: DateLike) -> DateLike:
    """A date or datetime whose year is a Buddhist Era year, moved to the Common Era year.

    Excel stores what a clerk types as ``30/9/2565`` as a real date in the year 2565 AD. A
    year above 2400 is taken to be BE (as everywhere in kpyj); other dates are returned
    unchanged.

    Raises
    ------
    CalendarError
        (a ``ValueError``) for a day that exists in the CE year typed but not in the real
        one: 29 February 2564 is a date in 2564 AD, but BE 2564 (2021) has no 29 February.

    Examples
    --------
    >>> from datetime import date, datetime
    >>> be_to_ce(date(2565, 9, 30)), be_to_ce(datetime(2565, 1, 14, 10, 40))
    (datetime.date(2022, 9, 30), datetime.datetime(2022, 1, 14, 10, 40))
    >>> be_to_ce(date(2022, 9, 30))
    datetime.date(2022, 9, 30)
    >>> be_to_ce(date(2564, 2, 29))
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.CalendarError: ไม่มีวันที่ 29/02/2564 ในปฏิทิน ...
    """
    if d.year <= _BE_THRESHOLD:
        return d
    try:
        return d.replace(year=d.year - BE_OFFSET)
    except ValueError:
        raise CalendarError(
            f"ไม่มีวันที่ {d.day:02d}/{d.month:02d}/{d.year} ในปฏิทิน (พ.ศ. {d.year} = ค.ศ. "
            f"{d.year - BE_OFFSET}) (no such day: {d.day:02d}/{d.month:02d}/{d.year} BE, "
            f"the year {d.year - BE_OFFSET})"
        ) from None


def fiscal_quarter(d: DateLike) -> tuple[int, int]:
    """Return the fiscal year (BE) and the fiscal quarter (1-4) containing a day.

    Q1 = October-December, Q2 = January-March, Q3 = April-June, Q4 = July-September.

    Examples
    --------
    >>> from datetime import date
    >>> fiscal_quarter(date(2021, 12, 31)), fiscal_quarter(date(2022, 1, 1))
    ((2565, 1), (2565, 2))
    >>> fiscal_quarter(date(2022, 9, 30))
    (2565, 4)
    """
    day = _as_date(d)
    return fiscal_year(day), (day.month - 10) % 12 // 3 + 1


def fiscal_quarter_bounds(fy: int, q: int) -> tuple[date, date]:
    """Return the first and last day of fiscal quarter ``q`` of fiscal year ``fy`` (BE).

    Raises
    ------
    CalendarError
        If ``q`` is not 1, 2, 3 or 4, or ``fy`` does not look like a BE year.

    Examples
    --------
    >>> fiscal_quarter_bounds(2565, 1)
    (datetime.date(2021, 10, 1), datetime.date(2021, 12, 31))
    >>> fiscal_quarter_bounds(2565, 2)
    (datetime.date(2022, 1, 1), datetime.date(2022, 3, 31))
    """
    q = _as_int(q, "q")
    if q not in (1, 2, 3, 4):
        raise CalendarError(f"ไตรมาสต้องเป็น 1-4 ได้ {q} (fiscal quarter must be 1-4, got {q})")
    months = fiscal_months(fy)
    start = months[(q - 1) * 3]
    end = fiscal_year_bounds(fy)[1] if q == 4 else months[q * 3] - timedelta(days=1)
    return start, end


def fiscal_months(fy: int) -> list[date]:
    """Return the first day of each month of fiscal year ``fy`` (BE), October to September.

    Examples
    --------
    >>> ms = fiscal_months(2565)
    >>> len(ms), ms[0], ms[3], ms[-1]
    (12, datetime.date(2021, 10, 1), datetime.date(2022, 1, 1), datetime.date(2022, 9, 1))
    """
    start, _ = fiscal_year_bounds(fy)
    return [
        date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
        for i in range(12)
    ]


def fraction_of_fiscal_year(d: DateLike, fy: int | None = None) -> float:
    """Return how far through fiscal year ``fy`` a day is: 0.0 on 1 Oct, 1.0 on 30 Sep.

    Counted in whole days, ``(d - first day) / (last day - first day)``, clipped to
    [0, 1], so days before the year give 0.0 and days after it 1.0. Datetimes count as
    their Bangkok calendar day.

    Parameters
    ----------
    d : date or datetime
    fy : int, optional
        The fiscal year (BE); default the fiscal year containing ``d``.

    Examples
    --------
    >>> from datetime import date
    >>> fraction_of_fiscal_year(date(2021, 10, 1), 2565)
    0.0
    >>> fraction_of_fiscal_year(date(2022, 9, 30), 2565)
    1.0
    >>> round(fraction_of_fiscal_year(date(2022, 4, 1)), 3)
    0.5
    >>> fraction_of_fiscal_year(date(2023, 1, 1), 2565)
    1.0
    """
    day = _as_date(d)
    start, end = fiscal_year_bounds(fiscal_year(day) if fy is None else fy)
    frac = (day - start).days / (end - start).days
    return min(1.0, max(0.0, frac))


# ---------------------------------------------------------------------------------------------
# Follow-up rounds (รอบการติดตามผล)
# ---------------------------------------------------------------------------------------------

#: Months of the fiscal year each follow-up round covers: round n = 3n months (รอบ 3/6/9/12 เดือน).
ROUND_MONTHS: tuple[int, ...] = (3, 6, 9, 12)


def _as_round(n: int) -> int:
    n = _as_int(n, "n")
    if n not in (1, 2, 3, 4):
        raise CalendarError(f"รอบการติดตามต้องเป็น 1-4 ได้ {n} (follow-up round must be 1-4, got {n})")
    return n


def round_end(fy: int, n: int) -> date:
    """Return the last day of follow-up round ``n`` of fiscal year ``fy`` (BE).

    The government follows the fiscal year in four cumulative rounds: round 1 covers the
    first 3 months (to 31 December), round 2 the first 6 (to 31 March), round 3 the first 9
    (to 30 June) and round 4 the whole year (to 30 September). Every round starts on the
    first day of the fiscal year.

    Parameters
    ----------
    fy : int
        The fiscal year as a BE year.
    n : int
        The round, 1-4.

    Returns
    -------
    date
        The round's last day, inclusive.

    Raises
    ------
    CalendarError
        If ``n`` is not 1-4 or ``fy`` does not look like a BE year.

    Examples
    --------
    >>> [round_end(2565, n).isoformat() for n in (1, 2, 3, 4)]
    ['2021-12-31', '2022-03-31', '2022-06-30', '2022-09-30']
    >>> round_end(2565, 5)
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.CalendarError: รอบการติดตามต้องเป็น 1-4 ได้ 5 ...
    """
    return fiscal_quarter_bounds(fy, _as_round(n))[1]


def round_bounds(fy: int, n: int) -> tuple[date, date]:
    """Return the first and last day covered by follow-up round ``n`` of ``fy``.

    Rounds are cumulative: each starts on 1 October.

    Examples
    --------
    >>> round_bounds(2565, 2)
    (datetime.date(2021, 10, 1), datetime.date(2022, 3, 31))
    """
    return fiscal_year_bounds(fy)[0], round_end(fy, n)


def round_of(d: DateLike) -> tuple[int, int]:
    """Return the fiscal year (BE) and the follow-up round whose months contain a day.

    A day of October-December belongs to round 1, January-March to round 2, April-June to
    round 3 and July-September to round 4 (the same as the fiscal quarter); a check-in dated
    that day is first counted by that round's report.

    Examples
    --------
    >>> from datetime import date
    >>> round_of(date(2022, 3, 31)), round_of(date(2022, 4, 1)), round_of(date(2021, 10, 1))
    ((2565, 2), (2565, 3), (2565, 1))
    """
    return fiscal_quarter(d)


def latest_round(d: DateLike) -> tuple[int, int]:
    """Return the latest follow-up round that has ended on or before a day.

    On 15 April 2022 that is round 2 of FY 2565 (ended 31 March); on 15 December 2021,
    before round 1 of FY 2565 ends, it is round 4 of FY 2564.

    Examples
    --------
    >>> from datetime import date
    >>> latest_round(date(2022, 4, 15)), latest_round(date(2022, 3, 31))
    ((2565, 2), (2565, 2))
    >>> latest_round(date(2021, 12, 15))
    (2564, 4)
    """
    fy, n = round_of(d)
    if _as_date(d) >= round_end(fy, n):
        return fy, n
    return (fy, n - 1) if n > 1 else (fy - 1, 4)


def format_round(n: int, fy: int | None = None, *, thai_digits: bool = False) -> str:
    """Name a follow-up round the Thai way: ``"รอบ 6 เดือน"``.

    Parameters
    ----------
    n : int
        The round, 1-4 (3, 6, 9 or 12 months).
    fy : int, optional
        Add the fiscal year: ``"รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2565"``.
    thai_digits : bool
        Write the numbers with Thai digits.

    Examples
    --------
    >>> [format_round(n) for n in (1, 2, 3, 4)]
    ['รอบ 3 เดือน', 'รอบ 6 เดือน', 'รอบ 9 เดือน', 'รอบ 12 เดือน']
    >>> format_round(2, 2565)
    'รอบ 6 เดือน ปีงบประมาณ พ.ศ. 2565'
    >>> format_round(4, thai_digits=True)
    'รอบ ๑๒ เดือน'
    """
    text = f"รอบ {ROUND_MONTHS[_as_round(n) - 1]} เดือน"
    if fy is not None:
        text = f"{text} {format_fiscal_year(fy)}"
    return text.translate(_TO_THAI) if thai_digits else text


# ---------------------------------------------------------------------------------------------
# Reporting weeks
# ---------------------------------------------------------------------------------------------

#: Weekly directive reports are due Friday (weekday 4) *before* this Bangkok time.
DEADLINE_WEEKDAY = 4
DEADLINE_TIME = time(16, 0)
#: Reports are compiled for the Minister on the following Monday *morning*; the source sets
#: no hour, so this time is only the moment :func:`compilation_time` returns (a late report
#: is still late however early Monday it is). Never print it as a stated hour.
COMPILATION_TIME = time(9, 0)


def week_start(d: DateLike) -> date:
    """Return the Monday of the (Monday-Sunday) week containing ``d``.

    Aware datetimes are converted to Bangkok time first; naive datetimes are Bangkok time.

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> week_start(date(2022, 3, 15))           # a Tuesday
    datetime.date(2022, 3, 14)
    >>> week_start(date(2022, 3, 20))           # a Sunday belongs to the Monday before
    datetime.date(2022, 3, 14)

    Sunday 20:00 UTC is already Monday 03:00 in Bangkok:

    >>> week_start(datetime(2022, 3, 20, 20, 0, tzinfo=timezone.utc))
    datetime.date(2022, 3, 21)
    """
    day = _as_date(d)
    return day - timedelta(days=day.weekday())


def reporting_deadline(d: DateLike) -> datetime:
    """Return the weekly report deadline for the week containing ``d``.

    That is Friday 16:00:00 Bangkok time («ภายในวันศุกร์ ก่อน 16.00 น.»): a report is on
    time only *before* it.

    Returns
    -------
    datetime
        Aware, in :data:`BANGKOK`.

    Examples
    --------
    >>> from datetime import date
    >>> reporting_deadline(date(2022, 3, 14)).isoformat()
    '2022-03-18T16:00:00+07:00'
    >>> reporting_deadline(date(2022, 3, 19)).isoformat()   # Saturday: same week's Friday
    '2022-03-18T16:00:00+07:00'
    """
    friday = week_start(d) + timedelta(days=DEADLINE_WEEKDAY)
    return datetime.combine(friday, DEADLINE_TIME, tzinfo=BANGKOK)


def is_on_time(submitted_at: datetime, week: DateLike) -> bool:
    """Return whether a report submitted at ``submitted_at`` is on time for ``week``.

    On time means **before** :func:`reporting_deadline` of the week containing ``week``
    (any day of that week): «ภายในวันศุกร์ ก่อน 16.00 น.» (การประชุมหารือ 8 กุมภาพันธ์ 2561),
    so a report stamped 16:00:00 is late and 15:59:59 is on time. Reports submitted before
    the week began are also on time.

    Parameters
    ----------
    submitted_at : datetime
        Aware in any zone, or naive meaning Bangkok wall-clock time.
    week : date or datetime
        Any day of the reporting week.

    Examples
    --------
    >>> from datetime import date, datetime, timezone
    >>> week = date(2022, 3, 14)
    >>> is_on_time(datetime(2022, 3, 18, 15, 59, 59), week)
    True
    >>> is_on_time(datetime(2022, 3, 18, 16, 0, 0), week)
    False

    08:59:59 UTC is 15:59:59 in Bangkok:

    >>> is_on_time(datetime(2022, 3, 18, 8, 59, 59, tzinfo=timezone.utc), week)
    True
    """
    if not isinstance(submitted_at, datetime):
        raise TypeError(
            "submitted_at ต้องเป็น datetime ที่มีเวลา "
            f"(submitted_at must be a datetime, got {submitted_at!r})"
        )
    return _to_bangkok(submitted_at) < reporting_deadline(week)


def compilation_time(d: DateLike) -> datetime:
    """Return when reports of the week containing ``d`` are compiled: the next Monday morning.

    «รวบรวมผลการดำเนินงานตามข้อสั่งการและรายงานผลให้ รมว.ยธ. ทราบ ทุกวันจันทร์ ช่วงเช้า»: the
    source gives no hour; :data:`COMPILATION_TIME` (09:00) only makes this a moment. Print the
    day with «ช่วงเช้า», never the hour.

    Examples
    --------
    >>> from datetime import date
    >>> compilation_time(date(2022, 3, 18)).isoformat()
    '2022-03-21T09:00:00+07:00'
    """
    monday = week_start(d) + timedelta(days=7)
    return datetime.combine(monday, COMPILATION_TIME, tzinfo=BANGKOK)


def weeks_between(start: DateLike, end: DateLike) -> list[date]:
    """Return the Monday of every week that overlaps ``start`` .. ``end`` (both inclusive).

    Empty if ``end`` falls in a week before ``start``'s week.

    Examples
    --------
    >>> from datetime import date
    >>> weeks_between(date(2022, 3, 16), date(2022, 3, 28))
    [datetime.date(2022, 3, 14), datetime.date(2022, 3, 21), datetime.date(2022, 3, 28)]
    >>> weeks_between(date(2022, 3, 28), date(2022, 3, 1))
    []
    """
    first, last = week_start(start), week_start(end)
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


# ---------------------------------------------------------------------------------------------
# Thai formatting
# ---------------------------------------------------------------------------------------------

#: Full Thai month names; ``THAI_MONTHS[month - 1]``.
THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)

#: Abbreviated Thai month names; ``THAI_MONTHS_ABBR[month - 1]``.
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

#: Thai weekday names, Monday first like :meth:`datetime.date.weekday`.
THAI_WEEKDAYS: tuple[str, ...] = (
    "จันทร์",
    "อังคาร",
    "พุธ",
    "พฤหัสบดี",
    "ศุกร์",
    "เสาร์",
    "อาทิตย์",
)

_ARABIC = "0123456789"
_THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC, _THAI)
_TO_ARABIC = str.maketrans(_THAI, _ARABIC)

Style = Literal["full", "abbr", "numeric"]


def thai_digits(text: str | int) -> str:
    """Replace Arabic digits 0-9 with Thai digits ๐-๙; everything else is unchanged.

    Examples
    --------
    >>> thai_digits("15 มีนาคม 2565")
    '๑๕ มีนาคม ๒๕๖๕'
    >>> thai_digits(2565)
    '๒๕๖๕'
    """
    return str(text).translate(_TO_THAI)


def arabic_digits(text: str) -> str:
    """Replace Thai digits ๐-๙ with Arabic digits 0-9; everything else is unchanged.

    Examples
    --------
    >>> arabic_digits("๑๕/๐๓/๒๕๖๕")
    '15/03/2565'
    """
    return str(text).translate(_TO_ARABIC)


def format_thai_date(
    d: DateLike,
    *,
    style: Style = "full",
    thai_digits: bool = False,
    with_weekday: bool = False,
) -> str:
    """Format a day the Thai way, with a Buddhist Era year.

    Parameters
    ----------
    d : date or datetime
        A datetime is shown as its Bangkok calendar day.
    style : {"full", "abbr", "numeric"}
        ``"15 มีนาคม 2565"``, ``"15 มี.ค. 2565"`` or ``"15/03/2565"``.
    thai_digits : bool
        Write the numbers with Thai digits.
    with_weekday : bool
        Prefix the weekday: ``"วันอังคารที่ 15 มีนาคม 2565"``.

    Examples
    --------
    >>> from datetime import date
    >>> d = date(2022, 3, 15)
    >>> format_thai_date(d), format_thai_date(d, style="abbr"), format_thai_date(d, style="numeric")
    ('15 มีนาคม 2565', '15 มี.ค. 2565', '15/03/2565')
    >>> format_thai_date(d, with_weekday=True, thai_digits=True)
    'วันอังคารที่ ๑๕ มีนาคม ๒๕๖๕'
    """
    day = _as_date(d)
    year = be_year(day.year)
    if style == "full":
        text = f"{day.day} {THAI_MONTHS[day.month - 1]} {year}"
    elif style == "abbr":
        text = f"{day.day} {THAI_MONTHS_ABBR[day.month - 1]} {year}"
    elif style == "numeric":
        text = f"{day.day:02d}/{day.month:02d}/{year}"
    else:
        raise CalendarError(
            f"รูปแบบวันที่ไม่รู้จัก {style!r} (unknown style {style!r}: use 'full', 'abbr' or 'numeric')"
        )
    if with_weekday:
        text = f"วัน{THAI_WEEKDAYS[day.weekday()]}ที่ {text}"
    return text.translate(_TO_THAI) if thai_digits else text


def format_fiscal_year(fy: int, thai_digits: bool = False) -> str:
    """Format a fiscal year: ``"ปีงบประมาณ พ.ศ. 2565"``.

    Examples
    --------
    >>> format_fiscal_year(2565)
    'ปีงบประมาณ พ.ศ. 2565'
    >>> format_fiscal_year(2565, thai_digits=True)
    'ปีงบประมาณ พ.ศ. ๒๕๖๕'
    """
    ce_year(fy)  # validates: a CE year here is a mistake
    text = f"ปีงบประมาณ พ.ศ. {fy}"
    return text.translate(_TO_THAI) if thai_digits else text


def format_thai_datetime(dt: datetime, *, style: Style = "abbr", thai_digits: bool = False) -> str:
    """Format a moment in Bangkok time the Thai way: ``"15 มี.ค. 2565 เวลา 16.00 น."``.

    Aware datetimes are converted to Bangkok time; naive ones are Bangkok time already.
    ``style`` and ``thai_digits`` are as in :func:`format_thai_date`.

    Examples
    --------
    >>> from datetime import datetime, timezone
    >>> format_thai_datetime(datetime(2022, 3, 15, 9, 0, tzinfo=timezone.utc))
    '15 มี.ค. 2565 เวลา 16.00 น.'
    >>> format_thai_datetime(datetime(2022, 3, 15, 8, 5), style="full", thai_digits=True)
    '๑๕ มีนาคม ๒๕๖๕ เวลา ๐๘.๐๕ น.'
    """
    if not isinstance(dt, datetime):
        raise TypeError(f"dt ต้องเป็น datetime (dt must be a datetime, got {dt!r})")
    local = _to_bangkok(dt)
    text = f"{format_thai_date(local, style=style)} เวลา {local:%H.%M} น."
    return text.translate(_TO_THAI) if thai_digits else text


def format_deadline(d: DateLike) -> str:
    """The reporting deadline of the week containing ``d`` as the source words it.

    >>> from datetime import date
    >>> format_deadline(date(2022, 1, 26))
    'ภายในวันศุกร์ที่ 28 มกราคม 2565 ก่อนเวลา 16.00 น.'
    """
    dl = reporting_deadline(d)
    return f"ภายใน{format_thai_date(dl, with_weekday=True)} ก่อนเวลา {dl:%H.%M} น."


def format_compilation(d: DateLike) -> str:
    """When the week's reports go to the Minister: the next Monday morning (no hour is set).

    >>> from datetime import date
    >>> format_compilation(date(2022, 1, 26))
    'วันจันทร์ที่ 31 มกราคม 2565 ช่วงเช้า'
    """
    return f"{format_thai_date(compilation_time(d), with_weekday=True)} ช่วงเช้า"


# ---------------------------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------------------------


def _month_key(name: str) -> str:
    return re.sub(r"[.\s]", "", name)


_MONTH_BY_NAME: dict[str, int] = {
    **{_month_key(n): i for i, n in enumerate(THAI_MONTHS, 1)},
    **{_month_key(n): i for i, n in enumerate(THAI_MONTHS_ABBR, 1)},
    # the spoken short forms: มีนา, เมษา, ธันวา (the name without -คม / -ยน / -พันธ์)
    **{re.sub(r"(คม|ยน|พันธ์)$", "", n): i for i, n in enumerate(THAI_MONTHS, 1)},
}
_WEEKDAY_BY_NAME: dict[str, int] = {n: i for i, n in enumerate(THAI_WEEKDAYS)}
_EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_WEEKDAY_PREFIX = re.compile(r"^วัน\s*(?P<weekday>\S+?)\s*ที่\s*(?P<rest>.+)$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
_DMY = re.compile(r"^(?P<d>\d{1,2})(?P<sep>[/.-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})$")
_NAMED = re.compile(
    r"^(?P<d>\d{1,2})\s*(?P<month>[^\d]+?)\s*"
    r"(?:(?P<era>พ\.?\s*ศ\.?|ค\.?\s*ศ\.?)\s*)?(?P<y>\d{4}|\d{2})$"
)
#: The forms :func:`parse_thai_date` accepts, as a user-facing list (Thai, English).
DATE_FORMS = (
    "2022-03-15, 15/03/2565, 15/3/65, 15 มี.ค. 2565, 15 มี.ค. 65, 15 มีนาคม 2565 "
    "(ปี 2 หลัก = พ.ศ. 25xx / a two-digit year is Buddhist Era 25xx)"
)
#: A two-digit year is Buddhist Era 2500 + yy: ``67`` is 2567 (2024). Thai offices write
#: «31 ธ.ค. 67» for 31 December 2567; a two-digit Common Era year is never assumed.
TWO_DIGIT_BE_CENTURY = 2500


def _bad(text: object, thai: str, english: str) -> CalendarError:
    return CalendarError(f"อ่านวันที่ {text!r} ไม่ได้: {thai} (cannot read date {text!r}: {english})")


def parse_thai_date(text: str | DateLike) -> date:
    """Read a day written the way Thai users write it.

    Accepted (digits may be Thai ๐-๙; surrounding and repeated spaces are ignored):

    * ISO ``2022-03-15``;
    * day first, ``15/03/2565``, ``15/3/2022``, also with ``-`` or ``.`` as separator;
    * ``15 มี.ค. 2565``, ``15 มีนาคม 2565`` (abbreviations also without dots, ``15 มีค 2565``),
      optionally ``พ.ศ.`` or ``ค.ศ.`` before the year;
    * the spoken month forms ``15 มีนา 2565``, ``31 ธันวา 67``;
    * a **two-digit year**, the commonest office style: ``31 ธ.ค. 67``, ``1 ต.ค. 66``,
      ``31/12/67``. A two-digit year is always Buddhist Era 25xx (``67`` = พ.ศ. 2567 =
      2024); ``ค.ศ.`` with a two-digit year is refused (ambiguous);
    * any of these after a weekday, ``วันอังคารที่ 15 มีนาคม 2565`` (the weekday is checked);
    * a ``date`` (returned as is) or ``datetime`` (its Bangkok calendar day).

    A four-digit year above 2400 is BE, otherwise CE (unless ``พ.ศ.``/``ค.ศ.`` says which).
    Month-first (US) dates are not accepted.

    Raises
    ------
    CalendarError
        (a ``ValueError``) naming the text, for anything else or for a day that does not
        exist (``31/02/2565``; ``29/02/2566`` because 2023 is not a leap year).

    Examples
    --------
    >>> parse_thai_date("2022-03-15")
    datetime.date(2022, 3, 15)
    >>> parse_thai_date("15/03/2565") == parse_thai_date("15/3/2022") == parse_thai_date(
    ...     "๑๕ มี.ค. ๒๕๖๕") == parse_thai_date("วันอังคารที่ 15 มีนาคม พ.ศ. 2565")
    True
    >>> parse_thai_date("31 ธ.ค. 67"), parse_thai_date("31/12/67"), parse_thai_date("1 ต.ค. 66")
    (datetime.date(2024, 12, 31), datetime.date(2024, 12, 31), datetime.date(2023, 10, 1))
    >>> parse_thai_date("31/02/2565")
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.CalendarError: อ่านวันที่ '31/02/2565' ไม่ได้: ไม่มีวันนี้ในปฏิทิน ...
    """
    if isinstance(text, date):  # date or datetime
        return _as_date(text, "text")
    if not isinstance(text, str):
        raise TypeError(
            f"ต้องเป็นข้อความ date หรือ datetime (text must be a str, date or datetime, got {text!r})"
        )
    s = arabic_digits(text).replace("\u200b", "").replace("\ufeff", "")
    s = re.sub(r"\s+", " ", s).strip()
    if not s:
        raise _bad(text, "ข้อความว่าง", "empty text")

    weekday: int | None = None
    m = _WEEKDAY_PREFIX.match(s)
    if m:
        name = m["weekday"]
        if name not in _WEEKDAY_BY_NAME:
            raise _bad(text, f"ไม่รู้จักวัน {name!r}", f"unknown weekday {name!r}")
        weekday, s = _WEEKDAY_BY_NAME[name], m["rest"]

    era: str | None = None
    if (m := _ISO.match(s)) or (m := _DMY.match(s)):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    elif m := _NAMED.match(s):
        key = _month_key(m["month"])
        if key not in _MONTH_BY_NAME:
            raise _bad(text, f"ไม่รู้จักชื่อเดือน {m['month']!r}", f"unknown month {m['month']!r}")
        y, mo, d = int(m["y"]), _MONTH_BY_NAME[key], int(m["d"])
        era = None if m["era"] is None else ("BE" if m["era"].startswith("พ") else "CE")
    else:
        raise _bad(text, f"ใช้รูปแบบ {DATE_FORMS}", f"expected one of {DATE_FORMS}")

    if len(m["y"]) == 2:  # a two-digit year is Buddhist Era 25xx
        if era == "CE":
            raise _bad(
                text,
                "ปี ค.ศ. 2 หลักกำกวม ใช้ปี 4 หลัก",
                "a two-digit Common Era year is ambiguous: write the year in full",
            )
        y, era = TWO_DIGIT_BE_CENTURY + y, "BE"
    is_be = y > _BE_THRESHOLD
    if era == "BE" and not is_be:
        raise _bad(text, f"ปี พ.ศ. {y} ต่ำเกินไป", f"BE year {y} is below {_BE_THRESHOLD}")
    if era == "CE" and is_be:
        raise _bad(text, f"ปี ค.ศ. {y} สูงเกินไป", f"CE year {y} is above {_BE_THRESHOLD}")
    ce = y - BE_OFFSET if is_be else y
    try:
        result = date(ce, mo, d)
    except ValueError:
        raise _bad(text, "ไม่มีวันนี้ในปฏิทิน", "no such day in the calendar") from None
    if weekday is not None and result.weekday() != weekday:
        actual = THAI_WEEKDAYS[result.weekday()]
        raise _bad(
            text,
            f"วันที่นี้เป็นวัน{actual} ไม่ใช่วัน{THAI_WEEKDAYS[weekday]}",
            f"the date is a {_EN_WEEKDAYS[result.weekday()]}, not a {_EN_WEEKDAYS[weekday]}",
        )
    return result
