"""Restorable backups of a store, written before every destructive operation.

``kpyj import --replace``, ``kpyj carry-over``, ``kpyj restore`` itself and every schema
upgrade (:mod:`kpyj_lib.store.migrations`) first write a backup of the store, so that
what they delete or overwrite can be given back with ``kpyj restore FILE``; ``kpyj backup``
writes one on demand.

* **SQLite** - SQLite's online backup (:meth:`sqlite3.Connection.backup`): a consistent copy
  of a store in use (WAL included) as one ordinary ``.sqlite`` file, taken page by page
  without stopping the readers and writers; restoring copies the backup back the same way.
* **PostgreSQL** - ``pg_dump --format=custom`` and ``pg_restore --clean`` in one transaction
  (the client programs of the ``postgresql-client`` package; the password, if any, is passed
  in the environment, never on the command line).

Backups go to ``KPYJ_BACKUP_DIR`` if set, else a ``backups/`` folder beside the SQLite file
(``data/backups/`` for PostgreSQL), named ``<store>-<date>-<time>-<reason>``. The 20 newest
automatic backups of a store are kept; backups made with ``kpyj backup`` are never removed.

Only the store's public attributes are used (``url``, ``engine``, ``is_sqlite``,
``schema_version()``, ``close()``).

Examples
--------
>>> import tempfile, pathlib
>>> from kpyj_lib.store import Store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> store = Store(d / "ws.sqlite"); store.init()
>>> _ = store.write({"objectives": [{"id": "O1", "fiscal_year": 2565, "title_th": "ก"}]})
>>> before = logical_dump(store)
>>> path = backup(store, reason="test")
>>> path.parent.name, path.suffix
('backups', '.sqlite')
>>> store.delete("objectives", ["O1"])
1
>>> _ = restore(store, path)
>>> logical_dump(store) == before
True
>>> store.close()
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..exceptions import StoreError
from ..paths import DATA_DIR

if TYPE_CHECKING:
    from .engine import Store

__all__ = [
    "BackupError",
    "backup",
    "backup_dir",
    "backup_path",
    "logical_dump",
    "restore",
]

#: Automatic backups kept per store (manual ones are never removed).
KEEP_AUTOMATIC = 20
_MANUAL = "manual"
_REASON = re.compile(r"[^A-Za-z0-9_-]+")


class BackupError(StoreError):
    """A backup could not be written or restored; the store is unchanged."""


# --------------------------------------------------------------------------- places
def _sqlite_file(store: Store) -> Path | None:
    db = store.url.database
    if store.url.get_backend_name() != "sqlite" or not db or db == ":memory:":
        return None
    return Path(db)


def _stem(store: Store) -> str:
    f = _sqlite_file(store)
    name = f.stem if f is not None else (store.url.database or "kpyj")
    return _REASON.sub("_", name) or "kpyj"


def backup_dir(store: Store) -> Path:
    """Where the backups of ``store`` go: ``KPYJ_BACKUP_DIR``, else ``backups/`` beside the
    SQLite file, else ``data/backups/``."""
    env = os.environ.get("KPYJ_BACKUP_DIR")
    if env:
        return Path(env)
    f = _sqlite_file(store)
    return (f.resolve().parent if f is not None else DATA_DIR) / "backups"


def backup_path(store: Store, reason: str = _MANUAL, directory: Path | None = None) -> Path:
    """A new file name for a backup of ``store`` made now for ``reason``."""
    folder = directory if directory is not None else backup_dir(store)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    tag = _REASON.sub("-", reason).strip("-") or _MANUAL
    suffix = ".sqlite" if _sqlite_file(store) is not None else ".dump"
    return folder / f"{_stem(store)}-{stamp}-{tag}{suffix}"


def _prune(store: Store, folder: Path) -> None:
    stem = _stem(store)
    pattern = re.compile(
        rf"^{re.escape(stem)}-\d{{8}}-\d{{6}}-\d{{6}}-(?P<reason>.+)\.(sqlite|dump)$"
    )
    auto = sorted(
        p
        for p in folder.glob(f"{glob.escape(stem)}-*")
        if (m := pattern.match(p.name)) and m["reason"] != _MANUAL
    )
    for old in auto[:-KEEP_AUTOMATIC]:
        with contextlib.suppress(OSError):
            old.unlink()


# --------------------------------------------------------------------------- SQLite
def _connect_existing(path: Path, *, readonly: bool) -> sqlite3.Connection:
    """Connect to an existing SQLite file (never create one)."""
    if not path.is_file():
        raise BackupError(f"ไม่พบไฟล์ (file not found): {path}")
    mode = "ro" if readonly else "rw"
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=60)


def _check_sqlite_backup(path: Path) -> None:
    """Refuse a file that is not a readable kpyj SQLite store."""
    try:
        con = _connect_existing(path, readonly=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()
            has_version = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
            ).fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError:
        ok, has_version = None, None
    if not ok or ok[0] != "ok" or not has_version:
        raise BackupError(
            f"ไฟล์นี้ไม่ใช่ข้อมูลสำรองของ kpyj หรือเสียหาย ไม่ได้กู้คืนอะไร "
            f"(not a kpyj backup, or a damaged one; nothing was restored): {path}"
        )


def _sqlite_copy(src: Path, dst: Path, *, into_existing: bool) -> None:
    source = _connect_existing(src, readonly=True)
    try:
        target = (
            _connect_existing(dst, readonly=False)
            if into_existing
            else sqlite3.connect(dst, timeout=60)
        )
        try:
            source.backup(target)
            if not into_existing:  # one self-contained file, no -wal beside it
                target.execute("PRAGMA journal_mode=DELETE")
            target.commit()
        finally:
            target.close()
    finally:
        source.close()


# --------------------------------------------------------------------------- PostgreSQL
def _pg_tool(name: str) -> str:
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: [int(x) for x in Path(p).parent.parent.name.split(".") if x.isdigit()],
    )
    tool = found[-1] if found else shutil.which(name)
    if not tool:
        raise BackupError(
            f"ไม่พบโปรแกรม {name} สำหรับสำรองข้อมูล PostgreSQL (the PostgreSQL client program "
            f"{name} is not installed: apt-get install postgresql-client)"
        )
    return tool


def _pg_target(store: Store) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment carrying it."""
    url = store.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
        url = url.set(password=None)
    return url.render_as_string(hide_password=False), env


