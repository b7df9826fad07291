"""Documents to HTML: one template per document kind, one macro per section.

``render/templates/<kind>.html.j2`` defines a macro ``title(doc)`` and one macro per
section key (``profile(doc)``, ``plan(doc)`` …). :func:`render_section` calls the macro,
:func:`render_fragment` puts title and sections together, :func:`render_page` wraps the
fragment in ``page.html.j2`` with the stylesheet (a standalone file).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..documents.base import Document, section_keys
from ..exceptions import ReportError
from .environment import environment, render_template

__all__ = ["render_fragment", "render_page", "render_section", "render_title"]


def _macro(doc: Document, name: str) -> Any:
    module = environment().get_template(f"{doc.kind}.html.j2").module
    macro = getattr(module, name, None)
    if macro is None:
        raise ReportError(
            f"แม่แบบ {doc.kind}.html.j2 ไม่มีส่วน {name!r} "
            f"(template {doc.kind}.html.j2 has no macro {name!r})"
        )
    return macro


def render_title(doc: Document) -> str:
    """The document's title block (with the sample banner when ``doc.sample``)."""
    return str(_macro(doc, "title")(doc))


def render_section(doc: Document, key: str) -> str:
    """One section of ``doc`` as an HTML fragment."""
    if key not in section_keys(doc):
        raise ReportError(
            f"ไม่มีส่วน {key!r} ในเอกสาร {doc.kind} (no section {key!r} in a {doc.kind} document)"
        )
    return str(_macro(doc, key)(doc))


def render_fragment(doc: Document) -> str:
    """Title and every section, as one HTML fragment (no notebook involved)."""
    return render_title(doc) + "".join(render_section(doc, k) for k in section_keys(doc))


def render_page(doc: Document, *, lang: str = "th") -> str:
    """A standalone HTML page of ``doc`` with the stylesheet."""
    return render_template("page.html.j2", doc=doc, body=Markup(render_fragment(doc)), lang=lang)
