"""The SQL of workshop sessions: sessions, ideas, votes, the tally, the draft, lessons.

Statements only: each function runs inside the caller's transaction (a ``Connection`` from
:meth:`Store.begin`) and returns records or plain values; the rules (stages, vote limits,
who may do what, generated ids) are in :mod:`kpyj_lib.services.workshop`. Timestamps are
kept as naive UTC and come back time-zone aware (UTC).

Examples
--------
>>> import tempfile
>>> from kpyj_lib.model import Workshop
>>> from kpyj_lib.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/ws.sqlite"); store.init()
>>> ws = Workshop(id="WS-1", fiscal_year=2565, province_code="83", date="2022-01-10",
...               title_th="ทดลอง", facilitator="ก", votes_per_participant=2, status="vote")
>>> with store.begin() as conn:
...     insert_workshop(conn, ws)
...     ids_starting(conn, "workshops", "WS-"), workshop(conn, "WS-1", lock=True).status
(['WS-1'], 'vote')
>>> with store.begin(write=False) as conn:
...     workshop(conn, "WS-2") is None
True
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import Idea, Lesson, Unit, Vote, Workshop
from .engine import Store, metadata, row_values

__all__ = [
    "DraftRows",
    "TallyCount",
    "clear_draft",
    "count_ideas",
    "delete_idea",
    "delete_vote",
    "draft_rows",
    "idea_author",
    "idea_texts",
    "ideas",
    "ids_starting",
    "insert_idea",
    "insert_lesson",
    "insert_vote",
    "insert_workshop",
    "lesson_ids",
    "lesson_links",
    "lessons",
    "link_lessons",
    "meta_value",
    "tally_counts",
    "unit_exists",
    "unit_rows",
    "units_with_parents",
    "update_workshop",
    "vote_checks",
    "voted_ideas",
    "voters",
    "votes",
    "votes_used",
    "workshop",
    "workshops",
]


def _t(name: str) -> sa.Table:
    return metadata.tables[name]


def _aware(v: dt.datetime | None) -> dt.datetime | None:
    """A stored timestamp (naive UTC) as an aware one."""
    if v is None or v.tzinfo is not None:
        return v
    return v.replace(tzinfo=dt.UTC)


def _in_session(ws_id: str) -> sa.Select:
    """The ids of a session's ideas (a subquery)."""
    t = _t("ideas")
    return sa.select(t.c.id).where(t.c.workshop_id == ws_id)


def ids_starting(conn: Connection, table: str, prefix: str) -> list[str]:
    """The ids of ``table`` that start with ``prefix`` (taken literally: no wildcards)."""
    t = _t(table)
    return [
        i
        for (i,) in conn.execute(
            sa.select(t.c.id).where(t.c.id.startswith(prefix, autoescape=True))
        )
    ]


# --------------------------------------------------------------------------- sessions
def _workshop(row: Mapping[str, Any]) -> Workshop:
    return Workshop(**{k: row[k] for k in Workshop.model_fields})


def workshop(conn: Connection, ws_id: str, *, lock: bool = False) -> Workshop | None:
    """One session, or None.

    With ``lock`` the row stays locked until the transaction ends (``SELECT ... FOR
    UPDATE`` on PostgreSQL; SQLite ignores it, its write transaction already holds the
    database's write lock from ``BEGIN IMMEDIATE``).
    """
    t = _t("workshops")
    q = sa.select(t).where(t.c.id == ws_id)
    if lock:
        q = q.with_for_update()
    row = conn.execute(q).mappings().first()
    return None if row is None else _workshop(row)


def workshops(conn: Connection, *, include_closed: bool = False) -> list[Workshop]:
    """Every session (the closed ones only with ``include_closed``), in no order."""
    t = _t("workshops")
    q = sa.select(t)
    if not include_closed:
        q = q.where(t.c.status != "closed")
    return [_workshop(r) for r in conn.execute(q).mappings().all()]


def insert_workshop(conn: Connection, ws: Workshop) -> None:
    """Add a session (an ``IntegrityError`` when its id is taken)."""
    conn.execute(_t("workshops").insert().values(**row_values("workshops", ws)))


def update_workshop(conn: Connection, ws_id: str, **values: Any) -> None:
    """Set columns of a session."""
    t = _t("workshops")
    conn.execute(t.update().where(t.c.id == ws_id).values(**values))


