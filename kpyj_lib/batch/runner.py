"""The process pool that runs parameterised notebooks, one failure isolated from the rest.

Each :class:`Job` is one papermill run of a template notebook with ASCII, JSON-friendly
parameters. :func:`run_jobs` runs them in a process pool; each worker keeps one warm
kernel and runs job after job in it (:mod:`kpyj_lib.batch.kernels`: a clean namespace per
job, the kernel replaced after a failure, a death, N jobs or M MB), and, for every job,
writes into the job's ``output_dir``:

==========================  ===============================================================
file                        content
==========================  ===============================================================
``<stem>.ipynb``            the executed notebook (success)
``<stem>.html``             the same with code hidden, Thai font embedded, A4 print CSS
``<stem>.pdf``              with ``pdf=True``: the HTML printed by headless Chromium
``<stem>.error.ipynb``      failure: the executed notebook up to the failing cell
``<stem>.error.html``       failure: the same as a page (the traceback is an output)
``.<stem>.state.json``      the fingerprint of the last successful run and its headline
``.<stem>.log``             what the kernel wrote to stderr during the last run
==========================  ===============================================================

Decisions
---------
* **Atomic files.** Every file is written under a temporary name in its own folder, then
  renamed with :func:`os.replace`; a reader never sees half a file. Pages and summaries go
  through :func:`kpyj_lib.files.atomic_write_text`; the files other programs write
  (papermill's notebook, Chromium's PDF, the kernel's log) are named
  ``.<name>.tmp-<pid>``, and those of dead runs are removed at the next run.
* **Skip unchanged.** A job's fingerprint is the SHA-256 of the template notebook's bytes,
  the parameters, the job's and the run's input fingerprints (the caller's hash of the data)
  and the kpyj version. When ``.<stem>.state.json`` holds the same fingerprint and the
  outputs exist, the job is ``"skipped"`` (no kernel is started) and keeps its previous
  headline. ``force=True`` runs it anyway.
* **A failure removes the stale success.** When a job fails, the previous run's
  ``<stem>.ipynb/.html/.pdf`` and its state are deleted, so the folder never shows a report
  built from data that no longer holds; the error notebook and page take their place. A
  success deletes a stale error notebook, and a run without ``pdf`` deletes a stale PDF.
* **Headline figures.** A notebook publishes its headline with
  ``display({"application/vnd.kpyj.headline+json": {...}}, raw=True)``; the dicts are
  merged in cell order into :attr:`JobResult.headline` and kept out of the HTML.
* **Parameters are ASCII.** papermill writes other characters as ``\\uXXXX`` escapes in the
  injected cell; pass codes (``"83"``) and let the notebook look up Thai names.
* **Workers.** A :class:`concurrent.futures.ProcessPoolExecutor` on a *forkserver* context
  (never plain fork: the caller may hold zmq sockets, threads, database connections); the
  fork server imports papermill and nbconvert once. Each worker runs one job at a time and
  receives the caller's current environment. A script that calls :func:`run_jobs` needs
  the usual ``if __name__ == "__main__":`` guard; notebooks and ``kpyj`` need nothing.
  A worker that dies takes no other job with it: the jobs it held are run again, alone.
* **Secrets stay out of notebooks.** :attr:`Job.env` is set in the worker (and so in the
  kernel) but not written anywhere: a store URL with a password goes there, not into the
  ``db_url`` parameter that papermill records in the notebook.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import datetime as dt
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from .. import __version__
from ..exceptions import ReportError
from ..files import atomic_write_text
from .export import export_html, html_to_pdf, notebook_headline, require_chromium
from .jobs import (
    STATUS_FAILED,
    STATUS_OK,
    STATUS_SKIPPED,
    Job,
    JobResult,
    job_fingerprint,
    remove_dead_tmp_files,
    tmp_path,
    up_to_date,
)
from .kernels import DEFAULT_MAX_JOBS, DEFAULT_MAX_MB, ENGINE, worker_kernel

__all__ = ["pool_session", "run_jobs", "run_one"]


# ================================================================================ one job
def _error_text(exc: BaseException) -> tuple[str, int | None]:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"{exc.ename}: {exc.evalue}", exc.exec_count
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": "), None


def _relname(job: Job, kind: str) -> str:
    return job.path(kind).name


def run_one(
    job: Job,
    *,
    pdf: bool = False,
    fingerprint: str = "",
    environ: Mapping[str, str] | None = None,
    warm: bool = False,
    max_kernel_jobs: int = DEFAULT_MAX_JOBS,
    max_kernel_mb: float = DEFAULT_MAX_MB,
) -> JobResult:
    """Run one job in this process and write its files; never raises for a notebook error.

    Meant to run in a worker of :func:`run_jobs`: for the duration of the job it sets the
    process environment to ``environ`` (the caller's, default: unchanged) plus
    :attr:`Job.env`, and points file descriptor 2 at the job's log so that the kernel's
    messages land there.

    With ``warm=True`` the job runs in this process's kept kernel
    (:func:`kpyj_lib.batch.kernels.worker_kernel`: namespace reset, job environment set by
    a hidden request, kernel replaced after a failure, after ``max_kernel_jobs`` jobs or
    above ``max_kernel_mb`` MB); otherwise papermill starts and stops a kernel for it.

    Returns a :class:`JobResult` with status ``"ok"`` or ``"failed"``; see the module
    documentation for the files written and removed.
    """
    import nbformat
    import papermill

    start = time.perf_counter()
    out = job.output_dir
    out.mkdir(parents=True, exist_ok=True)
    remove_dead_tmp_files(out)
    tmp_nb = tmp_path(job.path("ipynb"), ".ipynb")  # papermill wants the .ipynb suffix
    saved_env = dict(os.environ)
    if environ is not None:  # a fork server's workers would otherwise see its old environment
        os.environ.clear()
        os.environ.update(environ)
    os.environ.update(job.env)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # debugger noise
    error: str | None = None
    error_cell: int | None = None
    nb = None
    # The kernel inherits file descriptor 2: its start-up warnings and dying words go to
    # the job's log, not over the progress bar.
    log_tmp = tmp_path(job.path("log"))
    sys.stderr.flush()
    saved_stderr = os.dup(2)
    with open(log_tmp, "wb") as log:
        os.dup2(log.fileno(), 2)
    kernel = worker_kernel(max_kernel_jobs, max_kernel_mb) if warm else None
    offset = 0
    try:
        try:
            if kernel is not None:
                base = dict(os.environ)
                for k in job.env:  # the job's own variables go with the hidden request
                    base.pop(k, None)
                km = kernel.prepare(job.kernel_name, base, job.env, str(job.cwd))
                offset = kernel.stderr_offset()
                nb = papermill.execute_notebook(
                    str(job.notebook),
                    str(tmp_nb),
                    parameters=job.parameters,
                    engine_name=ENGINE,
                    kernel_name=job.kernel_name,
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=False,
                    execution_timeout=job.timeout,
                    km=km,
                )
            else:
                nb = papermill.execute_notebook(
                    str(job.notebook),
                    str(tmp_nb),
                    parameters=job.parameters,
                    kernel_name=job.kernel_name,
                    progress_bar=False,
                    log_output=False,
                    request_save_on_cell_execute=False,
                    cwd=str(job.cwd),
                    execution_timeout=job.timeout,
                )
        except Exception as exc:  # the notebook failed, the kernel died, a cell timed out
            error, error_cell = _error_text(exc)
        if kernel is not None:
            with open(log_tmp, "ab") as log:  # the kernel's stderr during this job
                log.write(kernel.stderr_since(offset))
            kernel.finish(error is None)

        if error is not None:
            outputs: dict[str, str] = {}
            for kind in ("ipynb", "html", "pdf", "state"):  # no stale success next to it
                job.path(kind).unlink(missing_ok=True)
            job.path("error_html").unlink(missing_ok=True)
            if tmp_nb.is_file():
                try:
                    page = export_html(
                        nbformat.read(tmp_nb, as_version=4), title=job.title or job.label
                    )
                    atomic_write_text(job.path("error_html"), page)
                    outputs["error_html"] = _relname(job, "error_html")
                except Exception:  # the error notebook itself is what matters
                    pass
                os.replace(tmp_nb, job.path("error"))
                outputs = {"error": _relname(job, "error"), **outputs}
            else:
                job.path("error").unlink(missing_ok=True)
            return JobResult(
                key=job.key,
                label=job.label,
                status=STATUS_FAILED,
                seconds=round(time.perf_counter() - start, 3),
                outputs=outputs,
                error=error,
                output_dir=str(out),
                error_cell=error_cell,
            )

        headline = notebook_headline(nb)
        atomic_write_text(job.path("html"), export_html(nb, title=job.title or job.label))
        os.replace(tmp_nb, job.path("ipynb"))
        outputs = {"ipynb": _relname(job, "ipynb"), "html": _relname(job, "html")}
        job.path("error").unlink(missing_ok=True)
        job.path("error_html").unlink(missing_ok=True)
        job.path("state").unlink(missing_ok=True)
        if pdf:
            try:
                html_to_pdf(job.path("html"), job.path("pdf"))
            except ReportError as exc:  # the fresh notebook and page stay; no state: runs again
                job.path("pdf").unlink(missing_ok=True)
                return JobResult(
                    key=job.key,
                    label=job.label,
                    status=STATUS_FAILED,
                    seconds=round(time.perf_counter() - start, 3),
                    outputs=outputs,
                    error=f"PDF: {exc}",
                    headline=headline,
                    output_dir=str(out),
                )
            outputs["pdf"] = _relname(job, "pdf")
        else:
            job.path("pdf").unlink(missing_ok=True)  # a PDF of older data
        seconds = round(time.perf_counter() - start, 3)
        state = {
            "fingerprint": fingerprint,
            "key": job.key,
            "label": job.label,
            "headline": headline,
            "outputs": outputs,
            "seconds": seconds,
            "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "kpyj_version": __version__,
        }
        atomic_write_text(job.path("state"), json.dumps(state, ensure_ascii=False, indent=1))
        return JobResult(
            key=job.key,
            label=job.label,
            status=STATUS_OK,
            seconds=seconds,
            outputs=outputs,
            headline=headline,
            output_dir=str(out),
        )
    finally:
        sys.stderr.flush()
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        os.replace(log_tmp, job.path("log"))
        tmp_nb.unlink(missing_ok=True)
        os.environ.clear()
        os.environ.update(saved_env)


def _worker_init() -> None:
    import nbconvert  # noqa: F401  - import once per worker, not once per job
    import papermill  # noqa: F401


def _pool_context() -> multiprocessing.context.BaseContext:
    """A forkserver context (spawn where there is none); never plain fork.

    The parent may hold zmq sockets, threads or a database connection that a forked child
    must not share. The fork server imports papermill and nbconvert once, so that every
    worker it forks starts ready (about 1.5 s saved per worker).
    """
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kpyj_lib.batch", "papermill", "nbconvert", "nbformat"])
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - not on Linux


# ================================================================================ many jobs
def run_jobs(
    jobs: Sequence[Job],
    *,
    workers: int | None = None,
    pdf: bool = False,
    force: bool = False,
    progress: bool = True,
    input_fingerprint: str = "",
    desc: str = "รายงาน",
    warm: bool = True,
    max_kernel_jobs: int = DEFAULT_MAX_JOBS,
    max_kernel_mb: float = DEFAULT_MAX_MB,
) -> list[JobResult]:
    """Run every job in a process pool; one failing job never stops the others.

    Parameters
    ----------
    jobs : sequence of Job
        Their output folders must differ or their stems must.
    workers : int, optional
        Processes in the pool (default: the number of CPUs), never more than the jobs to run.
    pdf : bool
        Also print each HTML page to ``<stem>.pdf`` with Chromium.
    force : bool
        Run jobs whose fingerprint says their outputs are up to date.
    progress : bool
        Show a tqdm progress bar on stderr labelled with the job just finished.
    input_fingerprint : str
        A hash of the data every job reads; part of each job's fingerprint.
    desc : str
        The progress bar's title.
    warm : bool
        Each worker keeps one kernel and runs job after job in it (default); ``False``
        starts a kernel per job, as plain papermill does.
    max_kernel_jobs, max_kernel_mb : int, float
        A warm kernel is replaced after this many jobs, or after a job that left it above
        this many MB of resident memory (kernel and children).

    Returns
    -------
    list of JobResult
        In the order of ``jobs``.

    Raises
    ------
    ReportError
        Before any run: a template is missing, two jobs share an output, bad ``workers``,
        or ``pdf`` without Chromium. A job's own failure is a result, never an exception.

    Notes
    -----
    The workers start from a fork server, so a *script* calling this function needs the
    ``if __name__ == "__main__":`` guard; notebooks and the ``kpyj`` command need nothing.
    """
    from tqdm.auto import tqdm

    jobs = list(jobs)
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise ReportError(f"จำนวน worker ต้องเป็นจำนวนเต็มบวก (workers must be >= 1): {workers!r}")
    seen: dict[Path, str] = {}
    for job in jobs:
        if not job.notebook.is_file():
            raise ReportError(f"ไม่พบสมุดงานแม่แบบ (template notebook not found): {job.notebook}")
        target = job.path("ipynb").resolve()
        if target in seen:
            raise ReportError(
                f"งาน {seen[target]!r} และ {job.key!r} เขียนไฟล์เดียวกัน (two jobs write {target})"
            )
        seen[target] = job.key
    if pdf:
        require_chromium()

    results: list[JobResult | None] = [None] * len(jobs)
    fingerprints = [job_fingerprint(job, input_fingerprint) for job in jobs]
    bar = tqdm(total=len(jobs), desc=desc, unit="report", disable=not progress, file=sys.stderr)

    def done(i: int, res: JobResult) -> None:
        results[i] = res
        bar.set_postfix_str(f"{res.label} [{res.status}]", refresh=False)
        bar.update(1)

    todo: list[int] = []
    for i, job in enumerate(jobs):
        state = None if force else up_to_date(job, fingerprints[i], pdf)
        if state is None:
            todo.append(i)
            continue
        outputs = {k: job.path(k).name for k in ("ipynb", "html", "pdf") if job.path(k).is_file()}
        done(
            i,
            JobResult(
                key=job.key,
                label=job.label,
                status=STATUS_SKIPPED,
                seconds=0.0,
                outputs=outputs,
                headline=dict(state.get("headline") or {}),
                output_dir=str(job.output_dir),
            ),
        )

    try:
        kernel_opts = {
            "warm": warm,
            "max_kernel_jobs": max_kernel_jobs,
            "max_kernel_mb": max_kernel_mb,
        }
        broken = _run_pool(jobs, todo, fingerprints, workers, pdf, done, kernel_opts)
        for i in broken:  # a worker process died: run each again alone, once
            broken_again = _run_pool(jobs, [i], fingerprints, 1, pdf, done, kernel_opts, fresh=True)
            for j in broken_again:
                remove_dead_tmp_files(jobs[j].output_dir)
                for kind in ("ipynb", "html", "pdf", "state"):  # as for any failure
                    jobs[j].path(kind).unlink(missing_ok=True)
                done(
                    j,
                    JobResult(
                        key=jobs[j].key,
                        label=jobs[j].label,
                        status=STATUS_FAILED,
                        seconds=0.0,
                        error="BrokenProcessPool: กระบวนการทำงานหยุดกลางคัน "
                        "(the worker process died)",
                        output_dir=str(jobs[j].output_dir),
                    ),
                )
    finally:
        bar.close()
    return [r for r in results if r is not None]


# the pool kept by pool_session(): {"pool": ProcessPoolExecutor, "workers": int} or None
_SESSION: dict[str, object] | None = None


@contextlib.contextmanager
def pool_session() -> Iterator[None]:
    """Keep one process pool — and so each worker's warm kernel — for every :func:`run_jobs`
    call inside the block, instead of a pool (and kernels) per call.

    ``kpyj reports`` runs the province reports, the lessons write-ups, the cluster reports
    and the national overview one after the other: each call started its workers, their
    kernels, the imports of the library and paid the first collection of a full kernel
    again (about 5 s per worker per call). A call reuses the kept pool when that never
    runs more jobs at once than its ``workers`` allow; otherwise, and for the lone re-run
    of a job whose worker died, it makes its own pool as outside a session. A pool broken
    by a dead worker is dropped. The pool and its kernels stop when the block ends;
    nesting is allowed (the outermost block owns the pool).

    Examples
    --------
    >>> with pool_session():
    ...     run_jobs([], progress=False)
    []
    """
    global _SESSION
    if _SESSION is not None:
        yield
        return
    _SESSION = {}
    try:
        yield
    finally:
        session, _SESSION = _SESSION, None
        pool = session.get("pool")
        if isinstance(pool, cf.ProcessPoolExecutor):
            pool.shutdown(wait=True, cancel_futures=True)


def _new_pool(workers: int) -> cf.ProcessPoolExecutor:
    return cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=_pool_context(), initializer=_worker_init
    )


def _session_pool(workers: int, n_jobs: int) -> cf.ProcessPoolExecutor | None:
    """The session's pool for a call of ``workers`` with ``n_jobs`` jobs, or None."""
    if _SESSION is None:
        return None
    pool = _SESSION.get("pool")
    if pool is None:
        pool = _SESSION["pool"] = _new_pool(workers)
        _SESSION["workers"] = workers
    size = int(_SESSION["workers"])  # type: ignore[call-overload]
    if size <= workers or n_jobs <= workers:  # never more at once than asked
        return pool  # type: ignore[return-value]
    return None


def _drop_session_pool(pool: cf.ProcessPoolExecutor) -> None:
    if _SESSION is not None and _SESSION.get("pool") is pool:
        _SESSION.pop("pool", None)
        _SESSION.pop("workers", None)
    pool.shutdown(wait=False, cancel_futures=True)


def _run_pool(
    jobs, todo, fingerprints, workers, pdf, done, kernel_opts=None, *, fresh: bool = False
) -> list[int]:
    """Run ``jobs[i] for i in todo`` in a pool (the session's, else a fresh one that is shut
    down at the end); returns the indices lost to a dead worker."""
    if not todo:
        return []
    environ = dict(os.environ)
    broken: list[int] = []
    pool = None if fresh else _session_pool(workers, len(todo))
    owned = pool is None
    if pool is None:
        pool = _new_pool(min(workers, len(todo)))
    try:
        futures = {
            pool.submit(
                run_one,
                jobs[i],
                pdf=pdf,
                fingerprint=fingerprints[i],
                environ=environ,
                **(kernel_opts or {}),
            ): i
            for i in todo
        }
        for fut in cf.as_completed(futures):
            i = futures[fut]
            try:
                res = fut.result()
            except cf.process.BrokenProcessPool:
                broken.append(i)
                continue
            except Exception as exc:  # an error outside the notebook (disk full, ...)
                error, _ = _error_text(exc)
                res = JobResult(
                    key=jobs[i].key,
                    label=jobs[i].label,
                    status=STATUS_FAILED,
                    seconds=0.0,
                    error=error,
                    output_dir=str(jobs[i].output_dir),
                )
            done(i, res)
    except BaseException:  # Ctrl-C: do not wait for the queue
        if owned:
            pool.shutdown(wait=False, cancel_futures=True)
        else:
            _drop_session_pool(pool)
        raise
    if owned:
        pool.shutdown(wait=True)
    elif broken:  # a worker died: the pool is broken, the session starts another
        _drop_session_pool(pool)
    return sorted(broken)
