"""The JupyterHub configuration kpyj ships: :func:`configure` fills JupyterHub's ``c``.

``deploy/jupyterhub/jupyterhub_config.py`` (and the copy in this package that ``kpyj hub``
runs) is two lines: import :func:`configure` and call it. Settings come from the
environment (:mod:`kpyj_lib.hub.settings`). What it sets:

* **proxy**: configurable-http-proxy (npm), started by the hub, on ``KPYJ_HUB_IP`` (127.0.0.1);
* **sign-in**: NativeAuthenticator (accounts on this hub, approved by an administrator) or
  LDAPAuthenticator (a ministry directory), wrapped so that only people registered and
  active in the kpyj store may sign in and kpyj administrators are hub administrators;
  the dummy authenticator only when ``KPYJ_HUB_AUTH=dummy`` on a loopback address (tests);
* **spawner**: one machine, servers as local processes of the hub's own account
  (``SimpleLocalProcessSpawner``), each person in ``<home>/users/<name>``; a
  ``pre_spawn_hook`` looks the person up in the store and starts JupyterLab or the
  apps-only server (:func:`kpyj_lib.hub.plan.server_plan`), with the store URL in the
  server's environment (never in a notebook). People cannot choose: no spawner options;
* **idle culling**: the ``jupyterhub-idle-culler`` service stops servers idle for
  ``KPYJ_HUB_CULL_IDLE`` seconds;
* administrators may not enter other people's servers (``admin_access`` stays off), and
  named servers are off.
"""

from __future__ import annotations

import os
import secrets
import sys
from typing import Any

from ..exceptions import KpyjError
from ..services import access
from ..store import Store
from .plan import server_plan
from .settings import HubError, HubSettings

__all__ = [
    "authenticator_class",
    "configure",
    "configure_kubernetes",
    "pre_spawn_hook",
    "registered_admins",
]


def _store(settings: HubSettings) -> Store:
    return Store(settings.db_url)


def registered_admins(store: Store) -> set[str]:
    """Hub user names of the active kpyj administrators."""
    return set(access.administrators(store))


def authenticator_class(base: type, settings: HubSettings) -> type:
    """``base`` (a JupyterHub Authenticator) that lets in only people registered and active
    in the kpyj store, makes kpyj administrators hub administrators and signs out anyone
    who is removed or suspended (checked again every 5 minutes and before each start)."""

    class KpyjAuthenticator(base):  # type: ignore[misc, valid-type]
        def _person(self, username: str) -> access.Person | None:
            try:
                return access.load_person(_store(settings), username)
            except KpyjError as e:
                self.log.warning("kpyj: %s", e)
                return None

        def check_allowed(self, username: str, authentication: Any = None) -> bool:
            return self._person(username) is not None

        def is_admin(self, handler: Any, authentication: dict[str, Any]) -> bool:
            p = self._person(authentication["name"])
            return bool(p and p.is_admin)

        async def refresh_user(self, user: Any, handler: Any = None) -> Any:
            p = self._person(user.name)
            if p is None:
                return False  # removed or suspended: sign in again (and be refused)
            return {"name": user.name, "admin": p.is_admin}

    KpyjAuthenticator.__name__ = f"Kpyj{base.__name__}"
    return KpyjAuthenticator


def _base_authenticator(c: Any, settings: HubSettings) -> type:
    if settings.auth == "dummy":
        if settings.ip not in ("127.0.0.1", "localhost", "::1"):
            raise HubError(
                "ห้ามใช้ KPYJ_HUB_AUTH=dummy นอกเครื่อง (127.0.0.1) — ใช้สำหรับการทดสอบเท่านั้น "
                "(the dummy authenticator is for tests on 127.0.0.1 only)"
            )
        from jupyterhub.auth import DummyAuthenticator

        if settings.test_password:
            c.DummyAuthenticator.password = settings.test_password
        return DummyAuthenticator
    if settings.auth == "ldap":
        from ldapauthenticator import LDAPAuthenticator

        ldap = dict(settings.ldap or {})
        if "SERVER" not in ldap:
            raise HubError("KPYJ_LDAP_SERVER is required with KPYJ_HUB_AUTH=ldap")
        c.LDAPAuthenticator.server_address = ldap["SERVER"]
        if "PORT" in ldap:
            c.LDAPAuthenticator.server_port = int(ldap["PORT"])
        c.LDAPAuthenticator.use_ssl = ldap.get("USE_SSL", "true").lower() in ("1", "true", "yes")
        if "BIND_DN_TEMPLATE" in ldap:
            c.LDAPAuthenticator.bind_dn_template = ldap["BIND_DN_TEMPLATE"].split(";")
        if "USER_SEARCH_BASE" in ldap:
            c.LDAPAuthenticator.user_search_base = ldap["USER_SEARCH_BASE"]
        if "USER_ATTRIBUTE" in ldap:
            c.LDAPAuthenticator.user_attribute = ldap["USER_ATTRIBUTE"]
        return LDAPAuthenticator
    from nativeauthenticator import NativeAuthenticator

    c.NativeAuthenticator.open_signup = False  # an administrator approves each account
    c.NativeAuthenticator.minimum_password_length = 10
    c.NativeAuthenticator.check_common_password = True
    c.NativeAuthenticator.allowed_failed_logins = 5
    c.NativeAuthenticator.seconds_before_next_try = 300
    c.JupyterHub.template_paths = [_native_templates()]
    return NativeAuthenticator


