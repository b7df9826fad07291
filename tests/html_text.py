"""The visible text of an HTML fragment, for comparing what a document says before and after
a change of its templates (tags, styles and scripts dropped, whitespace normalised).

>>> html_text('<style>p{}</style><h2>ก <small>(A)</small></h2><td>1</td><td>x &amp; y</td>')
'ก (A) 1 x & y'
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_text"]

_SKIP = {"style", "script"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _SKIP:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    """Every text node of ``html`` joined by one space, runs of whitespace made one space."""
    p = _Text()
    p.feed(html)
    p.close()
    return re.sub(r"\s+", " ", " ".join(p.parts)).strip()
