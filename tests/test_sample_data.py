"""The bundled sample workspace (scripts/build_sample.py): valid, consistent, deterministic,
clearly marked as sample, and holding exactly the planted gaps that data/sample/README.md lists.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for _p in (ROOT, ROOT / "scripts"):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

from build_sample import (  # noqa: E402
    REFERENCE_PLAN_ITEMS,
    REFERENCE_PLANS,
    build_tables,
    main,
    validate,
)

from kpyj_lib.model import ENTITIES, NODE_TABLES  # noqa: E402

PROVINCES = {"64", "48", "83", "70"}
CLUSTERS = {"north_lower_1", "northeast_upper_2", "south_andaman", "central_lower_1"}
FY_START, FY_END = dt.date(2021, 10, 1), dt.date(2022, 9, 30)


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict]]:
    return build_tables()


def _ids(tables: dict[str, list[dict]], name: str) -> set[str]:
    return {r["id"] for r in tables[name]}


def _by_id(tables: dict[str, list[dict]], name: str) -> dict[str, dict]:
    return {r["id"]: r for r in tables[name]}


def _known(tables: dict[str, list[dict]]) -> dict[str, set]:
    """Every id a ``ref`` column may point to: the tables plus the reference data."""
    known: dict[str, set] = {n: _ids(tables, n) for n in ENTITIES if "id" in tables[n][0]}
    known["plan_items"] |= REFERENCE_PLAN_ITEMS
    known["plans"] |= REFERENCE_PLANS
    known["provinces"] = PROVINCES
    known["clusters"] = CLUSTERS
    known["pmqa_categories"] = set(range(1, 8)) | {str(i) for i in range(1, 8)}
    return known


# --------------------------------------------------------------------------- structure
def test_every_entity_has_rows_with_its_fields(tables):
    assert list(tables) == list(ENTITIES)
    for name, rows in tables.items():
        assert rows, f"{name} is empty"
        fields = list(ENTITIES[name].record.model_fields)
        for row in rows:
            assert list(row) == fields, name


def test_every_row_validates(tables):
    counts = validate(tables)
    assert counts == {n: len(r) for n, r in tables.items()}
    for name, rows in tables.items():
        for row in rows:
            ENTITIES[name].record(**row)


def test_keys_are_unique(tables):
    for name, entity in ENTITIES.items():
        keys = Counter(tuple(r[k] for k in entity.key) for r in tables[name])
        dupes = [k for k, n in keys.items() if n > 1]
        assert not dupes, f"{name}: duplicate keys {dupes}"
        if "id" in ENTITIES[name].record.model_fields:
            ids = Counter(r["id"] for r in tables[name])
            assert max(ids.values()) == 1, name


def test_every_reference_resolves(tables):
    known = _known(tables)
    for name, entity in ENTITIES.items():
        for col in entity.columns:
            if not (col.ref or col.poly):
                continue
            for row in tables[name]:
                value = row[col.name]
                if value is None:
                    continue
                target = col.ref or NODE_TABLES[row[col.poly]]
                assert value in known[target], f"{name}.{col.name} = {value!r} not in {target}"


def test_reference_items_are_referenced_not_copied(tables):
    assert not (_ids(tables, "plan_items") & REFERENCE_PLAN_ITEMS)
    assert not (_ids(tables, "plans") & REFERENCE_PLANS)
    used = {r["plan_item_id"] for r in tables["alignments"]}
    assert {"NMP-22", "NMP-01", "NS-1", "NS-6", "JMP4-D1", "JMP4-D2", "JMP4-D3"} <= used


def test_dates_and_timestamps(tables):
    for name, entity in ENTITIES.items():
        for col in entity.columns:
            for row in tables[name]:
                value = row[col.name]
                if value is None:
                    continue
                if col.type is dt.datetime:
                    assert isinstance(value, dt.datetime), (name, col.name)
                    assert value.utcoffset() == dt.timedelta(hours=7), (name, col.name)
                elif col.type is dt.date:
                    assert type(value) is dt.date, (name, col.name)


def test_building_twice_gives_identical_tables(tables):
    assert build_tables() == tables


def test_check_mode_validates_without_writing(capsys):
    assert main(["--check"]) == 0
    out = capsys.readouterr().out
    assert "objectives" in out and "validation passed" in out


# --------------------------------------------------------------------------- marked as sample
def test_meta_says_sample(tables):
    meta = {r["key"]: r["value"] for r in tables["meta"]}
    assert meta["is_sample"] == "true"
    assert "ตัวอย่าง" in meta["title"]
    assert "ข้อมูลสมมติ" in meta["notice_th"] and "ไม่ใช่ข้อมูลทางราชการ" in meta["notice_th"]
    assert meta["fiscal_year"] == "2565"
    assert meta["version"] == "1"
    assert dt.date.fromisoformat(meta["as_of"]) >= max(c["date"] for c in tables["checkins"])


def test_sources_say_sample_or_seed(tables):
    for name in ("plans", "plan_items"):
        for row in tables[name]:
            src = row["source"]
            assert "ตัวอย่าง" in src or "เอกสาร 0" in src, (name, row["id"], src)
    assert {r["source"] for r in tables["baseline_indicators"]} == {"ข้อมูลสมมติ (ตัวอย่าง)"}
    for plan in tables["plans"]:
        if plan["kind"] in ("provincial_plan", "cluster_plan"):
            assert "ตัวอย่าง" in plan["name_th"]


def test_crime_prevention_dimensions_are_placeholders_but_one(tables):
    plans = _by_id(tables, "plans")
    items = [i for i in tables["plan_items"] if plans[i["plan_id"]]["kind"] == "crime_prevention"]
    assert len(items) == 6
    confirmed = [i for i in items if "ตัวอย่าง" not in i["name_th"]]
    assert [i["name_th"] for i in confirmed] == ["ด้านการมีส่วนร่วมของประชาชน"]
    for item in items:
        if item not in confirmed:
            assert "โปรดแทน" in item["name_th"] and "24 ม.ค. 2560" in item["name_th"]


def test_pilot_provinces_and_plans(tables):
    assert {
        (r["province_code"], r["group"], r["fiscal_year"]) for r in tables["province_groups"]
    } == {(p, 1, 2565) for p in PROVINCES}
    kinds = Counter(p["kind"] for p in tables["plans"])
    assert kinds["provincial_plan"] == 4 and kinds["cluster_plan"] == 4
    assert kinds["crime_prevention"] == kinds["cabinet_resolution"] == kinds["ministry_policy"] == 1
    per_plan = Counter(i["plan_id"] for i in tables["plan_items"])
    for plan in tables["plans"]:
        if plan["kind"] == "provincial_plan":
            assert 3 <= per_plan[plan["id"]] <= 4
        if plan["kind"] == "cluster_plan":
            assert 2 <= per_plan[plan["id"]] <= 3
    units = Counter(u["province_code"] for u in tables["units"] if u["province_code"])
    assert set(units) == PROVINCES and all(7 <= n <= 10 for n in units.values())


# --------------------------------------------------------------------------- OKR realism
def test_okr_shape(tables):
    per_province = Counter(o["province_code"] for o in tables["objectives"] if o["province_code"])
    assert set(per_province) == PROVINCES and all(3 <= n <= 5 for n in per_province.values())
    per_objective = Counter(k["objective_id"] for k in tables["key_results"])
    assert all(2 <= n <= 4 for n in per_objective.values())
    directions = Counter(k["direction"] for k in tables["key_results"])
    assert directions["down"] >= 5 and directions["reach"] >= 1
    assert any(o["parent_id"] for o in tables["objectives"])
    units_per_kr = Counter(r["key_result_id"] for r in tables["kr_units"])
    assert sum(n >= 2 for n in units_per_kr.values()) >= 5  # end products
    assert sum(n == 1 for n in units_per_kr.values()) >= 5  # single-unit key results


def test_checkins_in_fiscal_year_and_after_start(tables):
    krs = _by_id(tables, "key_results")
    for c in tables["checkins"]:
        assert FY_START <= c["date"] <= FY_END
        assert c["date"] >= krs[c["key_result_id"]]["start_date"]
        assert 0 <= c["confidence"] <= 1 and c["note_th"] and c["reporter"]


def _schedule_ratio(tables, kr_id: str) -> float:
    kr = _by_id(tables, "key_results")[kr_id]
    last = max(
        (c for c in tables["checkins"] if c["key_result_id"] == kr_id), key=lambda c: c["date"]
    )
    elapsed = (last["date"] - kr["start_date"]).days / (kr["due_date"] - kr["start_date"]).days
    progress = (last["value"] - kr["baseline"]) / (kr["target"] - kr["baseline"])
    return progress / elapsed


def test_provinces_differ_in_progress(tables):
    def mean_ratio(code: str) -> float:
        objs = {o["id"] for o in tables["objectives"] if o["province_code"] == code}
        ratios = [
            _schedule_ratio(tables, k["id"])
            for k in tables["key_results"]
            if k["objective_id"] in objs and k["direction"] != "reach" and k["id"] != "KR-70-03-3"
        ]
        return sum(ratios) / len(ratios)

    assert mean_ratio("64") > 0.95
    assert mean_ratio("48") < 0.8
    assert mean_ratio("64") > mean_ratio("83") > mean_ratio("70") > mean_ratio("48")


def test_kpis_cover_dimensions_levels_and_thresholds(tables):
    kpis = tables["kpis"]
    assert {k["dimension"] for k in kpis} == {
        "effectiveness",
        "service_quality",
        "efficiency",
        "org_development",
    }
    assert {k["level"] for k in kpis} == {"organisation", "division", "group", "individual"}
    assert sum(k["level1"] is not None for k in kpis) >= 8
    assert all(k["target"] is not None and k["actual"] is not None for k in kpis)


def test_initiatives_have_budgets_and_sources(tables):
    for i in tables["initiatives"]:
        assert i["budget"] > 0 and i["budget_source"]
        assert 0 <= i["budget_spent"] <= i["budget"]
        assert FY_START <= i["start_date"] <= i["end_date"] <= FY_END
    assert len({i["budget_source"] for i in tables["initiatives"]}) >= 4
    assert {i["status"] for i in tables["initiatives"]} == {
        "planned",
        "in_progress",
        "done",
        "cancelled",
    }


def test_pmqa_mappings_cover_all_categories(tables):
    assert {m["category"] for m in tables["pmqa_mappings"]} == set(range(1, 8))


def test_workshop_vote_has_a_clear_winner_that_became_the_objective(tables):
    (ws,) = tables["workshops"]
    assert ws["objective_id"] == "OBJ-OJA-01" and ws["status"] == "closed"
    assert {i["idea_type"] for i in tables["ideas"]} == {"do", "expand", "upgrade", "drive"}
    assert len({i["author"] for i in tables["ideas"]}) >= 5
    counts = Counter(v["idea_id"] for v in tables["votes"]).most_common()
    assert counts[0][0] == "IDEA-01" and counts[0][1] > counts[1][1]
    per_voter = Counter(v["voter"] for v in tables["votes"])
    assert max(per_voter.values()) <= ws["votes_per_participant"]


# --------------------------------------------------------------------------- planted gaps
def test_gap_1_orphan_objective(tables):
    aligned = {(a["source_type"], a["source_id"]) for a in tables["alignments"]}
    krs_of = defaultdict(set)
    for k in tables["key_results"]:
        krs_of[k["objective_id"]].add(k["id"])
    delivering = defaultdict(set)
    for link in tables["initiative_krs"]:
        delivering[link["key_result_id"]].add(link["initiative_id"])

    def traced(obj_id: str) -> bool:
        nodes = {("objective", obj_id)} | {("key_result", k) for k in krs_of[obj_id]}
        nodes |= {("initiative", i) for k in krs_of[obj_id] for i in delivering[k]}
        return bool(nodes & aligned)

    orphans = {o["id"] for o in tables["objectives"] if not traced(o["id"])}
    assert orphans == {"OBJ-48-04"}


def test_gap_2_key_result_nobody_owns(tables):
    with_units = {r["key_result_id"] for r in tables["kr_units"]}
    unowned = {
        k["id"]
        for k in tables["key_results"]
        if k["owner_unit_id"] is None and k["id"] not in with_units
    }
    assert unowned == {"KR-48-02-3"}
    owners = {r["key_result_id"]: r["unit_id"] for r in tables["kr_units"] if r["role"] == "owner"}
    for k in tables["key_results"]:
        if k["owner_unit_id"]:
            assert owners[k["id"]] == k["owner_unit_id"]


def test_gap_3_and_4_open_flow_ends(tables):
    assert {f["id"] for f in tables["flows"] if f["to_unit_id"] is None} == {"FL-83-06"}
    assert {f["id"] for f in tables["flows"] if f["from_unit_id"] is None} == {"FL-48-05"}


def test_gap_5_project_without_key_result(tables):
    delivering = {r["initiative_id"] for r in tables["initiative_krs"]}
    assert {i["id"] for i in tables["initiatives"] if i["id"] not in delivering} == {"INI-83-04"}
    assert _by_id(tables, "initiatives")["INI-83-04"]["kind"] == "project"


def test_gap_6_key_result_without_checkin(tables):
    reported = {c["key_result_id"] for c in tables["checkins"]}
    assert {k["id"] for k in tables["key_results"] if k["id"] not in reported} == {"KR-70-03-3"}


def test_gap_7_provincial_plan_item_nobody_supports(tables):
    plans = _by_id(tables, "plans")
    provincial = {
        i["id"] for i in tables["plan_items"] if plans[i["plan_id"]]["kind"] == "provincial_plan"
    }
    supported = {a["plan_item_id"] for a in tables["alignments"] if a["source_type"] != "plan_item"}
    assert provincial - supported == {"S-PP-70-4"}
    # it is still part of the plan graph (aligned upwards to its cluster plan)
    assert any(
        a["source_id"] == "S-PP-70-4" and a["source_type"] == "plan_item"
        for a in tables["alignments"]
    )


def test_gap_8_province_without_pmqa_category_5(tables):
    province_of = {o["id"]: o["province_code"] for o in tables["objectives"]}
    province_of |= {k["id"]: province_of[k["objective_id"]] for k in tables["key_results"]}
    used = defaultdict(set)
    for m in tables["pmqa_mappings"]:
        if m["source_type"] in ("objective", "key_result"):
            used[province_of[m["source_id"]]].add(m["category"])
    missing = {p: set(range(1, 8)) - used[p] for p in PROVINCES}
    assert missing == {"64": set(), "48": {5}, "83": set(), "70": set()}


def test_gap_9_empty_kpi_cell(tables):
    cells = {(k["province_code"], k["dimension"], k["level"]) for k in tables["kpis"]}
    dims = {"effectiveness", "service_quality", "efficiency", "org_development"}
    levels = {"organisation", "division", "group", "individual"}
    missing = {(p, d, lv) for p in PROVINCES for d in dims for lv in levels} - cells
    assert missing == {("83", "org_development", "individual")}


def _deadline(week: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(week + dt.timedelta(days=4), dt.time(16, 0), tzinfo=tz)


def test_gap_10_late_and_missing_weekly_reports(tables):
    reports = tables["weekly_reports"]
    tz = reports[0]["submitted_at"].tzinfo
    late = {r["id"] for r in reports if r["submitted_at"] > _deadline(r["week_start"], tz)}
    assert late == {"WR-2565-01-RLPD-20220124", "WR-2565-07-DOC-20220221"}
    by_id = {r["id"]: r for r in reports}
    assert by_id["WR-2565-01-RLPD-20220124"]["submitted_at"].time() == dt.time(16, 0, 1)
    assert by_id["WR-2565-10-DLE-20220117"]["submitted_at"].time() == dt.time(15, 59, 59)

    weeks = sorted({r["week_start"] for r in reports})
    assert len(weeks) == 8 and all(w.weekday() == 0 for w in weeks)
    directives = _by_id(tables, "directives")
    got = {(r["directive_id"], r["unit_id"], r["week_start"]) for r in reports}
    expected = set()
    for du in tables["directive_units"]:
        d = directives[du["directive_id"]]
        for week in weeks:
            if week <= d["meeting_date"]:
                continue
            if d["completed_date"] and week > d["completed_date"]:
                continue
            expected.add((d["id"], du["unit_id"], week))
    assert got <= expected
    assert expected - got == {("DIR-2565-03", "DOC", dt.date(2022, 2, 14))}


def test_weekly_report_rules(tables):
    directives = _by_id(tables, "directives")
    assert {d["level"] for d in tables["directives"]} == {
        "general",
        "continuing",
        "completed",
        "in_progress",
    }
    assert 8 <= len(directives) <= 12
    fields = ("goal", "plan", "results", "outputs", "outcomes", "impact")
    for r in tables["weekly_reports"]:
        filled = tuple(bool(r[f]) for f in fields)
        if r["level"] == "in_progress":
            assert filled == (True, True, False, False, False, False), r["id"]
        else:
            assert all(filled), r["id"]
    for d in tables["directives"]:
        assert (d["level"] == "completed") == (d["completed_date"] is not None)
        if d["level"] != "completed":
            continue
        done = [r for r in tables["weekly_reports"] if r["directive_id"] == d["id"]]
        completed = [r for r in done if r["level"] == "completed"]
        assert len(completed) == len({r["unit_id"] for r in done})  # once per unit
        for r in completed:
            assert r["week_start"] <= d["completed_date"] < r["week_start"] + dt.timedelta(7)
            assert r["submitted_at"].date() >= d["completed_date"]
        assert all(r["week_start"] <= d["completed_date"] for r in done)


def test_gap_11_off_track_and_downward_on_track(tables):
    assert _schedule_ratio(tables, "KR-48-02-1") < 0.5
    krs = _by_id(tables, "key_results")
    assert krs["KR-64-02-1"]["direction"] == "down"
    assert _schedule_ratio(tables, "KR-64-02-1") >= 1.0


def test_gap_12_cycle_in_unit_flows(tables):
    edges = defaultdict(set)
    for f in tables["flows"]:
        if f["from_unit_id"] and f["to_unit_id"]:
            edges[f["from_unit_id"]].add(f["to_unit_id"])

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for nxt in edges[todo.pop()]:
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return seen

    in_cycle = {u for u in list(edges) if u in reaches(u)}
    assert in_cycle == {"U70-PRS", "U70-PRB", "U70-CJC"}
