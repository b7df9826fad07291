"""The SQL of recording a lesson learned: does it exist, do its link targets exist, write.

The checks of the record itself are in :mod:`kpyj_lib.services.lessons`.

Examples
--------
>>> import tempfile
>>> from kpyj_lib.examples import tiny_tables
>>> from kpyj_lib.model import LessonLink
>>> from kpyj_lib.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/l.sqlite"); store.init()
>>> _ = store.write(tiny_tables())
>>> links = [LessonLink(lesson_id="L9", target_type="pmqa_category", target_id="4"),
...          LessonLink(lesson_id="L9", target_type="key_result", target_id="NOPE")]
>>> with store.begin(write=False) as conn:
...     lesson_exists(conn, "L9"), missing_targets(conn, links)
(False, ['key_result:NOPE'])
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..model import NODE_TABLES, Lesson, LessonLink
from .engine import Store, metadata

__all__ = ["lesson_exists", "missing_targets", "write_lesson"]


def lesson_exists(conn: Connection, lesson_id: str) -> bool:
    """Whether a lesson with this id is in the store."""
    t = metadata.tables["lessons"]
    return conn.execute(sa.select(t.c.id).where(t.c.id == lesson_id)).first() is not None


def missing_targets(
    conn: Connection, links: Iterable[LessonLink], *, skip_lesson: str | None = None
) -> list[str]:
    """``"<type>:<id>"`` of every link whose target is not in the store.

    A PMQA category is looked up by its number; a link to the lesson ``skip_lesson`` (the
    one being written) is not looked up.
    """
    missing = []
    for lr in links:
        col = metadata.tables[NODE_TABLES[lr.target_type]].c["id"]
        target: Any = (
            int(lr.target_id)
            if lr.target_type == "pmqa_category" and lr.target_id.isdigit()
            else lr.target_id
        )
        if lr.target_type == "lesson" and lr.target_id == skip_lesson:
            continue
        if conn.execute(sa.select(col).where(col == target)).first() is None:
            missing.append(f"{lr.target_type}:{lr.target_id}")
    return missing


def write_lesson(
    store: Store,
    conn: Connection,
    lesson: Lesson,
    links: list[LessonLink],
    *,
    replace_links: bool = False,
) -> dict[str, int]:
    """Write a lesson and its links in ``conn``'s transaction; rows written per table.

    ``replace_links`` first removes every link the lesson had.
    """
    if replace_links:
        t = metadata.tables["lesson_links"]
        conn.execute(t.delete().where(t.c.lesson_id == lesson.id))
    return store.write({"lessons": [lesson], "lesson_links": links}, conn=conn)
