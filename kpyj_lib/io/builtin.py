"""The plans built into every kpyj store, and how a user's row is recognised as one of them.

The National Strategy (``NS``, items ``NS-1`` … ``NS-6``), the master plans under it (``NMP``
and the original ``NMP61``, 23 items each), the Justice Master Plans (``JMP3``, ``JMP4``
with ``JMP4-D1`` … ``D3``) and the alignments between them come from
:mod:`kpyj_lib.reference`. A user links a provincial plan item, an objective, a key result or
a project *up* to them in the ``ความสอดคล้อง`` (alignments) sheet: ``source_type`` /
``source_id`` name the user's row, ``plan_item_id`` the built-in item (``NS-2``).

Issue 17: a new user types the National Strategy as a new plan. The importer then names the
built-in id to use instead (:func:`match_plans`, :func:`match_items`).

Examples
--------
>>> match_plans("ยุทธศาสตร์ชาติ 20 ปี"), match_plans("แผนพัฒนาจังหวัดภูเก็ต")
(['NS'], [])
>>> match_plans("แผนแม่บทการบริหารงานยุติธรรมแห่งชาติ ฉบับที่ 4 (พ.ศ. 2566-2570)")
['JMP4']
>>> match_items("ยุทธศาสตร์ที่ 2 ด้านการสร้างความสามารถในการแข่งขัน")
['NS-2']
>>> match_items("(22) กฎหมายและกระบวนการยุติธรรม")
['NMP-22', 'NMP61-22']
>>> match_items("ลดการกระทำผิดซ้ำ")
[]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from kpyj_lib import reference
from kpyj_lib.calendar import arabic_digits
from kpyj_lib.text import normalize_text

__all__ = [
    "BuiltinItem",
    "BuiltinPlan",
    "builtin_plans",
    "item_ids_text",
    "match_items",
    "match_plans",
]


@dataclass(frozen=True)
class BuiltinItem:
    """A built-in plan item: its id, number and Thai name."""

    id: str
    code: str | None
    name_th: str


@dataclass(frozen=True)
class BuiltinPlan:
    """A built-in plan with its items, in the order of ``plans.csv`` / ``plan_items.csv``."""

    id: str
    kind: str
    name_th: str
    start_fy: int | None
    end_fy: int | None
    items: tuple[BuiltinItem, ...]


@functools.cache
def builtin_plans() -> tuple[BuiltinPlan, ...]:
    """Every built-in plan and its items (from the packaged reference data).

    >>> [p.id for p in builtin_plans()]
    ['NS', 'NMP61', 'NMP', 'JMP3', 'JMP4']
    >>> [i.id for i in builtin_plans()[0].items]
    ['NS-1', 'NS-2', 'NS-3', 'NS-4', 'NS-5', 'NS-6']
    """
    items = reference.load("plan_items")
    out = []
    for p in reference.load("plans").itertuples(index=False):
        mine = items[items["plan_id"] == p.id]
        out.append(
            BuiltinPlan(
                p.id,
                p.kind,
                p.name_th,
                None if p.start_fy is None or str(p.start_fy) == "<NA>" else int(p.start_fy),
                None if p.end_fy is None or str(p.end_fy) == "<NA>" else int(p.end_fy),
                tuple(BuiltinItem(i.id, i.code, i.name_th) for i in mine.itertuples(index=False)),
            )
        )
    return tuple(out)


def item_ids_text(plan: BuiltinPlan) -> str:
    """The ids of a plan's items as a short range: ``NS-1 … NS-6`` (or the only one).

    >>> item_ids_text(builtin_plans()[0]), item_ids_text(builtin_plans()[3])
    ('NS-1 … NS-6', 'JMP3-ALL')
    """
    ids = [i.id for i in plan.items]
    if not ids:
        return plan.id
    return ids[0] if len(ids) == 1 else f"{ids[0]} … {ids[-1]}"


_PARENS = re.compile(r"\([^)]*\)")
_NUMBERING = re.compile(
    r"^(?:ยุทธศาสตร์ชาติ)?\s*(?:ยุทธศาสตร์|ประเด็น|มิติ|แผนแม่บท|ด้าน)?\s*(?:ที่)?\s*"
    r"[(\[]?\s*\d{1,2}\s*[)\].:\-]?\s*"
)


def _key(text: str, *, parens: bool = True) -> str:
    s = arabic_digits(normalize_text(str(text)))
    if parens:
        s = _PARENS.sub("", s)
    return re.sub(r"[\s.]", "", s).casefold()


def match_plans(name: str, kind: str | None = None) -> list[str]:
    """The built-in plans a user's plan row stands for: same name (brackets such as the
    years ignored), a name that extends or shortens a built-in one, or the kind
    ``national_strategy`` (there is one National Strategy)."""
    key = _key(name)
    found = []
    for p in builtin_plans():
        ref = _key(p.name_th)
        same = key == ref
        near = min(len(key), len(ref)) >= 10 and (key.startswith(ref) or ref.startswith(key))
        if same or near or (kind == "national_strategy" and p.kind == kind):
            found.append(p.id)
    return found


@functools.cache
def _item_keys() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for p in builtin_plans():
        for i in p.items:
            if i.id.endswith("-ALL"):
                continue
            k = _key(i.name_th)
            for variant in {k, k.removeprefix("ยุทธศาสตร์ชาติ")}:
                out.setdefault(variant, []).append(i.id)
    return out


def match_items(name: str, *, min_length: int = 4) -> list[str]:
    """The built-in plan items a user's item (or a reference typed as a name) stands for:
    the same name, also after a leading number (``ยุทธศาสตร์ที่ 2``, ``(22)``) or the words
    ``ยุทธศาสตร์ชาติ`` are left out. Names shorter than ``min_length`` characters (once
    spaces and dots are gone) match nothing."""
    text = normalize_text(str(name)).strip()
    keys = {_key(text), _key(_NUMBERING.sub("", arabic_digits(text)))}
    keys |= {k.removeprefix("ยุทธศาสตร์ชาติ") for k in keys}
    found: list[str] = []
    for k in keys:
        if len(k) < min_length:
            continue
        for item_id in _item_keys().get(k, []):
            if item_id not in found:
                found.append(item_id)
    return sorted(found, key=lambda i: (i.split("-")[0] != "NS", i.startswith("NMP61"), i))
