"""The province report as a กพยจ. meeting uses it (issue 17, point 6): findings ranked and
folded (a pure function), a project table, the progress table with units, baselines, targets
and the date of each latest value, objective descriptions shown, and the full lists in an
appendix — on a first plan of our own, not the sample."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kpyj_lib.documents.findings import SEVERITY_ORDER, group_line, rank_findings
from kpyj_lib.documents.province import (
    KPI_GAP_GROUP_TH,
    PMQA_GROUP_TH,
    SECTIONS,
    Finding,
    ProvinceReport,
)
from kpyj_lib.examples import tiny_tables
from kpyj_lib.render import render_fragment, render_section
from kpyj_lib.workspace import Workspace


# --------------------------------------------------------------------------- ranking (pure)
def _pmqa_lines(n: int) -> list[Finding]:
    return [
        Finding(
            "pmqa",
            f"ไม่มีวัตถุประสงค์ใดดำเนินการในหมวด {c}",
            "ระบุหมวด PMQA ที่ใช้ผลักดันเป้าหมาย",
            "medium",
            (f"PMQA-{c}",),
            group_th="หมวด PMQA ที่ไม่มีวัตถุประสงค์ใดดำเนินการ",
            item_th=f"หมวด {c}",
        )
        for c in range(1, n + 1)
    ]


def test_high_findings_lead_and_eleven_repeats_become_one_line():
    low = Finding("directives", "รายงานข้อสั่งการที่ส่งไม่ทันกำหนด 3 ฉบับ", "วางระบบเตือน", "low")
    high1 = Finding("progress", "ผลลัพธ์หลักที่ล่าช้ากว่าแผน: KR-1", "ทบทวนวิธีการ", "high", ("KR-1",))
    high2 = Finding("ownership", "ผลลัพธ์หลักที่ยังไม่มีหน่วยงานรับผิดชอบ: KR-2", "มอบหมาย", "high")
    findings = [low, *_pmqa_lines(11), high1, high2]
    r = rank_findings(findings)
    # high first (in the order computed), then the medium group, then the low one
    assert r.main[:2] == [high1, high2]
    assert [f.severity for f in r.main] == ["high", "high", "medium", "low"]
    folded = r.main[2]
    assert folded.text_th.startswith(
        "หมวด PMQA ที่ไม่มีวัตถุประสงค์ใดดำเนินการ 11 รายการ ได้แก่ หมวด 1, หมวด 2, หมวด 3"
    )
    assert "และอีก 8 รายการ" in folded.text_th and "ภาคผนวก" in folded.text_th
    assert folded.evidence == tuple(f"PMQA-{c}" for c in range(1, 12))
    assert folded.recommendation_th == "ระบุหมวด PMQA ที่ใช้ผลักดันเป้าหมาย"
    # the full lines go to the appendix, in their order; 10 lines saved
    assert [f.text_th for f in r.appendix] == [f.text_th for f in _pmqa_lines(11)]
    assert r.folded == 10 and r.top(2) == [high1, high2]
    assert findings[0] is low  # the input is not changed


def test_a_group_takes_its_highest_severity_and_a_lone_member_stays_as_it_is():
    lines = _pmqa_lines(3)
    lines[2] = Finding(**{**lines[2].__dict__, "severity": "high"})
    lone = Finding("kpi", "ยังไม่ได้กำหนดตัวชี้วัดมิติด้านคุณภาพ", "พิจารณา", "low", group_th="อื่น")
    r = rank_findings([lone, *lines])
    assert [f.severity for f in r.main] == ["high", "low"]
    assert r.main[0].item_th == "*" and "3 รายการ" in r.main[0].text_th
    assert r.main[1] is lone  # a group of one is not folded
    assert rank_findings([]).main == [] and rank_findings(lines, min_group=4).appendix == []


def test_group_line_names_the_first_few():
    assert group_line("ช่องที่ว่าง", ["ก"]) == "ช่องที่ว่าง 1 รายการ ได้แก่ ก (รายการทั้งหมดอยู่ในภาคผนวก)"
    assert "และอีก 1,000 รายการ" in group_line("ช่อง", ["x"] * 1003)
    assert SEVERITY_ORDER == ("high", "medium", "low")


# --------------------------------------------------------------------------- a plan of our own
@pytest.fixture(scope="module")
def first_plan() -> Workspace:
    """Phuket's first plan as a new user fills it: a count KR reported at half-year (640),
    a description with a «ตัวอย่าง» note and markup, a project serving two KRs, four more
    objectives that break the PMQA 3 : 1 : 3 rule."""
    t = tiny_tables()
    for o in t["objectives"]:
        if o["id"] == "OBJ-83-01-01":
            o["description_th"] = "ฝึกอาชีพผู้พ้นโทษ (ตัวอย่าง: ปรับตามพื้นที่) <b>ทดลอง</b>"
    t["key_results"].append(
        {"id": "KR-83-01-3", "objective_id": "OBJ-83-01-01", "title_th": "จำนวนผู้ได้รับการจ้างงาน",
         "baseline": 850.0, "target": 1200.0, "unit_of_measure": "คน", "direction": "up",
         "weight": 1.0, "owner_unit_id": "PROB-83"}
    )  # fmt: skip
    t["checkins"].append(
        {"id": "CI-90", "key_result_id": "KR-83-01-3", "date": dt.date(2022, 3, 31),
         "value": 640.0, "confidence": 0.7}
    )  # fmt: skip
    t["initiatives"].append(
        {"id": "INI-83-09", "fiscal_year": 2565, "province_code": "83", "kind": "project",
         "name_th": "โครงการเครือข่ายนายจ้างรับผู้พ้นโทษ", "owner_unit_id": "PROB-83",
         "budget": 480000.0, "budget_source": "งบกระทรวง", "budget_spent": 120000.0,
         "status": "planned", "start_date": dt.date(2022, 1, 10),
         "end_date": dt.date(2022, 9, 30)}
    )  # fmt: skip
    t["initiative_krs"] += [
        {"initiative_id": "INI-83-09", "key_result_id": "KR-83-01-2"},
        {"initiative_id": "INI-83-09", "key_result_id": "KR-83-01-3"},
    ]
    t["flows"].append(
        {"id": "FL-90", "fiscal_year": 2565, "from_unit_id": "PROB-83", "to_unit_id": "PJO-83",
         "product_th": "ทะเบียนนายจ้างที่รับผู้พ้นโทษ", "key_result_id": "KR-83-01-3"}
    )  # fmt: skip
    for n in range(2, 6):
        oid = f"OBJ-83-0{n}"
        t["objectives"].append(
            {"id": oid, "fiscal_year": 2565, "province_code": "83", "unit_id": "PJO-83",
             "title_th": f"วัตถุประสงค์ทดลองข้อ {n}"}
        )  # fmt: skip
        t["pmqa_mappings"].append({"source_type": "objective", "source_id": oid, "category": 5})
    return Workspace.from_tables(t, 2565)


@pytest.fixture(scope="module")
def report(first_plan) -> ProvinceReport:
    return ProvinceReport.build(first_plan, "83", as_of="2022-04-15")


def test_progress_table_has_unit_baseline_target_and_the_date_of_the_value(report):
    t = report.progress_table.set_index("key_result_id")
    row = t.loc["KR-83-01-3"]
    assert (row["unit"], row["baseline"], row["target"]) == ("คน", "850", "1,200")
    assert (row["value"], row["value_date"]) == ("640", "31 มี.ค. 2565")
    assert t.loc["KR-83-01-2", "value_date"] == "–"  # reported only after the date
    html = render_section(report, "progress")
    for text in ("หน่วยนับ", "ค่าฐาน", "ค่าเป้าหมาย", "วันที่ของค่าล่าสุด", ">640<", ">1,200<"):
        assert text in html
    assert not re.search(r"\b640\.0\b|\b850\.0\b", html)


def test_project_table_names_what_each_project_serves_and_delivers(report):
    p = report.projects_table.set_index("id")
    assert list(p.index) == ["INI-83-01", "INI-83-09"]  # one row a project: budget once
    row = p.loc["INI-83-09"]
    assert (row["status_th"], row["budget"], row["budget_source"]) == (
        "ยังไม่เริ่มดำเนินการ",
        "480,000",
        "งบกระทรวง",
    )
    assert (row["spent"], row["spent_share"]) == ("120,000", "25%")
    assert (row["start"], row["end"]) == ("10 ม.ค. 2565", "30 ก.ย. 2565")
    assert row["serves"] == "KR-83-01-2 (OBJ-83-01-01), KR-83-01-3 (OBJ-83-01-01)"
    assert row["outputs"] == "ทะเบียนนายจ้างที่รับผู้พ้นโทษ"
    assert p.loc["INI-83-01", "outputs"] == "–"
    total = sum(float(b.replace(",", "")) for b in p["budget"])
    assert total == report.budget["budget"] == 730000
    html = render_section(report, "projects")
    assert "แหล่งงบประมาณ" in html and "ผลผลิตที่ส่งมอบ" in html and "730,000" in html


def test_objective_descriptions_are_shown_with_the_users_note_escaped(report):
    html = render_section(report, "plan")
    assert "ฝึกอาชีพผู้พ้นโทษ (ตัวอย่าง: ปรับตามพื้นที่) &lt;b&gt;ทดลอง&lt;/b&gt;" in html
    assert "<b>ทดลอง</b>" not in html


def test_findings_are_ranked_and_the_full_lists_are_in_the_appendix(report):
    r = report.ranked_findings
    sev = [f.severity for f in r.main]
    assert sev == sorted(sev, key=SEVERITY_ORDER.index) and sev[0] == "high"
    pmqa = [f for f in r.main if f.group_th == PMQA_GROUP_TH]
    assert len(pmqa) == 1 and "5 รายการ" in pmqa[0].text_th  # 4 new + OBJ-83-01-01
    kpi = [f for f in r.main if f.group_th == KPI_GAP_GROUP_TH]
    assert len(kpi) == 1 and f"{len(report.kpi_gaps)} รายการ" in kpi[0].text_th
    assert len(r.appendix) == 5 + len(report.kpi_gaps)
    # findings() (counted on the index and national pages) keeps the KPI grid out
    assert not [f for f in report.findings() if f.group_th == KPI_GAP_GROUP_TH]
    html = render_fragment(report)
    for s in SECTIONS:
        assert s.title_th in html
    findings_at = html.index('id="findings"')
    appendix_at = html.index('id="appendix"')
    assert findings_at < appendix_at and SECTIONS[-1].key == "appendix"
    body = html[findings_at:appendix_at]
    assert body.count("kpyj-finding") == len(r.main)
    assert body.index("kpyj-high") < body.index("kpyj-medium") < body.index("kpyj-low")
    appendix = html[appendix_at:]
    for oid in ("OBJ-83-02", "OBJ-83-05"):
        assert oid in appendix
