"""Which server a signed-in person gets: JupyterLab, or only the apps (pure rules).

* **administrators** and **strategy staff** (:data:`~kpyj_lib.services.access.LAB_ROLES`)
  get JupyterLab (``jupyterhub-singleuser`` with every installed extension) in their own
  folder. Administrators get the store as ``KPYJ_DB_URL``; strategy staff get the
  read-only account ``KPYJ_READ_DB_URL`` when there is one (PostgreSQL), so the database
  itself refuses their writes.
* everyone else (planning groups, unit reporters, facilitators, participants) gets the
  **apps-only** server (:mod:`kpyj_lib.hub.appserver`): the Voila apps, no notebook, no
  terminal, no code. It lands on the directive form (reporters, planning groups) or the
  workshop (facilitators, participants).

Examples
--------
>>> from kpyj_lib.services.access import Person
>>> from kpyj_lib.hub.settings import HubSettings
>>> s = HubSettings.from_env({"KPYJ_DB_URL": "sqlite:////tmp/k.sqlite", "KPYJ_HUB_HOME": "/tmp/h"})
>>> p = Person("rep.dop", "ผู้รายงาน", frozenset({"reporter"}), frozenset({"DOP"}))
>>> plan = server_plan(p, s)
>>> plan.kind, plan.default_url, plan.cmd[-2:]
('apps', '/voila/render/directive_report.ipynb', ['-m', 'kpyj_lib.hub.appserver'])
>>> server_plan(Person("s1", "ก", frozenset({"strategy"}), frozenset()), s).default_url
'/lab'
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import NOTEBOOKS_DIR
from ..serve import APPS
from ..services.access import Person, may_use_lab
from .settings import HubSettings

__all__ = ["APPS_DIR", "ServerPlan", "landing_app", "server_plan"]

#: The folder the apps-only server serves (the app notebooks, nothing else).
APPS_DIR: Path = NOTEBOOKS_DIR / "apps"
#: The app notebooks by name (``kpyj serve`` knows the same ones).
_APP_FILES = {**APPS, "directive_report": "apps/directive_report.ipynb"}


@dataclass(frozen=True)
class ServerPlan:
    """How to start a person's single-user server."""

    kind: str  # "lab" or "apps"
    cmd: list[str]
    default_url: str
    root_dir: str
    environment: dict[str, str] = field(default_factory=dict)


def landing_app(p: Person) -> str:
    """The app an apps-only person lands on: the directive form for those who report, the
    workshop for everyone else."""
    if p.roles & {"reporter", "planning"} and not p.roles & {"facilitator", "participant"}:
        return "directive_report"
    return "workshop"


def server_plan(p: Person, settings: HubSettings) -> ServerPlan:
    """The server ``p`` gets under the hub (see the module's text)."""
    home = settings.home / "users" / p.id
    env = {"KPYJ_HOME": str(home), "KPYJ_HUB": "1"}
    if may_use_lab(p):
        db = settings.db_url if p.is_admin else (settings.read_db_url or settings.app_db_url)
        return ServerPlan(
            kind="lab",
            cmd=[sys.executable, "-m", "jupyterhub.singleuser"],
            default_url="/lab",
            root_dir=str(home),
            environment={**env, "KPYJ_DB_URL": db},
        )
    app = Path(_APP_FILES[landing_app(p)]).name
    return ServerPlan(
        kind="apps",
        cmd=[sys.executable, "-m", "kpyj_lib.hub.appserver"],
        default_url=f"/voila/render/{app}",
        root_dir=str(APPS_DIR),
        environment={**env, "KPYJ_DB_URL": settings.app_db_url},
    )
