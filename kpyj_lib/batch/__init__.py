"""A generic runner of parameterised notebooks: jobs, the pool, HTML/PDF export.

It knows what a notebook run is, not what a notebook says: which documents ``kpyj
reports`` writes is decided in :mod:`kpyj_lib.publish`.

=================  =====================================================================
module             what it holds
=================  =====================================================================
:mod:`.jobs`       :class:`Job`, :class:`JobResult`, parameter checks, fingerprints,
                   the job's files and saved state, :func:`format_summary`
:mod:`.export`     :func:`export_html` (nbconvert), :func:`notebook_headline`,
                   :func:`html_to_pdf` (headless Chromium), :func:`find_chromium`
:mod:`.runner`     :func:`run_jobs` (the process pool, failure isolation, atomic
                   outputs), :func:`run_one` (the worker's part) and
                   :func:`pool_session` (one pool and its warm kernels for several runs)
:mod:`.kernels`    :class:`WarmKernel`: one kernel kept per worker, job after job (clean
                   namespace, job environment, replaced after a failure, N jobs or M MB)
=================  =====================================================================

Examples
--------
>>> from pathlib import Path
>>> job = Job(Path("report.ipynb"), Path("out/83"), parameters={"province": "83"}, key="83")
>>> job.path("html").name, job.key
('analysis.html', '83')
"""

from .export import (
    CHROMIUM,
    CHROMIUM_FLAGS,
    HEADLINE_MIME,
    export_html,
    find_chromium,
    html_to_pdf,
    notebook_headline,
    page_css,
)
from .jobs import (
    STATUS_FAILED,
    STATUS_OK,
    STATUS_SKIPPED,
    STATUS_TH,
    Job,
    JobResult,
    check_parameters,
    format_summary,
    job_fingerprint,
)
from .kernels import WarmKernel
from .runner import pool_session, run_jobs, run_one

__all__ = [
    "CHROMIUM",
    "CHROMIUM_FLAGS",
    "HEADLINE_MIME",
    "STATUS_FAILED",
    "STATUS_OK",
    "STATUS_SKIPPED",
    "STATUS_TH",
    "Job",
    "JobResult",
    "WarmKernel",
    "check_parameters",
    "export_html",
    "find_chromium",
    "format_summary",
    "html_to_pdf",
    "job_fingerprint",
    "notebook_headline",
    "page_css",
    "pool_session",
    "run_jobs",
    "run_one",
]
