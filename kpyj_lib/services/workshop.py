"""Workshop sessions (seed 003): brainstorm, vote, choose the objective, draft OKRs, save.

A facilitator opens a session for a province or a unit; participants join under a name.
The session moves through the stages of :data:`STAGES`:

1. **brainstorm** (ระดมความคิด) — challenging goals tagged ทำ / ขยาย / ยกระดับ / ขับเคลื่อน;
2. **vote** (ลงคะแนน) — each participant has ``votes_per_participant`` votes, at most one
   per idea; the tally is read from the store by every visitor;
3. **draft** (ร่าง OKR) — the winning idea becomes the objective; Key Results with baseline,
   target, owner and contributing units and the how; PMQA categories under the 3 : 1 : 3
   rule; KPIs by dimension and level; a result needing two or more units is an End Product;
4. **closed** (ปิดการประชุม) — saved as the province's objective and KRs, exportable to xlsx.

Everything shared lives in the store, because every Voila visitor has a kernel of their
own. Each change is one write transaction: :meth:`Store.begin` takes SQLite's write lock
at ``BEGIN IMMEDIATE`` and, on PostgreSQL, the session's ``workshops`` row is locked with
``SELECT ... FOR UPDATE`` before anything is counted, so the vote limit holds however many
participants vote at once. Every statement is in :mod:`kpyj_lib.store.workshop`; this
module holds the rules and never imports ipywidgets; the widgets in
:mod:`kpyj_lib.apps.workshop` only call it.

Ids are generated inside those transactions from the session id: ideas
``<session>-I001``, the objective ``<session>-O1``, its KRs ``<session>-O1-KR1``, KPIs
``<session>-O1-KPI1``, lessons ``<session>-L01``. Refusals raise :class:`WorkshopError`
with Thai messages.

Examples
--------
>>> import tempfile
>>> from kpyj_lib.store import Store
>>> store = Store(f"sqlite:///{tempfile.mkdtemp()}/ws.sqlite"); store.init()
>>> ws = new_workshop(store, title_th="ระดมความคิด กพยจ.ภูเก็ต", fiscal_year=2565,
...                   province_code="83", facilitator="วิทยากร", votes_per_participant=2)
>>> ws.id
'WS-2565-83-01'
>>> a = add_idea(store, ws.id, author="สมชาย", idea_type="upgrade", text_th="ยกระดับศูนย์ข้อมูล")
>>> b = add_idea(store, ws.id, author="สมหญิง", idea_type="do", text_th="ทำแผนที่อาชญากรรม")
>>> set_stage(store, ws.id, "vote").status
'vote'
>>> for voter in ("สมชาย", "สมหญิง"):
...     _ = cast_vote(store, ws.id, a.id, voter)
>>> cast_vote(store, ws.id, a.id, "สมชาย")
Traceback (most recent call last):
...
kpyj_lib.services.workshop.WorkshopError: ท่านลงคะแนนให้ความคิดนี้แล้ว ลงซ้ำไม่ได้
(already voted for this idea)
>>> [(r.idea_id, r.votes) for r in tally(store, ws.id)]
[('WS-2565-83-01-I001', 2), ('WS-2565-83-01-I002', 0)]
>>> choose_objective(store, ws.id).id
'WS-2565-83-01-O1'
>>> draft = load_draft(store, ws.id)
>>> kr = draft.add_kr(make_kr(title_th="ศูนย์ข้อมูลใช้งานได้จริง", baseline=0, target=1,
...     unit_of_measure="ศูนย์", owner_unit_id=None, how_th="NCF"))
>>> kr.id, classify_units(kr.owner_unit_id, kr.contributor_unit_ids)
('WS-2565-83-01-O1-KR1', 'unowned')
>>> save_draft(store, ws.id, draft).key_result_ids
('WS-2565-83-01-O1-KR1',)
>>> store.close()
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from pydantic import ValidationError

from .. import reference
from ..analysis.pmqa import PHASES
from ..calendar import today_bangkok
from ..exceptions import KpyjError, StoreError
from ..model import (
    Idea,
    KeyResult,
    Kpi,
    KRUnit,
    Lesson,
    LessonLink,
    Objective,
    PmqaMapping,
    Record,
    Vote,
    Workshop,
)
from ..store import Store, write_refusals
from ..store import workshop as sql
from ..text import is_truthy
from . import access

if TYPE_CHECKING:
    from ..store import Connection

__all__ = [
    "DIRECTIONS",
    "IDEA_TYPES",
    "KPI_DIMENSIONS",
    "KPI_LEVELS",
    "LESSON_KINDS",
    "POLL_SECONDS",
    "STAGES",
    "Draft",
    "KRDraft",
    "KpiDraft",
    "PhaseBalance",
    "SaveResult",
    "Snapshot",
    "TallyRow",
    "WorkshopError",
    "add_idea",
    "add_lesson",
    "balance_message",
    "cast_vote",
    "choose_objective",
    "classification_label",
    "classify_units",
    "clean_name",
    "clean_text",
    "draft_tables",
    "draft_warnings",
    "export_filename",
    "export_session",
    "fiscal_years",
    "get_workshop",
    "is_sample",
    "kpi_grid",
    "leaders",
    "load_draft",
    "make_kpi",
    "make_kr",
    "max_length",
    "new_workshop",
    "open_workshops",
    "parse_number",
    "pmqa_balance",
    "remove_idea",
    "retract_vote",
    "save_draft",
    "session_tables",
    "set_stage",
    "snapshot",
    "stage_label",
    "tally",
    "units",
    "validate_draft",
    "votes_used",
    "workshop_label",
]

#: The stages of a session, in order (codes of the ``workshop_status`` list).
STAGES: tuple[str, ...] = ("brainstorm", "vote", "draft", "closed")
#: Idea tags of seed 003: ทำ / ขยาย / ยกระดับ / ขับเคลื่อน.
IDEA_TYPES: tuple[str, ...] = tuple(reference.code_values("idea_type"))
#: The 4 KPI dimensions and 4 levels (seed 003, OPDC framework).
KPI_DIMENSIONS: tuple[str, ...] = tuple(reference.code_values("kpi_dimension"))
KPI_LEVELS: tuple[str, ...] = tuple(reference.code_values("kpi_level"))
LESSON_KINDS: tuple[str, ...] = tuple(reference.code_values("lesson_kind"))
#: The directions of a key result (``model.Direction``).
DIRECTIONS: tuple[str, ...] = ("up", "down", "reach")
#: How often an app re-reads the shared session state from the store (seconds).
POLL_SECONDS = 2.0

_END_PRODUCT_LABELS = {
    "end_product": "End Product",
    "key_result": "ผลลัพธ์หลักของหน่วยเดียว (Key Result)",
    "unowned": "ยังไม่มีหน่วยงานรับผิดชอบ",
}
_MAX_PREFIX = 40  # longest session id used verbatim as the prefix of generated ids
_DOUBLE_VOTE = "ท่านลงคะแนนให้ความคิดนี้แล้ว ลงซ้ำไม่ได้ (already voted for this idea)"


class WorkshopError(KpyjError, ValueError):
    """A workshop action refused, with one or more Thai messages (``messages``)."""

    def __init__(self, messages: str | Sequence[str]):
        self.messages: list[str] = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("; ".join(self.messages))


# --------------------------------------------------------------------------- text input
def max_length(record: type[Record], field_name: str) -> int | None:
    """The ``max_length`` the model allows for a text field.

    >>> max_length(Idea, "text_th"), max_length(Vote, "voter")
    (500, 100)
    """
    for m in record.model_fields[field_name].metadata:
        n = getattr(m, "max_length", None)
        if n is not None:
            return int(n)
    return None


def clean_text(value: Any, label: str, *, max_len: int | None, required: bool = True) -> str | None:
    """Text as typed (only surrounding space removed), checked against a length limit.

    Raises
    ------
    WorkshopError
        When required text is empty or the text is longer than ``max_len`` characters.

    >>> clean_text("  ยกระดับ <b>ศอช.</b> ", "ข้อความ", max_len=500)
    'ยกระดับ <b>ศอช.</b>'
    >>> clean_text("ก" * 6, "ข้อความ", max_len=5)
    Traceback (most recent call last):
    ...
    kpyj_lib.services.workshop.WorkshopError: ข้อความยาวเกินกำหนด: สูงสุด 5 ตัวอักษร แต่พิมพ์มา 6 ตัวอักษร
    """
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise WorkshopError(f"กรุณากรอก{label}")
        return None
    if max_len is not None and len(text) > max_len:
        raise WorkshopError(
            f"{label}ยาวเกินกำหนด: สูงสุด {max_len:,} ตัวอักษร แต่พิมพ์มา {len(text):,} ตัวอักษร"
        )
    return text


def clean_name(value: Any, label: str = "ชื่อผู้เข้าร่วม") -> str:
    """A participant's name: Unicode NFC, runs of spaces made one, at most 100 characters.

    The same person typing their name twice gets the same voter identity.

    >>> clean_name("  สมชาย   ใจดี ") == clean_name("สมชาย ใจดี")
    True
    """
    text = " ".join(unicodedata.normalize("NFC", "" if value is None else str(value)).split())
    return clean_text(text, label, max_len=max_length(Vote, "voter"))  # type: ignore[return-value]


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def parse_number(value: Any, label: str, *, required: bool = True) -> float | None:
    """A number typed by a person: Thai digits and thousands separators accepted.

    >>> parse_number("1,250.5", "ค่าฐาน"), parse_number("๑๒", "ค่าเป้าหมาย")
    (1250.5, 12.0)
    >>> parse_number("สิบ", "ค่าฐาน")
    Traceback (most recent call last):
    ...
    kpyj_lib.services.workshop.WorkshopError: ค่าฐานต้องเป็นตัวเลข (พิมพ์มา 'สิบ')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise WorkshopError(f"กรุณากรอก{label}")
        return None
    if isinstance(value, bool):
        raise WorkshopError(f"{label}ต้องเป็นตัวเลข")
    if isinstance(value, int | float):
        x = float(value)
    else:
        text = str(value).strip().translate(_THAI_DIGITS).replace(",", "").replace(" ", "")
        try:
            x = float(text)
        except ValueError:
            raise WorkshopError(f"{label}ต้องเป็นตัวเลข (พิมพ์มา {str(value).strip()!r})") from None
    if not math.isfinite(x):
        raise WorkshopError(f"{label}ต้องเป็นตัวเลขที่มีค่าจำกัด")
    return x


