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
``national``   ``national.ipynb``           ``<fy>/index.*`` (the national overview)
``cluster``    ``cluster_report.ipynb``     ``<fy>/clusters/<cluster id>.*``
=============  ===========================  ============================================

A follow-up round report (``round_no`` 1-4, ``kpyj reports --round N``) goes to
``<fy>/round<N>/`` with the same layout (``round<N>/index.html``, ``round<N>/<code>/...``,
``round<N>/clusters/...``) and uses only the check-ins known at the round's end. The build
status of a run is ``status.html`` (+ ``summary.json``) beside the overview.

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
('province', 'lessons', 'directives', 'national', 'cluster', 'driving_plan', 'strategic_plan')
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import time
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
from .reference import check_province, model_provinces, province_codes, province_name
from .text import DASH, format_number, is_missing

__all__ = [
    "ALL",
    "HEADLINE_LABELS",
    "KINDS",
    "NOTEBOOKS",
    "PLAN_DOCX",
    "PLAN_KINDS",
    "PROVINCE_REPORT_COLUMNS",
    "ReportsPlan",
    "ReportsRun",
    "attach_outputs",
    "document_jobs",
    "existing_documents",
    "library_fingerprint",
    "open_document",
    "pilot_provinces",
    "plan_document",
    "plan_reports",
    "publish_directives",
    "run_reports",
    "store_url_for_kernel",
    "workspace_fingerprint",
    "write_index",
    "write_lessons",
    "write_lessons_docx",
    "write_plan_documents",
    "year_folder",
]

#: The document kinds ``kpyj reports`` publishes.
KINDS: tuple[str, ...] = ("province", "lessons", "directives", "national", "cluster")
#: The template notebook of each kind, in :data:`kpyj_lib.paths.NOTEBOOKS_DIR`.
NOTEBOOKS: dict[str, str] = {
    "province": "province_report.ipynb",
    "lessons": "lessons_learned.ipynb",
    "directives": "directives_weekly.ipynb",
    "national": "national.ipynb",
    "cluster": "cluster_report.ipynb",
}
# issue 14: the plan documents (สกธ.'s yearly driving plan, a province's draft strategic plan)
#: The plan document kinds: HTML through a notebook, Word from the same document.
PLAN_KINDS: tuple[str, ...] = ("driving_plan", "strategic_plan")
KINDS += PLAN_KINDS
NOTEBOOKS.update({"driving_plan": "driving_plan.ipynb", "strategic_plan": "strategic_plan.ipynb"})
#: Output stems: the province report, a province's write-up, the synthesis.
PROVINCE_STEM, LESSONS_STEM, SYNTHESIS_STEM = "analysis", "lessons", "lessons_synthesis"
#: The national overview's stem (``<fy>/index.html``), the build status page, the clusters' folder.
OVERVIEW_STEM, STATUS_PAGE, CLUSTERS_DIR = "index", "status.html", "clusters"

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
#: the files of the package whose content decides what a report says or looks like
_FINGERPRINTED = (".py", ".csv", ".j2", ".css")


@functools.cache
def library_fingerprint() -> str:
    """SHA-256 of the kpyj library's source, packaged tables, templates and stylesheet.

    A change to any of them re-runs every report (a template or ``style.css`` edit changes
    what a report looks like as surely as a code edit does).
    """
    h = hashlib.sha256(__version__.encode())
    for p in sorted(PACKAGE_DIR.rglob("*")):
        if p.suffix in _FINGERPRINTED and "__pycache__" not in p.parts:
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


def year_folder(root: str | os.PathLike[str], fiscal_year: int, round_no: int = 0) -> Path:
    """Where a year's (or a follow-up round's) documents go: ``<root>/<fy>`` or
    ``<root>/<fy>/round<N>``.

    >>> year_folder("reports", 2565).as_posix(), year_folder("reports", 2565, 2).as_posix()
    ('reports/2565', 'reports/2565/round2')
    """
    base = Path(root) / str(int(fiscal_year))
    return base / f"round{int(round_no)}" if round_no else base