def unit_exists(conn: Connection, unit_id: str) -> bool:
    """Whether the unit is in the store."""
    t = _t("units")
    return conn.execute(sa.select(t.c.id).where(t.c.id == unit_id)).first() is not None


def unit_rows(store: Store) -> list[tuple[str, str, str | None]]:
    """``(id, name_th, province_code)`` of every unit (one read transaction)."""
    t = _t("units")
    with store.begin(write=False) as conn:
        rows = conn.execute(sa.select(t.c.id, t.c.name_th, t.c.province_code)).all()
    return [(r[0], r[1], r[2]) for r in rows]


def meta_value(store: Store, key: str) -> str | None:
    """The value of a ``meta`` key (None when it is not set)."""
    t = _t("meta")
    with store.begin(write=False) as conn:
        return conn.execute(sa.select(t.c.value).where(t.c.key == key)).scalar()


# --------------------------------------------------------------------------- ideas
def count_ideas(conn: Connection, ws_id: str) -> int:
    """How many ideas a session has."""
    t = _t("ideas")
    return conn.execute(
        sa.select(sa.func.count()).select_from(t).where(t.c.workshop_id == ws_id)
    ).scalar_one()


def idea_texts(conn: Connection, ws_id: str) -> list[tuple[str, str]]:
    """``(id, text_th)`` of a session's ideas."""
    t = _t("ideas")
    rows = conn.execute(sa.select(t.c.id, t.c.text_th).where(t.c.workshop_id == ws_id)).all()
    return [(r[0], r[1]) for r in rows]


def insert_idea(conn: Connection, idea: Idea) -> None:
    """Add an idea."""
    conn.execute(_t("ideas").insert().values(**row_values("ideas", idea)))


def idea_author(conn: Connection, ws_id: str, idea_id: str) -> str | None:
    """The author of an idea of this session (None: no such idea in the session)."""
    t = _t("ideas")
    row = conn.execute(
        sa.select(t.c.author).where(t.c.id == idea_id, t.c.workshop_id == ws_id)
    ).first()
    return None if row is None else row[0]


def delete_idea(conn: Connection, idea_id: str) -> None:
    """Remove an idea and the votes cast for it."""
    t, v = _t("ideas"), _t("votes")
    conn.execute(v.delete().where(v.c.idea_id == idea_id))
    conn.execute(t.delete().where(t.c.id == idea_id))


def ideas(conn: Connection, ws_id: str) -> list[Idea]:
    """Every idea of a session."""
    t = _t("ideas")
    rows = conn.execute(sa.select(t).where(t.c.workshop_id == ws_id)).mappings().all()
    return [Idea(**{**r, "created_at": _aware(r["created_at"])}) for r in rows]


# --------------------------------------------------------------------------- votes
def _votes_used_query(ws_id: str, voter: str) -> sa.Select:
    """The count of a voter's votes on the ideas of a session."""
    t, v = _t("ideas"), _t("votes")
    return (
        sa.select(sa.func.count())
        .select_from(v.join(t, t.c.id == v.c.idea_id))
        .where(t.c.workshop_id == ws_id, v.c.voter == voter)
    )


def votes_used(conn: Connection, ws_id: str, voter: str) -> int:
    """How many votes ``voter`` (a cleaned name) has cast in a session."""
    return conn.execute(_votes_used_query(ws_id, voter)).scalar_one()


def vote_checks(conn: Connection, ws_id: str, idea_id: str, voter: str) -> tuple[bool, bool, int]:
    """In one statement: is the idea in the session, has ``voter`` voted for it, and how
    many votes has ``voter`` cast in the session."""
    t, v = _t("ideas"), _t("votes")
    checks = sa.select(
        sa.exists().where(t.c.id == idea_id, t.c.workshop_id == ws_id).label("found"),
        sa.exists().where(v.c.idea_id == idea_id, v.c.voter == voter).label("dup"),
        _votes_used_query(ws_id, voter).scalar_subquery().label("used"),
    )
    found, dup, used = conn.execute(checks).one()
    return bool(found), bool(dup), int(used)


def insert_vote(conn: Connection, vote: Vote) -> None:
    """Add a vote (an ``IntegrityError`` when the voter already voted for the idea)."""
    conn.execute(_t("votes").insert().values(**row_values("votes", vote)))