def _record_messages(exc: ValidationError, record: type[Record]) -> list[str]:
    """Pydantic errors as Thai sentences naming the field by its Thai header."""
    out = []
    for err in exc.errors():
        loc = err.get("loc") or ()
        name = str(loc[0]) if loc else ""
        finfo = record.model_fields.get(name)
        label = (finfo.json_schema_extra or {}).get("th", name) if finfo else ""  # type: ignore[union-attr]
        kind = err.get("type", "")
        ctx = err.get("ctx") or {}
        if kind == "value_error" and "error" in ctx:
            out.append(str(ctx["error"]))
        elif kind == "string_too_long":
            out.append(f"{label}ยาวเกินกำหนด: สูงสุด {ctx.get('max_length')} ตัวอักษร")
        elif kind == "missing":
            out.append(f"กรุณากรอก{label}")
        elif kind == "literal_error":
            out.append(f"{label}: ค่าที่เลือกไม่อยู่ในรายการ")
        else:
            out.append(f"{label}: {err.get('msg')}")
    return out


def _build(record: type[Record], **values: Any) -> Any:
    try:
        return record(**values)
    except ValidationError as e:
        raise WorkshopError(_record_messages(e, record)) from None


# --------------------------------------------------------------------------- labels
def stage_label(stage: str) -> str:
    """The Thai label of a stage.

    >>> [stage_label(s) for s in STAGES]
    ['ระดมความคิด', 'ลงคะแนน', 'ร่าง OKR', 'ปิดการประชุม']
    """
    return reference.code_label("workshop_status", stage)


def workshop_label(ws: Workshop) -> str:
    """How a session is named in a list: title, province or unit, stage."""
    where = reference.province_name(ws.province_code) if ws.province_code else ws.unit_id or "-"
    return f"{ws.title_th} — {where} ({ws.id}, {stage_label(ws.status)})"


# --------------------------------------------------------------------------- store helpers
def _utcnow() -> dt.datetime:
    """Now in UTC (time-zone aware)."""
    return dt.datetime.now(dt.UTC)


def _read_workshop(conn: Connection, ws_id: str, *, lock: bool = False) -> Workshop:
    """The session row; with ``lock`` it stays locked until the transaction ends.

    On PostgreSQL the lock is ``SELECT ... FOR UPDATE``; SQLite ignores it, there the
    whole write transaction already holds the database's write lock (``BEGIN IMMEDIATE``).
    """
    ws = sql.workshop(conn, ws_id, lock=lock)
    if ws is None:
        raise WorkshopError(f"ไม่พบการประชุมรหัส {ws_id} (no such workshop)")
    return ws


def _lock(conn: Connection, ws_id: str) -> Workshop:
    """Read the session row, locking it until the transaction ends (see :func:`_read_workshop`)."""
    return _read_workshop(conn, ws_id, lock=True)


def _prefix(ws_id: str) -> str:
    """The prefix of ids generated for a session: its id, or a short hash of a long id."""
    if len(ws_id) <= _MAX_PREFIX:
        return ws_id
    return "WS-" + hashlib.sha1(ws_id.encode()).hexdigest()[:10]


def _next_number(ids: Iterable[str], prefix: str) -> int:
    pat = re.compile(re.escape(prefix) + r"(\d+)$")
    nums = [int(m.group(1)) for i in ids if (m := pat.match(i))]
    return max(nums, default=0) + 1


def _require_stage(ws: Workshop, *stages: str, action: str) -> None:
    if ws.status not in stages:
        allowed = " หรือ ".join(stage_label(s) for s in stages)
        raise WorkshopError(f"{action}ได้เฉพาะขั้น{allowed} ขณะนี้อยู่ในขั้น{stage_label(ws.status)}")


def _require_facilitator(ws: Workshop, by: str | None) -> None:
    """Stage changes are the facilitator's (``by=None``: a library caller, not checked)."""
    if by is None or not ws.facilitator:
        return
    if clean_name(by) != clean_name(ws.facilitator, "ชื่อวิทยากร"):
        raise WorkshopError(f"เฉพาะวิทยากร ({ws.facilitator}) ทำขั้นตอนนี้ได้")


