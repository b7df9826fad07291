"""Tests of the plan graph (kpyj_lib.graph) on the tiny sample workspace."""

from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

from kpyj_lib.examples import TINY_FISCAL_YEAR, tiny_tables, tiny_workspace
from kpyj_lib.graph import (
    EDGE_KINDS,
    NODE_KINDS,
    build_graph,
    edges_frame,
    layer_of,
    node_id,
    nodes_frame,
    parse_node_id,
    province_subgraph,
    read_node_link_json,
    write_graphml,
    write_node_link_json,
)
from kpyj_lib.model import ENTITIES
from kpyj_lib.workspace import Workspace


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return tiny_workspace()


@pytest.fixture(scope="module")
def G(ws: Workspace) -> nx.MultiDiGraph:
    return build_graph(ws)


def _out(G: nx.MultiDiGraph, n: str, kind: str) -> set[str]:
    return {v for _, v, d in G.out_edges(n, data=True) if d["kind"] == kind}


def _in(G: nx.MultiDiGraph, n: str, kind: str) -> set[str]:
    return {u for u, _, d in G.in_edges(n, data=True) if d["kind"] == kind}


# --------------------------------------------------------------------------- tiny workspace
def test_tiny_workspace_is_sample_valid_and_deterministic(ws: Workspace) -> None:
    assert ws.is_sample
    assert ws.fiscal_year == TINY_FISCAL_YEAR == 2565
    assert ws.province_codes == ["64", "83"]
    for name in ENTITIES:  # every row validates as its pydantic record
        assert len(ws.records(name)) == len(ws[name])
    assert tiny_tables() == tiny_tables()
    again = tiny_workspace()
    for name in ENTITIES:
        assert again[name].equals(ws[name]), name


# --------------------------------------------------------------------------- kinds and ids
def test_node_kinds_all_present(G: nx.MultiDiGraph) -> None:
    kinds = Counter(k for _, k in G.nodes(data="kind"))
    assert set(kinds) == set(NODE_KINDS)
    assert kinds["pmqa_category"] == 7
    assert kinds["bsc_dimension"] == 4
    assert kinds["objective"] == 3
    assert kinds["key_result"] == 3
    assert kinds["province"] == 77


def test_edge_kinds_present(G: nx.MultiDiGraph) -> None:
    kinds = {d["kind"] for *_, d in G.edges(data=True)}
    # carried_from needs the earlier record in the same workspace (see its own test)
    assert kinds == set(EDGE_KINDS) - {"carried_from"}


def test_every_node_and_edge_has_kind_and_labels(G: nx.MultiDiGraph) -> None:
    for n, d in G.nodes(data=True):
        assert d["kind"] in NODE_KINDS
        assert parse_node_id(n) == (d["kind"], d["id"])
        assert node_id(d["kind"], d["id"]) == n
        assert isinstance(d["label_th"], str) and d["label_th"], n
        assert "label_en" in d
        assert d["layer"] == layer_of(G, n)
        for k, v in d.items():
            assert v is None or isinstance(v, str | int | float | bool), (n, k, v)
    for u, v, k, d in G.edges(keys=True, data=True):
        assert d["kind"] in EDGE_KINDS
        assert k == d["kind"] or (d["kind"] == "feeds" and k.startswith("feeds:")), (u, v, k)


def test_node_id_rejects_unknown_kind() -> None:
    with pytest.raises(ValueError):
        node_id("okr", "x")
    with pytest.raises(ValueError):
        parse_node_id("no-colon")
    assert parse_node_id(node_id("plan_item", "A:B")) == ("plan_item", "A:B")


def test_stable_ids(ws: Workspace) -> None:
    a, b = build_graph(ws), build_graph(tiny_workspace())
    assert list(a.nodes) == list(b.nodes)
    assert set(a.edges(keys=True)) == set(b.edges(keys=True))
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=str) == sorted(
        b.edges(keys=True, data=True), key=str
    )