def _overview_targets(
    kind: str, fy: int, scopes: list[str], root: Path, when: Any, round_no: int, linked: str
) -> list[_Target]:
    """The national overview and the cluster reports of :func:`document_jobs`."""
    from .calendar import format_round

    year = year_folder(root, fy, round_no)
    when_th = f"{format_round(round_no)} " if round_no else ""
    common = {
        "fiscal_year": fy,
        "as_of": when.isoformat() if when else "",
        "round_no": round_no,
        "linked": linked,
    }
    if kind == "national":
        title = f"ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ {when_th}ปีงบประมาณ พ.ศ. {fy}"
        return [_Target(year, OVERVIEW_STEM, dict(common), "ภาพรวมทั่วประเทศ", "national", title)]
    from .reference import load

    names = load("clusters").set_index("id")["name_th"].to_dict()
    return [
        _Target(
            year / CLUSTERS_DIR,
            cid,
            {"cluster": cid, **common},
            str(names[cid]),
            cid,
            f"รายงานการขับเคลื่อน กพยจ. {names[cid]} {when_th}ปีงบประมาณ พ.ศ. {fy}",
        )
        for cid in scopes
    ]


def _targets(
    kind: str,
    fy: int,
    scopes: list[str],
    root: Path,
    when: Any,
    ws: Any,
    round_no: int = 0,
    linked: str = "*",
    lang: str = "th",
) -> list[_Target]:
    """The documents of ``kind`` (the only part of :func:`document_jobs` that differs)."""
    if kind in ("national", "cluster"):
        return _overview_targets(kind, fy, scopes, root, when, round_no, linked)
    if kind == "directives":  # one week, every fiscal year: a continuing directive is
        from .analysis.directives import as_week, format_week_th  # reported until done

        week = as_week(when)
        stem = f"directives_{week.isoformat()}"
        title = f"รายงานผลการดำเนินงานตามข้อสั่งการ ประจำสัปดาห์ระหว่างวันที่ {format_week_th(week)}"
        params = {"week": week.isoformat(), "fiscal_year": 0, "lang": lang}
        return [_Target(root / "directives", stem, params, title, stem, title)]
    if kind in PLAN_KINDS:  # issue 14
        return _plan_targets(kind, fy, scopes, root)
    if kind == "lessons":  # always a date: the notebooks and the DOCX beside them share it
        from .analysis.progress import default_as_of

        as_of = (when or default_as_of(ws)).isoformat()
    else:
        as_of = when.isoformat() if when else ""
    stem = PROVINCE_STEM if kind == "province" else LESSONS_STEM
    targets = []
    for scope in scopes:
        params: dict[str, Any] = {
            "province": scope,
            "fiscal_year": fy,
            "as_of": as_of,
            "lang": lang,
        }
        if round_no and kind == "province":
            params["round_no"] = round_no
        if scope == ALL:  # the synthesis across the model provinces
            label, title = "ภาพรวมจังหวัดต้นแบบ", _TITLES[ALL].format(fy=fy)
            targets.append(_Target(root / str(fy), SYNTHESIS_STEM, params, label, ALL, title))
        else:
            name = province_name(scope)
            title = _TITLES[kind].format(name=name, fy=fy)
            targets.append(
                _Target(
                    year_folder(root, fy, round_no) / scope,
                    stem,
                    params,
                    f"{scope} {name}",
                    scope,
                    title,
                )
            )
    if kind == "lessons":  # the notebook writes the Word file beside its page (issue 11);
        for t in targets:  # parameters are ASCII: under a Thai folder the DOCX step does it
            path = str((t.output_dir / f"{t.stem}.docx").absolute())
            if path.isascii():
                t.parameters["docx"] = path
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
    round_no: int = 0,
    linked: str = "*",
    lang: str = "th",
) -> list[Job]:
    """The batch jobs that publish documents of one ``kind`` (see :data:`KINDS`).

    Parameters
    ----------
    kind : str
        ``"province"``, ``"lessons"``, ``"directives"``, ``"national"`` or ``"cluster"``.
    store : Store
        The store the notebooks read (a file or server store; passed as ``db_url`` or, with
        a password, as ``KPYJ_DB_URL`` in the kernel's environment only).
    fiscal_year : int, optional
        The fiscal year (BE) of a province report or write-up (``None``: the newest); not
        used by ``directives``, which reads the directives of every year.
    scopes : iterable of str
        Province codes; for ``lessons`` also ``"ALL"`` (the synthesis, put last); cluster
        ids for ``cluster``; ignored by ``directives`` and ``national``. Every code is
        checked before it becomes part of a path.
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
    round_no : int
        A follow-up round 1-4 (``province``, ``national``, ``cluster``): the files go to
        ``<out_dir>/<fy>/round<N>/`` and the documents use only the check-ins known at the
        round's end; 0 for none.
    linked : str
        ``national`` and ``cluster``: the documents that exist beside them (``"*"``: all;
        else comma-separated province codes, cluster ids, ``status``, ``index``).
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
    if kind == "driving_plan":
        scopes = ()  # one national document
    if round_no:
        if kind not in ("province", "national", "cluster"):
            raise ReportError(
                f"เอกสาร {kind!r} ไม่มีรายงานตามรอบการติดตาม (no follow-up round for {kind!r})"
            )
        from .calendar import round_end

        round_end(2565, round_no)  # 1-4, or a CalendarError
        if as_of:
            raise ReportError("รายงานตามรอบใช้วันสิ้นรอบ ไม่ต้องระบุ as_of (a round report has no as_of)")
    if kind == "cluster":
        from .documents.cluster import check_cluster

        codes = list(dict.fromkeys(check_cluster(s) for s in scopes))
    elif kind in ("directives", "national"):
        pass
    else:
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
        prints = workspace_fingerprint(ws)
        if kind in PLAN_KINDS:  # the year before is read too
            prior = _prior_workspace(store, fy)
            prints += f":{workspace_fingerprint(prior) if prior is not None else ''}"
        inputs = hashlib.sha256(f"{prints}:{library_fingerprint()}".encode()).hexdigest()
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
        for t in _targets(
            kind, fy, codes, Path(out_dir), when, ws, int(round_no or 0), linked, lang
        )
    ]


# ================================================================================ notebooks
def open_document(
    kind: str,
    scope: str = "",
    fiscal_year: int | None = None,
    db_url: str | None = None,
    as_of_or_week: str | None = None,
    *,
    round_no: int = 0,
    linked: str = "*",
    lang: str = "th",
) -> Any:
    """Open the store and build the document a notebook shows (its one call after parameters).

    Parameters
    ----------
    kind : str
        ``"province"`` (a province report), ``"lessons"`` (a write-up, or the synthesis for
        scope ``"ALL"``), ``"directives"`` (the weekly print-out), ``"national"`` (the
        national overview), ``"cluster"`` (a cluster report), ``"driving_plan"`` (the
        yearly driving plan; no scope) or ``"strategic_plan"`` (a province's draft).
    scope : str
        A province code, ``"ALL"`` or a cluster id; not used by ``directives`` and
        ``national``.
    fiscal_year : int, optional
        The fiscal year (BE); ``None`` or ``0``: the newest (``directives``: every year).
    db_url : str, optional
        The store URL; empty: ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``.
    as_of_or_week : str, optional
        The report date (ISO); for ``directives`` any day of the week (empty: the latest
        week with a report).
    round_no : int
        ``province``, ``national``, ``cluster``: a follow-up round 1-4 — the workspace keeps
        only the check-ins dated up to the round's end
        (:func:`kpyj_lib.analysis.rounds.round_view`) and the report is dated that day.
    linked : str
        ``national``, ``cluster``: which documents exist beside it (see
        :func:`kpyj_lib.documents.national.parse_linked`).

    lang : str
        ``"th"`` (Thai only, default) or ``"th-en"`` (with English glosses).

    The province code or cluster id and the language are checked before the store is
    opened.
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

    if kind in PLAN_KINDS:  # issue 14
        code = check_province(scope) if kind == "strategic_plan" else ""
        store = open_store(db_url or None)
        try:
            fy = int(fiscal_year) if fiscal_year else None
            ws = store.workspace(fy)
            prior = _prior_workspace(store, ws.fiscal_year)
        finally:
            store.close()
        return plan_document(kind, code, ws, prior, as_of_or_week or None)

    round_no = int(round_no or 0)
    if round_no and kind not in ("province", "national", "cluster"):
        raise ReportError(
            f"เอกสาร {kind!r} ไม่มีรายงานตามรอบการติดตาม (no follow-up round for {kind!r})"
        )
    if kind in ("national", "cluster"):
        from .documents.cluster import ClusterReport, check_cluster
        from .documents.national import NationalOverview

        cid = check_cluster(scope) if kind == "cluster" else ""  # before the store is opened
        ws, as_of = _round_workspace(db_url, fiscal_year, as_of_or_week, round_no)
        if kind == "national":
            return NationalOverview.build(ws, as_of, round_no=round_no, linked=linked)
        return ClusterReport.build(ws, cid, as_of, round_no=round_no, linked=linked)
    whole = kind == "lessons" and str(scope).strip().upper() == ALL
    code = ALL if whole else check_province(scope)  # before the store is opened
    fy = int(fiscal_year) if fiscal_year else None
    store = open_store(db_url or None)
    try:
        if kind == "province":  # only the province's rows and the plans it aligns to
            ws = store.province_workspace(fy, code)
        elif whole:
            ws = store.workspace(fy)
        else:
            ws = _lessons_workspace(store, fy, code)
    finally:
        store.close()
    if kind == "province":
        from .documents.province import ProvinceReport

        ws, day = _at_round(ws, as_of_or_week, round_no)
        return ProvinceReport.build(ws, code, day, lang=lang)
    from .documents.lessons import build_lessons

    return build_lessons(ws, code, as_of_or_week or None, lang=lang)


def _at_round(ws: Any, as_of: str | None, round_no: int) -> tuple[Any, str | None]:
    """``ws`` and the report date; for a follow-up round, ``ws`` as known at the round's end
    (only the check-ins dated up to it) and that day."""
    if not round_no:
        return ws, as_of or None
    from .analysis.rounds import round_view
    from .calendar import round_end

    if as_of:
        raise ReportError("รายงานตามรอบใช้วันสิ้นรอบ ไม่ต้องระบุ as_of (a round report has no as_of)")
    return round_view(ws, round_no), round_end(ws.fiscal_year, round_no).isoformat()


def _round_workspace(
    db_url: str | None, fiscal_year: int | None, as_of: str | None, round_no: int
) -> tuple[Any, str | None]:
    """The year's workspace from the store and the report date (see :func:`_at_round`)."""
    from .store import open_store

    store = open_store(db_url or None)
    try:
        ws = store.workspace(int(fiscal_year) if fiscal_year else None)
    finally:
        store.close()
    return _at_round(ws, as_of, round_no)


def _lessons_workspace(store: Any, fiscal_year: int | None, code: str) -> Any:
    """What one province's lessons write-up reads: its rows and those of the model
    provinces it is compared with (:func:`kpyj_lib.reference.model_provinces`), under the
    store's name, so the write-up is the one the whole year gives. When no model province
    has objectives the write-up compares with every province: the whole year is read."""
    models = set(model_provinces())
    ws = store.province_workspace(
        fiscal_year, [code, *models], source=store.display_url, linked_units=True
    )
    objs = {str(c) for c in ws["objectives"]["province_code"] if not is_missing(c)}
    if not objs & models:
        return store.workspace(fiscal_year)
    return ws


# ================================================================================ lessons
def write_lessons_docx(
    jobs: Sequence[Job], results: Sequence[JobResult], ws: Any, *, written_since: float = 0.0
) -> None:
    """The DOCX step: a Word file beside every lessons write-up the batch wrote.

    The lessons notebook writes it itself, from the very document it showed (its ``docx``
    parameter: no second build, and in the batch's workers rather than one after the other
    here): a DOCX modified at or after ``written_since`` (when the batch started, a
    :func:`time.time`) beside a successful job is that one and is kept (and dated now, after
    the page, so that an unchanged job's next run sees it up to date). Otherwise (a
    notebook without that cell) it is built in this process from the same document (same
    workspace, same ``as_of`` parameter). A failed job's stale DOCX is removed; a skipped
    (unchanged) job keeps its DOCX, or gets one if it is missing. Adds ``outputs["docx"]``
    to each result that has one.
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
        if (
            res.status == STATUS_OK
            and written_since
            and docx_path.is_file()
            and docx_path.stat().st_mtime >= written_since
        ):
            stale = False  # written by the notebook in this run, before its page:
            os.utime(docx_path)  # dated after it, as a DOCX built here would be
        elif res.status == STATUS_OK:
            stale = True
        if stale:
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
    started = time.time()
    results = run_jobs(
        jobs, workers=workers, pdf=pdf, force=force, progress=progress, desc=f"ถอดบทเรียน {fy}"
    )
    write_lessons_docx(jobs, results, ws, written_since=started)
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
    name: str = "index.html",
    others: Sequence[JobResult] = (),
    lang: str = "th",
) -> tuple[Path, Path]:
    """Write ``index.html`` (or ``name``) and ``summary.json`` for a batch, atomically, into
    ``out_dir``.

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
    name : str
        The page's file name (``kpyj reports`` writes its build status to
        :data:`STATUS_PAGE`, beside the national overview ``index.html``).
    others : sequence of JobResult
        Documents of the run that are not one row per province (the national overview,
        cluster reports): a second table, ``documents`` in the summary; counted in
        ``counts``.
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
    every = [*results, *others]
    counts = {
        s: sum(r.status == s for r in every) for s in (STATUS_OK, STATUS_SKIPPED, STATUS_FAILED)
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
    if others:
        summary["documents"] = [
            {
                "key": r.key,
                "label": r.label,
                "status": r.status,
                "seconds": r.seconds,
                "error": r.error,
                "headline": r.headline,
                "outputs": {k: _href(r, k, out_dir) for k in r.outputs},
            }
            for r in others
        ]
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
        others=[_row(r, (), out_dir) for r in others],
        font_css=Markup(font_face_css()),  # our own base64 font rules, not user text
        lang=check_lang(lang),
    )
    if not name.endswith(".html") or Path(name).name != name:
        raise ReportError(f"ชื่อหน้าต้องเป็นไฟล์ .html ในโฟลเดอร์เดียวกัน (bad page name): {name!r}")
    index = atomic_write_text(out_dir / name, page)
    data = json.dumps(summary, ensure_ascii=False, indent=1, default=str)
    summary_path = atomic_write_text(out_dir / "summary.json", data + "\n")
    return index, summary_path


