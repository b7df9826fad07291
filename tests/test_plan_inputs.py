"""What the plan documents read (issue 14): the new sheets and columns, their import rules
and the bad input of the issue, old workbooks importing unchanged, the sample add-on's round
trip, a directive's own reporting start.

Bad input (issue 14): a requested budget below the allocated one, an indicator whose baseline
is later than its target year and a target for a province group without provinces are
refused at import with file, sheet, row and column; a goal without an indicator and an
indicator without a measurement method are gaps the driving plan lists (see
``tests/test_plan_documents.py``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kpyj_lib import reference
from kpyj_lib.analysis.directives import weekly_status
from kpyj_lib.examples import tiny_tables
from kpyj_lib.exceptions import ImportValidationError, Problem
from kpyj_lib.io import (
    export_workbook,
    import_workbook,
    validate_workbook,
    write_template,
    write_workbook,
)
from kpyj_lib.io.spec import header_text
from kpyj_lib.model import ENTITIES, DrivingIndicator, Initiative
from kpyj_lib.paths import SAMPLE_PLANS_WORKBOOK, SAMPLE_WORKBOOK
from kpyj_lib.store import Store
from kpyj_lib.workspace import Workspace

DRIVING = [n for n, e in ENTITIES.items() if e.sheet_optional and n.startswith("driving_")]
#: Sheets added after the first format (the driving plan of issue 14, the people of issue 15).
OPTIONAL = {n for n, e in ENTITIES.items() if e.sheet_optional}


def _xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def _head(entity: str, *names: str) -> list[str]:
    return [header_text(ENTITIES[entity].column(n)) for n in names]


def _find(problems: list[Problem], text: str, **place: Any) -> Problem:
    def here(p: Problem) -> bool:
        return text in p.message and all(getattr(p, k) == v for k, v in place.items())

    hits = [p for p in problems if here(p)]
    assert hits, f"no problem with {text!r} {place} in:\n" + "\n".join(map(str, problems))
    return hits[0]


# --------------------------------------------------------------------------- the model
def test_driving_sheets_are_registered_optional_and_year_bound():
    assert {*DRIVING, "people", "person_units", "person_roles"} == OPTIONAL
    assert DRIVING == [
        "driving_goals",
        "driving_activities",
        "driving_indicators",
        "driving_targets",
        "driving_alignments",
    ]
    assert ENTITIES["driving_goals"].scope == "fy"
    assert {ENTITIES[n].scope for n in DRIVING[1:]} == {"parent:goal_id", "parent:indicator_id"}
    for name in DRIVING:
        assert len(ENTITIES[name].sheet_th) <= 31  # Excel's limit on sheet names


def test_new_columns_are_optional():
    new = {
        "key_results": ("period", "method_th", "data_source_th", "baseline_indicator_id"),
        "kpis": ("direction", "period", "method_th", "data_source_th"),
        "initiatives": ("budget_requested", "budget_next_year"),
        "directives": ("reporting_start",),
        "lessons": ("unit_id",),
    }
    for table, cols in new.items():
        for c in cols:
            assert not ENTITIES[table].column(c).required, (table, c)
    assert ENTITIES["key_results"].column("baseline_indicator_id").ref == "baseline_indicators"
    assert ENTITIES["lessons"].column("unit_id").ref == "units"
    assert reference.code_label("measure_period", "half_year") == "รายครึ่งปี (รอบ 6 เดือน)"


def test_record_rules():
    ok = Initiative(id="I", fiscal_year=2566, name_th="x", budget=100, budget_requested=100)
    assert ok.budget_requested == 100
    with pytest.raises(ValueError, match="น้อยกว่างบประมาณที่ได้รับจัดสรร"):
        Initiative(id="I", fiscal_year=2566, name_th="x", budget=100, budget_requested=90)
    DrivingIndicator(id="I", goal_id="G", name_th="x", baseline_year=2565, target_year=2565)
    with pytest.raises(ValueError, match="อยู่หลังปีเป้าหมาย"):
        DrivingIndicator(id="I", goal_id="G", name_th="x", baseline_year=2566, target_year=2565)


# --------------------------------------------------------------------------- bad input
def test_requested_below_allocated_is_refused_at_its_cell(tmp_path, tmp_store):
    head = _head("initiatives", "id", "fiscal_year", "name_th", "budget", "budget_requested")
    path = _xlsx(
        tmp_path / "b.xlsx",
        {"โครงการ": [head, ["I1", 2566, "ก", 500000, 600000], ["I2", 2566, "ข", 500000, 400000]]},
    )
    problems = validate_workbook(path, partial=True)
    assert len(problems) == 1
    p = _find(problems, "น้อยกว่างบประมาณที่ได้รับจัดสรร", sheet="โครงการ", row=3, column=head[4])
    assert "less than the budget allocated" in p.message and p.file == str(path)
    with pytest.raises(ImportValidationError):
        import_workbook(path, tmp_store, partial=True)
    assert tmp_store.counts()["initiatives"] == 0  # all or nothing: I1 was not written


def _plan_sheets(
    groups: list[tuple[str, int]], target_groups: list[int], *, base_year: int = 2565
) -> dict[str, list[list[Any]]]:
    return {
        ENTITIES["province_groups"].sheet_th: [
            _head("province_groups", "province_code", "fiscal_year", "group"),
            *[[c, 2566, g] for c, g in groups],
        ],
        ENTITIES["driving_goals"].sheet_th: [
            _head("driving_goals", "id", "fiscal_year", "goal_th"),
            ["G1", 2566, "เป้าหมาย"],
        ],
        ENTITIES["driving_indicators"].sheet_th: [
            _head("driving_indicators", "id", "goal_id", "name_th", "baseline_year", "target_year"),
            ["I1", "G1", "ตัวชี้วัด", base_year, 2566],
        ],
        ENTITIES["driving_targets"].sheet_th: [
            _head("driving_targets", "indicator_id", "group", "target"),
            *[["I1", g, 10] for g in target_groups],
        ],
    }


def test_baseline_after_target_year_is_refused_at_its_cell(tmp_path):
    path = _xlsx(tmp_path / "y.xlsx", _plan_sheets([("83", 1)], [1], base_year=2567))
    problems = validate_workbook(path, partial=True)
    sheet = ENTITIES["driving_indicators"].sheet_th
    col = header_text(ENTITIES["driving_indicators"].column("target_year"))
    p = _find(problems, "ปีของค่าฐาน (2567) อยู่หลังปีเป้าหมาย (2566)", sheet=sheet, row=2, column=col)
    assert "baseline year is later than the target year" in p.message
    assert len(problems) == 1


def test_target_for_a_group_without_provinces_is_refused(tmp_path):
    path = _xlsx(tmp_path / "g.xlsx", _plan_sheets([("83", 1), ("50", 2)], [1, 2, 3]))
    problems = validate_workbook(path, partial=True)
    sheet = ENTITIES["driving_targets"].sheet_th
    col = header_text(ENTITIES["driving_targets"].column("group"))
    p = _find(
        problems, "กลุ่มการขับเคลื่อนที่ 3 ไม่มีจังหวัดใดในปีงบประมาณ 2566", sheet=sheet, row=4, column=col
    )
    assert "group 3 has no province in FY 2566" in p.message
    assert len(problems) == 1


def test_group_membership_in_the_store_counts(tmp_store, tmp_path):
    tmp_store.write({"province_groups": [{"province_code": "83", "fiscal_year": 2566, "group": 1}]})
    sheets = _plan_sheets([], [1, 2])
    del sheets[ENTITIES["province_groups"].sheet_th]
    path = _xlsx(tmp_path / "s.xlsx", sheets)
    problems = validate_workbook(path, store=tmp_store, partial=True)
    assert [p.row for p in problems] == [3]  # group 2 is empty in FY 2566, group 1 is not
    # replacing the workspace: the store's groups would be deleted, so FY 2566 has none at
    # all — a gap the driving plan lists, not an error
    assert validate_workbook(path, store=tmp_store, partial=True, replace=True) == []


def test_a_year_without_any_groups_is_a_gap_not_an_error(tmp_path):
    sheets = _plan_sheets([], [1, 2, 3])
    path = _xlsx(tmp_path / "n.xlsx", sheets)
    assert validate_workbook(path, partial=True) == []


# --------------------------------------------------------------------------- old workbooks
@pytest.mark.slow  # seconds: the whole sample or national data
def test_a_workbook_without_the_new_sheets_and_columns_still_imports(tmp_path, tmp_store):
    """A workbook as kpyj wrote it before issue 14: no driving sheets, no new columns."""
    path = tmp_path / "old.xlsx"
    wb = load_workbook(SAMPLE_WORKBOOK)
    for name in DRIVING:
        del wb[ENTITIES[name].sheet_th]
    dropped = {
        "key_results": ("period", "method_th", "data_source_th", "baseline_indicator_id"),
        "kpis": ("direction", "period", "method_th", "data_source_th"),
        "initiatives": ("budget_requested", "budget_next_year"),
        "directives": ("reporting_start",),
        "lessons": ("unit_id",),
    }
    for table, cols in dropped.items():
        ws = wb[ENTITIES[table].sheet_th]
        heads = [c.value for c in ws[1]]
        idx = [heads.index(header_text(ENTITIES[table].column(n))) for n in cols]
        for c in sorted(idx, reverse=True):
            ws.delete_cols(c + 1)
    wb.save(path)
    counts = import_workbook(path, tmp_store, replace=True)
    assert counts["objectives"] == 195 and "driving_goals" not in counts
    assert tmp_store.read("initiatives")["budget_requested"].isna().all()


@pytest.mark.slow  # seconds: the whole sample or national data
def test_template_has_the_new_sheets_and_codes(tmp_path):
    wb = load_workbook(write_template(tmp_path / "t.xlsx"))
    for name in DRIVING:
        ent = ENTITIES[name]
        assert [c.value for c in wb[ent.sheet_th][1]] == [header_text(c) for c in ent.columns]
    codes = [r for r in wb["รายการรหัส"].iter_rows(values_only=True) if "measure_period" in r]
    assert len(codes) == 5


@pytest.mark.slow  # seconds: the whole sample or national data
def test_sample_add_on_round_trips(tmp_path, plans_db):
    store = Store(plans_db)
    first = export_workbook(store, tmp_path / "first.xlsx")
    fresh = Store(f"sqlite:///{tmp_path}/fresh.sqlite")
    fresh.init()
    try:
        import_workbook(first, fresh, replace=True)
        assert fresh.counts() == store.counts()
        assert fresh.fiscal_years() == [2566, 2565]
        second = export_workbook(fresh, tmp_path / "second.xlsx")
    finally:
        fresh.close()
    a, b = load_workbook(first), load_workbook(second)
    for ws in a.worksheets:
        assert list(ws.values) == list(b[ws.title].values), ws.title
    assert a[ENTITIES["driving_goals"].sheet_th].max_row == 1 + 4 + 4  # FY2565 + FY2566


def test_sample_add_on_needs_the_sample_first(tmp_store):
    """The add-on refers to units and plan items of the FY2565 sample."""
    problems = validate_workbook(SAMPLE_PLANS_WORKBOOK, store=tmp_store)
    assert problems and all("dangling reference" in p.message for p in problems)


# --------------------------------------------------------------------------- directives
def test_a_directive_reporting_start_holds_back_its_missing_reports():
    tables = tiny_tables()
    week = dt.date(2022, 1, 17)  # the tiny workspace's only reporting week
    ws = Workspace.from_tables(tables, 2565)
    before = weekly_status(ws, week)
    assert (before["status"] == "missing").sum() == 1
    tables["directives"][0]["reporting_start"] = dt.date(2022, 1, 24)
    later = weekly_status(Workspace.from_tables(tables, 2565), week)
    assert (later["status"] == "missing").sum() == 0  # not due before its own start
    assert (later["status"] == "on_time").sum() == 1  # a report sent anyway still counts
    tables["directives"][0]["reporting_start"] = None  # the meta key is the fallback
    tables["meta"].append({"key": "directive_reporting_start", "value": "2022-01-24"})
    fallback = weekly_status(Workspace.from_tables(tables, 2565), week)
    assert (fallback["status"] == "missing").sum() == 0


def test_lesson_unit_is_checked_like_any_reference(tmp_path):
    tables = tiny_tables()
    tables["lessons"][0]["unit_id"] = "NO-SUCH-UNIT"
    path = write_workbook(tables, tmp_path / "l.xlsx")
    problems = validate_workbook(path)
    _find(problems, "NO-SUCH-UNIT", sheet="บทเรียน")
    tables["lessons"][0]["unit_id"] = tables["units"][0]["id"]
    problems = validate_workbook(write_workbook(tables, tmp_path / "m.xlsx"))
    assert not [p for p in problems if p.sheet == "บทเรียน"]
