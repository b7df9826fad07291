"""Lessons learned (ถอดบทเรียน): opening a write-up from the store, recording lessons, the batch.

What a write-up says is :mod:`kpyj_lib.documents.lessons` (:class:`LessonsDoc`,
:func:`build_writeup`, :func:`build_synthesis`, :func:`build_lessons`); how it looks is
:mod:`kpyj_lib.render` (``templates/lessons.html.j2`` and ``synthesis.html.j2``,
:func:`kpyj_lib.render.show`, :func:`kpyj_lib.render.docx.write_docx`). What is left here
reads or writes the store or runs notebooks, until it moves to ``store``/``services``/
``publish``:

* :func:`open_lessons` — the one call ``notebooks/lessons_learned.ipynb`` makes: open the
  store and build one write-up;
* :func:`write_lessons` runs ``notebooks/lessons_learned.ipynb`` through papermill for each
  province and for the synthesis (with :mod:`kpyj_lib.batch`) and writes
  ``<out>/<fy>/<code>/lessons.html`` + ``lessons.docx`` and
  ``<out>/<fy>/lessons_synthesis.html`` + ``.docx`` (:func:`lessons_jobs` builds the jobs).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import reference
from .documents.lessons import ALL, LessonsDoc, build_lessons
from .documents.lessons import as_of_date as _to_date
from .exceptions import ReportError
from .graph import build_graph
from .workspace import Workspace

__all__ = [
    "PROVINCE_STEM",
    "SYNTHESIS_STEM",
    "lessons_jobs",
    "open_lessons",
    "write_lessons",
]


# =========================================================================== opening a write-up
def open_lessons(
    province: str,
    fiscal_year: int | None = None,
    db_url: str | None = None,
    as_of: str | None = None,
) -> LessonsDoc:
    """Open the store (``db_url`` or the default) and build one write-up.

    The one call ``notebooks/lessons_learned.ipynb`` makes after its ``parameters`` cell;
    ``province`` is a code or ``"ALL"``. The code is checked before the store is opened.
    """
    from .store import open_store

    if str(province).strip().upper() != ALL:
        province = reference.check_province(province)
    store = open_store(db_url or None)
    try:
        ws = store.workspace(int(fiscal_year) if fiscal_year else None)
    finally:
        store.close()
    return build_lessons(ws, province, as_of or None)


# =========================================================================== writing lessons
# =========================================================================== batch
#: The stem of a province's write-up files and of the synthesis files.
PROVINCE_STEM, SYNTHESIS_STEM = "lessons", "lessons_synthesis"


def _notebook() -> Path:
    from .paths import NOTEBOOKS_DIR

    return NOTEBOOKS_DIR / "lessons_learned.ipynb"


def lessons_jobs(
    store: Any,
    fiscal_year: int,
    provinces: Iterable[str | int],
    out_dir: str | os.PathLike[str],
    as_of: dt.date | str | None = None,
    *,
    workspace: Workspace | None = None,
    notebook: Path | None = None,
    synthesis: bool = True,
) -> list[Any]:
    """The :class:`kpyj_lib.batch.Job` s of the lessons-learned write-ups.

    Each province gets ``out_dir/<fy>/<code>/lessons.*``, the synthesis (when ``synthesis``)
    ``out_dir/<fy>/lessons_synthesis.*``; the parameters are ASCII: ``province`` (a code or
    ``"ALL"``), ``fiscal_year``, ``db_url`` and ``as_of`` (always an ISO date: the default
    is resolved here, so that the notebooks and the DOCX written beside them use one date).

    Raises
    ------
    UnknownProvinceError
        A code that is not one of the 77 provinces (checked before anything else).
    ReportError
        The template is missing, ``as_of`` is not a date, or the store is in memory.
    """
    from . import batch

    codes = list(dict.fromkeys(reference.check_province(c) for c in provinces))
    notebook = Path(notebook) if notebook else _notebook()
    if not notebook.is_file():
        raise ReportError(f"ไม่พบสมุดงานแม่แบบ (template notebook not found): {notebook}")
    fy = int(fiscal_year)
    ws = workspace if workspace is not None else store.workspace(fy)
    if ws.fiscal_year != fy:
        raise ReportError(f"workspace is for {ws.fiscal_year}, not {fy}")
    try:
        day = _to_date(as_of, ws)
    except ValueError as exc:
        raise ReportError(f"วันที่ไม่ถูกต้อง ใช้ YYYY-MM-DD (bad as_of date): {as_of!r}") from exc
    db_url, env = batch.store_url_for_kernel(store)
    inputs = hashlib.sha256(
        f"{batch.workspace_fingerprint(ws)}:{batch.library_fingerprint()}".encode()
    ).hexdigest()
    year_dir = Path(out_dir) / str(fy)
    params = {"fiscal_year": fy, "db_url": db_url, "as_of": day.isoformat()}
    jobs = []
    for code in codes:
        name = reference.province_name(code)
        jobs.append(
            batch.Job(
                notebook=notebook,
                output_dir=year_dir / code,
                stem=PROVINCE_STEM,
                parameters={"province": code, **params},
                label=f"{code} {name}",
                key=code,
                title=f"ถอดบทเรียน กพยจ. จังหวัด{name} ปีงบประมาณ พ.ศ. {fy}",
                input_fingerprint=inputs,
                env=env,
            )
        )
    if synthesis:
        jobs.append(
            batch.Job(
                notebook=notebook,
                output_dir=year_dir,
                stem=SYNTHESIS_STEM,
                parameters={"province": ALL, **params},
                label="ภาพรวมจังหวัดนำร่อง (ALL)",
                key=ALL,
                title=f"ถอดบทเรียน กพยจ. ภาพรวมจังหวัดนำร่อง ปีงบประมาณ พ.ศ. {fy}",
                input_fingerprint=inputs,
                env=env,
            )
        )
    return jobs


def write_lessons(
    store: Any,
    fiscal_year: int,
    provinces: Iterable[str | int],
    out_dir: str | os.PathLike[str],
    *,
    as_of: dt.date | str | None = None,
    synthesis: bool = True,
    workers: int | None = None,
    force: bool = False,
    progress: bool = False,
    pdf: bool = False,
) -> dict[str, Any]:
    """Run the lessons notebook per province (and for ``ALL``) and write HTML and DOCX.

    Files, all written atomically (the HTML / ipynb by :func:`kpyj_lib.batch.run_jobs`):

    * ``<out_dir>/<fy>/<code>/lessons.html`` (+ ``.ipynb``) and ``lessons.docx``;
    * ``<out_dir>/<fy>/lessons_synthesis.html`` (+ ``.ipynb``) and ``lessons_synthesis.docx``.

    The DOCX is built in this process from the same :class:`LessonsDoc` the notebook shows
    (same store, same ``as_of``), after the notebook succeeded; a failed job's stale DOCX is
    removed; a skipped (unchanged) job keeps its DOCX, or gets one if it is missing.

    Returns
    -------
    dict
        ``results`` (the :class:`kpyj_lib.batch.JobResult` s, each with ``outputs["docx"]``
        when written), ``html`` and ``docx`` (key → path of the files present), ``failed``
        (keys), ``links`` (``(text, path relative to <out_dir>/<fy>)`` of the synthesis, for
        :func:`kpyj_lib.batch.write_index`), ``fiscal_year``, ``as_of`` (ISO) and ``sample``.
    """
    from . import batch
    from .render.docx import write_docx

    codes = list(dict.fromkeys(reference.check_province(c) for c in provinces))
    fy = int(fiscal_year)
    ws = store.workspace(fy)
    jobs = lessons_jobs(store, fy, codes, out_dir, as_of, workspace=ws, synthesis=synthesis)
    day = dt.date.fromisoformat(jobs[0].parameters["as_of"]) if jobs else _to_date(as_of, ws)
    results = batch.run_jobs(
        jobs, workers=workers, pdf=pdf, force=force, progress=progress, desc=f"ถอดบทเรียน {fy}"
    )
    G = build_graph(ws)
    out: dict[str, Any] = {
        "results": results,
        "html": {},
        "docx": {},
        "failed": [],
        "links": [],
        "fiscal_year": fy,
        "as_of": day.isoformat(),
        "sample": bool(ws.is_sample),
    }
    for job, res in zip(jobs, results, strict=True):
        docx_path = job.output_dir / f"{job.stem}.docx"
        if res.status == batch.STATUS_FAILED:
            docx_path.unlink(missing_ok=True)
            out["failed"].append(job.key)
            continue
        html_path = job.path("html")
        stale = not docx_path.is_file() or (
            html_path.is_file() and docx_path.stat().st_mtime < html_path.stat().st_mtime
        )
        if res.status == batch.STATUS_OK or stale:
            doc = build_lessons(ws, job.parameters["province"], day, G=G)
            write_docx(doc, docx_path)
        res.outputs["docx"] = docx_path.name
        out["docx"][job.key] = docx_path
        if html_path.is_file():
            out["html"][job.key] = html_path
    if synthesis and ALL in out["html"]:
        out["links"] = [
            ("ถอดบทเรียนภาพรวมจังหวัดนำร่อง (HTML)", f"{SYNTHESIS_STEM}.html"),
            ("ถอดบทเรียนภาพรวมจังหวัดนำร่อง (Word)", f"{SYNTHESIS_STEM}.docx"),
        ]
    return out
