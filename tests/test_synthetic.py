"""Tests of kpyj_lib.synthetic: the deterministic synthetic national workspace."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from typing import Any

import pytest

from kpyj_lib import reference
from kpyj_lib.calendar import fiscal_year_bounds, is_on_time
from kpyj_lib.model import ENTITIES, NODE_TABLES
from kpyj_lib.store import Store
from kpyj_lib.synthetic import (
    LIGHT_MARK,
    MODEL_PROVINCES,
    PILOT_PROVINCES,
    SYNTHETIC_TITLE,
    light_tables,
    synthetic_groups,
    synthetic_tables,
    synthetic_workspace,
    write_synthetic,
)

# entities whose size does not depend on ``scale`` (one row per province / cluster / fact)
FIXED = {"meta", "province_groups", "plans", "people", "person_units", "person_roles"}


@pytest.fixture(scope="module")
def nation() -> dict[str, list[dict[str, Any]]]:
    return synthetic_tables()


def _reference_ids() -> dict[str, set[str]]:
    return {
        "provinces": {str(c) for c in reference.load("provinces")["code"]},
        "clusters": {str(c) for c in reference.load("clusters")["id"]},
        "pmqa_categories": {str(c) for c in reference.load("pmqa_categories")["id"]},
        "plans": {str(c) for c in reference.load("plans")["id"]},
        "plan_items": {str(c) for c in reference.load("plan_items")["id"]},
    }


def _by_province(rows: list[dict[str, Any]]) -> Counter[str]:
    return Counter(r["province_code"] for r in rows)


# --------------------------------------------------------------------------- validity
def test_every_entity_present_and_every_row_validates(nation):
    assert list(nation) == list(ENTITIES)
    for name, rows in nation.items():
        rec = ENTITIES[name].record
        for r in rows:
            rec(**r)  # raises on any invalid row
    assert all(nation[n] for n in ENTITIES)  # nothing left empty at national scale


def test_keys_unique(nation):
    for name, rows in nation.items():
        key = ENTITIES[name].key
        keys = [tuple(r[k] for k in key) for r in rows]
        dupes = [k for k, n in Counter(keys).items() if n > 1]
        assert not dupes, f"{name}: duplicate keys {dupes[:3]}"
    ids = [
        r["id"]
        for n, rows in nation.items()
        if "id" in ENTITIES[n].key and n != "people"
        for r in rows
    ]
    assert all(i.startswith("SYN-") for i in ids)
    # hub user names are lower case (JupyterHub's rule): the synthetic ones start "syn-"
    assert all(r["id"].startswith("syn-") for r in nation["people"]) and nation["people"]


def test_references_resolve(nation):
    known = _reference_ids()
    for name, ent in ENTITIES.items():
        if len(ent.key) == 1:
            known.setdefault(name, set()).update(str(r[ent.key[0]]) for r in nation[name])
    for name, ent in ENTITIES.items():
        for c in ent.columns:
            for r in nation[name]:
                v = r.get(c.name)
                if v is None:
                    continue
                if c.ref:
                    assert str(v) in known[c.ref], f"{name}.{c.name}={v!r} dangles"
                if c.poly:
                    table = NODE_TABLES[r[c.poly]]
                    assert str(v) in known[table], f"{name}.{c.name}={v!r} ({table}) dangles"


def test_trees_have_no_cycles(nation):
    for name, ent in ENTITIES.items():
        if not ent.tree:
            continue
        parent = {r["id"]: r.get(ent.tree) for r in nation[name]}
        for start in parent:
            seen, node = set(), start
            while node is not None:
                assert node not in seen, f"{name}: cycle through {node}"
                seen.add(node)
                node = parent.get(node)


def test_thai_text_is_clean(nation):
    # Thai, ASCII and a few typographic characters only: no look-alike Cyrillic/Greek letters
    allowed = re.compile(r"^[\u0e00-\u0e7f\x20-\x7e–—]*$")
    for name, rows in nation.items():
        for r in rows:
            for k, v in r.items():
                if isinstance(v, str):
                    assert allowed.match(v), f"{name}.{k}: {v!r}"
                    assert "จังหวัดกรุงเทพมหานคร" not in v  # Bangkok is not a จังหวัด
    titles = [r["title_th"] for r in nation["objectives"]]
    assert "ลดการกระทำผิดซ้ำของผู้พ้นโทษในจังหวัดภูเก็ต" in titles


# --------------------------------------------------------------------------- determinism
def test_deterministic():
    a = synthetic_tables(6, scale=1.5, seed=7)
    b = synthetic_tables(6, scale=1.5, seed=7)
    assert a == b
    assert synthetic_tables(6, scale=1.5, seed=8) != a


def test_provinces_do_not_depend_on_how_many_are_generated(nation):
    small = synthetic_tables(5)
    codes = {"10", "11", "12", "13", "14"}
    for name in ("units", "objectives", "kpis", "initiatives", "lessons", "province_groups"):
        rows = [r for r in nation[name] if r["province_code"] in codes]
        assert rows == [r for r in small[name] if r["province_code"] in codes], name


# --------------------------------------------------------------------------- sizes
def test_sizes_grow_linearly_with_scale():
    one = synthetic_tables(77, scale=1.0)
    two = synthetic_tables(77, scale=2.0)
    for name in ENTITIES:
        if name in FIXED:
            assert len(two[name]) == len(one[name]), name
            continue
        ratio = len(two[name]) / len(one[name])
        assert 1.8 <= ratio <= 2.2, f"{name}: {len(one[name])} -> {len(two[name])}"
    total = sum(map(len, one.values())), sum(map(len, two.values()))
    assert 1.9 <= total[1] / total[0] <= 2.1


def test_sizes_grow_linearly_with_provinces():
    ten = synthetic_tables(10)
    forty = synthetic_tables(40)
    for name in ("units", "objectives", "key_results", "checkins", "kpis", "flows"):
        assert 3.4 <= len(forty[name]) / len(ten[name]) <= 4.6, name


def test_per_province_sizes_are_realistic(nation):
    n = 77
    objectives = _by_province(nation["objectives"])
    assert len(objectives) == n and all(4 <= v <= 6 for v in objectives.values())
    units = _by_province([r for r in nation["units"] if r["province_code"]])
    assert all(9 <= v <= 11 for v in units.values())
    assert all(16 <= v <= 18 for v in _by_province(nation["kpis"]).values())
    assert all(5 <= v <= 8 for v in _by_province(nation["initiatives"]).values())
    assert all(3 <= v <= 5 for v in _by_province(nation["baseline_indicators"]).values())
    assert all(5 <= v <= 8 for v in _by_province(nation["lessons"]).values())
    per_obj = Counter(r["objective_id"] for r in nation["key_results"])
    assert set(per_obj.values()) <= {2, 3, 4}
    flows_per = len(nation["flows"]) / n
    assert 8 <= flows_per <= 12
    # KPIs cover the 4 dimensions x 4 levels in every province
    cells = defaultdict(set)
    for r in nation["kpis"]:
        cells[r["province_code"]].add((r["dimension"], r["level"]))
    assert all(len(c) == 16 for c in cells.values())
    assert 9 <= len(nation["directives"]) <= 11
    assert len(nation["workshops"]) == 8  # one per 10 provinces


def test_the_questions_have_answers(nation):
    # cascading and orphaned objectives
    assert any(r["parent_id"] for r in nation["objectives"])
    aligned = {a["source_id"] for a in nation["alignments"] if a["source_type"] == "objective"}
    orphans = [r for r in nation["objectives"] if r["id"] not in aligned]
    assert 0 < len(orphans) < len(nation["objectives"]) / 2
    # KRs with and without check-ins; end products (>= 2 units) and single-unit KRs
    with_checkins = {c["key_result_id"] for c in nation["checkins"]}
    assert 0.7 < len(with_checkins) / len(nation["key_results"]) < 0.95
    units_per_kr = Counter(r["key_result_id"] for r in nation["kr_units"])
    assert set(units_per_kr.values()) == {1, 2, 3, 4}
    owners = {
        (r["key_result_id"], r["unit_id"]) for r in nation["kr_units"] if r["role"] == "owner"
    }
    assert owners == {(r["id"], r["owner_unit_id"]) for r in nation["key_results"]}
    # initiatives with budgets, some delivering nothing
    delivering = {r["initiative_id"] for r in nation["initiative_krs"]}
    assert 0 < len(delivering) < len(nation["initiatives"])
    assert all(r["budget"] > 0 for r in nation["initiatives"])
    # outputs nobody uses, inputs nobody supplies
    assert any(r["to_unit_id"] is None for r in nation["flows"])
    assert any(r["from_unit_id"] is None for r in nation["flows"])
    # lessons link to something; PMQA categories 1-7 all used
    assert {r["lesson_id"] for r in nation["lesson_links"]} == {r["id"] for r in nation["lessons"]}
    assert {r["category"] for r in nation["pmqa_mappings"]} == set(range(1, 8))


def test_plans_cascade_to_reference_items(nation):
    plans = {r["id"]: r for r in nation["plans"]}
    cluster_plans = [p for p in plans.values() if p["kind"] == "cluster_plan"]
    assert len(cluster_plans) == 18
    assert sum(p["kind"] == "provincial_plan" for p in plans.values()) == 77
    item_plan = {r["id"]: r["plan_id"] for r in nation["plan_items"]}
    up = {
        a["source_id"]: a["plan_item_id"]
        for a in nation["alignments"]
        if a["source_type"] == "plan_item"
    }
    for p in cluster_plans:
        issues = [i for i, pid in item_plan.items() if pid == p["id"]]
        assert len(issues) == 3
        targets = sorted(up[i] for i in issues)
        # 2565: the Justice Master Plan No. 3 and the original master plans are in force
        assert targets[:2] == ["JMP3-ALL", "NMP61-22"]
        assert targets[2].startswith("NS-")
    members = {
        str(c): str(k)
        for k, c in zip(
            reference.load("cluster_members")["cluster_id"],
            reference.load("cluster_members")["province_code"],
            strict=True,
        )
    }
    for p in plans.values():
        if p["kind"] != "provincial_plan":
            continue
        issues = [i for i, pid in item_plan.items() if pid == p["id"]]
        assert len(issues) == 4
        for i in issues:
            target = up[i]
            if p["province_code"] in members:
                assert item_plan[target] == f"SYN-CP-{members[p['province_code']]}"
            else:  # Bangkok: straight to the Justice Master Plan
                assert target == "JMP3-ALL"  # the plan in force in 2565


def test_province_groups(nation):
    """Groups 1 + 2 are the 18 operating centres, group 3 the other 59; the pilots (group 1)
    are the centres of the model provinces' clusters, a synthetic choice."""
    groups = {r["province_code"]: r["group"] for r in nation["province_groups"]}
    assert groups == synthetic_groups()
    assert Counter(groups.values()) == {1: 4, 2: 14, 3: 59}
    centres = reference.operating_centres()
    assert {c for c, g in groups.items() if g in (1, 2)} == set(centres.values())
    pilots = {centres[reference.cluster_of(p)] for p in MODEL_PROVINCES}
    assert {c for c, g in groups.items() if g == 1} == pilots
    # a model province is in group 1 only where it is its cluster's centre
    for p in MODEL_PROVINCES:
        assert (groups[p] == 1) == reference.is_operating_centre(p)
    assert PILOT_PROVINCES == MODEL_PROVINCES == reference.model_provinces()
    notes = {r["note_th"] for r in nation["province_groups"]}
    assert all("ศูนย์ปฏิบัติการ" in n for n in notes)


