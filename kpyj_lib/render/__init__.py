"""How documents look: Jinja2 templates with autoescape, one stylesheet, DOCX, charts.

Public API: :func:`render_page`, :func:`render_fragment`, :func:`render_section`,
:func:`render_title`, :func:`show`, :func:`show_headline`, :func:`render_template`,
:func:`stylesheet`.
"""

from .environment import Table, environment, frame_table, render_string, render_template, stylesheet
from .html import render_fragment, render_page, render_section, render_title
from .notebook import HEADLINE_MIME, show, show_headline

__all__ = [
    "HEADLINE_MIME",
    "Table",
    "environment",
    "frame_table",
    "render_fragment",
    "render_page",
    "render_section",
    "render_string",
    "render_template",
    "render_title",
    "show",
    "show_headline",
    "stylesheet",
]
