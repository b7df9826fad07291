"""The province report (documents.province) and its template: computed from the analyses, the
same on the province's part of the workspace as on the whole, every user string escaped."""

from __future__ import annotations

import pytest

from kpyj_lib.documents.province import SECTIONS, ProvinceReport
from kpyj_lib.exceptions import UnknownProvinceError
from kpyj_lib.io import read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.render import render_fragment
from kpyj_lib.workspace import Workspace


@pytest.fixture(scope="module")
def ws():
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.mark.parametrize("code", ["64", "48", "83", "70"])
@pytest.mark.slow  # seconds: the whole sample or national data
def test_province_part_gives_the_same_report(ws, code):
    whole = ProvinceReport.build(ws, code)
    part = ProvinceReport.build(ws.for_province(code), code)
    assert part.headline() == whole.headline()
    assert part.findings() == whole.findings()
    assert part.plan_on_a_page.equals(whole.plan_on_a_page)
    assert part.directives.equals(whole.directives)
    assert part.coverage.equals(whole.coverage)


def test_findings_rest_on_the_planted_gaps(ws):
    f48 = ProvinceReport.build(ws, "48").findings()
    text = " ".join(x.text_th for x in f48)
    assert "OBJ-48-04" in text  # orphan objective
    assert "KR-48-02-3" in text  # KR nobody owns
    # no objective through PMQA category 5 is shown, not a finding (the 3 : 1 : 3 rule does
    # not ask for every category); no KPI grid cell is a finding either
    assert "หมวด 5 " not in text and "16 ช่อง" not in text
    # Nakhon Phanom covers none of the workbook's crime-prevention dimensions
    assert "แนวทางการป้องกันอาชญากรรมที่มีประสิทธิภาพ 6 ด้าน" in text
    ev = {e for x in f48 for e in x.evidence}
    assert {"OBJ-48-04", "KR-48-02-3", "KR-48-02-1"} <= ev
    # Sukhothai's OBJ-64-04 has no "think" category (1, 3, 7)
    f64 = ProvinceReport.build(ws, "64").findings()
    pmqa = [x for x in f64 if x.topic == "pmqa"]
    assert [x.evidence for x in pmqa] == [("OBJ-64-04",)]
    assert "ขั้นการคิด (หมวด 1, 3, 7)" in pmqa[0].text_th


def test_headline_figures_match_the_data(ws):
    h = ProvinceReport.build(ws, "83").headline()
    objs = ws["objectives"]
    assert h["objectives"] == int((objs["province_code"] == "83").sum())
    assert h["sample"] is True
    assert h["budget"] == ws["initiatives"].query("province_code == '83'")["budget"].sum()


def test_bad_province_is_refused(ws):
    with pytest.raises(UnknownProvinceError):
        ProvinceReport.build(ws, "../../etc")


@pytest.mark.slow  # seconds: the whole sample or national data
def test_rendered_report_has_all_sections_and_escapes(ws):
    from kpyj_lib.workspace import rows_of

    tables = {name: rows_of(df) for name, df in ws.frames.items() if name in ws.counts()}
    for row in tables["objectives"]:
        if row["id"] == "OBJ-83-01":
            row["title_th"] = '<img src=x onerror="alert(1)">'
    bad = Workspace.from_tables(tables, 2565)
    html = render_fragment(ProvinceReport.build(bad, "83"))
    for s in SECTIONS:
        assert s.title_th in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=" in html