# --------------------------------------------------------------------------- content
def test_plan_hierarchy_and_alignment(G: nx.MultiDiGraph) -> None:
    assert _out(G, "plan_item:PP-83-3.1", "part_of") == {"plan_item:PP-83-3"}
    assert _out(G, "plan_item:PP-83-3", "part_of") == {"plan:PP-83"}
    assert _out(G, "plan_item:PP-83-3", "aligns_to") == {"plan_item:CP-AND-2"}
    assert _out(G, "plan_item:JMP4-D1", "aligns_to") == {"plan_item:NMP-22"}
    assert _out(G, "plan:CP-AND", "located_in") == {"cluster:south_andaman"}
    assert _out(G, "plan:PP-83", "located_in") == {"province:83"}
    item = G.nodes["plan_item:CP-AND-2"]
    assert item["plan_kind"] == "cluster_plan" and item["cluster_id"] == "south_andaman"
    assert G.nodes["plan_item:NS-6"]["plan_level"] == 1
    rationale = G.edges["objective:OBJ-83-01", "plan_item:PP-83-3.1", "aligns_to"]["rationale"]
    assert "3.1" in rationale
    # the orphan objective aligns to nothing
    assert _out(G, "objective:OBJ-64-01", "aligns_to") == set()


def test_okr_edges(G: nx.MultiDiGraph) -> None:
    assert _out(G, "objective:OBJ-83-01-01", "part_of") == {"objective:OBJ-83-01"}
    assert _in(G, "objective:OBJ-83-01", "measures") == {"key_result:KR-83-01-1"}
    assert _out(G, "kpi:KPI-83-01", "measures") == {"key_result:KR-83-01-1"}
    assert _out(G, "kpi:KPI-83-02", "measures") == {"objective:OBJ-83-01-01"}
    assert _in(G, "key_result:KR-83-01-2", "delivers") == {"initiative:INI-83-01"}
    assert _out(G, "initiative:INI-64-01", "delivers") == set()
    assert (
        G.edges["kpi:KPI-83-02", "bsc_dimension:service_quality", "in_dimension"]["level"]
        == "division"
    )
    kr = G.nodes["key_result:KR-83-01-1"]
    assert (kr["baseline"], kr["target"], kr["direction"]) == (18.0, 12.0, "down")
    assert kr["weight"] == 2.0
    assert (kr["checkin_count"], kr["last_value"], kr["last_checkin"]) == (2, 15.0, "2022-04-30")
    assert (kr["province_code"], kr["fiscal_year"]) == ("83", 2565)  # from its objective
    assert G.nodes["initiative:INI-83-01"]["budget"] == 250000.0
    assert G.nodes["province:83"]["group"] == 1
    assert G.nodes["idea:IDEA-83-01"]["votes"] == 3


def test_end_product_has_two_contributing_units(G: nx.MultiDiGraph) -> None:
    ep = "key_result:KR-83-01-1"
    assert _out(G, ep, "contributes") == {"unit:PROB-83", "unit:CORR-83"}
    assert _out(G, ep, "owned_by") == {"unit:PJO-83"}  # owner_unit_id and kr_units agree
    single = "key_result:KR-83-01-2"
    assert _out(G, single, "owned_by") | _out(G, single, "contributes") == {"unit:PROB-83"}


def test_flows(G: nx.MultiDiGraph) -> None:
    feeds = edges_frame(G, "feeds")
    assert sorted(feeds["key"]) == ["feeds:FL-01", "feeds:FL-02"]
    assert G.edges["unit:PROB-83", "unit:PJO-83", "feeds:FL-02"]["product"] == (
        "ข้อมูลผู้พ้นโทษที่ผ่านการฝึกอาชีพ"
    )
    assert G.nodes["unit:PJO-64"]["outputs_unused"] == "รายงานสรุปผลการไกล่เกลี่ยข้อพิพาท"
    assert G.nodes["unit:PJO-83"]["inputs_unsupplied"] == "สถิติคดีจากสถานีตำรวจ"
    assert G.nodes["unit:CORR-83"]["outputs_unused"] is None
    assert not any(n.startswith("unit:None") for n in G)


def test_located_in_and_clusters(G: nx.MultiDiGraph) -> None:
    assert _out(G, "province:83", "located_in") == {"cluster:south_andaman"}
    assert _out(G, "province:64", "located_in") == {"cluster:north_lower_1"}
    assert _out(G, "province:10", "located_in") == set()  # Bangkok is in no cluster
    for n in (
        "unit:PJO-83",
        "objective:OBJ-83-01",
        "initiative:INI-83-01",
        "kpi:KPI-83-01",
        "lesson:LES-83-01",
        "stakeholder:STK-83-01",
    ):
        assert _out(G, n, "located_in") == {"province:83"}, n
    assert _out(G, "unit:MOJ", "located_in") == set()


