"""The SQL of weekly directive reports: reading the directive tables, saving a report.

The rules (levels, weeks, deadlines, completion) are in :mod:`kpyj_lib.services.directives`;
these functions only read and write, inside the caller's transaction when one is given.

Examples
--------
>>> import tempfile
>>> from kpyj_lib.examples import tiny_tables
>>> from kpyj_lib.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/d.sqlite"); store.init()
>>> _ = store.write(tiny_tables())
>>> frames = read_tables(store)
>>> sorted(frames) == sorted(DIRECTIVE_TABLES), len(frames["weekly_reports"]) > 0
(True, True)
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy.engine import Connection

from ..model import Directive, WeeklyReport
from .engine import Store

__all__ = ["DIRECTIVE_TABLES", "read_tables", "save_report"]

#: The tables the directive rules read.
DIRECTIVE_TABLES: tuple[str, ...] = (
    "directives",
    "directive_units",
    "units",
    "weekly_reports",
    "meta",
)


def read_tables(store: Store, *, conn: Connection | None = None) -> dict[str, pd.DataFrame]:
    """Every row of :data:`DIRECTIVE_TABLES`, read in one snapshot (or in ``conn``'s
    transaction).

    Raises
    ------
    StoreError
        Without ``conn``: the store is not initialised.
    """
    if conn is not None:
        return {n: store.read(n, conn=conn) for n in DIRECTIVE_TABLES}
    store.check()
    with store.begin(write=False) as c:
        return {n: store.read(n, conn=c) for n in DIRECTIVE_TABLES}


def save_report(
    store: Store,
    conn: Connection,
    report: WeeklyReport,
    *,
    completes: Directive | None = None,
    replaces: Sequence[str] = (),
) -> None:
    """Write a weekly report in ``conn``'s transaction.

    ``replaces`` are the ids of the reports it corrects (deleted first); ``completes`` is
    the directive as it becomes when this report completes it.
    """
    tables: dict[str, list[object]] = {"weekly_reports": [report]}
    if completes is not None:
        tables["directives"] = [completes]
    if replaces:
        store.delete("weekly_reports", list(replaces), conn=conn)
    store.write(tables, conn=conn)
