"""Every gap planted in the sample workbook (data/sample/README.md) is found by the analyses.

The gaps are planted in the four model provinces; the light data of the other 73 provinces
has gaps of its own (a few orphan objectives, provinces that have not reported yet), so the
checks look at the model provinces' rows.
"""

from __future__ import annotations

import pandas as pd
import pytest

from kpyj_lib import analysis as an
from kpyj_lib.calendar import is_on_time
from kpyj_lib.graph import build_graph
from kpyj_lib.io import read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.workspace import Workspace

AS_OF = "2022-06-30"
MODEL = ["64", "48", "83", "70"]


@pytest.fixture(scope="module")
def ws():
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture(scope="module")
def G(ws):
    return build_graph(ws)


def test_sample_is_marked_and_frozen_at_its_date(ws):
    assert ws.is_sample
    assert str(an.default_as_of(ws)) == AS_OF


def test_1_orphan_objective(G):
    o = an.orphans(G)
    o = o[o["province_code"].isin(MODEL)]
    assert o.loc[o["problem"] == "not_aligned", "id"].tolist() == ["OBJ-48-04"]


def test_2_kr_nobody_owns(ws):
    ep = an.end_products(ws)
    assert ep.loc[ep["classification"] == "unowned", "key_result_id"].tolist() == ["KR-48-02-3"]


def test_3_and_4_output_nobody_uses_and_input_nobody_supplies(ws):
    assert an.unused_outputs(ws)["flow_id"].tolist() == ["FL-83-06"]
    assert an.unsupplied_inputs(ws)["flow_id"].tolist() == ["FL-48-05"]


def test_5_project_delivering_no_kr(G):
    o = an.orphans(G)
    assert o.loc[o["problem"] == "delivers_nothing", "id"].tolist() == ["INI-83-04"]


def test_6_kr_with_no_checkin_is_no_data_not_zero(ws):
    kp = an.kr_progress(ws, AS_OF).set_index("key_result_id")
    assert kp.loc["KR-70-03-3", "status"] == "no_data"
    assert kp.loc["KR-70-03-3", "progress"] != kp.loc["KR-70-03-3", "progress"]  # NaN, not 0
    model = kp[kp["province_code"].isin(MODEL)]
    assert model.index[model["n_checkins"] == 0].tolist() == ["KR-70-03-3"]


def test_7_provincial_plan_item_nobody_supports(G):
    un = an.unsupported_plan_items(G, "70", plan_kinds=["provincial_plan"])
    assert un["plan_item_id"].tolist() == ["S-PP-70-4"]
    for code in ("64", "48", "83"):
        assert an.unsupported_plan_items(G, code, plan_kinds=["provincial_plan"]).empty


def test_8_no_objective_through_pmqa_category_5(ws):
    """Shown in the coverage, but not a finding: the 3 : 1 : 3 rule does not ask for every
    category, only that each goal has a "think" and an "act" category."""
    for code in ("64", "48", "83", "70"):
        unused = an.pmqa_objective_matrix(ws, code)[5].sum() == 0
        assert unused == (code == "48"), code
        assert an.pmqa_coverage(ws, code).loc[5, "objective"] == 0 or code != "48"
        assert not any("หมวด 5 " in f for f in an.pmqa_findings(ws, code)), code


def test_8b_goal_without_a_think_category(ws):
    pc = pd.concat([an.pmqa_phase_coverage(ws, c) for c in MODEL]).set_index("objective_id")
    assert pc.index[pc["flag"] != ""].tolist() == ["OBJ-64-04"]
    assert pc.loc["OBJ-64-04", "flag"] == "no_think" and pc.loc["OBJ-64-04", "act"]
    assert an.pmqa_findings(ws, "64") == [
        "วัตถุประสงค์ OBJ-64-04 ใช้หมวด PMQA 2, 5, 6 แต่ไม่มีหมวดในขั้นการคิด (หมวด 1, 3, 7)"
    ]


def test_9_empty_kpi_cell(ws):
    gaps = an.kpi_gaps(ws, "83")
    assert list(zip(gaps["dimension"], gaps["level"], strict=True)) == [
        ("org_development", "individual")
    ]
    for code in ("64", "48", "70"):
        assert an.kpi_gaps(ws, code).empty


def test_10_late_weekly_reports(ws):
    r = ws["weekly_reports"]
    late = {
        rid
        for rid, s, w in zip(r["id"], r["submitted_at"], r["week_start"], strict=True)
        if not is_on_time(s, w)
    }
    assert late == {"WR-2565-01-RLPD-20220124", "WR-2565-07-DOC-20220221"}


def test_11_off_track_kr_and_downward_kr_on_track(ws):
    kp = an.kr_progress(ws, AS_OF).set_index("key_result_id")
    assert kp.loc["KR-48-02-1", "status"] == "off_track"
    assert kp.loc["KR-64-02-1", "direction"] == "down"
    assert kp.loc["KR-64-02-1", "status"] == "on_track"


def test_12_cycle_in_unit_flows(ws):
    assert an.flow_cycles(ws) == [["U70-CJC", "U70-PRS", "U70-PRB"]]


def test_provinces_differ_in_progress(ws):
    prov = an.rollup(ws, "province", AS_OF).set_index("province_code")
    assert prov.loc["64", "status"] == "on_track"
    assert prov.loc["48", "status"] == "off_track"