def delete_vote(conn: Connection, ws_id: str, idea_id: str, voter: str) -> int:
    """Remove ``voter``'s vote for an idea of the session; the number of rows removed."""
    v = _t("votes")
    return conn.execute(
        v.delete().where(
            v.c.idea_id == idea_id, v.c.voter == voter, v.c.idea_id.in_(_in_session(ws_id))
        )
    ).rowcount


def voters(conn: Connection, ws_id: str) -> set[str]:
    """Everyone who voted in a session."""
    v = _t("votes")
    q = sa.select(v.c.voter).where(v.c.idea_id.in_(_in_session(ws_id))).distinct()
    return {r[0] for r in conn.execute(q)}


def voted_ideas(conn: Connection, ws_id: str, voter: str) -> frozenset[str]:
    """The ideas of a session ``voter`` voted for."""
    v = _t("votes")
    q = sa.select(v.c.idea_id).where(v.c.idea_id.in_(_in_session(ws_id)), v.c.voter == voter)
    return frozenset(i for (i,) in conn.execute(q))


def votes(conn: Connection, ws_id: str) -> list[Vote]:
    """Every vote cast in a session."""
    v = _t("votes")
    rows = conn.execute(sa.select(v).where(v.c.idea_id.in_(_in_session(ws_id)))).mappings().all()
    return [Vote(**{**r, "created_at": _aware(r["created_at"])}) for r in rows]


@dataclass(frozen=True)
class TallyCount:
    """One idea of a session and its number of votes, as read from the store."""

    id: str
    idea_type: str
    text_th: str
    author: str
    created_at: dt.datetime | None
    n: int


def tally_counts(conn: Connection, ws_id: str) -> list[TallyCount]:
    """Every idea of a session with its vote count (in no order)."""
    t, v = _t("ideas"), _t("votes")
    q = (
        sa.select(
            t.c.id,
            t.c.idea_type,
            t.c.text_th,
            t.c.author,
            t.c.created_at,
            sa.func.count(v.c.voter).label("n"),
        )
        .select_from(t.outerjoin(v, v.c.idea_id == t.c.id))
        .where(t.c.workshop_id == ws_id)
        .group_by(t.c.id, t.c.idea_type, t.c.text_th, t.c.author, t.c.created_at)
    )
    return [
        TallyCount(r.id, r.idea_type, r.text_th, r.author, _aware(r.created_at), int(r.n))
        for r in conn.execute(q).all()
    ]


# --------------------------------------------------------------------------- draft
@dataclass(frozen=True)
class DraftRows:
    """The stored rows of a session's draft: the objective and what was generated under it."""

    objective: dict[str, Any]
    key_results: list[dict[str, Any]]
    kr_units: list[dict[str, Any]]
    pmqa_mappings: list[dict[str, Any]]
    kpis: list[dict[str, Any]]


def _pmqa_of(obj_id: str, kr_ids: Iterable[str]) -> sa.ColumnElement[bool]:
    pm = _t("pmqa_mappings")
    return ((pm.c.source_type == "objective") & (pm.c.source_id == obj_id)) | (
        (pm.c.source_type == "key_result") & pm.c.source_id.in_(list(kr_ids))
    )


def draft_rows(conn: Connection, objective_id: str) -> DraftRows | None:
    """The objective and its generated KRs (``<objective>-KR…``), their units, the PMQA
    mappings of both and the generated KPIs (``<objective>-KPI…``); None without the
    objective."""
    o, k, ku, pm, kp = (
        _t(n) for n in ("objectives", "key_results", "kr_units", "pmqa_mappings", "kpis")
    )
    obj = conn.execute(sa.select(o).where(o.c.id == objective_id)).mappings().first()
    if obj is None:
        return None
    kr_prefix, kpi_prefix = f"{obj['id']}-KR", f"{obj['id']}-KPI"
    kr_rows = (
        conn.execute(
            sa.select(k).where(
                k.c.objective_id == obj["id"], k.c.id.startswith(kr_prefix, autoescape=True)
            )
        )
        .mappings()
        .all()
    )
    kr_ids = [r["id"] for r in kr_rows]
    unit_rows = conn.execute(sa.select(ku).where(ku.c.key_result_id.in_(kr_ids))).mappings().all()
    map_rows = conn.execute(sa.select(pm).where(_pmqa_of(obj["id"], kr_ids))).mappings().all()
    kpi_rows = (
        conn.execute(sa.select(kp).where(kp.c.id.startswith(kpi_prefix, autoescape=True)))
        .mappings()
        .all()
    )
    return DraftRows(
        dict(obj),
        [dict(r) for r in kr_rows],
        [dict(r) for r in unit_rows],
        [dict(r) for r in map_rows],
        [dict(r) for r in kpi_rows],
    )


