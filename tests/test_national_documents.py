"""The national overview and the cluster reports (issue 13) on the sample: 77 provinces, 18
clusters and 3 groups; a cluster's totals are its members' sums; a province with no data is
"no data", never 0 %; a round report uses no check-in after the round's end; user text is
escaped."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
import pytest
from html_text import html_text

from kpyj_lib.analysis.national import COUNT_COLUMNS
from kpyj_lib.documents import Document
from kpyj_lib.documents.cluster import ClusterReport, cluster_ids
from kpyj_lib.documents.national import NO_DATA_TH, NationalOverview
from kpyj_lib.graph import build_graph
from kpyj_lib.io import read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.publish import open_document
from kpyj_lib.render import render_fragment, render_page, render_section, render_title
from kpyj_lib.workspace import Workspace, rows_of

BANNER = "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ"
PHICHIT = "66"  # the sample's province with objectives but no check-in
MARCH_31 = dt.date(2022, 3, 31)


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture(scope="module")
def graph(ws):
    return build_graph(ws)


@pytest.fixture(scope="module")
def overview(ws, graph) -> NationalOverview:
    return NationalOverview.build(ws, graph=graph, linked="64,48,83,70,status")


@pytest.fixture(scope="module")
def overview_html(overview) -> str:
    return render_page(overview)


# --------------------------------------------------------------------------- counts
def test_the_overview_shows_77_provinces_18_clusters_3_groups(overview, overview_html):
    assert isinstance(overview, Document)
    assert len(overview.provinces) == 77 and overview.provinces["province_code"].is_unique
    assert len(overview.clusters) == 18 and len(overview.groups) == 3
    head = overview.headline()
    assert (head["provinces"], head["clusters"], head["groups"]) == (77, 18, 3)
    html = overview_html
    assert len(re.findall(r"<a class=\"kpyj-tile[ \"]", html)) == 77
    assert len(set(re.findall(r'data-code="(\d\d)"', html))) == 77
    assert len(set(re.findall(r'data-cluster="(\w+)"', html))) == 18
    assert re.findall(r'data-group="(\d)"', html) == ["1", "2", "3"]
    assert len(set(re.findall(r'<tr id="p-(\d\d)"', html))) == 77
    cards = html_text(render_section(overview, "summary"))
    assert "77 จังหวัด" in cards and "18 กลุ่มจังหวัด" in cards and "3 กลุ่มการขับเคลื่อน" in cards
    assert BANNER in html_text(render_title(overview))


def test_each_cluster_total_is_the_sum_of_its_members_in_the_overview(overview):
    p = overview.provinces
    c = overview.clusters.set_index("cluster_id")
    for cid, row in c.iterrows():
        members = p[p["cluster_id"] == cid]
        assert sorted(members["province_code"]) == sorted(row["members"])
        for col in COUNT_COLUMNS:
            want = (
                members[col].sum(min_count=1) if col in ("budget", "spent") else members[col].sum()
            )
            assert row[col] == pytest.approx(want, nan_ok=True), (cid, col)
    # the clusters and Bangkok make the nation
    n = overview.nation
    for col in ("objectives", "krs", "krs_at_risk", "krs_off_track", "initiatives"):
        assert c[col].sum() + overview.bangkok[col] == n[col] == p[col].sum(), col
    # and the groups too
    g = overview.groups
    for col in ("objectives", "krs", "budget"):
        assert g[col].sum() == pytest.approx(p[col].sum()), col


@pytest.mark.parametrize("cid", ["south_andaman", "north_lower_1", "central_metro", "south_border"])
@pytest.mark.slow  # seconds: the whole sample or national data
def test_each_cluster_report_total_is_the_sum_of_its_members(ws, graph, cid):
    rep = ClusterReport.build(ws, cid, graph=graph)
    assert [m["province_code"] for m in rep.member_rows] == rep.members
    for col in COUNT_COLUMNS:
        total = sum(0 if pd.isna(m[col]) else m[col] for m in rep.member_rows)
        assert rep.totals[col] == pytest.approx(total), (cid, col)
    # the side-by-side table shows the same sums
    rows = {label: (cells, total) for label, cells, total in rep.side_by_side}
    cells, total = rows["วัตถุประสงค์"]
    assert sum(int(c.replace(",", "")) for c in cells) == int(total.replace(",", ""))
    html = render_page(rep)
    assert BANNER in html
    assert rep.name_th in html


@pytest.mark.slow  # seconds: the whole sample or national data
def test_every_cluster_report_builds_and_says_who_its_members_are(ws, graph):
    for cid in cluster_ids():
        rep = ClusterReport.build(ws, cid, graph=graph)
        text = html_text(render_section(rep, "profile"))
        assert all(m["name_th"] in text for m in rep.member_rows), cid
        assert "(no data)" not in text and "Round-to-round" not in text  # Thai only


def test_a_cluster_report_says_which_members_support_each_plan_item(ws, graph):
    rep = ClusterReport.build(ws, "south_andaman", graph=graph)
    items = rep.plan_items.set_index("plan_item_id")
    # the sample's Andaman plan: item 2 (safety) is supported by Phuket, Ranong, Satun, Trang...
    assert items.loc["S-CP-AND-2", "83"] >= 1
    assert "ภูเก็ต" in items.loc["S-CP-AND-2", "supporters"]
    # shared KRs are set by two members or more, with each member's progress
    assert (rep.shared_krs["provinces"] >= 2).all() and len(rep.shared_krs)
    # no cluster plan in the sample for the east: said so, as a gap
    east = ClusterReport.build(ws, "east_1", graph=graph)
    assert east.plan_items.empty
    assert any("ยังไม่มีแผนพัฒนากลุ่มจังหวัด" in g.text_th for g in east.gaps())


# --------------------------------------------------------------------------- no data
def test_a_province_with_no_data_is_no_data_never_zero(overview, overview_html):
    row = overview.provinces.set_index("province_code").loc[PHICHIT]
    assert row["objectives"] > 0 and not row["has_data"] and pd.isna(row["progress"])
    tile = next(t for t in overview.tiles if t["code"] == PHICHIT)
    assert tile["classes"]["progress"] == "none"
    assert tile["values"]["progress"] == NO_DATA_TH
    html_tile = re.search(
        rf'<a class="kpyj-tile[^"]*"[^>]*data-code="{PHICHIT}".*?</a>', overview_html
    )
    assert html_tile and 'data-progress="none"' in html_tile.group(0)
    shown = re.search(r'kpyj-v-progress">([^<]*)<', html_tile.group(0)).group(1)
    assert shown == NO_DATA_TH
    assert ">0<" not in html_tile.group(0)
    assert "ไม่มีข้อมูล" in tile["title"] and "ร้อยละ 0" not in tile["title"]
    # its row in the table of provinces
    table_row = re.search(rf'<tr id="p-{PHICHIT}".*?</tr>', overview_html, re.S).group(0)
    cells = [html_text(c) for c in re.findall(r"<td[^>]*>.*?</td>", table_row, re.S)]
    assert cells[5] == NO_DATA_TH  # progress (cells: code, cluster, group, objectives, KRs, …)
    assert "ยังไม่เคยรายงาน" in cells[-1]
    assert overview.legend("progress")[-1] == {"key": "none", "label_th": NO_DATA_TH, "n": 1}


def test_a_real_zero_is_zero_and_no_data_is_not(ws):
    """A province whose every check-in equals its baseline is at 0 %, shown as 0; a province
    without check-ins is «ไม่มีข้อมูล» — the two never look the same."""
    tables = {n: rows_of(df) for n, df in ws.frames.items() if n in ws.counts()}
    krs = {k["id"]: k for k in tables["key_results"]}
    objectives = {o["id"]: o["province_code"] for o in tables["objectives"]}
    for c in tables["checkins"]:
        kr = krs[c["key_result_id"]]
        if objectives.get(kr["objective_id"]) == "11":
            c["value"] = kr["baseline"]
    doc = NationalOverview.build(Workspace.from_tables(tables, 2565), linked="")
    tiles = {t["code"]: t for t in doc.tiles}
    assert (
        tiles["11"]["values"]["progress"] == "0"
        and tiles["11"]["classes"]["progress"] == "off_track"
    )
    assert tiles[PHICHIT]["values"]["progress"] == NO_DATA_TH
    assert tiles[PHICHIT]["classes"]["progress"] == "none"


def test_tiles_link_to_reports_that_exist_and_to_rows_otherwise(overview, ws, graph):
    hrefs = {t["code"]: t["href"] for t in overview.tiles}
    assert hrefs["83"] == "83/analysis.html" and hrefs["10"] == "#p-10"
    every = NationalOverview.build(ws, graph=graph)  # linked "*": every province has a report
    assert all(t["href"] == f"{t['code']}/analysis.html" for t in every.tiles)
    assert len({t["href"] for t in every.tiles}) == 77


# --------------------------------------------------------------------------- rounds
def test_a_round_2_report_uses_no_checkin_after_31_march(sample_db):
    doc = open_document("province", "83", 2565, sample_db, "", round_no=2)
    assert doc.as_of == MARCH_31
    dates = list(doc.ws["checkins"]["date"])
    assert dates and max(dates) <= MARCH_31
    assert doc.history.empty or max(doc.history["date"]) <= MARCH_31
    done = doc.progress["value_date"].dropna()
    assert len(done) and max(done) <= MARCH_31
    cmp = doc.round_changes
    assert cmp.attrs["round"] == 2 and cmp.attrs["end"] == MARCH_31
    text = html_text(render_section(doc, "rounds"))
    assert "รอบ 6 เดือน" in text and "รอบ 3 เดือน" in text
    # the same report without the round sees the later check-ins
    later = open_document("province", "83", 2565, sample_db, "")
    assert max(later.ws["checkins"]["date"]) > MARCH_31


def test_a_round_2_overview_and_cluster_report_use_no_later_checkin(sample_db):
    nat = open_document("national", "", 2565, sample_db, "", round_no=2, linked="")
    assert nat.as_of == MARCH_31 and nat.round_no == 2
    assert max(nat.ws["checkins"]["date"]) <= MARCH_31
    last = nat.provinces["last_checkin"].dropna()
    assert len(last) and max(last) <= MARCH_31
    assert "รอบ 6 เดือน" in nat.title_th
    assert nat.comparison.attrs["round"] == 2
    text = html_text(render_section(nat, "rounds"))
    assert "รอบ 6 เดือน (ถึง 31 มีนาคม 2565) เทียบกับรอบ 3 เดือน" in text
    cl = open_document("cluster", "south_andaman", 2565, sample_db, "", round_no=2, linked="")
    assert max(cl.ws["checkins"]["date"]) <= MARCH_31 and cl.as_of == MARCH_31


def test_the_round_comparison_says_what_slipped(overview):
    rc = overview.round_counts
    assert rc is not None and rc["krs"] == len(overview.comparison.dropna(subset=["province_code"]))
    assert rc["fell_behind"] == len(overview.slipped_krs) > 0
    assert set(overview.slipped_krs["status"]) <= {"at_risk", "off_track"}
    by = overview.round_changes
    assert int(by["fell_behind"].sum()) == rc["fell_behind"]


# --------------------------------------------------------------------------- findings
def test_recurring_findings_name_the_gap_and_the_provinces(overview):
    rf = overview.recurring_findings
    assert len(rf) and (rf["provinces"] >= 2).all()
    assert list(rf["severity"]) == sorted(rf["severity"], key=["high", "medium", "low"].index)
    late = rf[rf["label"] == "ผลลัพธ์หลักที่ล่าช้ากว่าแผน"].iloc[0]
    behind = overview.provinces[overview.provinces["krs_off_track"] > 0]
    assert late["provinces"] == len(behind)
    # no English gloss and no id leaks into the gap's name
    assert not any(re.search(r"[A-Za-z]{4,}", lab) for lab in rf["label"] if "PMQA" not in lab)


def test_the_model_provinces_side_by_side(overview, overview_html):
    assert [m["name_th"] for m in overview.models] == ["สุโขทัย", "นครพนม", "ภูเก็ต", "ราชบุรี"]
    assert all(len(cells) == 4 for _, cells in overview.model_rows)
    assert 'href="83/analysis.html"' in render_section(overview, "models")


def test_thai_only_and_sources_cited_by_title_not_file(overview_html):
    text = html_text(overview_html)
    for english in ("(no data)", "Executive summary", "sample data", "Round-to-round"):
        assert english not in text
    assert "ราชกิจจานุเบกษา 17 พฤศจิกายน 2560" in text
    assert "บันทึกข้อความ สำนักงานกิจการยุติธรรม ลงวันที่ 20 มกราคม 2565" in text
    assert ".csv" not in text and ".xlsx" not in text


# --------------------------------------------------------------------------- escaping
PAYLOAD = "\"'><script>alert(1)</script>"
RAW = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def hostile_ws(ws) -> Workspace:
    """The sample with PAYLOAD appended to every KR, objective, project and plan item title."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, df in ws.frames.items():
        if name not in ws.counts():
            continue
        rows = rows_of(df)
        titled = name in ("key_results", "objectives", "initiatives", "plan_items", "plans")
        for row in rows:
            for col in ("title_th", "name_th"):
                if titled and isinstance(row.get(col), str):
                    row[col] += PAYLOAD
        tables[name] = rows
    return Workspace.from_tables(tables, 2565)


