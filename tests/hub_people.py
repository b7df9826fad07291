"""People, units and a directive for the tests of roles and units under the hub (issue 15).

``tables()`` is a small workspace: a unit tree (MOJ → OJA → OJA-RDO, MOJ → DOP), one
directive assigned to DOP, OJA and OJA-RDO, and people with every role, one suspended.
"""

from __future__ import annotations

import datetime as dt

from kpyj_lib.calendar import BANGKOK

NOW = dt.datetime(2022, 1, 28, 12, 0, tzinfo=BANGKOK)
UNITS = [
    {"id": "MOJ", "name_th": "กระทรวงยุติธรรม"},
    {"id": "OJA", "name_th": "สำนักงานกิจการยุติธรรม", "parent_id": "MOJ"},
    {"id": "OJA-RDO", "name_th": "สำนักงานวิจัย", "parent_id": "OJA"},
    {"id": "DOP", "name_th": "กรมคุมประพฤติ", "parent_id": "MOJ"},
]
PEOPLE = {
    # user: (roles, units, active)
    "admin": (["administrator"], ["OJA"], True),
    "fac": (["facilitator"], ["OJA"], True),
    "fac2": (["facilitator"], ["OJA"], True),
    "p1": (["participant"], [], True),
    "p2": (["participant"], [], True),
    "rep.dop": (["reporter"], ["DOP"], True),
    "plan.oja": (["planning"], ["OJA"], True),
    "gone": (["participant"], [], False),
}


def tables() -> dict:
    people = [{"id": u, "name_th": f"คุณ {u}", "active": a} for u, (_, _, a) in PEOPLE.items()]
    roles = [{"person_id": u, "role": r} for u, (rs, _, _) in PEOPLE.items() for r in rs]
    units = [{"person_id": u, "unit_id": x} for u, (_, us, _) in PEOPLE.items() for x in us]
    directives = [
        {"id": "D-1", "fiscal_year": 2565, "title_th": "ข้อสั่งการหนึ่ง",
         "meeting_date": dt.date(2022, 1, 5), "level": "continuing"},
    ]  # fmt: skip
    assigned = [{"directive_id": "D-1", "unit_id": u} for u in ("DOP", "OJA", "OJA-RDO")]
    return {
        "units": UNITS,
        "people": people,
        "person_roles": roles,
        "person_units": units,
        "directives": directives,
        "directive_units": assigned,
    }
