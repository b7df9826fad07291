"""What a document says about the date of its data (issue 17): the date used and why, and a
warning when the data is stale.

The rule is :func:`kpyj_lib.analysis.measure.data_date`; this module turns its answer into
:class:`~kpyj_lib.documents.base.Block` s that every document carries as ``notices`` — a
``"note"`` with the date and its reason and, when the latest check-in is a quarter or more
older than that date, a ``"warn"`` block that the web page shows in a warning box and the
Word file in bold red.

Examples
--------
>>> from kpyj_lib.examples import tiny_workspace
>>> from kpyj_lib.analysis.measure import data_date
>>> blocks = data_date_blocks(data_date(tiny_workspace(), "2022-09-30"))
>>> [b.kind for b in blocks]
['note', 'warn']
>>> blocks[0].text
'ข้อมูล ณ วันที่ 30 กันยายน 2565 (วันที่ที่กำหนดให้จัดทำรายงาน) · รายงานผลล่าสุดเมื่อ 30 เมษายน 2565'
>>> blocks[1].lead
'คำเตือน:'
>>> [b.kind for b in data_date_blocks(data_date(tiny_workspace()))]
['note']
"""

from __future__ import annotations

from ..analysis.measure import DataDate
from .base import Block

__all__ = ["STALE_LEAD", "data_date_blocks", "stale_blocks"]

#: The bold lead of the stale-data warning.
STALE_LEAD = "คำเตือน:"


def stale_blocks(info: DataDate) -> list[Block]:
    """The ``"warn"`` block of stale data (empty when the data is recent)."""
    if not info.stale:
        return []
    return [Block("warn", text=info.warning_th, lead=STALE_LEAD)]


def data_date_blocks(info: DataDate) -> list[Block]:
    """The date of the data with its reason (a ``"note"``), then :func:`stale_blocks`."""
    return [Block("note", text=info.text_th), *stale_blocks(info)]
