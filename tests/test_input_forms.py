"""Issue 17, the import side: everyday Thai input, built-in plans, the template's first sheet.

Every workbook here is written cell by cell with openpyxl (no kpyj writer involved), as a
new user fills one: only the sheets a first plan needs, English or Thai headers, the values
typed the way a Thai office types them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from kpyj_lib import reference
from kpyj_lib.exceptions import ImportValidationError
from kpyj_lib.io import check_workbook, import_workbook, validate_workbook, write_template
from kpyj_lib.io.builtin import builtin_plans
from kpyj_lib.io.guide import (
    FIRST_PLAN_STEPS,
    META_KEYS,
    RANGE_MEANINGS,
    first_plan_sheets,
    optional_sheets,
    range_columns,
)
from kpyj_lib.io.spec import START_SHEET, header_text
from kpyj_lib.model import ENTITIES
from kpyj_lib.paths import sample_file

HEADERS: dict[str, list[str]] = {
    "units": ["id", "name_th", "province_code"],
    "plans": ["id", "kind", "name_th", "province_code", "cluster_id"],
    "plan_items": ["id", "plan_id", "name_th"],
    "objectives": ["id", "fiscal_year", "province_code", "title_th"],
    "key_results": [
        "id", "objective_id", "title_th", "baseline", "target", "unit_of_measure", "direction",
        "due_date",
    ],
    "initiatives": [
        "id", "fiscal_year", "name_th", "budget", "budget_spent", "status", "start_date",
        "end_date",
    ],
    "initiative_krs": ["initiative_id", "key_result_id"],
    "alignments": ["source_type", "source_id", "plan_item_id"],
    "checkins": ["id", "key_result_id", "date", "value", "confidence"],
}  # fmt: skip


def first_plan() -> dict[str, list[list[Any]]]:
    """A first plan of Phuket for FY 2568 (1 Oct 2567 - 30 Sep 2568), typed everyday style."""
    return {
        "units": [["U-83", "สำนักงานยุติธรรมจังหวัดภูเก็ต", "ภูเก็ต"]],
        "plans": [["PP-83", "แผนพัฒนาจังหวัด", "แผนพัฒนาจังหวัดภูเก็ต", "83", "ภาคใต้ฝั่งอันดามัน"]],
        "plan_items": [["PP-83-1", "PP-83", "เมืองปลอดภัย ยุติธรรมเข้าถึงได้"]],
        "objectives": [["O-1", 2568, "83", "ลดการกระทำผิดซ้ำ"]],
        "key_results": [
            ["KR-1", "O-1", "ผู้พ้นโทษมีงานทำ", "62%", "ร้อยละ 85", "ร้อยละ", "เพิ่มขึ้น", "30 ก.ย. 68"],
            ["KR-2", "O-1", "คดีไกล่เกลี่ยสำเร็จ", 850, 1200, "เรื่อง", "up", "30/9/68"],
        ],
        "initiatives": [
            [
                "P-1",
                2568,
                "ศูนย์ยุติธรรมชุมชน",
                "4.8 ล้านบาท",
                "480,000.-",
                "กำลังดำเนินการ",
                "1 ต.ค. 67",
                "31 ธ.ค. 67",
            ],
            ["P-2", 2568, "อบรมผู้ไกล่เกลี่ย", "480,000 บาท", None, "ยังไม่เริ่ม", None, None],
        ],
        "initiative_krs": [["P-1", "KR-1"]],
        "alignments": [["plan_item", "PP-83-1", "NS-1"], ["objective", "O-1", "PP-83-1"]],
        "checkins": [
            ["C-1", "KR-1", "31 ธ.ค. 67", 0.70, 0.8],  # value and confidence: percent cells
            ["C-2", "KR-2", "31/3/68", 640, None],
        ],
    }


def write(path: Path, tables: dict[str, list[list[Any]]], percent_cells=("C-1",)) -> Path:
    """Write ``tables`` as sheets (English headers); check-ins named in ``percent_cells``
    have their value and confidence formatted as percent, as Excel does for «70%»."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in tables.items():
        ws = wb.create_sheet(ENTITIES[name].sheet_th)
        ws.append(HEADERS[name])
        for r in rows:
            ws.append(r)
            if name == "checkins" and r[0] in percent_cells:
                for col in (4, 5):
                    ws.cell(row=ws.max_row, column=col).number_format = "0%"
    wb.save(path)
    return path


