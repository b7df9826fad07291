"""The store: every SQL statement of kpyj.

==================  ============================================================
module              what it holds
==================  ============================================================
:mod:`.engine`      the :class:`Store` (SQLite file or PostgreSQL by URL), the schema
                    (:data:`metadata`), its version, the SQLite write queue, the
                    workspace reads, the bulk writes of an import, and the one
                    message for a write the database refused (:func:`refused_write`)
:mod:`.workshop`    workshop sessions: sessions, ideas, votes, tally, draft, lessons
:mod:`.directives`  reading the directive tables, saving a weekly report
:mod:`.lessons`     recording a lesson and its links
:mod:`.migrations`  upgrading an older store's schema (a backup is written first)
:mod:`.backup`      restorable backups (SQLite online backup, pg_dump) and restore
:mod:`.people`      people, their roles and units (who signs in to the hub)
:mod:`.pgroles`     PostgreSQL accounts by role (app: rows, reader: SELECT only)
==================  ============================================================

The rules that write through these statements are in :mod:`kpyj_lib.services`; only the
services (and the command line, the importer and the document openers, through
:class:`Store`) use this package. ``Connection`` (the transaction every statement runs in)
is re-exported for their type hints.
"""

from sqlalchemy.engine import Connection

from . import migrations  # registers the schema upgrade with the engine
from .backup import _before_upgrade
from .engine import (
    SCHEMA_VERSION,
    Store,
    metadata,
    open_store,
    refused_write,
    row_values,
    write_refusals,
)

# Every schema upgrade first writes a restorable backup of the older store.
migrations.register_before_migrate(_before_upgrade)

__all__ = [
    "SCHEMA_VERSION",
    "Connection",
    "Store",
    "metadata",
    "open_store",
    "refused_write",
    "row_values",
    "write_refusals",
]