def _native_templates() -> str:
    from pathlib import Path

    import nativeauthenticator

    return str(Path(nativeauthenticator.__file__).parent / "templates")


def pre_spawn_hook(settings: HubSettings, *, home: str | None = None) -> Any:
    """The hook that decides each server from the person's roles in the store.

    ``home``: each person's own folder inside their server (Kubernetes: the person's
    volume, ``/home/jovyan``) instead of ``<hub home>/users/<name>`` on this machine.
    """

    def hook(spawner: Any) -> None:
        try:
            person = access.load_person(_store(settings), spawner.user.name)
        except KpyjError as e:
            raise RuntimeError(str(e)) from None  # shown on the hub's spawn page
        plan = server_plan(person, settings)
        if home is not None:
            env = {**plan.environment, "KPYJ_HOME": home}
            root = home if plan.kind == "lab" else plan.root_dir
            plan = type(plan)(plan.kind, plan.cmd, plan.default_url, root, env)
        spawner.cmd = plan.cmd
        # a trial as root (containers, this test machine): Jupyter refuses root unless told
        spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
        spawner.default_url = plan.default_url
        spawner.notebook_dir = plan.root_dir
        spawner.environment = {**spawner.environment, **plan.environment}
        spawner.log.info("kpyj: %s gets the %s server", person.id, plan.kind)

    return hook


def configure(c: Any, settings: HubSettings | None = None) -> HubSettings:
    """Fill JupyterHub's config object ``c`` (see the module's text); returns the settings.

    Raises
    ------
    HubError
        Missing settings, no configurable-http-proxy, or the dummy authenticator off the
        loopback address.
    """
    settings = settings or HubSettings.from_env()
    store = _store(settings)
    store.check()  # the store must exist: people are read from it
    home = settings.home
    (home / "users").mkdir(parents=True, exist_ok=True)

    # the hub itself
    c.JupyterHub.ip = settings.ip
    c.JupyterHub.port = settings.port
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.db_url = settings.hub_db_url
    c.JupyterHub.cookie_secret_file = str(home / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(home / "jupyterhub.pid")
    c.JupyterHub.allow_named_servers = False
    c.JupyterHub.admin_access = False  # administrators do not enter people's servers
    c.JupyterHub.cleanup_servers = True
    c.JupyterHub.shutdown_on_logout = True
    c.JupyterHub.default_url = "/hub/home"
    # the proxy: configurable-http-proxy from npm, started by the hub
    if not settings.proxy:
        raise HubError(
            "ไม่พบ configurable-http-proxy — ติดตั้งด้วย 'make venv' (npm) หรือกำหนด "
            "KPYJ_HUB_PROXY (configurable-http-proxy not found)"
        )
    c.ConfigurableHTTPProxy.command = [settings.proxy]
    c.ConfigurableHTTPProxy.auth_token = secrets.token_hex(32)
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_free_port()}"

    # sign-in
    base = _base_authenticator(c, settings)
    c.JupyterHub.authenticator_class = authenticator_class(base, settings)
    c.Authenticator.admin_users = registered_admins(store)
    c.Authenticator.allow_all = False
    c.Authenticator.auth_refresh_age = 300
    c.Authenticator.refresh_pre_spawn = True

    # servers
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    c.SimpleLocalProcessSpawner.home_dir_template = str(home / "users" / "{username}")
    c.Spawner.pre_spawn_hook = pre_spawn_hook(settings)
    c.Spawner.options_form = ""  # nobody chooses their server
    c.Spawner.start_timeout = 180
    c.Spawner.http_timeout = 180
    c.Spawner.env_keep = ["PATH", "LANG", "LC_ALL", "PYTHONPATH", "VIRTUAL_ENV"]
    c.Spawner.environment = {"JUPYTERHUB_SINGLEUSER_EXTENSION": "1"}
    c.Spawner.disable_user_config = True

    # idle culling
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": ["idle-culler"],
        }
    ]
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [
                sys.executable,
                "-m",
                "jupyterhub_idle_culler",
                f"--timeout={settings.cull_idle}",
                "--cull-every=300",
            ],
        }
    ]
    return settings


def configure_kubernetes(c: Any, settings: HubSettings | None = None) -> HubSettings:
    """The kpyj part of a Zero to JupyterHub deployment (``hub.extraConfig``): sign-in
    through the kpyj people registry, the server of each role and its store account.

    The chart keeps what is its own: KubeSpawner, the proxy, the hub's database
    (``hub.db``), idle culling (``cull``) and TLS (see ``deploy/jupyterhub/z2jh-values.yaml``).
    """
    settings = settings or HubSettings.from_env()
    store = _store(settings)
    store.check()
    c.JupyterHub.allow_named_servers = False
    c.JupyterHub.admin_access = False
    base = _base_authenticator(c, settings)
    c.JupyterHub.authenticator_class = authenticator_class(base, settings)
    c.Authenticator.admin_users = registered_admins(store)
    c.Authenticator.allow_all = False
    c.Authenticator.auth_refresh_age = 300
    c.Authenticator.refresh_pre_spawn = True
    c.KubeSpawner.pre_spawn_hook = pre_spawn_hook(settings, home="/home/jovyan")
    c.KubeSpawner.profile_list = []  # nobody chooses their server
    c.KubeSpawner.environment = {"JUPYTERHUB_SINGLEUSER_EXTENSION": "1"}
    c.KubeSpawner.disable_user_config = True
    return settings


def _free_port() -> int:
    from ..serve import free_port

    return free_port()