@pytest.mark.parametrize(
    "build",
    [
        lambda ws: NationalOverview.build(ws, linked=""),
        lambda ws: ClusterReport.build(ws, "south_andaman"),
    ],
    ids=["national", "cluster"],
)
@pytest.mark.slow  # seconds: the whole sample or national data
def test_user_text_is_escaped_in_the_new_documents(hostile_ws, build):
    doc = build(hostile_ws)
    parts = {"title": render_title(doc)} | {s.key: render_section(doc, s.key) for s in doc.sections}
    for key, html in parts.items():
        assert RAW not in html, key
        assert "<script" not in html, key
        assert "\"'><" not in html, key
    assert render_fragment(doc).count(ESCAPED) >= 3


def test_related_pages_are_linked_only_when_the_run_wrote_them(overview, ws, graph):
    assert 'href="status.html"' in render_section(overview, "sources")
    assert "lessons_synthesis.html" not in render_section(overview, "sources")
    both = NationalOverview.build(ws, graph=graph, linked="83,status,synthesis")
    html = render_section(both, "sources")
    assert 'href="status.html"' in html and 'href="lessons_synthesis.html"' in html
    anyhow = NationalOverview.build(ws, graph=graph)  # "*": every province, no extra page
    assert "status.html" not in render_section(anyhow, "sources")