def _lead(conn: Connection, ws: Workshop, person: str | None, by: str | None) -> None:
    """A step only the session's facilitator takes.

    Signed in (``person``): the person must be this session's facilitator with the
    facilitator role, or an administrator, checked in the store. Without the hub: the
    typed name ``by`` must be the facilitator's (:func:`_require_facilitator`).
    """
    p = access.actor(conn, person)
    if p is None:
        _require_facilitator(ws, by)
        return
    if not access.may_lead(p, ws.facilitator):
        raise access.AccessError(
            f"ท่านไม่ใช่ผู้ดำเนินการของการประชุม {ws.id} ขั้นตอนนี้ทำได้เฉพาะผู้ดำเนินการ "
            f"({ws.facilitator or '-'}) หรือผู้ดูแลระบบ "
            f"({p.id} does not lead this session)"
        )


def _participant(conn: Connection, person: str | None, typed: str | None) -> str:
    """The name someone takes part under: the signed-in person's hub user name (who must
    have a workshop role), or, without the hub, the name as typed (cleaned)."""
    p = access.actor(conn, person)
    if p is None:
        return clean_name(typed)
    access.require(p, access.WORKSHOP_ROLES, "ร่วมการประชุมเชิงปฏิบัติการ")
    return p.id


# --------------------------------------------------------------------------- the store
def units(store: Store) -> list[tuple[str, str, str | None]]:
    """``(id, name_th, province_code)`` of every unit, by province (central ones first), name."""
    return sorted(sql.unit_rows(store), key=lambda r: (r[2] or "", r[1]))


def is_sample(store: Store) -> bool:
    """True when the store's data is marked as sample (ตัวอย่าง) in its ``meta`` table."""
    return is_truthy(sql.meta_value(store, "is_sample"))


def fiscal_years(store: Store) -> list[int]:
    """The fiscal years that have data in the store, newest first."""
    return store.fiscal_years()


# --------------------------------------------------------------------------- sessions
def get_workshop(store: Store, ws_id: str) -> Workshop:
    """One session, read from the store."""
    with store.begin(write=False) as conn:
        return _read_workshop(conn, ws_id)


def open_workshops(store: Store, *, include_closed: bool = False) -> list[Workshop]:
    """Sessions to join, newest first (closed ones only with ``include_closed``)."""
    with store.begin(write=False) as conn:
        out = sql.workshops(conn, include_closed=include_closed)
    out.sort(key=lambda w: (w.date, w.id), reverse=True)
    return out


def new_workshop(
    store: Store,
    *,
    title_th: str,
    fiscal_year: int,
    facilitator: str,
    province_code: str | None = None,
    unit_id: str | None = None,
    votes_per_participant: int = 3,
    date: dt.date | None = None,
    person: str | None = None,
) -> Workshop:
    """Open a new session for a province or a unit; its id is ``WS-<fy>-<scope>-<nn>``.

    ``person``: the signed-in hub user (see :mod:`kpyj_lib.services.access`), who must
    have the facilitator (or administrator) role and becomes the facilitator whatever
    ``facilitator`` says.

    Raises
    ------
    WorkshopError
        On a missing title or facilitator, an unknown province or unit, or a vote count
        outside 1-20.
    AccessError
        The signed-in person may not open sessions.
    """
    with store.begin(write=False) as conn:
        p = access.actor(conn, person)
    if p is not None:
        access.require(p, ("facilitator",), "เปิดการประชุมเชิงปฏิบัติการ")
        facilitator = p.id
    title = clean_text(title_th, "ชื่อการประชุม", max_len=max_length(Workshop, "title_th"))
    who = clean_name(facilitator, "ชื่อวิทยากร")
    problems = []
    code = None
    if province_code:
        try:
            code = reference.check_province(province_code)
        except (KpyjError, ValueError) as e:
            problems.append(f"รหัสจังหวัดไม่ถูกต้อง: {e}")
    unit = (unit_id or "").strip() or None
    if not code and not unit:
        problems.append("กรุณาเลือกจังหวัดหรือหน่วยงานของการประชุม")
    try:
        n_votes = int(votes_per_participant)
    except (TypeError, ValueError):
        n_votes = 0
    if not 1 <= n_votes <= 20:
        problems.append("จำนวนเสียงต่อคนต้องอยู่ระหว่าง 1 ถึง 20")
    if problems:
        raise WorkshopError(problems)
    if unit:
        with store.begin(write=False) as conn:
            if not sql.unit_exists(conn, unit):
                raise WorkshopError(f"ไม่พบหน่วยงานรหัส {unit}")
    scope = re.sub(r"[^A-Za-z0-9]+", "-", code or unit or "X").strip("-")[:16] or "X"
    base = f"WS-{int(fiscal_year)}-{scope}-"
    for _attempt in range(10):
        try:
            with write_refusals(), store.begin() as conn:
                ids = sql.ids_starting(conn, "workshops", base)
                ws_id = f"{base}{_next_number(ids, base):02d}"
                ws = _build(
                    Workshop,
                    id=ws_id,
                    fiscal_year=int(fiscal_year),
                    province_code=code,
                    unit_id=unit,
                    date=date or today_bangkok(),
                    title_th=title,
                    facilitator=who,
                    votes_per_participant=n_votes,
                    status="brainstorm",
                )
                sql.insert_workshop(conn, ws)
            return ws
        except StoreError:  # the store refused the id: another facilitator took the number
            continue
    raise WorkshopError("สร้างรหัสการประชุมไม่สำเร็จ โปรดลองอีกครั้ง")


def set_stage(
    store: Store, ws_id: str, stage: str, *, by: str | None = None, person: str | None = None
) -> Workshop:
    """Move a session one stage forward or back.

    Rules: voting needs at least one idea; the draft stage needs a chosen objective
    (:func:`choose_objective` moves there); closing needs a draft that passes
    :func:`validate_draft` with ``final=True`` (see :func:`save_draft`). A closed session
    can be reopened for drafting.
    """
    if stage not in STAGES:
        raise WorkshopError(f"ไม่มีขั้นตอน {stage!r}")
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        _lead(conn, ws, person, by)
        if stage == ws.status:
            return ws
        if abs(STAGES.index(stage) - STAGES.index(ws.status)) != 1:
            raise WorkshopError(
                f"เปลี่ยนจากขั้น{stage_label(ws.status)}ไปขั้น{stage_label(stage)}โดยตรงไม่ได้"
            )
        if stage == "vote" and ws.status == "brainstorm" and sql.count_ideas(conn, ws_id) == 0:
            raise WorkshopError("ยังไม่มีความคิดให้ลงคะแนน กรุณาระดมความคิดก่อน")
        if stage == "draft" and ws.status == "vote" and not ws.objective_id:
            raise WorkshopError("กรุณาเลือกความคิดที่ชนะเป็นวัตถุประสงค์ก่อน")
        if stage == "closed":
            draft = _load_draft(conn, ws)
            problems = validate_draft(draft, final=True) if draft else ["ยังไม่มีร่าง OKR"]
            if problems:
                raise WorkshopError(problems)
        sql.update_workshop(conn, ws_id, status=stage)
        return ws.model_copy(update={"status": stage})


