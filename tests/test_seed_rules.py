"""The rules of the source documents, read as they are written (issue 12), on the sample.

Each test names the rule and the document it comes from (by title and date):

* driving groups — บันทึกข้อความ สกธ. ลงวันที่ 20 มกราคม 2565: groups 1 + 2 are the operating
  centres; a workbook that records otherwise is imported with a notice, not refused;
* PMQA 3 : 1 : 3 and the KPI grid — การประชุมเชิงปฏิบัติการ สกธ. 20 เมษายน 2565;
* directives — การประชุมหารือ 8 กุมภาพันธ์ 2561: «ก่อน 16.00 น.», the level of a given week;
* plan versions by fiscal year, carry-over before and after 30 September, the plan on a page,
  and the six crime-prevention dimensions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from kpyj_lib import analysis as an
from kpyj_lib.analysis import directives as ad
from kpyj_lib.calendar import BANGKOK, is_on_time
from kpyj_lib.cli import main
from kpyj_lib.documents.directives import WeeklyView
from kpyj_lib.documents.lessons import build_synthesis, build_writeup
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.io import read_workbook, write_workbook
from kpyj_lib.io.notices import group_notices, workbook_notices
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.workspace import Workspace, rows_of

AS_OF = "2022-06-30"


@pytest.fixture(scope="module")
def tables():
    return read_workbook(SAMPLE_WORKBOOK)


@pytest.fixture(scope="module")
def ws(tables) -> Workspace:
    return Workspace.from_tables(tables, 2565)


def _rows(ws: Workspace) -> dict[str, list[dict]]:
    return {name: rows_of(df) for name, df in ws.frames.items() if name in ws.counts()}


# --------------------------------------------------------------------------- driving groups
@pytest.mark.slow  # seconds: the whole sample or national data
def test_sample_groups_follow_the_operating_centre_rule(tables, ws):
    assert group_notices(tables) == []
    g = an.derived_groups(ws)
    assert g["agrees"].all()
    assert g["group"].value_counts().sort_index().tolist() == [4, 14, 59]
    # the model provinces are a separate notion: Sukhothai and Nakhon Phanom are in group 3
    model = g[g["model_province"]].set_index("province_code")["group"].to_dict()
    assert model == {"48": 3, "64": 3, "70": 1, "83": 1}


@pytest.mark.slow  # seconds: the whole sample or national data
def test_group_warnings_are_notices_at_validate_and_import(tmp_path, capsys, monkeypatch):
    rows = [
        {"province_code": "64", "fiscal_year": 2565, "group": 1},  # not an operating centre
        {"province_code": "83", "fiscal_year": 2565, "group": 1},
    ]
    path = write_workbook({"province_groups": rows}, tmp_path / "groups.xlsx")
    notices = workbook_notices(path)
    assert notices[0].startswith("ปีงบประมาณ 2565: สุโขทัยบันทึกไว้เป็นกลุ่มที่ 1")
    assert any("กลุ่มที่ 2 ไว้ 0 จังหวัด" in n for n in notices)
    db = f"sqlite:///{tmp_path}/kpyj.sqlite"
    assert main(["--db", db, "init"]) == 0
    capsys.readouterr()
    from kpyj_lib.io import reader

    reads: list[str] = []
    read_xlsx = reader._read_xlsx
    monkeypatch.setattr(reader, "_read_xlsx", lambda p, d: reads.append(d) or read_xlsx(p, d))
    assert main(["--db", db, "validate", str(path)]) == 0  # a notice, not a problem
    out = capsys.readouterr().out
    assert "ไม่พบปัญหา" in out and "ข้อสังเกต" in out and "สุโขทัยบันทึกไว้เป็นกลุ่มที่ 1" in out
    assert len(reads) == 1  # the notices come from the one reading of the file
    assert main(["--db", db, "import", str(path)]) == 0  # imported as recorded
    out = capsys.readouterr().out
    assert "province_groups" in out and "สุโขทัยบันทึกไว้เป็นกลุ่มที่ 1" in out
    assert len(reads) == 2


def test_model_provinces_are_never_called_group_1_or_pilot(ws):
    rep = ProvinceReport.build(ws, "64", AS_OF)  # model province, group 3
    assert rep.profile["group"] == 3 and rep.profile["model_province"]
    assert "กลุ่มที่ 3" in rep.profile["group_th"] and "จังหวัดต้นแบบ" in rep.profile["model_province_th"]
    syn = build_synthesis(ws, as_of=AS_OF)
    text = "\n".join(s.text() for s in syn.sections) + syn.title_th
    # «จังหวัดนำร่อง» only inside group 1's own wording, quoted from the memo
    assert text.count("จังหวัดนำร่อง") == text.count("จังหวัดนำร่องที่เป็นศูนย์ปฏิบัติการ")
    assert "ภาพรวมจังหวัดต้นแบบ" in syn.title_th


# --------------------------------------------------------------------------- PMQA, KPI
def test_pmqa_phases_per_goal_without_a_target_share(ws):
    bal = an.pmqa_balance(ws, "64")
    assert "ideal" not in bal.columns
    pc = an.pmqa_phase_coverage(ws, "64").set_index("objective_id")
    assert pc.loc["OBJ-64-04", "flag"] == "no_think"  # categories 2, 5, 6
    assert pc.loc["OBJ-64-01", "flag"] == ""
    rep = ProvinceReport.build(ws, "64", AS_OF)
    pmqa = [f for f in rep.findings() if f.topic == "pmqa"]
    assert [f.evidence for f in pmqa] == [("OBJ-64-04",)]
    # a category nobody uses (5 in Nakhon Phanom) is shown, not a finding
    rep48 = ProvinceReport.build(ws, "48", AS_OF)
    assert not [f for f in rep48.findings() if f.topic == "pmqa"]
    assert rep48.pmqa_coverage.loc[5, "objective"] == 0


def test_kpi_grid_is_shown_and_an_empty_cell_is_not_a_finding(ws):
    rep = ProvinceReport.build(ws, "83", AS_OF)
    grid = rep.kpi_grid.set_index("dimension_th")
    assert grid.shape == (4, 4) and (grid.values == 0).sum() == 1  # org development × individual
    assert not [f for f in rep.findings() if f.topic == "kpi"]
    assert all("16" not in f.text_th for f in rep.findings())


# --------------------------------------------------------------------------- directives
def test_a_report_at_16_00_00_is_late(ws):
    r = ws["weekly_reports"].set_index("id").loc["WR-2565-01-RLPD-20220124"]
    assert r["submitted_at"].astimezone(BANGKOK).time() == dt.time(16, 0, 0)
    assert not is_on_time(r["submitted_at"], r["week_start"])
    st = ad.weekly_status(ws, "2022-01-24").set_index(["directive_id", "unit_id"])
    assert st.loc[("DIR-2565-01", "RLPD"), "status"] == "late"
    edge = ws["weekly_reports"].set_index("id").loc["WR-2565-10-DLE-20220117"]
    assert is_on_time(edge["submitted_at"], edge["week_start"])  # 15:59:59


def test_the_level_is_the_state_of_the_week(ws):
    """DIR-2565-09 is continuing, in progress in the week of 31 Jan 2022 (goal and plan
    only), and continuing again the week after; DIR-2565-05 goes from in progress to
    completed, then is never shown again."""
    weeks = ["2022-01-24", "2022-01-31", "2022-02-07"]
    assert [ad.level_as_of(ws, "DIR-2565-09", w) for w in weeks] == [
        "continuing",
        "in_progress",
        "continuing",
    ]
    reps = ws["weekly_reports"].set_index("id")
    in_progress = reps.loc["WR-2565-09-DOP-20220131"]
    assert in_progress["level"] == "in_progress" and in_progress["results"] is None
    assert reps.loc["WR-2565-09-DOP-20220207", "results"] is not None
    by = {w: ad.directives_by_level(ws, w) for w in weeks}
    level_of = {w: set(b.loc[b["directive_id"] == "DIR-2565-09", "level"]) for w, b in by.items()}
    assert level_of == {
        weeks[0]: {"continuing"},
        weeks[1]: {"in_progress"},
        weeks[2]: {"continuing"},
    }
    assert [ad.level_as_of(ws, "DIR-2565-05", w) for w in ("2022-01-10", "2022-01-17")] == [
        "in_progress",
        "completed",
    ]
    assert ad.level_as_of(ws, "DIR-2565-05", "2022-01-24") is None  # completed is terminal


def test_the_compilation_goes_to_the_minister_on_monday_morning(ws):
    view = WeeklyView.build(ws, "2022-01-24")
    assert view.compiled_th == "วันจันทร์ที่ 31 มกราคม 2565 ช่วงเช้า"
    assert view.deadline_th == "ภายในวันศุกร์ที่ 28 มกราคม 2565 ก่อนเวลา 16.00 น."
    assert view.week_heading_th == "ประจำสัปดาห์ระหว่างวันที่ 24–30 มกราคม 2565"


# --------------------------------------------------------------------------- plan versions
def test_an_alignment_to_a_plan_not_in_force_is_a_finding(ws):
    assert an.alignments_not_in_force(ws).empty  # the sample follows the plans in force
    assert not [
        f
        for f in ProvinceReport.build(ws, "83", AS_OF).findings()
        if f.topic == "alignment" and "ไม่ได้ใช้บังคับ" in f.text_th
    ]
    tables = _rows(ws)
    tables["alignments"].append(
        {"source_type": "objective", "source_id": "OBJ-83-02", "plan_item_id": "JMP4-D1"}
    )
    tables["alignments"].append(
        {"source_type": "objective", "source_id": "OBJ-83-02", "plan_item_id": "NMP-22"}
    )
    bad = Workspace.from_tables(tables, 2565)
    nif = an.alignments_not_in_force(bad, "83").set_index("plan_item_id")
    assert nif["status_th"].to_dict() == {
        "JMP4-D1": "ร่าง",  # the draft No. 4 in 2565
        "NMP-22": "ไม่อยู่ในช่วงที่ใช้บังคับ",  # the 2566 revision
    }
    (finding,) = [
        f for f in ProvinceReport.build(bad, "83", AS_OF).findings() if "ไม่ได้ใช้บังคับ" in f.text_th
    ]
    assert finding.evidence == ("OBJ-83-02", "OBJ-83-02")
    assert "ปีงบประมาณ พ.ศ. 2565" in finding.text_th and "สถานะร่าง" in finding.text_th
    # the same alignment is fine in 2566, when No. 4 is in force
    assert an.plan_versions(bad, 2566).set_index("id").loc["JMP4", "status"] == "in_force"


# --------------------------------------------------------------------------- carry-over
@pytest.mark.slow  # seconds: the whole sample or national data
def test_carry_over_is_a_projection_before_30_september(ws):
    june = build_synthesis(ws, as_of=AS_OF).section("recommendations")
    end = build_synthesis(ws, as_of="2022-09-30").section("recommendations")
    june_table, end_table = june.tables()[-1], end.tables()[-1]
    assert june_table.columns[-1] == "ยังไม่ถึงค่าเป้าหมาย ณ 30 มิถุนายน 2565 (คาดว่าจะยกไปปีถัดไป)"
    assert end_table.columns[-1] == "ไม่บรรลุเป้าหมาย (ยกไปปีถัดไป)"
    assert "เป็นการคาดการณ์" in june.text() and "เป็นการคาดการณ์" not in end.text()
    # an on-track province is not called "not achieved" in June
    assert "ไม่บรรลุเป้าหมาย" not in " ".join(" ".join(r) for r in june_table.rows)
    assert "ไม่บรรลุเป้าหมาย (ยกไปปีถัดไป)" not in june.text()
    one = build_writeup(ws, "83", AS_OF).section("recommendations")
    assert "ยังไม่ถึงค่าเป้าหมาย" in one.text() and "เป็นการคาดการณ์" in one.text()
    after = build_writeup(ws, "83", "2022-09-30").section("recommendations")
    assert "ไม่บรรลุเป้าหมายเมื่อสิ้นปีงบประมาณ" in after.text()


# --------------------------------------------------------------------------- plan on a page
def test_plan_on_a_page_shows_each_project_budget_once(ws):
    rep = ProvinceReport.build(ws, "83", AS_OF)
    ik = ws["initiative_krs"]
    ini = ws["initiatives"].set_index("id")
    krs = set(rep.key_results["id"])
    on_page = set(ik.loc[ik["key_result_id"].isin(krs), "initiative_id"])
    shared = ik[ik["key_result_id"].isin(krs)].groupby("initiative_id").size()
    assert (shared > 1).any()  # a project delivering two KRs (INI-83-02)
    assert rep.plan_budget_total == pytest.approx(ini.loc[sorted(on_page), "budget"].sum())
    # before: each KR row summed its projects, so a shared project counted twice
    per_row = sum(
        ini.loc[ik.loc[ik["key_result_id"] == k, "initiative_id"], "budget"].sum() for k in krs
    )
    assert per_row > rep.plan_budget_total
    assert rep.plan_on_a_page["projects"].str.contains("งบประมาณนับไว้ในแถวก่อนหน้า").any()


# --------------------------------------------------------------------------- crime prevention
@pytest.mark.parametrize(
    ("code", "covers"), [("64", True), ("48", False), ("83", False), ("70", True)]
)
def test_a_province_covering_no_crime_prevention_dimension_is_a_finding(ws, code, covers):
    rep = ProvinceReport.build(ws, code, AS_OF)
    assert len(rep.crime_prevention) == 6  # the workbook defines the six
    assert bool(rep.crime_prevention["supported"].any()) is covers
    found = [f for f in rep.findings() if f.topic == "crime_prevention"]
    assert bool(found) is not covers
    if found:
        assert found[0].severity == "high" and "6 ด้าน" in found[0].text_th
    # the dimensions are in the unsupported-items check too
    kinds = set(rep.unsupported["plan_kind"])
    assert ("crime_prevention" in kinds) is True  # at least the placeholders S-CPV-1..5


def test_without_crime_prevention_dimensions_there_is_nothing_to_flag(ws):
    tables = _rows(ws)
    cpv = {p["id"] for p in tables["plans"] if p["kind"] == "crime_prevention"}
    items = {i["id"] for i in tables["plan_items"] if i["plan_id"] in cpv}
    tables["plans"] = [p for p in tables["plans"] if p["id"] not in cpv]
    tables["plan_items"] = [i for i in tables["plan_items"] if i["id"] not in items]
    tables["alignments"] = [a for a in tables["alignments"] if a["plan_item_id"] not in items]
    rep = ProvinceReport.build(Workspace.from_tables(tables, 2565), "48", AS_OF)
    assert rep.crime_prevention.empty
    assert not [f for f in rep.findings() if f.topic == "crime_prevention"]
