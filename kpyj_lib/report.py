"""Open the per-province analysis report from the store (the report notebook's first call).

The report itself is :class:`kpyj_lib.documents.province.ProvinceReport`; its HTML comes
from :mod:`kpyj_lib.render`.
"""

from __future__ import annotations

from . import reference
from .documents.province import ProvinceReport

__all__ = ["open_report"]


def open_report(
    province: str,
    fiscal_year: int | None = None,
    db_url: str | None = None,
    as_of: str | None = None,
) -> ProvinceReport:
    """Open the store (``db_url`` or the default) and compute one province's report.

    This is the one call the report notebook makes after its ``parameters`` cell.

    Parameters
    ----------
    province : str
        Two-digit province code (validated).
    fiscal_year : int, optional
        Fiscal year (BE); default: the store's latest.
    db_url : str, optional
        Store URL; default ``KPYJ_DB_URL`` or ``data/kpyj.sqlite``.
    as_of : str, optional
        ISO date progress is measured at; default: the data's own date.

    Returns
    -------
    ProvinceReport
    """
    from .store import open_store

    code = reference.check_province(province)
    store = open_store(db_url or None)
    try:
        ws = store.workspace(int(fiscal_year) if fiscal_year else None)
    finally:
        store.close()
    return ProvinceReport.build(ws.for_province(code), code, as_of or None)