# --------------------------------------------------------------------------- brainstorm
def _idea_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def add_idea(
    store: Store,
    ws_id: str,
    *,
    author: str | None = None,
    idea_type: str,
    text_th: str,
    person: str | None = None,
) -> Idea:
    """Add a brainstormed idea (only in the brainstorm stage).

    The text is stored as typed; the same text twice in one session is refused. Signed in
    (``person``), the author is the person's hub user name.
    """
    who = clean_name(author) if person is None else None
    if idea_type not in IDEA_TYPES:
        labels = " / ".join(reference.code_label("idea_type", c) for c in IDEA_TYPES)
        raise WorkshopError(f"กรุณาเลือกประเภทความคิด ({labels})")
    text = clean_text(text_th, "ข้อความความคิด", max_len=max_length(Idea, "text_th"))
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        who = _participant(conn, person, who)
        _require_stage(ws, "brainstorm", action="เสนอความคิด")
        rows = sql.idea_texts(conn, ws_id)
        key = _idea_key(text)  # type: ignore[arg-type]
        if any(_idea_key(other) == key for _, other in rows):
            raise WorkshopError("มีความคิดนี้อยู่แล้วในการประชุม")
        prefix = f"{_prefix(ws_id)}-I"
        idea = _build(
            Idea,
            id=f"{prefix}{_next_number((i for i, _ in rows), prefix):03d}",
            workshop_id=ws_id,
            idea_type=idea_type,
            text_th=text,
            author=who,
            created_at=_utcnow(),
        )
        sql.insert_idea(conn, idea)
    return idea


def remove_idea(
    store: Store, ws_id: str, idea_id: str, *, by: str | None = None, person: str | None = None
) -> None:
    """Withdraw an idea in the brainstorm stage: its author or the facilitator may."""
    who = clean_name(by) if person is None else None
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        p = access.actor(conn, person)
        if p is not None:
            who = p.id
            if access.may_lead(p, ws.facilitator):
                who = clean_name(ws.facilitator, "ผู้ดำเนินการ")
        _require_stage(ws, "brainstorm", action="ถอนความคิด")
        author = sql.idea_author(conn, ws_id, idea_id)
        if author is None:
            raise WorkshopError("ไม่พบความคิดนี้ในการประชุม")
        facilitator = clean_name(ws.facilitator, "วิทยากร") if ws.facilitator else None
        if who not in (clean_name(author), facilitator):
            raise WorkshopError("ถอนได้เฉพาะผู้เสนอความคิดหรือวิทยากร")
        sql.delete_idea(conn, idea_id)


# --------------------------------------------------------------------------- voting
def votes_used(store: Store, ws_id: str, voter: str) -> int:
    """How many votes a participant has cast in a session."""
    with store.begin(write=False) as conn:
        return sql.votes_used(conn, ws_id, clean_name(voter))


def cast_vote(
    store: Store, ws_id: str, idea_id: str, voter: str | None = None, *, person: str | None = None
) -> Vote:
    """One vote for an idea, in one write transaction that locks the session first.

    Refused (:class:`WorkshopError`) outside the vote stage, for an idea of another
    session, for a second vote on the same idea, and when the voter has no votes left.
    Signed in (``person``), the voter is the person's hub user name (``voter`` is ignored):
    the budget is per signed-in person.
    """
    who = clean_name(voter) if person is None else None
    try:
        with write_refusals(), store.begin() as conn:
            ws = _lock(conn, ws_id)  # everything below is counted under the lock
            who = _participant(conn, person, who)
            _require_stage(ws, "vote", action="ลงคะแนน")
            found, dup, used = sql.vote_checks(conn, ws_id, idea_id, who)
            if not found:
                raise WorkshopError("ไม่พบความคิดนี้ในการประชุม")
            if dup:
                raise WorkshopError(_DOUBLE_VOTE)
            if used >= ws.votes_per_participant:
                raise WorkshopError(
                    f"ท่านใช้สิทธิ์ครบ {ws.votes_per_participant} เสียงแล้ว "
                    f"(no votes left: {ws.votes_per_participant} per participant)"
                )
            vote = Vote(idea_id=idea_id, voter=who, created_at=_utcnow())
            sql.insert_vote(conn, vote)
    except StoreError:  # the key (idea_id, voter) is the last line of defence
        raise WorkshopError(_DOUBLE_VOTE) from None
    return vote


def retract_vote(
    store: Store, ws_id: str, idea_id: str, voter: str | None = None, *, person: str | None = None
) -> bool:
    """Take back a vote (vote stage only); True if there was one."""
    who = clean_name(voter) if person is None else None
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        who = _participant(conn, person, who)
        _require_stage(ws, "vote", action="ถอนคะแนน")
        n = sql.delete_vote(conn, ws_id, idea_id, who)
    return bool(n)


@dataclass(frozen=True)
class TallyRow:
    """One idea with its votes; ``rank`` is 1 for the leaders (ties share a rank)."""

    idea_id: str
    idea_type: str
    text_th: str
    author: str
    votes: int
    rank: int
    created_at: dt.datetime | None = None

    @property
    def type_th(self) -> str:
        return reference.code_label("idea_type", self.idea_type)


def _tally(conn: Connection, ws_id: str) -> list[TallyRow]:
    rows = sql.tally_counts(conn, ws_id)
    never = dt.datetime.max.replace(tzinfo=dt.UTC)
    rows.sort(key=lambda r: (-r.n, r.created_at or never, r.id))
    out: list[TallyRow] = []
    for i, r in enumerate(rows):
        rank = out[-1].rank if out and out[-1].votes == r.n else i + 1
        out.append(TallyRow(r.id, r.idea_type, r.text_th, r.author, r.n, rank, r.created_at))
    return out


def tally(store: Store, ws_id: str) -> list[TallyRow]:
    """Every idea of a session with its vote count, most votes first (then oldest first)."""
    with store.begin(write=False) as conn:
        return _tally(conn, ws_id)


def leaders(rows: Sequence[TallyRow]) -> list[TallyRow]:
    """The ideas with the most votes (more than one on a tie; none if nobody voted).

    >>> rows = [TallyRow("a", "do", "ก", "x", 3, 1), TallyRow("b", "do", "ข", "y", 3, 1),
    ...         TallyRow("c", "do", "ค", "z", 1, 3)]
    >>> [r.idea_id for r in leaders(rows)]
    ['a', 'b']
    """
    if not rows or rows[0].votes == 0:
        return []
    return [r for r in rows if r.votes == rows[0].votes]


