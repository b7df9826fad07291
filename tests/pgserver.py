"""A throwaway PostgreSQL server for tests and benchmarks, started by the suite itself.

``initdb`` into a fresh temporary folder (as the ``postgres`` OS user when running as root,
since PostgreSQL refuses to run as root), ``postgres`` on a free 127.0.0.1 port with its
socket in the same folder, one database ``kpyj``; :meth:`PgServer.stop` shuts it down and
removes the folder. Missing binaries are an error, not a skip: ``make test`` installs the
``postgresql`` Debian package (Makefile ``SYSDEPS``).
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PgServer", "pg_bin", "running_pg", "start_pg"]

_RUN_AS = "postgres"


def pg_bin() -> Path:
    """The newest ``/usr/lib/postgresql/<version>/bin`` holding ``initdb`` and ``postgres``."""
    found = [
        Path(p).parent
        for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")
        if Path(p).with_name("postgres").exists()
    ]
    if not found:
        raise RuntimeError(
            "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin/initdb): "
            "install them with `apt-get install -y postgresql` (make test does: SYSDEPS)"
        )
    return max(found, key=lambda p: [int(x) for x in p.parent.name.split(".") if x.isdigit()])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", _RUN_AS, "--", *cmd] if os.geteuid() == 0 else cmd


@dataclass
class PgServer:
    """A running server: ``url`` is the SQLAlchemy URL of its ``kpyj`` database."""

    proc: subprocess.Popen[bytes]
    port: int
    base: Path
    log_path: Path

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/kpyj"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """Fast shutdown (SIGINT), SIGKILL if it lingers; then remove the data folder."""
        try:
            if self.proc.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGINT)
                try:
                    self.proc.wait(30)
                except subprocess.TimeoutExpired:
                    with contextlib.suppress(ProcessLookupError):
                        os.killpg(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(10)
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def start_pg(timeout: float = 60.0) -> PgServer:
    """initdb + postgres on a free port + ``CREATE DATABASE kpyj``; returns when it answers."""
    import psycopg

    bindir = pg_bin()
    base = Path(tempfile.mkdtemp(prefix="kpyj-pg-"))
    data, sock, log_path = base / "data", base / "sock", base / "postgres.log"
    sock.mkdir()
    if os.geteuid() == 0:
        import pwd

        pw = pwd.getpwnam(_RUN_AS)
        for p in (base, sock):
            os.chown(p, pw.pw_uid, pw.pw_gid)
    init = subprocess.run(
        _as_owner(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        ),
        capture_output=True,
        text=True,
    )
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = _free_port()
    log = open(log_path, "wb")  # noqa: SIM115 - the server's own output, closed below
    try:
        proc = subprocess.Popen(
            _as_owner(
                [
                    str(bindir / "postgres"),
                    "-D",
                    str(data),
                    "-k",
                    str(sock),
                    "-p",
                    str(port),
                    "-c",
                    "listen_addresses=127.0.0.1",
                    "-c",
                    "max_connections=200",
                    "-c",
                    "fsync=off",
                    "-c",
                    "full_page_writes=off",
                ]
            ),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        log.close()
    server = PgServer(proc, port, base, log_path)
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            text = server.log_text()
            server.stop()
            raise RuntimeError(f"postgres exited ({proc.returncode}):\n{text}")
        try:
            with psycopg.connect(
                host="127.0.0.1", port=port, user="postgres", dbname="postgres", autocommit=True
            ) as conn:
                conn.execute("CREATE DATABASE kpyj ENCODING 'UTF8' TEMPLATE template0")
            return server
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                text = server.log_text()
                server.stop()
                raise RuntimeError(
                    f"postgres did not answer within {timeout:.0f} s:\n{text}"
                ) from None
            time.sleep(0.2)


@contextlib.contextmanager
def running_pg() -> Iterator[PgServer]:
    """A server for the duration of a ``with`` block, always stopped afterwards."""
    server = start_pg()
    try:
        yield server
    finally:
        server.stop()
