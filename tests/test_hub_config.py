"""The JupyterHub configuration kpyj ships (kpyj_lib.hub), without starting a hub: the
settings from the environment, the server each role gets, what configure() sets, the
apps-only server's authorizer, and the copy in deploy/jupyterhub/."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace

import pytest
from hub_people import tables
from traitlets.config import Config

from kpyj_lib.hub import appserver, config, launch
from kpyj_lib.hub.plan import APPS_DIR, landing_app, server_plan
from kpyj_lib.hub.settings import HubError, HubSettings
from kpyj_lib.paths import PROJECT_ROOT
from kpyj_lib.services import access
from kpyj_lib.store import Store


@pytest.fixture
def store(tmp_store: Store) -> Store:
    tmp_store.write(tables())
    return tmp_store


def settings_for(store: Store, tmp_path: Path, **env: str) -> HubSettings:
    base = {
        "KPYJ_DB_URL": store.url.render_as_string(hide_password=False),
        "KPYJ_HUB_HOME": str(tmp_path / "hub"),
        "KPYJ_HUB_PROXY": "/usr/bin/true",
    }
    return HubSettings.from_env({**base, **env})


def person(*roles: str, units: tuple[str, ...] = ()) -> access.Person:
    return access.Person("x", "x", frozenset(roles), frozenset(units))


def test_settings_need_a_store_and_a_known_sign_in():
    with pytest.raises(HubError, match="KPYJ_DB_URL"):
        HubSettings.from_env({})
    with pytest.raises(HubError, match="sign-in"):
        HubSettings.from_env({"KPYJ_DB_URL": "sqlite:///x", "KPYJ_HUB_AUTH": "pam"})
    with pytest.raises(HubError, match="not a number"):
        HubSettings.from_env({"KPYJ_DB_URL": "sqlite:///x", "KPYJ_HUB_PORT": "eighty"})
    s = HubSettings.from_env(
        {"KPYJ_DB_URL": "sqlite:///x", "KPYJ_LDAP_SERVER": "ldap.moj", "KPYJ_HUB_PORT": "8100"}
    )
    assert s.ldap == {"SERVER": "ldap.moj"} and s.port == 8100


def test_each_role_gets_its_server(store, tmp_path):
    s = settings_for(
        store, tmp_path, KPYJ_READ_DB_URL="sqlite:///read", KPYJ_APP_DB_URL="sqlite:///app"
    )
    lab = {r: server_plan(person(r), s) for r in ("administrator", "strategy")}
    assert {p.kind for p in lab.values()} == {"lab"}
    assert lab["administrator"].environment["KPYJ_DB_URL"] == s.db_url
    assert lab["strategy"].environment["KPYJ_DB_URL"] == "sqlite:///read"
    for role, app in (
        ("planning", "directive_report"),
        ("reporter", "directive_report"),
        ("facilitator", "workshop"),
        ("participant", "workshop"),
    ):
        plan = server_plan(person(role), s)
        assert plan.kind == "apps" and plan.cmd[-1] == "kpyj_lib.hub.appserver", role
        assert plan.default_url == f"/voila/render/{app}.ipynb" and landing_app(person(role)) == app
        assert plan.root_dir == str(APPS_DIR) and plan.environment["KPYJ_DB_URL"] == "sqlite:///app"
        assert (APPS_DIR / f"{app}.ipynb").exists()
    # a reporter who also takes part in workshops lands on the workshop
    assert landing_app(person("reporter", "participant")) == "workshop"


def test_configure_fills_the_hub_config(store, tmp_path):
    c = Config()
    s = config.configure(c, settings_for(store, tmp_path))
    assert c.JupyterHub.ip == "127.0.0.1" and c.JupyterHub.port == 8000
    assert c.ConfigurableHTTPProxy.command == ["/usr/bin/true"]
    assert c.JupyterHub.admin_access is False and c.JupyterHub.allow_named_servers is False
    assert c.Authenticator.admin_users == {"admin"}
    assert c.JupyterHub.authenticator_class.__name__ == "KpyjNativeAuthenticator"
    assert c.NativeAuthenticator.open_signup is False
    assert c.JupyterHub.spawner_class.endswith("SimpleLocalProcessSpawner")
    culler = c.JupyterHub.services[0]
    assert culler["name"] == "idle-culler" and "--timeout=3600" in culler["command"]
    assert "delete:servers" in c.JupyterHub.load_roles[0]["scopes"]
    assert (s.home / "users").is_dir()


def test_dummy_sign_in_only_on_loopback(store, tmp_path):
    public = settings_for(store, tmp_path, KPYJ_HUB_AUTH="dummy", KPYJ_HUB_IP="0.0.0.0")
    with pytest.raises(HubError, match=r"127\.0\.0\.1"):
        config.configure(Config(), public)
    c = Config()
    config.configure(c, settings_for(store, tmp_path, KPYJ_HUB_AUTH="dummy"))
    assert c.JupyterHub.authenticator_class.__name__ == "KpyjDummyAuthenticator"


def test_no_proxy_no_hub(store, tmp_path, monkeypatch):
    s = settings_for(store, tmp_path)
    s = HubSettings(**{**s.__dict__, "proxy": None})
    with pytest.raises(HubError, match="configurable-http-proxy"):
        config.configure(Config(), s)


def test_only_registered_people_sign_in(store, tmp_path):
    c = Config()
    config.configure(c, settings_for(store, tmp_path, KPYJ_HUB_AUTH="dummy"))
    auth = c.JupyterHub.authenticator_class()
    assert auth.check_allowed("p1") and auth.check_allowed("P1".lower())
    assert not auth.check_allowed("nobody") and not auth.check_allowed("gone")
    assert auth.is_admin(None, {"name": "admin"}) and not auth.is_admin(None, {"name": "p1"})
    gone = asyncio.run(auth.refresh_user(SimpleNamespace(name="gone")))
    assert gone is False
    assert asyncio.run(auth.refresh_user(SimpleNamespace(name="admin"))) == {
        "name": "admin",
        "admin": True,
    }


def test_pre_spawn_hook_sets_command_folder_and_store(store, tmp_path):
    s = settings_for(store, tmp_path)
    hook = config.pre_spawn_hook(s)
    log = SimpleNamespace(info=lambda *a: None)
    spawner = SimpleNamespace(user=SimpleNamespace(name="rep.dop"), environment={"A": "1"}, log=log)
    hook(spawner)
    assert spawner.cmd[-1] == "kpyj_lib.hub.appserver"
    assert spawner.environment["KPYJ_DB_URL"] == s.app_db_url and spawner.environment["A"] == "1"
    assert spawner.notebook_dir == str(APPS_DIR)
    stranger = SimpleNamespace(user=SimpleNamespace(name="nobody"), environment={}, log=log)
    with pytest.raises(RuntimeError, match="ยังไม่ได้ลงทะเบียน"):
        hook(stranger)


def test_apps_only_server_allows_only_what_voila_needs():
    ok = appserver.AppsOnlyAuthorizer().is_authorized
    assert ok(None, None, "execute", "kernels") and ok(None, None, "read", "kernelspecs")
    for action, resource in (
        ("write", "kernels"),
        ("write", "contents"),
        ("read", "terminals"),
        ("write", "terminals"),
        ("read", "sessions"),
        ("write", "sessions"),
        ("read", "nbconvert"),
        ("write", "server"),
        ("write", "config"),
    ):
        assert not ok(None, None, action, resource), (action, resource)
    c = appserver.apps_only_config()
    assert c.ServerApp.terminals_enabled is False
    assert "execute_request" not in c.MappingKernelManager.allowed_message_types
    assert "comm_msg" in c.MappingKernelManager.allowed_message_types


def test_deploy_config_is_the_one_kpyj_runs():
    shipped = launch.CONFIG_FILE.read_text(encoding="utf-8")
    deploy = PROJECT_ROOT / "deploy" / "jupyterhub" / "jupyterhub_config.py"
    assert deploy.read_text(encoding="utf-8") == shipped
    assert "configure(c)" in shipped
    assert launch.hub_command()[-1] == str(launch.CONFIG_FILE)


def test_kubernetes_part_keeps_the_charts_own_settings(store, tmp_path):
    c = Config()
    s = config.configure_kubernetes(c, settings_for(store, tmp_path, KPYJ_HUB_AUTH="ldap",
                                                    KPYJ_LDAP_SERVER="ldap.example"))  # fmt: skip
    assert c.JupyterHub.authenticator_class.__name__ == "KpyjLDAPAuthenticator"
    assert c.LDAPAuthenticator.server_address == "ldap.example"
    assert "spawner_class" not in c.JupyterHub and "services" not in c.JupyterHub
    log = SimpleNamespace(info=lambda *a: None)
    lab = SimpleNamespace(user=SimpleNamespace(name="admin"), environment={}, log=log)
    c.KubeSpawner.pre_spawn_hook(lab)
    assert lab.notebook_dir == "/home/jovyan" and lab.environment["KPYJ_HOME"] == "/home/jovyan"
    assert lab.environment["KPYJ_DB_URL"] == s.db_url