def _run(cmd: list[str], env: dict[str, str], what: str) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())[:500]
        raise BackupError(f"{what} ไม่สำเร็จ ({what} failed): {detail}")


# --------------------------------------------------------------------------- public
def backup(
    store: Store,
    dest: str | os.PathLike[str] | None = None,
    *,
    reason: str = _MANUAL,
    current_schema: bool = True,
) -> Path:
    """Write a restorable backup of the whole store and return its path.

    Parameters
    ----------
    store : Store
        An initialised store (SQLite file or PostgreSQL).
    dest : path, optional
        The backup file; default :func:`backup_path` in :func:`backup_dir`.
    reason : str
        Why (``"replace"``, ``"carry-over"``...): part of the default file name. Backups
        made for another reason than ``"manual"`` are pruned to the newest
        :data:`KEEP_AUTOMATIC`.
    current_schema : bool
        Require the current schema version (default). ``False`` backs up an initialised
        store of an older version: the copy taken before its upgrade.

    Raises
    ------
    BackupError
        (a :class:`~kpyj_lib.exceptions.StoreError`) if the store is not initialised or the
        backup cannot be written; no partial file is left behind.
    """
    if current_schema:
        store.check()
    elif store.schema_version() is None:
        raise BackupError(f"ฐานข้อมูลยังไม่ได้สร้าง (the store is not initialised): {store}")
    target = Path(dest) if dest is not None else backup_path(store, reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.partial")
    db = _sqlite_file(store)
    try:
        if db is not None:
            _sqlite_copy(db, tmp, into_existing=False)
        elif store.url.get_backend_name() == "postgresql":
            conninfo, env = _pg_target(store)
            cmd = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={tmp}"]
            _run([*cmd, f"--dbname={conninfo}"], env, "pg_dump")
        else:
            raise BackupError(f"สำรองข้อมูลฐานข้อมูลชนิดนี้ไม่ได้ (cannot back up): {store}")
        os.replace(tmp, target)
    except sqlite3.Error as e:
        raise BackupError(f"สำรองข้อมูลไม่สำเร็จ (backup failed): {e}") from e
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    if dest is None and reason != _MANUAL:
        _prune(store, target.parent)
    return target


def restore(
    store: Store, source: str | os.PathLike[str], *, safety_backup: bool = True
) -> Path | None:
    """Replace the whole content of ``store`` with a backup written by :func:`backup`.

    The current content is first backed up itself (reason ``before-restore``), so a restore
    can be undone. The file is checked before anything is touched.

    Returns
    -------
    Path or None
        The backup of the content that was replaced (None with ``safety_backup=False``).

    Raises
    ------
    BackupError
        If ``source`` is not a kpyj backup of the store's kind, or the restore failed (for
        PostgreSQL, in one transaction: the store is then unchanged).
    """
    src = Path(source)
    if not src.is_file():
        raise BackupError(f"ไม่พบไฟล์สำรองข้อมูล (backup file not found): {src}")
    db = _sqlite_file(store)
    if db is not None:
        _check_sqlite_backup(src)
    elif store.url.get_backend_name() != "postgresql":
        raise BackupError(f"กู้คืนฐานข้อมูลชนิดนี้ไม่ได้ (cannot restore): {store}")
    elif src.read_bytes()[:5] != b"PGDMP":
        raise BackupError(
            f"ไฟล์นี้ไม่ใช่ข้อมูลสำรองแบบ pg_dump ไม่ได้กู้คืนอะไร "
            f"(not a pg_dump custom-format backup; nothing was restored): {src}"
        )
    saved = None
    if safety_backup and store.schema_version() is not None:
        saved = backup(store, reason="before-restore")
    store.close()  # no pooled connection keeps the old pages
    if db is not None:
        if not db.exists():
            db.parent.mkdir(parents=True, exist_ok=True)
            sqlite3.connect(db).close()
        try:
            _sqlite_copy(src, db, into_existing=True)
        except sqlite3.Error as e:
            raise BackupError(f"กู้คืนไม่สำเร็จ (restore failed): {e}") from e
    else:
        conninfo, env = _pg_target(store)
        cmd = [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(src),
        ]
        _run(cmd, env, "pg_restore")
    return saved


def logical_dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the store, sorted: equal dumps mean equal stores.

    Tables are read as they are in the database (reflected), so the dump does not depend on
    this version's schema.
    """
    meta = sa.MetaData()
    meta.reflect(store.engine)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for name in sorted(meta.tables):
            rows = [tuple(r) for r in conn.execute(sa.select(meta.tables[name]))]
            out[name] = sorted(rows, key=repr)
    return out


def _before_upgrade(store: Store, from_version: int, to_version: int) -> None:
    """The backup taken before a schema upgrade (a hook of the migrations)."""
    backup(store, reason=f"schema-v{from_version}-to-v{to_version}", current_schema=False)