def test_lessons_directives_workshops(G: nx.MultiDiGraph) -> None:
    assert _out(G, "lesson:LES-83-01", "about") == {
        "key_result:KR-83-01-1",
        "unit:CORR-83",
        "unit:PROB-83",
        "pmqa_category:4",
    }
    assert _out(G, "directive:DIR-2565-01", "assigned_to") == {"unit:PJO-83", "unit:PJO-64"}
    assert _out(G, "workshop:WS-83-01", "produced") == {"objective:OBJ-83-01"}
    assert _in(G, "workshop:WS-83-01", "part_of") == {f"idea:IDEA-83-0{i}" for i in (1, 2, 3)}
    assert _out(G, "objective:OBJ-83-01", "uses_pmqa") == {"pmqa_category:2", "pmqa_category:7"}
    assert _in(G, "stakeholder:STK-83-01", "serves") == {
        "objective:OBJ-83-01",
        "initiative:INI-83-01",
    }


def test_dangling_references_are_skipped() -> None:
    t = tiny_tables()
    t["alignments"].append(
        {"source_type": "objective", "source_id": "OBJ-83-01", "plan_item_id": "NO-SUCH-ITEM"}
    )
    t["kr_units"].append({"key_result_id": "KR-83-01-2", "unit_id": "GHOST", "role": "contributor"})
    t["objectives"][1]["parent_id"] = "OBJ-MISSING"
    t["flows"].append(
        {
            "id": "FL-X",
            "fiscal_year": 2565,
            "from_unit_id": "PJO-83",
            "to_unit_id": "GHOST",
            "product_th": "ไม่มีผู้รับในชุดงาน",
        }
    )
    t["lesson_links"].append(
        {"lesson_id": "LES-83-01", "target_type": "objective", "target_id": "OBJ-GONE"}
    )
    t["pmqa_mappings"].append(
        {"source_type": "initiative", "source_id": "INI-83-01", "category": 6}
    )
    t["units"][1]["parent_id"] = "NOT-A-UNIT"
    base = build_graph(tiny_workspace())
    G = build_graph(Workspace.from_tables(t, 2565))
    assert set(G.nodes) == set(base.nodes)  # no half-empty nodes
    assert all("kind" in d for _, d in G.nodes(data=True))
    assert G.graph["skipped_edges"] == base.graph["skipped_edges"] + 6
    assert _out(G, "objective:OBJ-83-01", "aligns_to") == {"plan_item:PP-83-3.1"}
    assert _out(G, "key_result:KR-83-01-2", "contributes") == set()
    assert _out(G, "objective:OBJ-83-01-01", "part_of") == set()
    assert _out(G, "unit:PJO-83", "feeds") == set()
    assert _out(G, "unit:PJO-83", "part_of") == set()
    # a plan item whose parent is missing hangs from its plan instead
    t2 = tiny_tables()
    t2["plan_items"][2]["parent_id"] = "PP-83-404"
    G2 = build_graph(Workspace.from_tables(t2, 2565))
    assert _out(G2, "plan_item:PP-83-3.1", "part_of") == {"plan:PP-83"}


def test_carried_from_edge() -> None:
    t = tiny_tables()
    t["objectives"].append(
        {
            "id": "OBJ-83-02",
            "fiscal_year": 2565,
            "province_code": "83",
            "title_th": "วัตถุประสงค์ที่ปรับใหม่",
            "carried_from_id": "OBJ-83-01",
        }
    )
    t["key_results"].append(
        {
            "id": "KR-83-02-1",
            "objective_id": "OBJ-83-02",
            "title_th": "ผลลัพธ์ที่ยกมา",
            "baseline": 0.0,
            "target": 1.0,
            "unit_of_measure": "ครั้ง",
            "carried_from_id": "KR-83-01-2",
        }
    )
    G = build_graph(Workspace.from_tables(t, 2565))
    assert _out(G, "objective:OBJ-83-02", "carried_from") == {"objective:OBJ-83-01"}
    assert _out(G, "key_result:KR-83-02-1", "carried_from") == {"key_result:KR-83-01-2"}
    # carried over from a record outside the workspace: attribute only, no edge
    assert G.nodes["objective:OBJ-64-01"]["carried_from_id"] == "OBJ-64-00"
    assert _out(G, "objective:OBJ-64-01", "carried_from") == set()


def test_only_used_provinces(ws: Workspace) -> None:
    G = build_graph(ws, all_provinces=False)
    assert sorted(n for n, k in G.nodes(data="kind") if k == "province") == [
        "province:64",
        "province:83",
    ]
    assert sorted(n for n, k in G.nodes(data="kind") if k == "cluster") == [
        "cluster:north_lower_1",
        "cluster:south_andaman",
    ]


