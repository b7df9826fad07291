"""The store: every SQL statement of kpyj.

================  ==============================================================
module            what it holds
================  ==============================================================
:mod:`.engine`    the :class:`Store` (SQLite file or PostgreSQL by URL), the schema
                  (:data:`metadata`), its version, the SQLite write queue, the
                  workspace reads and the bulk writes of an import
:mod:`.workshop`  the statements of workshop sessions: ideas, votes, tally, draft
:mod:`.directives`  reading the directive tables, saving a weekly report
:mod:`.lessons`   recording a lesson and its links
================  ==============================================================

The rules that write through these statements are in :mod:`kpyj_lib.services`; only the
services (and the command line, the importer and the document openers, through
:class:`Store`) use this package.
"""

from .engine import SCHEMA_VERSION, Store, metadata, open_store, refused_write, write_refusals

__all__ = ["SCHEMA_VERSION", "Store", "metadata", "open_store", "refused_write", "write_refusals"]
