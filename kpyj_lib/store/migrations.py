"""Schema migrations: bring a store written by an older kpyj up to :data:`SCHEMA_VERSION`.

A store records the version of its schema in the table ``schema_version`` (one row per
version applied). :func:`upgrade` runs the steps of :data:`MIGRATIONS` that a store lacks,
in order, in **one** transaction under the store's write lock (all steps or none; the
version is read again inside the transaction, so two processes opening an old store at the
same time upgrade it once), then says what it did through ``notify`` (standard error by
default). :meth:`kpyj_lib.store.Store.init` and :func:`kpyj_lib.store.open_store` call it, so
``kpyj init`` or simply opening an old store upgrades it; :meth:`~kpyj_lib.store.Store.check`
refuses an old store with a message saying so.

Before the first step, :func:`before_migrate` runs every hook registered with
:func:`register_before_migrate` (``hook(store, from_version, to_version)``): the place for a
backup of the store before its schema changes. A hook that raises stops the upgrade before
anything is changed.

Steps
-----
== =====================================================================================
2  the tables and columns of the plan documents (issue 14): the driving plan's five tables;
   measurement period, method, data source and baseline row of key results; direction,
   period, method and data source of KPIs; budget requested and next year's request of
   projects; a directive's reporting start; the unit a lesson belongs to. The step is
   generic — every table of the model a store lacks is created and every *optional* column
   it lacks is added (empty in existing rows) — so later steps that only add tables or
   optional columns can reuse :func:`add_missing`.
3  the measure type (ลักษณะการวัด: level / cumulative / periodic) of key results and KPIs
   (issue 17), with :func:`add_missing`: existing rows stay empty (inferred from the unit).
== =====================================================================================

Examples
--------
>>> [n for n, _ in sorted(MIGRATIONS.items())] == list(range(2, SCHEMA_VERSION + 1))
True
>>> pending(1), pending(SCHEMA_VERSION)
([2, 3], [])
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..exceptions import StoreError
from . import engine
from .engine import SCHEMA_VERSION, metadata, write_refusals

if TYPE_CHECKING:
    from .engine import Store

__all__ = [
    "MIGRATIONS",
    "BeforeMigrate",
    "add_missing",
    "before_migrate",
    "pending",
    "register_before_migrate",
    "unregister_before_migrate",
    "upgrade",
]

#: ``hook(store, from_version, to_version)``, run before a store is upgraded.
BeforeMigrate = Callable[["Store", int, int], None]
_BEFORE: list[BeforeMigrate] = []


def register_before_migrate(hook: BeforeMigrate) -> BeforeMigrate:
    """Run ``hook(store, from_version, to_version)`` before every upgrade (e.g. a backup).

    Returns the hook, so it can be used as a decorator; registering it twice runs it once.
    """
    if hook not in _BEFORE:
        _BEFORE.append(hook)
    return hook


def unregister_before_migrate(hook: BeforeMigrate) -> None:
    """Stop running ``hook`` before upgrades (nothing happens if it was not registered)."""
    if hook in _BEFORE:
        _BEFORE.remove(hook)


def before_migrate(store: Store, from_version: int, to_version: int) -> None:
    """Called once before a store's schema is upgraded, before anything is changed.

    Runs the hooks of :func:`register_before_migrate` in the order they were registered.
    This is the hook point for a backup (``kpyj backup``, issue 16): register a function
    that writes one and raises if it cannot.
    """
    for hook in list(_BEFORE):
        hook(store, from_version, to_version)


def _column_ddl(conn: Connection, table: sa.Table, column: sa.Column) -> str:
    prep = conn.dialect.identifier_preparer
    ddl = (
        f"ALTER TABLE {prep.format_table(table)} ADD COLUMN {prep.format_column(column)} "
        f"{column.type.compile(dialect=conn.dialect)}"
    )
    for fk in column.foreign_keys:
        target = fk.column
        ddl += (
            f" REFERENCES {prep.format_table(target.table)} ({prep.format_column(target)})"
            " DEFERRABLE INITIALLY DEFERRED"
        )
    return ddl


def add_missing(conn: Connection) -> list[str]:
    """Create the model's tables a store lacks and add the optional columns it lacks.

    Returns
    -------
    list of str
        What was added: ``"table driving_goals"``, ``"key_results.period"``...

    Raises
    ------
    StoreError
        A missing column that is required (it cannot be added to existing rows).
    """
    inspector = sa.inspect(conn)
    existing = set(inspector.get_table_names())
    added: list[str] = []
    for table in metadata.sorted_tables:
        if table.name not in existing:
            table.create(conn)
            added.append(f"table {table.name}")
            continue
        have = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            if not column.nullable or column.primary_key:
                raise StoreError(
                    f"เพิ่มคอลัมน์ที่ต้องกรอก {table.name}.{column.name} ให้ฐานข้อมูลเดิมไม่ได้ "
                    f"(cannot add the required column {table.name}.{column.name} to existing rows)"
                )
            conn.exec_driver_sql(_column_ddl(conn, table, column))
            added.append(f"{table.name}.{column.name}")
    return added


#: version -> (what it brings, in Thai; the step). Step ``n`` turns version ``n - 1`` into ``n``.
MIGRATIONS: dict[int, tuple[str, Callable[[Connection], list[str]]]] = {
    2: ("ตารางและคอลัมน์ของแผนขับเคลื่อนและแผนยุทธศาสตร์จังหวัด", add_missing),
    3: ("ลักษณะการวัดของผลลัพธ์หลักและตัวชี้วัด", add_missing),  # issue 17
}


def pending(version: int) -> list[int]:
    """The steps a store at ``version`` still needs, in order."""
    return [n for n in sorted(MIGRATIONS) if version < n <= SCHEMA_VERSION]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def upgrade(store: Store, *, notify: Callable[[str], None] | None = None) -> list[int]:
    """Upgrade ``store`` to :data:`SCHEMA_VERSION`; returns the versions applied.

    Nothing happens to an empty database (``init`` creates it) or a current one. Every
    user row is kept; the new columns are empty in existing rows.

    Parameters
    ----------
    store : Store
    notify : callable, optional
        Receives the message saying what was upgraded (default: print it on standard
        error).

    Raises
    ------
    StoreError
        The store is newer than this kpyj, a step cannot be applied (nothing is changed
        then), or a :func:`before_migrate` hook failed.
    """
    version = store.schema_version()
    if version is None:
        return []
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"ฐานข้อมูลเป็นรุ่น {version} ใหม่กว่าที่โปรแกรมนี้รู้จัก ({SCHEMA_VERSION}) โปรดปรับรุ่น kpyj "
            f"(store schema version {version} is newer than this kpyj knows, "
            f"{SCHEMA_VERSION}: update kpyj): {store}"
        )
    steps = pending(version)
    if not steps:
        return []
    before_migrate(store, version, SCHEMA_VERSION)
    done: list[int] = []
    added: list[str] = []
    versions = metadata.tables["schema_version"]
    try:
        with write_refusals(), store.begin() as conn:
            current = conn.execute(sa.select(sa.func.max(versions.c.version))).scalar() or 0
            for n in steps:
                if current >= n:  # another process upgraded it meanwhile
                    continue
                added += MIGRATIONS[n][1](conn)
                conn.execute(
                    versions.insert().values(
                        version=n, applied_at=dt.datetime.now(dt.UTC).replace(tzinfo=None)
                    )
                )
                done.append(n)
    except sa.exc.SQLAlchemyError as e:
        raise StoreError(
            f"ปรับรุ่นฐานข้อมูลจากรุ่น {version} ไม่สำเร็จ ข้อมูลไม่ถูกเปลี่ยน "
            f"(upgrading the store from version {version} failed; nothing was changed): "
            f"{store}: {e}"
        ) from e
    if done:
        what = "; ".join(MIGRATIONS[n][0] for n in done)
        (notify or _stderr)(
            f"ปรับรุ่นโครงสร้างฐานข้อมูลจากรุ่น {version} เป็นรุ่น {done[-1]} แล้ว ข้อมูลเดิมอยู่ครบ "
            f"({what}; เพิ่ม {len(added)} รายการ) "
            f"(store schema upgraded from version {version} to {done[-1]}, data kept): "
            f"{store.display_url}"
        )
    return done


engine._UPGRADE = upgrade  # Store.migrate / init / open_store call it
