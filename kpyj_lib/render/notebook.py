"""Showing a document in a notebook: one ``show`` and one headline for every kind.

The batch runner reads the headline figures a notebook displays under
:data:`HEADLINE_MIME` (they are kept out of the HTML export).
"""

from __future__ import annotations

import json

from ..documents.base import Document
from .html import render_section, render_title

__all__ = ["HEADLINE_MIME", "show", "show_headline"]

#: The MIME type of the headline figures a document notebook displays.
HEADLINE_MIME = "application/vnd.kpyj.headline+json"


def show(doc: Document, key: str | None = None) -> None:
    """Display the title (``key=None``) or one section of ``doc``."""
    from IPython.display import HTML, display

    display(HTML(render_title(doc) if key is None else render_section(doc, key)))


def show_headline(doc: Document) -> None:
    """Emit ``doc.headline()`` for the batch runner (invisible in the HTML)."""
    from IPython.display import display

    display({HEADLINE_MIME: json.loads(json.dumps(doc.headline(), default=str))}, raw=True)
