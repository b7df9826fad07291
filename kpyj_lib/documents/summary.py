"""The one-page executive summary (บทสรุปสำหรับผู้บริหาร) a document opens with (issue 17).

A summary is a :class:`~kpyj_lib.documents.base.Section` of three parts, every line
computed from the document's own data, never written freely: the headline facts (a short
table), the top findings (ranked by :func:`~kpyj_lib.documents.findings.rank_findings`) and
what is asked of the meeting. :func:`executive_summary` puts the parts together and keeps
them to a page (at most :data:`MAX_FACTS`, :data:`MAX_FINDINGS` and :data:`MAX_ASKS`
lines); the lessons write-ups (:mod:`kpyj_lib.documents.lessons`) compute their parts.
:mod:`kpyj_lib.render` shows it first: in Word on the first page after the title, in HTML
under the title.

Examples
--------
>>> s = executive_summary([("ผลลัพธ์หลัก", "6 ตัว")], ["ผลลัพธ์หลักที่ล่าช้า: KR-1"],
...                       ["รับทราบผลการดำเนินงาน"])
>>> s.key, s.title_th, [b.kind for b in s.blocks]
('summary', 'บทสรุปสำหรับผู้บริหาร', ['table', 'h', 'ul', 'h', 'ul'])
"""

from __future__ import annotations

from collections.abc import Sequence

from .base import Block, Section

__all__ = [
    "ASKS_TH",
    "FINDINGS_TH",
    "MAX_ASKS",
    "MAX_FACTS",
    "MAX_FINDINGS",
    "SUMMARY_KEY",
    "SUMMARY_TITLE_TH",
    "executive_summary",
    "shorten",
]

#: The summary's key and heading.
SUMMARY_KEY = "summary"
SUMMARY_TITLE_TH = "บทสรุปสำหรับผู้บริหาร"
#: The headings of the summary's second and third parts.
FINDINGS_TH = "ข้อค้นพบสำคัญ"
ASKS_TH = "เรื่องที่เสนอที่ประชุมพิจารณา"
#: How many lines each part keeps (a page).
MAX_FACTS, MAX_FINDINGS, MAX_ASKS = 7, 3, 3
#: The longest finding line of a summary, in characters (the full line is in the body).
MAX_LINE = 100


def shorten(text: str, limit: int = MAX_LINE) -> str:
    """``text`` cut at the last space, comma or semicolon before ``limit`` characters, with
    «…» when cut (a Thai word is never cut: Thai text separates phrases by spaces).

    >>> shorten("ผลลัพธ์หลักที่ล่าช้า: KR-1, KR-2, KR-3", 30)
    'ผลลัพธ์หลักที่ล่าช้า: KR-1 …'
    >>> shorten("สั้น")
    'สั้น'
    """
    text = str(text)
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit), text.rfind(",", 0, limit), text.rfind(";", 0, limit))
    head = text[:cut] if cut > limit // 2 else text[:limit]
    return head.rstrip(" ,;") + " …"


def executive_summary(
    facts: Sequence[tuple[str, str]],
    findings: Sequence[str],
    asks: Sequence[str],
    *,
    note: str = "",
) -> Section:
    """The summary section: a two-column table of ``facts`` (label, value; no heading
    row), the top
    ``findings`` and the ``asks`` of the meeting, each cut to its maximum; ``note`` (e.g.
    where the full lists are) in small print at the end.

    >>> s = executive_summary([], [], [])
    >>> [b.text for b in s.blocks if b.kind == "empty"]
    ['ไม่พบประเด็นที่ต้องดำเนินการ', 'ไม่มีเรื่องที่ต้องพิจารณา']
    """
    blocks: list[Block] = []
    if facts:
        blocks.append(Block("table", rows=[[str(a), str(b)] for a, b in facts[:MAX_FACTS]]))
    blocks.append(Block("h", text=FINDINGS_TH, level=3))
    if findings:
        blocks.append(Block("ul", items=[shorten(f) for f in findings[:MAX_FINDINGS]]))
    else:
        blocks.append(Block("empty", text="ไม่พบประเด็นที่ต้องดำเนินการ"))
    blocks.append(Block("h", text=ASKS_TH, level=3))
    if asks:
        blocks.append(Block("ul", items=[str(a) for a in list(dict.fromkeys(asks))[:MAX_ASKS]]))
    else:
        blocks.append(Block("empty", text="ไม่มีเรื่องที่ต้องพิจารณา"))
    if note:
        blocks.append(Block("note", text=note))
    return Section(SUMMARY_KEY, SUMMARY_TITLE_TH, "Executive summary", blocks)