# --------------------------------------------------------------------------- subgraph
def test_province_subgraph_phuket(G: nx.MultiDiGraph) -> None:
    H = province_subgraph(G, "83")
    for n in (
        "province:83",
        "cluster:south_andaman",
        "plan:PP-83",
        "plan_item:PP-83-3",
        "plan_item:PP-83-3.1",
        "plan:CP-AND",
        "plan_item:CP-AND-2",
        "plan_item:JMP4-D1",
        "plan_item:NMP-22",
        "plan_item:NS-6",
        "plan:JMP4",
        "plan:NMP",
        "plan:NS",
        "objective:OBJ-83-01",
        "objective:OBJ-83-01-01",
        "key_result:KR-83-01-1",
        "key_result:KR-83-01-2",
        "kpi:KPI-83-01",
        "kpi:KPI-83-02",
        "initiative:INI-83-01",
        "unit:PJO-83",
        "unit:PROB-83",
        "unit:CORR-83",
        "lesson:LES-83-01",
        "stakeholder:STK-83-01",
        "workshop:WS-83-01",
        "idea:IDEA-83-01",
        "pmqa_category:4",
        "bsc_dimension:effectiveness",
        "bsc_dimension:service_quality",
        "directive:DIR-2565-01",
    ):
        assert n in H, n
    for n in (
        "province:64",
        "objective:OBJ-64-01",
        "key_result:KR-64-01-1",
        "unit:PJO-64",
        "initiative:INI-64-01",
        "kpi:KPI-64-01",
        "cluster:north_lower_1",
        "plan_item:JMP4-D2",
        "plan_item:NS-1",
        "pmqa_category:3",
    ):
        assert n not in H, n
    # upward chain exists inside the subgraph
    assert nx.has_path(H, "objective:OBJ-83-01", "plan_item:NS-6")
    assert nx.has_path(H, "initiative:INI-83-01", "plan_item:JMP4-D1")
    # all edges among kept nodes are kept, with their keys
    assert H.has_edge("unit:CORR-83", "unit:PROB-83", "feeds:FL-01")
    assert H.graph["province_code"] == "83"
    # a copy, not a view
    H.nodes["province:83"]["label_th"] = "changed"
    H.remove_node("objective:OBJ-83-01")
    assert G.nodes["province:83"]["label_th"] == "ภูเก็ต"
    assert "objective:OBJ-83-01" in G


def test_province_subgraph_takes_unlocated_records_of_its_units() -> None:
    t = tiny_tables()
    t["initiatives"].append(
        {
            "id": "INI-NOPROV",
            "fiscal_year": 2565,
            "name_th": "ไม่ระบุจังหวัด",
            "owner_unit_id": "CORR-83",
        }
    )
    t["initiatives"].append(
        {"id": "INI-MOJ", "fiscal_year": 2565, "name_th": "ส่วนกลาง", "owner_unit_id": "MOJ"}
    )
    G = build_graph(Workspace.from_tables(t, 2565))
    H = province_subgraph(G, "83")
    assert "initiative:INI-NOPROV" in H
    assert "unit:MOJ" not in H and "initiative:INI-MOJ" not in H
    assert "initiative:INI-NOPROV" not in province_subgraph(G, "64")


def test_province_subgraph_sukhothai_and_missing(G: nx.MultiDiGraph) -> None:
    H = province_subgraph(G, "64")
    assert {n for n, k in H.nodes(data="kind") if k == "objective"} == {"objective:OBJ-64-01"}
    assert not any(k in ("plan", "plan_item") for _, k in H.nodes(data="kind"))  # orphan
    assert "cluster:north_lower_1" in H and "objective:OBJ-83-01" not in H
    with pytest.raises(nx.NodeNotFound):
        province_subgraph(G, "99")


# --------------------------------------------------------------------------- frames
def test_nodes_and_edges_frames(G: nx.MultiDiGraph) -> None:
    nf = nodes_frame(G)
    assert len(nf) == G.number_of_nodes()
    assert list(nf.columns[:4]) == ["kind", "id", "label_th", "label_en"]
    assert nf.index.name == "node"
    objs = nodes_frame(G, "objective")
    assert list(objs.index) == [
        "objective:OBJ-83-01",
        "objective:OBJ-83-01-01",
        "objective:OBJ-64-01",
    ]
    assert "baseline" not in objs.columns
    both = nodes_frame(G, ["objective", "key_result"])
    assert set(both["kind"]) == {"objective", "key_result"}
    assert nodes_frame(G, "no_such_kind").empty

    ef = edges_frame(G)
    assert len(ef) == G.number_of_edges()
    assert list(ef.columns[:4]) == ["source", "target", "key", "kind"]
    al = edges_frame(G, "aligns_to")
    assert "rationale" in al.columns and set(al["kind"]) == {"aligns_to"}
    assert edges_frame(G, "nothing").columns.tolist()[:4] == ["source", "target", "key", "kind"]


