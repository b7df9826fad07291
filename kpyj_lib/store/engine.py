"""The store: one SQLAlchemy Core schema, a SQLite file by default, PostgreSQL by URL.

The schema is derived from :data:`kpyj_lib.model.ENTITIES` plus the reference tables, with
foreign keys (deferred, so a whole workbook can be written in one transaction in any row
order) and a ``schema_version`` table. SQLite runs in WAL mode with foreign keys on and a
busy timeout, so several Voila kernels and a batch run can share one file.

Examples
--------
>>> import tempfile, os
>>> d = tempfile.mkdtemp()
>>> store = Store(f"sqlite:///{d}/ws.sqlite")
>>> store.init()
>>> store.write({"objectives": [{"id": "O1", "fiscal_year": 2565, "title_th": "ทดลอง"}]})
{'objectives': 1}
>>> store.workspace(2565)["objectives"]["title_th"].tolist()
['ทดลอง']
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from .. import reference
from ..exceptions import StoreError
from ..model import ENTITIES, Column, Entity, Record
from ..paths import default_db_url
from ..text import is_truthy
from ..workspace import REFERENCE_TABLES, Workspace, frame_of, rows_of

try:  # POSIX: writers to one SQLite file queue on an OS lock (see Store.begin)
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "SCHEMA_VERSION",
    "Store",
    "metadata",
    "open_store",
    "refused_write",
    "row_values",
    "write_refusals",
]

#: Bumped whenever the schema changes in a way an old file cannot be read with; each bump
#: has its step in :data:`kpyj_lib.store.migrations.MIGRATIONS`. 2: the plan documents'
#: tables and columns (issue 14). 3: the measure type of key results and KPIs (issue 17).
SCHEMA_VERSION = 3

metadata = sa.MetaData()

#: :func:`kpyj_lib.store.migrations.upgrade`, registered when that module is imported (the
#: package ``__init__`` imports it), so this module does not import it back.
_UPGRADE: Any = None

_SA_TYPES: dict[type, Any] = {
    str: sa.Text,
    int: sa.Integer,
    float: sa.Float,
    bool: sa.Boolean,
    dt.date: sa.Date,
    dt.datetime: sa.DateTime,
}


def _deferred_fk(target: str) -> sa.ForeignKey:
    """Checked at commit, so rows can be replaced in any order within a transaction."""
    return sa.ForeignKey(target, deferrable=True, initially="DEFERRED")


# reference tables: their primary key is what entity columns point to
REF_KEYS = {"provinces": "code", "clusters": "id", "pmqa_categories": "id"}

sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.DateTime, nullable=False),
)
sa.Table(
    "provinces",
    metadata,
    sa.Column("code", sa.String(2), primary_key=True),
    sa.Column("iso_code", sa.Text),
    sa.Column("name_th", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text),
    sa.Column("region", sa.Text),
    sa.Column("region_th", sa.Text),
    sa.Column("region_en", sa.Text),
    sa.Column("source", sa.Text),
)
sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("name_th", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text),
    sa.Column("source", sa.Text),
    sa.Column("confirmed", sa.Boolean),
)
sa.Table(
    "cluster_members",
    metadata,
    sa.Column("cluster_id", sa.Text, _deferred_fk("clusters.id"), primary_key=True),
    sa.Column("province_code", sa.String(2), _deferred_fk("provinces.code"), primary_key=True),
    sa.Column("confirmed", sa.Boolean),
    sa.Column("source", sa.Text),
)
sa.Table(
    "pmqa_categories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name_th", sa.Text, nullable=False),
    sa.Column("name_en", sa.Text),
    sa.Column("phase", sa.Text),
    sa.Column("phase_th", sa.Text),
    sa.Column("source", sa.Text),
)


def _sa_column(ent: Entity, c: Column) -> sa.Column:
    args: list[Any] = []
    if c.ref:
        target_key = REF_KEYS.get(c.ref) or ENTITIES[c.ref].key[0]
        args.append(_deferred_fk(f"{c.ref}.{target_key}"))
    return sa.Column(
        c.name,
        _SA_TYPES[c.type],
        *args,
        primary_key=c.name in ent.key,
        nullable=not c.required and c.name not in ent.key,
    )


for _ent in ENTITIES.values():
    sa.Table(_ent.name, metadata, *(_sa_column(_ent, c) for c in _ent.columns))


def _to_db(c: Column, v: Any) -> Any:
    """A Python value as the store keeps it (timestamps as naive UTC)."""
    if v is None:
        return None
    if c.type is dt.datetime and isinstance(v, dt.datetime):
        if v.tzinfo is None:
            raise StoreError(f"timestamp without time zone in column {c.name}: {v!r}")
        return v.astimezone(dt.UTC).replace(tzinfo=None)
    return v


def row_values(name: str, record: Record | Mapping[str, Any]) -> dict[str, Any]:
    """A record of entity ``name`` as the values of its table row (timestamps naive UTC).

    >>> from kpyj_lib.model import Vote
    >>> row_values("votes", Vote(idea_id="I1", voter="ก", created_at="2022-01-10T09:00+07:00"))
    {'idea_id': 'I1', 'voter': 'ก', 'created_at': datetime.datetime(2022, 1, 10, 2, 0)}
    """
    ent = ENTITIES[name]
    rec = record if isinstance(record, Record) else ent.record(**record)
    d = rec.model_dump()
    return {c.name: _to_db(c, d[c.name]) for c in ent.columns}


def _from_db(c: Column, v: Any) -> Any:
    if v is None:
        return None
    if c.type is dt.datetime and isinstance(v, dt.datetime):
        return v.replace(tzinfo=dt.UTC) if v.tzinfo is None else v
    return v


_QUEUE_FILES: dict[tuple[int, str], int | None] = {}
_QUEUE_THREADS = threading.RLock()


def _queue_file(store: Store) -> int | None:
    """This process's handle on the write-queue file of a SQLite file store, else None.

    The file is ``kpyj-<hash of the database path>.write-lock`` in the temporary folder,
    so nothing is added next to the user's data.
    """
    if fcntl is None or not store.is_sqlite:
        return None
    db = store.url.database
    if not db or db == ":memory:":
        return None
    key = (os.getpid(), db)  # a forked child must not share its parent's lock
    if key not in _QUEUE_FILES:
        digest = hashlib.sha1(str(Path(db).resolve()).encode()).hexdigest()[:16]
        path = Path(tempfile.gettempdir()) / f"kpyj-{digest}.write-lock"
        try:  # read-only is enough for flock, so another OS user's file works too
            _QUEUE_FILES[key] = os.open(path, os.O_RDONLY | os.O_CREAT, 0o666)
        except OSError:
            _QUEUE_FILES[key] = None  # no queue: SQLite's busy handler alone
    return _QUEUE_FILES[key]


@contextmanager
def _sqlite_write_queue(store: Store | None) -> Iterator[None]:
    """Hold the machine-wide write queue of a SQLite file store (no-op otherwise).

    Correctness comes from the transaction itself; the queue only makes waiting fair: with
    it the slowest of 300 votes cast by 30 processes at once waited well under 1 s instead
    of about 2 s (``benchmarks/bench_workshop.py``).
    """
    fd = _queue_file(store) if store is not None else None
    if fd is None:
        yield
        return
    with _QUEUE_THREADS:
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)


def refused_write(exc: sa.exc.IntegrityError) -> StoreError:
    """The :class:`StoreError` for a write the database refused (a key or a constraint).

    The one wording of this message; every writer raises it through here or through
    :func:`write_refusals`.

    >>> import sqlite3
    >>> err = sa.exc.IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE failed"))
    >>> str(refused_write(err))
    'ฐานข้อมูลปฏิเสธการบันทึก (store refused the write): UNIQUE failed'
    """
    return StoreError(f"ฐานข้อมูลปฏิเสธการบันทึก (store refused the write): {exc.orig}")


@contextmanager
def write_refusals() -> Iterator[None]:
    """Raise :func:`refused_write`'s :class:`StoreError` for an ``IntegrityError`` inside.

    Wrap a whole transaction (``with write_refusals(), store.begin() as conn:``): a
    deferred foreign key is only checked at the commit.
    """
    try:
        yield
    except sa.exc.IntegrityError as e:
        raise refused_write(e) from e


def _redact(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


class Store:
    """A kpyj store at a SQLAlchemy URL.

    Parameters
    ----------
    url : str, optional
        ``sqlite:///path/to/file.sqlite`` or ``postgresql+psycopg://user@host/db``.
        Defaults to ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``. A bare file path is taken as
        a SQLite file.
    """

    def __init__(self, url: str | os.PathLike[str] | None = None):
        raw = str(url) if url is not None else default_db_url()
        if "://" not in raw:
            raw = f"sqlite:///{Path(raw).resolve()}"
        try:
            self.url = sa.make_url(raw)
        except sa.exc.ArgumentError as e:
            raise StoreError(f"ที่อยู่ฐานข้อมูลไม่ถูกต้อง (bad store URL): {raw!r}") from e
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"timeout": 60}
        else:
            kwargs["pool_pre_ping"] = True
        try:
            self.engine: Engine = sa.create_engine(self.url, **kwargs)
        except Exception as e:  # missing driver, bad dialect
            raise StoreError(f"เปิดฐานข้อมูลไม่ได้ (cannot open store) {self}: {e}") from e
        if self.is_sqlite:
            self._sqlite_setup()

    def __repr__(self) -> str:
        return f"Store({_redact(self.url)!r})"

    __str__ = __repr__

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return _redact(self.url)

    # ------------------------------------------------------------------ connection setup
    def _sqlite_setup(self) -> None:
        @sa.event.listens_for(self.engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @sa.event.listens_for(self.engine, "begin")
        def _on_begin(conn: Connection) -> None:
            mode = "IMMEDIATE" if conn.get_execution_options().get("kpyj_write") else "DEFERRED"
            conn.exec_driver_sql(f"BEGIN {mode}")

    @contextmanager
    def begin(self, *, write: bool = True) -> Iterator[Connection]:
        """A transaction; committed on success, rolled back on any error.

        With SQLite, a write transaction takes the write lock at its start
        (``BEGIN IMMEDIATE``) so that concurrent writers queue instead of failing; on a
        SQLite file, writers of every process on the machine first queue on an OS file lock
        (:func:`_sqlite_write_queue`), which is fair where SQLite's sleep-and-retry busy
        handler can starve one writer for seconds while others get in.
        """
        with _sqlite_write_queue(self if write else None), self.engine.connect() as conn:
            if write:
                conn = conn.execution_options(kpyj_write=True)
            with conn.begin():
                yield conn

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    # ------------------------------------------------------------------ schema
    def init(self, *, load_reference: bool = True, notify: Any = None) -> None:
        """Create the schema if needed, record its version and (re)load the reference data.

        Safe to run again on an existing store: nothing of the user's is touched. A store
        of an older schema version is upgraded first (:meth:`migrate`; ``notify`` receives
        the message, default standard error).
        """
        missing = self._missing_file()
        if missing is not None:  # only now: opening a store must not create files
            missing.parent.mkdir(parents=True, exist_ok=True)
        existing = self.schema_version()
        if existing is not None and existing != SCHEMA_VERSION:
            self.migrate(notify=notify)  # raises for a store newer than this kpyj
        metadata.create_all(self.engine)
        with self.begin() as conn:
            t = metadata.tables["schema_version"]
            if conn.execute(sa.select(t.c.version)).first() is None:
                conn.execute(
                    t.insert().values(
                        version=SCHEMA_VERSION,
                        applied_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
                    )
                )
            if load_reference:
                self._load_reference(conn)

    def _missing_file(self) -> Path | None:
        """The SQLite file of this store if it does not exist yet, else None."""
        db = self.url.database if self.is_sqlite else None
        if not db or db == ":memory:" or db.startswith("file:") or Path(db).exists():
            return None
        return Path(db)

    def schema_version(self) -> int | None:
        """The schema version recorded in the store, or None for an empty database.

        A SQLite file that does not exist is not created (nor its folder): None.
        """
        if self._missing_file() is not None:
            return None
        if not sa.inspect(self.engine).has_table("schema_version"):
            return None
        with self.engine.connect() as conn:
            return conn.execute(
                sa.select(sa.func.max(metadata.tables["schema_version"].c.version))
            ).scalar()

    def check(self) -> None:
        """Raise :class:`StoreError` unless the store was initialised with this version."""
        v = self.schema_version()
        if v is None:
            raise StoreError(
                f"ยังไม่ได้สร้างฐานข้อมูล โปรดใช้คำสั่ง 'kpyj init' ก่อน "
                f"(store not initialised; run 'kpyj init'): {self}"
            )
        if v < SCHEMA_VERSION:
            raise StoreError(
                f"ฐานข้อมูลเป็นรุ่น {v} เก่ากว่าที่โปรแกรมต้องการ (รุ่น {SCHEMA_VERSION}) โปรดใช้คำสั่ง "
                f"'kpyj init' เพื่อปรับรุ่น ข้อมูลเดิมจะอยู่ครบ (store schema version {v} is older "
                f"than {SCHEMA_VERSION}: run 'kpyj init' to upgrade it; your data is kept): {self}"
            )
        if v != SCHEMA_VERSION:
            raise StoreError(
                f"ฐานข้อมูลเป็นรุ่น {v} ใหม่กว่าที่โปรแกรมนี้รู้จัก (รุ่น {SCHEMA_VERSION}) โปรดปรับรุ่น kpyj "
                f"(store schema version {v}, expected {SCHEMA_VERSION}: update kpyj): {self}"
            )

    def migrate(self, *, notify: Any = None) -> list[int]:
        """Upgrade an older store to :data:`SCHEMA_VERSION`, keeping every row.

        See :func:`kpyj_lib.store.migrations.upgrade` (the backup hook
        :func:`~kpyj_lib.store.migrations.before_migrate` runs first). Returns the versions
        applied (empty when the store was current or empty).
        """
        if _UPGRADE is None:  # pragma: no cover - the package __init__ registers it
            raise StoreError("kpyj_lib.store.migrations is not loaded")
        return _UPGRADE(self, notify=notify)

    def _load_reference(self, conn: Connection) -> None:
        for name in ("provinces", "clusters", "pmqa_categories", "cluster_members"):
            table = metadata.tables[name]
            df = reference.load(name)
            cols = [c.name for c in table.columns if c.name in df.columns]
            rows = [
                {k: (None if pd.isna(v) else v) for k, v in r.items()}
                for r in df[cols].to_dict("records")
            ]
            for r in rows:
                if "confirmed" in r and r["confirmed"] is not None:
                    r["confirmed"] = is_truthy(r["confirmed"])
                if "id" in r and name == "pmqa_categories":
                    r["id"] = int(r["id"])
            self._replace_rows(conn, table, list(table.primary_key.columns), rows)
        # reference plans are ordinary plans / plan items / alignments the user can point to
        refs = {n: rows_of(reference.load(n)) for n in ("plans", "plan_items", "alignments")}
        self._write(conn, refs, replace=False)

    @staticmethod
    def _replace_rows(
        conn: Connection, table: sa.Table, key: list[sa.Column], rows: list[dict]
    ) -> None:
        if not rows:
            return
        if len(key) == 1:
            ids = [r[key[0].name] for r in rows]
            for i in range(0, len(ids), 500):
                conn.execute(table.delete().where(key[0].in_(ids[i : i + 500])))
        else:
            for r in rows:
                conn.execute(table.delete().where(sa.and_(*(k == r[k.name] for k in key))))
        conn.execute(table.insert(), rows)

    # ------------------------------------------------------------------ writing
    def write(
        self,
        tables: Mapping[str, Any],
        *,
        replace: bool = False,
        conn: Connection | None = None,
    ) -> dict[str, int]:
        """Write rows of several entities in one transaction (all or nothing).

        Parameters
        ----------
        tables : mapping of entity name to rows
            Rows are records, dicts or a DataFrame; rows with the key of an existing row
            replace it.
        replace : bool
            Delete every user row (reference data stays) before writing: the tables given
            become the whole workspace.
        conn : Connection, optional
            Write inside this open transaction instead of a new one.

        Returns
        -------
        dict
            Rows written per entity (only entities that had rows).
        """
        self.check()
        if conn is not None:
            return self._write(conn, tables, replace=replace)
        with write_refusals(), self.begin() as c:
            return self._write(c, tables, replace=replace)

    def _write(
        self, conn: Connection, tables: Mapping[str, Any], *, replace: bool
    ) -> dict[str, int]:
        unknown = set(tables) - set(ENTITIES)
        if unknown:
            raise StoreError(f"unknown tables: {sorted(unknown)}")
        if replace:
            protected = reference.REFERENCE_PLAN_IDS
            for name in reversed(list(ENTITIES)):
                t = metadata.tables[name]
                if name == "plans":
                    conn.execute(t.delete().where(t.c.id.not_in(protected)))
                elif name == "plan_items":
                    conn.execute(t.delete().where(t.c.plan_id.not_in(protected)))
                elif name == "alignments":
                    ref_items = sa.select(metadata.tables["plan_items"].c.id).where(
                        metadata.tables["plan_items"].c.plan_id.in_(protected)
                    )
                    conn.execute(
                        t.delete().where(
                            ~((t.c.source_type == "plan_item") & t.c.source_id.in_(ref_items))
                        )
                    )
                else:
                    conn.execute(t.delete())
        written: dict[str, int] = {}
        for name, ent in ENTITIES.items():  # dependency order
            if name not in tables:
                continue
            data = tables[name]
            if isinstance(data, pd.DataFrame):
                data = rows_of(data)
            rows = [row_values(name, r) for r in data]
            if not rows:
                continue
            table = metadata.tables[name]
            self._replace_rows(conn, table, [table.c[k] for k in ent.key], rows)
            written[name] = len(rows)
        return written

    def delete(self, name: str, keys: list[Any], *, conn: Connection | None = None) -> int:
        """Delete rows of entity ``name`` by key (a value, or a tuple for composite keys)."""
        ent = ENTITIES[name]
        table = metadata.tables[name]
        n = 0

        def _run(c: Connection) -> int:
            count = 0
            for k in keys:
                kt = k if isinstance(k, tuple) else (k,)
                cond = sa.and_(*(table.c[col] == v for col, v in zip(ent.key, kt, strict=True)))
                count += c.execute(table.delete().where(cond)).rowcount or 0
            return count

        if conn is not None:
            return _run(conn)
        with self.begin() as c:
            n = _run(c)
        return n

    # ------------------------------------------------------------------ reading
    def read(self, name: str, *, conn: Connection | None = None) -> pd.DataFrame:
        """Every row of a table: an entity (typed frame) or a reference table."""
        if name not in metadata.tables:
            raise StoreError(f"no table {name!r} in the store")
        table = metadata.tables[name]

        def _run(c: Connection) -> pd.DataFrame:
            rows = [dict(r._mapping) for r in c.execute(sa.select(table))]
            if name in ENTITIES:
                ent = ENTITIES[name]
                rows = [{c.name: _from_db(c, r[c.name]) for c in ent.columns} for r in rows]
                return frame_of(ent, rows)
            return pd.DataFrame(rows, columns=[c.name for c in table.columns])

        if conn is not None:
            return _run(conn)
        with self.engine.connect() as c:
            return _run(c)

    def read_all(self) -> dict[str, pd.DataFrame]:
        """Every entity table, read in one snapshot."""
        self.check()
        with self.begin(write=False) as conn:
            return {name: self.read(name, conn=conn) for name in ENTITIES}

    def known_ids(self) -> dict[str, set[str]]:
        """The key values present per entity and reference table (for reference checks)."""
        out: dict[str, set[str]] = {}
        with self.engine.connect() as conn:
            for name, ent in ENTITIES.items():
                if len(ent.key) == 1:
                    col = metadata.tables[name].c[ent.key[0]]
                    out[name] = {str(v) for (v,) in conn.execute(sa.select(col))}
            for name, key in REF_KEYS.items():
                col = metadata.tables[name].c[key]
                out[name] = {str(v) for (v,) in conn.execute(sa.select(col))}
            # issue 14: which (fiscal year, group) pairs have provinces, for driving targets
            pg = metadata.tables["province_groups"]
            pairs = conn.execute(sa.select(pg.c.fiscal_year, pg.c.group).distinct())
            out["province_groups.fiscal_year_group"] = {f"{fy}:{g}" for fy, g in pairs}
        return out

    def fiscal_years(self) -> list[int]:
        """Fiscal years that have any year-bound rows, newest first."""
        self.check()
        years: set[int] = set()
        with self.engine.connect() as conn:
            for name, ent in ENTITIES.items():
                if ent.scope == "fy":
                    col = metadata.tables[name].c.fiscal_year
                    years |= {int(v) for (v,) in conn.execute(sa.select(col).distinct()) if v}
        return sorted(years, reverse=True)

    def counts(self) -> dict[str, int]:
        """Rows per entity table."""
        self.check()
        with self.engine.connect() as conn:
            return {
                name: conn.execute(
                    sa.select(sa.func.count()).select_from(metadata.tables[name])
                ).scalar_one()
                for name in ENTITIES
            }

    def workspace(self, fiscal_year: int | None = None) -> Workspace:
        """Load the workspace of one fiscal year (default: the newest in the store)."""
        tables = self.read_all()
        if fiscal_year is None:
            years = self.fiscal_years()
            if not years:
                raise StoreError(f"ฐานข้อมูลยังไม่มีข้อมูล (the store holds no data yet): {self}")
            fiscal_year = years[0]
        ref = {name: reference.load(name) for name in REFERENCE_TABLES}
        return Workspace.from_tables(
            tables, fiscal_year, source=self.display_url, reference_tables=ref
        )

    # ------------------------------------------------------------------ one province
    def _read_where(self, conn: Connection, name: str, *conds: Any) -> pd.DataFrame:
        """The rows of entity ``name`` that meet every condition, as a typed frame."""
        table = metadata.tables[name]
        ent = ENTITIES[name]
        query = sa.select(table)
        for cond in conds:
            query = query.where(cond)
        # the order of a whole-table read (storage order), whatever index the filter uses
        order = "rowid" if self.is_sqlite else "ctid"
        query = query.order_by(sa.literal_column(order))
        rows = [dict(r._mapping) for r in conn.execute(query)]
        rows = [{c.name: _from_db(c, r[c.name]) for c in ent.columns} for r in rows]
        return frame_of(ent, rows)

    def province_workspace(
        self,
        fiscal_year: int | None,
        codes: str | list[str] | tuple[str, ...],
        *,
        source: str | None = None,
        linked_units: bool = False,
    ) -> Workspace:
        """The part of one fiscal year that the reports of ``codes`` read, read alone.

        Reads only the rows of these provinces (units, objectives and their KRs, KPIs,
        projects, flows, lessons, workshops, directives of their units ...) plus the plans
        they can align to (every national plan, their own provincial plans and their
        clusters' plans) and ``meta``, in one snapshot, instead of the whole year: a
        province's report then costs the same whatever the number of provinces in the
        store. The result is exactly :meth:`Workspace.for_provinces` of the whole year's
        workspace (tested).

        Parameters
        ----------
        fiscal_year : int, optional
            The fiscal year (BE); ``None``: the newest in the store.
        codes : str or sequence of str
            Province codes (checked before anything is read).
        source : str, optional
            The workspace's :attr:`~kpyj_lib.workspace.Workspace.source`; default the
            store's URL (password hidden) followed by ``" (province <code>)"`` for one
            province, as :meth:`Workspace.for_province` names it.
        linked_units : bool
            Also the units the provinces' lessons link to
            (:meth:`Workspace.for_provinces`).

        Examples
        --------
        >>> import tempfile
        >>> d = tempfile.mkdtemp()
        >>> store = Store(f"sqlite:///{d}/ws.sqlite")
        >>> store.init()
        >>> _ = store.write({"objectives": [
        ...     {"id": "O83", "fiscal_year": 2565, "province_code": "83", "title_th": "ก"},
        ...     {"id": "O64", "fiscal_year": 2565, "province_code": "64", "title_th": "ข"}]})
        >>> store.province_workspace(2565, "83")["objectives"]["id"].tolist()
        ['O83']
        >>> store.close()
        """
        from ..reference import check_province, cluster_of

        wanted = sorted({check_province(c) for c in ([codes] if isinstance(codes, str) else codes)})
        self.check()
        if fiscal_year is None:
            years = self.fiscal_years()
            if not years:
                raise StoreError(f"ฐานข้อมูลยังไม่มีข้อมูล (the store holds no data yet): {self}")
            fiscal_year = years[0]
        fy = int(fiscal_year)
        clusters = sorted({cluster_of(c) for c in wanted} - {None})
        t = metadata.tables

        def ids(df: pd.DataFrame, column: str = "id") -> list[str]:
            return sorted({str(v) for v in df[column].tolist() if v is not None and v == v})

        def mine(name: str, *, null_too: bool = False) -> Any:
            col = t[name].c.province_code
            return sa.or_(col.in_(wanted), col.is_(None)) if null_too else col.in_(wanted)

        out: dict[str, pd.DataFrame] = {}
        with self.begin(write=False) as conn:
            read = functools.partial(self._read_where, conn)
            out["meta"] = read("meta")
            out["province_groups"] = read(
                "province_groups", t["province_groups"].c.fiscal_year == fy, mine("province_groups")
            )
            out["units"] = read("units", mine("units"))
            u = ids(out["units"])
            if linked_units:  # every unit: the lessons' links are read below
                out["units"] = read("units")
            for name in ("objectives", "kpis", "initiatives", "workshops"):
                out[name] = read(name, t[name].c.fiscal_year == fy, mine(name, null_too=True))
            kr = t["key_results"]
            out["key_results"] = read(
                "key_results",
                sa.or_(kr.c.objective_id.in_(ids(out["objectives"])), kr.c.objective_id.is_(None)),
            )
            krs = ids(out["key_results"])
            for name in ("kr_units", "checkins"):
                out[name] = read(name, t[name].c.key_result_id.in_(krs))
            out["initiative_krs"] = read(
                "initiative_krs", t["initiative_krs"].c.initiative_id.in_(ids(out["initiatives"]))
            )
            pl = t["plans"]
            out["plans"] = read(
                "plans",
                sa.or_(
                    pl.c.kind.is_(None),
                    pl.c.kind.not_in(["provincial_plan", "cluster_plan"]),
                    sa.and_(pl.c.kind == "provincial_plan", pl.c.province_code.in_(wanted)),
                    sa.and_(pl.c.kind == "cluster_plan", pl.c.cluster_id.in_(clusters)),
                ),
            )
            out["plan_items"] = read("plan_items", t["plan_items"].c.plan_id.in_(ids(out["plans"])))
            items = ids(out["plan_items"])
            out["stakeholders"] = read("stakeholders", mine("stakeholders", null_too=True))
            sources = sorted(
                {*ids(out["objectives"]), *krs, *ids(out["initiatives"]), *items,
                 *ids(out["stakeholders"])}
            )  # fmt: skip
            al = t["alignments"]
            out["alignments"] = read("alignments", al.c.plan_item_id.in_(items))
            out["pmqa_mappings"] = read(
                "pmqa_mappings", t["pmqa_mappings"].c.source_id.in_(sources)
            )
            out["service_links"] = read(
                "service_links",
                t["service_links"].c.stakeholder_id.in_(ids(out["stakeholders"])),
            )
            fl = t["flows"]
            out["flows"] = read(
                "flows",
                fl.c.fiscal_year == fy,
                sa.or_(fl.c.from_unit_id.in_(u), fl.c.to_unit_id.in_(u)),
            )
            out["baseline_indicators"] = read("baseline_indicators", mine("baseline_indicators"))
            out["directive_units"] = read("directive_units", t["directive_units"].c.unit_id.in_(u))
            dirs = ids(out["directive_units"], "directive_id")
            d = t["directives"]
            out["directives"] = read("directives", d.c.fiscal_year == fy, d.c.id.in_(dirs))
            wr = t["weekly_reports"]
            out["weekly_reports"] = read(
                "weekly_reports", wr.c.directive_id.in_(dirs), wr.c.unit_id.in_(u)
            )
            out["lessons"] = read("lessons", t["lessons"].c.fiscal_year == fy, mine("lessons"))
            out["lesson_links"] = read(
                "lesson_links", t["lesson_links"].c.lesson_id.in_(ids(out["lessons"]))
            )
            out["ideas"] = read("ideas", t["ideas"].c.workshop_id.in_(ids(out["workshops"])))
            out["votes"] = read("votes", t["votes"].c.idea_id.in_(ids(out["ideas"])))
            for name in ENTITIES:  # tables of no province (the driving plan...) are read whole
                if name not in out:
                    out[name] = read(name)
        ref = {name: reference.load(name) for name in REFERENCE_TABLES}
        part = Workspace.from_tables(out, fy, source=self.display_url, reference_tables=ref)
        if source is None:
            source = self.display_url + (f" (province {wanted[0]})" if len(wanted) == 1 else "")
        return part.for_provinces(wanted, source=source, linked_units=linked_units)


def open_store(
    url: str | os.PathLike[str] | None = None, *, init: bool = False, notify: Any = None
) -> Store:
    """Open the store at ``url`` (default ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``).

    With ``init=True`` the schema and reference data are created when missing. A store of
    an older schema version is upgraded on opening (:meth:`Store.migrate`, with a message
    to ``notify``, default standard error).
    """
    store = Store(url)
    if init:
        store.init(notify=notify)
    else:
        version = store.schema_version()
        if version is not None and version < SCHEMA_VERSION:
            store.migrate(notify=notify)
        store.check()
    return store