def rows(store, name: str) -> dict[str, dict[str, Any]]:
    df = store.read(name)
    key = ENTITIES[name].key[0]
    return {str(r[key]): r for r in df.to_dict("records")}


# --------------------------------------------------------------------------- point 2
def test_a_first_plan_typed_the_thai_office_way_imports(tmp_path, tmp_store):
    path = write(tmp_path / "plan.xlsx", first_plan())
    check = check_workbook(path, store=tmp_store)
    assert check.problems == []
    counts = import_workbook(path, tmp_store)  # the optional sheets are simply absent
    assert counts["key_results"] == 2 and counts["checkins"] == 2

    kr = rows(tmp_store, "key_results")
    assert (kr["KR-1"]["baseline"], kr["KR-1"]["target"]) == (62.0, 85.0)  # not 0.62 -> 0.85
    assert kr["KR-1"]["direction"] == "up"
    assert kr["KR-2"]["due_date"] == dt.date(2025, 9, 30)  # 30/9/68 = 30 ก.ย. 2568
    ci = rows(tmp_store, "checkins")
    assert ci["C-1"]["value"] == pytest.approx(70.0)  # a percent cell 0.70 is 70 (ร้อยละ)
    assert ci["C-1"]["confidence"] == pytest.approx(0.8)  # not a measure: stays 0-1
    assert ci["C-1"]["date"] == dt.date(2024, 12, 31)
    assert ci["C-2"]["date"] == dt.date(2025, 3, 31)
    ini = rows(tmp_store, "initiatives")
    assert ini["P-1"]["budget"] == 4_800_000 and ini["P-1"]["budget_spent"] == 480_000
    assert ini["P-2"]["budget"] == 480_000
    assert (ini["P-1"]["status"], ini["P-2"]["status"]) == ("in_progress", "planned")
    assert (ini["P-1"]["start_date"], ini["P-1"]["end_date"]) == (
        dt.date(2024, 10, 1),
        dt.date(2024, 12, 31),
    )
    plan = rows(tmp_store, "plans")["PP-83"]
    assert (plan["kind"], plan["cluster_id"]) == ("provincial_plan", "south_andaman")

    # what was interpreted is said, with its sheet, row and column
    said = {(n.sheet, n.row, n.column): n.message for n in counts.notices}
    kr_sheet, ini_sheet, ci_sheet = (
        ENTITIES[n].sheet_th for n in ("key_results", "initiatives", "checkins")
    )
    assert "«62%» เป็น 62" in said[(kr_sheet, 2, "baseline")]
    assert "«ร้อยละ 85» เป็น 85" in said[(kr_sheet, 2, "target")]
    assert "«30 ก.ย. 68» เป็น 30 กันยายน 2568" in said[(kr_sheet, 2, "due_date")]
    assert "«4.8 ล้านบาท» เป็น 4,800,000 บาท" in said[(ini_sheet, 2, "budget")]
    # an amount in baht needs no word: only millions are said
    assert (ini_sheet, 2, "budget_spent") not in said
    # one notice per column, at its first reading, listing the readings and their rows
    (status,) = [m for (sh, _, col), m in said.items() if (sh, col) == (ini_sheet, "status")]
    assert "«ยังไม่เริ่ม» เป็น planned = ยังไม่เริ่มดำเนินการ" in status
    assert "แถว/rows 2, 3" in status
    assert "เป็น 70" in said[(ci_sheet, 2, "value")] and "0.7" in said[(ci_sheet, 2, "value")]
    assert "south_andaman" in said[(ENTITIES["plans"].sheet_th, 2, "cluster_id")]
    # plain values are not noted: no notice for KR-2's 850, nor for a code typed as a code
    assert (kr_sheet, 3, "baseline") not in said and (kr_sheet, 3, "direction") not in said


