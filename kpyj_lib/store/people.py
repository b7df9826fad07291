"""The SQL of people who sign in to the hub: who they are, their units and roles.

Statements only, inside the caller's transaction; the rules (which role may do what, which
units a person reports for) are in :mod:`kpyj_lib.services.access`.

Examples
--------
>>> import tempfile
>>> from kpyj_lib.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/p.sqlite"); store.init()
>>> _ = store.write({"units": [{"id": "U1", "name_th": "กอง"}],
...                  "people": [{"id": "somchai", "name_th": "สมชาย"}],
...                  "person_units": [{"person_id": "somchai", "unit_id": "U1"}],
...                  "person_roles": [{"person_id": "somchai", "role": "reporter"}]})
>>> with store.begin(write=False) as conn:
...     row = person_row(conn, "somchai")
>>> row.name_th, sorted(row.roles), sorted(row.units), row.active
('สมชาย', ['reporter'], ['U1'], True)
>>> with store.begin(write=False) as conn:
...     person_row(conn, "nobody") is None, unit_parents(conn)
(True, {'U1': None})
>>> store.close()
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from .engine import metadata

__all__ = ["PersonRow", "people_names", "person_row", "unit_parents"]


@dataclass(frozen=True)
class PersonRow:
    """A person as stored: the hub user name, name, active flag, roles and units."""

    id: str
    name_th: str
    active: bool
    roles: frozenset[str]
    units: frozenset[str]


def person_row(conn: Connection, user_id: str) -> PersonRow | None:
    """The person whose hub user name is ``user_id`` (None when not registered)."""
    people = metadata.tables["people"]
    row = conn.execute(
        sa.select(people.c.id, people.c.name_th, people.c.active).where(people.c.id == user_id)
    ).first()
    if row is None:
        return None
    roles_t = metadata.tables["person_roles"]
    units_t = metadata.tables["person_units"]
    roles = conn.execute(sa.select(roles_t.c.role).where(roles_t.c.person_id == user_id))
    units = conn.execute(sa.select(units_t.c.unit_id).where(units_t.c.person_id == user_id))
    return PersonRow(
        row.id,
        row.name_th,
        bool(row.active) if row.active is not None else True,
        frozenset(r[0] for r in roles),
        frozenset(u[0] for u in units),
    )


def unit_parents(conn: Connection) -> dict[str, str | None]:
    """Every unit id with its parent unit id (the unit tree)."""
    t = metadata.tables["units"]
    return {r[0]: r[1] for r in conn.execute(sa.select(t.c.id, t.c.parent_id))}


def people_names(conn: Connection) -> dict[str, str]:
    """Hub user name → name to show, for every registered person."""
    t = metadata.tables["people"]
    return {r[0]: r[1] for r in conn.execute(sa.select(t.c.id, t.c.name_th))}
