"""The one Jinja2 environment of kpyj: autoescaping, Thai filters, one stylesheet.

Every page and fragment kpyj writes comes from a template in ``render/templates`` through
:func:`environment`; user text is escaped by Jinja2's autoescape, never by hand. Templates
get these filters:

============  ==========================================================  ==================
filter        what it shows                                               example
============  ==========================================================  ==================
``num``       a number with separators, no trailing ``.0``                ``3,400``
``pct``       a share as a percentage                                     ``47%``
``pct_th``    a share as running Thai text                                ``ร้อยละ 47``
``baht``      whole baht with separators                                  ``480,000``
``thai_date`` a date, Buddhist Era (``style`` as in the calendar)         ``30 มิถุนายน 2565``
``thai_dt``   a moment in Bangkok time                                    ``16.00 น.``-style
``fy``        a fiscal year                                               ``ปีงบประมาณ พ.ศ. 2565``
``table``     a pandas frame as a :class:`Table` (formatted cells)        (see ``_macros``)
``cell``      any value as a table cell (numbers, dates, yes/no, ``–``)   ``3,400``
``text``      a value as it is, ``–`` when missing (years, codes)         ``2565``
============  ==========================================================  ==================

and the globals ``chart(name, *args, **kwargs)``: the chart ``name`` of
:mod:`kpyj_lib.render.charts` drawn from ``args`` (frames, graphs) as an inline ``<svg>``
(for the ``chart_img`` macro); ``en(doc, text)``: ``" (text)"`` when the document is printed with
English glosses (``doc.lang == "th-en"``), else nothing (print-outs are Thai only by
default); ``sample_banner_text``: the banner of a print-out built from sample data.

Examples
--------
>>> render_string("{{ x }} {{ n|num }} {{ s|pct_th }}", x="<script>", n=3400.0, s=0.47)
'&lt;script&gt; 3,400 ร้อยละ 47'
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from ..calendar import format_fiscal_year, format_thai_date, format_thai_datetime
from ..text import DASH, format_baht, format_number, format_percent, is_missing

__all__ = [
    "Table",
    "chart",
    "english",
    "environment",
    "frame_table",
    "lang_of",
    "render_string",
    "render_template",
    "stylesheet",
]


@dataclass(frozen=True)
class Table:
    """A table ready for a template: header texts and rows of cell texts."""

    columns: list[str]
    rows: list[list[str]]

    @property
    def empty(self) -> bool:
        return not self.rows


def _cell(value: Any) -> str:
    if is_missing(value):
        return DASH
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, dt.datetime):
        return format_thai_datetime(value)
    if isinstance(value, dt.date):
        return format_thai_date(value)
    return str(value)


def _text(value: Any) -> str:
    return DASH if is_missing(value) else str(value)


def lang_of(doc: Any) -> str:
    """The language a document is printed in: its ``lang`` (``"th"`` when it has none).

    >>> lang_of(object()), lang_of(type("D", (), {"lang": "th-en"})())
    ('th', 'th-en')
    """
    return str(getattr(doc, "lang", "th") or "th")


def english(doc: Any, text: str) -> str:
    """``" (text)"`` for a document printed with English glosses, else ``""``.

    >>> english(object(), "province"), english(type("D", (), {"lang": "th-en"})(), "province")
    ('', ' (province)')
    """
    return f" ({text})" if lang_of(doc) == "th-en" and text else ""


def chart(name: str, /, *args: Any, **kwargs: Any) -> Markup:
    """Draw the chart ``name`` of :mod:`kpyj_lib.render.charts` as an inline ``<svg>`` with
    its text as text (matplotlib is imported on the first chart, not with the environment).

    Marked safe here, and only here: the markup is matplotlib's own, and every text in it
    (a KR title a user typed) is escaped by matplotlib's SVG writer.

    >>> svg = chart("kr_progress_bars", pd.DataFrame())
    >>> svg.startswith("<svg ") and "ไม่มีข้อมูล</text>" in svg
    True
    """
    from . import charts

    return Markup(charts.draw_svg(name, *args, **kwargs))


def frame_table(df: pd.DataFrame, columns: Mapping[str, str] | None = None) -> Table:
    """``df`` (optionally only ``columns``, renamed) as a :class:`Table` of formatted texts.

    >>> t = frame_table(pd.DataFrame({"a": [3400.0, None], "b": ["<b>", "x"]}), {"a": "จำนวน"})
    >>> t.columns, t.rows
    (['จำนวน'], [['3,400'], ['–']])
    """
    if columns is not None:
        df = df[list(columns)].rename(columns=dict(columns))
    return Table(
        [str(c) for c in df.columns],
        [[_cell(v) for v in row] for row in df.itertuples(index=False, name=None)],
    )


def _thai_date(value: Any, style: str = "full") -> str:
    if is_missing(value):
        return DASH
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return format_thai_date(value, style=style)  # type: ignore[arg-type]


def _thai_dt(value: Any, style: str = "abbr") -> str:
    return DASH if is_missing(value) else format_thai_datetime(value, style=style)  # type: ignore[arg-type]


class _TemplateLoader(jinja2.PackageLoader):
    """The package's templates, named ``<kpyj template NAME>`` in tracebacks, not by path.

    IPython reads the file of every frame of a traceback as Python source; a template's
    lines fail its tokenizer, and a chart that raised inside a template then reached the
    notebook as "Unexpected exception formatting exception" with no error output, so the
    batch could not name the error (issue 11, bad input).
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        source, _filename, uptodate = super().get_source(environment, template)
        return source, f"<kpyj template {template}>", uptodate


@functools.cache
def environment() -> jinja2.Environment:
    """The shared environment (templates from the package, autoescape on, strict undefined)."""
    env = jinja2.Environment(
        loader=_TemplateLoader("kpyj_lib.render", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(
        num=format_number,
        pct=format_percent,
        pct_th=functools.partial(format_percent, thai=True),
        baht=format_baht,
        thai_date=_thai_date,
        thai_dt=_thai_dt,
        fy=format_fiscal_year,
        table=frame_table,
        cell=_cell,
        text=_text,
    )
    from ..documents.official import SAMPLE_BANNER, SAMPLE_BANNER_EN

    env.globals.update(
        stylesheet=stylesheet,
        chart=chart,
        en=english,
        lang_of=lang_of,
        sample_banner_text=SAMPLE_BANNER,
        sample_banner_en=SAMPLE_BANNER_EN,
    )
    return env


def render_template(name: str, /, **context: Any) -> str:
    """Render the template ``name`` of ``render/templates`` with ``context``."""
    return environment().get_template(name).render(**context)


def render_string(source: str, /, **context: Any) -> str:
    """Render a template given as text (tests and small fragments)."""
    return environment().from_string(source).render(**context)


@functools.cache
def stylesheet() -> Markup:
    """The one stylesheet of every page kpyj writes (``render/style.css``).

    Marked safe: it is our own file, and inside ``<style>`` HTML entities are not decoded,
    so escaping its quotes would break every ``font-family``.

    >>> '"Sarabun"' in environment().from_string("<style>{{ stylesheet() }}</style>").render()
    True
    """
    css = resources.files("kpyj_lib.render").joinpath("style.css").read_text(encoding="utf-8")
    return Markup(css)