# ================================================================================ kpyj reports
@dataclass
class ReportsPlan:
    """The documents a ``kpyj reports`` run will write (see :func:`plan_reports`): province
    reports (``jobs``), and optionally the lessons write-ups, cluster reports and the
    national overview (run after the province reports, so that they link to them)."""

    store: Any
    workspace: Any
    codes: list[str]
    out_dir: Path
    jobs: list[Job]
    as_of: dt.date | str | None = None
    lessons: bool = False
    national: bool = False
    clusters: list[str] = field(default_factory=list)
    round_no: int = 0
    lang: str = "th"

    @property
    def fiscal_year(self) -> int:
        """The fiscal year (BE) of the reports."""
        return int(self.workspace.fiscal_year)

    @property
    def year_dir(self) -> Path:
        """``<out>/<fy>`` (``<out>/<fy>/round<N>`` for a round): the reports, the overview,
        the status page and the summary."""
        return year_folder(self.out_dir, self.fiscal_year, self.round_no)


@dataclass
class ReportsRun:
    """What a ``kpyj reports`` run wrote (see :func:`run_reports`).

    ``index`` is the page to open: the national overview when the run wrote it, else the
    build status page ``status``.
    """

    results: list[JobResult]
    index: Path
    summary: Path
    lessons: dict[str, Any] | None = None
    links: list[tuple[str, str]] = field(default_factory=list)
    others: list[JobResult] = field(default_factory=list)
    status: Path | None = None
    overview: Path | None = None

    @property
    def failed(self) -> bool:
        """True when a report, a write-up, a cluster report or the overview failed."""
        lessons_failed = bool(self.lessons and self.lessons["failed"])
        return lessons_failed or any(
            r.status == STATUS_FAILED for r in [*self.results, *self.others]
        )


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
    national: bool = False,
    clusters: Iterable[str] = (),
    round_no: int = 0,
    lang: str = "th",
) -> ReportsPlan:
    """Which documents to write.

    Province reports: the given codes, else the model provinces (``pilot=True`` insists on
    them), else every province with data (``all_provinces=True``, or when there is no model
    province); none when only ``national`` or ``clusters`` is asked. The national overview
    comes with ``pilot``, ``all_provinces`` and ``round_no``, or when ``national`` is asked;
    the cluster reports of ``clusters`` (ids, checked) when asked. With ``round_no`` (1-4)
    every document is as of the round's end and goes to ``<out>/<fy>/round<N>/``. ``lang``
    is ``"th"`` (Thai only) or ``"th-en"``.

    Raises
    ------
    UnknownProvinceError
        A code that is not one of the 77 provinces (checked before the store is read).
    ReportError
        An unknown cluster id, no model province with objectives when ``pilot`` is asked,
        no province with data, a bad ``as_of``, ``as_of`` or ``lessons`` with a round.
    CalendarError
        A round that is not 1-4.
    """
    codes = list(dict.fromkeys(check_province(c) for c in provinces))
    cluster_list: list[str] = []
    if clusters:
        from .documents.cluster import check_cluster

        cluster_list = list(dict.fromkeys(check_cluster(c) for c in clusters))
    round_no = int(round_no or 0)
    if round_no:
        from .calendar import round_end

        round_end(2565, round_no)  # 1-4, or a CalendarError
        if as_of:
            raise ReportError(
                "รายงานตามรอบใช้วันสิ้นรอบ ไม่ต้องระบุ --as-of (a round report has no --as-of)"
            )
        if lessons:
            raise ReportError("ถอดบทเรียนไม่มีรายงานตามรอบ (--lessons does not go with --round)")
    ws = store.workspace(fiscal_year)
    wants_provinces = bool(codes) or pilot or all_provinces or not (national or cluster_list)
    if wants_provinces and not codes:
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
        "province",
        store,
        ws.fiscal_year,
        codes,
        out,
        as_of,
        workspace=ws,
        round_no=round_no,
        lang=lang,
    )
    with_overview = national or pilot or all_provinces or bool(round_no)
    return ReportsPlan(
        store,
        ws,
        codes,
        out,
        jobs,
        as_of=as_of,
        lessons=lessons,
        national=with_overview,
        clusters=cluster_list,
        round_no=round_no,
        lang=lang,
    )