def test_layers(G: nx.MultiDiGraph) -> None:
    order = [
        "plan_item:NS-6",
        "plan_item:NMP-22",
        "plan_item:JMP4-D1",
        "plan_item:CP-AND-2",
        "plan_item:PP-83-3",
        "objective:OBJ-83-01",
        "key_result:KR-83-01-1",
        "initiative:INI-83-01",
    ]
    assert [layer_of(G, n) for n in order] == list(range(8))
    assert layer_of(G, "plan:JMP4") == 2
    assert layer_of(G, "kpi:KPI-83-01") == 6
    assert layer_of(G, "unit:PJO-83") == 8


# --------------------------------------------------------------------------- files
def test_node_link_json_round_trip(G: nx.MultiDiGraph, tmp_path) -> None:
    path = write_node_link_json(G, tmp_path / "sub" / "graph.json")
    assert path == tmp_path / "sub" / "graph.json"
    raw = path.read_text(encoding="utf-8")
    assert "ภูเก็ต" in raw and "\\u0e" not in raw  # Thai kept as is, not escaped
    assert json.loads(raw)["edges"]
    assert [p.name for p in path.parent.iterdir()] == ["graph.json"]  # no temp file left
    H = read_node_link_json(path)
    assert isinstance(H, nx.MultiDiGraph)
    assert dict(H.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(H.edges(keys=True, data=True), key=str) == sorted(
        G.edges(keys=True, data=True), key=str
    )
    assert H.graph == G.graph
    assert H.nodes["objective:OBJ-83-01"]["label_th"] == "ลดการกระทำผิดซ้ำในจังหวัดภูเก็ต"


def test_graphml_parses_back(G: nx.MultiDiGraph, tmp_path) -> None:
    path = write_graphml(G, tmp_path / "graph.graphml")
    assert isinstance(nx.read_graphml(path), nx.DiGraph)  # plain read works
    H = nx.read_graphml(path, force_multigraph=True)  # keeps the edge keys
    assert isinstance(H, nx.MultiDiGraph)
    assert set(H.nodes) == set(G.nodes)
    assert set(H.edges(keys=True)) == set(G.edges(keys=True))
    assert H.nodes["province:64"]["label_th"] == "สุโขทัย"
    assert H.nodes["key_result:KR-83-01-1"]["target"] == 12.0
    assert H.nodes["pmqa_category:3"]["category"] == 3
    assert "label_en" not in H.nodes["kpi:KPI-83-01"]  # None attributes dropped
    assert H.edges["unit:CORR-83", "unit:PROB-83", "feeds:FL-01"]["kind"] == "feeds"
    assert H.graph["is_sample"] is True
    # overwrite in place works (atomic replace)
    write_graphml(province_subgraph(G, "83"), path)
    assert "province:64" not in nx.read_graphml(path)
    assert [p.name for p in tmp_path.iterdir()] == ["graph.graphml"]


def test_larger_workspace_builds() -> None:
    """Sanity at a realistic size (not timed): 77 provinces of objectives and key results."""
    t = tiny_tables()
    codes = [f"{c}" for c in (10, 11, 12, 13, 14, 15, 16, 17, 18, 19)]
    for code in codes:
        for i in range(20):
            oid = f"O-{code}-{i}"
            t["objectives"].append(
                {
                    "id": oid,
                    "fiscal_year": 2565,
                    "province_code": code,
                    "title_th": f"วัตถุประสงค์ {i}",
                }
            )
            t["alignments"].append(
                {"source_type": "objective", "source_id": oid, "plan_item_id": "JMP4-D2"}
            )
            for j in range(3):
                t["key_results"].append(
                    {
                        "id": f"KR-{code}-{i}-{j}",
                        "objective_id": oid,
                        "title_th": "ผลลัพธ์",
                        "baseline": 0.0,
                        "target": 10.0,
                        "unit_of_measure": "ครั้ง",
                    }
                )
    G = build_graph(Workspace.from_tables(t, 2565))
    kinds = Counter(k for _, k in G.nodes(data="kind"))
    assert kinds["objective"] == 3 + 200 and kinds["key_result"] == 3 + 600
    H = province_subgraph(G, "10")
    assert sum(1 for _, k in H.nodes(data="kind") if k == "key_result") == 60
    assert "plan_item:NMP-22" in H and "plan_item:CP-AND-2" not in H
