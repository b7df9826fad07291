"""Start and stop a JupyterHub for kpyj on this machine (``kpyj hub``, the tests).

The hub runs as ``python -m jupyterhub -f kpyj_lib/hub/jupyterhub_config.py`` in a process
group of its own, with the settings of :mod:`kpyj_lib.hub.settings` in its environment. It
starts configurable-http-proxy, the idle culler and, when people sign in, their servers;
:meth:`HubServer.stop` stops all of them.

Examples
--------
>>> cmd = hub_command()
>>> cmd[1:3], cmd[-1].endswith("jupyterhub_config.py")
(['-m', 'jupyterhub'], True)
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, ClassVar

from ..exceptions import KpyjError
from ..serve import ProcessServer, _port_open
from .settings import HubError

__all__ = ["CONFIG_FILE", "HubServer", "hub_command", "serve_forever", "start"]

#: The configuration file ``kpyj hub`` runs (deploy/jupyterhub/ holds the same two lines).
CONFIG_FILE = Path(__file__).resolve().parent / "jupyterhub_config.py"


def hub_command(config_file: str | os.PathLike[str] | None = None) -> list[str]:
    """The command line of the hub."""
    return [sys.executable, "-m", "jupyterhub", "-f", str(config_file or CONFIG_FILE)]


@dataclass
class HubServer(ProcessServer):
    """A running hub (its own process group) and where to reach it; stopping it stops the
    servers it started, then anything left behind."""

    _name: ClassVar[str] = "JupyterHub"
    _error: ClassVar[type[KpyjError]] = HubError
    _poll_seconds: ClassVar[float] = 0.25
    _tail_lines: ClassVar[int] = 60
    _stop_seconds: ClassVar[float] = 30.0

    def wait_ready(self, timeout: float = 120.0) -> None:
        """Wait until the hub answers ``/hub/health`` through the proxy."""

        def healthy() -> bool:
            if not _port_open(self.host, self.port):
                return False
            try:
                with urllib.request.urlopen(self.url + "hub/health", timeout=5) as r:
                    return r.status == 200
            except OSError:
                return False

        self._wait_for(healthy, timeout, f"the hub did not answer within {timeout:.0f} s")


def start(
    *,
    db_url: str,
    home: str | os.PathLike[str],
    port: int | None = None,
    host: str = "127.0.0.1",
    auth: str = "native",
    env: Mapping[str, str] | None = None,
    log_path: str | os.PathLike[str] | None = None,
    config_file: str | os.PathLike[str] | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> HubServer:
    """Start a hub in the background; always :meth:`HubServer.stop` it."""
    from ..serve import free_port, kernel_db_url

    port = port or free_port(host)
    home = Path(home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    environ = dict(os.environ if env is None else env)
    environ.update(
        {
            "KPYJ_DB_URL": kernel_db_url(db_url),
            "KPYJ_HUB_HOME": str(home),
            "KPYJ_HUB_IP": host,
            "KPYJ_HUB_PORT": str(port),
            "KPYJ_HUB_AUTH": auth,
            "PYTHONUNBUFFERED": "1",
        }
    )
    # the virtual environment's commands first (jupyterhub-singleuser, the culler)
    environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environ.get("PATH", "")])
    environ.update(extra_env or {})
    log: IO[bytes] | None = None
    if log_path is not None:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        log = open(log_path, "wb")  # noqa: SIM115 - closed by HubServer.stop
    try:
        proc = subprocess.Popen(
            hub_command(config_file),
            env=environ,
            cwd=str(home),
            stdout=log,
            stderr=subprocess.STDOUT if log is not None else None,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except Exception:
        if log is not None:
            log.close()
        raise
    return HubServer(proc, host, port, Path(log_path) if log_path else None, log)


def serve_forever(**kwargs: Any) -> int:
    """Run the hub in the foreground until Ctrl-C (the ``kpyj hub`` command)."""

    def _stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    server = start(**kwargs)
    try:
        server.wait_ready()
        print(f"JupyterHub ของ kpyj พร้อมที่ (hub ready at): {server.url}", flush=True)
        print("กด Ctrl-C เพื่อหยุด (press Ctrl-C to stop)", flush=True)
        return server.proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