def test_a_two_digit_year_excel_turned_into_19xx_is_read_as_be(tmp_path):
    """«30/9/68» typed into a date cell: Excel stores 30 Sep 1968; in FY 2568 it is 2568."""
    tables = first_plan()
    tables["key_results"][1][7] = dt.datetime(1968, 9, 30)
    tables["checkins"][1][2] = dt.datetime(1968, 3, 31)
    tables["initiatives"][1][7] = dt.datetime(1931, 1, 1)  # +57 is 1988: still refused
    path = write(tmp_path / "xl.xlsx", tables)
    check = check_workbook(path)
    kr, ini = ENTITIES["key_results"].sheet_th, ENTITIES["initiatives"].sheet_th
    assert [(p.sheet, p.row, p.column) for p in check.problems] == [(ini, 3, "end_date")]
    (kr2,) = [r for r in check.records["key_results"] if r.id == "KR-2"]
    assert kr2.due_date == dt.date(2025, 9, 30)
    (c2,) = [r for r in check.records["checkins"] if r.id == "C-2"]
    assert c2.date == dt.date(2025, 3, 31)
    said = {(n.sheet, n.row, n.column): n.message for n in check.notices}
    assert "30 กันยายน 2568" in said[(kr, 3, "due_date")] and "1968" in said[(kr, 3, "due_date")]


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("ยังไม่เริ่ม", "planned"),
        ("ยังไม่ได้ดำเนินการ", "planned"),
        ("กำลังดำเนินการ", "in_progress"),
        ("อยู่ระหว่างดำเนินการ", "in_progress"),
        ("เสร็จแล้ว", "done"),
        ("ดำเนินการแล้วเสร็จ", "done"),
        ("ยกเลิก", "cancelled"),
    ],
)
def test_status_in_natural_thai(tmp_path, status, code):
    tables = first_plan()
    tables["initiatives"][1][5] = status
    path = write(tmp_path / "s.xlsx", tables)
    check = check_workbook(path)
    assert check.problems == []
    (p2,) = [r for r in check.records["initiatives"] if r.id == "P-2"]
    assert p2.status == code


def problems_of(path: Path, store=None, **kw: Any) -> list:
    with pytest.raises(ImportValidationError) as exc:
        if store is None:
            from kpyj_lib.io import read_workbook

            read_workbook(path)
        else:
            import_workbook(path, store, **kw)
    return exc.value.problems


def the(problems, sheet: str, row: int, column: str):
    hits = [p for p in problems if (p.sheet, p.row, p.column) == (sheet, row, column)]
    assert hits, "\n".join(map(str, problems))
    return hits[0]


def test_ambiguous_or_unreadable_forms_are_refused_with_the_accepted_forms(tmp_path):
    tables = first_plan()
    tables["key_results"][1][4] = "1250%"  # a percentage, but the unit is เรื่อง
    tables["initiatives"][0][3] = "ห้าแสนบาท"  # money in words
    tables["initiatives"][1][5] = "ไม่แน่ใจ"  # no such status
    tables["initiatives"][1][6] = "ธันวา 67"  # no day
    tables["plans"][0][4] = "ภาคใต้"  # two clusters begin so
    tables["checkins"][1][3] = 0.64  # KR-2 is counted in เรื่อง: a percent cell is ambiguous
    path = write(tmp_path / "bad.xlsx", tables, percent_cells=("C-1", "C-2"))
    problems = problems_of(path)
    kr, ini, ci, pl = (
        ENTITIES[n].sheet_th for n in ("key_results", "initiatives", "checkins", "plans")
    )
    assert len(problems) == 6, "\n".join(map(str, problems))
    msg = the(problems, kr, 3, "target").message
    assert "«เรื่อง» ไม่ใช่ ร้อยละ" in msg and "ambiguous" in msg
    msg = the(problems, ini, 2, "budget").message
    assert "480,000 บาท" in msg and "4.8 ล้านบาท" in msg and "480,000.-" in msg
    msg = the(problems, ini, 3, "status").message
    assert "planned = ยังไม่เริ่มดำเนินการ" in msg and "in_progress = อยู่ระหว่างดำเนินการ" in msg
    msg = the(problems, ini, 3, "start_date").message
    assert "15 มี.ค. 65" in msg and "15/03/2565" in msg and "พ.ศ. 25xx" in msg
    msg = the(problems, pl, 2, "cluster_id").message
    assert "south_andaman" in msg and "ภาคใต้ฝั่งอันดามัน" in msg
    msg = the(problems, ci, 3, "value").message
    assert "KR-2" in msg and "«เรื่อง»" in msg


