"""The store against a real SQLite file: schema, pragmas, all-or-nothing writes, workspaces."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa

from kpyj_lib.calendar import BANGKOK
from kpyj_lib.exceptions import StoreError
from kpyj_lib.model import ENTITIES
from kpyj_lib.store import SCHEMA_VERSION, Store, open_store


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path}/kpyj.sqlite")
    s.init()
    yield s
    s.close()


def _obj(i: str, fy: int = 2565, **kw):
    return {"id": i, "fiscal_year": fy, "title_th": f"วัตถุประสงค์ {i}", **kw}


def test_schema_version_and_pragmas(store, tmp_path):
    assert store.schema_version() == SCHEMA_VERSION
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() == 60000
    # every entity has its table, and foreign keys are declared
    insp = sa.inspect(store.engine)
    assert set(ENTITIES) <= set(insp.get_table_names())
    fks = {fk["referred_table"] for fk in insp.get_foreign_keys("key_results")}
    assert {"objectives", "units"} <= fks


def test_reference_data_loaded(store):
    provinces = store.read("provinces")
    assert len(provinces) == 77
    assert "ภูเก็ต" in set(provinces["name_th"])
    assert len(store.read("pmqa_categories")) == 7
    plan_items = store.read("plan_items")
    assert {"NS-1", "NMP-22", "JMP4-D1"} <= set(plan_items["id"])


def test_init_is_idempotent_and_keeps_user_data(store):
    store.write({"objectives": [_obj("O1")]})
    store.init()
    assert store.read("objectives")["id"].tolist() == ["O1"]


def test_uninitialised_store_is_refused(tmp_path):
    with pytest.raises(StoreError, match="kpyj init"):
        open_store(f"sqlite:///{tmp_path}/empty.sqlite")


def test_other_schema_version_is_refused(store):
    with store.begin() as c:
        c.execute(sa.text("UPDATE schema_version SET version = 999"))
    with pytest.raises(StoreError, match="999"):
        store.check()


def test_write_is_all_or_nothing(store):
    store.write({"objectives": [_obj("O1")]})
    before = store.counts()
    bad = {
        "objectives": [_obj("O2")],
        # dangling reference: the foreign key is checked at commit and the whole write undone
        "key_results": [
            {"id": "K1", "objective_id": "NOPE", "title_th": "x", "baseline": 0,
             "target": 1, "unit_of_measure": "ครั้ง"}
        ],
    }  # fmt: skip
    with pytest.raises(StoreError):
        store.write(bad)
    assert store.counts() == before
    assert store.read("objectives")["id"].tolist() == ["O1"]


def test_invalid_record_is_refused_before_writing(store):
    with pytest.raises(ValueError):
        store.write({"objectives": [{"id": "O1", "fiscal_year": 2565}]})  # no title
    assert store.counts()["objectives"] == 0


def test_merge_updates_by_key_and_replace_wipes_user_rows(store):
    store.write({"objectives": [_obj("O1"), _obj("O2")]})
    store.write({"objectives": [_obj("O1", title_th="แก้ไขแล้ว")]})
    df = store.read("objectives").set_index("id")
    assert df.loc["O1", "title_th"] == "แก้ไขแล้ว" and "O2" in df.index
    store.write({"objectives": [_obj("O3")]}, replace=True)
    assert store.read("objectives")["id"].tolist() == ["O3"]
    # reference plans survive a replace
    assert "NS-1" in set(store.read("plan_items")["id"])


def test_timestamps_round_trip_as_aware(store):
    sent = dt.datetime(2022, 3, 18, 15, 59, 59, tzinfo=BANGKOK)
    store.write(
        {
            "units": [{"id": "U1", "name_th": "สำนักงานยุติธรรมจังหวัด"}],
            "directives": [
                {"id": "D1", "fiscal_year": 2565, "title_th": "ข้อสั่งการ",
                 "meeting_date": dt.date(2022, 3, 1), "level": "general"}
            ],
            "weekly_reports": [
                {"id": "R1", "directive_id": "D1", "unit_id": "U1",
                 "week_start": dt.date(2022, 3, 14), "submitted_at": sent, "level": "general"}
            ],
        }
    )  # fmt: skip
    got = store.read("weekly_reports").loc[0, "submitted_at"]
    assert got.tzinfo is not None and got == sent


def test_workspace_is_scoped_to_a_fiscal_year(store):
    store.write(
        {
            "objectives": [_obj("O65"), _obj("O66", fy=2566)],
            "key_results": [
                {"id": "K65", "objective_id": "O65", "title_th": "ก", "baseline": 0,
                 "target": 10, "unit_of_measure": "ครั้ง"},
                {"id": "K66", "objective_id": "O66", "title_th": "ข", "baseline": 0,
                 "target": 10, "unit_of_measure": "ครั้ง"},
            ],
            "alignments": [
                {"source_type": "objective", "source_id": "O65", "plan_item_id": "JMP4-D1"},
                {"source_type": "objective", "source_id": "O66", "plan_item_id": "JMP4-D1"},
            ],
        }
    )  # fmt: skip
    assert store.fiscal_years() == [2566, 2565]
    ws = store.workspace(2565)
    assert ws["objectives"]["id"].tolist() == ["O65"]
    assert ws["key_results"]["id"].tolist() == ["K65"]
    aligned = ws["alignments"]
    assert aligned.loc[aligned["source_type"] == "objective", "source_id"].tolist() == ["O65"]
    assert store.workspace()["objectives"]["id"].tolist() == ["O66"]  # newest by default


def test_concurrent_writer_waits_instead_of_failing(store, tmp_path):
    # a second connection holding the write lock briefly must not make our write fail
    raw = sqlite3.connect(f"{tmp_path}/kpyj.sqlite", timeout=5, check_same_thread=False)
    raw.execute("BEGIN IMMEDIATE")
    import threading

    threading.Timer(0.5, raw.commit).start()
    store.write({"objectives": [_obj("O1")]})
    raw.close()
    assert store.counts()["objectives"] == 1


@pytest.mark.slow  # seconds: the whole sample or national data
def test_bare_path_means_sqlite_and_password_is_hidden(tmp_path):
    s = Store(tmp_path / "x.sqlite")
    assert s.is_sqlite
    p = Store("postgresql+psycopg://kpyj:secret@127.0.0.1:1/none")
    assert "secret" not in p.display_url and "secret" not in repr(p)