def existing_documents(year_dir: Path, *, status: bool = False, index: bool = False) -> str:
    """The ``linked`` parameter of the overview and cluster reports: the province reports
    and cluster reports present in ``year_dir`` (comma-separated codes and ids), then
    ``synthesis`` (the lessons synthesis) when present, ``status`` and ``index`` when asked
    or present.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "83").mkdir()
    ...     _ = (Path(tmp) / "83" / "analysis.html").write_text("")
    ...     existing_documents(Path(tmp), status=True)
    '83,status'
    """
    keys = [
        c for c in sorted(province_codes()) if (year_dir / c / f"{PROVINCE_STEM}.html").is_file()
    ]
    folder = year_dir / CLUSTERS_DIR
    if folder.is_dir():
        from .documents.cluster import cluster_ids

        keys += [c for c in cluster_ids() if (folder / f"{c}.html").is_file()]
    if (year_dir / f"{SYNTHESIS_STEM}.html").is_file():
        keys.append("synthesis")
    if status or (year_dir / STATUS_PAGE).is_file():
        keys.append("status")
    if index or (year_dir / f"{OVERVIEW_STEM}.html").is_file():
        keys.append("index")
    return ",".join(keys)


def run_reports(
    plan: ReportsPlan,
    *,
    workers: int | None = None,
    pdf: bool = False,
    force: bool = False,
    progress: bool = True,
) -> ReportsRun:
    """Run a plan: the province reports, the write-ups when asked, the cluster reports, the
    national overview ``<fy>/index.html``, then the build status ``<fy>/status.html`` and
    ``summary.json``.

    A failing document never stops the others; it is named in the status page, the summary
    and :attr:`ReportsRun.failed`. Every batch of the run shares one process pool and its
    warm kernels (:func:`kpyj_lib.batch.pool_session`).
    """
    from .batch import pool_session

    with pool_session():
        return _run_reports(plan, workers=workers, pdf=pdf, force=force, progress=progress)