def test_shares_typed_for_percentages_are_pointed_out(tmp_path):
    tables = first_plan()
    tables["key_results"][0][3:5] = [0.62, 0.85]  # plain cells, unit ร้อยละ
    check = check_workbook(write(tmp_path / "s.xlsx", tables))
    assert check.problems == []  # not changed: 0.62 per cent may be meant
    (kr1,) = [r for r in check.records["key_results"] if r.id == "KR-1"]
    assert (kr1.baseline, kr1.target) == (0.62, 0.85)
    (n,) = [n for n in check.notices if "สัดส่วน" in n.message]
    assert (n.sheet, n.row) == (ENTITIES["key_results"].sheet_th, 2)
    assert "ร้อยละ 62 → 85" in n.message


def test_a_percentage_checked_against_a_stored_key_results_unit(tmp_path, tmp_store):
    import_workbook(write(tmp_path / "plan.xlsx", first_plan()), tmp_store)
    later = {
        "checkins": [
            ["C-3", "KR-1", "31 มี.ค. 68", "75%", None],
            ["C-4", "KR-2", "31 มี.ค. 68", "75%", None],
        ]
    }
    problems = problems_of(write(tmp_path / "later.xlsx", later), tmp_store, partial=True)
    assert [(p.row, p.column) for p in problems] == [(3, "value")]  # KR-2 only (เรื่อง)
    ok = write(tmp_path / "ok.xlsx", {"checkins": later["checkins"][:1]})
    import_workbook(ok, tmp_store, partial=True)
    assert rows(tmp_store, "checkins")["C-3"]["value"] == 75.0


