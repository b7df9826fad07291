"""The protocol every document follows, and the blocks a text document is made of.

A *document* says what a print-out contains, computed from a workspace: its kind (which
names its template in :mod:`kpyj_lib.render`), its title, whether it is built from sample
data, its sections in order and its headline figures. It holds no HTML, reads no store and
runs no notebook: :mod:`kpyj_lib.render` shows it, :mod:`kpyj_lib.publish` decides which
documents a run writes and :mod:`kpyj_lib.batch` runs the notebooks that show them.

Examples
--------
>>> sec = Section("results", "ผลการดำเนินงาน", "Results",
...               [Block("p", "ทำได้ 3 โครงการ", lead="สรุป")])
>>> sec.text()
'ผลการดำเนินงาน\\nสรุป\\nทำได้ 3 โครงการ'
>>> SectionInfo("plan", "แผนบนหน้าเดียว", "Plan on a page").key
'plan'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

__all__ = ["BLOCK_KINDS", "Block", "Document", "Section", "SectionInfo", "section_keys"]

#: The kinds of :class:`Block`.
BLOCK_KINDS: tuple[str, ...] = ("h", "p", "ul", "table", "empty", "note", "chart", "warn")


@dataclass(frozen=True)
class SectionInfo:
    """A section's key and headings (Thai, English)."""

    key: str
    title_th: str
    title_en: str


@dataclass
class Block:
    """One piece of a section.

    ``kind`` is ``"h"`` (a heading of ``level`` 3 or 4), ``"p"`` (a paragraph; ``lead`` is
    shown in bold before ``text``), ``"ul"`` (``items``), ``"table"`` (``columns`` and
    ``rows`` of text), ``"empty"`` (an honest "no data" statement), ``"note"`` (small
    print: sources, method, caveats) or ``"chart"`` (the chart ``lead`` of
    :mod:`kpyj_lib.render.charts` drawn from the data table ``columns`` / ``rows`` —
    plain numbers as text, no separators — with ``text`` as its caption) or ``"warn"`` (a
    warning the reader must not miss, e.g. stale data; ``lead`` in bold before ``text``).
    """

    kind: str
    text: str = ""
    lead: str = ""
    level: int = 3
    items: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    def text_all(self) -> str:
        """Every piece of text of the block, for searching."""
        parts = [self.lead, self.text, *self.items, *self.columns]
        parts += [c for r in self.rows for c in r]
        return "\n".join(p for p in parts if p)


@dataclass
class Section:
    """A section of a text document: a key, headings and blocks."""

    key: str
    title_th: str
    title_en: str
    blocks: list[Block] = field(default_factory=list)

    def text(self) -> str:
        """The heading and every block's text."""
        return "\n".join([self.title_th, *(b.text_all() for b in self.blocks)])

    def tables(self) -> list[Block]:
        """The table blocks of the section."""
        return [b for b in self.blocks if b.kind == "table"]

    @classmethod
    def from_dict(cls, d: Mapping[str, Any] | None) -> Section | None:
        """The inverse of ``dataclasses.asdict`` (``None`` for ``None``: a missing summary).

        >>> s = Section("k", "หัวข้อ", "Heading", [Block("para", text="ข้อความ")])
        >>> from dataclasses import asdict
        >>> Section.from_dict(asdict(s)) == s, Section.from_dict(None)
        (True, None)
        """
        if not d:
            return None
        blocks = [Block(**b) for b in d.get("blocks") or []]
        return cls(d["key"], d["title_th"], d["title_en"], blocks)


@runtime_checkable
class Document(Protocol):
    """What :mod:`kpyj_lib.render` and :mod:`kpyj_lib.publish` need of a document.

    ``kind`` names the template (``render/templates/<kind>.html.j2``); ``sections`` lists
    objects with ``key``, ``title_th`` and ``title_en`` (a :class:`SectionInfo` or a
    :class:`Section`), in print order; ``headline()`` returns JSON-friendly figures for the
    index page and ``summary.json``.
    """

    @property
    def kind(self) -> str: ...

    @property
    def title_th(self) -> str: ...

    @property
    def sample(self) -> bool: ...

    @property
    def sections(self) -> Sequence[Any]: ...

    def headline(self) -> dict[str, Any]: ...


def section_keys(doc: Document) -> list[str]:
    """The keys of ``doc``'s sections, in order.

    >>> class Doc:
    ...     kind, title_th, sample = "x", "เอกสาร", False
    ...     sections = [SectionInfo("a", "ก", "A"), SectionInfo("b", "ข", "B")]
    ...     def headline(self): return {}
    >>> section_keys(Doc()), isinstance(Doc(), Document)
    (['a', 'b'], True)
    """
    return [s.key for s in doc.sections]
