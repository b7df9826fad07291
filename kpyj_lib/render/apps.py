"""The HTML pieces the apps show (workshop, directive form, explorer), from templates.

Every piece is a macro of ``render/templates/apps/<app>.html.j2`` (``_app`` holds what all
apps share: the stylesheet, the sample banner, headings, messages). The apps pass plain
values; autoescape escapes every one of them, so a person's text is never HTML.

Examples
--------
>>> app_html("_app", "message", ["<script>alert(1)</script>"], "error")
'<p class="kpyj-error">&lt;script&gt;alert(1)&lt;/script&gt;</p>'
>>> app_html("_app", "heading", "ระดมความคิด", 3)
'<h3>ระดมความคิด</h3>'
"""

from __future__ import annotations

from typing import Any

from ..exceptions import ReportError
from .environment import environment

__all__ = ["app_html", "app_style"]


def app_html(app: str, macro: str, /, *args: Any, **kwargs: Any) -> str:
    """The macro ``macro`` of ``templates/apps/<app>.html.j2`` called with the arguments.

    >>> app_html("workshop", "nothing")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    kpyj_lib.exceptions.ReportError: แม่แบบ apps/workshop.html.j2 ไม่มีส่วน 'nothing' ...
    """
    module = environment().get_template(f"apps/{app}.html.j2").module
    fn = getattr(module, macro, None)
    if fn is None:
        raise ReportError(f"แม่แบบ apps/{app}.html.j2 ไม่มีส่วน {macro!r} (no macro {macro!r})")
    return str(fn(*args, **kwargs)).strip()


def app_style() -> str:
    """``<style>`` with the one stylesheet (its ``.kpyj-app`` rules style the apps).

    >>> app_style().startswith("<style>") and ".kpyj-app" in app_style()
    True
    """
    return app_html("_app", "style")
