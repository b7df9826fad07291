"""What ``kpyj reports`` publishes: the jobs of each document kind, the index, the DOCX step.

Three kinds of document are published by running a thin notebook per document through
:mod:`kpyj_lib.batch` (:data:`KINDS`):

=============  ===========================  ============================================
kind           notebook                     files (under the reports folder ``<out>``)
=============  ===========================  ============================================
``province``   ``province_report.ipynb``    ``<fy>/<code>/analysis.{ipynb,html,pdf}``
``lessons``    ``lessons_learned.ipynb``    ``<fy>/<code>/lessons.*`` (+ ``.docx``) and
                                            ``<fy>/lessons_synthesis.*`` (scope ``ALL``)
``directives`` ``directives_weekly.ipynb``  ``directives/directives_<monday>.*``
=============  ===========================  ============================================

* :func:`document_jobs` — the one job builder: it checks every province code before it
  becomes part of a path, passes ASCII parameters (``db_url`` without a password: that goes
  into the kernel's environment, :func:`store_url_for_kernel`) and fingerprints the year's
  data and the library's source, so that an unchanged report is skipped.
* :func:`open_document` — what a notebook calls after its ``parameters`` cell: open the
  store and build the document of one kind.
* :func:`plan_reports` and :func:`run_reports` — the body of ``kpyj reports``: the province
  reports (pilot provinces by default), optionally the lessons write-ups with their DOCX
  (:func:`write_lessons`), and ``<out>/<fy>/index.html`` + ``summary.json``
  (:func:`write_index`, through the template ``render/templates/index.html.j2``).
* :func:`publish_directives` — ``kpyj reports --directives --week DATE``.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> pilot_provinces(tiny_workspace())
['64', '83']
>>> KINDS
('province', 'lessons', 'directives')
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from . import __version__
from .batch import (
    STATUS_FAILED,
    STATUS_OK,
    STATUS_SKIPPED,
    STATUS_TH,
    Job,
    JobResult,
    run_jobs,
)
from .calendar import format_thai_datetime, now_bangkok
from .documents.lessons import ALL
from .documents.official import check_lang
from .exceptions import ReportError
from .files import atomic_write_text
from .paths import NOTEBOOKS_DIR, PACKAGE_DIR, REPORTS_DIR
from .reference import check_province, model_provinces, province_name
from .text import DASH, format_number, is_missing

__all__ = [
    "ALL",
    "HEADLINE_LABELS",
    "KINDS",
    "NOTEBOOKS",
    "PROVINCE_REPORT_COLUMNS",
    "ReportsPlan",
    "ReportsRun",
    "attach_outputs",
    "document_jobs",
    "library_fingerprint",
    "open_document",
    "pilot_provinces",
    "plan_reports",
    "publish_directives",
    "run_reports",
    "store_url_for_kernel",
    "workspace_fingerprint",
    "write_index",
    "write_lessons",
    "write_lessons_docx",
]

#: The document kinds ``kpyj reports`` publishes.
KINDS: tuple[str, ...] = ("province", "lessons", "directives")
#: The template notebook of each kind, in :data:`kpyj_lib.paths.NOTEBOOKS_DIR`.
NOTEBOOKS: dict[str, str] = {
    "province": "province_report.ipynb",
    "lessons": "lessons_learned.ipynb",
    "directives": "directives_weekly.ipynb",
}
#: Output stems: the province report, a province's write-up, the synthesis.
PROVINCE_STEM, LESSONS_STEM, SYNTHESIS_STEM = "analysis", "lessons", "lessons_synthesis"

#: Thai column headers of headline keys that reports commonly publish; others show the key.
HEADLINE_LABELS: dict[str, str] = {
    "objectives": "วัตถุประสงค์",
    "key_results": "ผลลัพธ์หลัก (KR)",
    "kpis": "ตัวชี้วัด",
    "initiatives": "โครงการ",
    "budget": "งบประมาณ (บาท)",
    "progress": "ความก้าวหน้า",
    "aligned_share": "สัดส่วนที่เชื่อมโยงแผน",
    "orphans": "รายการที่ไม่เชื่อมโยง",
    "end_products": "End Product",
    "lessons": "บทเรียน",
    "directives": "ข้อสั่งการ",
    "progress_pct": "ความก้าวหน้า (ร้อยละ)",
    "expected_pct": "ตามแผน (ร้อยละ)",
    "status_th": "สถานะความก้าวหน้า",
    "findings": "ข้อค้นพบ",
}
#: The headline columns of the province report's index page (keys of ``ProvinceReport.headline``).
PROVINCE_REPORT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (k, HEADLINE_LABELS[k])
    for k in (
        "objectives",
        "key_results",
        "progress_pct",
        "expected_pct",
        "status_th",
        "orphans",
        "findings",
        "budget",
    )
)
#: The link texts of the index page, in the order they are shown.
LINK_TEXT: dict[str, str] = {
    "html": "รายงาน (HTML)",
    "pdf": "PDF",
    "lessons_html": "ถอดบทเรียน (HTML)",
    "lessons_docx": "ถอดบทเรียน (Word)",
    "lessons_ipynb": "ถอดบทเรียน (ipynb)",
    "lessons_pdf": "ถอดบทเรียน (PDF)",
    "ipynb": "โน้ตบุ๊ก (ipynb)",
    "error_html": "หน้าข้อผิดพลาด",
    "error": "โน้ตบุ๊กที่ผิดพลาด (ipynb)",
}


# ================================================================================ inputs
@functools.cache
def library_fingerprint() -> str:
    """SHA-256 of the kpyj library's source and packaged tables (so code edits re-run)."""
    h = hashlib.sha256(__version__.encode())
    for p in sorted(PACKAGE_DIR.rglob("*")):
        if p.suffix in (".py", ".csv") and "__pycache__" not in p.parts:
            h.update(p.relative_to(PACKAGE_DIR).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def workspace_fingerprint(ws: Any) -> str:
    """SHA-256 over every table of a workspace (one fiscal year's rows), as CSV."""
    h = hashlib.sha256(str(ws.fiscal_year).encode())
    for name in sorted(ws.frames):
        h.update(f"\0{name}\0".encode())
        h.update(ws.frames[name].to_csv(index=False).encode("utf-8"))
    return h.hexdigest()


def store_url_for_kernel(store: Any) -> tuple[str, dict[str, str]]:
    """The ``db_url`` parameter and the kernel environment that reach ``store``.

    A SQLite path is made absolute (the kernel runs in the project root). A URL with a
    password or non-ASCII characters is passed as ``KPYJ_DB_URL`` in the kernel's
    environment and the parameter is ``""`` (the notebook then opens the default store).
    """
    url = store.url
    if url.get_backend_name() == "sqlite":
        db = url.database
        if not db or db == ":memory:":
            raise ReportError(
                "รายงานต้องใช้ฐานข้อมูลแบบไฟล์ ไม่ใช่ในหน่วยความจำ "
                "(reports need a file or server store, not an in-memory SQLite)"
            )
        url = url.set(database=str(Path(db).resolve()))
    text = url.render_as_string(hide_password=False)
    if url.password or not text.isascii():
        return "", {"KPYJ_DB_URL": text}
    return text, {}


def pilot_provinces(ws: Any) -> list[str]:
    """The model provinces (จังหวัดต้นแบบ) of the pilot that have objectives in ``ws``, sorted.

    ``--pilot`` means these four (Sukhothai, Nakhon Phanom, Phuket, Ratchaburi), not driving
    group 1 (the pilot provinces that are operating centres of their cluster).
    """
    codes = {str(c) for c in ws["objectives"]["province_code"] if not is_missing(c)}
    return sorted(codes & set(model_provinces()))


def _date(value: dt.date | str | None) -> dt.date | None:
    """``value`` as a date (``None`` for nothing), or a :class:`ReportError`."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ReportError(f"วันที่ไม่ถูกต้อง ใช้ YYYY-MM-DD (bad as_of date): {value!r}") from exc


# ================================================================================ jobs
@dataclass(frozen=True)
class _Target:
    """One document of a run: where it goes and what the notebook is told."""

    output_dir: Path
    stem: str
    parameters: dict[str, Any]
    label: str
    key: str
    title: str


#: Page titles of a province's documents and of the synthesis.
_TITLES = {
    "province": "รายงานวิเคราะห์ กพยจ. จังหวัด{name} ปีงบประมาณ พ.ศ. {fy}",
    "lessons": "ถอดบทเรียน กพยจ. จังหวัด{name} ปีงบประมาณ พ.ศ. {fy}",
    ALL: "ถอดบทเรียน กพยจ. ภาพรวมจังหวัดต้นแบบ ปีงบประมาณ พ.ศ. {fy}",
}


def _targets(
    kind: str, fy: int, scopes: list[str], root: Path, when: Any, ws: Any, lang: str = "th"
) -> list[_Target]:
    """The documents of ``kind`` (the only part of :func:`document_jobs` that differs)."""
    if kind == "directives":  # one week, every fiscal year: a continuing directive is
        from .analysis.directives import as_week, format_week_th  # reported until done

        week = as_week(when)
        stem = f"directives_{week.isoformat()}"
        title = f"รายงานผลการดำเนินงานตามข้อสั่งการ ประจำสัปดาห์ระหว่างวันที่ {format_week_th(week)}"
        params = {"week": week.isoformat(), "fiscal_year": 0, "lang": lang}
        return [_Target(root / "directives", stem, params, title, stem, title)]
    if kind == "lessons":  # always a date: the notebooks and the DOCX beside them share it
        from .analysis.progress import default_as_of

        as_of = (when or default_as_of(ws)).isoformat()
    else:
        as_of = when.isoformat() if when else ""
    stem = PROVINCE_STEM if kind == "province" else LESSONS_STEM
    targets = []
    for scope in scopes:
        params = {"province": scope, "fiscal_year": fy, "as_of": as_of, "lang": lang}
        if scope == ALL:  # the synthesis across the model provinces
            label, title = "ภาพรวมจังหวัดต้นแบบ", _TITLES[ALL].format(fy=fy)
            targets.append(_Target(root / str(fy), SYNTHESIS_STEM, params, label, ALL, title))
        else:
            name = province_name(scope)
            title = _TITLES[kind].format(name=name, fy=fy)
            targets.append(
                _Target(root / str(fy) / scope, stem, params, f"{scope} {name}", scope, title)
            )
    return targets


def document_jobs(
    kind: str,
    store: Any,
    fiscal_year: int | None,
    scopes: Iterable[str | int],
    out_dir: str | os.PathLike[str],
    as_of: dt.date | str | None = None,
    *,
    workspace: Any = None,
    notebook: str | os.PathLike[str] | None = None,
    stem: str | None = None,
    lang: str = "th",
) -> list[Job]:
    """The batch jobs that publish documents of one ``kind`` (see :data:`KINDS`).

    Parameters
    ----------
    kind : str
        ``"province"``, ``"lessons"`` or ``"directives"``.
    store : Store
        The store the notebooks read (a file or server store; passed as ``db_url`` or, with
        a password, as ``KPYJ_DB_URL`` in the kernel's environment only).
    fiscal_year : int, optional
        The fiscal year (BE) of a province report or write-up (``None``: the newest); not
        used by ``directives``, which reads the directives of every year.
    scopes : iterable of str
        Province codes; for ``lessons`` also ``"ALL"`` (the synthesis, put last); ignored
        by ``directives``. Every code is checked before it becomes part of a path.
    out_dir : path
        The reports folder: the files go to ``<out_dir>/<fy>/...`` or
        ``<out_dir>/directives/``.
    as_of : date or str, optional
        The report date (ISO). ``lessons`` resolves the default here (one date for the
        notebooks and the DOCX); for ``directives`` it is any day of the week (required).
    workspace : Workspace, optional
        The year's workspace if already read (saves reading it again).
    notebook : path, optional
        Another template with the same parameters (tests).
    stem : str, optional
        Another base name of the files (``province`` only).
    lang : str
        ``"th"`` (Thai only, default) or ``"th-en"`` (with English glosses), passed to the
        notebook as the parameter ``lang``.

    Returns
    -------
    list of Job
        In the order of ``scopes``; the input fingerprint hashes the year's data and the
        library's source (``directives``: none — :func:`publish_directives` always runs it,
        the print-out depends on the day it is compiled).

    Raises
    ------
    UnknownProvinceError
        A code that is not one of the 77 provinces.
    ReportError
        An unknown kind, the template is missing, ``as_of`` is not a date, the workspace is
        of another year, or the store is in memory.

    Examples
    --------
    >>> document_jobs("brochure", None, 2565, [], "reports")
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.ReportError: ไม่รู้จักเอกสารชนิด 'brochure' ...
    """
    if kind not in KINDS:
        raise ReportError(
            f"ไม่รู้จักเอกสารชนิด {kind!r} (unknown document kind; one of {', '.join(KINDS)})"
        )
    try:
        lang = check_lang(lang)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    codes: list[str] = []
    if kind != "directives":
        for s in scopes:
            synthesis = kind == "lessons" and str(s).strip().upper() == ALL
            codes.append(ALL if synthesis else check_province(s))
        codes = list(dict.fromkeys(codes))
        if ALL in codes:  # the synthesis comes after the provinces
            codes = [c for c in codes if c != ALL] + [ALL]
    template = Path(notebook) if notebook else NOTEBOOKS_DIR / NOTEBOOKS[kind]
    if not template.is_file():
        raise ReportError(f"ไม่พบโน้ตบุ๊กแม่แบบ (template notebook not found): {template}")
    if kind == "directives":
        store.check()  # the kernel opens its own connection: say it here, not in the notebook
        when, ws, fy, inputs = as_of, None, 0, ""
    else:
        when = _date(as_of)
        fy = int(fiscal_year) if fiscal_year else None
        ws = workspace if workspace is not None else store.workspace(fy)
        if fy is not None and ws.fiscal_year != fy:
            raise ReportError(f"workspace is for {ws.fiscal_year}, not {fy}")
        fy = ws.fiscal_year
        inputs = hashlib.sha256(
            f"{workspace_fingerprint(ws)}:{library_fingerprint()}".encode()
        ).hexdigest()
    db_url, env = store_url_for_kernel(store)
    return [
        Job(
            notebook=template,
            output_dir=t.output_dir,
            stem=stem if stem and kind == "province" else t.stem,
            parameters={**t.parameters, "db_url": db_url},
            label=t.label,
            key=t.key,
            title=t.title,
            input_fingerprint=inputs,
            env=env,
        )
        for t in _targets(kind, fy, codes, Path(out_dir), when, ws, lang)
    ]


# ================================================================================ notebooks
def open_document(
    kind: str,
    scope: str = "",
    fiscal_year: int | None = None,
    db_url: str | None = None,
    as_of_or_week: str | None = None,
    *,
    lang: str = "th",
) -> Any:
    """Open the store and build the document a notebook shows (its one call after parameters).

    Parameters
    ----------
    kind : str
        ``"province"`` (a province report), ``"lessons"`` (a write-up, or the synthesis for
        scope ``"ALL"``) or ``"directives"`` (the weekly print-out).
    scope : str
        A province code, or ``"ALL"``; not used by ``directives``.
    fiscal_year : int, optional
        The fiscal year (BE); ``None`` or ``0``: the newest (``directives``: every year).
    db_url : str, optional
        The store URL; empty: ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``.
    as_of_or_week : str, optional
        The report date (ISO); for ``directives`` any day of the week (empty: the latest
        week with a report).
    lang : str
        ``"th"`` (Thai only, default) or ``"th-en"`` (with English glosses).

    The province code and the language are checked before the store is opened.
    """
    if kind not in KINDS:
        raise ReportError(
            f"ไม่รู้จักเอกสารชนิด {kind!r} (unknown document kind; one of {', '.join(KINDS)})"
        )
    from .store import open_store

    lang = check_lang(lang)
    if kind == "directives":
        from .documents.directives import WeeklyView
        from .services.directives import DirectiveContext

        store = open_store(db_url or None)
        try:
            ctx = DirectiveContext.from_store(store, fiscal_year=fiscal_year or None)
        finally:
            store.close()
        return WeeklyView.build(ctx, as_of_or_week or None, lang=lang)

    whole = kind == "lessons" and str(scope).strip().upper() == ALL
    code = ALL if whole else check_province(scope)  # before the store is opened
    store = open_store(db_url or None)
    try:
        ws = store.workspace(int(fiscal_year) if fiscal_year else None)
    finally:
        store.close()
    if kind == "province":
        from .documents.province import ProvinceReport

        return ProvinceReport.build(ws.for_province(code), code, as_of_or_week or None, lang=lang)
    from .documents.lessons import build_lessons

    return build_lessons(ws, code, as_of_or_week or None, lang=lang)


# ================================================================================ lessons
def write_lessons_docx(jobs: Sequence[Job], results: Sequence[JobResult], ws: Any) -> None:
    """The DOCX step: a Word file beside every lessons write-up the batch wrote.

    The DOCX is built in this process from the same document the notebook showed (same
    workspace, same ``as_of`` parameter), after the notebook succeeded; a failed job's stale
    DOCX is removed; a skipped (unchanged) job keeps its DOCX, or gets one if it is missing.
    Adds ``outputs["docx"]`` to each result that has one.
    """
    from .documents.lessons import build_lessons
    from .graph import build_graph
    from .render.docx import write_docx

    G = None
    for job, res in zip(jobs, results, strict=True):
        docx_path = job.output_dir / f"{job.stem}.docx"
        if res.status == STATUS_FAILED:
            docx_path.unlink(missing_ok=True)
            continue
        html_path = job.path("html")
        stale = not docx_path.is_file() or (
            html_path.is_file() and docx_path.stat().st_mtime < html_path.stat().st_mtime
        )
        if res.status == STATUS_OK or stale:
            G = build_graph(ws) if G is None else G
            day = dt.date.fromisoformat(job.parameters["as_of"])
            lang = job.parameters.get("lang", "th")
            doc = build_lessons(ws, job.parameters["province"], day, G=G, lang=lang)
            write_docx(doc, docx_path)
        res.outputs["docx"] = docx_path.name


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
    workspace: Any = None,
    lang: str = "th",
) -> dict[str, Any]:
    """Run the lessons notebook per province (and for ``ALL``) and write HTML and DOCX.

    Files, all written atomically (the HTML / ipynb by :func:`kpyj_lib.batch.run_jobs`,
    the DOCX by :func:`write_lessons_docx`):

    * ``<out_dir>/<fy>/<code>/lessons.html`` (+ ``.ipynb``) and ``lessons.docx``;
    * ``<out_dir>/<fy>/lessons_synthesis.html`` (+ ``.ipynb``) and ``lessons_synthesis.docx``.

    Returns
    -------
    dict
        ``results`` (the :class:`kpyj_lib.batch.JobResult` s, each with ``outputs["docx"]``
        when written), ``html`` and ``docx`` (key → path of the files present), ``failed``
        (keys), ``links`` (``(text, path relative to <out_dir>/<fy>)`` of the synthesis, for
        :func:`write_index`), ``fiscal_year``, ``as_of`` (ISO) and ``sample``.
    """
    codes = list(dict.fromkeys(check_province(c) for c in provinces))
    fy = int(fiscal_year)
    ws = workspace if workspace is not None else store.workspace(fy)
    scopes = [*codes, *([ALL] if synthesis else [])]
    jobs = document_jobs("lessons", store, fy, scopes, out_dir, as_of, workspace=ws, lang=lang)
    if jobs:
        day = jobs[0].parameters["as_of"]
    else:
        from .analysis.progress import default_as_of

        day = (_date(as_of) or default_as_of(ws)).isoformat()
    results = run_jobs(
        jobs, workers=workers, pdf=pdf, force=force, progress=progress, desc=f"ถอดบทเรียน {fy}"
    )
    write_lessons_docx(jobs, results, ws)
    out: dict[str, Any] = {
        "results": results,
        "html": {},
        "docx": {},
        "failed": [],
        "links": [],
        "fiscal_year": fy,
        "as_of": day,
        "sample": bool(ws.is_sample),
    }
    for job, res in zip(jobs, results, strict=True):
        if res.status == STATUS_FAILED:
            out["failed"].append(job.key)
            continue
        out["docx"][job.key] = job.output_dir / res.outputs["docx"]
        if job.path("html").is_file():
            out["html"][job.key] = job.path("html")
    if synthesis and ALL in out["html"]:
        out["links"] = [
            ("ถอดบทเรียนภาพรวมจังหวัดต้นแบบ (HTML)", f"{SYNTHESIS_STEM}.html"),
            ("ถอดบทเรียนภาพรวมจังหวัดต้นแบบ (Word)", f"{SYNTHESIS_STEM}.docx"),
        ]
    return out


# ================================================================================ index
def attach_outputs(
    results: Sequence[JobResult], extra: Sequence[JobResult], *, prefix: str
) -> None:
    """Add the outputs of a second batch over the same keys (e.g. lessons) to ``results``.

    Files of ``extra`` must live in the same folder as the result with the same key; they
    are listed under ``<prefix><kind>``. A failed extra job marks the row failed with its
    error, so the index never hides a failure.
    """
    by_key = {r.key: r for r in extra}
    for r in results:
        x = by_key.get(r.key)
        if x is None:
            continue
        for kind, name in x.outputs.items():
            r.outputs[f"{prefix}{kind}"] = name
        if x.status == STATUS_FAILED:
            r.status = STATUS_FAILED
            r.error = f"{prefix.rstrip('_')}: {x.error}" if not r.error else r.error


def _cell_text(value: Any) -> str:
    """A headline value as the index shows it.

    >>> [_cell_text(v) for v in (1234567.0, 62.5, 3, None, True, ["a", 2])]
    ['1,234,567', '62.5', '3', '–', 'ใช่', 'a, 2']
    """
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, list | tuple):
        return ", ".join(_cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if is_missing(value):
        return DASH
    if isinstance(value, int | float):
        return format_number(value)
    return str(value)


def _href(result: JobResult, kind: str, base: Path) -> str | None:
    name = result.outputs.get(kind)
    if not name:
        return None
    target = Path(result.output_dir or base) / name
    try:
        rel = os.path.relpath(target, base)
    except ValueError:  # another drive (Windows)
        rel = str(target)
    return Path(rel).as_posix()


def _row(r: JobResult, columns: Sequence[tuple[str, str]], base: Path) -> dict[str, Any]:
    """What the index template shows of one result (texts and URL-quoted links)."""
    hrefs = {k: _href(r, k, base) for k in r.outputs}
    main = hrefs.get("html") or hrefs.get("error_html")
    order = [k for k in LINK_TEXT if k in hrefs] + [k for k in hrefs if k not in LINK_TEXT]
    return {
        "label": r.label,
        "href": quote(main) if main else None,
        "status": r.status,
        "status_th": STATUS_TH.get(r.status, r.status),
        "error": r.error,
        "where": f" (cell [{r.error_cell}])" if r.error and r.error_cell is not None else "",
        "cells": [
            {
                "text": _cell_text(r.headline.get(k)),
                "num": isinstance(r.headline.get(k), int | float)
                and not isinstance(r.headline.get(k), bool),
            }
            for k, _ in columns
        ],
        "links": [
            {"href": quote(hrefs[k]), "text": LINK_TEXT.get(k, k)} for k in order if hrefs[k]
        ],
        "seconds": f"{r.seconds:.1f}" if r.status != STATUS_SKIPPED else DASH,
    }


def write_index(
    results: Sequence[JobResult],
    out_dir: Path,
    *,
    title: str,
    fiscal_year: int | None = None,
    sample: bool = False,
    columns: Sequence[tuple[str, str]] | None = None,
    links: Sequence[tuple[str, str]] = (),
    key_header: str = "จังหวัด",
    lang: str = "th",
) -> tuple[Path, Path]:
    """Write ``index.html`` and ``summary.json`` for a batch, atomically, into ``out_dir``.

    Parameters
    ----------
    results : sequence of JobResult
        One row each, in this order.
    out_dir : Path
        The folder of the index; links to the reports are relative to it.
    title : str
        The page title (Thai).
    fiscal_year : int, optional
        Shown under the title and stored in the summary.
    sample : bool
        Mark every figure as sample data (ตัวอย่าง), never official.
    columns : sequence of (key, header), optional
        The headline figures to show, in order (default: every key found, headed by
        :data:`HEADLINE_LABELS` or the key).
    links : sequence of (text, relative path)
        Extra documents of the batch (e.g. a synthesis across provinces).
    key_header : str
        The header of the first column.
    lang : str
        ``"th"`` (Thai only, default) or ``"th-en"`` (English glosses on the page's labels).

    The page is ``render/templates/index.html.j2`` (autoescaped); the summary holds the
    same facts as data (UTF-8).

    Returns
    -------
    (Path, Path)
        ``index.html`` and ``summary.json``.
    """
    from .render import render_template
    from .render.fonts import font_face_css

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if columns is None:
        keys: dict[str, None] = {}
        for r in results:
            keys.update(dict.fromkeys(r.headline))
        columns = [(k, HEADLINE_LABELS.get(k, k)) for k in keys]
    columns = [(str(k), str(h)) for k, h in columns]
    counts = {
        s: sum(r.status == s for r in results) for s in (STATUS_OK, STATUS_SKIPPED, STATUS_FAILED)
    }
    now = now_bangkok()
    summary = {
        "title": title,
        "fiscal_year": fiscal_year,
        "sample": bool(sample),
        "generated_at": now.isoformat(timespec="seconds"),
        "kpyj_version": __version__,
        "counts": counts,
        "columns": [{"key": k, "header": h} for k, h in columns],
        "links": [{"text": t, "href": h} for t, h in links],
        "reports": [
            {
                "key": r.key,
                "label": r.label,
                "status": r.status,
                "seconds": r.seconds,
                "error": r.error,
                "error_cell": r.error_cell,
                "headline": r.headline,
                "outputs": {k: _href(r, k, out_dir) for k in r.outputs},
            }
            for r in results
        ],
    }
    page = render_template(
        "index.html.j2",
        title=title,
        fiscal_year=fiscal_year,
        generated_th=format_thai_datetime(now),
        version=__version__,
        sample=bool(sample),
        counts=counts,
        links=[{"text": t, "href": quote(h)} for t, h in links],
        key_header=key_header,
        headers=[h for _, h in columns],
        rows=[_row(r, columns, out_dir) for r in results],
        font_css=Markup(font_face_css()),  # our own base64 font rules, not user text
        lang=check_lang(lang),
    )
    index = atomic_write_text(out_dir / "index.html", page)
    data = json.dumps(summary, ensure_ascii=False, indent=1, default=str)
    summary_path = atomic_write_text(out_dir / "summary.json", data + "\n")
    return index, summary_path


# ================================================================================ kpyj reports
@dataclass
class ReportsPlan:
    """The province reports a ``kpyj reports`` run will write (see :func:`plan_reports`)."""

    store: Any
    workspace: Any
    codes: list[str]
    out_dir: Path
    jobs: list[Job]
    as_of: dt.date | str | None = None
    lessons: bool = False
    lang: str = "th"

    @property
    def fiscal_year(self) -> int:
        """The fiscal year (BE) of the reports."""
        return int(self.workspace.fiscal_year)

    @property
    def year_dir(self) -> Path:
        """``<out>/<fy>``: the reports, the index and the summary."""
        return self.out_dir / str(self.fiscal_year)


@dataclass
class ReportsRun:
    """What a ``kpyj reports`` run wrote (see :func:`run_reports`)."""

    results: list[JobResult]
    index: Path
    summary: Path
    lessons: dict[str, Any] | None = None
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when a report or a write-up failed."""
        lessons_failed = bool(self.lessons and self.lessons["failed"])
        return lessons_failed or any(r.status == STATUS_FAILED for r in self.results)


def plan_reports(
    store: Any,
    *,
    fiscal_year: int | None = None,
    provinces: Iterable[str | int] = (),
    pilot: bool = False,
    all_provinces: bool = False,
    out_dir: str | os.PathLike[str] | None = None,
    as_of: dt.date | str | None = None,
    lessons: bool = False,
    lang: str = "th",
) -> ReportsPlan:
    """Which province reports to write: the given codes, else the model provinces, else all.

    ``pilot=True`` insists on the model provinces (จังหวัดต้นแบบ) of the pilot;
    ``all_provinces=True`` takes every province with data; by default the model provinces if
    there are any, else all. ``lang`` is ``"th"`` (Thai only) or ``"th-en"``.

    Raises
    ------
    UnknownProvinceError
        A code that is not one of the 77 provinces (checked before the store is read).
    ReportError
        No model province with objectives when ``pilot`` is asked, no province with data, or a bad
        ``as_of``.
    """
    codes = list(dict.fromkeys(check_province(c) for c in provinces))
    ws = store.workspace(fiscal_year)
    if not codes:
        pilots = pilot_provinces(ws)
        if pilot and not pilots:
            raise ReportError(
                f"ไม่มีจังหวัดต้นแบบที่มีวัตถุประสงค์ในปีงบประมาณ {ws.fiscal_year} "
                f"(no model province of the pilot has objectives in FY {ws.fiscal_year})"
            )
        codes = list(ws.province_codes) if all_provinces or not pilots else pilots
    if not codes:
        raise ReportError(
            f"ไม่มีจังหวัดที่มีข้อมูลในปีงบประมาณ {ws.fiscal_year} "
            f"(no province has data in FY {ws.fiscal_year})"
        )
    out = Path(out_dir) if out_dir else REPORTS_DIR
    jobs = document_jobs(
        "province", store, ws.fiscal_year, codes, out, as_of, workspace=ws, lang=lang
    )
    return ReportsPlan(store, ws, codes, out, jobs, as_of=as_of, lessons=lessons, lang=lang)


def run_reports(
    plan: ReportsPlan,
    *,
    workers: int | None = None,
    pdf: bool = False,
    force: bool = False,
    progress: bool = True,
) -> ReportsRun:
    """Run a plan: the reports, the write-ups when asked, then the index and the summary.

    A failing report or write-up never stops the others; it is named in the index, the
    summary and :attr:`ReportsRun.failed`.
    """
    fy = plan.fiscal_year
    results = run_jobs(
        plan.jobs, workers=workers, pdf=pdf, force=force, progress=progress, desc=f"รายงาน {fy}"
    )
    lessons = None
    links: list[tuple[str, str]] = []
    if plan.lessons:
        lessons = write_lessons(
            plan.store,
            fy,
            plan.codes,
            plan.out_dir,
            as_of=plan.as_of,
            workers=workers,
            force=force,
            progress=progress,
            pdf=pdf,
            workspace=plan.workspace,
            lang=plan.lang,
        )
        attach_outputs(results, lessons["results"], prefix="lessons_")
        links = list(lessons["links"])
    index, summary = write_index(
        results,
        plan.year_dir,
        title=f"รายงานวิเคราะห์ กพยจ. รายจังหวัด ปีงบประมาณ พ.ศ. {fy}",
        fiscal_year=fy,
        sample=plan.workspace.is_sample,
        columns=PROVINCE_REPORT_COLUMNS,
        links=links,
        lang=plan.lang,
    )
    return ReportsRun(results, index, summary, lessons=lessons, links=links)


def publish_directives(
    store: Any,
    week: dt.date | str,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    pdf: bool = False,
    notebook: str | os.PathLike[str] | None = None,
    progress: bool = False,
    lang: str = "th",
) -> dict[str, Path]:
    """Run ``notebooks/directives_weekly.ipynb`` for a week and write HTML (and PDF).

    The notebook runs in a worker of :func:`kpyj_lib.batch.run_jobs` like every report, and
    always runs (the print-out depends on the day it is compiled: late and missing reports).

    Parameters
    ----------
    store : Store
        The store the notebook reads (initialised).
    week : date or str
        Any day of the week.
    out_dir : path, optional
        The reports folder (default ``reports/``); the files go to ``<out_dir>/directives/``:
        ``directives_<monday>.ipynb`` and ``.html`` (code hidden, Thai font, A4 landscape)
        and, with ``pdf=True``, ``.pdf`` printed by headless Chromium.
    pdf : bool
        Also print the PDF.
    notebook : path, optional
        Another template with the same parameters (tests).
    progress : bool
        Show a progress bar.
    lang : str
        ``"th"`` (Thai only, default) or ``"th-en"``.

    Returns
    -------
    dict
        ``{"ipynb": path, "html": path, "pdf": path}`` (``pdf`` only when asked).

    Raises
    ------
    ReportError
        The notebook failed (the error page is named), Chromium is missing or failed,
        or the store is in memory.
    """
    root = Path(out_dir) if out_dir else REPORTS_DIR
    jobs = document_jobs("directives", store, None, (), root, week, notebook=notebook, lang=lang)
    res = run_jobs(jobs, workers=1, pdf=pdf, force=True, progress=progress, desc="ข้อสั่งการ")[0]
    folder = jobs[0].output_dir
    if not res.ok:
        where = res.outputs.get("error_html") or res.outputs.get("error") or ""
        raise ReportError(
            f"สร้างรายงานข้อสั่งการไม่สำเร็จ (the directives report failed): {res.error}"
            + (f" — ดู (see) {folder / where}" if where else "")
        )
    return {kind: folder / name for kind, name in res.outputs.items()}
