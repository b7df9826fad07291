"""Analyses on small workspaces built for each case (progress boundaries, directions, gaps)."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from kpyj_lib import analysis as an
from kpyj_lib.examples import tiny_tables, tiny_workspace
from kpyj_lib.graph import build_graph
from kpyj_lib.workspace import Workspace

FY = 2565


def _kr_ws(direction: str, baseline: float, target: float, checkins, **kr):
    """A workspace with one objective and one KR with the given check-ins."""
    tables = {
        "objectives": [{"id": "O", "fiscal_year": FY, "province_code": "83", "title_th": "ทดสอบ"}],
        "key_results": [
            {"id": "K", "objective_id": "O", "title_th": "ผลลัพธ์", "baseline": baseline,
             "target": target, "unit_of_measure": "ร้อยละ", "direction": direction, **kr}
        ],
        "checkins": [
            {"id": f"C{i}", "key_result_id": "K", "date": d, "value": v, "confidence": c}
            for i, (d, v, c) in enumerate(checkins)
        ],
    }  # fmt: skip
    return Workspace.from_tables(tables, FY)


# ---------------------------------------------------------------------------- progress
@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "expected"),
    [
        ("up", 10, 20, 15, 0.5),
        ("up", 10, 20, 25, 1.5),  # over-achievement stays visible unclipped
        ("up", 10, 20, 5, -0.5),
        ("down", 30, 20, 25, 0.5),
        ("down", 30, 20, 35, -0.5),  # a downward KR that rose is regressing
        ("down", 30, 20, 15, 1.5),
        ("reach", 80, 100, 100, 1.0),
        ("reach", 80, 100, 90, 0.5),
        ("reach", 80, 100, 110, 0.5),
    ],
)
def test_progress_value_respects_direction(direction, baseline, target, value, expected):
    assert an.progress_value(baseline, target, value, direction) == pytest.approx(expected)


def test_downward_kr_progress_and_clipping():
    ws = _kr_ws("down", 30, 20, [(dt.date(2022, 3, 31), 15, 0.9)])
    row = an.kr_progress(ws, "2022-03-31").iloc[0]
    assert row["progress"] == pytest.approx(1.5)
    assert row["progress_clipped"] == 1.0
    assert row["status"] == "on_track"


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2021-09-30", 0.0),  # the day before FY2565 starts
        ("2021-10-01", 0.0),  # first day of FY2565
        ("2022-09-30", 1.0),  # last day of FY2565
        ("2022-10-01", 1.0),  # first day of FY2566: clipped
    ],
)
def test_expected_progress_at_fiscal_year_boundaries(as_of, expected):
    ws = _kr_ws("up", 0, 100, [(dt.date(2021, 10, 1), 0, 0.5)])
    assert an.kr_progress(ws, as_of).iloc[0]["expected"] == pytest.approx(expected)


def test_checkin_after_as_of_is_ignored_and_no_checkin_is_not_zero():
    ws = _kr_ws("up", 0, 100, [(dt.date(2022, 9, 30), 100, 0.9)])
    before = an.kr_progress(ws, "2022-09-29").iloc[0]
    assert before["status"] == "no_data" and math.isnan(before["progress"])
    assert before["n_checkins"] == 0
    on = an.kr_progress(ws, "2022-09-30").iloc[0]
    assert on["progress"] == 1.0 and on["status"] == "on_track"


def test_kr_own_dates_drive_expected_progress():
    ws = _kr_ws(
        "up", 0, 10, [(dt.date(2022, 1, 31), 2, 0.5)],
        start_date=dt.date(2022, 1, 1), due_date=dt.date(2022, 3, 31),
    )  # fmt: skip
    row = an.kr_progress(ws, "2022-01-31").iloc[0]
    assert row["expected"] == pytest.approx(30 / 89)
    assert row["status"] == "off_track"  # 0.2 against 0.337 expected


def test_status_thresholds_are_configurable():
    ws = _kr_ws("up", 0, 100, [(dt.date(2022, 4, 1), 40, 0.5)])
    assert an.kr_progress(ws, "2022-04-01").iloc[0]["status"] == "at_risk"
    lenient = an.Thresholds(on_track=0.5, at_risk=0.2)
    assert an.kr_progress(ws, "2022-04-01", thresholds=lenient).iloc[0]["status"] == "on_track"
    with pytest.raises(ValueError):
        an.Thresholds(on_track=0.5, at_risk=0.8)


def test_confidence_trend_from_checkins():
    ws = _kr_ws("up", 0, 100, [(dt.date(2021, 11, 1), 10, 0.9), (dt.date(2021, 12, 1), 20, 0.6)])
    row = an.kr_progress(ws, "2022-01-01").iloc[0]
    assert row["confidence"] == pytest.approx(0.6)
    assert row["confidence_trend"] == pytest.approx(-0.3, abs=0.01)


def test_weighted_rollup_to_objective_and_nation():
    tables = {
        "objectives": [{"id": "O", "fiscal_year": FY, "province_code": "83", "title_th": "ก"}],
        "key_results": [
            {"id": "K1", "objective_id": "O", "title_th": "ก", "baseline": 0, "target": 10,
             "unit_of_measure": "ครั้ง", "weight": 3},
            {"id": "K2", "objective_id": "O", "title_th": "ข", "baseline": 0, "target": 10,
             "unit_of_measure": "ครั้ง", "weight": 1},
            {"id": "K3", "objective_id": "O", "title_th": "ค", "baseline": 0, "target": 10,
             "unit_of_measure": "ครั้ง", "weight": 5},  # no check-in: left out, not 0
        ],
        "checkins": [
            {"id": "C1", "key_result_id": "K1", "date": dt.date(2022, 6, 1), "value": 10},
            {"id": "C2", "key_result_id": "K2", "date": dt.date(2022, 6, 1), "value": 2},
        ],
    }  # fmt: skip
    ws = Workspace.from_tables(tables, FY)
    obj = an.rollup(ws, "objective", "2022-06-30").iloc[0]
    assert obj["progress"] == pytest.approx((3 * 1.0 + 1 * 0.2) / 4)
    assert (obj["kr_with_data"], obj["kr_total"]) == (2, 3)
    nation = an.rollup(ws, "nation", "2022-06-30").iloc[0]
    assert nation["progress"] == pytest.approx(obj["progress"])
    cluster = an.rollup(ws, "cluster", "2022-06-30")
    assert cluster["cluster_id"].tolist() == ["south_andaman"]


@pytest.mark.parametrize(
    ("levels", "actual", "score"),
    [
        ([60, 70, 80, 90, 100], 50, 1.0),
        ([60, 70, 80, 90, 100], 80, 3.0),
        ([60, 70, 80, 90, 100], 85, 3.5),
        ([60, 70, 80, 90, 100], 120, 5.0),
        ([20, 15, 10, 5, 0], 7.5, 3.5),  # falling thresholds: less is better
    ],
)
def test_kpi_five_level_score(levels, actual, score):
    kpi = {"id": "K", "fiscal_year": FY, "name_th": "ตัวชี้วัด", "dimension": "efficiency",
           "level": "organisation", "actual": actual,
           **{f"level{i + 1}": v for i, v in enumerate(levels)}}  # fmt: skip
    ws = Workspace.from_tables({"kpis": [kpi]}, FY)
    assert an.kpi_scores(ws).iloc[0]["score"] == pytest.approx(score)


# ---------------------------------------------------------------------------- alignment
def test_alignment_chain_reaches_every_level_through_plans():
    G = build_graph(tiny_workspace())
    items = an.reach(G, "objective:OBJ-83-01")
    assert {"plan_item:PP-83-3.1", "plan_item:CP-AND-2", "plan_item:JMP4-D1",
            "plan_item:NMP-22", "plan_item:NS-6"} <= items  # fmt: skip
    # a KR reaches what its objective reaches, a project what its KR reaches
    assert "plan_item:NS-6" in an.reach(G, "key_result:KR-83-01-2")
    assert "plan_item:NS-6" in an.reach(G, "initiative:INI-83-01")
    # a cascaded objective inherits its parent's alignment
    assert "plan_item:NS-6" in an.reach(G, "objective:OBJ-83-01-01")


def test_orphans_and_unsupported_items():
    t = tiny_tables()
    t["key_results"].append(
        {"id": "KR-X", "title_th": "ไม่มีวัตถุประสงค์", "baseline": 0, "target": 1,
         "unit_of_measure": "ครั้ง"}
    )  # fmt: skip
    G = build_graph(Workspace.from_tables(t, FY))
    o = an.orphans(G)
    got = set(zip(o["id"], o["problem"], strict=True))
    assert ("OBJ-64-01", "not_aligned") in got
    assert ("INI-64-01", "delivers_nothing") in got
    assert ("KR-X", "no_objective") in got
    un = an.unsupported_plan_items(G, "83", plan_kinds=["justice_master_plan"])
    assert "JMP4-D1" not in set(un["plan_item_id"]) and "JMP4-D2" in set(un["plan_item_id"])
    national = an.unsupported_plan_items(G)
    assert "NMP-01" in set(national["plan_item_id"]) and "NMP-22" not in set(
        national["plan_item_id"]
    )


def test_coverage_matrix_and_most_supported():
    G = build_graph(tiny_workspace())
    cov = an.alignment_coverage(G)
    assert cov.loc["83", "national_strategy"] == 1.0
    assert cov.loc["64", "any"] == 0.0
    m = an.province_plan_matrix(G, plan_kinds=["justice_master_plan"])
    assert m.loc["83", "JMP4-D1"] > 0 and "64" not in m.index
    top = an.most_supported_plan_items(G, top=50)
    assert top.iloc[0]["provinces"] >= top.iloc[-1]["provinces"]


# ---------------------------------------------------------------------------- PMQA, KPI
def _pmqa_ws(mappings: dict[str, list[int]]) -> Workspace:
    """Objectives O1..On of Phuket, each mapped (directly) to the given PMQA categories."""
    tables = {
        "objectives": [
            {"id": o, "fiscal_year": FY, "province_code": "83", "title_th": f"เป้าหมาย {o}"}
            for o in mappings
        ],
        "pmqa_mappings": [
            {"source_type": "objective", "source_id": o, "category": c}
            for o, cats in mappings.items()
            for c in cats
        ],
    }
    return Workspace.from_tables(tables, FY)


def test_pmqa_phases_per_goal_flag_no_think_or_no_act():
    ws = _pmqa_ws({"O1": [1, 2, 4], "O2": [2, 4, 5], "O3": [3, 7], "O4": [2], "O5": []})
    pc = an.pmqa_phase_coverage(ws, "83").set_index("objective_id")
    assert pc["flag"].to_dict() == {
        "O1": "",  # think, prepare and act
        "O2": "no_think",
        "O3": "no_act",
        "O4": "no_think_act",  # prepare alone
        "O5": "unmapped",
    }
    assert pc.loc["O1", "phases_th"] == "การคิด, การเตรียม, การลงมือทำ"
    assert pc.loc["O3", "missing_th"] == "การลงมือทำ"
    findings = an.pmqa_findings(ws, "83")
    assert findings[0] == "วัตถุประสงค์ที่ยังไม่ได้ระบุหมวด PMQA: O5"
    assert [f.split()[1] for f in findings[1:]] == ["O2", "O3", "O4"]
    assert "ขั้นการคิด (หมวด 1, 3, 7) และขั้นการลงมือทำ (หมวด 4, 5, 6)" in findings[3]
    # no category is required: six of seven unused is not a finding when each goal has both
    assert an.pmqa_findings(_pmqa_ws({"O1": [1, 4]}), "83") == []


def test_pmqa_balance_sets_no_target_share():
    ws = tiny_workspace()
    bal = an.pmqa_balance(ws, "83")
    assert "ideal" not in bal.columns
    assert bal["mappings"].sum() == an.pmqa_coverage(ws, "83")["total"].sum()
    assert bal["share"].sum() == pytest.approx(1.0)


def test_kpi_matrix_counts_and_gaps():
    ws = tiny_workspace()
    m = an.kpi_matrix(ws)
    assert m.values.sum() == len(ws["kpis"])
    gaps = an.kpi_gaps(ws)
    assert len(gaps) == int((m == 0).values.sum())
    assert gaps["finding"].str.contains("ยังไม่ได้กำหนดตัวชี้วัด").all()


# ---------------------------------------------------------------------------- flows
def test_end_products_need_two_units():
    ep = an.end_products(tiny_workspace()).set_index("key_result_id")
    assert ep.loc["KR-83-01-1", "classification"] == "end_product"
    assert ep.loc["KR-83-01-2", "classification"] == "key_result"


def test_flow_cycles_and_unused_outputs():
    t = tiny_tables()
    t["flows"] += [
        {"id": "CY1", "fiscal_year": FY, "from_unit_id": "PJO-83", "to_unit_id": "CORR-83",
         "product_th": "ข้อมูลย้อนกลับ"},
    ]  # fmt: skip
    ws = Workspace.from_tables(t, FY)
    cycles = an.flow_cycles(ws)
    assert ["CORR-83", "PROB-83", "PJO-83"] in cycles
    assert "FL-03" in set(an.unused_outputs(ws)["flow_id"])
    m = an.collaboration_matrix(ws, "83")
    assert m.loc["CORR-83", "PJO-83"] >= 2  # shared KR plus the new flow