def _run_reports(
    plan: ReportsPlan, *, workers: int | None, pdf: bool, force: bool, progress: bool
) -> ReportsRun:
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
    year = plan.year_dir
    others: list[JobResult] = []
    common = {
        "workspace": plan.workspace,
        "round_no": plan.round_no,
    }
    if plan.clusters:
        jobs = document_jobs(
            "cluster",
            plan.store,
            fy,
            plan.clusters,
            plan.out_dir,
            plan.as_of,
            linked=existing_documents(year, status=True, index=plan.national),
            **common,
        )
        others += run_jobs(
            jobs, workers=workers, pdf=pdf, force=force, progress=progress, desc="กลุ่มจังหวัด"
        )
    overview = None
    if plan.national:
        jobs = document_jobs(
            "national",
            plan.store,
            fy,
            (),
            plan.out_dir,
            plan.as_of,
            linked=existing_documents(year, status=True),
            **common,
        )
        res = run_jobs(jobs, workers=1, pdf=pdf, force=force, progress=False, desc="ภาพรวม")
        others += res
        if res[0].ok and jobs[0].path("html").is_file():
            overview = jobs[0].path("html")
    if overview is not None or (year / f"{OVERVIEW_STEM}.html").is_file():
        links.insert(0, ("ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ", f"{OVERVIEW_STEM}.html"))
    from .calendar import format_round

    when = f" {format_round(plan.round_no)}" if plan.round_no else ""
    status, summary = write_index(
        results,
        year,
        title=f"สถานะการจัดทำรายงานวิเคราะห์ กพยจ. รายจังหวัด{when} ปีงบประมาณ พ.ศ. {fy}",
        fiscal_year=fy,
        sample=plan.workspace.is_sample,
        columns=PROVINCE_REPORT_COLUMNS,
        links=links,
        name=STATUS_PAGE,
        others=others,
        lang=plan.lang,
    )
    return ReportsRun(
        results,
        overview or status,
        summary,
        lessons=lessons,
        links=links,
        others=others,
        status=status,
        overview=overview,
    )


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


