"""Lessons learned (ถอดบทเรียน): opening a write-up from the store, recording lessons, the batch.

What a write-up says is :mod:`kpyj_lib.documents.lessons` (:class:`LessonsDoc`,
:func:`build_writeup`, :func:`build_synthesis`, :func:`build_lessons`); how it looks is
:mod:`kpyj_lib.render` (``templates/lessons.html.j2`` and ``synthesis.html.j2``,
:func:`kpyj_lib.render.show`, :func:`kpyj_lib.render.docx.write_docx`). What is left here
reads or writes the store or runs notebooks, until it moves to ``store``/``services``/
``publish``:

* :func:`open_lessons` — the one call ``notebooks/lessons_learned.ipynb`` makes: open the
  store and build one write-up;
* :func:`add_lesson` records a lesson and its links in one transaction (for the workshop app);
* :func:`write_lessons` runs ``notebooks/lessons_learned.ipynb`` through papermill for each
  province and for the synthesis (with :mod:`kpyj_lib.batch`) and writes
  ``<out>/<fy>/<code>/lessons.html`` + ``lessons.docx`` and
  ``<out>/<fy>/lessons_synthesis.html`` + ``.docx`` (:func:`lessons_jobs` builds the jobs).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import reference
from .documents.lessons import ALL, LessonsDoc, build_lessons
from .documents.lessons import as_of_date as _to_date
from .exceptions import KpyjError, ReportError, StoreError
from .graph import build_graph
from .workspace import Workspace

__all__ = [
    "PROVINCE_STEM",
    "SYNTHESIS_STEM",
    "add_lesson",
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
def add_lesson(
    store: Any,
    lesson: Mapping[str, Any],
    links: Sequence[Mapping[str, Any]] = (),
    *,
    replace: bool = False,
) -> dict[str, int]:
    """Validate a lesson and its links and write them in one transaction.

    Parameters
    ----------
    store : Store
    lesson : mapping
        The fields of :class:`kpyj_lib.model.Lesson`; ``fiscal_year`` may be left out and
        is then the fiscal year of ``date``.
    links : sequence of mapping
        ``{"target_type": ..., "target_id": ...}`` (``lesson_id`` optional; it must be the
        lesson's). A target must exist in the store (PMQA categories are ``"1"``–``"7"``).
    replace : bool
        Replace an existing lesson with the same id and all its links; without it an
        existing id is refused.

    Returns
    -------
    dict
        Rows written: ``{"lessons": 1, "lesson_links": n}``.

    Raises
    ------
    KpyjError
        Listing every problem (in Thai and English); nothing is written.

    Examples
    --------
    >>> import tempfile
    >>> from kpyj_lib.store import Store
    >>> from kpyj_lib.examples import tiny_tables
    >>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/s.sqlite"); store.init()
    >>> _ = store.write({k: v for k, v in tiny_tables().items()})
    >>> add_lesson(store, {"id": "LES-83-09", "province_code": "83", "kind": "obstacle",
    ...     "source": "workshop", "date": "2022-05-02", "title_th": "ข้อมูลไม่ทันรอบประชุม"},
    ...     [{"target_type": "key_result", "target_id": "KR-83-01-1"},
    ...      {"target_type": "pmqa_category", "target_id": "4"}])
    {'lessons': 1, 'lesson_links': 2}
    >>> add_lesson(store, {"id": "LES-83-10", "kind": "obstacle", "source": "workshop",
    ...     "date": "2022-05-02", "title_th": "x"},
    ...     [{"target_type": "key_result", "target_id": "NOPE"}])
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.KpyjError: บันทึกบทเรียนไม่ได้ ...
    >>> store.close()
    """
    import pydantic
    import sqlalchemy as sa

    from .calendar import fiscal_year as fy_of
    from .model import NODE_TABLES, Lesson, LessonLink
    from .store import metadata

    problems: list[str] = []
    data = dict(lesson)
    if data.get("fiscal_year") in (None, "") and data.get("date"):
        with contextlib.suppress(ValueError, TypeError):
            day = data["date"]
            day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
            data["fiscal_year"] = fy_of(day)
    try:
        rec = Lesson(**data)
    except pydantic.ValidationError as e:
        rec = None
        problems += [
            f"{'.'.join(map(str, err['loc'])) or 'lesson'}: {err['msg']}" for err in e.errors()
        ]
    link_recs: list[LessonLink] = []
    lesson_id = rec.id if rec is not None else str(data.get("id", ""))
    seen: set[tuple[str, str]] = set()
    for i, link in enumerate(links):
        d = dict(link)
        if d.setdefault("lesson_id", lesson_id) != lesson_id:
            problems.append(
                f"links[{i}]: รหัสบทเรียน {d['lesson_id']!r} ไม่ตรงกับ {lesson_id!r} "
                "(link belongs to another lesson)"
            )
            continue
        d["target_id"] = str(d.get("target_id", "")).strip()
        try:
            lr = LessonLink(**d)
        except pydantic.ValidationError as e:
            problems += [
                f"links[{i}].{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors()
            ]
            continue
        key = (lr.target_type, lr.target_id)
        if key in seen:
            problems.append(f"links[{i}]: เชื่อมโยงซ้ำ (duplicate link) {key}")
            continue
        seen.add(key)
        link_recs.append(lr)
    if rec is not None and rec.province_code is not None:
        try:
            reference.check_province(rec.province_code)
        except ValueError as e:
            problems.append(f"province_code: {e}")
    if problems:
        raise KpyjError("บันทึกบทเรียนไม่ได้ (cannot record the lesson): " + "; ".join(problems))
    assert rec is not None
    store.check()
    try:
        with store.begin() as conn:
            lessons_t = metadata.tables["lessons"]
            exists = conn.execute(sa.select(lessons_t.c.id).where(lessons_t.c.id == rec.id)).first()
            if exists and not replace:
                raise KpyjError(
                    f"มีบทเรียนรหัส {rec.id!r} อยู่แล้ว ใช้ replace=True เพื่อแทนที่ "
                    f"(lesson {rec.id!r} exists; pass replace=True to replace it)"
                )
            missing = []
            for lr in link_recs:
                table = metadata.tables[NODE_TABLES[lr.target_type]]
                col = table.c["id"]
                target: Any = (
                    int(lr.target_id)
                    if lr.target_type == "pmqa_category" and lr.target_id.isdigit()
                    else lr.target_id
                )
                if lr.target_type == "lesson" and lr.target_id == rec.id:
                    continue
                if conn.execute(sa.select(col).where(col == target)).first() is None:
                    missing.append(f"{lr.target_type}:{lr.target_id}")
            if missing:
                raise KpyjError(
                    "บันทึกบทเรียนไม่ได้ ไม่พบปลายทางที่เชื่อมโยง (link targets not found): "
                    + ", ".join(missing)
                )
            if exists:
                links_t = metadata.tables["lesson_links"]
                conn.execute(links_t.delete().where(links_t.c.lesson_id == rec.id))
            written = store.write({"lessons": [rec], "lesson_links": link_recs}, conn=conn)
    except sa.exc.IntegrityError as e:
        raise StoreError(f"ฐานข้อมูลปฏิเสธการบันทึก (store refused the write): {e.orig}") from e
    return {"lessons": written.get("lessons", 0), "lesson_links": written.get("lesson_links", 0)}


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
