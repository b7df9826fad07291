"""Serve the workshop and explorer apps with Voila (``kpyj serve`` / ``make workshop``).

Voila runs one kernel per visitor, so an app's shared state lives in the store. The server
is started with:

* ``127.0.0.1`` only (another host turns on Voila's token, see :func:`voila_command`);
* notebook sources stripped and Voila's other defaults kept — tracebacks are not sent to
  the page and the kernels accept no execute requests from it;
* **preheated kernels** (``--preheat_kernel=True --pool_size=N``): the notebook is run
  before anyone asks for it, so the first ``N`` visitors get their page in milliseconds;
  the pool refills in the background after each visitor;
* **idle kernels culled**: a kernel whose visitor has gone (no connection) and that has
  been idle ``cull_idle_timeout`` seconds is shut down; pooled kernels are never culled.

Examples
--------
>>> cmd = voila_command("workshop", port=8899)
>>> cmd[1:3], "--strip_sources=True" in cmd, "--preheat_kernel=True" in cmd
(['-m', 'voila'], True, True)
>>> any("show_tracebacks=True" in c for c in cmd)
False
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar

from .exceptions import KpyjError
from .paths import NOTEBOOKS_DIR

__all__ = [
    "APPS",
    "DEFAULT_CULL_IDLE",
    "DEFAULT_FILL_DELAY",
    "DEFAULT_POOL_SIZE",
    "ProcessServer",
    "ServeError",
    "VoilaServer",
    "app_path",
    "free_port",
    "kernel_db_url",
    "running",
    "serve_forever",
    "start",
    "stop_process_group",
    "voila_command",
]

#: The apps ``kpyj serve`` knows by name (paths under ``notebooks/``).
APPS: dict[str, str] = {
    "workshop": "apps/workshop.ipynb",
    "explorer": "apps/explorer.ipynb",
}
#: Preheated kernels kept ready per notebook (each ~100 MB of memory).
DEFAULT_POOL_SIZE = 4
#: Seconds to wait before refilling the pool after a visitor took a kernel, so that the
#: next kernel's start does not compete with the page the visitor is loading.
DEFAULT_FILL_DELAY = 5.0
#: Seconds a kernel whose visitor has gone may stay idle before it is shut down.
DEFAULT_CULL_IDLE = 3600
_CULL_INTERVAL = 300
_POOL_FILLED = "is filled with"
_LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class ServeError(KpyjError):
    """Voila could not be started or did not answer."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now (the OS picks it).

    >>> 1024 < free_port() < 65536
    True
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def kernel_db_url(db_url: str) -> str:
    """The store URL as the kernels need it: they run in the notebook's folder, so a
    SQLite file named relative to here is made absolute.

    >>> kernel_db_url("data/kpyj.sqlite") == f"sqlite:///{Path('data/kpyj.sqlite').resolve()}"
    True
    >>> kernel_db_url("postgresql+psycopg://u@db/kpyj")
    'postgresql+psycopg://u@db/kpyj'
    """
    import sqlalchemy as sa

    if "://" not in db_url:
        return f"sqlite:///{Path(db_url).resolve()}"
    url = sa.make_url(db_url)
    db = url.database
    if url.get_backend_name() == "sqlite" and db and db != ":memory:":
        url = url.set(database=str(Path(db).resolve()))
    return url.render_as_string(hide_password=False)


def app_path(app: str | os.PathLike[str]) -> Path:
    """The notebook of an app: a name of :data:`APPS` or a path to an ``.ipynb``.

    >>> app_path("workshop").name
    'workshop.ipynb'
    """
    name = str(app)
    path = NOTEBOOKS_DIR / APPS[name] if name in APPS else Path(name)
    if path.suffix != ".ipynb" or not path.is_file():
        known = ", ".join(APPS)
        raise ServeError(f"ไม่พบแอป {name!r} (no such app or notebook; known apps: {known})")
    return path.resolve()