# --------------------------------------------------------------------------- objective
def choose_objective(
    store: Store,
    ws_id: str,
    idea_id: str | None = None,
    *,
    title_th: str | None = None,
    by: str | None = None,
    person: str | None = None,
) -> Objective:
    """Make the winning idea (or the idea chosen by the facilitator) the session's objective.

    Writes the objective ``<session>-O1`` for the session's province or unit and fiscal
    year, links it to the session and moves the session to the draft stage. Without
    ``idea_id`` the idea with the most votes is taken; a tie must be settled by naming one.
    """
    title = (
        clean_text(title_th, "วัตถุประสงค์", max_len=max_length(Objective, "title_th"))
        if title_th is not None
        else None
    )
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        _lead(conn, ws, person, by)
        _require_stage(ws, "vote", "draft", action="เลือกวัตถุประสงค์")
        rows = _tally(conn, ws_id)
        if idea_id is None:
            top = leaders(rows)
            if not top:
                raise WorkshopError("ยังไม่มีผู้ลงคะแนน จึงยังเลือกวัตถุประสงค์ไม่ได้")
            if len(top) > 1:
                tied = ", ".join(f"{r.idea_id} ({r.votes} เสียง)" for r in top)
                raise WorkshopError(f"คะแนนเสมอกัน: {tied} — กรุณาเลือกหนึ่งความคิด")
            chosen = top[0]
        else:
            match = [r for r in rows if r.idea_id == idea_id]
            if not match:
                raise WorkshopError("ไม่พบความคิดนี้ในการประชุม")
            chosen = match[0]
        obj_id = ws.objective_id or f"{_prefix(ws_id)}-O1"
        obj = _build(
            Objective,
            id=obj_id,
            fiscal_year=ws.fiscal_year,
            province_code=ws.province_code,
            unit_id=ws.unit_id,
            title_th=title or chosen.text_th,
            description_th=(
                f"ได้จากการประชุมเชิงปฏิบัติการ {ws.id}: ความคิด {chosen.idea_id} "
                f"({chosen.type_th}) ได้ {chosen.votes} เสียง"
            ),
        )
        store.write({"objectives": [obj]}, conn=conn)
        sql.update_workshop(conn, ws_id, objective_id=obj_id, status="draft")
        _link_lessons(conn, ws, obj_id)
    return obj


# --------------------------------------------------------------------------- drafting
def classify_units(owner_unit_id: str | None, contributor_unit_ids: Iterable[str] = ()) -> str:
    """``end_product`` when two or more units are needed, else ``key_result`` / ``unowned``.

    The rule of :func:`kpyj_lib.analysis.flows.end_products` (seed 003): made by one unit
    alone a result is only a Key Result.

    >>> classify_units("U1", ["U2"]), classify_units("U1", ["U1"]), classify_units(None)
    ('end_product', 'key_result', 'unowned')
    """
    units = {u for u in contributor_unit_ids if u}
    if owner_unit_id:
        units.add(owner_unit_id)
    return "end_product" if len(units) >= 2 else ("key_result" if units else "unowned")


def classification_label(code: str) -> str:
    """Thai label of :func:`classify_units`' result."""
    return _END_PRODUCT_LABELS[code]


@dataclass
class KRDraft:
    """A Key Result being drafted, with its units, the how and its PMQA categories."""

    title_th: str
    baseline: float
    target: float
    unit_of_measure: str
    direction: str = "up"
    owner_unit_id: str | None = None
    contributor_unit_ids: tuple[str, ...] = ()
    how_th: str | None = None
    pmqa: tuple[int, ...] = ()
    id: str | None = None

    @property
    def classification(self) -> str:
        return classify_units(self.owner_unit_id, self.contributor_unit_ids)

    @property
    def is_end_product(self) -> bool:
        return self.classification == "end_product"


@dataclass
class KpiDraft:
    """A KPI in one of the 4 dimensions at one of the 4 levels, of the objective or a KR."""

    name_th: str
    dimension: str
    level: str
    key_result_id: str | None = None
    target: float | None = None
    unit_of_measure: str | None = None
    id: str | None = None


@dataclass
class Draft:
    """The objective being drafted and its KRs and KPIs (ids given as they are added)."""

    objective_id: str
    title_th: str
    pmqa: tuple[int, ...] = ()
    krs: list[KRDraft] = field(default_factory=list)
    kpis: list[KpiDraft] = field(default_factory=list)

    def add_kr(self, kr: KRDraft) -> KRDraft:
        """Append a KR, giving it the next id ``<objective>-KR<n>``."""
        prefix = f"{self.objective_id}-KR"
        kr = replace(kr, id=f"{prefix}{_next_number((k.id or '' for k in self.krs), prefix)}")
        self.krs.append(kr)
        return kr

    def replace_kr(self, kr_id: str, kr: KRDraft) -> KRDraft:
        """Put ``kr`` in place of the KR ``kr_id`` (keeping the id)."""
        for i, k in enumerate(self.krs):
            if k.id == kr_id:
                self.krs[i] = replace(kr, id=kr_id)
                return self.krs[i]
        raise WorkshopError(f"ไม่พบผลลัพธ์หลัก {kr_id}")

    def remove_kr(self, kr_id: str) -> None:
        """Drop a KR and the KPIs that measure it."""
        self.krs = [k for k in self.krs if k.id != kr_id]
        self.kpis = [k for k in self.kpis if k.key_result_id != kr_id]

    def add_kpi(self, kpi: KpiDraft) -> KpiDraft:
        """Append a KPI, giving it the next id ``<objective>-KPI<n>``."""
        if kpi.key_result_id and kpi.key_result_id not in {k.id for k in self.krs}:
            raise WorkshopError(f"ไม่พบผลลัพธ์หลัก {kpi.key_result_id}")
        prefix = f"{self.objective_id}-KPI"
        kpi = replace(kpi, id=f"{prefix}{_next_number((k.id or '' for k in self.kpis), prefix)}")
        self.kpis.append(kpi)
        return kpi

    def remove_kpi(self, kpi_id: str) -> None:
        self.kpis = [k for k in self.kpis if k.id != kpi_id]

    def categories(self) -> list[int]:
        """Every PMQA mapping of the objective and its KRs (a category once per item)."""
        out = list(dict.fromkeys(self.pmqa))
        for k in self.krs:
            out += list(dict.fromkeys(k.pmqa))
        return out


def _categories(values: Iterable[Any]) -> tuple[int, ...]:
    out = []
    for v in values:
        try:
            c = int(v)
        except (TypeError, ValueError):
            raise WorkshopError(f"หมวด PMQA ต้องเป็นเลข 1-7 (ได้ {v!r})") from None
        if not 1 <= c <= 7:
            raise WorkshopError(f"หมวด PMQA ต้องเป็นเลข 1-7 (ได้ {c})")
        out.append(c)
    return tuple(sorted(set(out)))


