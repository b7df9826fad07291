"""Open the weekly directives print-out from the store, and its batch run.

The print-out itself is :class:`kpyj_lib.documents.directives.WeeklyView`, shown by
:mod:`kpyj_lib.render` (template ``directives.html.j2``). The notebook
``notebooks/directives_weekly.ipynb`` opens it with :func:`open_weekly` and shows the parts
with :func:`kpyj_lib.render.show`; :func:`directives_report` runs that notebook with
papermill and writes HTML (code hidden, A4 landscape) and optionally PDF (headless
Chromium).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from . import batch
from .analysis import directives as ad
from .documents.directives import WeeklyView
from .exceptions import ReportError
from .services.directives import DirectiveContext

__all__ = ["directives_report", "open_weekly"]


def open_weekly(week: str = "", db_url: str = "", fiscal_year: int | None = 0) -> WeeklyView:
    """The view of a week read from a store (the notebook's one-line start).

    Parameters
    ----------
    week : str
        ISO date of any day of the week; ``""`` = the latest week with a report.
    db_url : str
        Store URL; ``""`` = ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``.
    fiscal_year : int
        Only the directives of this fiscal year (BE); ``0`` = every directive in the store
        (a continuing directive is reported until done, across fiscal years).
    """
    from .store import open_store

    store = open_store(db_url or None)
    try:
        ctx = DirectiveContext.from_store(store, fiscal_year=fiscal_year or None)
    finally:
        store.close()
    return WeeklyView.build(ctx, week or None)


# --------------------------------------------------------------------------- batch run
def directives_report(
    store_or_url: Any,
    week: dt.date | str,
    out_dir: Path,
    *,
    pdf: bool = False,
    notebook: Path | None = None,
) -> dict[str, Path]:
    """Run ``notebooks/directives_weekly.ipynb`` for a week and write HTML (and PDF).

    Parameters
    ----------
    store_or_url : Store or str
        The store (or its URL) the notebook reads.
    week : date or str
        Any day of the week.
    out_dir : Path
        Receives ``directives_<yyyy-mm-dd>.ipynb`` and ``.html`` (code hidden, Thai font,
        A4 landscape) and, with ``pdf=True``, ``.pdf`` printed by headless Chromium.
    pdf : bool
        Also print the PDF.
    notebook : Path, optional
        Another template with the same parameters (tests).

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
    from .paths import NOTEBOOKS_DIR
    from .store import Store

    if hasattr(store_or_url, "url"):
        store = store_or_url
        store.check()
    else:
        store = Store(store_or_url)
        try:
            store.check()
        finally:
            store.close()  # the kernel opens its own connection
    w = ad.as_week(week)
    notebook = Path(notebook) if notebook else NOTEBOOKS_DIR / "directives_weekly.ipynb"
    if not notebook.is_file():
        raise ReportError(f"ไม่พบสมุดงานแม่แบบ (template notebook not found): {notebook}")
    db_url, env = batch.store_url_for_kernel(store)
    params = {"week": w.isoformat(), "db_url": db_url, "fiscal_year": 0}
    stem = f"directives_{w.isoformat()}"
    title = f"รายงานผลการดำเนินงานตามข้อสั่งการ ประจำสัปดาห์ {ad.format_week_th(w)}"
    out_dir = Path(out_dir)
    if pdf and batch.find_chromium() is None:
        raise ReportError(
            "ไม่พบ Chromium สำหรับสร้าง PDF (Chromium is needed for PDF output; install the "
            "Debian package 'chromium')"
        )
    job = batch.Job(
        notebook, out_dir, stem=stem, parameters=params, label=title, key=stem, title=title, env=env
    )
    # one job: run it in this process (a process pool would only add start-up time)
    res = batch.run_one(job, pdf=pdf)
    if not res.ok:
        where = res.outputs.get("error_html") or res.outputs.get("error") or ""
        raise ReportError(
            f"สร้างรายงานข้อสั่งการไม่สำเร็จ (the directives report failed): {res.error}"
            + (f" — ดู (see) {out_dir / where}" if where else "")
        )
    return {kind: out_dir / name for kind, name in res.outputs.items()}