# --------------------------------------------------------------------------- light data
LIGHT_CODES = ["50", "57", "66", "90"]


@pytest.fixture(scope="module")
def light() -> dict[str, list[dict[str, Any]]]:
    return light_tables(LIGHT_CODES, targets=("NS-1", "NS-6"), parent_unit="PARENT")


def test_light_rows_validate_and_stay_light(light):
    assert list(light) == list(ENTITIES)
    for name, rows in light.items():
        for r in rows:
            ENTITIES[name].record(**r)
    filled = {n for n, rows in light.items() if rows}
    assert filled == {
        "plans", "plan_items", "units", "objectives", "key_results", "kr_units", "checkins",
        "initiatives", "initiative_krs", "alignments",
    }  # fmt: skip
    per = Counter(o["province_code"] for o in light["objectives"])
    assert set(per) == set(LIGHT_CODES) and all(2 <= n <= 3 for n in per.values())
    assert Counter(u["province_code"] for u in light["units"]) == dict.fromkeys(LIGHT_CODES, 1)
    assert {u["parent_id"] for u in light["units"]} == {"PARENT"}


def test_light_rows_are_marked_and_consistent(light):
    for o in light["objectives"]:
        assert LIGHT_MARK in o["description_th"]
    for name, col in (("checkins", "note_th"), ("initiatives", "name_th"), ("plans", "name_th")):
        assert all(LIGHT_MARK in r[col] for r in light[name]), name
    krs = {k["id"]: k for k in light["key_results"]}
    objs = {o["id"] for o in light["objectives"]}
    assert {k["objective_id"] for k in krs.values()} == objs
    units = {u["id"] for u in light["units"]}
    assert {k["owner_unit_id"] for k in krs.values()} <= units
    start, end = fiscal_year_bounds(2565)
    for c in light["checkins"]:
        k = krs[c["key_result_id"]]
        assert start <= c["date"] <= end and c["note_th"] and c["reporter"]
        lo, hi = sorted((k["baseline"], k["target"]))
        assert lo - abs(hi - lo) * 0.3 <= c["value"] <= hi + abs(hi - lo) * 0.3
    delivered = {r["key_result_id"] for r in light["initiative_krs"]}
    assert delivered <= set(krs)
    assert {r["initiative_id"] for r in light["initiative_krs"]} == {
        i["id"] for i in light["initiatives"]
    }
    for i in light["initiatives"]:
        assert 0 <= i["budget_spent"] <= i["budget"] and start <= i["start_date"] <= i["end_date"]
    targets = {a["plan_item_id"] for a in light["alignments"]}
    own_items = {i["id"] for i in light["plan_items"]}
    assert targets <= own_items | {"NS-1", "NS-6"}