# --------------------------------------------------------------------------- point 1
def test_a_built_in_plan_typed_as_new_is_refused_naming_the_id_to_use(tmp_path, tmp_store):
    tables = first_plan()
    tables["plans"].append(["NS-TH", "national_strategy", "ยุทธศาสตร์ชาติ 20 ปี", None, None])
    tables["plans"].append(
        ["JMP-4", "justice_master_plan", "แผนแม่บทการบริหารงานยุติธรรมแห่งชาติ ฉบับที่ 4", None, None]
    )
    tables["plan_items"].append(["NS-TH-2", "NS-TH", "ยุทธศาสตร์ที่ 2 ด้านการสร้างความสามารถในการแข่งขัน"])
    tables["plan_items"].append(["JMP-4-1", "JMP-4", "มิติที่ 1 การสร้างความเป็นธรรมตามกฎหมาย"])
    tables["plan_items"].append(
        ["PP-83-2", "PP-83", "ยุทธศาสตร์ชาติด้านความมั่นคง"]
    )  # a copy under a provincial plan
    tables["alignments"].append(["plan_item", "PP-83-1", "NS-TH-2"])
    tables["alignments"].append(["objective", "O-1", "ns-2"])  # the id in the wrong case
    path = write(tmp_path / "dup.xlsx", tables)
    problems = problems_of(path, tmp_store)
    pl, it, al = (ENTITIES[n].sheet_th for n in ("plans", "plan_items", "alignments"))
    assert "ใช้รหัส NS (ประเด็น/items NS-1 … NS-6)" in the(problems, pl, 3, "name_th").message
    assert "ใช้รหัส JMP4" in the(problems, pl, 4, "name_th").message
    assert (
        "ใช้รหัส NS-2 «ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน»"
        in the(problems, it, 3, "name_th").message
    )
    assert "ใช้รหัส JMP4-D1" in the(problems, it, 4, "name_th").message
    assert "ใช้รหัส NS-1" in the(problems, it, 5, "name_th").message
    assert "ใช้รหัส NS-2" in the(problems, al, 5, "plan_item_id").message
    assert not any("use your own ids" in p.message for p in problems)

    # following the messages: delete the copies, link to the built-in ids
    tables["plans"] = tables["plans"][:1]
    tables["plan_items"] = tables["plan_items"][:1]
    tables["alignments"][2] = ["plan_item", "PP-83-1", "NS-2"]
    tables["alignments"][3] = ["objective", "O-1", "JMP4-D1"]
    before = {n: len(tmp_store.read(n)) for n in ("plans", "plan_items", "alignments")}
    import_workbook(write(tmp_path / "fixed.xlsx", tables), tmp_store)
    plans = tmp_store.read("plans")
    assert len(plans) == before["plans"] + 1  # PP-83 only
    assert (plans["kind"] == "national_strategy").sum() == 1  # still the one built-in NS
    assert len(tmp_store.read("plan_items")) == before["plan_items"] + 1
    al_rows = {tuple(r) for r in tmp_store.read("alignments")[["source_id", "plan_item_id"]].values}
    assert {("PP-83-1", "NS-2"), ("O-1", "JMP4-D1"), ("PP-83-1", "NS-1")} <= al_rows


def test_a_changed_built_in_plan_names_its_items(tmp_path):
    tables = {"plans": [["NS", "national_strategy", "แก้ชื่อ", None, None]]}
    path = write(tmp_path / "ns.xlsx", tables)
    from kpyj_lib.io import read_workbook

    with pytest.raises(ImportValidationError) as exc:
        read_workbook(path, partial=True)
    (p,) = exc.value.problems
    assert "NS-1 … NS-6" in p.message and "ความสอดคล้อง" in p.message


def test_a_provincial_item_with_a_short_common_name_is_not_a_built_in_copy(tmp_path):
    tables = first_plan()
    tables["plan_items"].append(["PP-83-3", "PP-83", "ความมั่นคง"])  # also NMP-01's name
    assert validate_workbook(write(tmp_path / "p.xlsx", tables)) == []


