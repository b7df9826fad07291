"""The rules that write through the store.

=====================  ==============================================================
module                 what it does
=====================  ==============================================================
:mod:`.workshop`       workshop sessions: stages, ideas, votes, tally, the OKR draft
:mod:`.directives`     weekly directive reports: the rules, the form logic, the save
:mod:`.carryover`      carrying unachieved objectives and KRs into the next year
:mod:`.lessons`        recording a lesson learned and its links
:mod:`.access`         people under the hub: roles, units, who may write what
=====================  ==============================================================

Every read and write goes through :mod:`kpyj_lib.store`; the widgets of
:mod:`kpyj_lib.apps` open a store with :func:`connect` (typed as :class:`Store`, re-exported
here for them), hand it to these modules and never touch the store themselves. None of
them imports ipywidgets.
"""

from __future__ import annotations

import os

from ..store import Store
from ..store import open_store as _open_store

__all__ = ["Store", "connect"]


def connect(db_url: str | os.PathLike[str] | None = None) -> Store:
    """The initialised store at ``db_url`` (empty or None: ``KPYJ_DB_URL`` or the default file).

    What an app opens before it calls the services; the store is handed back to them.

    Raises
    ------
    StoreError
        The store cannot be opened or was not initialised (``kpyj init``).
    """
    return _open_store(db_url or None)