def make_kr(
    *,
    title_th: Any,
    baseline: Any,
    target: Any,
    unit_of_measure: Any,
    direction: str = "up",
    owner_unit_id: str | None = None,
    contributor_unit_ids: Iterable[str] = (),
    how_th: Any = None,
    pmqa: Iterable[Any] = (),
    known_units: Iterable[str] | None = None,
) -> KRDraft:
    """A KR draft from what was typed, checked like :class:`~kpyj_lib.model.KeyResult`.

    Every problem is reported at once, in Thai.

    >>> make_kr(title_th="", baseline="x", target=1, unit_of_measure="")
    Traceback (most recent call last):
    ...
    kpyj_lib.services.workshop.WorkshopError: กรุณากรอกผลลัพธ์หลัก; ค่าฐานต้องเป็นตัวเลข (พิมพ์มา 'x');
    กรุณากรอกหน่วยนับ
    >>> make_kr(title_th="ลดคดี", baseline=10, target=20, unit_of_measure="คดี",
    ...         direction="down").title_th
    Traceback (most recent call last):
    ...
    kpyj_lib.services.workshop.WorkshopError: ทิศทาง 'ลดลง' แต่ค่าเป้าหมายมากกว่าค่าฐาน
    """
    problems: list[str] = []
    values: dict[str, Any] = {}

    def take(name: str, fn: Any) -> None:
        try:
            values[name] = fn()
        except WorkshopError as e:
            problems.extend(e.messages)

    take(
        "title_th",
        lambda: clean_text(title_th, "ผลลัพธ์หลัก", max_len=max_length(KeyResult, "title_th")),
    )
    take("baseline", lambda: parse_number(baseline, "ค่าฐาน"))
    take("target", lambda: parse_number(target, "ค่าเป้าหมาย"))
    take(
        "unit_of_measure",
        lambda: clean_text(
            unit_of_measure, "หน่วยนับ", max_len=max_length(KeyResult, "unit_of_measure")
        ),
    )
    take(
        "how_th",
        lambda: clean_text(
            how_th, "วิธีการ (How)", max_len=max_length(KeyResult, "how_th"), required=False
        ),
    )
    take("pmqa", lambda: _categories(pmqa))
    if direction not in DIRECTIONS:
        problems.append("กรุณาเลือกทิศทางของผลลัพธ์ (เพิ่มขึ้น/ลดลง/บรรลุค่าเป้าหมาย)")
    owner = (owner_unit_id or "").strip() or None
    contributors = tuple(dict.fromkeys(u for u in contributor_unit_ids if u and u != owner))
    if known_units is not None:
        known = set(known_units)
        unknown = [u for u in (owner, *contributors) if u and u not in known]
        if unknown:
            problems.append(f"ไม่พบหน่วยงาน: {', '.join(unknown)}")
    if not problems:
        try:
            KeyResult(
                id="KR-CHECK",
                title_th=values["title_th"],
                baseline=values["baseline"],
                target=values["target"],
                unit_of_measure=values["unit_of_measure"],
                direction=direction,
                how_th=values["how_th"],
            )
        except ValidationError as e:
            problems += _record_messages(e, KeyResult)
    if problems:
        raise WorkshopError(problems)
    return KRDraft(
        title_th=values["title_th"],
        baseline=values["baseline"],
        target=values["target"],
        unit_of_measure=values["unit_of_measure"],
        direction=direction,
        owner_unit_id=owner,
        contributor_unit_ids=contributors,
        how_th=values["how_th"],
        pmqa=values["pmqa"],
    )


def make_kpi(
    *,
    name_th: Any,
    dimension: str,
    level: str,
    key_result_id: str | None = None,
    target: Any = None,
    unit_of_measure: Any = None,
) -> KpiDraft:
    """A KPI draft from what was typed.

    >>> make_kpi(name_th="ร้อยละคดีที่ไกล่เกลี่ยสำเร็จ", dimension="effectiveness",
    ...          level="division", target="80").target
    80.0
    """
    problems: list[str] = []
    name = target_v = uom = None
    try:
        name = clean_text(name_th, "ชื่อตัวชี้วัด", max_len=max_length(Kpi, "name_th"))
    except WorkshopError as e:
        problems += e.messages
    if dimension not in KPI_DIMENSIONS:
        problems.append("กรุณาเลือกมิติของตัวชี้วัด (4 มิติ)")
    if level not in KPI_LEVELS:
        problems.append("กรุณาเลือกระดับของตัวชี้วัด (4 ระดับ)")
    try:
        target_v = parse_number(target, "ค่าเป้าหมาย", required=False)
        uom = clean_text(
            unit_of_measure, "หน่วยนับ", max_len=max_length(Kpi, "unit_of_measure"), required=False
        )
    except WorkshopError as e:
        problems += e.messages
    if problems:
        raise WorkshopError(problems)
    return KpiDraft(name, dimension, level, key_result_id or None, target_v, uom)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PhaseBalance:
    """Use of one phase of the 3 : 1 : 3 rule (think 1 3 7 / prepare 2 / act 4 5 6)."""

    phase: str
    label_th: str
    categories: tuple[int, ...]
    used: tuple[int, ...]
    mappings: int
    share: float


def pmqa_balance(categories: Iterable[int]) -> list[PhaseBalance]:
    """The 3 : 1 : 3 balance of a set of PMQA mappings (one entry per mapping).

    >>> b = pmqa_balance([1, 3, 2, 6])
    >>> [(p.phase, p.mappings, p.used) for p in b]
    [('think', 2, (1, 3)), ('prepare', 1, (2,)), ('act', 1, (6,))]
    >>> round(b[0].share, 2)
    0.5
    """
    cats = [int(c) for c in categories]
    total = len(cats)
    out = []
    for phase, (label, members) in PHASES.items():
        n = sum(1 for c in cats if c in members)
        out.append(
            PhaseBalance(
                phase=phase,
                label_th=label,
                categories=members,
                used=tuple(c for c in members if c in cats),
                mappings=n,
                share=n / total if total else 0.0,
            )
        )
    return out


def balance_message(balance: Sequence[PhaseBalance]) -> str:
    """One Thai sentence on a goal's phases under the 3 : 1 : 3 rule.

    The rule sets no share: a goal is asked to have a "think" and an "act" category; the
    "prepare" category (2) is shown, not required.

    >>> balance_message(pmqa_balance([1, 4]))
    'มีทั้งขั้นการคิดและขั้นการลงมือทำตามหลักคิด 3 : 1 : 3'
    >>> balance_message(pmqa_balance([1, 2]))
    'ยังไม่มีหมวดในขั้นการลงมือทำ (หมวด 4 5 6)'
    """
    if not any(p.mappings for p in balance):
        return "ยังไม่ได้เชื่อมโยงหมวด PMQA"
    missing = [p for p in balance if not p.mappings and p.phase in ("think", "act")]
    if not missing:
        return "มีทั้งขั้นการคิดและขั้นการลงมือทำตามหลักคิด 3 : 1 : 3"
    parts = [f"ขั้น{p.label_th} (หมวด {' '.join(map(str, p.categories))})" for p in missing]
    return "ยังไม่มีหมวดใน" + " และ".join(parts)


def kpi_grid(kpis: Iterable[KpiDraft]) -> pd.DataFrame:
    """KPIs counted by dimension (rows) × level (columns), all 16 cells, Thai labels.

    >>> g = kpi_grid([KpiDraft("ก", "effectiveness", "division")])
    >>> g.shape, int(g.values.sum())
    ((4, 4), 1)
    """
    counts = {(d, lv): 0 for d in KPI_DIMENSIONS for lv in KPI_LEVELS}
    for k in kpis:
        counts[(k.dimension, k.level)] += 1
    grid = pd.DataFrame(
        [[counts[(d, lv)] for lv in KPI_LEVELS] for d in KPI_DIMENSIONS],
        index=[reference.code_label("kpi_dimension", d) for d in KPI_DIMENSIONS],
        columns=[reference.code_label("kpi_level", lv) for lv in KPI_LEVELS],
    )
    grid.index.name = "มิติ"
    return grid


