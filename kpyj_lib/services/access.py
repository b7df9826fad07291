"""Who may do what when people sign in to the hub (issue 15): roles and units.

A person is a hub user name registered in the store (sheet ``ผู้ใช้งาน`` / ``people``) with
units (``person_units``) and roles (``person_roles``):

===============  ==================================================================
role             may
===============  ==================================================================
administrator    everything: report for any unit, lead any workshop (สกธ.)
strategy         analyses of every province in JupyterLab (read-only store account)
planning         report for its units *and every unit below them* (seed 002: the
                 planning group of an agency reports for the agency's bureaus)
reporter         report for its own units only (seed 002 3.2: a bureau's own user)
facilitator      open workshop sessions and lead (stages, objective, draft) their own
participant      join a workshop: propose ideas, vote (the session's budget), lessons
===============  ==================================================================

The services call :func:`actor` at the start of every write, inside the write's
transaction: under the hub (``JUPYTERHUB_USER`` in the process environment, set by the
hub for every user's server and inherited by its kernels) a write must name the signed-in
person and may name nobody else; the person must be registered and active, and have the
role (and, for reports, the unit) the write needs. Without the hub (``kpyj serve`` on a
laptop) a write names nobody and the old rules hold: typed names, no roles.
Refusals are :class:`~kpyj_lib.exceptions.AccessError` with a Thai message «ท่าน…».

Examples
--------
>>> p = Person("plan.oja", "กลุ่มแผน", frozenset({"planning"}), frozenset({"OJA"}))
>>> tree = {"MOJ": None, "OJA": "MOJ", "OJA-SEC": "OJA", "DOP": "MOJ"}
>>> sorted(reportable_units(p, tree))
['OJA', 'OJA-SEC']
>>> require(p, ("facilitator",), "เปิดการประชุม")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
kpyj_lib.exceptions.AccessError: ท่านไม่มีสิทธิ์เปิดการประชุม (ต้องมีบทบาท: วิทยากร (ผู้ดำเนินการประชุม) ...
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import reference
from ..exceptions import AccessError
from ..store import Connection, Store
from ..store import people as sql

__all__ = [
    "HUB_USER_ENV",
    "LAB_ROLES",
    "ROLES",
    "WORKSHOP_ROLES",
    "AccessError",
    "Person",
    "actor",
    "administrators",
    "display_names",
    "hub_user",
    "load_person",
    "may_lead",
    "may_use_lab",
    "person_of",
    "reportable_units",
    "require",
    "require_unit",
    "role_label",
    "units_for",
]

#: Every role, most powerful first (the order of the code list ``user_role``).
ROLES: tuple[str, ...] = (
    "administrator",
    "strategy",
    "planning",
    "reporter",
    "facilitator",
    "participant",
)
#: Roles that get JupyterLab (code) under the hub; everyone else gets only the apps.
LAB_ROLES: frozenset[str] = frozenset({"administrator", "strategy"})
#: Roles that may take part in a workshop (ideas, votes, lessons).
WORKSHOP_ROLES: tuple[str, ...] = ("participant", "facilitator", "administrator")
#: The environment variable the hub sets in every user's server (and so in its kernels).
HUB_USER_ENV = "JUPYTERHUB_USER"


@dataclass(frozen=True)
class Person:
    """A registered person: hub user name, name to show, roles, units, active or not."""

    id: str
    name_th: str
    roles: frozenset[str]
    units: frozenset[str]
    active: bool = True

    @property
    def is_admin(self) -> bool:
        return "administrator" in self.roles

    def has(self, *roles: str) -> bool:
        """Whether the person has any of ``roles`` (an administrator has them all)."""
        return self.is_admin or any(r in self.roles for r in roles)


def role_label(role: str) -> str:
    """The Thai label of a role.

    >>> role_label("reporter")
    'ผู้รายงานของหน่วยงาน'
    """
    return reference.code_label("user_role", role)


def hub_user() -> str | None:
    """The signed-in hub user of this process (``JUPYTERHUB_USER``), or None without a hub.

    >>> import os; os.environ.pop(HUB_USER_ENV, None) and None; hub_user() is None
    True
    """
    name = os.environ.get(HUB_USER_ENV, "").strip().lower()
    return name or None


def person_of(conn: Connection, user_id: str) -> Person:
    """The registered, active person ``user_id`` (read in ``conn``'s transaction).

    Raises
    ------
    AccessError
        Not registered, or not active.
    """
    name = (user_id or "").strip().lower()
    row = sql.person_row(conn, name) if name else None
    if row is None:
        raise AccessError(
            f"ท่าน ({name or '-'}) ยังไม่ได้ลงทะเบียนเป็นผู้ใช้ kpyj "
            "โปรดติดต่อผู้ดูแลระบบ (สกธ.) เพื่อเพิ่มชื่อผู้ใช้ในชีต ผู้ใช้งาน "
            f"(user {name!r} is not registered)"
        )
    if not row.active:
        raise AccessError(
            f"บัญชีผู้ใช้ของท่าน ({name}) ถูกระงับการใช้งาน โปรดติดต่อผู้ดูแลระบบ (สกธ.) "
            f"(user {name!r} is not active)"
        )
    return Person(row.id, row.name_th, row.roles, row.units, row.active)


def load_person(store: Store, user_id: str) -> Person:
    """:func:`person_of` in a read transaction of its own."""
    with store.begin(write=False) as conn:
        return person_of(conn, user_id)


def actor(conn: Connection, person: str | None) -> Person | None:
    """Who makes a write: the signed-in person (checked), or None without a hub.

    Under the hub (:func:`hub_user` is set) every write must name the signed-in person,
    and only them: a kernel acts for the owner of its server and nobody else.

    Raises
    ------
    AccessError
        Under the hub with no person or another person; an unregistered or inactive
        person.
    """
    signed_in = hub_user()
    if person is None:
        if signed_in is not None:
            raise AccessError(
                "ท่านต้องลงชื่อเข้าใช้ก่อนบันทึกข้อมูล (under the hub every write names the signed-in person)"
            )
        return None
    name = person.strip().lower()
    if signed_in is not None and name != signed_in:
        raise AccessError(f"ท่านบันทึกในนามผู้อื่น ({name}) ไม่ได้ (signed in as {signed_in}, not {name})")
    return person_of(conn, name)


def require(p: Person, roles: Iterable[str], action_th: str) -> None:
    """Refuse unless ``p`` has one of ``roles`` (administrators have every role)."""
    roles = tuple(roles)
    if p.has(*roles):
        return
    need = [*roles, *(() if "administrator" in roles else ("administrator",))]
    th = " หรือ ".join(role_label(r) for r in need)
    raise AccessError(
        f"ท่านไม่มีสิทธิ์{action_th} (ต้องมีบทบาท: {th}) "
        f"({p.id} may not do this: needs role {' or '.join(need)})"
    )


def reportable_units(p: Person, parents: Mapping[str, str | None]) -> frozenset[str]:
    """The units ``p`` may file weekly reports for.

    A reporter: its own units. A planning group: its units and every unit below them in the
    unit tree (``parents``: unit → parent unit). An administrator: every unit. Anyone else:
    none.
    """
    if p.is_admin:
        return frozenset(parents)
    units: set[str] = set()
    if "reporter" in p.roles:
        units |= p.units & set(parents)
    if "planning" in p.roles:
        children: dict[str, list[str]] = {}
        for unit, parent in parents.items():
            if parent:
                children.setdefault(parent, []).append(unit)
        todo = [u for u in p.units if u in parents]
        while todo:
            u = todo.pop()
            if u not in units:
                units.add(u)
                todo += children.get(u, [])
    return frozenset(units)


def require_unit(conn: Connection, p: Person, unit_id: str) -> None:
    """Refuse unless ``p`` may report for ``unit_id``."""
    allowed = reportable_units(p, sql.unit_parents(conn))
    if unit_id in allowed:
        return
    mine = ", ".join(sorted(allowed)) or "ไม่มี"
    raise AccessError(
        f"ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน {unit_id} (หน่วยงานที่ท่านรายงานได้: {mine}) "
        f"({p.id} may not report for unit {unit_id})"
    )


def may_lead(p: Person | None, facilitator: str | None) -> bool:
    """Whether ``p`` leads a session whose facilitator is ``facilitator``: its facilitator
    with the facilitator role, or an administrator (False for nobody).

    >>> f = Person("f1", "ก", frozenset({"facilitator"}), frozenset())
    >>> may_lead(f, "f1"), may_lead(f, "f2"), may_lead(None, "f1")
    (True, False, False)
    """
    if p is None:
        return False
    return p.is_admin or ("facilitator" in p.roles and (facilitator or "").lower() == p.id)


def may_use_lab(p: Person) -> bool:
    """Whether ``p`` gets JupyterLab (code) under the hub, not only the apps."""
    return bool(p.roles & LAB_ROLES)


def display_names(store: Store) -> dict[str, str]:
    """Hub user name → name to show, for every registered person."""
    with store.begin(write=False) as conn:
        return sql.people_names(conn)


def administrators(store: Store) -> frozenset[str]:
    """Hub user names of the active administrators."""
    with store.begin(write=False) as conn:
        out = set()
        for name in sql.people_names(conn):
            row = sql.person_row(conn, name)
            if row is not None and row.active and "administrator" in row.roles:
                out.add(row.id)
    return frozenset(out)


def units_for(store: Store, p: Person) -> frozenset[str]:
    """:func:`reportable_units` of ``p`` on the store's unit tree."""
    with store.begin(write=False) as conn:
        return reportable_units(p, sql.unit_parents(conn))