# ================================================================================ plan documents
# issue 14: สกธ.'s yearly driving plan and a model province's draft strategic plan, HTML through
# their notebooks (batch), Word from the same document in this process.
#: The Thai sample notice of the plan documents' Word files.
PLAN_SAMPLE_TEXT = "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ"
#: How the plan documents are written as Word (:func:`kpyj_lib.render.docx.write_docx`):
#: Thai only, Thai government page numbers, the Thai sample notice, fitted table columns.
PLAN_DOCX: dict[str, Any] = {
    "glosses": False,
    "thai_pages": True,
    "sample_text": PLAN_SAMPLE_TEXT,
    "fit_columns": True,
}
_PLAN_TITLES = {
    "driving_plan": "แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปีงบประมาณ พ.ศ. {fy}",
    "strategic_plan": "(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด{name} ปีงบประมาณ พ.ศ. {fy}",
}


def _prior_workspace(store: Any, fiscal_year: int) -> Any:
    """The workspace of the year before ``fiscal_year``, or None if the store has none."""
    prev = int(fiscal_year) - 1
    return store.workspace(prev) if prev in store.fiscal_years() else None


def plan_document(
    kind: str, scope: str, ws: Any, prior: Any = None, as_of: dt.date | str | None = None
) -> Any:
    """Build a plan document from workspaces (no store): the one builder of the notebook,
    the Word step and the tests.

    Parameters
    ----------
    kind : str
        ``"driving_plan"`` or ``"strategic_plan"``.
    scope : str
        The province code of a strategic plan (checked); ignored for the driving plan.
    ws, prior : Workspace
        The plan year's workspace and the year before's (or None).
    as_of : date or str, optional
        The date a strategic plan measures progress at.

    Raises
    ------
    ReportError
        An unknown kind.
    """
    if kind == "driving_plan":
        from .documents.driving_plan import build_driving_plan

        return build_driving_plan(ws, prior=prior)
    if kind == "strategic_plan":
        from .documents.strategic_plan import build_strategic_plan

        return build_strategic_plan(ws, check_province(scope), prior=prior, as_of=as_of)
    raise ReportError(f"ไม่ใช่เอกสารแผน (not a plan document kind): {kind!r}")


