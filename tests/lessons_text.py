"""The text of a lessons write-up, section by section, from its HTML and from its DOCX.

Used by ``tests/test_lessons_text.py`` and by ``tests/fixtures/make_lessons_text.py`` (the
one-off script that wrote the "before" texts): both sides extract text the same way, so
markup changes do not count and wording changes do. Whitespace is normalised (every tag
boundary counts as a space, runs of spaces become one); ``<style>``/``<script>`` content
is not text.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

#: The four pilot provinces of the sample data (Sukhothai, Nakhon Phanom, Phuket, Ratchaburi).
SAMPLE_PROVINCES = ("64", "48", "83", "70")
#: The key under which the title block (HTML) or the part before the first section (DOCX) is kept.
TITLE = "_title"


def normalise(text: str) -> str:
    """Runs of whitespace as one space, no leading or trailing space."""
    return " ".join(text.split())


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """The visible text of an HTML fragment, whitespace normalised."""
    p = _Text()
    p.feed(fragment)
    p.close()
    return normalise("".join(p.parts))


def docx_texts(d: Any) -> dict[str, str]:
    """The text of a python-docx document per ``Heading 1`` section (in body order).

    The part before the first ``Heading 1`` (title, subtitle, sample line) and the page
    header are under :data:`TITLE`; each section under its heading's text.
    """
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: dict[str, list[str]] = {TITLE: [p.text for p in d.sections[0].header.paragraphs]}
    current = TITLE
    for el in d.element.body.iterchildren():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(el, d)
            if p.style is not None and p.style.name == "Heading 1":
                current = p.text
                out[current] = []
            out[current].append(p.text)
        elif tag == "tbl":
            t = Table(el, d)
            out[current] += [c.text for row in t.rows for c in row.cells]
    return {k: normalise(" ".join(v)) for k, v in out.items()}