def clear_draft(conn: Connection, objective_id: str, keep_krs: Iterable[str]) -> None:
    """Remove what a draft generated under an objective before it is written again.

    The generated KPIs, the units and PMQA mappings of the objective and of its generated
    KRs go; of the KRs only those not in ``keep_krs`` (the rest are replaced in place).
    """
    k, ku, kp = (_t(n) for n in ("key_results", "kr_units", "kpis"))
    keep = list(keep_krs)
    old_krs = [
        i
        for (i,) in conn.execute(
            sa.select(k.c.id).where(
                k.c.objective_id == objective_id,
                k.c.id.startswith(f"{objective_id}-KR", autoescape=True),
            )
        )
    ]
    every_kr = sorted(set(old_krs) | set(keep))
    conn.execute(kp.delete().where(kp.c.id.startswith(f"{objective_id}-KPI", autoescape=True)))
    conn.execute(ku.delete().where(ku.c.key_result_id.in_(every_kr)))
    conn.execute(_t("pmqa_mappings").delete().where(_pmqa_of(objective_id, every_kr)))
    gone = sorted(set(old_krs) - set(keep))
    if gone:
        conn.execute(k.delete().where(k.c.id.in_(gone)))


# --------------------------------------------------------------------------- lessons
def lesson_ids(conn: Connection, prefix: str) -> list[str]:
    """The ids ``<prefix><digits>`` of the lessons table (a session's lessons)."""
    pat = re.compile(re.escape(prefix) + r"\d+")
    return [i for i in ids_starting(conn, "lessons", prefix) if pat.fullmatch(i)]


def insert_lesson(conn: Connection, lesson: Lesson) -> None:
    """Add a lesson."""
    conn.execute(_t("lessons").insert().values(**row_values("lessons", lesson)))


def link_lessons(conn: Connection, ids: Iterable[str], objective_id: str) -> None:
    """Link the lessons ``ids`` to an objective (the links not already there)."""
    t = _t("lesson_links")
    for lid in ids:
        key = (
            (t.c.lesson_id == lid)
            & (t.c.target_type == "objective")
            & (t.c.target_id == objective_id)
        )
        if conn.execute(sa.select(t.c.lesson_id).where(key)).first() is None:
            conn.execute(
                t.insert().values(lesson_id=lid, target_type="objective", target_id=objective_id)
            )


def lessons(conn: Connection, ids: Iterable[str]) -> list[Lesson]:
    """The lessons ``ids``, sorted by id."""
    t = _t("lessons")
    rows = conn.execute(sa.select(t).where(t.c.id.in_(list(ids)))).mappings().all()
    return sorted((Lesson(**dict(r)) for r in rows), key=lambda x: x.id)


def lesson_links(conn: Connection, ids: Iterable[str]) -> list[dict[str, Any]]:
    """Every link of the lessons ``ids``."""
    t = _t("lesson_links")
    rows = conn.execute(sa.select(t).where(t.c.lesson_id.in_(list(ids)))).mappings().all()
    return [dict(r) for r in rows]


# --------------------------------------------------------------------------- units
def units_with_parents(conn: Connection, ids: set[str]) -> list[Unit]:
    """The units ``ids`` and every unit above them (so an export is self-contained)."""
    t = _t("units")
    found: dict[str, Unit] = {}
    todo = set(ids)
    while todo:
        rows = conn.execute(sa.select(t).where(t.c.id.in_(sorted(todo)))).mappings().all()
        todo = set()
        for r in rows:
            found[r["id"]] = Unit(**dict(r))
            if r["parent_id"] and r["parent_id"] not in found:
                todo.add(r["parent_id"])
    return sorted(found.values(), key=lambda u: u.id)