def validate_draft(draft: Draft, *, final: bool = False) -> list[str]:
    """Problems that stop a draft from being saved (``final``: from closing the session).

    A final draft needs at least one KR, and every KR an owner unit and the how.
    """
    problems: list[str] = []
    try:
        clean_text(draft.title_th, "วัตถุประสงค์", max_len=max_length(Objective, "title_th"))
    except WorkshopError as e:
        problems += e.messages
    kr_ids = [k.id for k in draft.krs]
    if len(set(kr_ids)) != len(kr_ids) or None in kr_ids:
        problems.append("รหัสผลลัพธ์หลักซ้ำหรือว่าง")
    for i, kr in enumerate(draft.krs, 1):
        try:
            make_kr(
                title_th=kr.title_th,
                baseline=kr.baseline,
                target=kr.target,
                unit_of_measure=kr.unit_of_measure,
                direction=kr.direction,
                owner_unit_id=kr.owner_unit_id,
                contributor_unit_ids=kr.contributor_unit_ids,
                how_th=kr.how_th,
                pmqa=kr.pmqa,
            )
        except WorkshopError as e:
            problems += [f"KR {i}: {m}" for m in e.messages]
        if final and not kr.owner_unit_id:
            problems.append(f"KR {i} ({kr.title_th}): กรุณาระบุหน่วยงานเจ้าของ")
        if final and not kr.how_th:
            problems.append(f"KR {i} ({kr.title_th}): กรุณาระบุวิธีการ (How)")
    for kpi in draft.kpis:
        if kpi.key_result_id and kpi.key_result_id not in kr_ids:
            problems.append(f"ตัวชี้วัด {kpi.name_th}: ไม่พบผลลัพธ์หลัก {kpi.key_result_id}")
    if final and not draft.krs:
        problems.append("กรุณาเพิ่มผลลัพธ์หลัก (Key Result) อย่างน้อย 1 รายการ")
    return problems


def draft_warnings(draft: Draft) -> list[str]:
    """Things worth a look that do not stop saving: no "think" or no "act" PMQA category
    (the 3 : 1 : 3 rule), no KPI, no End Product."""
    out = []
    bal = pmqa_balance(draft.categories())
    if not all(p.mappings for p in bal if p.phase in ("think", "act")):
        out.append(balance_message(bal))
    if not draft.kpis:
        out.append("ยังไม่มีตัวชี้วัด (KPI)")
    if draft.krs and not any(k.is_end_product for k in draft.krs):
        out.append("ยังไม่มี End Product ที่ต้องอาศัยหน่วยงานตั้งแต่ 2 หน่วยขึ้นไป")
    return out


def draft_tables(ws: Workshop, draft: Draft) -> dict[str, list[Record]]:
    """The records a draft becomes: objective, KRs, KR units, PMQA mappings, KPIs."""
    obj = _build(
        Objective,
        id=draft.objective_id,
        fiscal_year=ws.fiscal_year,
        province_code=ws.province_code,
        unit_id=ws.unit_id,
        title_th=draft.title_th,
        description_th=f"ได้จากการประชุมเชิงปฏิบัติการ {ws.id}",
    )
    krs, units, maps, kpis = [], [], [], []
    maps += [
        PmqaMapping(source_type="objective", source_id=obj.id, category=c)
        for c in sorted(set(draft.pmqa))
    ]
    for k in draft.krs:
        krs.append(
            _build(
                KeyResult,
                id=k.id,
                objective_id=obj.id,
                title_th=k.title_th,
                baseline=k.baseline,
                target=k.target,
                unit_of_measure=k.unit_of_measure,
                direction=k.direction,
                owner_unit_id=k.owner_unit_id,
                how_th=k.how_th,
            )
        )
        if k.owner_unit_id:
            units.append(KRUnit(key_result_id=k.id, unit_id=k.owner_unit_id, role="owner"))
        units += [
            KRUnit(key_result_id=k.id, unit_id=u, role="contributor")
            for u in k.contributor_unit_ids
            if u != k.owner_unit_id
        ]
        maps += [
            PmqaMapping(source_type="key_result", source_id=k.id, category=c)
            for c in sorted(set(k.pmqa))
        ]
    owners = {k.id: k.owner_unit_id for k in draft.krs}
    for kpi in draft.kpis:
        kpis.append(
            _build(
                Kpi,
                id=kpi.id,
                fiscal_year=ws.fiscal_year,
                province_code=ws.province_code,
                unit_id=owners.get(kpi.key_result_id) or ws.unit_id,
                name_th=kpi.name_th,
                dimension=kpi.dimension,
                level=kpi.level,
                objective_id=obj.id,
                key_result_id=kpi.key_result_id,
                target=kpi.target,
                unit_of_measure=kpi.unit_of_measure,
            )
        )
    return {
        "objectives": [obj],
        "key_results": krs,
        "kr_units": units,
        "pmqa_mappings": maps,
        "kpis": kpis,
    }


def _load_draft(conn: Connection, ws: Workshop) -> Draft | None:
    if not ws.objective_id:
        return None
    stored = sql.draft_rows(conn, ws.objective_id)
    if stored is None:
        return None
    obj, kr_rows, unit_rows = stored.objective, stored.key_results, stored.kr_units
    map_rows, kpi_rows = stored.pmqa_mappings, stored.kpis

    def cats(kind: str, sid: str) -> tuple[int, ...]:
        found = (r for r in map_rows if r["source_type"] == kind and r["source_id"] == sid)
        return tuple(sorted(int(r["category"]) for r in found))

    def num(i: str) -> tuple[int, str]:
        m = re.search(r"(\d+)$", i)
        return (int(m.group(1)) if m else 0, i)

    krs = []
    for r in sorted(kr_rows, key=lambda r: num(r["id"])):
        mine = (u for u in unit_rows if u["key_result_id"] == r["id"])
        contrib = tuple(sorted(u["unit_id"] for u in mine if u["unit_id"] != r["owner_unit_id"]))
        krs.append(
            KRDraft(
                title_th=r["title_th"],
                baseline=float(r["baseline"]),
                target=float(r["target"]),
                unit_of_measure=r["unit_of_measure"],
                direction=r["direction"],
                owner_unit_id=r["owner_unit_id"],
                contributor_unit_ids=contrib,
                how_th=r["how_th"],
                pmqa=cats("key_result", r["id"]),
                id=r["id"],
            )
        )
    kpis = [
        KpiDraft(
            r["name_th"],
            r["dimension"],
            r["level"],
            r["key_result_id"],
            None if r["target"] is None else float(r["target"]),
            r["unit_of_measure"],
            r["id"],
        )
        for r in sorted(kpi_rows, key=lambda r: num(r["id"]))
    ]
    return Draft(obj["id"], obj["title_th"], cats("objective", obj["id"]), krs, kpis)


