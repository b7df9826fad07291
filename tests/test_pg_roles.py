"""The PostgreSQL accounts of the hub (kpyj_lib.store.pgroles) on a real server: strategy
staff's read-only account can read every table and write none (the database refuses); the
apps' account writes rows through the services but cannot change the schema."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from hub_people import tables
from pgserver import PgServer, start_pg

from kpyj_lib.hub.plan import server_plan
from kpyj_lib.hub.settings import HubSettings
from kpyj_lib.services import access
from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store
from kpyj_lib.store.pgroles import create_roles, role_url

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    server = start_pg()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def owner(pg: PgServer) -> Iterator[Store]:
    store = Store(pg.url)
    store.init()
    store.write(tables())
    create_roles(store)
    yield store
    store.close()


def test_reader_reads_everything_and_writes_nothing(owner, monkeypatch):
    monkeypatch.delenv(access.HUB_USER_ENV, raising=False)
    reader = Store(role_url(owner, "kpyj_reader"))
    try:
        frames = reader.read_all()
        assert len(frames["people"]) == len(tables()["people"]) and len(frames["units"]) == 4
        with pytest.raises(Exception, match="permission denied"):
            reader.write({"units": [{"id": "X", "name_th": "เขียนไม่ได้"}]})
        with pytest.raises(Exception, match="permission denied"), reader.engine.begin() as c:
            c.execute(sa.text("DELETE FROM people"))
        with pytest.raises(Exception, match="permission denied"):
            wsl.new_workshop(reader, title_th="x", fiscal_year=2565, unit_id="OJA", facilitator="ก")
    finally:
        reader.close()
    assert len(owner.read("people")) == len(tables()["people"])


def test_app_account_writes_rows_but_not_the_schema(owner, monkeypatch):
    monkeypatch.delenv(access.HUB_USER_ENV, raising=False)
    app = Store(role_url(owner, "kpyj_app"))
    try:
        ws = wsl.new_workshop(
            app, title_th="ประชุม", fiscal_year=2565, unit_id="OJA", facilitator="x", person="fac"
        )
        idea = wsl.add_idea(app, ws.id, idea_type="do", text_th="ก", person="p1")
        wsl.set_stage(app, ws.id, "vote", person="fac")
        assert wsl.cast_vote(app, ws.id, idea.id, person="p1").voter == "p1"  # FOR UPDATE ok
        with pytest.raises(Exception, match="permission denied"), app.engine.begin() as c:
            c.execute(sa.text("CREATE TABLE sneaky (x int)"))
        denied = r"must be owner|permission denied"
        with pytest.raises(Exception, match=denied), app.engine.begin() as c:
            c.execute(sa.text("DROP TABLE votes"))
    finally:
        app.close()


def test_create_roles_again_after_the_schema_grows(owner):
    with owner.engine.begin() as c:
        c.execute(sa.text("CREATE TABLE later_table (x int)"))
        c.execute(sa.text("INSERT INTO later_table VALUES (1)"))
    reader = Store(role_url(owner, "kpyj_reader"))
    try:
        with reader.engine.connect() as c:  # default privileges cover the new table
            assert c.execute(sa.text("SELECT x FROM later_table")).scalar() == 1
    finally:
        reader.close()
    assert create_roles(owner).reader == "kpyj_reader"  # idempotent


def test_strategy_staff_get_the_read_only_account(owner):
    settings = HubSettings.from_env(
        {
            "KPYJ_DB_URL": owner.url.render_as_string(hide_password=False),
            "KPYJ_READ_DB_URL": role_url(owner, "kpyj_reader"),
            "KPYJ_APP_DB_URL": role_url(owner, "kpyj_app"),
            "KPYJ_HUB_HOME": "/tmp/kpyj-hub-test",
        }
    )
    strategy = access.Person("s", "ก", frozenset({"strategy"}), frozenset())
    admin = access.Person("a", "ก", frozenset({"administrator"}), frozenset())
    rep = access.Person("r", "ก", frozenset({"reporter"}), frozenset({"DOP"}))
    assert "kpyj_reader@" in server_plan(strategy, settings).environment["KPYJ_DB_URL"]
    assert "kpyj_app@" in server_plan(rep, settings).environment["KPYJ_DB_URL"]
    assert "postgres@" in server_plan(admin, settings).environment["KPYJ_DB_URL"]
