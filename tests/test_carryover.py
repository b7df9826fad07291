"""Carrying unachieved objectives and KRs into the next year (kpyj_lib.services.carryover)."""

from __future__ import annotations

from kpyj_lib import analysis as an
from kpyj_lib.examples import tiny_tables, tiny_workspace
from kpyj_lib.services.carryover import carried_id, carry_over, plan_carry_over
from kpyj_lib.store import Store


def test_carry_over_links_new_records_to_old(tmp_path):
    plan = plan_carry_over(tiny_workspace())
    ids = {o["id"] for o in plan["objectives"]}
    assert carried_id("OBJ-83-01", 2566) in ids
    krs = {k["carried_from_id"]: k for k in plan["key_results"]}
    # the KR with data starts from its last value of the year
    last = an.kr_progress(tiny_workspace(), "2022-09-30").set_index("key_result_id")
    assert krs["KR-83-01-1"]["baseline"] == last.loc["KR-83-01-1", "value"]
    assert all(k["start_date"] is None or k["start_date"].year >= 2022 for k in krs.values())


def test_carry_over_writes_into_the_store_idempotently(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/c.sqlite")
    store.init()
    store.write(tiny_tables())
    first = carry_over(store, 2565)
    second = carry_over(store, 2565)
    assert first == second
    ws66 = store.workspace(2566)
    assert set(ws66["objectives"]["carried_from_id"]) <= set(
        store.workspace(2565)["objectives"]["id"]
    )
    assert len(ws66["key_results"]) == first["key_results"]