def _plan_targets(kind: str, fy: int, codes: list[str], root: Path) -> list[_Target]:
    params = {"fiscal_year": fy, "as_of": ""}
    if kind == "driving_plan":
        title = _PLAN_TITLES[kind].format(fy=fy)
        p = {"province": "", **params}
        return [_Target(root / str(fy), kind, p, "แผนขับเคลื่อน กพยจ.", kind, title)]
    out = []
    for code in codes:
        name = province_name(code)
        title = _PLAN_TITLES[kind].format(name=name, fy=fy)
        p = {"province": code, **params}
        out.append(_Target(root / str(fy) / code, kind, p, f"{code} {name}", code, title))
    return out


def write_plan_documents(
    store: Any,
    kind: str,
    fiscal_year: int | None,
    provinces: Iterable[str | int] = (),
    out_dir: str | os.PathLike[str] | None = None,
    *,
    workers: int | None = None,
    force: bool = False,
    progress: bool = False,
    pdf: bool = False,
) -> dict[str, Any]:
    """Run a plan document's notebook (HTML) and write its Word file beside it.

    Files (``<out>`` the reports folder):

    * ``driving_plan``: ``<out>/<fy>/driving_plan.{ipynb,html,docx}``;
    * ``strategic_plan``: ``<out>/<fy>/<code>/strategic_plan.{ipynb,html,docx}`` per province
      (default: the model provinces that have objectives in the year or the year before).

    The Word file is built here from the same document the notebook showed (the same store,
    year and parameters), Thai only, with Thai government page numbers; a failed notebook
    leaves no Word file.

    Returns
    -------
    dict
        ``results`` (the :class:`kpyj_lib.batch.JobResult` s), ``html`` and ``docx`` (key →
        path), ``failed`` (keys), ``fiscal_year`` and ``sample``.

    Raises
    ------
    ReportError
        An unknown kind, or no province to write a strategic plan for.
    """
    from .render.docx import write_docx

    if kind not in PLAN_KINDS:
        raise ReportError(f"ไม่ใช่เอกสารแผน (not a plan document kind): {kind!r}")
    codes = list(dict.fromkeys(check_province(c) for c in provinces))
    ws = store.workspace(int(fiscal_year) if fiscal_year else None)
    fy = ws.fiscal_year
    prior = _prior_workspace(store, fy)
    if kind == "strategic_plan" and not codes:
        codes = sorted(
            set(pilot_provinces(ws)) | set(pilot_provinces(prior) if prior is not None else ())
        )
        if not codes:
            raise ReportError(
                f"ไม่มีจังหวัดต้นแบบที่มีวัตถุประสงค์ในปีงบประมาณ {fy} หรือ {fy - 1} ระบุ --province "
                f"(no model province has objectives in FY {fy} or {fy - 1}; give --province)"
            )
    root = Path(out_dir) if out_dir else REPORTS_DIR
    jobs = document_jobs(kind, store, fy, codes, root, workspace=ws)
    results = run_jobs(
        jobs, workers=workers, pdf=pdf, force=force, progress=progress, desc=f"{kind} {fy}"
    )
    out: dict[str, Any] = {
        "results": results,
        "html": {},
        "docx": {},
        "failed": [],
        "fiscal_year": fy,
        "sample": bool(ws.is_sample),
    }
    for job, res in zip(jobs, results, strict=True):
        docx_path = job.output_dir / f"{job.stem}.docx"
        if res.status == STATUS_FAILED:
            docx_path.unlink(missing_ok=True)
            out["failed"].append(job.key)
            continue
        html_path = job.path("html")
        stale = not docx_path.is_file() or (
            html_path.is_file() and docx_path.stat().st_mtime < html_path.stat().st_mtime
        )
        if res.status == STATUS_OK or stale:
            doc = plan_document(kind, job.parameters["province"], ws, prior)
            write_docx(doc, docx_path, **PLAN_DOCX)
        res.outputs["docx"] = docx_path.name
        out["docx"][job.key] = docx_path
        if html_path.is_file():
            out["html"][job.key] = html_path
    return out
