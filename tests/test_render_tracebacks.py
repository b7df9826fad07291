"""An error raised inside a template reaches a notebook as an error, with its name."""

from __future__ import annotations

import traceback

import pytest

from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.examples import tiny_workspace
from kpyj_lib.render import render_section
from kpyj_lib.render.charts import theme


def test_a_chart_failing_in_a_template_can_be_formatted_by_ipython(monkeypatch):
    from IPython.core.ultratb import VerboseTB

    doc = ProvinceReport.build(tiny_workspace(), "83", "2022-03-31")
    monkeypatch.setattr(theme, "A4_WIDTH_IN", float("nan"))  # no figure can be made
    with pytest.raises(ValueError, match="figure size") as info:
        render_section(doc, "alignment")
    exc = info.value
    files = [f.filename for f in traceback.extract_tb(exc.__traceback__)]
    assert "<kpyj template province.html.j2>" in files  # named, not a path
    assert not [f for f in files if f.endswith(".j2")], files
    # IPython reads every frame's file as Python; a template's lines broke its tokenizer
    text = "\n".join(
        VerboseTB(theme_name="nocolor").structured_traceback(type(exc), exc, exc.__traceback__)
    )
    assert "figure size must be positive finite" in text
    assert "Unexpected exception formatting exception" not in text
