"""Issue 17 points 4 and 5: measure types (level / cumulative / periodic) and the date of the
data (default as-of, its reason, the stale-data warning) — on small workspaces built here.

Fiscal year 2565 runs 1 Oct 2021 - 30 Sep 2022; 1 Apr 2022 is exactly half of it.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import docx
import pytest

from kpyj_lib import analysis as an
from kpyj_lib.analysis.measure import (
    MEASURE_TYPES,
    STALE_DAYS,
    cumulative_progress,
    data_date,
    infer_measure_type,
    resolve_measure_type,
)
from kpyj_lib.documents.cluster import ClusterReport
from kpyj_lib.documents.lessons import build_synthesis, build_writeup
from kpyj_lib.documents.national import NationalOverview
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.documents.strategic_plan import build_strategic_plan
from kpyj_lib.examples import tiny_tables
from kpyj_lib.io import read_workbook, write_workbook
from kpyj_lib.io.notices import measure_notices, workbook_notices
from kpyj_lib.model import ENTITIES
from kpyj_lib.reference import code_from_text
from kpyj_lib.render.docx import build_docx
from kpyj_lib.render.html import render_page
from kpyj_lib.workspace import Workspace

HALF = dt.date(2022, 4, 1)
MARCH = dt.date(2022, 3, 31)
SEPT = dt.date(2022, 9, 30)


def _kr(kid, base, target, unit, direction="up", measure=None, objective="OBJ-83-01"):
    return {
        "id": kid,
        "objective_id": objective,
        "title_th": f"ผลลัพธ์ทดสอบ {kid}",
        "baseline": float(base),
        "target": float(target),
        "unit_of_measure": unit,
        "direction": direction,
        "weight": 1.0,
        "measure_type": measure,
    }


def _ci(kid, day, value, n):
    return {"id": f"CI-T-{kid}-{n}", "key_result_id": kid, "date": day, "value": float(value)}


def _tables(*, checkin_days: tuple[dt.date, ...] = (HALF,), meta_as_of: str | None = None):
    """Phuket (83) with only the KRs of this test: the two cases of the issue, a periodic
    one, one inferred from its unit, a level one and one without a check-in."""
    t = tiny_tables()
    t["meta"] = [m for m in t["meta"] if m["key"] != "as_of"]
    if meta_as_of:
        t["meta"].append({"key": "as_of", "value": meta_as_of})
    t["key_results"] = [
        _kr("KR-UP", 850, 1200, "คน", measure="cumulative"),
        _kr("KR-DOWN", 310, 250, "คดี", "down", measure="cumulative"),
        _kr("KR-PER", 0, 120, "ครั้ง", measure="periodic"),
        _kr("KR-INF", 100, 400, "ราย"),  # blank: cumulative from its unit
        _kr("KR-LVL", 40, 80, "ร้อยละ", measure="level"),
        _kr("KR-NONE", 0, 50, "แห่ง", measure="cumulative"),
        _kr("KR-64", 9, 15, "แห่ง", objective="OBJ-64-01", measure="level"),
    ]
    t["kr_units"] = []
    t["initiative_krs"] = []
    for k in t["kpis"]:
        k["key_result_id"] = None
    day = checkin_days[-1]
    t["checkins"] = [
        _ci("KR-UP", day, 640, 1),
        _ci("KR-DOWN", day, 148, 1),
        # periodic: three quarters' own amounts, added up to 75 by the last one
        _ci("KR-PER", dt.date(2021, 12, 31), 20, 1),
        _ci("KR-PER", dt.date(2022, 3, 1), 25, 2),
        _ci("KR-PER", day, 30, 3),
        _ci("KR-INF", day, 210, 1),
        _ci("KR-LVL", day, 60, 1),
        _ci("KR-64", dt.date(2022, 1, 31), 11, 1),
    ]
    return t


@pytest.fixture
def ws() -> Workspace:
    return Workspace.from_tables(_tables(), 2565)


def _row(df, kid):
    return df.set_index("key_result_id").loc[kid]


# --------------------------------------------------------------------------- measure types
def test_the_two_cases_of_the_issue(ws):
    kp = an.kr_progress(ws, HALF)
    up, down = _row(kp, "KR-UP"), _row(kp, "KR-DOWN")
    # up: 640 of 1,200 at half-year is 53 % against 50 % expected, projection 1,280
    assert up["expected"] == pytest.approx(0.5)
    assert up["progress"] == pytest.approx(640 / 1200)
    assert up["projection"] == pytest.approx(1280)
    assert up["status"] == "on_track"
    # down: 148 in six months is about 296 a year, over the ceiling of 250: behind
    assert down["projection"] == pytest.approx(296)
    assert down["projection"] > down["target"]
    assert down["progress_clipped"] < down["expected"]
    assert down["status"] in ("at_risk", "off_track")
    assert down["progress_clipped"] < 1.0  # never "100 %, exceeded"


def test_level_reading_of_the_same_numbers_was_wrong(ws):
    """What the issue saw, kept as the level rule: the numbers only make sense by type."""
    assert an.progress_value(850, 1200, 640, "up") < 0  # "regressed"
    assert an.progress_value(310, 250, 148, "down") > 1  # "exceeded"


def test_down_count_cannot_turn_good_by_not_reporting(ws):
    """148 reported at half-year, report at 30 Sep: the pace is assumed to go on (296)."""
    kp = an.kr_progress(ws, SEPT)
    down = _row(kp, "KR-DOWN")
    assert down["expected"] == 1.0
    assert down["projection"] == pytest.approx(296)
    assert down["status"] != "on_track"
    up = _row(kp, "KR-UP")  # up: nothing is added for the months without a report
    assert up["progress"] == pytest.approx(640 / 1200) and up["status"] == "off_track"


def test_periodic_check_ins_add_up(ws):
    kp = an.kr_progress(ws, HALF)
    per = _row(kp, "KR-PER")
    assert per["value"] == 75.0
    assert per["progress"] == pytest.approx(75 / 120)
    assert per["measure_type"] == "periodic" and per["measure_source"] == "declared"
    # before the last check-in only the first two periods count
    early = _row(an.kr_progress(ws, "2022-03-15"), "KR-PER")
    assert early["value"] == 45.0


def test_blank_type_is_inferred_from_the_unit_and_said_so(ws):
    kp = an.kr_progress(ws, HALF)
    inf = _row(kp, "KR-INF")
    assert (inf["measure_type"], inf["measure_source"]) == ("cumulative", "unit")
    assert inf["measure_type_th"] == MEASURE_TYPES["cumulative"]
    assert inf["progress"] == pytest.approx(210 / 400)
    lvl = _row(kp, "KR-LVL")
    assert lvl["measure_type"] == "level" and lvl["progress"] == pytest.approx(0.5)
    assert math.isnan(lvl["projection"])


def test_no_check_in_stays_no_data(ws):
    none = _row(an.kr_progress(ws, HALF), "KR-NONE")
    assert none["status"] == "no_data" and math.isnan(none["progress"])
    assert math.isnan(none["progress_clipped"])


def test_rollup_averages_the_same_scale(ws):
    kp = an.kr_progress(ws, HALF)
    obj = an.rollup(ws, "objective", progress=kp).set_index("objective_id").loc["OBJ-83-01"]
    mine = kp[(kp["objective_id"] == "OBJ-83-01") & kp["progress_clipped"].notna()]
    assert obj["progress"] == pytest.approx(mine["progress_clipped"].mean())
    assert obj["expected"] == pytest.approx(0.5)
    assert 0 <= obj["progress"] <= 1


def test_history_follows_the_type(ws):
    h = an.kr_history(ws)
    per = h[h["key_result_id"] == "KR-PER"]
    assert per["ytd"].tolist() == [20.0, 45.0, 75.0]  # year-to-date, not the period's amount
    assert per["value"].tolist() == [20.0, 25.0, 30.0]
    assert per["progress"].tolist() == pytest.approx([20 / 120, 45 / 120, 75 / 120])
    up = h[h["key_result_id"] == "KR-UP"].iloc[0]
    assert up["expected"] == pytest.approx(0.5) and up["progress"] == pytest.approx(640 / 1200)
    lvl = h[h["key_result_id"] == "KR-LVL"].iloc[0]
    assert lvl["progress"] == pytest.approx(0.5) and lvl["measure_type"] == "level"


def test_chart_draws_year_to_date_progress(ws):
    from kpyj_lib.render.charts.progress import progress_timeline

    fig = progress_timeline(an.kr_history(ws, "KR-PER"), an.kr_progress(ws, HALF).iloc[[2]])
    ax = fig.axes[0]
    actual = next(line for line in ax.get_lines() if line.get_marker() == "o")
    assert list(actual.get_ydata()) == pytest.approx([100 * 20 / 120, 100 * 45 / 120, 62.5])


@pytest.mark.parametrize(
    ("unit", "expected"),
    [("ร้อยละ", "level"), ("%", "level"), ("อัตรา", "level"), ("คะแนน", "level"),
     ("ระดับ", "level"), ("คดีต่อแสนประชากร", "level"), ("คน", "cumulative"),
     ("ราย", "cumulative"), ("คดี", "cumulative"), ("ครั้ง", "cumulative"),
     ("เรื่อง", "cumulative"), ("แห่ง", None), ("ชุมชน", None), ("โครงการ", "cumulative"),
     ("วัน", None), ("ล้านบาท", None), ("", None)],
)  # fmt: skip
def test_inference_from_units(unit, expected):
    assert infer_measure_type(unit) == expected
    used, source = resolve_measure_type(None, unit)
    assert used == (expected or "level")
    assert source == ("unit" if expected else "default")


def test_cumulative_reach_and_start_of_window():
    assert cumulative_progress(0, 100, 0, "up", 0.0, 0.0).status == "not_started"
    reach = cumulative_progress(0, 100, 50, "reach", 0.5, 0.5)
    assert reach.projection == 100 and reach.status == "on_track"


def test_codes_and_column_in_the_registry():
    col = ENTITIES["key_results"].column("measure_type")
    assert col.th == "ลักษณะการวัด" and col.codes == "measure_type"
    assert col.choices == ("level", "cumulative", "periodic")
    assert "สะสมตั้งแต่ต้นปีงบประมาณ" in (col.description or "")
    assert ENTITIES["kpis"].column("measure_type").codes == "measure_type"
    assert code_from_text("measure_type", "สะสม") == "cumulative"
    assert code_from_text("measure_type", "รายรอบ") == "periodic"
    assert code_from_text("measure_type", "ค่า ณ วันที่รายงาน") == "level"


def test_template_and_import_speak_thai_measure_types(tmp_path):
    import openpyxl

    t = tiny_tables()  # the tiny workspace whole, with this test's KRs added
    t["key_results"] += [r for r in _tables()["key_results"] if r["id"] in ("KR-PER", "KR-INF")]
    t["alignments"] = []  # one of them restates a built-in plan's link, refused on import
    path = write_workbook(t, tmp_path / "plan.xlsx")
    wb = openpyxl.load_workbook(path)
    sh = wb[ENTITIES["key_results"].sheet_th]
    cells = [c for row in sh.iter_rows() for c in row]
    head = next(c for c in cells if c.value == "ลักษณะการวัด (measure_type)")
    kr = next(c for c in cells if c.value == "KR-PER")
    sh.cell(row=kr.row, column=head.column, value="รายรอบ")  # typed in Thai
    wb.save(path)
    got = {r.id: r.measure_type for r in read_workbook(path)["key_results"]}
    assert got["KR-PER"] == "periodic" and got["KR-INF"] is None
    notices = workbook_notices(path)
    inferred = [n for n in notices if "KR-INF" in n]
    assert inferred and "ตามหน่วยนับ (ราย)" in inferred[0] and "สะสมตั้งแต่ต้นปีงบประมาณ" in inferred[0]


def test_notice_for_an_unclear_unit_says_level():
    (n,) = measure_notices({"kpis": [{"id": "KPI-X", "unit_of_measure": "วัน"}]})
    assert n.startswith("ตัวชี้วัด 1 รายการ") and "«ค่า ณ วันที่รายงาน»" in n and "KPI-X" in n


# --------------------------------------------------------------------------- date of the data
def test_default_is_the_latest_check_in_of_the_scope(ws):
    d = data_date(ws)
    assert (d.as_of, d.reason, d.stale) == (HALF, "latest_checkin", False)
    assert d.text_th == "ข้อมูล ณ วันที่ 1 เมษายน 2565 (วันที่รายงานผลล่าสุด)"
    assert data_date(ws, None, ["KR-64"]).as_of == dt.date(2022, 1, 31)
    assert an.default_as_of(ws) == HALF


def test_explicit_date_a_quarter_after_the_last_check_in_is_stale():
    ws = Workspace.from_tables(_tables(checkin_days=(MARCH,)), 2565)
    d = data_date(ws, SEPT)
    assert d.reason == "given" and d.latest == MARCH
    assert d.age_days == 183 >= STALE_DAYS and d.stale
    assert "31 มีนาคม 2565" in d.warning_th and "183 วัน" in d.warning_th
    assert not data_date(ws, MARCH + dt.timedelta(days=STALE_DAYS - 1)).stale
    assert data_date(ws, MARCH + dt.timedelta(days=STALE_DAYS)).stale


def test_meta_as_of_wins_and_says_so():
    ws = Workspace.from_tables(_tables(meta_as_of="2022-06-30"), 2565)
    d = data_date(ws)
    assert (d.as_of, d.reason) == (dt.date(2022, 6, 30), "meta")
    assert "ชีตข้อมูลชุดงาน" in d.text_th and not d.stale  # 90 days after 1 Apr


def test_no_check_in_at_all():
    t = _tables()
    t["checkins"] = []
    d = data_date(Workspace.from_tables(t, 2565))
    assert d.reason == "no_checkin" and d.latest is None and not d.stale
    assert d.as_of <= SEPT


# --------------------------------------------------------------------------- documents
@pytest.fixture
def stale_ws() -> Workspace:
    return Workspace.from_tables(_tables(checkin_days=(MARCH,)), 2565)


def test_province_report_defaults_to_its_latest_check_in(ws):
    rep = ProvinceReport.build(ws, "83")
    assert rep.as_of == HALF
    assert rep.profile["data_date_th"] == "ข้อมูล ณ วันที่ 1 เมษายน 2565 (วันที่รายงานผลล่าสุด)"
    assert rep.notices == []
    html = render_page(rep)
    assert "ข้อมูล ณ วันที่ 1 เมษายน 2565 (วันที่รายงานผลล่าสุด)" in html
    assert 'class="kpyj-stale"' not in html
    assert ProvinceReport.build(ws, "64").as_of == dt.date(2022, 1, 31)  # its own scope


def test_province_report_shows_the_measure_type_used(ws):
    rep = ProvinceReport.build(ws, "83", HALF)
    labels = dict(zip(rep.progress["key_result_id"], rep.progress["measure_label"], strict=True))
    assert labels["KR-INF"].startswith("สะสมตั้งแต่ต้นปีงบประมาณ*")
    assert labels["KR-UP"] == "สะสมตั้งแต่ต้นปีงบประมาณ คาดการณ์ทั้งปี 1,280"
    assert labels["KR-LVL"] == "ค่า ณ วันที่รายงาน"
    html = render_page(rep)
    assert "<th>ลักษณะการวัด</th>" in html
    assert "คาดการณ์ทั้งปี 296" in html and "อนุมานจากหน่วยนับ" in html


def test_stale_warning_on_every_document(stale_ws):
    rep = ProvinceReport.build(stale_ws, "83", SEPT)
    assert [b.kind for b in rep.notices] == ["warn"]
    text = rep.notices[0].text
    assert "31 มีนาคม 2565" in text
    html = render_page(rep)
    assert 'class="kpyj-stale"' in html and text in html
    assert "ข้อมูล ณ วันที่ 30 กันยายน 2565 (วันที่ที่กำหนดให้จัดทำรายงาน)" in html

    lessons = build_writeup(stale_ws, "83", SEPT)
    assert [b.kind for b in lessons.notices] == ["warn"]
    assert 'class="kpyj-stale"' in render_page(lessons)
    body = "\n".join(p.text for p in _docx(lessons).paragraphs[:6])
    assert "คำเตือน:" in body and "31 มีนาคม 2565" in body

    syn = build_synthesis(stale_ws, as_of=SEPT, provinces=["83", "64"])
    assert syn.notices and 'class="kpyj-stale"' in render_page(syn)

    nat = NationalOverview.build(stale_ws, SEPT)
    assert nat.data_date.stale and 'class="kpyj-stale"' in render_page(nat)
    clu = ClusterReport.build(stale_ws, _cluster_of("83"), SEPT)
    assert clu.notices and 'class="kpyj-stale"' in render_page(clu)

    plan = build_strategic_plan(stale_ws, "83", as_of=SEPT)
    assert [b.kind for b in plan.notices] == ["warn"]
    assert 'class="kpyj-stale"' in render_page(plan)
    assert "คำเตือน:" in "\n".join(p.text for p in _docx(plan).paragraphs[:6])


def test_recent_data_has_no_warning(ws):
    for doc in (
        ProvinceReport.build(ws, "83"),
        build_writeup(ws, "83"),
        NationalOverview.build(ws),
    ):
        assert doc.notices == []
        assert 'class="kpyj-stale"' not in render_page(doc)


def test_lessons_round_trip_keeps_the_warning(stale_ws):
    from kpyj_lib.documents.lessons import LessonsDoc

    doc = build_writeup(stale_ws, "83", SEPT)
    assert LessonsDoc.from_dict(doc.to_dict()) == doc


def _docx(doc):
    buf = io.BytesIO()
    build_docx(doc).save(buf)
    return docx.Document(io.BytesIO(buf.getvalue()))


def _cluster_of(code: str) -> str:
    from kpyj_lib import reference

    return reference.cluster_of(code)


def test_kpis_carry_their_measure_type():
    t = _tables()
    t["kpis"][0]["measure_type"] = "cumulative"
    t["kpis"][0]["unit_of_measure"] = "คดี"
    s = an.kpi_scores(Workspace.from_tables(t, 2565)).set_index("kpi_id")
    first = s.loc[t["kpis"][0]["id"]]
    assert (first["measure_type"], first["measure_source"]) == ("cumulative", "declared")
    pct = s[s.index != t["kpis"][0]["id"]]
    assert set(pct["measure_source"]) <= {"unit", "default"}
