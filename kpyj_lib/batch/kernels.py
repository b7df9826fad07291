"""Warm kernels: one Jupyter kernel kept per worker, running job after job.

Starting a kernel and importing pandas, matplotlib and the library costs about 1.5 s, more
than a whole report takes once the kernel is warm. A :class:`WarmKernel` starts one kernel
and lends it to papermill job after job (papermill's nbclient engine with a kernel manager
it does not own: :data:`ENGINE`), with the same isolation a fresh kernel gives:

* **A clean namespace per job.** Before each job a hidden request (``silent``, not stored
  in the kernel's history, never part of the notebook) runs ``%reset -f``, freezes what
  outlived it (:func:`gc.freeze`: modules and caches, never walked by the collector
  again), sets the
  execution counter back to 1 (so cell numbers in an error are those of a fresh run),
  moves to the job's working folder and sets the kernel's environment to the caller's
  plus :attr:`kpyj_lib.batch.Job.env`: a store URL with a password reaches the kernel
  without being written into the notebook.
* **A failure costs the kernel.** After a failing cell, a timeout, or a kernel that died
  (``os._exit`` in a cell: :class:`nbclient.exceptions.DeadKernelError`), the kernel is shut
  down and the next job starts a new one: nothing a broken run left behind reaches it.
* **Bounded memory.** The kernel is replaced after ``max_jobs`` jobs or when its resident
  memory (with its child processes) exceeds ``max_mb`` megabytes.
* **Nothing leaks.** Each job's kernel client stops its channels when the job ends; the
  kernel's own stderr goes to a file of the worker and each job's share of it is copied
  to the job's log; :meth:`WarmKernel.shutdown` stops the kernel and removes that file
  (the pool's workers call it when they exit: :func:`worker_kernel`).

Examples
--------
>>> k = WarmKernel(max_jobs=2)
>>> k.alive, k.jobs_run
(False, 0)
>>> k.shutdown()  # nothing to stop
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_MAX_JOBS",
    "DEFAULT_MAX_MB",
    "ENGINE",
    "KernelSetupError",
    "WarmKernel",
    "kernel_rss_mb",
    "shutdown_worker_kernel",
    "worker_kernel",
]

#: Jobs one kernel runs before it is replaced (bounds what a leak can grow to).
DEFAULT_MAX_JOBS = 40
#: Resident memory (MB) of a kernel and its children above which it is replaced.
DEFAULT_MAX_MB = 1024.0
#: The papermill engine that runs a notebook in a kernel it is lent (registered on import).
ENGINE = "kpyj-warm"


class KernelSetupError(RuntimeError):
    """The hidden set-up request of a job failed (the kernel is replaced)."""


# ================================================================================ engine
def _register_engine() -> None:
    """Register :data:`ENGINE` with papermill (idempotent)."""
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger

    if ENGINE in papermill_engines._engines:
        return

    class WarmEngine(NBClientEngine):
        """papermill's nbclient engine with a kernel manager it is lent, not owns.

        nbclient keeps a lent kernel running and leaves the client it opened to the
        caller: this engine stops that client's channels when the notebook ends.
        """

        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man: Any,
            kernel_name: str,
            log_output: bool = False,
            stdout_file: Any = None,
            stderr_file: Any = None,
            start_timeout: float = 60,
            execution_timeout: float | None = None,
            **kwargs: Any,
        ) -> Any:
            km = kwargs.pop("km")
            kwargs.pop("input_path", None)
            client = PapermillNotebookClient(
                nb_man,
                km=km,
                timeout=execution_timeout,
                startup_timeout=start_timeout,
                kernel_name=kernel_name,
                log=logger,
                log_output=log_output,
                stdout_file=stdout_file,
                stderr_file=stderr_file,
            )
            try:
                return client.execute()
            finally:
                kc = client.kc
                client.kc = None
                if kc is not None:
                    kc.stop_channels()

    papermill_engines.register(ENGINE, WarmEngine)


# ================================================================================ memory
def kernel_rss_mb(pid: int | None) -> float:
    """Resident memory of process ``pid`` and its children, in MB (0 when unknown).

    >>> kernel_rss_mb(os.getpid()) > 10
    True
    >>> kernel_rss_mb(None)
    0.0
    """
    if not pid:
        return 0.0
    try:
        import psutil

        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
        total = 0
        for p in procs:
            with contextlib.suppress(psutil.Error):
                total += p.memory_info().rss
        return total / 2**20
    except Exception:  # no psutil, or the process is gone
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
    return 0.0


# ================================================================================ kernel
def _prelude(env: Mapping[str, str], cwd: str) -> str:
    """The hidden code run before each job: clean namespace, counter, folder, environment.

    After ``%reset -f`` (which collects the previous job's garbage) what is left — modules,
    fonts, the Thai dictionary, the library's caches — is moved out of the garbage
    collector's sight with :func:`gc.freeze`: it lives as long as the kernel, and every
    full collection walked all of it (2 s for each job's ``%reset`` once a report had run,
    and a quarter of the charts' time). What a job creates is collected as usual; the
    kernel is replaced after ``max_jobs`` jobs or ``max_mb`` MB in any case.
    """
    blob = json.dumps(json.dumps(dict(env), ensure_ascii=True))
    return (
        "get_ipython().run_line_magic('reset', '-f')\n"
        "import gc as _kpyj_gc\n"
        "_kpyj_gc.freeze()\n"
        "del _kpyj_gc\n"
        "import os as _kpyj_os, json as _kpyj_json\n"
        "_kpyj_os.environ.clear()\n"
        f"_kpyj_os.environ.update(_kpyj_json.loads({blob}))\n"
        f"_kpyj_os.chdir({json.dumps(cwd)})\n"
        "get_ipython().execution_count = 1\n"
        "del _kpyj_os, _kpyj_json\n"
    )


class WarmKernel:
    """One kernel kept for job after job (see the module documentation).

    Parameters
    ----------
    max_jobs : int
        Jobs before the kernel is replaced.
    max_mb : float
        Resident memory (MB, kernel and children) above which it is replaced after a job.
    """

    def __init__(self, max_jobs: int = DEFAULT_MAX_JOBS, max_mb: float = DEFAULT_MAX_MB):
        self.max_jobs = max(1, int(max_jobs))
        self.max_mb = float(max_mb)
        self.km: Any = None
        self._shell: Any = None  # a blocking client on the shell channel (set-up requests)
        self._err: Any = None  # the kernel's stderr file
        self._err_path: Path | None = None
        self._kernel_name = ""
        self._base_env: dict[str, str] = {}
        self.jobs_run = 0  # jobs run in the current kernel
        self.kernels_started = 0

    # ------------------------------------------------------------------ state
    @property
    def alive(self) -> bool:
        """True when a kernel is running."""
        if self.km is None:
            return False
        from jupyter_core.utils import run_sync

        try:
            return bool(run_sync(self.km.is_alive)())
        except Exception:
            return False

    @property
    def pid(self) -> int | None:
        """The kernel's process id, or None."""
        prov = getattr(self.km, "provisioner", None)
        proc = getattr(prov, "process", None)
        return getattr(proc, "pid", None)

    def rss_mb(self) -> float:
        """Resident memory of the kernel and its children (MB)."""
        return kernel_rss_mb(self.pid)

    # ------------------------------------------------------------------ life cycle
    def start(self, kernel_name: str, env: Mapping[str, str], cwd: Path | str) -> None:
        """Start a kernel (stopping a running one first)."""
        from jupyter_client.blocking import BlockingKernelClient
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        self.shutdown()
        fd, name = tempfile.mkstemp(prefix="kpyj-kernel-", suffix=".stderr")
        self._err_path = Path(name)
        self._err = os.fdopen(fd, "ab", buffering=0)
        km = AsyncKernelManager(kernel_name=kernel_name)
        run_sync(km.start_kernel)(env=dict(env), cwd=str(cwd), stderr=self._err)
        self.km = km
        shell = BlockingKernelClient()
        shell.load_connection_info(km.get_connection_info())
        shell.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=False)
        self._shell = shell
        self._kernel_name = kernel_name
        self._base_env = dict(env)
        self.jobs_run = 0
        self.kernels_started += 1

    def shutdown(self) -> None:
        """Stop the kernel (if any), its set-up client and remove its stderr file."""
        from jupyter_core.utils import run_sync

        if self._shell is not None:
            with contextlib.suppress(Exception):
                self._shell.stop_channels()
            self._shell = None
        if self.km is not None:
            km, self.km = self.km, None
            try:
                if run_sync(km.is_alive)():
                    run_sync(km.shutdown_kernel)(now=True)
            except Exception:
                pass
            with contextlib.suppress(Exception):
                run_sync(km.cleanup_resources)()
        if self._err is not None:
            self._err.close()
            self._err = None
        if self._err_path is not None:
            self._err_path.unlink(missing_ok=True)
            self._err_path = None
        self.jobs_run = 0

    def _run_hidden(self, code: str, timeout: float = 60) -> None:
        """Run ``code`` silently (no output, no history); raise on an error."""
        msg_id = self._shell.execute(code, silent=True, store_history=False)
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise KernelSetupError("the kernel did not answer the set-up request")
            try:
                reply = self._shell.get_shell_msg(timeout=min(left, 1.0))
            except Exception:  # queue.Empty: still waiting
                if not self.alive:
                    raise KernelSetupError("the kernel died during the set-up request") from None
                continue
            if reply.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            content = reply.get("content", {})
            if content.get("status") != "ok":
                raise KernelSetupError(
                    f"{content.get('ename', 'Error')}: {content.get('evalue', '')}".strip()
                )
            return

    # ------------------------------------------------------------------ jobs
    def prepare(
        self,
        kernel_name: str,
        env: Mapping[str, str],
        job_env: Mapping[str, str],
        cwd: Path | str,
    ) -> Any:
        """Make the kernel ready for a job; returns its kernel manager.

        Starts a kernel when there is none, it died, it ran ``max_jobs`` jobs or it is of
        another kind or environment; then runs the hidden set-up request for the job.
        """
        fresh = (
            self.km is None
            or not self.alive
            or self.jobs_run >= self.max_jobs
            or kernel_name != self._kernel_name
            or dict(env) != self._base_env
        )
        if fresh:
            self.start(kernel_name, env, cwd)
        try:
            self._run_hidden(_prelude({**env, **job_env}, str(cwd)))
        except KernelSetupError:
            if fresh:
                raise
            self.start(kernel_name, env, cwd)  # a kernel that went bad between jobs
            self._run_hidden(_prelude({**env, **job_env}, str(cwd)))
        return self.km

    def finish(self, ok: bool) -> None:
        """After a job: count it; replace the kernel after a failure or when it is too big."""
        self.jobs_run += 1
        if (
            not ok
            or not self.alive
            or self.jobs_run >= self.max_jobs
            or (self.max_mb and self.rss_mb() > self.max_mb)
        ):
            self.shutdown()

    def stderr_offset(self) -> int:
        """The current end of the kernel's stderr file (where a job's share starts)."""
        if self._err_path is None:
            return 0
        try:
            return self._err_path.stat().st_size
        except OSError:
            return 0

    def stderr_since(self, offset: int) -> bytes:
        """What the kernel wrote to stderr since ``offset``."""
        if self._err_path is None:
            return b""
        try:
            with open(self._err_path, "rb") as fh:
                fh.seek(offset)
                return fh.read()
        except OSError:
            return b""


# ================================================================================ per worker
_WORKER: WarmKernel | None = None


def worker_kernel(max_jobs: int = DEFAULT_MAX_JOBS, max_mb: float = DEFAULT_MAX_MB) -> WarmKernel:
    """This process's warm kernel (created on first use, stopped when the process exits)."""
    global _WORKER
    _register_engine()
    if _WORKER is None:
        import multiprocessing.util

        _WORKER = WarmKernel(max_jobs, max_mb)
        # pool workers leave through multiprocessing's exit path, which skips atexit
        multiprocessing.util.Finalize(None, shutdown_worker_kernel, exitpriority=10)
        import atexit

        atexit.register(shutdown_worker_kernel)
    _WORKER.max_jobs, _WORKER.max_mb = max(1, int(max_jobs)), float(max_mb)
    return _WORKER


def shutdown_worker_kernel() -> None:
    """Stop this process's warm kernel, if any."""
    global _WORKER
    if _WORKER is not None:
        _WORKER.shutdown()
        _WORKER = None
