"""A tiny built-in sample workspace for examples, doctests and quick experiments.

:func:`tiny_workspace` returns the same small workspace every time (fiscal year 2565) with
one row or two of nearly every entity, chosen so that each question the workbench asks has
an answer in it. **Everything in it is sample data (ข้อมูลตัวอย่าง)**: names of real
provinces, clusters and ministry units are used so the data reads naturally, but plans,
objectives, figures, budgets and lessons are invented and are not official figures. The
workspace says so itself: ``meta`` holds ``is_sample = true``.

What is in it
-------------
* **Provinces** Phuket (``"83"``, cluster ``south_andaman``) and Sukhothai (``"64"``, cluster
  ``north_lower_1``), two of the four model provinces (จังหวัดต้นแบบ) of the 2564 pilot.
  Phuket, an operating centre of its cluster in the reference data, is recorded in driving
  group 1; Sukhothai, which is not, in group 3.
* **Plans**: Phuket's provincial plan ``PP-83`` (issue ``PP-83-3`` with sub-issue
  ``PP-83-3.1``) aligned to the Andaman cluster plan's issue ``CP-AND-2``, which aligns to
  the Justice Master Plan No. 4 dimension ``JMP4-D1``; the reference alignments carry it
  to master plan ``NMP-22``, and a sample alignment ``NMP-22`` → ``NS-6`` (not part of the
  reference tables, which hold only confirmed links) reaches the national strategy.
* **Objectives**: ``OBJ-83-01`` (Phuket, aligned to ``PP-83-3.1``), its cascading child
  ``OBJ-83-01-01`` (probation office) and ``OBJ-64-01`` (Sukhothai, aligned to nothing: an
  orphan; carried over from the FY 2564 objective ``OBJ-64-00``, which is outside the year).
* **Key results**: ``KR-83-01-1`` is an *End Product* (owned by the provincial justice office
  with the probation office and the prison contributing); ``KR-83-01-2`` and ``KR-64-01-1``
  are single-unit key results. Four check-ins.
* **KPIs** in two dimensions (effectiveness, service quality); **initiatives**
  ``INI-83-01`` (delivers ``KR-83-01-2``) and ``INI-64-01`` (delivers nothing).
* **Flows** prison → probation → justice office, one output nobody uses (Sukhothai's
  mediation summary) and one input nobody supplies (police case statistics).
* A **stakeholder**, **PMQA mappings**, a **lesson** with links, a **directive** assigned to
  two units with one weekly report, and a **workshop** with three ideas and their votes.

Examples
--------
>>> ws = tiny_workspace()
>>> ws.fiscal_year, ws.is_sample, ws.province_codes
(2565, True, ['64', '83'])
>>> ws["objectives"]["id"].tolist()
['OBJ-83-01', 'OBJ-83-01-01', 'OBJ-64-01']
>>> ws["key_results"].set_index("id").loc["KR-83-01-1", "title_th"]
'อัตราการกระทำผิดซ้ำของผู้พ้นโทษภายใน 1 ปีลดลง'
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .workspace import Workspace

__all__ = ["TINY_FISCAL_YEAR", "tiny_tables", "tiny_workspace"]

#: The fiscal year (Buddhist Era) of the tiny workspace.
TINY_FISCAL_YEAR = 2565

_FY = TINY_FISCAL_YEAR
_SAMPLE = "ตัวอย่าง (sample) — ไม่ใช่ข้อมูลทางราชการ"
_TZ = dt.timezone(dt.timedelta(hours=7))


def tiny_tables() -> dict[str, list[dict[str, Any]]]:
    """The rows of the tiny sample workspace, per entity (a fresh copy on every call).

    Useful to build variations of the sample (add a row, break a reference) before passing
    them to :meth:`Workspace.from_tables`.

    Returns
    -------
    dict of str to list of dict
        Rows per entity name of :data:`kpyj_lib.model.ENTITIES`; entities without rows are
        left out.

    Examples
    --------
    >>> t = tiny_tables()
    >>> sorted(t)[:4]
    ['alignments', 'baseline_indicators', 'checkins', 'directive_units']
    >>> {r["key"]: r["value"] for r in t["meta"]}["is_sample"]
    'true'
    """
    # fmt: off
    return {
        "meta": [
            {"key": "is_sample", "value": "true"},
            {"key": "title_th", "value": "ชุดข้อมูลตัวอย่างขนาดเล็ก ปีงบประมาณ 2565 (ตัวอย่าง)"},
            {"key": "title_en", "value": "Tiny sample workspace, FY 2565 (sample data)"},
            {"key": "note_th", "value": "ข้อมูลสมมุติเพื่อการทดสอบและตัวอย่างเท่านั้น " + _SAMPLE},
        ],
        "province_groups": [
            {"province_code": "83", "fiscal_year": _FY, "group": 1,
             "note_th": "จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (ตัวอย่าง)"},
            {"province_code": "64", "fiscal_year": _FY, "group": 3,
             "note_th": "จังหวัดต้นแบบที่ไม่เป็นศูนย์ปฏิบัติการของกลุ่มจังหวัด (ตัวอย่าง)"},
        ],
        "plans": [
            {"id": "CP-AND", "kind": "cluster_plan", "cluster_id": "south_andaman",
             "name_th": "แผนพัฒนากลุ่มจังหวัดภาคใต้ฝั่งอันดามัน พ.ศ. 2561-2565 (ตัวอย่าง)",
             "name_en": "Southern Andaman cluster development plan 2561-2565 (sample)",
             "start_fy": 2561, "end_fy": 2565, "source": _SAMPLE},
            {"id": "PP-83", "kind": "provincial_plan", "province_code": "83",
             "name_th": "แผนพัฒนาจังหวัดภูเก็ต พ.ศ. 2561-2565 (ตัวอย่าง)",
             "name_en": "Phuket provincial development plan 2561-2565 (sample)",
             "start_fy": 2561, "end_fy": 2565, "source": _SAMPLE},
        ],
        "plan_items": [
            {"id": "CP-AND-2", "plan_id": "CP-AND", "code": "2",
             "name_th": "ประเด็นการพัฒนาที่ 2 เสริมสร้างความปลอดภัยของเมืองท่องเที่ยว (ตัวอย่าง)",
             "name_en": "Issue 2: safer tourist cities (sample)", "source": _SAMPLE},
            {"id": "PP-83-3", "plan_id": "PP-83", "code": "3",
             "name_th": "ประเด็นการพัฒนาที่ 3 ความมั่นคงและความปลอดภัยในชีวิตและทรัพย์สิน"
             " (ตัวอย่าง)",
             "name_en": "Issue 3: security and safety of life and property (sample)",
             "source": _SAMPLE},
            {"id": "PP-83-3.1", "plan_id": "PP-83", "parent_id": "PP-83-3", "code": "3.1",
             "name_th": "ลดการกระทำผิดซ้ำและคืนคนดีสู่สังคม (ตัวอย่าง)",
             "name_en": "Reduce reoffending and reintegrate offenders (sample)",
             "source": _SAMPLE},
        ],
        "units": [
            {"id": "MOJ", "name_th": "กระทรวงยุติธรรม", "name_en": "Ministry of Justice",
             "unit_type": "กระทรวง"},
            {"id": "PJO-83", "name_th": "สำนักงานยุติธรรมจังหวัดภูเก็ต",
             "name_en": "Phuket Provincial Justice Office", "province_code": "83",
             "parent_id": "MOJ", "unit_type": "สำนักงานยุติธรรมจังหวัด"},
            {"id": "PROB-83", "name_th": "สำนักงานคุมประพฤติจังหวัดภูเก็ต",
             "name_en": "Phuket Provincial Probation Office", "province_code": "83",
             "parent_id": "MOJ", "unit_type": "สำนักงานคุมประพฤติ"},
            {"id": "CORR-83", "name_th": "เรือนจำจังหวัดภูเก็ต", "name_en": "Phuket Provincial Prison",
             "province_code": "83", "parent_id": "MOJ", "unit_type": "เรือนจำ"},
            {"id": "PJO-64", "name_th": "สำนักงานยุติธรรมจังหวัดสุโขทัย",
             "name_en": "Sukhothai Provincial Justice Office", "province_code": "64",
             "parent_id": "MOJ", "unit_type": "สำนักงานยุติธรรมจังหวัด"},
        ],
        "stakeholders": [
            {"id": "STK-83-01", "name_th": "ผู้พ้นโทษและครอบครัวในจังหวัดภูเก็ต",
             "name_en": "Released offenders and their families in Phuket",
             "province_code": "83", "kind": "ผู้รับบริการ"},
        ],
        "objectives": [
            {"id": "OBJ-83-01", "fiscal_year": _FY, "province_code": "83", "unit_id": "PJO-83",
             "title_th": "ลดการกระทำผิดซ้ำในจังหวัดภูเก็ต",
             "title_en": "Reduce reoffending in Phuket",
             "description_th": "วัตถุประสงค์หลักที่ได้จากการลงคะแนนในการประชุมเชิงปฏิบัติการ"
             " (ตัวอย่าง)"},
            {"id": "OBJ-83-01-01", "fiscal_year": _FY, "province_code": "83",
             "unit_id": "PROB-83", "parent_id": "OBJ-83-01",
             "title_th": "ผู้พ้นโทษได้รับการฝึกอาชีพและมีงานทำ",
             "title_en": "Released offenders are trained and employed"},
            {"id": "OBJ-64-00", "fiscal_year": 2564, "province_code": "64", "unit_id": "PJO-64",
             "title_th": "ขยายศูนย์ยุติธรรมชุมชน (ปีก่อน)",
             "title_en": "Expand community justice centres (previous year)"},
            {"id": "OBJ-64-01", "fiscal_year": _FY, "province_code": "64", "unit_id": "PJO-64",
             "title_th": "ประชาชนเข้าถึงการไกล่เกลี่ยข้อพิพาทในชุมชน",
             "title_en": "People have access to community mediation",
             "carried_from_id": "OBJ-64-00"},
        ],
        "key_results": [
            {"id": "KR-83-01-1", "objective_id": "OBJ-83-01",
             "title_th": "อัตราการกระทำผิดซ้ำของผู้พ้นโทษภายใน 1 ปีลดลง",
             "title_en": "One-year reoffending rate falls",
             "baseline": 18.0, "target": 12.0, "unit_of_measure": "ร้อยละ", "direction": "down",
             "weight": 2.0, "owner_unit_id": "PJO-83", "start_date": dt.date(2021, 10, 1),
             "due_date": dt.date(2022, 9, 30),
             "how_th": "เรือนจำส่งรายชื่อผู้ใกล้พ้นโทษ คุมประพฤติติดตามและส่งต่อการจ้างงาน"},
            {"id": "KR-83-01-2", "objective_id": "OBJ-83-01-01",
             "title_th": "จำนวนผู้พ้นโทษที่ผ่านการฝึกอาชีพ",
             "title_en": "Released offenders completing vocational training",
             "baseline": 40.0, "target": 120.0, "unit_of_measure": "คน", "direction": "up",
             "measure_type": "level", "weight": 1.0, "owner_unit_id": "PROB-83"},
            {"id": "KR-64-01-1", "objective_id": "OBJ-64-01",
             "title_th": "จำนวนศูนย์ยุติธรรมชุมชนที่ให้บริการไกล่เกลี่ย",
             "title_en": "Community justice centres offering mediation",
             "baseline": 9.0, "target": 15.0, "unit_of_measure": "แห่ง", "direction": "up",
             "measure_type": "level", "weight": 1.0, "owner_unit_id": "PJO-64"},
        ],
        "kr_units": [
            {"key_result_id": "KR-83-01-1", "unit_id": "PJO-83", "role": "owner"},
            {"key_result_id": "KR-83-01-1", "unit_id": "PROB-83", "role": "contributor"},
            {"key_result_id": "KR-83-01-1", "unit_id": "CORR-83", "role": "contributor"},
            {"key_result_id": "KR-83-01-2", "unit_id": "PROB-83", "role": "owner"},
            {"key_result_id": "KR-64-01-1", "unit_id": "PJO-64", "role": "owner"},
        ],
        "checkins": [
            {"id": "CI-01", "key_result_id": "KR-83-01-1", "date": dt.date(2022, 1, 31),
             "value": 16.5, "confidence": 0.7, "reporter": "สำนักงานยุติธรรมจังหวัดภูเก็ต"},
            {"id": "CI-02", "key_result_id": "KR-83-01-1", "date": dt.date(2022, 4, 30),
             "value": 15.0, "confidence": 0.6, "note_th": "ข้อมูลจากเรือนจำล่าช้า 1 เดือน"},
            {"id": "CI-03", "key_result_id": "KR-83-01-2", "date": dt.date(2022, 4, 30),
             "value": 65.0, "confidence": 0.8},
            {"id": "CI-04", "key_result_id": "KR-64-01-1", "date": dt.date(2022, 3, 31),
             "value": 11.0, "confidence": 0.9},
        ],
        "kpis": [
            {"id": "KPI-83-01", "fiscal_year": _FY, "province_code": "83", "unit_id": "PJO-83",
             "name_th": "ร้อยละของผู้พ้นโทษที่กระทำผิดซ้ำภายใน 1 ปี",
             "dimension": "effectiveness", "level": "organisation",
             "key_result_id": "KR-83-01-1", "unit_of_measure": "ร้อยละ", "target": 12.0,
             "actual": 15.0},
            {"id": "KPI-83-02", "fiscal_year": _FY, "province_code": "83", "unit_id": "PROB-83",
             "name_th": "ระดับความพึงพอใจของผู้รับบริการฝึกอาชีพ",
             "dimension": "service_quality", "level": "division",
             "objective_id": "OBJ-83-01-01", "unit_of_measure": "คะแนน", "target": 4.5,
             "actual": 4.2},
            {"id": "KPI-64-01", "fiscal_year": _FY, "province_code": "64", "unit_id": "PJO-64",
             "name_th": "จำนวนข้อพิพาทที่ไกล่เกลี่ยสำเร็จ", "dimension": "effectiveness",
             "level": "organisation", "objective_id": "OBJ-64-01", "unit_of_measure": "เรื่อง",
             "target": 60.0, "actual": 41.0},
        ],
        "initiatives": [
            {"id": "INI-83-01", "fiscal_year": _FY, "province_code": "83", "kind": "project",
             "name_th": "โครงการฝึกอาชีพและจัดหางานให้ผู้พ้นโทษ (ตัวอย่าง)",
             "name_en": "Vocational training and job placement for released offenders (sample)",
             "owner_unit_id": "PROB-83", "budget": 250000.0,
             "budget_source": "งบพัฒนาจังหวัด", "budget_spent": 120000.0,
             "status": "in_progress", "start_date": dt.date(2021, 12, 1),
             "end_date": dt.date(2022, 8, 31)},
            {"id": "INI-64-01", "fiscal_year": _FY, "province_code": "64", "kind": "activity",
             "name_th": "กิจกรรมประชาสัมพันธ์ศูนย์ยุติธรรมชุมชน (ตัวอย่าง)",
             "name_en": "Community justice centre outreach (sample)",
             "owner_unit_id": "PJO-64", "budget": 30000.0, "status": "planned"},
        ],
        "initiative_krs": [
            {"initiative_id": "INI-83-01", "key_result_id": "KR-83-01-2"},
        ],
        "alignments": [
            {"source_type": "plan_item", "source_id": "PP-83-3", "plan_item_id": "CP-AND-2",
             "rationale_th": "ประเด็นความปลอดภัยของจังหวัดสนับสนุนประเด็นของกลุ่มจังหวัด"},
            {"source_type": "plan_item", "source_id": "CP-AND-2", "plan_item_id": "JMP4-D1",
             "rationale_th": "ความปลอดภัยของเมืองท่องเที่ยวอาศัยการอำนวยความยุติธรรม"},
            {"source_type": "objective", "source_id": "OBJ-83-01", "plan_item_id": "PP-83-3.1",
             "rationale_th": "ลดการกระทำผิดซ้ำตรงกับกลยุทธ์ 3.1 ของแผนพัฒนาจังหวัด"},
            {"source_type": "plan_item", "source_id": "NMP-22", "plan_item_id": "NS-6",
             "rationale_th": "แผนแม่บทฯ ประเด็น (22) อยู่ภายใต้ยุทธศาสตร์ชาติด้านที่ 6"
             " (ตัวอย่าง: ความเชื่อมโยงนี้ไม่อยู่ในตารางอ้างอิง)"},
            {"source_type": "key_result", "source_id": "KR-83-01-1", "plan_item_id": "JMP4-D1",
             "rationale_th": "อัตราการกระทำผิดซ้ำเป็นผลลัพธ์ของการอำนวยความยุติธรรม"},
            {"source_type": "initiative", "source_id": "INI-83-01", "plan_item_id": "PP-83-3.1"},
        ],
        "pmqa_mappings": [
            {"source_type": "objective", "source_id": "OBJ-83-01", "category": 2},
            {"source_type": "objective", "source_id": "OBJ-83-01", "category": 7},
            {"source_type": "key_result", "source_id": "KR-83-01-1", "category": 4},
            {"source_type": "initiative", "source_id": "INI-83-01", "category": 6},
            {"source_type": "objective", "source_id": "OBJ-64-01", "category": 3},
        ],
        "service_links": [
            {"source_type": "objective", "source_id": "OBJ-83-01", "stakeholder_id": "STK-83-01"},
            {"source_type": "initiative", "source_id": "INI-83-01",
             "stakeholder_id": "STK-83-01"},
        ],
        "flows": [
            {"id": "FL-01", "fiscal_year": _FY, "from_unit_id": "CORR-83",
             "to_unit_id": "PROB-83", "product_th": "รายชื่อผู้ต้องขังที่ใกล้พ้นโทษ",
             "key_result_id": "KR-83-01-1"},
            {"id": "FL-02", "fiscal_year": _FY, "from_unit_id": "PROB-83",
             "to_unit_id": "PJO-83", "product_th": "ข้อมูลผู้พ้นโทษที่ผ่านการฝึกอาชีพ",
             "key_result_id": "KR-83-01-1"},
            {"id": "FL-03", "fiscal_year": _FY, "from_unit_id": "PJO-64",
             "product_th": "รายงานสรุปผลการไกล่เกลี่ยข้อพิพาท"},
            {"id": "FL-04", "fiscal_year": _FY, "to_unit_id": "PJO-83",
             "product_th": "สถิติคดีจากสถานีตำรวจ"},
        ],
        "baseline_indicators": [
            {"id": "BL-83-01", "province_code": "83", "name_th": "จำนวนผู้พ้นโทษที่กลับมากระทำผิดซ้ำ",
             "year": 2564, "value": 54.0, "unit_of_measure": "คน", "source": _SAMPLE},
        ],
        "directives": [
            {"id": "DIR-2565-01", "fiscal_year": _FY,
             "title_th": "เร่งรัดการขับเคลื่อน กพยจ. ในจังหวัดต้นแบบ (ตัวอย่าง)",
             "meeting_th": "การประชุมผู้บริหารกระทรวงยุติธรรม ครั้งที่ 1/2565 (ตัวอย่าง)",
             "meeting_date": dt.date(2022, 1, 10), "issuer": "ปลัดกระทรวงยุติธรรม",
             "level": "in_progress"},
        ],
        "directive_units": [
            {"directive_id": "DIR-2565-01", "unit_id": "PJO-83"},
            {"directive_id": "DIR-2565-01", "unit_id": "PJO-64"},
        ],
        "weekly_reports": [
            {"id": "WR-2565-01-83", "directive_id": "DIR-2565-01", "unit_id": "PJO-83",
             "week_start": dt.date(2022, 1, 17),
             "submitted_at": dt.datetime(2022, 1, 21, 15, 30, tzinfo=_TZ),
             "level": "in_progress", "goal": "จัดประชุม กพยจ. ภูเก็ตภายในเดือนกุมภาพันธ์ 2565",
             "plan": "ประสานหน่วยงานในจังหวัดและจัดทำร่างแผนขับเคลื่อน"},
        ],
        "lessons": [
            {"id": "LES-83-01", "fiscal_year": _FY, "province_code": "83",
             "kind": "success_factor", "source": "field_visit", "date": dt.date(2022, 6, 15),
             "title_th": "การแบ่งปันข้อมูลระหว่างเรือนจำและคุมประพฤติช่วยติดตามผู้พ้นโทษได้ต่อเนื่อง",
             "detail_th": "บทเรียนตัวอย่างจากการลงพื้นที่ (ตัวอย่าง)"},
        ],
        "lesson_links": [
            {"lesson_id": "LES-83-01", "target_type": "key_result", "target_id": "KR-83-01-1"},
            {"lesson_id": "LES-83-01", "target_type": "unit", "target_id": "CORR-83"},
            {"lesson_id": "LES-83-01", "target_type": "unit", "target_id": "PROB-83"},
            {"lesson_id": "LES-83-01", "target_type": "pmqa_category", "target_id": "4"},
        ],
        "workshops": [
            {"id": "WS-83-01", "fiscal_year": _FY, "province_code": "83", "unit_id": "PJO-83",
             "date": dt.date(2021, 11, 25),
             "title_th": "ประชุมเชิงปฏิบัติการจัดทำ OKR จังหวัดภูเก็ต (ตัวอย่าง)",
             "facilitator": "สำนักงานกิจการยุติธรรม", "votes_per_participant": 3,
             "status": "closed", "objective_id": "OBJ-83-01"},
        ],
        "ideas": [
            {"id": "IDEA-83-01", "workshop_id": "WS-83-01", "idea_type": "do",
             "text_th": "ฝึกอาชีพผู้ต้องขังก่อนพ้นโทษ", "author": "ผู้เข้าร่วม ก"},
            {"id": "IDEA-83-02", "workshop_id": "WS-83-01", "idea_type": "expand",
             "text_th": "ขยายเครือข่ายนายจ้างที่รับผู้พ้นโทษเข้าทำงาน", "author": "ผู้เข้าร่วม ข"},
            {"id": "IDEA-83-03", "workshop_id": "WS-83-01", "idea_type": "drive",
             "text_th": "ขับเคลื่อนการแบ่งปันข้อมูลผู้พ้นโทษระหว่างหน่วยงาน",
             "author": "ผู้เข้าร่วม ค"},
        ],
        "votes": [
            {"idea_id": "IDEA-83-01", "voter": "ผู้เข้าร่วม ก"},
            {"idea_id": "IDEA-83-01", "voter": "ผู้เข้าร่วม ข"},
            {"idea_id": "IDEA-83-01", "voter": "ผู้เข้าร่วม ค"},
            {"idea_id": "IDEA-83-03", "voter": "ผู้เข้าร่วม ก"},
        ],
    }
    # fmt: on


def tiny_workspace() -> Workspace:
    """The tiny sample workspace (FY 2565, Phuket and Sukhothai), marked as sample.

    Built with :meth:`Workspace.from_tables` from :func:`tiny_tables`, so the reference
    plans (NS, NMP, JMP3, JMP4) and reference tables are merged in. Deterministic: every
    call returns an equal, independent workspace. See the module docstring for what is in
    it.

    Returns
    -------
    Workspace
        Fiscal year 2565, ``source = "tiny_workspace"``, ``is_sample`` true.

    Examples
    --------
    >>> ws = tiny_workspace()
    >>> ws.is_sample, ws.source
    (True, 'tiny_workspace')
    >>> ws["kr_units"].groupby("key_result_id").size().to_dict()
    {'KR-64-01-1': 1, 'KR-83-01-1': 3, 'KR-83-01-2': 1}
    >>> ws["objectives"]["carried_from_id"].tolist()   # OBJ-64-00 (FY 2564) is out of scope
    [None, None, 'OBJ-64-00']
    """
    return Workspace.from_tables(tiny_tables(), TINY_FISCAL_YEAR, source="tiny_workspace")
