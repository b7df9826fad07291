"""The national picture on the sample: 77 provinces, 18 clusters, 3 driving groups, follow-up
rounds (kpyj_lib.analysis.national, .groups, .rounds; kpyj_lib.calendar round helpers)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from kpyj_lib import analysis as an
from kpyj_lib import reference
from kpyj_lib.analysis.national import COUNT_COLUMNS, COVERAGE_COLUMNS
from kpyj_lib.analysis.rounds import BEHIND
from kpyj_lib.calendar import (
    CalendarError,
    format_round,
    latest_round,
    round_bounds,
    round_end,
    round_of,
)
from kpyj_lib.examples import tiny_workspace
from kpyj_lib.graph import build_graph
from kpyj_lib.io import read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.workspace import Workspace

AS_OF = "2022-06-30"
MARCH_31 = dt.date(2022, 3, 31)


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture(scope="module")
def G(ws):
    return build_graph(ws)


@pytest.fixture(scope="module")
def kp(ws):
    return an.kr_progress(ws, AS_OF)


@pytest.fixture(scope="module")
def provinces(ws, G, kp):
    return an.province_summary(ws, G, AS_OF, progress=kp)


@pytest.fixture(scope="module")
def clusters(ws, G, kp):
    return an.cluster_summary(ws, G, AS_OF, progress=kp)


# --------------------------------------------------------------------------- provinces
def test_every_province_is_a_row(provinces):
    assert len(provinces) == 77
    assert list(provinces["province_code"]) == sorted(reference.province_codes())
    assert provinces["objectives"].gt(0).all()  # the sample has objectives everywhere


def test_a_province_without_data_is_nan_never_zero(provinces):
    none = provinces[~provinces["has_data"]]
    assert len(none) >= 1  # a light province that has reported nothing yet
    assert none["progress"].isna().all() and (none["status"] == "no_data").all()
    assert (none["kr_with_data"] == 0).all()
    with_data = provinces[provinces["has_data"]]
    assert with_data["progress"].notna().all() and (with_data["kr_with_data"] > 0).all()


def test_no_data_at_all_gives_nan_figures():
    s = an.province_summary(tiny_workspace(), as_of="2022-03-31").set_index("province_code")
    empty = s.drop(index=["64", "83"])
    assert len(empty) == 75
    assert (empty["objectives"] == 0).all() and (empty["krs"] == 0).all()
    for col in ("progress", "expected", "budget", "spent", "spent_share", *COVERAGE_COLUMNS):
        assert empty[col].isna().all(), col
    assert not empty["has_data"].any() and (empty["status"] == "no_data").all()


def test_province_progress_is_the_rollup(ws, provinces, kp):
    ref = an.rollup(ws, "province", progress=kp).set_index("province_code")
    mine = provinces.set_index("province_code").loc[ref.index]
    assert np.allclose(mine["progress"], ref["progress"], equal_nan=True)
    assert np.allclose(mine["expected"], ref["expected"], equal_nan=True)
    assert (mine["objectives"] == ref["objectives"]).all()
    assert (mine["krs"] == ref["kr_total"]).all()
    assert (mine["status"] == ref["status"]).all()


def test_province_counts_match_the_data(ws, provinces, kp):
    s = provinces.set_index("province_code")
    kp_by = kp.groupby("province_code")["status"].value_counts().unstack(fill_value=0)
    for code in ("64", "48", "66"):
        for status in ("on_track", "at_risk", "off_track", "no_data"):
            expected = int(kp_by.loc[code].get(status, 0)) if code in kp_by.index else 0
            assert s.loc[code, f"krs_{status}"] == expected, (code, status)
    ini = ws["initiatives"]
    for code in ("83", "50"):
        mine = ini[ini["province_code"] == code]
        assert s.loc[code, "initiatives"] == len(mine)
        assert math.isclose(s.loc[code, "budget"], mine["budget"].sum())
        assert math.isclose(s.loc[code, "spent"], mine["budget_spent"].sum())


def test_coverage_is_the_alignment_coverage(G, provinces):
    cov = an.alignment_coverage(G)
    s = provinces.set_index("province_code").loc[cov.index]
    for level in an.PLAN_LEVELS:
        assert np.allclose(s[f"coverage_{level}"], cov[level]), level
    assert np.allclose(s["coverage_any"], cov["any"])
    # crime prevention is one of the levels, and some provinces reach it
    assert s["coverage_crime_prevention"].gt(0).any()


def test_province_rows_carry_groups_and_model_flags(provinces):
    s = provinces.set_index("province_code")
    assert set(s.index[s["model_province"]]) == set(reference.model_provinces())
    assert s["operating_centre"].sum() == 18
    assert (s["group"].isin([1, 2]) == s["operating_centre"]).all()
    assert (s["recorded_group"] == s["group"]).all()  # the sample follows the rule


# --------------------------------------------------------------------------- clusters
def test_eighteen_clusters_each_the_sum_of_its_members(clusters, provinces):
    assert len(clusters) == 18
    assert set(clusters["cluster_id"]) == set(reference.load("clusters")["id"])
    s = provinces.set_index("province_code")
    for row in clusters.itertuples(index=False):
        members = s.loc[row.members]
        assert row.provinces == len(row.members) == len(members)
        assert row.provinces_with_data == int(members["has_data"].sum())
        for col in COUNT_COLUMNS:
            total = members[col].sum(min_count=1)
            got = getattr(row, col)
            if pd.isna(total):
                assert pd.isna(got), (row.cluster_id, col)
            else:
                assert math.isclose(got, total), (row.cluster_id, col, got, total)
        assert row.centre_code in row.members


def test_cluster_progress_is_the_cluster_rollup(ws, clusters, kp):
    ref = an.rollup(ws, "cluster", progress=kp).set_index("cluster_id")
    mine = clusters.set_index("cluster_id").loc[ref.index]
    assert np.allclose(mine["progress"], ref["progress"], equal_nan=True)
    assert np.allclose(mine["expected"], ref["expected"], equal_nan=True)
    assert (mine["objectives"] == ref["objectives"]).all()


def test_nation_is_clusters_plus_bangkok(ws, G, kp, clusters, provinces):
    nation = an.nation_summary(ws, G, AS_OF, progress=kp).iloc[0]
    bangkok = provinces.set_index("province_code").loc["10"]
    for col in COUNT_COLUMNS:
        assert math.isclose(nation[col], clusters[col].sum() + bangkok[col]), col
    assert nation["provinces"] == 77
    assert nation["provinces_with_data"] == provinces["has_data"].sum()
    # progress: the mean over the provinces' objectives (the ministry's own objective, which
    # belongs to no province, is not part of the provinces' picture)
    per_obj = an.rollup(ws, "objective", progress=kp)
    assert per_obj["province_code"].isna().sum() == 1
    mean = per_obj.loc[per_obj["province_code"].notna(), "progress"].mean()
    assert np.isclose(nation["progress"], mean)
    assert nation["objectives"] == len(ws["objectives"]) - 1


# --------------------------------------------------------------------------- groups
def test_three_groups_four_fourteen_fifty_nine(ws, G, kp, provinces):
    g = an.group_summary(ws, G, AS_OF, progress=kp)
    assert g["group"].tolist() == [1, 2, 3]
    assert g["provinces"].tolist() == [4, 14, 59]
    s = provinces.set_index("province_code")
    for row in g.itertuples(index=False):
        members = s[s["group"] == row.group]
        for col in COUNT_COLUMNS:
            assert math.isclose(getattr(row, col), members[col].sum()), (row.group, col)
    recorded = an.group_summary(ws, G, AS_OF, by="recorded", progress=kp)
    pd.testing.assert_frame_equal(recorded, g)  # the sample records the derived groups
    with pytest.raises(ValueError):
        an.group_summary(ws, G, AS_OF, by="nonsense", progress=kp)


def test_sample_groups_raise_no_warning(ws):
    assert an.group_warnings(ws) == []
    d = an.derived_groups(ws)
    assert d["agrees"].all() and d["recorded_group"].notna().all()


def _with_groups(groups: dict[str, int]) -> Workspace:
    rows = [{"province_code": c, "fiscal_year": 2565, "group": g} for c, g in groups.items()]
    return Workspace.from_tables({"province_groups": rows}, 2565)


def test_group_warnings_name_what_disagrees():
    centres = sorted(reference.operating_centres().values())
    # four centres as pilots, the other centres group 2, everyone else 3: no warning
    rule = {c: 3 for c in reference.province_codes()}
    rule.update({c: 2 for c in centres})
    rule.update({c: 1 for c in centres[:4]})
    assert an.group_warnings(_with_groups(rule)) == []
    # a non-centre in group 1 and a centre left in group 3
    wrong = dict(rule, **{"64": 1, centres[5]: 3})
    w = an.group_warnings(_with_groups(wrong))
    assert [x["kind"] for x in w] == ["not_centre", "count", "count"]
    assert w[0]["province_code"] == "64" and w[0]["recorded_group"] == 1
    assert "สุโขทัย" in w[0]["message_th"] and "ยังไม่ได้ยืนยัน" in w[0]["message_th"]
    counts = {x["group"]: (x["count"], x["expected"]) for x in w[1:]}
    assert counts == {1: (5, 4), 2: (13, 14)}  # group 3 still has 59: one in, one out
    assert "5 จังหวัด" in w[1]["message_th"] and "4 จังหวัด" in w[1]["message_th"]
    d = an.derived_groups(_with_groups(wrong)).set_index("province_code")
    assert d.loc["64", "group"] == 3 and not d.loc["64", "agrees"]
    assert d.loc[centres[5], "group"] == 2  # a centre is group 1 or 2 whatever is recorded


def test_no_groups_recorded_is_one_warning():
    w = an.group_warnings(Workspace.from_tables({}, 2565))
    assert [x["kind"] for x in w] == ["none_recorded"]
    d = an.derived_groups(Workspace.from_tables({}, 2565))
    assert d["group"].value_counts().to_dict() == {3: 59, 2: 18}
    assert d["recorded_group"].isna().all() and d["agrees"].isna().all()


def test_model_provinces_side_by_side(ws, G, kp):
    m = an.model_province_summary(ws, G, AS_OF, progress=kp)
    assert m["province_code"].tolist() == ["64", "48", "83", "70"]
    assert m["has_data"].all() and m["model_province"].all()


# --------------------------------------------------------------------------- recurring
def test_recurring_findings_group_by_topic():
    f = pd.DataFrame(
        {
            "province_code": ["83", "83", "64", "48", "70", None],
            "topic": ["orphan", "orphan", "orphan", "pmqa_5", "kpi", "orphan"],
            "text": ["ก", "ก", "ข", None, "ค", "ง"],
        }
    )
    r = an.recurring(f)
    assert r["topic"].tolist() == ["orphan"]
    assert r.loc[0, "provinces"] == 2 and r.loc[0, "province_codes"] == ["64", "83"]
    assert r.loc[0, "texts"] == ["ก", "ข"]
    everything = an.recurring(f, min_provinces=1)
    assert everything["topic"].tolist() == ["orphan", "kpi", "pmqa_5"]
    assert everything.set_index("topic").loc["pmqa_5", "texts"] == []
    empty = an.recurring(f.iloc[:0])
    assert empty.empty and list(empty.columns) == list(r.columns)
    with pytest.raises(ValueError):
        an.recurring(f.drop(columns="topic"))
    with pytest.raises(ValueError):
        an.recurring(f, min_provinces=0)


# --------------------------------------------------------------------------- rounds
def test_round_helpers():
    assert [round_end(2565, n) for n in (1, 2, 3, 4)] == [
        dt.date(2021, 12, 31),
        MARCH_31,
        dt.date(2022, 6, 30),
        dt.date(2022, 9, 30),
    ]
    assert round_bounds(2565, 3) == (dt.date(2021, 10, 1), dt.date(2022, 6, 30))
    assert round_of(MARCH_31) == (2565, 2) and round_of(dt.date(2022, 4, 1)) == (2565, 3)
    assert round_of(dt.datetime(2022, 3, 31, 20, 0, tzinfo=dt.UTC)) == (2565, 3)  # Bangkok
    assert latest_round(dt.date(2022, 9, 30)) == (2565, 4)
    assert latest_round(dt.date(2022, 9, 29)) == (2565, 3)
    assert latest_round(dt.date(2021, 10, 1)) == (2564, 4)
    assert format_round(2) == "รอบ 6 เดือน" and format_round(4, 2566) == (
        "รอบ 12 เดือน ปีงบประมาณ พ.ศ. 2566"
    )
    for bad in (0, 5, -1):
        with pytest.raises(CalendarError):
            round_end(2565, bad)
    with pytest.raises(TypeError):
        format_round(2.0)  # type: ignore[arg-type]
    with pytest.raises(CalendarError):
        round_end(2022, 1)  # a CE year


def test_round_two_view_uses_no_check_in_after_31_march(ws):
    assert (ws["checkins"]["date"] > MARCH_31).any()  # the filter has work to do
    view = an.round_view(ws, 2)
    assert view.meta["as_of"] == "2022-03-31" and view.fiscal_year == 2565
    assert len(view["checkins"]) and (view["checkins"]["date"] <= MARCH_31).all()
    kept = ws["checkins"][ws["checkins"]["date"] <= MARCH_31]
    assert sorted(view["checkins"]["id"]) == sorted(kept["id"])
    # everything computed on the view stands at 31 March
    kp = an.kr_progress(view)
    assert kp["value_date"].dropna().max() <= MARCH_31
    pd.testing.assert_frame_equal(kp, an.kr_progress(ws, "2022-03-31"))
    s = an.province_summary(view)
    pd.testing.assert_frame_equal(s, an.province_summary(ws, as_of="2022-03-31"))
    # the original workspace is untouched
    assert ws.meta["as_of"] == AS_OF and (ws["checkins"]["date"] > MARCH_31).any()


def test_round_comparison_says_what_moved_and_what_slipped(ws):
    c = an.round_comparison(ws, 2565, 3)
    assert c.attrs["round_th"] == "รอบ 9 เดือน" and c.attrs["start"] == MARCH_31
    assert len(c) == len(ws["key_results"])
    before = an.kr_progress(ws, MARCH_31).set_index("key_result_id")
    now = an.kr_progress(ws, "2022-06-30").set_index("key_result_id")
    for r in c.itertuples(index=False):
        assert r.status_before == before.loc[r.key_result_id, "status"]
        assert r.status == now.loc[r.key_result_id, "status"]
        assert r.new_checkins == (
            now.loc[r.key_result_id, "n_checkins"] - before.loc[r.key_result_id, "n_checkins"]
        )
        if r.slipped:
            assert r.status in BEHIND
            assert r.status_before not in BEHIND or r.status == "off_track"
        if r.moved:
            assert r.new_checkins > 0
        if not math.isnan(r.change):
            assert math.isclose(r.change, r.progress - r.progress_before)
    assert c["slipped"].any() and c["moved"].any() and (~c["moved"]).any()
    assert set(c["change_kind"]) >= {"slipped", "same_status", "not_reported"}
    first = an.round_comparison(ws, None, 1)
    assert first["progress_before"].isna().all()
    assert set(first["change_kind"]) <= {"slipped", "first_report", "not_reported"}