def load_draft(store: Store, ws_id: str) -> Draft | None:
    """The session's saved draft (None before an objective is chosen)."""
    with store.begin(write=False) as conn:
        return _load_draft(conn, _read_workshop(conn, ws_id))


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save_draft` wrote."""

    workshop_id: str
    objective_id: str
    key_result_ids: tuple[str, ...]
    kpi_ids: tuple[str, ...]
    end_products: tuple[str, ...]
    status: str
    warnings: tuple[str, ...] = ()


def save_draft(
    store: Store,
    ws_id: str,
    draft: Draft,
    *,
    close: bool = False,
    by: str | None = None,
    person: str | None = None,
) -> SaveResult:
    """Save the draft as the province's (or unit's) objective, KRs, units, PMQA and KPIs.

    One write transaction: rows the draft no longer has (KRs, KPIs, units and mappings
    under the objective's generated ids) are removed, the rest replaced; the session's
    lessons are linked to the objective. ``close=True`` also closes the session, after the
    stricter checks of ``validate_draft(final=True)``.
    """
    problems = validate_draft(draft, final=close)
    if problems:
        raise WorkshopError(problems)
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        _lead(conn, ws, person, by)
        _require_stage(ws, "draft", action="บันทึกร่าง OKR")
        if ws.objective_id and draft.objective_id != ws.objective_id:
            raise WorkshopError(f"ร่างนี้ไม่ใช่ของวัตถุประสงค์ {ws.objective_id}")
        tables = draft_tables(ws, draft)
        obj_id = draft.objective_id
        new_krs = [r.id for r in tables["key_results"]]  # type: ignore[attr-defined]
        sql.clear_draft(conn, obj_id, new_krs)
        store.write(tables, conn=conn)
        _link_lessons(conn, ws, obj_id)
        status = "closed" if close else ws.status
        sql.update_workshop(conn, ws_id, objective_id=obj_id, status=status)
    return SaveResult(
        workshop_id=ws_id,
        objective_id=obj_id,
        key_result_ids=tuple(new_krs),
        kpi_ids=tuple(r.id for r in tables["kpis"]),  # type: ignore[attr-defined]
        end_products=tuple(kr.id for kr in draft.krs if kr.is_end_product),  # type: ignore[misc]
        status=status,
        warnings=tuple(draft_warnings(draft)),
    )


# --------------------------------------------------------------------------- lessons
def _lesson_ids(conn: Connection, ws_id: str) -> list[str]:
    """The session's lessons: ids ``<session prefix>-L<n>``."""
    return sql.lesson_ids(conn, f"{_prefix(ws_id)}-L")


def _link_lessons(conn: Connection, ws: Workshop, objective_id: str) -> None:
    sql.link_lessons(conn, _lesson_ids(conn, ws.id), objective_id)


def add_lesson(
    store: Store,
    ws_id: str,
    *,
    kind: str,
    title_th: Any,
    detail_th: Any = None,
    date: dt.date | None = None,
    person: str | None = None,
) -> Lesson:
    """Note a lesson learned during the session (source ``workshop``), at any stage.

    Signed in (``person``), the person must have a workshop role.

    It is linked to the session's objective now if there is one, else when the objective
    is chosen.
    """
    if kind not in LESSON_KINDS:
        raise WorkshopError("กรุณาเลือกประเภทบทเรียน")
    problems = []
    title = detail = None
    try:
        title = clean_text(title_th, "บทเรียน", max_len=max_length(Lesson, "title_th"))
    except WorkshopError as e:
        problems += e.messages
    try:
        detail = clean_text(
            detail_th, "รายละเอียด", max_len=max_length(Lesson, "detail_th"), required=False
        )
    except WorkshopError as e:
        problems += e.messages
    if problems:
        raise WorkshopError(problems)
    with store.begin() as conn:
        ws = _lock(conn, ws_id)
        p = access.actor(conn, person)
        if p is not None:
            access.require(p, access.WORKSHOP_ROLES, "บันทึกบทเรียนของการประชุม")
        prefix = f"{_prefix(ws_id)}-L"
        lesson = _build(
            Lesson,
            id=f"{prefix}{_next_number(_lesson_ids(conn, ws_id), prefix):02d}",
            fiscal_year=ws.fiscal_year,
            province_code=ws.province_code,
            kind=kind,
            source="workshop",
            date=date or today_bangkok(),
            title_th=title,
            detail_th=detail,
        )
        sql.insert_lesson(conn, lesson)
        if ws.objective_id:
            _link_lessons(conn, ws, ws.objective_id)
    return lesson


def _lessons(conn: Connection, ws_id: str) -> list[Lesson]:
    return sql.lessons(conn, _lesson_ids(conn, ws_id))


# --------------------------------------------------------------------------- snapshot
@dataclass(frozen=True)
class Snapshot:
    """Everything a visitor's screen shows, read in one transaction (compare to re-render)."""

    workshop: Workshop
    tally: tuple[TallyRow, ...]
    my_votes: frozenset[str]
    votes_left: int | None
    participants: tuple[str, ...]
    draft: Draft | None
    lessons: tuple[Lesson, ...]

    @property
    def total_votes(self) -> int:
        return sum(r.votes for r in self.tally)


def snapshot(store: Store, ws_id: str, voter: str | None = None) -> Snapshot:
    """The session's shared state as ``voter`` sees it (one read transaction)."""
    who = clean_name(voter) if voter else None
    with store.begin(write=False) as conn:
        ws = _read_workshop(conn, ws_id)
        rows = _tally(conn, ws_id)
        voters = sql.voters(conn, ws_id)
        mine: frozenset[str] = sql.voted_ideas(conn, ws_id, who) if who else frozenset()
        draft = _load_draft(conn, ws)
        lessons = _lessons(conn, ws_id)
    people = voters | {r.author for r in rows}
    left = max(ws.votes_per_participant - len(mine), 0) if who else None
    return Snapshot(ws, tuple(rows), mine, left, tuple(sorted(people)), draft, tuple(lessons))


# --------------------------------------------------------------------------- export
def session_tables(store: Store, ws_id: str) -> dict[str, list[Any]]:
    """The session's rows of every entity it touched (for the xlsx export)."""
    with store.begin(write=False) as conn:
        ws = _read_workshop(conn, ws_id)
        ideas = sql.ideas(conn, ws_id)
        votes = sql.votes(conn, ws_id)
        draft = _load_draft(conn, ws)
        lessons = _lessons(conn, ws_id)
        links = sql.lesson_links(conn, [x.id for x in lessons])

        tables = draft_tables(ws, draft) if draft is not None else {}
        wanted = {ws.unit_id} | {
            u
            for name, col in (
                ("key_results", "owner_unit_id"),
                ("kr_units", "unit_id"),
                ("kpis", "unit_id"),
            )
            for r in tables.get(name, [])
            if (u := getattr(r, col))
        }
        units = sql.units_with_parents(conn, {u for u in wanted if u})

    obj_id = draft.objective_id if draft is not None else None
    out: dict[str, list[Any]] = {
        "units": units,
        "workshops": [ws],
        "ideas": ideas,
        "votes": votes,
        "lessons": list(lessons),
        "lesson_links": [
            LessonLink(**r)
            for r in links
            if r["target_type"] == "objective" and r["target_id"] == obj_id
        ],
    }
    out.update(tables)
    return out


def export_session(store: Store, ws_id: str, path: str | Path | None = None) -> Path:
    """Write the session (ideas, votes, objective, KRs, PMQA, KPIs, lessons) as an xlsx.

    Default path: ``reports/workshops/<session id>.xlsx``.
    """
    from ..io import write_workbook
    from ..paths import REPORTS_DIR

    if path is None:
        path = REPORTS_DIR / "workshops" / export_filename(ws_id)
    return write_workbook(session_tables(store, ws_id), Path(path))


def export_filename(ws_id: str) -> str:
    """A safe file name for a session's export (no path separators or odd characters).

    >>> export_filename("WS-2565-83-01"), export_filename("../x y")
    ('WS-2565-83-01.xlsx', 'x_y.xlsx')
    """
    return (re.sub(r"[^A-Za-z0-9_-]+", "_", ws_id).strip("_") or "workshop") + ".xlsx"
