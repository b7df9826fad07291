"""Findings ranked for a meeting: the high ones first, what repeats as one line.

A province report can compute a dozen near-identical lines (one per objective that breaks
the PMQA 3 : 1 : 3 rule, one per empty KPI cell) that drown the few findings a กพยจ.
meeting must act on. :func:`rank_findings` orders findings by severity (สูง, ปานกลาง, ต่ำ;
the order they were computed in within a severity), folds the findings that share a
``group_th`` into one line that counts them and names the first few, and keeps every
folded line for the appendix (ภาคผนวก). It is a pure function over finding objects (any
frozen dataclass with ``text_th``, ``severity``, ``evidence``, ``group_th`` and
``item_th``, e.g. :class:`kpyj_lib.documents.province.Finding`): no workspace, no HTML.

Examples
--------
>>> from kpyj_lib.documents.province import Finding
>>> fs = [Finding("pmqa", f"ไม่มีวัตถุประสงค์ใดดำเนินการในหมวด {n}", "ระบุหมวด", "low",
...               group_th="หมวด PMQA ที่ไม่มีวัตถุประสงค์ใดดำเนินการ", item_th=f"หมวด {n}")
...       for n in range(1, 8)]
>>> fs.append(Finding("progress", "ผลลัพธ์หลักที่ล่าช้ากว่าแผน: KR-1", "ทบทวน", "high"))
>>> r = rank_findings(fs)
>>> [f.severity for f in r.main]
['high', 'low']
>>> r.main[1].text_th.startswith("หมวด PMQA ที่ไม่มีวัตถุประสงค์ใดดำเนินการ 7 รายการ ได้แก่ หมวด 1")
True
>>> r.main[1].text_th.endswith("หมวด 3 และอีก 4 รายการ (รายการทั้งหมดอยู่ในภาคผนวก)")
True
>>> len(r.appendix), r.folded
(7, 6)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..text import format_number

__all__ = ["SEVERITY_ORDER", "RankedFindings", "group_line", "rank_findings"]

#: Severities from the most to the least important.
SEVERITY_ORDER: tuple[str, ...] = ("high", "medium", "low")


@dataclass(frozen=True)
class RankedFindings:
    """The findings as a meeting reads them.

    ``main`` are the lines of the report (severity first, repeats folded into one line);
    ``appendix`` the full lines that were folded, in ranked order, for the appendix;
    ``folded`` how many lines the folding saved.
    """

    main: list[Any] = field(default_factory=list)
    appendix: list[Any] = field(default_factory=list)

    @property
    def folded(self) -> int:
        """How many lines fewer the report has than the full list."""
        return len(self.appendix) - sum(1 for f in self.main if getattr(f, "item_th", "") == "*")

    def top(self, n: int = 3) -> list[Any]:
        """The first ``n`` lines of :attr:`main`."""
        return list(self.main[:n])


def _rank(severity: str) -> int:
    return SEVERITY_ORDER.index(severity) if severity in SEVERITY_ORDER else len(SEVERITY_ORDER)


def group_line(group_th: str, items: Sequence[str], *, shown: int = 3) -> str:
    """One line for ``items`` of a group: the count, the first ``shown`` and how many more.

    >>> group_line("ช่องที่ยังไม่มีตัวชี้วัด", ["ก", "ข"])
    'ช่องที่ยังไม่มีตัวชี้วัด 2 รายการ ได้แก่ ก, ข (รายการทั้งหมดอยู่ในภาคผนวก)'
    """
    named = ", ".join(items[:shown])
    more = len(items) - min(shown, len(items))
    tail = f" และอีก {format_number(more)} รายการ" if more else ""
    return (
        f"{group_th} {format_number(len(items))} รายการ ได้แก่ {named}{tail} (รายการทั้งหมดอยู่ในภาคผนวก)"
    )


def rank_findings(findings: Sequence[Any], *, min_group: int = 2, shown: int = 3) -> RankedFindings:
    """Rank ``findings`` for a meeting (see the module docstring).

    Parameters
    ----------
    findings : sequence of finding objects
        Frozen dataclasses with ``text_th``, ``severity`` (``high``/``medium``/``low``),
        ``evidence`` (a tuple of ids), ``group_th`` (``""``: never folded) and ``item_th``
        (what the line names within its group; its text when empty).
    min_group : int
        Fold a group only when it has at least this many lines.
    shown : int
        How many items a folded line names.

    Returns
    -------
    RankedFindings
        A folded line is the group's first finding with the count line as ``text_th``, the
        highest severity of the group, every evidence id, and ``item_th == "*"``.
    """
    order = sorted(range(len(findings)), key=lambda i: (_rank(findings[i].severity), i))
    ranked = [findings[i] for i in order]
    groups: dict[str, list[Any]] = {}
    for f in ranked:
        g = getattr(f, "group_th", "") or ""
        if g:
            groups.setdefault(g, []).append(f)
    main: list[Any] = []
    appendix: list[Any] = []
    done: set[str] = set()
    for f in ranked:
        g = getattr(f, "group_th", "") or ""
        members = groups.get(g, [])
        if not g or len(members) < min_group:
            main.append(f)
            continue
        if g in done:
            continue
        done.add(g)
        items = [getattr(m, "item_th", "") or m.text_th for m in members]
        evidence = tuple(dict.fromkeys(e for m in members for e in m.evidence))
        severity = min((m.severity for m in members), key=_rank)
        main.append(
            dataclasses.replace(
                f,
                text_th=group_line(g, items, shown=shown),
                severity=severity,
                evidence=evidence,
                item_th="*",
            )
        )
        appendix += members
    main.sort(key=lambda f: _rank(f.severity))  # stable: a folded line keeps its place
    return RankedFindings(main=main, appendix=appendix)