# --------------------------------------------------------------------------- point 3
def test_the_template_starts_with_a_guide_generated_from_the_registry(tmp_path):
    path = write_template(tmp_path / "t.xlsx")
    assert validate_workbook(path) == []
    wb = load_workbook(path)
    assert wb.sheetnames[0] == START_SHEET
    guide = wb[START_SHEET]
    cells = [str(v) for r in guide.iter_rows(values_only=True) for v in r if v is not None]
    text = "\n".join(cells)
    # every built-in plan and item, from the reference data
    for p in reference.load("plans").itertuples(index=False):
        assert p.id in cells and p.name_th in text
    for i in reference.load("plan_items").itertuples(index=False):
        assert i.id in cells and i.name_th in text
    # the first plan's sheets in order, then every optional one
    steps = [c for c in cells if c in {ENTITIES[n].sheet_th for n in first_plan_sheets()}]
    assert steps[: len(FIRST_PLAN_STEPS)] == [ENTITIES[n].sheet_th for n, _ in FIRST_PLAN_STEPS]
    assert len(optional_sheets()) >= 15
    for name in optional_sheets():
        assert ENTITIES[name].sheet_th in cells
    for key, _ in META_KEYS:
        assert key in cells
    for _, _, th in range_columns():
        assert RANGE_MEANINGS[th] in cells
    al = ENTITIES["alignments"]
    assert header_text(al.column("plan_item_id")) in cells and "NS-2" in cells
    # the legend's two colours are the headers' colours, and clearly different
    legend = {guide.cell(r, 1).value: guide.cell(r, 1) for r in range(1, guide.max_row + 1)}
    required = legend["สีน้ำเงินเข้ม ตัวอักษรขาว"].fill.fgColor.rgb
    optional = legend["สีเทาอ่อน"].fill.fgColor.rgb
    assert required != optional
    kr = wb[ENTITIES["key_results"].sheet_th]
    for j, c in enumerate(ENTITIES["key_results"].columns, 1):
        assert kr.cell(1, j).fill.fgColor.rgb == (required if c.required else optional)
        assert kr.cell(1, j).value == header_text(c)  # header text unchanged
    # «กลุ่มการขับเคลื่อน (1-3)» explains itself in a cell comment
    pg = wb[ENTITIES["province_groups"].sheet_th]
    j = [c.name for c in ENTITIES["province_groups"].columns].index("group") + 1
    assert "ศูนย์ปฏิบัติการ" in pg.cell(1, j).comment.text
    # the meta sheet says which keys exist: a comment and a (warning-only) drop-down
    meta = wb[ENTITIES["meta"].sheet_th]
    assert all(k in meta.cell(1, 1).comment.text for k, _ in META_KEYS)
    (dv,) = meta.data_validations.dataValidation
    assert str(dv.sqref).startswith("A2") and "directive_reporting_start" in dv.formula1
    assert dv.errorStyle == "warning"


def test_every_header_range_has_a_meaning():
    assert range_columns()  # «กลุ่มการขับเคลื่อน (1-3)», «ความมั่นใจ (0-1)»
    for _, _, th in range_columns():
        assert th in RANGE_MEANINGS, th


def test_optional_sheets_may_be_left_out_but_a_first_plan_sheet_may_not(tmp_path):
    tables = first_plan()
    assert validate_workbook(write(tmp_path / "a.xlsx", tables)) == []
    del tables["checkins"]
    problems = validate_workbook(write(tmp_path / "b.xlsx", tables))
    assert [p.sheet for p in problems] == [ENTITIES["checkins"].sheet_th]
    assert "missing sheet" in problems[0].message


def test_builtin_plans_are_the_reference_plans():
    assert [p.id for p in builtin_plans()] == list(reference.load("plans")["id"])


# --------------------------------------------------------------------------- point 8
def _kpyj(args: list[str], home: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KPYJ_DB_URL",)}
    env["KPYJ_HOME"] = str(home)
    return subprocess.run(
        [sys.executable, "-m", "kpyj_lib", *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.slow  # subprocesses
def test_read_only_commands_create_no_store(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    res = _kpyj(["template", "t.xlsx"], home)
    assert res.returncode == 0, res.stderr
    for args in (["validate", "t.xlsx"], ["info"]):
        res = _kpyj(args, home)
        assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in home.iterdir()) == ["t.xlsx"]  # no data/, no kpyj.sqlite


@pytest.mark.slow  # subprocess + the whole sample
def test_init_sample_in_an_empty_kpyj_home(tmp_path):
    home = tmp_path / "empty"
    home.mkdir()
    res = _kpyj(["init", "--sample"], home)
    assert res.returncode == 0, res.stderr
    assert "ตัวอย่าง" in res.stdout
    assert (home / "data" / "kpyj.sqlite").is_file()
    assert not list(home.rglob("*.xlsx"))  # the sample was read from the package, not copied


def test_sample_file_falls_back_to_the_packaged_copy(tmp_path):
    packaged = sample_file()
    missing = tmp_path / "nowhere" / packaged.name
    assert sample_file(packaged.name, [missing, packaged]) == packaged
    with pytest.raises(FileNotFoundError, match="nowhere"):
        sample_file(packaged.name, [missing])