def test_light_rows_are_deterministic_per_province(light):
    assert light_tables(LIGHT_CODES, targets=("NS-1", "NS-6"), parent_unit="PARENT") == light
    alone = light_tables(["66"], targets=("NS-1", "NS-6"), parent_unit="PARENT")
    assert alone["objectives"] == [o for o in light["objectives"] if o["province_code"] == "66"]
    assert light_tables(["66"], seed=7)["objectives"] != alone["objectives"]


def test_light_check_ins_stop_at_as_of():
    t = light_tables(["50", "57"], as_of=dt.date(2022, 3, 31))
    assert t["checkins"] and max(c["date"] for c in t["checkins"]) <= dt.date(2022, 3, 31)


def test_light_refuses_unknown_provinces():
    with pytest.raises(ValueError):
        light_tables(["99"])
    with pytest.raises(ValueError):
        light_tables(["50"], targets=())


def test_dates_and_reports(nation):
    start, end = fiscal_year_bounds(2565)
    months = {c["date"].month for c in nation["checkins"]}
    assert months == {10, 11, 12, 1, 2, 3, 4, 5, 6}
    for name, col in (
        ("checkins", "date"),
        ("lessons", "date"),
        ("workshops", "date"),
        ("directives", "meeting_date"),
        ("initiatives", "end_date"),
    ):
        assert all(start <= r[col] <= end for r in nation[name]), name
    reports = nation["weekly_reports"]
    weeks = sorted({r["week_start"] for r in reports})
    assert len(weeks) == 8 and all(w.weekday() == 0 for w in weeks)
    late = [r for r in reports if not is_on_time(r["submitted_at"], r["week_start"])]
    assert 0 < len(late) < len(reports) / 4
    assert all(r["submitted_at"].tzinfo is not None for r in reports)
    # missing: an assigned unit without a report in some week of a non-completed directive
    level = {d["id"]: d["level"] for d in nation["directives"]}
    got = {(r["directive_id"], r["unit_id"], r["week_start"]) for r in reports}
    expected = [
        (u["directive_id"], u["unit_id"], w)
        for u in nation["directive_units"]
        for w in weeks
        if level[u["directive_id"]] != "completed"
    ]
    missing = [k for k in expected if k not in got]
    assert 0 < len(missing) < len(expected) / 5
    # a completed directive is reported as completed once, then no more
    for d in nation["directives"]:
        if d["level"] != "completed":
            continue
        rs = [r for r in reports if r["directive_id"] == d["id"]]
        done = [r for r in rs if r["level"] == "completed"]
        assert done and max(r["week_start"] for r in rs) == done[0]["week_start"]
        assert d["completed_date"] == done[0]["week_start"] + dt.timedelta(days=4)
    assert {u["unit_id"] for u in nation["directive_units"]} <= {
        r["id"] for r in nation["units"] if r["unit_type"] == "สำนักงานยุติธรรมจังหวัด"
    }


