"""Tests of kpyj_lib.calendar: BE years, fiscal years, reporting weeks, Thai dates."""

from __future__ import annotations

import itertools
import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest

from kpyj_lib import calendar as cal
from kpyj_lib.calendar import (
    BANGKOK,
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    CalendarError,
    arabic_digits,
    be_year,
    ce_year,
    compilation_time,
    fiscal_months,
    fiscal_quarter,
    fiscal_quarter_bounds,
    fiscal_year,
    fiscal_year_bounds,
    format_fiscal_year,
    format_thai_date,
    format_thai_datetime,
    fraction_of_fiscal_year,
    is_on_time,
    parse_thai_date,
    reporting_deadline,
    thai_digits,
    week_start,
    weeks_between,
)
from kpyj_lib.exceptions import KpyjError

WEEK = date(2022, 3, 14)  # a Monday; its Friday is 2022-03-18
FRIDAY = date(2022, 3, 18)


@pytest.fixture(params=["America/New_York", "Pacific/Kiritimati", "UTC", "Asia/Bangkok"])
def machine_zone(request, monkeypatch):
    """Run the test with the process's local time zone set to something else."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    # Make sure the change took effect, so the test really runs in a foreign zone.
    expected = datetime(2022, 3, 18, 12, tzinfo=ZoneInfo(request.param)).utcoffset()
    assert datetime(2022, 3, 18, 12).astimezone().utcoffset() == expected
    yield request.param
    monkeypatch.undo()
    time.tzset()


# --- module ---------------------------------------------------------------------------------


def test_all_names_exist():
    for name in cal.__all__:
        assert hasattr(cal, name), name


def test_bangkok_is_utc_plus_7_all_year():
    for month in range(1, 13):
        assert datetime(2022, month, 1, 12, tzinfo=BANGKOK).utcoffset() == timedelta(hours=7)


def test_bangkok_falls_back_to_fixed_offset_without_tz_database():
    def no_database(key):
        raise ZoneInfoNotFoundError(f"No time zone found with key {key}")

    zone = cal._load_bangkok(loader=no_database)
    assert zone.utcoffset(None) == timedelta(hours=7)
    assert datetime(2022, 7, 1, tzinfo=zone).dst() is None
    assert cal._load_bangkok().utcoffset(datetime(2022, 1, 1)) == timedelta(hours=7)


def test_calendar_error_is_value_error_and_kpyj_error():
    assert issubclass(CalendarError, ValueError)
    assert issubclass(CalendarError, KpyjError)


# --- Buddhist Era ---------------------------------------------------------------------------


@pytest.mark.parametrize(("ce", "be"), [(2022, 2565), (1957, 2500), (2400, 2943), (1, 544)])
def test_be_ce_round_trip(ce, be):
    assert be_year(ce) == be
    if be >= 2400:
        assert ce_year(be) == ce


@pytest.mark.parametrize("ce", [2401, 2565, 2567])
def test_be_year_rejects_be_input(ce):
    with pytest.raises(ValueError, match=rf"ค\.ศ\. {ce}.*CE year {ce}.*Buddhist Era"):
        be_year(ce)


@pytest.mark.parametrize("be", [2022, 2399, 65, 0])
def test_ce_year_rejects_ce_input(be):
    with pytest.raises(ValueError, match=rf"พ\.ศ\. {be}.*BE year {be}.*Common Era"):
        ce_year(be)


@pytest.mark.parametrize("bad", ["2565", 2565.0, True, None])
def test_year_functions_reject_non_integers(bad):
    with pytest.raises(TypeError):
        be_year(bad)
    with pytest.raises(TypeError):
        ce_year(bad)


# --- fiscal year ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2021, 9, 30), 2564),
        (date(2021, 10, 1), 2565),
        (date(2021, 12, 31), 2565),
        (date(2022, 1, 1), 2565),
        (date(2022, 9, 30), 2565),
        (date(2022, 10, 1), 2566),
        (date(2024, 2, 29), 2567),  # leap day
        (date(2023, 10, 1), 2567),
        (date(2024, 9, 30), 2567),
        (datetime(2022, 9, 30, 23, 59, 59), 2565),  # naive = Bangkok
        (datetime(2022, 9, 30, 16, 59, 59, tzinfo=UTC), 2565),  # 23:59:59 Bangkok
        (datetime(2022, 9, 30, 17, 0, 0, tzinfo=UTC), 2566),  # 00:00 on 1 Oct in Bangkok
        (datetime(2022, 9, 30, 20, 0, tzinfo=UTC), 2566),
        (datetime(2022, 10, 1, 1, 0, tzinfo=timezone(timedelta(hours=9))), 2565),  # Tokyo
    ],
)
def test_fiscal_year(d, fy):
    assert fiscal_year(d) == fy


def test_fiscal_year_ignores_machine_zone(machine_zone):
    assert fiscal_year(datetime(2022, 9, 30, 20, 0, tzinfo=UTC)) == 2566
    assert fiscal_year(datetime(2022, 9, 30, 23, 0)) == 2565  # naive = Bangkok, not local


def test_fiscal_year_rejects_be_dated_date():
    # e.g. a spreadsheet cell typed as 15/03/2565 but read as a CE date
    with pytest.raises(ValueError, match="looks like a Buddhist Era year"):
        fiscal_year(date(2565, 3, 15))


@pytest.mark.parametrize(
    ("fy", "bounds"),
    [
        (2565, (date(2021, 10, 1), date(2022, 9, 30))),
        (2567, (date(2023, 10, 1), date(2024, 9, 30))),
    ],
)
def test_fiscal_year_bounds(fy, bounds):
    assert fiscal_year_bounds(fy) == bounds
    first, last = bounds
    assert fiscal_year(first) == fiscal_year(last) == fy
    assert fiscal_year(first - timedelta(days=1)) == fy - 1
    assert fiscal_year(last + timedelta(days=1)) == fy + 1


def test_fiscal_year_bounds_rejects_ce_year():
    with pytest.raises(ValueError, match="2022"):
        fiscal_year_bounds(2022)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2021, 10, 1), (2565, 1)),
        (date(2021, 12, 31), (2565, 1)),
        (date(2022, 1, 1), (2565, 2)),
        (date(2022, 3, 31), (2565, 2)),
        (date(2022, 4, 1), (2565, 3)),
        (date(2022, 6, 30), (2565, 3)),
        (date(2022, 7, 1), (2565, 4)),
        (date(2022, 9, 30), (2565, 4)),
        (date(2022, 10, 1), (2566, 1)),
        (date(2024, 2, 29), (2567, 2)),
        (datetime(2021, 12, 31, 17, 0, tzinfo=UTC), (2565, 2)),  # 1 Jan 00:00 Bangkok
    ],
)
def test_fiscal_quarter(d, expected):
    assert fiscal_quarter(d) == expected


@pytest.mark.parametrize(
    ("q", "bounds"),
    [
        (1, (date(2023, 10, 1), date(2023, 12, 31))),
        (2, (date(2024, 1, 1), date(2024, 3, 31))),
        (3, (date(2024, 4, 1), date(2024, 6, 30))),
        (4, (date(2024, 7, 1), date(2024, 9, 30))),
    ],
)
def test_fiscal_quarter_bounds(q, bounds):
    assert fiscal_quarter_bounds(2567, q) == bounds
    first, last = bounds
    assert fiscal_quarter(first) == fiscal_quarter(last) == (2567, q)


def test_fiscal_quarters_tile_the_year():
    days = 0
    for q in range(1, 5):
        first, last = fiscal_quarter_bounds(2567, q)
        days += (last - first).days + 1
        if q > 1:
            assert first == fiscal_quarter_bounds(2567, q - 1)[1] + timedelta(days=1)
    assert days == 366  # FY2567 contains 29 Feb 2024


@pytest.mark.parametrize("q", [0, 5, -1])
def test_fiscal_quarter_bounds_rejects_bad_quarter(q):
    with pytest.raises(ValueError, match=r"ไตรมาส.*quarter must be 1-4"):
        fiscal_quarter_bounds(2565, q)


def test_fiscal_months():
    months = fiscal_months(2565)
    assert len(months) == 12
    assert months[0] == date(2021, 10, 1)
    assert months[2] == date(2021, 12, 1)
    assert months[3] == date(2022, 1, 1)
    assert months[-1] == date(2022, 9, 1)
    assert [m.month for m in months] == [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert all(fiscal_year(m) == 2565 for m in months)


@pytest.mark.parametrize(
    ("d", "fy", "expected"),
    [
        (date(2021, 10, 1), 2565, 0.0),
        (date(2022, 9, 30), 2565, 1.0),
        (date(2021, 1, 1), 2565, 0.0),  # before: clipped
        (date(2023, 1, 1), 2565, 1.0),  # after: clipped
        (date(2022, 4, 1), 2565, 182 / 364),
        (date(2024, 4, 1), 2567, 183 / 365),  # leap year has 366 days
        (date(2022, 4, 1), None, 182 / 364),  # default: the fiscal year of d
    ],
)
def test_fraction_of_fiscal_year(d, fy, expected):
    assert fraction_of_fiscal_year(d, fy) == pytest.approx(expected)


def test_fraction_is_monotonic():
    first, _ = fiscal_year_bounds(2567)
    fracs = [fraction_of_fiscal_year(first + timedelta(days=i), 2567) for i in range(366)]
    assert fracs == sorted(fracs)
    assert fracs[0] == 0.0
    assert fracs[-1] == 1.0


# --- reporting weeks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "monday"),
    [
        (date(2022, 3, 14), date(2022, 3, 14)),  # Monday
        (date(2022, 3, 18), date(2022, 3, 14)),  # Friday
        (date(2022, 3, 19), date(2022, 3, 14)),  # Saturday
        (date(2022, 3, 20), date(2022, 3, 14)),  # Sunday belongs to the previous Monday
        (date(2022, 3, 21), date(2022, 3, 21)),
        (date(2022, 1, 2), date(2021, 12, 27)),  # across a year end
        (date(2024, 2, 29), date(2024, 2, 26)),
        (datetime(2022, 3, 20, 23, 59), date(2022, 3, 14)),  # naive = Bangkok
        (datetime(2022, 3, 20, 16, 59, tzinfo=UTC), date(2022, 3, 14)),  # Sun 23:59 BKK
        (datetime(2022, 3, 20, 17, 0, tzinfo=UTC), date(2022, 3, 21)),  # Mon 00:00 BKK
    ],
)
def test_week_start(d, monday):
    assert week_start(d) == monday
    assert week_start(d).weekday() == 0


def test_week_start_ignores_machine_zone(machine_zone):
    assert week_start(datetime(2022, 3, 20, 23, 59)) == date(2022, 3, 14)
    assert week_start(datetime(2022, 3, 20, 17, 0, tzinfo=UTC)) == date(2022, 3, 21)


@pytest.mark.parametrize("offset", range(7))
def test_reporting_deadline_is_friday_1600_bangkok(offset):
    deadline = reporting_deadline(WEEK + timedelta(days=offset))
    assert deadline.tzinfo is not None
    assert deadline.utcoffset() == timedelta(hours=7)
    assert deadline.astimezone(BANGKOK).replace(tzinfo=None) == datetime(2022, 3, 18, 16, 0)
    assert deadline.astimezone(UTC).replace(tzinfo=None) == datetime(2022, 3, 18, 9, 0)
    assert deadline.weekday() == 4


SUBMISSIONS = [
    # (Bangkok wall-clock time, on time?)
    (datetime(2022, 3, 14, 8, 0), True),  # Monday of the week
    (datetime(2022, 3, 18, 9, 0), True),
    (datetime(2022, 3, 18, 15, 59, 59), True),
    (datetime(2022, 3, 18, 15, 59, 59, 999999), True),
    (datetime(2022, 3, 18, 16, 0, 0), False),  # «ก่อน 16.00 น.»: 16:00:00 itself is late
    (datetime(2022, 3, 18, 16, 0, 0, 1), False),
    (datetime(2022, 3, 18, 16, 0, 1), False),
    (datetime(2022, 3, 18, 23, 59), False),
    (datetime(2022, 3, 19, 10, 0), False),  # Saturday: late for that week
    (datetime(2022, 3, 20, 10, 0), False),  # Sunday
    (datetime(2022, 3, 21, 8, 0), False),  # next Monday, before compilation
    (datetime(2022, 3, 11, 12, 0), True),  # submitted early, the week before
]


@pytest.mark.parametrize(("bangkok_wall", "on_time"), SUBMISSIONS)
@pytest.mark.parametrize("week", [WEEK, FRIDAY, date(2022, 3, 20)])
def test_is_on_time_in_bangkok(machine_zone, bangkok_wall, on_time, week):
    # naive = Bangkok wall-clock time, whatever the machine's zone
    assert is_on_time(bangkok_wall, week) is on_time
    # the same instant as aware Bangkok time, as UTC and as New York time
    aware = bangkok_wall.replace(tzinfo=BANGKOK)
    assert is_on_time(aware, week) is on_time
    assert is_on_time(aware.astimezone(UTC), week) is on_time
    assert is_on_time(aware.astimezone(ZoneInfo("America/New_York")), week) is on_time


@pytest.mark.parametrize(
    ("submitted_utc", "on_time"),
    [
        (datetime(2022, 3, 18, 8, 59, 59, tzinfo=UTC), True),  # 15:59:59 Bangkok
        (datetime(2022, 3, 18, 9, 0, 0, tzinfo=UTC), False),  # 16:00:00 Bangkok: late
        (datetime(2022, 3, 18, 9, 0, 1, tzinfo=UTC), False),  # 16:00:01 Bangkok
        # 15:00 local on Friday in New York is 03:00 Saturday in Bangkok: late
        (datetime(2022, 3, 18, 19, 0, tzinfo=UTC), False),
    ],
)
def test_is_on_time_utc_under_new_york(monkeypatch, submitted_utc, on_time):
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        assert datetime(2022, 3, 18, 12).astimezone().utcoffset() == timedelta(hours=-4)
        assert is_on_time(submitted_utc, WEEK) is on_time
        # The same moment as a naive UTC clock reading would be wrong (taken as Bangkok).
    finally:
        monkeypatch.undo()
        time.tzset()


def test_is_on_time_wants_a_datetime():
    with pytest.raises(TypeError, match="submitted_at"):
        is_on_time(date(2022, 3, 18), WEEK)


@pytest.mark.parametrize("offset", range(7))
def test_compilation_time_is_next_monday_0900(offset):
    compiled = compilation_time(WEEK + timedelta(days=offset))
    assert compiled.astimezone(BANGKOK).replace(tzinfo=None) == datetime(2022, 3, 21, 9, 0)
    assert compiled > reporting_deadline(WEEK)


def test_compilation_time_ignores_machine_zone(machine_zone):
    assert compilation_time(FRIDAY).isoformat() == "2022-03-21T09:00:00+07:00"
    assert reporting_deadline(FRIDAY).isoformat() == "2022-03-18T16:00:00+07:00"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2022, 3, 14), date(2022, 3, 14), [date(2022, 3, 14)]),
        (date(2022, 3, 20), date(2022, 3, 21), [date(2022, 3, 14), date(2022, 3, 21)]),
        (
            date(2022, 3, 16),
            date(2022, 3, 28),
            [date(2022, 3, 14), date(2022, 3, 21), date(2022, 3, 28)],
        ),
        (date(2022, 3, 28), date(2022, 3, 14), []),
    ],
)
def test_weeks_between(start, end, expected):
    assert weeks_between(start, end) == expected


def test_weeks_between_fiscal_year():
    first, last = fiscal_year_bounds(2565)
    weeks = weeks_between(first, last)
    assert weeks[0] == date(2021, 9, 27)  # 1 Oct 2021 was a Friday
    assert weeks[-1] == date(2022, 9, 26)
    assert all(w.weekday() == 0 for w in weeks)
    assert all(b - a == timedelta(weeks=1) for a, b in itertools.pairwise(weeks))


# --- Thai formatting ------------------------------------------------------------------------


def test_month_tables():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == 12
    assert THAI_MONTHS[0] == "มกราคม"
    assert THAI_MONTHS[-1] == "ธันวาคม"
    assert THAI_MONTHS_ABBR[0] == "ม.ค."
    assert THAI_MONTHS_ABBR[-1] == "ธ.ค."
    assert len(set(THAI_MONTHS)) == len(set(THAI_MONTHS_ABBR)) == 12


@pytest.mark.parametrize(
    ("arabic", "thai"),
    [
        ("0123456789", "๐๑๒๓๔๕๖๗๘๙"),
        ("15/03/2565", "๑๕/๐๓/๒๕๖๕"),
        ("ปี 2565 ไตรมาส 1", "ปี ๒๕๖๕ ไตรมาส ๑"),
        ("", ""),
        ("ไม่มีตัวเลข", "ไม่มีตัวเลข"),
    ],
)
def test_thai_digits(arabic, thai):
    assert thai_digits(arabic) == thai
    assert arabic_digits(thai) == arabic
    assert arabic_digits(arabic) == arabic


def test_thai_digits_accepts_int():
    assert thai_digits(2565) == "๒๕๖๕"


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, "15 มีนาคม 2565"),
        ({"style": "full"}, "15 มีนาคม 2565"),
        ({"style": "abbr"}, "15 มี.ค. 2565"),
        ({"style": "numeric"}, "15/03/2565"),
        ({"with_weekday": True}, "วันอังคารที่ 15 มีนาคม 2565"),
        ({"thai_digits": True}, "๑๕ มีนาคม ๒๕๖๕"),
        ({"style": "numeric", "thai_digits": True}, "๑๕/๐๓/๒๕๖๕"),
        ({"style": "abbr", "with_weekday": True}, "วันอังคารที่ 15 มี.ค. 2565"),
    ],
)
def test_format_thai_date(kwargs, expected):
    assert format_thai_date(date(2022, 3, 15), **kwargs) == expected


def test_format_thai_date_single_digit_day():
    assert format_thai_date(date(2022, 1, 5)) == "5 มกราคม 2565"
    assert format_thai_date(date(2022, 1, 5), style="numeric") == "05/01/2565"


def test_format_thai_date_datetime_uses_bangkok_day(machine_zone):
    # 20:00 UTC on 31 Dec 2021 is 03:00 on 1 Jan 2022 in Bangkok
    assert format_thai_date(datetime(2021, 12, 31, 20, tzinfo=UTC)) == "1 มกราคม 2565"


def test_format_thai_date_rejects_unknown_style():
    with pytest.raises(ValueError, match=r"unknown style 'long'"):
        format_thai_date(date(2022, 3, 15), style="long")


@pytest.mark.parametrize(
    ("d", "weekday"),
    [
        (date(2022, 3, 14), "จันทร์"),
        (date(2022, 3, 15), "อังคาร"),
        (date(2022, 3, 16), "พุธ"),
        (date(2022, 3, 17), "พฤหัสบดี"),
        (date(2022, 3, 18), "ศุกร์"),
        (date(2022, 3, 19), "เสาร์"),
        (date(2022, 3, 20), "อาทิตย์"),
    ],
)
def test_format_weekdays(d, weekday):
    assert format_thai_date(d, with_weekday=True).startswith(f"วัน{weekday}ที่ ")


def test_format_fiscal_year():
    assert format_fiscal_year(2565) == "ปีงบประมาณ พ.ศ. 2565"
    assert format_fiscal_year(2565, thai_digits=True) == "ปีงบประมาณ พ.ศ. ๒๕๖๕"
    assert format_fiscal_year(fiscal_year(date(2024, 2, 29))) == "ปีงบประมาณ พ.ศ. 2567"
    with pytest.raises(ValueError, match="2022"):
        format_fiscal_year(2022)


@pytest.mark.parametrize(
    ("dt", "expected"),
    [
        (datetime(2022, 3, 15, 16, 0), "15 มี.ค. 2565 เวลา 16.00 น."),
        (datetime(2022, 3, 15, 16, 0, tzinfo=BANGKOK), "15 มี.ค. 2565 เวลา 16.00 น."),
        (datetime(2022, 3, 15, 9, 0, tzinfo=UTC), "15 มี.ค. 2565 เวลา 16.00 น."),
        (datetime(2022, 3, 15, 20, 30, tzinfo=UTC), "16 มี.ค. 2565 เวลา 03.30 น."),
    ],
)
def test_format_thai_datetime(machine_zone, dt, expected):
    assert format_thai_datetime(dt) == expected


def test_format_thai_datetime_options():
    dt = datetime(2022, 3, 15, 8, 5)
    assert format_thai_datetime(dt, style="full") == "15 มีนาคม 2565 เวลา 08.05 น."
    assert format_thai_datetime(dt, thai_digits=True) == "๑๕ มี.ค. ๒๕๖๕ เวลา ๐๘.๐๕ น."
    with pytest.raises(TypeError):
        format_thai_datetime(date(2022, 3, 15))


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2022-03-15",
        "2565-03-15",
        "15/03/2565",
        "15/3/2565",
        "15/3/2022",
        "15/03/2022",
        "15-03-2565",
        "15.03.2565",
        "๑๕/๐๓/๒๕๖๕",
        "15 มี.ค. 2565",
        "15 มีนาคม 2565",
        "15 มีค 2565",
        "15 มีนาคม พ.ศ. 2565",
        "15 มีนาคม ค.ศ. 2022",
        "15 มีนาคม 2022",
        "๑๕ มีนาคม ๒๕๖๕",
        "  15   มี.ค.  2565 ",
        "15\u00a0มี.ค.\u00a02565",
        "15 มี.\u200bค. 2565",
        "15มีนาคม2565",
        "วันอังคารที่ 15 มีนาคม 2565",
        "วันอังคาร ที่ 15/03/2565",
    ],
)
def test_parse_thai_date_accepts(text):
    assert parse_thai_date(text) == date(2022, 3, 15)


def test_parse_thai_date_passes_dates_through(machine_zone):
    assert parse_thai_date(date(2022, 3, 15)) == date(2022, 3, 15)
    assert parse_thai_date(datetime(2022, 3, 15, 23, 0)) == date(2022, 3, 15)
    assert parse_thai_date(datetime(2022, 3, 15, 20, 0, tzinfo=UTC)) == date(2022, 3, 16)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("31/02/2565", "no such day"),
        ("29/02/2566", "no such day"),  # 2023 is not a leap year
        ("32/01/2565", "no such day"),
        ("15/13/2565", "no such day"),
        ("2022-02-30", "no such day"),
        ("15/03/65 12", "expected"),
        ("15 มี.ค. ค.ศ. 22", "two-digit Common Era year is ambiguous"),
        ("15/03/565", "expected"),
        ("03/15/2022 extra", "expected"),
        ("2022/03/15", "expected"),
        ("15 March 2022", "unknown month"),
        ("15 มีนาา 2565", "unknown month"),
        ("15 มีนาคม พ.ศ. 2022", "BE year 2022"),
        ("15 มีนาคม ค.ศ. 2565", "CE year 2565"),
        ("วันจันทร์ที่ 15 มีนาคม 2565", "is a Tuesday, not a Monday"),
        ("วันพระที่ 15 มีนาคม 2565", "unknown weekday"),
        ("", "empty"),
        ("   ", "empty"),
        ("hello", "expected"),
    ],
)
def test_parse_thai_date_rejects(text, fragment):
    with pytest.raises(ValueError, match="อ่านวันที่") as info:
        parse_thai_date(text)
    message = str(info.value)
    assert repr(text) in message  # names the text
    assert fragment in message
    assert isinstance(info.value, CalendarError)


def test_parse_thai_date_leap_day_in_be():
    assert parse_thai_date("29/02/2567") == date(2024, 2, 29)
    assert parse_thai_date("29 ก.พ. 2567") == date(2024, 2, 29)


@pytest.mark.parametrize("bad", [None, 20220315, 15.3])
def test_parse_thai_date_rejects_other_types(bad):
    with pytest.raises(TypeError):
        parse_thai_date(bad)


@pytest.mark.parametrize("month", range(1, 13))
@pytest.mark.parametrize("style", ["full", "abbr", "numeric"])
@pytest.mark.parametrize("digits", [False, True])
@pytest.mark.parametrize("with_weekday", [False, True])
def test_format_parse_round_trip_every_month(month, style, digits, with_weekday):
    for day in (1, 9, 28):
        d = date(2024, month, day)
        text = format_thai_date(d, style=style, thai_digits=digits, with_weekday=with_weekday)
        assert parse_thai_date(text) == d
    last = (date(2024 + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    d = date(2024, month, last)
    text = format_thai_date(d, style=style, thai_digits=digits, with_weekday=with_weekday)
    assert parse_thai_date(text) == d


@pytest.mark.parametrize("month", range(1, 13))
def test_month_names_parse_to_their_month(month):
    assert parse_thai_date(f"1 {THAI_MONTHS[month - 1]} 2565").month == month
    assert parse_thai_date(f"1 {THAI_MONTHS_ABBR[month - 1]} 2565").month == month


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31 ธ.ค. 67", date(2024, 12, 31)),  # issue 17: the commonest office style
        ("1 ต.ค. 66", date(2023, 10, 1)),
        ("31 ธันวาคม 2567", date(2024, 12, 31)),
        ("31/12/67", date(2024, 12, 31)),
        ("31-12-67", date(2024, 12, 31)),
        ("๓๑ ธ.ค. ๖๗", date(2024, 12, 31)),
        ("31ธ.ค.67", date(2024, 12, 31)),
        ("31 ธค 67", date(2024, 12, 31)),
        ("15 มี.ค. พ.ศ. 65", date(2022, 3, 15)),
        ("15 มีนา 2565", date(2022, 3, 15)),
        ("31 ธันวา 67", date(2024, 12, 31)),
        ("30 ก.ย. 00", date(1957, 9, 30)),  # 2-digit = BE 25xx, always: 00 is 2500
    ],
)
def test_parse_thai_date_two_digit_be_years_and_spoken_months(text, expected):
    assert parse_thai_date(text) == expected


def test_parse_thai_date_refusal_lists_the_accepted_forms():
    with pytest.raises(ValueError) as info:
        parse_thai_date("ธันวาคม 67")
    message = str(info.value)
    for form in ("15/03/2565", "15 มี.ค. 65", "15 มีนาคม 2565", "พ.ศ. 25xx"):
        assert form in message