def voila_command(
    app: str | os.PathLike[str] = "workshop",
    *,
    port: int,
    host: str = "127.0.0.1",
    preheat: bool = True,
    pool_size: int = DEFAULT_POOL_SIZE,
    cull_idle_timeout: int = DEFAULT_CULL_IDLE,
    fill_delay: float = DEFAULT_FILL_DELAY,
    token: bool | None = None,
    extra: Sequence[str] = (),
) -> list[str]:
    """The command line that serves ``app`` with Voila.

    ``token=None`` means: a token only when ``host`` is not a loopback address, because
    then people on the network can reach the page.
    """
    use_token = (host not in _LOOPBACK) if token is None else token
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(app_path(app)),
        "--no-browser",
        f"--port={int(port)}",
        "--Voila.port_retries=0",  # the port asked for, or fail (never another one)
        f"--Voila.ip={host}",
        "--strip_sources=True",
        "--theme=light",
        f"--MappingKernelManager.cull_idle_timeout={int(cull_idle_timeout)}",
        f"--MappingKernelManager.cull_interval={_CULL_INTERVAL}",
        "--MappingKernelManager.cull_connected=False",
    ]
    if preheat and pool_size > 0:
        cmd += [
            "--preheat_kernel=True",
            f"--pool_size={int(pool_size)}",
            f"--VoilaKernelManager.fill_delay={float(fill_delay)}",
        ]
    if use_token:
        cmd.append("--token")
    return cmd + list(extra)


def _port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def stop_process_group(
    proc: subprocess.Popen[Any], leftovers: Sequence[int] = (), timeout: float = 15.0
) -> None:
    """Stop a server started in a process group of its own, and whatever it left behind.

    SIGTERM to the group and up to ``timeout`` seconds for ``proc`` to end, then SIGKILL to
    anything still in the group (a child that ignored SIGTERM, or a helper), then SIGKILL to
    each pid of ``leftovers`` (children started in sessions of their own, such as Jupyter
    kernels, are not in the group). Processes already gone are passed over.
    """
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)
    for pid in leftovers:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


@dataclass
class ProcessServer:
    """A server kpyj started in a process group of its own, and where to reach it.

    The shared part of :class:`VoilaServer` and :class:`kpyj_lib.hub.launch.HubServer`:
    the URL, the log, waiting with the log's tail in the error, and stopping the group and
    whatever it started. A subclass names itself (``_name``) and its error class.
    """

    proc: subprocess.Popen[bytes]
    host: str
    port: int
    log_path: Path | None = None
    _log: IO[bytes] | None = field(default=None, repr=False)

    _name: ClassVar[str] = "server"
    _error: ClassVar[type[KpyjError]] = KpyjError
    _poll_seconds: ClassVar[float] = 0.1
    _tail_lines: ClassVar[int] = 40
    _stop_seconds: ClassVar[float] = 15.0

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/"

    def log_text(self) -> str:
        """What the server has written so far (when started with a log file)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def _tail(self, n: int | None = None) -> str:
        return "\n".join(self.log_text().splitlines()[-(n or self._tail_lines) :])

    def _wait_for(self, done: Callable[[], bool], timeout: float, failure: str) -> None:
        """Poll ``done``; raise when the server exits or ``timeout`` runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise self._error(
                    f"{self._name} หยุดทำงาน (exited {self.proc.returncode}):\n{self._tail()}"
                )
            if done():
                return
            time.sleep(self._poll_seconds)
        raise self._error(f"{failure}:\n{self._tail()}")

    def descendants(self) -> list[int]:
        """The processes the server started (kernels run in sessions of their own)."""
        try:
            import psutil  # a dependency of ipykernel

            return [c.pid for c in psutil.Process(self.proc.pid).children(recursive=True)]
        except Exception:
            return []

    def stop(self, timeout: float | None = None) -> None:
        """SIGTERM to the process group, then SIGKILL to what is left of it and to every
        process it started (:func:`stop_process_group`); the log file is closed."""
        children = self.descendants()
        try:
            stop_process_group(
                self.proc, children, self._stop_seconds if timeout is None else timeout
            )
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None


