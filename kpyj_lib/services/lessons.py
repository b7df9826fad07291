"""Recording a lesson learned (บทเรียน) and what it is linked to.

The record and its links are checked here (every problem at once, in Thai and English);
the statements are in :mod:`kpyj_lib.store.lessons`. The lessons a workshop session notes
are recorded by :func:`kpyj_lib.services.workshop.add_lesson`; the write-ups that read them
are in :mod:`kpyj_lib.documents.lessons`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pydantic

from .. import reference
from ..calendar import fiscal_year as fy_of
from ..exceptions import KpyjError
from ..model import Lesson, LessonLink
from ..store import Store, write_refusals
from ..store import lessons as sql

__all__ = ["add_lesson"]


def add_lesson(
    store: Store,
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
    StoreError
        The store is not initialised or refused the write.

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
    with write_refusals(), store.begin() as conn:
        exists = sql.lesson_exists(conn, rec.id)
        if exists and not replace:
            raise KpyjError(
                f"มีบทเรียนรหัส {rec.id!r} อยู่แล้ว ใช้ replace=True เพื่อแทนที่ "
                f"(lesson {rec.id!r} exists; pass replace=True to replace it)"
            )
        missing = sql.missing_targets(conn, link_recs, skip_lesson=rec.id)
        if missing:
            raise KpyjError(
                "บันทึกบทเรียนไม่ได้ ไม่พบปลายทางที่เชื่อมโยง (link targets not found): " + ", ".join(missing)
            )
        written = sql.write_lesson(store, conn, rec, link_recs, replace_links=exists)
    return {"lessons": written.get("lessons", 0), "lesson_links": written.get("lesson_links", 0)}
