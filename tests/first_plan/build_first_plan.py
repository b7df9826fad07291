"""A held-out FIRST PLAN, filled in the workbook ``kpyj template`` writes, as a new user would.

Issue 17's acceptance check: a strategy officer at the provincial justice office of ลำปาง
(52, not one of the four model provinces), starting only from ``kpyj template``, fills the
first plan of fiscal year 2567. Nothing comes from the sample workbook.

The officer

* points to the plans kpyj already holds by their ids (ยุทธศาสตร์ชาติ ``NS-…``, the master
  plans under it ``NMP-…``, the Justice Master Plan No. 4 ``JMP4-D…``) and types only the
  province's own development plan (vision and issues) and the cluster plan, naming the
  cluster by its Thai name;
* writes three objectives (one description carries a «ตัวอย่าง» note), six key results — a
  cumulative count 850 → 1,200 reported 640 after six months, a decreasing count 310 → 250
  reported 148 after six months, a percentage typed «62%» —, a few KPIs, four projects with
  budgets typed «480,000 บาท» and statuses in everyday Thai («ยังไม่เริ่ม», «กำลังดำเนินการ»),
  dates typed «1 ต.ค. 66» / «31 ธ.ค. 67» (two-digit Buddhist-Era years), check-ins and lessons.

Cells are found by their header, never by position: the header row is the row (among the
first ten) that names the most of the wanted columns, and a header matches by its English
name in brackets or by its Thai text. ``ลักษณะการวัด`` (measure type: สะสม / ค่า ณ วันที่) is
filled only where the template has that column. What a user types goes in as Excel would
store it: text in a column formatted as text, a number for «1,200», 0.62 formatted ``0%``
for «62%», and text for what Excel does not read as a number or date («480,000 บาท»,
«31 ธ.ค. 67»).

Run it by hand::

    python tests/first_plan/build_first_plan.py out.xlsx [--broken]

All of it is test data (ข้อมูลทดสอบ สมมติขึ้น), marked so in the ``meta`` sheet.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "AS_OF_HALF_YEAR",
    "FISCAL_YEAR",
    "KR_CUMULATIVE",
    "KR_DECREASING",
    "KR_PERCENT",
    "LAST_CHECKIN",
    "MEASURE_TYPE",
    "OBJECTIVE_NOTE",
    "PROJECT_480K",
    "PROVINCE",
    "build_first_plan",
    "first_plan_rows",
    "kpyj_command",
    "write_template",
]

ROOT = Path(__file__).resolve().parents[2]

PROVINCE = "52"  # ลำปาง: not a model province (64 48 83 70)
PROVINCE_TH = "ลำปาง"
FISCAL_YEAR = 2567
CLUSTER_TH = "กลุ่มจังหวัดภาคเหนือตอนบน 1"  # typed by its Thai name, not its id

KR_CUMULATIVE = "KR-52-01-1"  # 850 → 1,200, 640 at the half year (cumulative count)
KR_PERCENT = "KR-52-01-2"  # «62%» → «85%» (a level)
KR_DECREASING = "KR-52-02-1"  # 310 → 250, 148 at the half year (cumulative count, down)
PROJECT_480K = "PRJ-52-01"  # budget typed «480,000 บาท»
#: The «ตัวอย่าง» note a user wrote in an objective's description (it must stay visible).
OBJECTIVE_NOTE = "ตัวอย่าง: ค่าเป้าหมายเป็นค่าประมาณการ รอที่ประชุม กพยจ. ครั้งที่ 1/2567 ยืนยัน"
LAST_CHECKIN = "2024-03-31"  # 31 มี.ค. 67, the half year of FY 2567
AS_OF_HALF_YEAR = LAST_CHECKIN
#: The Thai header of the measure-type column (issue 17 point 4), filled where it exists.
MEASURE_TYPE = "ลักษณะการวัด"
CUMULATIVE, LEVEL = "สะสม", "ค่า ณ วันที่รายงาน"  # as typed / as picked from the drop-down

_TEST = "ข้อมูลทดสอบ (สมมติขึ้น) ไม่ใช่ข้อมูลทางราชการ"


def kpyj_command(*args: str) -> list[str]:
    """The ``kpyj`` command line run with this interpreter (``python -m kpyj_lib ...``)."""
    return [sys.executable, "-m", "kpyj_lib", *args]


def write_template(path: Path, env: Mapping[str, str] | None = None) -> Path:
    """Run ``kpyj template path`` (the CLI, as a user does) and return ``path``."""
    subprocess.run(
        kpyj_command("template", str(path)),
        check=True,
        capture_output=True,
        env=dict(env) if env is not None else None,
        cwd=path.parent,
    )
    return path


# ---------------------------------------------------------------------------- the plan
def first_plan_rows() -> dict[str, list[dict[str, Any]]]:
    """The rows of the first plan, per sheet (Thai sheet name), keyed by header.

    Keys are the columns' English names as the template shows them in brackets, or a Thai
    header (:data:`MEASURE_TYPE`, optional). Values are what the officer types.
    """
    m = MEASURE_TYPE
    pjo, prob, prison, police = "U52-PJO", "U52-PROB", "U52-PRISON", "U52-POL"
    return {
        "ข้อมูลชุดงาน": [
            {"key": "is_sample", "value": "true"},
            {"key": "title_th", "value": f"แผนแรกของจังหวัด{PROVINCE_TH} ปีงบประมาณ 2567 ({_TEST})"},
            {
                "key": "note_th",
                "value": f"แผนทดสอบที่กรอกจากแม่แบบเปล่าเพื่อทดสอบเส้นทางของผู้ใช้ใหม่ (ประเด็น 17) {_TEST}",
            },
        ],
        "แผน": [
            {
                "id": "PDP-52",
                "kind": "แผนพัฒนาจังหวัด",
                "name_th": f"แผนพัฒนาจังหวัด{PROVINCE_TH} พ.ศ. 2566-2570 (ฉบับทบทวน พ.ศ. 2567)",
                "start_fy": 2566,
                "end_fy": 2570,
                "province_code": PROVINCE_TH,
                "source": _TEST,
            },
            {
                "id": "CDP-N1",
                "kind": "แผนพัฒนากลุ่มจังหวัด",
                "name_th": f"แผนพัฒนา{CLUSTER_TH} พ.ศ. 2566-2570",
                "start_fy": 2566,
                "end_fy": 2570,
                "cluster_id": CLUSTER_TH,
                "source": _TEST,
            },
        ],
        "ประเด็นแผน": [
            {
                "id": "PDP-52-V",
                "plan_id": "PDP-52",
                "code": "วิสัยทัศน์",
                "name_th": "ลำปางเมืองน่าอยู่ เศรษฐกิจสร้างสรรค์ สังคมปลอดภัย (ข้อความทดสอบ)",
                "source": _TEST,
            },
            {
                "id": "PDP-52-1",
                "plan_id": "PDP-52",
                "parent_id": "PDP-52-V",
                "code": "1",
                "name_th": "เสริมสร้างความมั่นคงและความปลอดภัยในชีวิตและทรัพย์สินของประชาชน",
            },
            {
                "id": "PDP-52-2",
                "plan_id": "PDP-52",
                "parent_id": "PDP-52-V",
                "code": "2",
                "name_th": "พัฒนาคุณภาพชีวิตและสร้างโอกาสให้กลุ่มเปราะบางกลับคืนสู่สังคม",
            },
            {
                "id": "PDP-52-3",
                "plan_id": "PDP-52",
                "parent_id": "PDP-52-V",
                "code": "3",
                "name_th": "บริหารจัดการภาครัฐให้ประชาชนเข้าถึงบริการได้อย่างเป็นธรรม",
            },
            {
                "id": "CDP-N1-2",
                "plan_id": "CDP-N1",
                "code": "2",
                "name_th": "ส่งเสริมสังคมคุณภาพ ปลอดภัย และเข้มแข็ง",
            },
        ],
        "หน่วยงาน": [
            {
                "id": pjo,
                "name_th": f"สำนักงานยุติธรรมจังหวัด{PROVINCE_TH}",
                "province_code": PROVINCE_TH,
                "unit_type": "สำนักงานยุติธรรมจังหวัด",
            },
            {
                "id": prob,
                "name_th": f"สำนักงานคุมประพฤติจังหวัด{PROVINCE_TH}",
                "province_code": PROVINCE_TH,
                "unit_type": "คุมประพฤติ",
            },
            {
                "id": prison,
                "name_th": f"เรือนจำกลาง{PROVINCE_TH}",
                "province_code": PROVINCE_TH,
                "unit_type": "ราชทัณฑ์",
            },
            {
                "id": police,
                "name_th": f"ตำรวจภูธรจังหวัด{PROVINCE_TH}",
                "province_code": PROVINCE_TH,
                "unit_type": "ตำรวจ",
            },
        ],
        "วัตถุประสงค์": [
            {
                "id": "OBJ-52-01",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "unit_id": pjo,
                "title_th": "ประชาชนจังหวัดลำปางเข้าถึงความเป็นธรรมได้ง่าย รวดเร็ว และทั่วถึง",
                "description_th": "ขยายบริการให้คำปรึกษาทางกฎหมายและกองทุนยุติธรรมถึงระดับอำเภอ "
                "ผ่านศูนย์ยุติธรรมชุมชนและคลินิกยุติธรรม",
            },
            {
                "id": "OBJ-52-02",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "unit_id": prob,
                "title_th": "ลดความรุนแรงในครอบครัวและการกระทำผิดซ้ำ คืนคนดีสู่สังคม",
                "description_th": "บูรณาการหน่วยงานในกระบวนการยุติธรรมเพื่อป้องกันความรุนแรงใน"
                "ครอบครัวและติดตามช่วยเหลือผู้พ้นโทษ " + f"({OBJECTIVE_NOTE})",
            },
            {
                "id": "OBJ-52-03",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "unit_id": pjo,
                "title_th": "ชุมชนเข้มแข็ง มีส่วนร่วมป้องกันอาชญากรรมและยาเสพติด",
                "description_th": "พัฒนาเครือข่ายยุติธรรมชุมชนให้ดำเนินงานได้ตามมาตรฐาน",
            },
        ],
        "ผลลัพธ์หลัก": [
            {
                "id": KR_CUMULATIVE,
                "objective_id": "OBJ-52-01",
                "title_th": "จำนวนประชาชนที่ได้รับบริการให้คำปรึกษาทางกฎหมายและกองทุนยุติธรรม",
                "baseline": "850",
                "target": "1,200",
                "unit_of_measure": "คน",
                "direction": "เพิ่มขึ้น",
                "owner_unit_id": pjo,
                "start_date": "1 ต.ค. 66",
                "due_date": "30 ก.ย. 67",
                "period": "รายไตรมาส",
                "method_th": "นับจำนวนผู้รับบริการสะสมตั้งแต่ต้นปีงบประมาณ",
                m: CUMULATIVE,
            },
            {
                "id": KR_PERCENT,
                "objective_id": "OBJ-52-01",
                "title_th": "ร้อยละความพึงพอใจของผู้รับบริการศูนย์ยุติธรรมชุมชน",
                "baseline": "62%",
                "target": "85%",
                "unit_of_measure": "ร้อยละ",
                "direction": "เพิ่มขึ้น",
                "owner_unit_id": pjo,
                "start_date": "1 ต.ค. 66",
                "due_date": "30 ก.ย. 67",
                "period": "รอบ 6 เดือน",
                m: LEVEL,
            },
            {
                "id": KR_DECREASING,
                "objective_id": "OBJ-52-02",
                "title_th": "จำนวนคดีความรุนแรงในครอบครัวที่รับแจ้งในจังหวัด",
                "baseline": "310",
                "target": "250",
                "unit_of_measure": "คดี",
                "direction": "ลดลง",
                "owner_unit_id": police,
                "start_date": "1 ต.ค. 66",
                "due_date": "30 ก.ย. 67",
                "period": "รายไตรมาส",
                "method_th": "นับคดีที่รับแจ้งสะสมตั้งแต่ต้นปีงบประมาณ",
                m: CUMULATIVE,
            },
            {
                "id": "KR-52-02-2",
                "objective_id": "OBJ-52-02",
                "title_th": "จำนวนผู้พ้นโทษที่ได้รับการติดตามช่วยเหลือและมีงานทำ",
                "baseline": "120",
                "target": "180",
                "unit_of_measure": "คน",
                "direction": "เพิ่มขึ้น",
                "owner_unit_id": prob,
                "start_date": "1 ต.ค. 66",
                "due_date": "30 ก.ย. 67",
                m: CUMULATIVE,
            },
            {
                "id": "KR-52-03-1",
                "objective_id": "OBJ-52-03",
                "title_th": "จำนวนศูนย์ยุติธรรมชุมชนที่ดำเนินงานได้ตามมาตรฐาน",
                "baseline": "45",
                "target": "60",
                "unit_of_measure": "แห่ง",
                "direction": "เพิ่มขึ้น",
                "owner_unit_id": pjo,
                "start_date": "1 ต.ค. 66",
                "due_date": "30 ก.ย. 67",
                m: LEVEL,
            },
            {
                "id": "KR-52-03-2",
                "objective_id": "OBJ-52-03",
                "title_th": "จำนวนเครือข่ายยุติธรรมชุมชนที่ผ่านการอบรม",
                "baseline": "400",
                "target": "600",
                "unit_of_measure": "คน",
                "direction": "เพิ่มขึ้น",
                "start_date": "1 ม.ค. 67",
                "due_date": "30 ก.ย. 67",
                m: CUMULATIVE,
            },
        ],
        "หน่วยงานร่วมผลลัพธ์": [
            {"key_result_id": KR_CUMULATIVE, "unit_id": pjo, "role": "หน่วยงานเจ้าของ"},
            {"key_result_id": KR_DECREASING, "unit_id": police, "role": "หน่วยงานเจ้าของ"},
            {"key_result_id": KR_DECREASING, "unit_id": pjo, "role": "หน่วยงานร่วม"},
            {"key_result_id": "KR-52-02-2", "unit_id": prob, "role": "หน่วยงานเจ้าของ"},
            {"key_result_id": "KR-52-02-2", "unit_id": prison, "role": "หน่วยงานร่วม"},
        ],
        "รายงานความก้าวหน้า": [
            {
                "id": "CI-52-001",
                "key_result_id": KR_CUMULATIVE,
                "date": "31 ธ.ค. 66",
                "value": "290",
                "reporter": "นางสาวกานดา ใจงาม",
            },
            {
                "id": "CI-52-002",
                "key_result_id": KR_CUMULATIVE,
                "date": "31 มี.ค. 67",
                "value": "640",
                "reporter": "นางสาวกานดา ใจงาม",
            },
            {
                "id": "CI-52-003",
                "key_result_id": KR_PERCENT,
                "date": "31 มี.ค. 67",
                "value": "74%",
                "reporter": "นางสาวกานดา ใจงาม",
            },
            {
                "id": "CI-52-004",
                "key_result_id": KR_DECREASING,
                "date": "31 ธ.ค. 66",
                "value": "71",
                "reporter": "ร.ต.อ.สมชาย ทองดี",
            },
            {
                "id": "CI-52-005",
                "key_result_id": KR_DECREASING,
                "date": "31 มี.ค. 67",
                "value": "148",
                "reporter": "ร.ต.อ.สมชาย ทองดี",
                "note_th": "ยอดสะสมครึ่งปีแรก",
            },
            {
                "id": "CI-52-006",
                "key_result_id": "KR-52-02-2",
                "date": "31 มี.ค. 67",
                "value": "95",
                "reporter": "นายวีระ สุขสม",
            },
            {
                "id": "CI-52-007",
                "key_result_id": "KR-52-03-1",
                "date": "31 มี.ค. 67",
                "value": "52",
                "reporter": "นางสาวกานดา ใจงาม",
            },
        ],
        "ตัวชี้วัด": [
            {
                "id": "KPI-52-01",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "unit_id": pjo,
                "name_th": "ร้อยละของคำขอรับความช่วยเหลือจากกองทุนยุติธรรมที่พิจารณาแล้วเสร็จภายใน 60 วัน",
                "dimension": "มิติด้านคุณภาพการให้บริการ",
                "level": "ระดับหน่วยงาน",
                "objective_id": "OBJ-52-01",
                "unit_of_measure": "ร้อยละ",
                "target": "90%",
                "actual": "86%",
                "direction": "เพิ่มขึ้น",
                m: LEVEL,
            },
            {
                "id": "KPI-52-02",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "unit_id": pjo,
                "name_th": "จำนวนผู้ผ่านการอบรมเครือข่ายยุติธรรมชุมชน",
                "dimension": "มิติด้านประสิทธิผล",
                "level": "ระดับกลุ่มงาน",
                "key_result_id": "KR-52-03-2",
                "unit_of_measure": "คน",
                "target": "600",
                "actual": "275",
                "direction": "เพิ่มขึ้น",
                m: CUMULATIVE,
            },
            {
                "id": "KPI-52-03",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "unit_id": pjo,
                "name_th": "ร้อยละการเบิกจ่ายงบประมาณโครงการตามแผน",
                "dimension": "มิติด้านประสิทธิภาพของการปฏิบัติราชการ",
                "level": "ระดับหน่วยงาน",
                "unit_of_measure": "ร้อยละ",
                "target": "100%",
                "direction": "เพิ่มขึ้น",
                m: LEVEL,
            },
        ],
        "โครงการ": [
            {
                "id": PROJECT_480K,
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "โครงการ",
                "name_th": "โครงการคลินิกยุติธรรมเคลื่อนที่ 13 อำเภอ",
                "owner_unit_id": pjo,
                "budget": "480,000 บาท",
                "budget_source": "งบพัฒนาจังหวัด",
                "budget_spent": "212,500 บาท",
                "status": "กำลังดำเนินการ",
                "start_date": "1 ต.ค. 66",
                "end_date": "31 ธ.ค. 67",
            },
            {
                "id": "PRJ-52-02",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "โครงการ",
                "name_th": "โครงการครอบครัวอบอุ่น ป้องกันความรุนแรงในครอบครัว",
                "owner_unit_id": police,
                "budget": "350,000 บาท",
                "budget_source": "งบพัฒนาจังหวัด",
                "budget_spent": "0 บาท",
                "status": "ยังไม่เริ่ม",
                "start_date": "1 เม.ย. 67",
                "end_date": "30 ก.ย. 67",
            },
            {
                "id": "PRJ-52-03",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "โครงการ",
                "name_th": "โครงการคืนคนดีสู่สังคม ฝึกอาชีพและจัดหางานผู้พ้นโทษ",
                "owner_unit_id": prob,
                "budget": "1,250,000 บาท",
                "budget_source": "กองทุนยุติธรรม",
                "budget_spent": "610,000 บาท",
                "status": "กำลังดำเนินการ",
                "start_date": "1 พ.ย. 66",
                "end_date": "30 ก.ย. 67",
            },
            {
                "id": "PRJ-52-04",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "กิจกรรม",
                "name_th": "กิจกรรมอบรมเครือข่ายยุติธรรมชุมชน",
                "owner_unit_id": pjo,
                "budget": "95,000 บาท",
                "budget_source": "งบปกติ สำนักงานยุติธรรมจังหวัด",
                "status": "ยังไม่เริ่ม",
                "start_date": "1 พ.ค. 67",
                "end_date": "31 ก.ค. 67",
            },
        ],
        "โครงการกับผลลัพธ์": [
            {"initiative_id": PROJECT_480K, "key_result_id": KR_CUMULATIVE},
            {"initiative_id": PROJECT_480K, "key_result_id": KR_PERCENT},
            {"initiative_id": "PRJ-52-02", "key_result_id": KR_DECREASING},
            {"initiative_id": "PRJ-52-03", "key_result_id": "KR-52-02-2"},
            {"initiative_id": "PRJ-52-04", "key_result_id": "KR-52-03-2"},
        ],
        "ความสอดคล้อง": [
            # the province's development plan up to the national plans (built in, by id)
            {"source_type": "ประเด็นแผน", "source_id": "PDP-52-1", "plan_item_id": "NS-1"},
            {"source_type": "ประเด็นแผน", "source_id": "PDP-52-2", "plan_item_id": "NS-4"},
            {"source_type": "ประเด็นแผน", "source_id": "PDP-52-3", "plan_item_id": "NS-6"},
            {"source_type": "ประเด็นแผน", "source_id": "CDP-N1-2", "plan_item_id": "NS-1"},
            # the objectives to the province's issues and the national plans
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-01", "plan_item_id": "PDP-52-3"},
            {
                "source_type": "วัตถุประสงค์",
                "source_id": "OBJ-52-01",
                "plan_item_id": "JMP4-D1",
                "rationale_th": "การเข้าถึงความเป็นธรรมตามกฎหมาย",
            },
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-01", "plan_item_id": "NMP-22"},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-02", "plan_item_id": "PDP-52-2"},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-02", "plan_item_id": "JMP4-D2"},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-03", "plan_item_id": "PDP-52-1"},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-03", "plan_item_id": "CDP-N1-2"},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-03", "plan_item_id": "JMP4-D3"},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-03", "plan_item_id": "NMP-01"},
            {"source_type": "โครงการ", "source_id": PROJECT_480K, "plan_item_id": "PDP-52-3"},
        ],
        "หมวด PMQA": [
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-01", "category": 3},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-01", "category": 6},
            # two objectives work only through "act" categories: two near-identical PMQA
            # findings, which the report should group into one line
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-02", "category": 4},
            {"source_type": "วัตถุประสงค์", "source_id": "OBJ-52-03", "category": 5},
        ],
        "บทเรียน": [
            {
                "id": "LES-52-01",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "ปัจจัยแห่งความสำเร็จ",
                "source": "การประชุมเชิงปฏิบัติการ",
                "date": "15 มี.ค. 67",
                "title_th": "ผู้ว่าราชการจังหวัดเป็นประธานติดตามผลทุกไตรมาส",
                "detail_th": "การติดตามในที่ประชุมหัวหน้าส่วนราชการทำให้หน่วยงานรายงานผลตรงเวลา",
                "unit_id": pjo,
            },
            {
                "id": "LES-52-02",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "ปัญหาและอุปสรรค",
                "source": "การลงพื้นที่",
                "date": "20 มี.ค. 67",
                "title_th": "ข้อมูลคดีความรุนแรงในครอบครัวกระจายอยู่หลายหน่วยงาน",
                "detail_th": "ตัวเลขของสถานีตำรวจและศูนย์ช่วยเหลือสังคมไม่ตรงกัน ต้องกระทบยอดทุกเดือน",
                "unit_id": police,
            },
            {
                "id": "LES-52-03",
                "fiscal_year": FISCAL_YEAR,
                "province_code": PROVINCE_TH,
                "kind": "ข้อเสนอแนะ",
                "source": "การทบทวนและประเมินผล",
                "date": "31 มี.ค. 67",
                "title_th": "กำหนดผู้รับผิดชอบข้อมูลของผลลัพธ์หลักแต่ละตัวตั้งแต่ต้นปี",
                "unit_id": pjo,
            },
        ],
        "บทเรียนเชื่อมโยง": [
            {"lesson_id": "LES-52-01", "target_type": "วัตถุประสงค์", "target_id": "OBJ-52-01"},
            {"lesson_id": "LES-52-02", "target_type": "ผลลัพธ์หลัก", "target_id": KR_DECREASING},
        ],
    }


# ---------------------------------------------------------------------------- the wrong variant
#: What the broken variant types instead (sheet, row id, column, value): a date without a year
#: and money in words. ``kpyj validate`` must name each and list the accepted forms.
BROKEN: tuple[tuple[str, str, str, str], ...] = (
    ("รายงานความก้าวหน้า", "CI-52-002", "date", "31 ธค"),
    ("โครงการ", "PRJ-52-03", "budget", "ห้าแสน"),
)


# ---------------------------------------------------------------------------- filling
_BRACKETS = re.compile(r"^(?P<th>.*?)\s*\((?P<en>[A-Za-z_][A-Za-z0-9_]*)\)\s*$")


def _split_header(value: Any) -> tuple[str, str]:
    """``"รหัสวัตถุประสงค์ (id)"`` → ``("รหัสวัตถุประสงค์", "id")``; a bare header → (text, "").

    >>> _split_header("รหัสวัตถุประสงค์ (id)"), _split_header("กลุ่มการขับเคลื่อน (1-3) (group)")
    (('รหัสวัตถุประสงค์', 'id'), ('กลุ่มการขับเคลื่อน (1-3)', 'group'))
    >>> _split_header("ลักษณะการวัด"), _split_header("budget"), _split_header(None)
    (('ลักษณะการวัด', ''), ('', 'budget'), ('', ''))
    >>> _matches("งบประมาณ (บาท) (budget)", "budget")
    True
    >>> _matches("ลักษณะการวัด (measure_type)", MEASURE_TYPE)
    True
    """
    text = " ".join(str(value or "").split())
    m = _BRACKETS.match(text)
    if m:
        return m.group("th").strip(), m.group("en")
    if re.fullmatch(r"[a-z_][a-z0-9_]*", text):
        return "", text
    return text, ""


def _matches(header: Any, key: str) -> bool:
    """True when a header cell names the column ``key`` (English name or Thai header)."""
    th, en = _split_header(header)
    if not th and not en:
        return False
    if key in (en, th):
        return True
    return key == MEASURE_TYPE and key in th  # e.g. «ลักษณะการวัด (สะสม/ค่า ณ วันที่)»


def _sheet(wb: openpyxl.Workbook, name: str) -> Worksheet:
    for ws in wb.worksheets:
        if " ".join(ws.title.split()) == name:
            return ws
    raise KeyError(f"the template has no sheet {name!r}: {wb.sheetnames}")


def _header_row(ws: Worksheet, keys: Sequence[str]) -> tuple[int, dict[str, int]]:
    """The header row (1-based) and the column of each key found there."""
    best: tuple[int, dict[str, int]] = (0, {})
    for r in range(1, min(ws.max_row, 10) + 1):
        cols: dict[str, int] = {}
        for c in range(1, ws.max_column + 1):
            v = ws.cell(r, c).value
            for k in keys:
                if k not in cols and _matches(v, k):
                    cols[k] = c
        if len(cols) > len(best[1]):
            best = (r, cols)
    if not best[1]:
        raise KeyError(f"no header row naming {list(keys)} in sheet {ws.title!r}")
    return best


def _column_format(ws: Worksheet, col: int) -> str:
    letter = openpyxl.utils.get_column_letter(col)
    fmt = ws.column_dimensions[letter].number_format if letter in ws.column_dimensions else None
    return fmt or "General"


_NUMBER = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+(\.\d+)?$")
_PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*%$")


def _type_in(ws: Worksheet, row: int, col: int, value: Any) -> None:
    """Put ``value`` in the cell as Excel stores what a user types there."""
    cell = ws.cell(row, col)
    if not isinstance(value, str):
        cell.value = value
        return
    if _column_format(ws, col) == "@":  # a column formatted as text keeps what is typed
        cell.value = value
        cell.number_format = "@"
        return
    text = value.strip()
    if m := _PERCENT.match(text):  # Excel: «62%» → 0.62 shown as 62%
        cell.value = float(m.group(1)) / 100
        cell.number_format = "0%"
    elif _NUMBER.match(text):  # Excel: «1,200» → 1200 shown as 1,200
        num = float(text.replace(",", ""))
        cell.value = int(num) if num.is_integer() else num
        if "," in text:
            cell.number_format = "#,##0"
    else:  # «480,000 บาท», «31 ธ.ค. 67», Thai words: Excel keeps them as text
        cell.value = text


def fill_sheet(ws: Worksheet, rows: Sequence[Mapping[str, Any]]) -> int:
    """Write ``rows`` below the sheet's header row, by header; returns the rows written.

    Rows the template left below the header (examples, if any) are replaced, as a user
    types over them. A key whose column the template lacks is an error, except the
    optional :data:`MEASURE_TYPE`.
    """
    keys = list(dict.fromkeys(k for r in rows for k in r))
    header, cols = _header_row(ws, keys)
    missing = [k for k in keys if k not in cols and k != MEASURE_TYPE]
    if missing:
        raise KeyError(f"sheet {ws.title!r} has no column for {missing}")
    if ws.max_row > header:
        ws.delete_rows(header + 1, ws.max_row - header)
    for i, row in enumerate(rows, start=header + 1):
        for key, value in row.items():
            if key in cols and value is not None:
                _type_in(ws, i, cols[key], value)
    return len(rows)


def build_first_plan(
    path: Path, *, broken: bool = False, env: Mapping[str, str] | None = None
) -> Path:
    """Write the template with ``kpyj template`` at ``path`` and fill the first plan in it.

    Parameters
    ----------
    path : Path
        The workbook to write (``.xlsx``).
    broken : bool
        Type the wrong values of :data:`BROKEN` (a date without its year, money in words).
    env : mapping, optional
        The environment of the ``kpyj template`` run (e.g. with ``KPYJ_HOME``).
    """
    path = Path(path)
    write_template(path, env=env)
    wb = openpyxl.load_workbook(path)
    rows = first_plan_rows()
    if broken:
        for sheet, row_id, column, value in BROKEN:
            row = next(r for r in rows[sheet] if r.get("id") == row_id)
            row[column] = value
    for sheet, sheet_rows in rows.items():
        fill_sheet(_sheet(wb, sheet), sheet_rows)
    wb.save(path)
    return path


def broken_cells(path: Path) -> list[tuple[str, int, str, str]]:
    """Where :data:`BROKEN` sits in a workbook: (sheet, Excel row, header text, value)."""
    wb = openpyxl.load_workbook(path)
    out = []
    for sheet, row_id, column, value in BROKEN:
        ws = _sheet(wb, sheet)
        header, cols = _header_row(ws, ["id", column])
        row = next(
            r for r in range(header + 1, ws.max_row + 1) if ws.cell(r, cols["id"]).value == row_id
        )
        out.append((ws.title, row, str(ws.cell(header, cols[column]).value), value))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("out")
    p.add_argument("--broken", action="store_true", help="type the wrong values too")
    args = p.parse_args(argv)
    out = build_first_plan(Path(args.out).resolve(), broken=args.broken, env=os.environ)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
