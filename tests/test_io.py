"""Workbook import/export against real xlsx/CSV files and a real SQLite store.

Every bad-input test checks that the problem names its sheet, row and column, and that the
store is exactly as it was before the failed import.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kpyj_lib.calendar import BANGKOK
from kpyj_lib.exceptions import ImportValidationError, Problem
from kpyj_lib.io import (
    CODES_SHEET,
    INSTRUCTIONS_SHEET,
    ImportModeError,
    export_workbook,
    format_reference_markdown,
    import_workbook,
    read_workbook,
    validate_workbook,
    write_template,
    write_workbook,
)
from kpyj_lib.io.reader import decode_text, read_raw
from kpyj_lib.io.spec import START_SHEET, entity_for_sheet, header_text
from kpyj_lib.model import ENTITIES
from kpyj_lib.store import Store

UTC = dt.UTC


# --------------------------------------------------------------------------- helpers
def small_tables() -> dict[str, list[dict[str, Any]]]:
    """A small, valid workspace touching most entities (two fiscal years)."""
    return {
        "meta": [{"key": "title", "value": "ชุดทดสอบ"}],
        "province_groups": [{"province_code": "83", "fiscal_year": 2565, "group": 1}],
        "plans": [
            {
                "id": "P83",
                "kind": "provincial_plan",
                "name_th": "แผนพัฒนาจังหวัดภูเก็ต",
                "province_code": "83",
                "start_fy": 2566,
                "end_fy": 2570,
            },
        ],
        "plan_items": [
            {"id": "P83-1", "plan_id": "P83", "name_th": "ประเด็นที่ 1"},
            {"id": "P83-1.1", "plan_id": "P83", "parent_id": "P83-1", "name_th": "ประเด็นย่อย"},
        ],
        "units": [
            {"id": "U1", "name_th": "สำนักงานยุติธรรมจังหวัดภูเก็ต", "province_code": "83"},
            {"id": "U2", "name_th": "สำนักงานคุมประพฤติจังหวัดภูเก็ต", "parent_id": "U1"},
        ],
        "stakeholders": [{"id": "S1", "name_th": "ผู้ต้องขังที่พ้นโทษ", "province_code": "83"}],
        "objectives": [
            {
                "id": "O1",
                "fiscal_year": 2565,
                "province_code": "83",
                "unit_id": "U1",
                "title_th": "ลดการกระทำผิดซ้ำ",
            },
            {"id": "O2", "fiscal_year": 2565, "parent_id": "O1", "title_th": "ฟื้นฟูผู้พ้นโทษ"},
            {"id": "O0", "fiscal_year": 2564, "title_th": "ปีก่อน"},
        ],
        "key_results": [
            {
                "id": "KR1",
                "objective_id": "O1",
                "title_th": "ผู้กระทำผิดซ้ำลดลง",
                "baseline": 120.0,
                "target": 90.0,
                "unit_of_measure": "คน",
                "direction": "down",
                "start_date": dt.date(2021, 10, 1),
                "due_date": dt.date(2022, 9, 30),
            },
        ],
        "kr_units": [
            {"key_result_id": "KR1", "unit_id": "U1", "role": "owner"},
            {"key_result_id": "KR1", "unit_id": "U2"},
        ],
        "checkins": [
            {
                "id": "C1",
                "key_result_id": "KR1",
                "date": dt.date(2022, 3, 15),
                "value": 110.5,
                "confidence": 0.7,
            }
        ],
        "kpis": [
            {
                "id": "K1",
                "fiscal_year": 2565,
                "name_th": "ร้อยละการกระทำผิดซ้ำ",
                "dimension": "effectiveness",
                "level": "organisation",
                "target": 10.0,
                "level1": 14.0,
                "level2": 13.0,
                "level3": 12.0,
                "level4": 11.0,
                "level5": 10.0,
            },
        ],
        "initiatives": [
            {
                "id": "I1",
                "fiscal_year": 2565,
                "province_code": "83",
                "name_th": "โครงการกำลังใจ",
                "budget": 1250000.0,
                "status": "in_progress",
            },
        ],
        "initiative_krs": [{"initiative_id": "I1", "key_result_id": "KR1"}],
        "alignments": [
            {"source_type": "objective", "source_id": "O1", "plan_item_id": "P83-1"},
            {"source_type": "plan_item", "source_id": "P83-1", "plan_item_id": "NS-1"},
        ],
        "pmqa_mappings": [{"source_type": "objective", "source_id": "O1", "category": 2}],
        "service_links": [{"source_type": "initiative", "source_id": "I1", "stakeholder_id": "S1"}],
        "flows": [
            {
                "id": "F1",
                "fiscal_year": 2565,
                "from_unit_id": "U2",
                "to_unit_id": "U1",
                "product_th": "รายชื่อผู้พ้นโทษ",
            }
        ],
        "baseline_indicators": [
            {
                "id": "B1",
                "province_code": "83",
                "name_th": "คดียาเสพติด",
                "year": 2564,
                "value": 1532.0,
                "source": "สถิติจังหวัด",
            },
        ],
        "directives": [
            {
                "id": "D1",
                "fiscal_year": 2565,
                "title_th": "เร่งรัดการเบิกจ่าย",
                "meeting_date": dt.date(2022, 3, 7),
                "level": "in_progress",
            },
        ],
        "directive_units": [{"directive_id": "D1", "unit_id": "U1"}],
        "weekly_reports": [
            {
                "id": "W1",
                "directive_id": "D1",
                "unit_id": "U1",
                "week_start": dt.date(2022, 3, 14),
                "submitted_at": dt.datetime(2022, 3, 18, 15, 30, 5, 250000, tzinfo=BANGKOK),
                "level": "in_progress",
                "goal": "เบิกจ่ายครบ",
                "plan": "ติดตามรายสัปดาห์",
            },
        ],
        "lessons": [
            {
                "id": "L1",
                "fiscal_year": 2565,
                "province_code": "83",
                "kind": "success_factor",
                "source": "workshop",
                "date": dt.date(2022, 5, 1),
                "title_th": "ภาคีเข้มแข็ง",
            },
        ],
        "lesson_links": [
            {"lesson_id": "L1", "target_type": "pmqa_category", "target_id": "3"},
            {"lesson_id": "L1", "target_type": "unit", "target_id": "U1"},
        ],
        "workshops": [
            {
                "id": "WS1",
                "fiscal_year": 2565,
                "date": dt.date(2022, 2, 1),
                "title_th": "ระดมความคิด OKR",
                "objective_id": "O1",
            }
        ],
        "ideas": [
            {
                "id": "IDEA1",
                "workshop_id": "WS1",
                "idea_type": "upgrade",
                "text_th": "=ยกระดับ",
                "author": "สมชาย",
                "created_at": dt.datetime(2022, 2, 1, 2, 0, tzinfo=UTC),
            },
        ],
        "votes": [{"idea_id": "IDEA1", "voter": "สมหญิง"}],
    }


def make_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook written cell by cell with openpyxl (no kpyj code involved)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


def edit_sheet(path: Path, sheet: str, fn) -> Path:
    """Open a workbook with openpyxl, change one sheet with ``fn(ws)``, save it back."""
    wb = load_workbook(path)
    fn(wb[sheet])
    wb.save(path)
    return path


def col_of(ws, name: str) -> int:
    """The 1-based column whose header ends with ``(name)``."""
    for cell in ws[1]:
        if str(cell.value).endswith(f"({name})"):
            return cell.column
    raise KeyError(name)


def row_of(ws, key: str) -> int:
    for cell in ws["A"]:
        if cell.value == key:
            return cell.row
    raise KeyError(key)


def set_cell(ws, key: str, name: str, value: Any) -> None:
    ws.cell(row=row_of(ws, key), column=col_of(ws, name)).value = value


def problems_of(exc: pytest.ExceptionInfo[ImportValidationError]) -> list[Problem]:
    return exc.value.problems


def find(problems: list[Problem], text: str = "", **place: Any) -> Problem:
    """The one problem whose message contains ``text`` and whose place matches ``place``."""
    hits = [
        p
        for p in problems
        if text in p.message and all(getattr(p, k) == v for k, v in place.items())
    ]
    assert hits, f"no problem with {text!r} {place} in:\n" + "\n".join(map(str, problems))
    return hits[0]


@pytest.fixture
def good_xlsx(tmp_path) -> Path:
    return write_workbook(small_tables(), tmp_path / "good.xlsx")


@pytest.fixture
def loaded_store(tmp_store, good_xlsx) -> Store:
    """A store that already holds the small workspace (so 'unchanged' means something)."""
    import_workbook(good_xlsx, tmp_store)
    return tmp_store


def assert_import_fails(path, store, snap, **kw) -> list[Problem]:
    """Import must raise, list problems, and leave the store exactly as it was."""
    before = snap(store)
    counts = store.counts()
    with pytest.raises(ImportValidationError) as exc:
        import_workbook(path, store, **kw)
    assert store.counts() == counts
    assert snap(store) == before
    return problems_of(exc)


# --------------------------------------------------------------------------- happy paths
def test_good_workbook_imports_everything(tmp_store, good_xlsx):
    counts = import_workbook(good_xlsx, tmp_store)
    tables = small_tables()
    assert counts == {name: len(rows) for name, rows in tables.items() if rows}
    objectives = tmp_store.read("objectives").set_index("id")
    assert objectives.loc["O2", "parent_id"] == "O1"
    wr = tmp_store.read("weekly_reports").iloc[0]
    assert wr["submitted_at"] == dt.datetime(2022, 3, 18, 8, 30, 5, 250000, tzinfo=UTC)
    idea = tmp_store.read("ideas").iloc[0]
    assert idea["text_th"] == "=ยกระดับ"  # a text that looks like a formula stays text


@pytest.mark.slow  # seconds: the whole sample or national data
def test_read_workbook_returns_records_in_entity_order(good_xlsx):
    records = read_workbook(good_xlsx)
    assert list(records) == list(ENTITIES)
    kr = records["key_results"][0]
    assert kr.direction == "down" and kr.due_date == dt.date(2022, 9, 30)


# --------------------------------------------------------------------------- one test per bad input
def test_missing_sheet(tmp_path, loaded_store, store_snapshot):
    path = write_workbook(small_tables(), tmp_path / "in.xlsx")
    wb = load_workbook(path)
    del wb["ผลลัพธ์หลัก"]
    wb.save(path)
    problems = assert_import_fails(path, loaded_store, store_snapshot)
    p = find(problems, "missing sheet", sheet="ผลลัพธ์หลัก")
    assert "key_results" in p.message and p.file == str(path)
    # the same file is fine as a partial import (references to KR1 are in the store)
    assert validate_workbook(path, store=loaded_store, partial=True) == []


def test_missing_required_column(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "วัตถุประสงค์", lambda ws: ws.delete_cols(col_of(ws, "title_th")))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "missing required column", sheet="วัตถุประสงค์", row=1)
    assert p.column == "วัตถุประสงค์ (title_th)"
    assert len(problems) == 1  # no follow-on noise per row


def test_unknown_column_is_refused(good_xlsx, loaded_store, store_snapshot):
    def typo(ws):
        ws.cell(row=1, column=col_of(ws, "description_th"), value="รายละเอียดด")

    edit_sheet(good_xlsx, "วัตถุประสงค์", typo)
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "unknown column", sheet="วัตถุประสงค์", row=1, column="รายละเอียดด")
    assert "รายละเอียด" in p.message  # did-you-mean


@pytest.mark.slow  # seconds: the whole sample or national data
def test_wrong_type(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "ผลลัพธ์หลัก", lambda ws: set_cell(ws, "KR1", "baseline", "หนึ่งร้อย"))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "expected a number", sheet="ผลลัพธ์หลัก", row=2)
    assert p.column == "ค่าฐาน (baseline)"
    assert "หนึ่งร้อย" in str(p)


def test_empty_required_cell(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "วัตถุประสงค์", lambda ws: set_cell(ws, "O1", "title_th", None))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    row = load_workbook(good_xlsx)["วัตถุประสงค์"]
    p = find(problems, "required cell is empty", sheet="วัตถุประสงค์")
    assert p.row == row_of(row, "O1") and p.column == "วัตถุประสงค์ (title_th)"


def test_duplicate_id_names_both_rows(good_xlsx, loaded_store, store_snapshot):
    def dup(ws):
        ws.append(["O1", 2565, None, None, None, "ซ้ำ"])

    edit_sheet(good_xlsx, "วัตถุประสงค์", dup)
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    ws = load_workbook(good_xlsx)["วัตถุประสงค์"]
    first, last = row_of(ws, "O1"), ws.max_row
    p = find(problems, "duplicate key", sheet="วัตถุประสงค์", row=last)
    assert f"rows {first} and {last}" in p.message and p.column == "รหัสวัตถุประสงค์ (id)"


def test_dangling_reference(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "วัตถุประสงค์", lambda ws: set_cell(ws, "O1", "unit_id", "U-NOPE"))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "dangling reference", sheet="วัตถุประสงค์", row=2)
    assert p.column == "หน่วยงานรับผิดชอบ (unit_id)" and "U-NOPE" in p.message


@pytest.mark.slow  # seconds: the whole sample or national data
def test_dangling_polymorphic_reference(good_xlsx, loaded_store, store_snapshot):
    # source_type says key_result, but O1 is an objective id
    def poly(ws):
        ws.cell(row=2, column=col_of(ws, "source_type"), value="ผลลัพธ์หลัก")  # Thai label

    edit_sheet(good_xlsx, "ความสอดคล้อง", poly)
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "dangling reference", sheet="ความสอดคล้อง", row=2)
    assert p.column == "รหัสต้นทาง (source_id)" and "key_result 'O1'" in p.message


def test_cycle_in_objective_hierarchy(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "วัตถุประสงค์", lambda ws: set_cell(ws, "O1", "parent_id", "O2"))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    ws = load_workbook(good_xlsx)["วัตถุประสงค์"]
    r1, r2 = row_of(ws, "O1"), row_of(ws, "O2")
    p = find(problems, "cycle in parent_id", sheet="วัตถุประสงค์", column="วัตถุประสงค์แม่ (parent_id)")
    assert f"O1 (แถว/row {r1})" in p.message and f"O2 (แถว/row {r2})" in p.message
    assert p.row == min(r1, r2)


def test_cycle_closed_through_the_store(tmp_path, loaded_store, store_snapshot):
    # the store has O2 -> O1; a partial file now makes O1 -> O2
    path = make_xlsx(
        tmp_path / "cycle.xlsx",
        {
            "objectives": [
                ["id", "fiscal_year", "title_th", "parent_id"],
                ["O1", 2565, "ลดการกระทำผิดซ้ำ", "O2"],
            ]
        },
    )
    problems = assert_import_fails(path, loaded_store, store_snapshot, partial=True)
    p = find(problems, "cycle in parent_id", sheet="objectives", row=2, column="parent_id")
    assert "O2 (ในฐานข้อมูล/in the store)" in p.message


def test_cp874_csv_imports_with_thai_intact(tmp_path, tmp_store):
    folder = tmp_path / "csv"
    folder.mkdir()
    text = (
        "รหัสหน่วยงาน,ชื่อหน่วยงาน,รหัสจังหวัด\r\n"
        "U1,สำนักงานยุติธรรมจังหวัดภูเก็ต,ภูเก็ต\r\n"
        'U2,"สำนักงานคุมประพฤติ, ภูเก็ต",๘๓\r\n'
    )
    (folder / "หน่วยงาน.csv").write_bytes(text.encode("cp874"))
    (folder / "objectives.csv").write_bytes(
        'id,fiscal_year,title_th,unit_id\nO1,"2,565",ลดการกระทำผิดซ้ำ,U2\n'.encode("utf-8-sig")
    )
    encodings = {s.name: s.encoding for s in read_raw(folder).sheets}
    assert encodings == {"หน่วยงาน": "cp874", "objectives": "utf-8-sig"}
    assert import_workbook(folder, tmp_store, partial=True) == {"units": 2, "objectives": 1}
    units = tmp_store.read("units").set_index("id")
    assert units.loc["U1", "name_th"] == "สำนักงานยุติธรรมจังหวัดภูเก็ต"
    assert units.loc["U2", "name_th"] == "สำนักงานคุมประพฤติ, ภูเก็ต"
    assert set(units["province_code"]) == {"83"}
    assert tmp_store.read("objectives").loc[0, "fiscal_year"] == 2565


def test_csv_in_unknown_encoding(tmp_path, tmp_store, store_snapshot):
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "units.csv").write_bytes(b"id,name_th\nU1,\xff\xfc\xfd\xdb\n")
    problems = assert_import_fails(folder, tmp_store, store_snapshot, partial=True)
    p = find(problems, "cannot read the CSV file", sheet="units")
    assert p.file.endswith("units.csv")
    assert decode_text(b"\x81\xdb") is None


@pytest.mark.parametrize("kind", ["zero_bytes", "no_header"])
def test_empty_file(tmp_path, loaded_store, store_snapshot, kind):
    path = tmp_path / "empty.xlsx"
    if kind == "zero_bytes":
        path.write_bytes(b"")
        expected = "0 bytes"
    else:
        Workbook().save(path)  # one blank sheet
        expected = "no sheet has a header row"
    problems = assert_import_fails(path, loaded_store, store_snapshot)
    assert len(problems) == 1
    p = find(problems, expected, file=str(path))
    assert p.sheet is None and p.row is None


def test_formula_cell_is_refused(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "ผลลัพธ์หลัก", lambda ws: set_cell(ws, "KR1", "target", "=100-10"))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "เซลล์เป็นสูตร", sheet="ผลลัพธ์หลัก", row=2, column="ค่าเป้าหมาย (target)")
    assert "please paste values" in p.message and "=100-10" in p.message


def test_text_file_renamed_xlsx(tmp_path, loaded_store, store_snapshot):
    path = tmp_path / "data.xlsx"
    path.write_text("id,fiscal_year,title_th\nO9,2565,ทดสอบ\n", encoding="utf-8")
    problems = assert_import_fails(path, loaded_store, store_snapshot)
    assert len(problems) == 1
    p = find(problems, "not a valid .xlsx workbook", file=str(path))
    assert "renamed to .xlsx" in p.message
    assert "Traceback" not in str(ImportValidationError(problems))


def test_file_that_does_not_exist(tmp_path, loaded_store, store_snapshot):
    path = tmp_path / "nope.xlsx"
    problems = assert_import_fails(path, loaded_store, store_snapshot)
    find(problems, "file not found", file=str(path))


def test_unknown_province_code(good_xlsx, loaded_store, store_snapshot):
    edit_sheet(good_xlsx, "หน่วยงาน", lambda ws: set_cell(ws, "U1", "province_code", 99))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "no province '99' among the 77", sheet="หน่วยงาน")
    assert p.row == 2 and p.column == "รหัสจังหวัด (province_code)"


def test_invalid_code_and_record_rules(good_xlsx, loaded_store, store_snapshot):
    def bad(ws):
        set_cell(ws, "KR1", "direction", "sideways")

    edit_sheet(good_xlsx, "ผลลัพธ์หลัก", bad)
    edit_sheet(good_xlsx, "แผน", lambda ws: set_cell(ws, "P83", "start_fy", 2571))  # > end_fy
    edit_sheet(good_xlsx, "หน่วยงาน", lambda ws: set_cell(ws, "U1", "name_th", "ก" * 301))
    edit_sheet(good_xlsx, "วัตถุประสงค์", lambda ws: set_cell(ws, "O1", "fiscal_year", 2022))
    problems = assert_import_fails(good_xlsx, loaded_store, store_snapshot)
    p = find(problems, "invalid code 'sideways'", sheet="ผลลัพธ์หลัก", row=2)
    assert p.column == "ทิศทาง (direction)" and "down = " in p.message
    find(problems, "start year after end year", sheet="แผน", row=2, column=None)
    find(problems, "longer than 300", sheet="หน่วยงาน", column="ชื่อหน่วยงาน (name_th)")
    p = find(problems, "at least 2500", sheet="วัตถุประสงค์", column="ปีงบประมาณ (fiscal_year)")
    assert "2565" in p.message  # hint: use the BE year


def test_reference_plans_cannot_be_changed(tmp_path, tmp_store, store_snapshot):
    path = make_xlsx(
        tmp_path / "ref.xlsx",
        {"plans": [["id", "kind", "name_th"], ["NS", "national_strategy", "แก้ชื่อ"]]},
    )
    problems = assert_import_fails(path, tmp_store, store_snapshot, partial=True)
    find(problems, "built-in reference plan", sheet="plans", row=2)
    # an unchanged copy of the reference plans and items is accepted and skipped
    from kpyj_lib import reference
    from kpyj_lib.workspace import rows_of

    tables = {n: rows_of(reference.load(n)) for n in ("plans", "plan_items", "alignments")}
    tables["plans"].append(small_tables()["plans"][0])
    copy = write_workbook(tables, tmp_path / "copy.xlsx")
    before = tmp_store.counts()
    assert import_workbook(copy, tmp_store, partial=True) == {"plans": 1}
    assert tmp_store.counts()["plan_items"] == before["plan_items"]


# --------------------------------------------------------------------------- collection
def test_every_problem_is_collected_in_one_error(tmp_path, loaded_store, store_snapshot):
    path = write_workbook(small_tables(), tmp_path / "many.xlsx")
    wb = load_workbook(path)
    del wb["โครงการกับผลลัพธ์"]  # missing sheet (one a first plan needs; issue 17)
    set_cell(wb["วัตถุประสงค์"], "O1", "fiscal_year", "สองพัน")  # wrong type
    set_cell(wb["วัตถุประสงค์"], "O2", "unit_id", "U-NOPE")  # dangling
    set_cell(wb["หน่วยงาน"], "U1", "province_code", "00")  # province
    set_cell(wb["ผลลัพธ์หลัก"], "KR1", "unit_of_measure", None)  # empty required
    set_cell(wb["ผลลัพธ์หลัก"], "KR1", "target", "=1+1")  # formula
    wb["แผน"].append(["P83", "provincial_plan", "ซ้ำ"])  # duplicate
    wb.create_sheet("Sheet9").append(["x"])  # unknown sheet
    wb.save(path)
    problems = assert_import_fails(path, loaded_store, store_snapshot)
    for text in (
        "missing sheet",
        "expected a whole number",
        "dangling reference",
        "no province",
        "required cell is empty",
        "เซลล์เป็นสูตร",
        "duplicate key",
        "unknown sheet",
    ):
        find(problems, text)
    assert len(problems) == 8
    message = str(ImportValidationError(problems))
    assert "found 8 problem(s); nothing was written" in message
    assert "ชีต/sheet 'วัตถุประสงค์', แถว/row 2, คอลัมน์/column 'ปีงบประมาณ (fiscal_year)'" in message


def test_read_workbook_raises_with_every_problem(tmp_path):
    path = make_xlsx(
        tmp_path / "bad.xlsx",
        {"objectives": [["id", "fiscal_year", "title_th"], ["O1", "x", None], ["O1", 2565, "a"]]},
    )
    with pytest.raises(ImportValidationError) as exc:
        read_workbook(path, partial=True)
    problems = problems_of(exc)
    find(problems, "expected a whole number", row=2, column="fiscal_year")
    find(problems, "required cell is empty", row=2, column="title_th")
    # the key of row 2 is fine, so the duplicate is found too
    find(problems, "duplicate key", row=3, column="id")


def test_row_numbers_are_excel_rows_despite_blank_rows(tmp_path):
    path = make_xlsx(
        tmp_path / "gaps.xlsx",
        {
            "_notes": [["anything"]],
            "objectives": [
                [None],
                ["id", "fiscal_year", "title_th", None],
                ["O1", 2565, "a", None],
                [None, None, None],
                ["  ", None, None],
                ["O2", "2565x", "b", "stray"],
            ],
        },
    )
    problems = validate_workbook(path, partial=True)
    find(problems, "expected a whole number", sheet="objectives", row=6, column="fiscal_year")
    find(problems, "data in column D, which has no header", row=2, column="D")
    assert len(problems) == 2  # the '_notes' sheet is skipped


def test_old_xls_file(tmp_path, tmp_store, store_snapshot):
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    problems = assert_import_fails(path, tmp_store, store_snapshot)
    find(problems, "save it as .xlsx", file=str(path))


def test_validate_workbook_writes_nothing(good_xlsx, tmp_store, store_snapshot):
    before = store_snapshot(tmp_store)
    assert validate_workbook(good_xlsx, store=tmp_store) == []
    assert validate_workbook(good_xlsx) == []
    assert store_snapshot(tmp_store) == before


# --------------------------------------------------------------------------- what is accepted
def test_thai_and_english_sheet_names_and_headers(tmp_path, tmp_store):
    path = make_xlsx(
        tmp_path / "mixed.xlsx",
        {
            "units": [
                ["รหัสหน่วยงาน", "name_th", "รหัสจังหวัด (province_code)"],
                ["U1", "  สำนักงานยุติธรรมจังหวัดภูเก็ต  ", "Phuket"],
            ],
            "วัตถุประสงค์": [
                ["id", "ปีงบประมาณ", "วัตถุประสงค์ (title_th)", "Unit_ID"],
                [" O1 ", "๒๕๖๕", "ลดการกระทำผิดซ้ำ", "U1"],
                [None, None, None, None],
                ["O2", 2565.0, "เพิ่มการมีส่วนร่วม", None],
            ],
            "Key Results": [
                [
                    "id",
                    "objective_id",
                    "title_th",
                    "baseline",
                    "target",
                    "unit_of_measure",
                    "ทิศทาง",
                    "วันครบกำหนด",
                    "weight",
                ],
                ["KR1", "O1", "ลดลง", "1,200", "๙๐๐", "คดี", "ลดลง", "30/09/2565", "1"],
            ],
        },
    )
    assert import_workbook(path, tmp_store, partial=True) == {
        "units": 1,
        "objectives": 2,
        "key_results": 1,
    }
    unit = tmp_store.read("units").iloc[0]
    assert unit["name_th"] == "สำนักงานยุติธรรมจังหวัดภูเก็ต" and unit["province_code"] == "83"
    objectives = tmp_store.read("objectives").set_index("id")
    assert list(objectives.index) == ["O1", "O2"]
    assert objectives.loc["O1", "fiscal_year"] == 2565
    kr = tmp_store.read("key_results").iloc[0]
    assert (kr["baseline"], kr["target"], kr["direction"]) == (1200.0, 900.0, "down")
    assert kr["due_date"] == dt.date(2022, 9, 30)


def test_codes_given_as_thai_labels(tmp_path, tmp_store):
    path = make_xlsx(
        tmp_path / "labels.xlsx",
        {
            "ตัวชี้วัด": [
                ["id", "fiscal_year", "name_th", "มิติ", "ระดับ"],
                ["K1", 2565, "ร้อยละ", "มิติด้านประสิทธิผล", "ระดับสำนัก / กอง"],
            ],
            "ข้อสั่งการ": [
                ["id", "fiscal_year", "title_th", "meeting_date", "level"],
                ["D1", 2565, "เร่งรัด", "7 มี.ค. 2565", "ข้อสั่งการต่อเนื่อง"],
            ],
            "บทเรียน": [
                ["id", "fiscal_year", "kind", "source", "date", "title_th"],
                ["L1", 2565, "Obstacle", "Workshop", dt.datetime(2022, 5, 1), "ทดสอบ"],
            ],
            "บทเรียนเชื่อมโยง": [
                ["lesson_id", "target_type", "target_id"],
                ["L1", "หมวด PMQA", 3],
                ["L1", "ข้อสั่งการ", "D1"],
            ],
        },
    )
    import_workbook(path, tmp_store, partial=True)
    kpi = tmp_store.read("kpis").iloc[0]
    assert (kpi["dimension"], kpi["level"]) == ("effectiveness", "division")
    d = tmp_store.read("directives").iloc[0]
    assert d["level"] == "continuing" and d["meeting_date"] == dt.date(2022, 3, 7)
    lesson = tmp_store.read("lessons").iloc[0]
    assert (lesson["kind"], lesson["source"]) == ("obstacle", "workshop")
    links = tmp_store.read("lesson_links").sort_values("target_type")
    assert links[["target_type", "target_id"]].values.tolist() == [
        ["directive", "D1"],
        ["pmqa_category", "3"],
    ]


def test_timestamps_naive_are_bangkok(tmp_path, tmp_store):
    path = make_xlsx(
        tmp_path / "ts.xlsx",
        {
            "workshops": [
                ["id", "fiscal_year", "date", "title_th"],
                ["WS1", 2565, "2022-02-01", "ระดม"],
            ],
            "ideas": [
                ["id", "workshop_id", "idea_type", "text_th", "author", "created_at"],
                ["A", "WS1", "ทำ", "x", "ก", dt.datetime(2022, 2, 1, 9, 0)],
                ["B", "WS1", "ขยาย", "y", "ข", "01/02/2565 09:30"],
                ["C", "WS1", "drive", "z", "ค", "2022-02-01T09:45:00+07:00"],
            ],
        },
    )
    import_workbook(path, tmp_store, partial=True)
    ideas = tmp_store.read("ideas").set_index("id")["created_at"]
    assert ideas["A"] == dt.datetime(2022, 2, 1, 2, 0, tzinfo=UTC)
    assert ideas["B"] == dt.datetime(2022, 2, 1, 2, 30, tzinfo=UTC)
    assert ideas["C"] == dt.datetime(2022, 2, 1, 2, 45, tzinfo=UTC)


def test_merge_upserts_and_replace_replaces(tmp_path, loaded_store):
    path = make_xlsx(
        tmp_path / "upd.xlsx",
        {"units": [["id", "name_th"], ["U1", "ชื่อใหม่"], ["U9", "หน่วยใหม่"]]},
    )
    import_workbook(path, loaded_store, partial=True)
    units = loaded_store.read("units").set_index("id")
    assert units.loc["U1", "name_th"] == "ชื่อใหม่" and len(units) == 3
    with pytest.raises(ImportModeError, match="partial"):
        import_workbook(path, loaded_store, replace=True, partial=True)
    full = write_workbook({"units": [{"id": "U7", "name_th": "เท่านั้น"}]}, tmp_path / "only.xlsx")
    import_workbook(full, loaded_store, replace=True)
    counts = loaded_store.counts()
    assert counts["units"] == 1 and counts["objectives"] == 0
    assert counts["plans"] == 5  # the reference plans stay


def test_replace_does_not_count_store_ids(tmp_path, loaded_store):
    # O1 is in the store, but replace would delete it: a KR pointing to it dangles
    tables = {"key_results": [dict(small_tables()["key_results"][0])]}
    path = write_workbook(tables, tmp_path / "kr.xlsx")
    assert validate_workbook(path, store=loaded_store) == []
    problems = validate_workbook(path, store=loaded_store, replace=True)
    find(problems, "dangling reference", sheet="ผลลัพธ์หลัก", column="รหัสวัตถุประสงค์ (objective_id)")


# --------------------------------------------------------------------------- export / template
def all_cells(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    wb = load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


@pytest.mark.slow  # seconds: the whole sample or national data
def test_export_import_export_is_identical(tmp_path, loaded_store):
    first = export_workbook(loaded_store, tmp_path / "first.xlsx")
    fresh = Store(f"sqlite:///{tmp_path}/fresh.sqlite")
    fresh.init()
    try:
        import_workbook(first, fresh)
        second = export_workbook(fresh, tmp_path / "second.xlsx")
        assert fresh.counts() == loaded_store.counts()
    finally:
        fresh.close()
    a, b = all_cells(first), all_cells(second)
    assert list(a) == list(b)
    for sheet in a:
        assert a[sheet] == b[sheet], sheet
    # reference plans are not exported, user rows are, sorted by key
    plans = a["แผน"]
    assert [r[0] for r in plans[1:]] == ["P83"]
    assert [r[0] for r in a["วัตถุประสงค์"][1:]] == ["O0", "O1", "O2"]
    aligned = {r[1] for r in a["ความสอดคล้อง"][1:]}
    assert aligned == {"O1", "P83-1"}


def test_export_cells_are_typed(tmp_path, loaded_store):
    path = export_workbook(loaded_store, tmp_path / "typed.xlsx")
    wb = load_workbook(path)
    ws = wb["ผลลัพธ์หลัก"]
    due = ws.cell(row=2, column=col_of(ws, "due_date"))
    assert due.is_date and due.value == dt.datetime(2022, 9, 30)
    ws = wb["รายงานประจำสัปดาห์"]
    sub = ws.cell(row=2, column=col_of(ws, "submitted_at"))
    assert sub.is_date and sub.value == dt.datetime(2022, 3, 18, 15, 30, 5, 250000)  # Bangkok
    ws = wb["หน่วยงาน"]
    assert ws.cell(row=2, column=col_of(ws, "province_code")).value == "83"  # text, not 83
    assert ws.freeze_panes == "A2"
    header = ws.cell(row=1, column=1)
    assert header.value == "รหัสหน่วยงาน (id)" and header.font.b
    assert "Sarabun" in header.font.name
    assert ws.column_dimensions["B"].width > 20


def test_sample_marker(tmp_path):
    tables = small_tables()
    tables["meta"] = [{"key": "is_sample", "value": "true"}]
    path = write_workbook(tables, tmp_path / "sample.xlsx")
    wb = load_workbook(path)
    assert "ตัวอย่าง (sample data)" in wb[INSTRUCTIONS_SHEET]["A1"].value
    assert wb["วัตถุประสงค์"].sheet_properties.tabColor is not None
    plain = load_workbook(write_workbook(small_tables(), tmp_path / "plain.xlsx"))
    assert "ตัวอย่าง" not in plain[INSTRUCTIONS_SHEET]["A1"].value
    # the data is identical either way
    for name in ENTITIES:
        if name == "meta":
            continue
        sheet = ENTITIES[name].sheet_th
        assert [tuple(r) for r in wb[sheet].iter_rows(values_only=True)] == [
            tuple(r) for r in plain[sheet].iter_rows(values_only=True)
        ]


def test_template_has_every_sheet_dropdowns_and_instructions(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == [
        START_SHEET,  # issue 17: how to fill a first plan
        INSTRUCTIONS_SHEET,
        *(e.sheet_th for e in ENTITIES.values()),
        CODES_SHEET,
    ]
    for ent in ENTITIES.values():
        ws = wb[ent.sheet_th]
        assert [c.value for c in ws[1]] == [header_text(c) for c in ent.columns]
        assert ws.max_row == 1
        validated = {
            str(dv.sqref).split(":")[0].rstrip("0123456789")
            for dv in ws.data_validations.dataValidation
        }
        for j, c in enumerate(ent.columns, 1):
            letter = ws.cell(row=1, column=j).column_letter
            if c.codes or c.ref == "provinces":
                assert letter in validated, (ent.name, c.name)
    dvs = wb["ตัวชี้วัด"].data_validations.dataValidation
    assert {dv.type for dv in dvs} == {"list"}
    assert "kpyj_kpi_dimension" in {dv.formula1 for dv in dvs}
    # named ranges point at the codes sheet, and the province list has all 77 codes
    province = wb.defined_names["kpyj_province"].attr_text
    assert province.startswith(f"'{CODES_SHEET}'!$B$")
    codes = wb[CODES_SHEET]
    rows = list(codes.iter_rows(min_row=2, values_only=True))
    assert sum(1 for r in rows if r[0] == "province") == 77
    assert ("direction", "down") in {(r[0], r[1]) for r in rows}
    instructions = " ".join(
        str(v) for r in wb[INSTRUCTIONS_SHEET].iter_rows(values_only=True) for v in r if v
    )
    for text in ("ต้องกรอก", "พ.ศ.", "15/03/2565", "วัตถุประสงค์ (title_th)", "รหัส"):
        assert text in instructions
    # the empty template is itself a valid (empty) workbook
    assert all(v == [] for v in read_workbook(path).values())


def test_atomic_writer_leaves_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "out.xlsx"
    write_template(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]
    before = target.read_bytes()

    def boom(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", boom)
    with pytest.raises(OSError, match="disk full"):
        write_workbook(small_tables(), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]
    assert target.read_bytes() == before


def test_write_workbook_refuses_bad_tables(tmp_path):
    with pytest.raises(ValueError, match="unknown tables"):
        write_workbook({"nonsense": []}, tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match="objectives row 0"):
        write_workbook({"objectives": [{"id": "O1"}]}, tmp_path / "x.xlsx")
    assert not os.listdir(tmp_path)


def test_sheet_and_header_lookup_is_unambiguous():
    seen: dict[str, str] = {}
    for ent in ENTITIES.values():
        for name in (ent.name, ent.sheet_th):
            assert entity_for_sheet(name) is ent
            assert seen.setdefault(name.casefold(), ent.name) == ent.name
        assert len({c.th for c in ent.columns}) == len(ent.columns), ent.name


def test_format_reference_markdown_covers_every_column():
    text = format_reference_markdown()
    for ent in ENTITIES.values():
        assert f"### `{ent.name}` - {ent.sheet_th}" in text
        for c in ent.columns:
            assert f"`{header_text(c)}`" in text


def _sample_tables() -> dict[str, list[dict[str, Any]]]:
    import importlib.util

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_sample.py"
    if not script.exists():
        pytest.skip("scripts/build_sample.py is not there yet")
    spec = importlib.util.spec_from_file_location("_kpyj_build_sample", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_tables()


@pytest.mark.slow  # seconds: the whole sample or national data
def test_sample_workbook_round_trip(tmp_path, tmp_store):
    tables = _sample_tables()
    path = write_workbook(tables, tmp_path / "sample.xlsx")
    assert validate_workbook(path) == []
    counts = import_workbook(path, tmp_store)
    assert counts == {name: len(rows) for name, rows in tables.items() if rows}
    first = export_workbook(tmp_store, tmp_path / "first.xlsx")
    fresh = Store(f"sqlite:///{tmp_path}/fresh.sqlite")
    fresh.init()
    try:
        import_workbook(first, fresh, replace=True)
        second = export_workbook(fresh, tmp_path / "second.xlsx")
    finally:
        fresh.close()
    assert all_cells(first) == all_cells(second)
    wb = load_workbook(first)
    assert "ตัวอย่าง (sample data)" in wb[INSTRUCTIONS_SHEET]["A1"].value


def test_workbook_without_any_data_sheet(tmp_path):
    path = make_xlsx(tmp_path / "other.xlsx", {"_scratch": [["a", "b"], [1, 2]]})
    for partial in (False, True):
        problems = validate_workbook(path, partial=partial)
        assert len(problems) == 1
        find(problems, "no kpyj data sheet in the file", file=str(path))


def test_docs_reference_section_is_up_to_date():
    docs = Path(__file__).resolve().parents[1] / "docs" / "workbook.md"
    marker = "<!-- The sections below are generated"
    text = docs.read_text(encoding="utf-8")
    assert marker in text
    generated = text.split(marker, 1)[1].split("-->", 1)[1].strip()
    assert generated == format_reference_markdown().strip(), (
        "docs/workbook.md is out of date: paste the output of "
        "kpyj_lib.io.format_reference_markdown() below its marker comment"
    )