@dataclass
class VoilaServer(ProcessServer):
    """A running Voila process (its own process group) and where to reach it.

    Voila shuts its kernels down on SIGTERM; any kernel still alive afterwards is killed by
    its process id when the server is stopped (jupyter_client starts kernels in new
    sessions, so they are not in Voila's process group).
    """

    pool_size: int = 0

    _name: ClassVar[str] = "Voila"
    _error: ClassVar[type[KpyjError]] = ServeError

    def wait_ready(self, timeout: float = 60.0) -> None:
        """Wait until the port answers (without asking for a page, which takes a kernel)."""
        self._wait_for(
            lambda: _port_open(self.host, self.port),
            timeout,
            f"Voila ไม่ตอบภายใน {timeout:.0f} วินาที (no answer)",
        )

    def wait_pool(self, timeout: float = 120.0) -> None:
        """Wait until the preheated pool is full (read from Voila's log)."""
        if self.pool_size <= 0:
            return
        if self.log_path is None:
            raise ServeError("wait_pool needs the server's log file")
        self._wait_for(
            lambda: _POOL_FILLED in self.log_text(),
            timeout,
            f"kernel pool not filled within {timeout:.0f} s",
        )

    def get(self, path: str = "", timeout: float = 60.0) -> str:
        """GET a page of the server (takes a kernel when it is a notebook page)."""
        with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as r:
            return r.read().decode("utf-8", errors="replace")

    def kernel_pids(self) -> list[int]:
        """Processes Voila started (its kernels)."""
        return self.descendants()


def start(
    app: str | os.PathLike[str] = "workshop",
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    db_url: str | None = None,
    preheat: bool = True,
    pool_size: int = DEFAULT_POOL_SIZE,
    cull_idle_timeout: int = DEFAULT_CULL_IDLE,
    fill_delay: float = DEFAULT_FILL_DELAY,
    token: bool | None = None,
    log_path: str | os.PathLike[str] | None = None,
    env: Mapping[str, str] | None = None,
    extra: Sequence[str] = (),
) -> VoilaServer:
    """Start Voila in the background, in a process group of its own.

    ``db_url`` is passed to the kernels as ``KPYJ_DB_URL``. Output goes to ``log_path``
    (or is inherited). Always :meth:`VoilaServer.stop` it — or use :func:`running`.
    """
    port = port or free_port(host if host in _LOOPBACK else "0.0.0.0")
    cmd = voila_command(
        app,
        port=port,
        host=host,
        preheat=preheat,
        pool_size=pool_size,
        cull_idle_timeout=cull_idle_timeout,
        fill_delay=fill_delay,
        token=token,
        extra=extra,
    )
    environ = dict(os.environ if env is None else env)
    if db_url:
        environ["KPYJ_DB_URL"] = kernel_db_url(db_url)
    environ.setdefault("PYTHONUNBUFFERED", "1")
    log: IO[bytes] | None = None
    if log_path is not None:
        Path(log_path).parent.mkdir(parents=True, exist_ok=True)
        log = open(log_path, "wb")  # noqa: SIM115 - closed by VoilaServer.stop
    try:
        proc = subprocess.Popen(
            cmd,
            env=environ,
            cwd=str(app_path(app).parent),
            stdout=log,
            stderr=subprocess.STDOUT if log is not None else None,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    except Exception:
        if log is not None:
            log.close()
        raise
    return VoilaServer(
        proc,
        host if host not in ("0.0.0.0", "") else "127.0.0.1",
        port,
        Path(log_path) if log_path is not None else None,
        _log=log,
        pool_size=pool_size if preheat else 0,
    )


@contextlib.contextmanager
def running(app: str | os.PathLike[str] = "workshop", **kwargs: Any) -> Iterator[VoilaServer]:
    """Start Voila, wait until it answers, and always stop it afterwards.

    >>> # with running("workshop", db_url=url, log_path="voila.log") as server:
    >>> #     page.goto(server.url)
    """
    server = start(app, **kwargs)
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def serve_forever(app: str = "workshop", **kwargs: Any) -> int:
    """Run Voila in the foreground until Ctrl-C or SIGTERM (the ``kpyj serve`` command).

    Voila runs in a session of its own, so it is stopped here, kernels included.
    """

    def _stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, _stop)  # also when started with SIGINT ignored (nohup, &)
    signal.signal(signal.SIGTERM, _stop)
    server = start(app, **kwargs)
    try:
        server.wait_ready()
        print(f"แอป {app} พร้อมที่ (app ready at): {server.url}", flush=True)
        print("กด Ctrl-C เพื่อหยุด (press Ctrl-C to stop)", flush=True)
        return server.proc.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()