def test_workshops_votes(nation):
    ideas = Counter(i["workshop_id"] for i in nation["ideas"])
    assert set(ideas) == {w["id"] for w in nation["workshops"]}
    assert {i["idea_type"] for i in nation["ideas"]} == {"do", "expand", "upgrade", "drive"}
    per_voter = Counter((v["voter"], v["idea_id"].rsplit("-I", 1)[0]) for v in nation["votes"])
    assert set(per_voter.values()) == {3}


def test_other_fiscal_year():
    t = synthetic_tables(2, fiscal_year=2567)
    start, end = fiscal_year_bounds(2567)
    assert {r["fiscal_year"] for r in t["objectives"]} == {2567}
    assert all(start <= c["date"] <= end for c in t["checkins"])
    ws = synthetic_workspace(2, fiscal_year=2567)
    assert len(ws["objectives"]) == len(t["objectives"])


def test_bad_arguments():
    for kwargs in (
        {"n_provinces": 0},
        {"n_provinces": 78},
        {"scale": 0},
        {"scale": float("nan")},
        {"fiscal_year": 2022},
    ):
        with pytest.raises(ValueError):
            synthetic_tables(**kwargs)
    with pytest.raises(TypeError):
        synthetic_tables(2.5)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- workspace, store
def test_workspace_has_the_provinces_and_is_sample():
    ws = synthetic_workspace(5)
    assert ws.province_codes == ["10", "11", "12", "13", "14"]
    assert ws.is_sample
    assert ws.meta["synthetic"] == "true" and ws.meta["title"] == SYNTHETIC_TITLE
    t = synthetic_tables(5)
    counts = ws.counts()
    for name in ENTITIES:
        if name in ("plans", "plan_items", "alignments"):  # reference rows merged in
            assert counts[name] == len(t[name]) + len(reference.load(name)), name
        else:
            assert counts[name] == len(t[name]), name


