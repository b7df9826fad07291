"""Schema migrations: a store written by kpyj with schema version 1 upgrades to version 2 on
``kpyj init`` or on opening, keeps every row, and runs the before-migrate hook first.

``tests/fixtures/store_v1.sql`` is the SQL dump (``sqlite3 .dump``) of a real version-1 store
(the tiny workspace, written at commit f8e5924, see ``tests/fixtures/make_store_v1.py``); the
test loads it into a fresh SQLite file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from kpyj_lib.exceptions import StoreError
from kpyj_lib.store import SCHEMA_VERSION, Store, metadata, open_store
from kpyj_lib.store import migrations as mig
from kpyj_lib.workspace import rows_of

FIXTURE = Path(__file__).parent / "fixtures" / "store_v1.sql"
#: What version 2 added to tables that version 1 already had.
NEW_COLUMNS = {
    "key_results": {"period", "method_th", "data_source_th", "baseline_indicator_id"}
    | {"measure_type"},  # version 3 (issue 17)
    "kpis": {"direction", "period", "method_th", "data_source_th"} | {"measure_type"},
    "initiatives": {"budget_requested", "budget_next_year"},
    "directives": {"reporting_start"},
    "lessons": {"unit_id"},
}
NEW_TABLES = {
    "driving_goals",
    "driving_activities",
    "driving_indicators",
    "driving_targets",
    "driving_alignments",
}


@pytest.fixture
def v1(tmp_path) -> Path:
    """A private copy of the version-1 store file."""
    dst = tmp_path / "old.sqlite"
    with contextlib.closing(sqlite3.connect(dst)) as conn:
        conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    return dst


def _raw(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table of a SQLite file, by table, sorted (sqlite3, no kpyj)."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        out = {}
        for n in names:
            cols = [r[1] for r in conn.execute(f'pragma table_info("{n}")')]
            rows = conn.execute(f'select * from "{n}"').fetchall()
            out[n] = (cols, sorted(rows, key=repr))
    return out


def _columns(path: Path, table: str) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[1] for r in conn.execute(f'pragma table_info("{table}")')}


def test_fixture_is_a_version_1_store(v1):
    assert Store(v1).schema_version() == 1
    assert "period" not in _columns(v1, "key_results")
    assert not NEW_TABLES & set(_raw(v1))


def test_check_refuses_an_old_store_and_says_how_to_upgrade(v1):
    with pytest.raises(StoreError, match="kpyj init") as e:
        Store(v1).check()
    assert "รุ่น 1" in str(e.value) and "older" in str(e.value)


def test_opening_upgrades_and_keeps_every_row(v1):
    before = _raw(v1)
    messages: list[str] = []
    store = open_store(v1, notify=messages.append)
    try:
        assert store.schema_version() == SCHEMA_VERSION == 3
        assert len(messages) == 1
        assert "จากรุ่น 1 เป็นรุ่น 3" in messages[0] and "data kept" in messages[0]
        after = _raw(v1)
        for table, (cols, rows) in before.items():
            if table == "schema_version":
                continue
            new_cols, new_rows = after[table]
            assert new_cols[: len(cols)] == cols, table  # old columns first, unchanged
            assert set(new_cols[len(cols) :]) == NEW_COLUMNS.get(table, set()), table
            kept = sorted((r[: len(cols)] for r in new_rows), key=repr)
            assert kept == rows, table
            assert all(v is None for r in new_rows for v in r[len(cols) :]), table
        for table in NEW_TABLES:
            assert after[table] == ([c.name for c in metadata.tables[table].columns], [])
        versions = [r[0] for r in after["schema_version"][1]]
        assert sorted(versions) == [1, 2, 3]
        ws = store.workspace(2565)  # the upgraded store reads as a workspace
        assert ws["objectives"]["id"].tolist() == ["OBJ-83-01", "OBJ-83-01-01", "OBJ-64-01"]
        assert ws["initiatives"]["budget_requested"].isna().all()
        # the old store was backed up first, and the backup is the version-1 store
        (copy,) = (v1.parent / "backups").glob("*schema-v1-to-v3*.sqlite")
        assert _raw(copy) == before
    finally:
        store.close()


def test_upgraded_store_takes_the_new_columns_and_their_references(v1):
    store = open_store(v1, notify=lambda _m: None)
    try:
        kr = rows_of(store.read("key_results"))[0]
        kr.update(period="quarterly", method_th="นับจากทะเบียน", baseline_indicator_id="NOPE")
        with pytest.raises(StoreError, match="refused"):  # the added column has its FK
            store.write({"key_results": [kr]})
        bl = store.read("baseline_indicators")["id"].iloc[0]
        kr["baseline_indicator_id"] = bl
        assert store.write({"key_results": [kr]}) == {"key_results": 1}
        got = store.read("key_results").set_index("id").loc[kr["id"]]
        assert (got["period"], got["baseline_indicator_id"]) == ("quarterly", bl)
    finally:
        store.close()


def test_init_upgrades_too(v1):
    store = Store(v1)
    said: list[str] = []
    store.init(notify=said.append)
    assert store.schema_version() == 3 and len(said) == 1
    store.init(notify=said.append)  # current: nothing more to do, nothing said
    assert len(said) == 1
    store.close()


def test_the_hook_runs_before_anything_changes(v1):
    seen: list[tuple[int, int, bool]] = []

    def hook(store: Store, old: int, new: int) -> None:
        seen.append((old, new, "period" in _columns(v1, "key_results")))

    mig.register_before_migrate(hook)
    mig.register_before_migrate(hook)  # registered twice, runs once
    try:
        open_store(v1, notify=lambda _m: None).close()
        open_store(v1, notify=lambda _m: None).close()  # already current: no hook
    finally:
        mig.unregister_before_migrate(hook)
    assert seen == [(1, 3, False)]


def test_a_failing_hook_stops_the_upgrade(v1):
    def refuse(store: Store, old: int, new: int) -> None:
        raise StoreError("สำรองข้อมูลไม่สำเร็จ (backup failed)")

    mig.register_before_migrate(refuse)
    try:
        with pytest.raises(StoreError, match="backup failed"):
            open_store(v1)
    finally:
        mig.unregister_before_migrate(refuse)
    assert Store(v1).schema_version() == 1
    assert "period" not in _columns(v1, "key_results")


def test_a_newer_store_is_refused(v1):
    with sqlite3.connect(v1) as conn:
        conn.execute("insert into schema_version values (99, '2030-01-01 00:00:00')")
    with pytest.raises(StoreError, match="newer"):
        open_store(v1)
    with pytest.raises(StoreError, match="update kpyj"):
        Store(v1).check()


def test_every_version_has_a_step():
    assert sorted(mig.MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))
    assert mig.pending(1) == [2, 3] and mig.pending(SCHEMA_VERSION) == []


# --------------------------------------------------------------------------- PostgreSQL
@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    from pgserver import start_pg

    server = start_pg()
    try:
        yield server.url
    finally:
        server.stop()


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_store_upgrades_and_keeps_data(pg_url):
    """A version-1 PostgreSQL store (today's schema with what version 2 added dropped)."""
    from kpyj_lib.examples import tiny_tables

    store = Store(pg_url)
    store.init()
    store.write(tiny_tables())
    before = {n: len(store.read(n)) for n in ("objectives", "key_results", "initiatives")}
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        for table in NEW_TABLES:
            conn.exec_driver_sql(f'DROP TABLE "{table}" CASCADE')
        for table, cols in NEW_COLUMNS.items():
            for c in cols:
                conn.exec_driver_sql(f'ALTER TABLE "{table}" DROP COLUMN "{c}"')
        conn.exec_driver_sql("UPDATE schema_version SET version = 1")
    engine.dispose()
    assert store.schema_version() == 1
    said: list[str] = []
    upgraded = open_store(pg_url, notify=said.append)
    try:
        assert upgraded.schema_version() == 3 and len(said) == 1
        assert {n: len(upgraded.read(n)) for n in before} == before
        cols = {c["name"] for c in sa.inspect(upgraded.engine).get_columns("key_results")}
        assert NEW_COLUMNS["key_results"] <= cols
        assert upgraded.counts()["driving_goals"] == 0
    finally:
        upgraded.close()
        store.close()
