"""The hub's settings, from ``KPYJ_*`` environment variables (one place, documented).

==========================  ==============================================================
variable                    meaning (default)
==========================  ==============================================================
``KPYJ_DB_URL``             the kpyj store the hub reads people from; administrators'
                            servers get it too (required)
``KPYJ_APP_DB_URL``         the store as the apps-only servers see it (``KPYJ_DB_URL``)
``KPYJ_READ_DB_URL``        a read-only account for strategy staff's JupyterLab (unset:
                            they get ``KPYJ_APP_DB_URL`` — trusted roles only)
``KPYJ_HUB_HOME``           the hub's folder: its database, cookie secret, people's home
                            folders (``./hub``)
``KPYJ_HUB_DB_URL``         JupyterHub's own database (``sqlite:///<home>/jupyterhub.sqlite``)
``KPYJ_HUB_IP``             the address the proxy listens on (``127.0.0.1``)
``KPYJ_HUB_PORT``           its port (``8000``)
``KPYJ_HUB_AUTH``           ``native`` (NativeAuthenticator: accounts on this hub),
                            ``ldap`` (a ministry directory) or ``dummy`` (tests only)
``KPYJ_HUB_CULL_IDLE``      seconds before an idle server is stopped (``3600``)
``KPYJ_HUB_PROXY``          the ``configurable-http-proxy`` command (found next to the
                            virtual environment, then on ``PATH``)
``KPYJ_LDAP_*``             LDAP: ``SERVER``, ``PORT``, ``USE_SSL``, ``BIND_DN_TEMPLATE``
                            (``;``-separated), ``USER_SEARCH_BASE``, ``USER_ATTRIBUTE``
``KPYJ_HUB_TEST_PASSWORD``  the shared password of the dummy authenticator (tests only)
==========================  ==============================================================

Examples
--------
>>> s = HubSettings.from_env({"KPYJ_DB_URL": "sqlite:////tmp/k.sqlite", "KPYJ_HUB_HOME": "/tmp/h"})
>>> s.app_db_url, s.read_db_url, s.port, s.auth, str(s.hub_db_url)
('sqlite:////tmp/k.sqlite', None, 8000, 'native', 'sqlite:////tmp/h/jupyterhub.sqlite')
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..exceptions import KpyjError

__all__ = ["AUTHENTICATORS", "HubError", "HubSettings", "find_proxy"]

#: Sign-in methods ``KPYJ_HUB_AUTH`` may name.
AUTHENTICATORS = ("native", "ldap", "dummy")


class HubError(KpyjError):
    """The hub cannot be configured or started."""


def find_proxy(env: Mapping[str, str] | None = None) -> str | None:
    """The ``configurable-http-proxy`` command: ``KPYJ_HUB_PROXY``, the copy ``make venv``
    installs with npm under ``.venv/node``, or one on ``PATH`` (None when there is none)."""
    env = os.environ if env is None else env
    if env.get("KPYJ_HUB_PROXY"):
        return env["KPYJ_HUB_PROXY"]
    local = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
    if local.exists():
        return str(local)
    return shutil.which("configurable-http-proxy")


@dataclass(frozen=True)
class HubSettings:
    """Everything :func:`kpyj_lib.hub.config.configure` needs, read once."""

    db_url: str
    app_db_url: str
    read_db_url: str | None
    home: Path
    hub_db_url: str
    ip: str = "127.0.0.1"
    port: int = 8000
    auth: str = "native"
    cull_idle: int = 3600
    proxy: str | None = None
    test_password: str | None = None
    ldap: Mapping[str, str] | None = None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> HubSettings:
        """Read the settings (see the module's table).

        Raises
        ------
        HubError
            No store URL, an unknown sign-in method, or a number that is not one.
        """
        env = os.environ if env is None else env
        db_url = (env.get("KPYJ_DB_URL") or "").strip()
        if not db_url:
            raise HubError(
                "ต้องกำหนด KPYJ_DB_URL ให้ hub (ที่อยู่ฐานข้อมูล kpyj) (KPYJ_DB_URL is required)"
            )
        home = Path(env.get("KPYJ_HUB_HOME") or Path.cwd() / "hub").resolve()
        auth = (env.get("KPYJ_HUB_AUTH") or "native").strip().lower()
        if auth not in AUTHENTICATORS:
            raise HubError(
                f"KPYJ_HUB_AUTH ต้องเป็น {', '.join(AUTHENTICATORS)} ไม่ใช่ {auth!r} "
                "(unknown sign-in method)"
            )
        try:
            port = int(env.get("KPYJ_HUB_PORT") or 8000)
            cull = int(env.get("KPYJ_HUB_CULL_IDLE") or 3600)
        except ValueError as e:
            raise HubError(f"ตัวเลขไม่ถูกต้อง (not a number): {e}") from None
        ldap = {k[len("KPYJ_LDAP_") :]: v for k, v in env.items() if k.startswith("KPYJ_LDAP_")}
        return cls(
            db_url=db_url,
            app_db_url=(env.get("KPYJ_APP_DB_URL") or db_url).strip(),
            read_db_url=(env.get("KPYJ_READ_DB_URL") or "").strip() or None,
            home=home,
            hub_db_url=env.get("KPYJ_HUB_DB_URL") or f"sqlite:///{home / 'jupyterhub.sqlite'}",
            ip=env.get("KPYJ_HUB_IP") or "127.0.0.1",
            port=port,
            auth=auth,
            cull_idle=cull,
            proxy=find_proxy(env),
            test_password=env.get("KPYJ_HUB_TEST_PASSWORD") or None,
            ldap=ldap or None,
        )