def test_write_and_read_back(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/s.sqlite")
    store.init()
    try:
        written = write_synthetic(store, 3)
        t = synthetic_tables(3)
        assert written == {n: len(rows) for n, rows in t.items() if rows}
        back = store.workspace(2565)
        assert back.counts() == synthetic_workspace(3).counts()
        assert back.province_codes == ["10", "11", "12"]
        assert back.is_sample
        # replace=True: a second, smaller write leaves only its own rows
        write_synthetic(store, 1)
        assert store.workspace(2565).province_codes == ["10"]
    finally:
        store.close()


@pytest.mark.parametrize("fiscal_year", [2565, 2567])
def test_synthetic_data_aligns_only_to_plans_in_force(fiscal_year):
    """Synthetic reports must not show the "plan not in force" finding (JMP4 is a draft in
    2565, JMP3 has ended by 2567)."""
    from kpyj_lib.analysis.plan_versions import alignments_not_in_force

    ws = synthetic_workspace(8, fiscal_year=fiscal_year)
    assert alignments_not_in_force(ws).empty
    targets = set(ws.frames["alignments"]["plan_item_id"])
    jmp = {t for t in targets if t.startswith("JMP")}
    assert jmp == ({"JMP3-ALL"} if fiscal_year == 2565 else {"JMP4-D1", "JMP4-D2", "JMP4-D3"})
