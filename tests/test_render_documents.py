"""The province report and the weekly directives print-out through their Jinja2 templates:
the same text as the f-string HTML of commit 998dbbe, and user text always escaped."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from html_text import html_text

from kpyj_lib.documents import Document
from kpyj_lib.documents.directives import WeeklyView
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.io import read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.render import render_fragment, render_section, render_title
from kpyj_lib.workspace import Workspace, rows_of

#: Written once by scripts/record_section_texts.py from the code of commit 998dbbe.
BEFORE = json.loads(
    (Path(__file__).parent / "fixtures" / "section_texts_998dbbe.json").read_text("utf-8")
)
#: Sections whose text changed on purpose. Table cells used pandas' ``to_html`` number
#: format ("640.0", "1900.0", "223.0"); the templates use the project's format_number
#: ("640", "1,900", "223"). Every other character of these sections is unchanged, and every
#: other section is identical character for character.
NUMBERS_REFORMATTED = {("province", "profile"), ("province", "progress")}

PAYLOAD = "\"'><script>alert(1)</script>"
RAW = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
#: Free-text columns a user types in the workbook or the forms (ids and codes stay, so the
#: records still join).
TEXT_COLUMNS = {
    "name_th", "name_en", "title_th", "title_en", "description_th", "unit_of_measure",
    "how_th", "note_th", "product_th", "rationale_th", "meeting_th", "issuer", "detail_th",
    "text_th", "goal", "plan", "results", "outputs", "outcomes", "impact", "reporter",
}  # fmt: skip
SOURCE_TABLES = {"plans", "plan_items", "baseline_indicators"}  # "source" is free text there


def _number(m: re.Match) -> str:
    v = float(m.group(0).replace(",", ""))
    return f"{v:.2f}".rstrip("0").rstrip(".")


def normalise_numbers(text: str) -> str:
    """Numbers with a thousands separator or a decimal point written one way.

    >>> normalise_numbers("2100.0 คดี 2,100 คดี 72.80 72.8 KR-83-01-1 2.1 1,265,000")
    '2100 คดี 2100 คดี 72.8 72.8 KR-83-01-1 2.1 1265000'
    """
    return re.sub(r"\d[\d,]*\.\d+|\d{1,3}(?:,\d{3})+", _number, text)


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture
def no_charts(monkeypatch):
    """Charts are images (no text): skip drawing them where only the text is compared."""
    from kpyj_lib.render import charts

    for name in charts.CHARTS:
        monkeypatch.setattr(charts, name, lambda *a, **kw: None)
    monkeypatch.setattr(charts, "to_data_uri", lambda fig: "data:,")


def _texts(doc: Document) -> dict[str, str]:
    out = {"title": html_text(render_title(doc))}
    out |= {s.key: html_text(render_section(doc, s.key)) for s in doc.sections}
    return out


#: Sections added since 998dbbe (issue 13: the round-to-round comparison); every section
#: recorded then is still there, in the same order.
ADDED_SECTIONS = {("province", "rounds")}


def _compare(kind: str, before: dict[str, str], after: dict[str, str]) -> None:
    added = {k for k in after if (kind, k) in ADDED_SECTIONS}
    assert added == {k for d, k in ADDED_SECTIONS if d == kind}  # the new sections are there
    assert [k for k in after if k not in added] == list(before)  # the old ones, in order
    for key, old in before.items():
        new = after[key]
        if (kind, key) in NUMBERS_REFORMATTED:
            assert new != old  # the reformatting did happen (else drop it from the set)
            assert normalise_numbers(new) == normalise_numbers(old), key
        else:
            assert new == old, key


@pytest.mark.parametrize("code", sorted(BEFORE["province"]))
def test_province_report_says_what_it_said(ws, code, no_charts):
    _compare("province", BEFORE["province"][code], _texts(ProvinceReport.build(ws, code)))


@pytest.mark.parametrize("week", sorted(BEFORE["directives"]))
def test_directives_print_out_says_what_it_said(ws, week, no_charts):
    _compare("directives", BEFORE["directives"][week], _texts(WeeklyView.build(ws, week)))


# --------------------------------------------------------------------------- escaping
@pytest.fixture(scope="module")
def hostile_ws(ws) -> Workspace:
    """The sample with PAYLOAD appended to every free-text value; a directive is also
    assigned to a unit of Phuket so that the province report lists one."""
    tables: dict[str, list[dict[str, Any]]] = {}
    for name, df in ws.frames.items():
        if name not in ws.counts():
            continue
        rows = rows_of(df)
        cols = TEXT_COLUMNS | ({"source"} if name in SOURCE_TABLES else set())
        for row in rows:
            for c in cols & set(row):
                if isinstance(row[c], str):
                    row[c] += PAYLOAD
        tables[name] = rows
    unit = next(u["id"] for u in tables["units"] if u.get("province_code") == "83")
    tables["directive_units"].append({"directive_id": "DIR-2565-01", "unit_id": unit})
    return Workspace.from_tables(tables, 2565)


#: Sections that show only reference labels and computed figures (their tables and lists
#: hold no user text; user text is drawn in the charts, which are images).
NO_USER_TEXT = {
    ("province", "title"),
    ("province", "kpi"),
    ("province", "pmqa"),
    ("directives", "title"),
}


@pytest.mark.parametrize(
    "doc",
    [
        lambda ws: ProvinceReport.build(ws, "83"),
        lambda ws: WeeklyView.build(ws, "2022-01-24"),  # a late report, stalled directives
        lambda ws: WeeklyView.build(ws, "2022-02-07"),  # a directive completed
    ],
    ids=["province", "directives-late", "directives-completed"],
)
def test_user_text_is_escaped_in_every_section(hostile_ws, doc):
    d = doc(hostile_ws)
    parts = {"title": render_title(d)} | {s.key: render_section(d, s.key) for s in d.sections}
    for key, html in parts.items():
        assert RAW not in html, key
        assert "<script" not in html, key  # no script tag at all
        assert "\"'><" not in html, key  # quotes cannot close an attribute either
        if (d.kind, key) not in NO_USER_TEXT:
            assert ESCAPED in html or "ไม่มี (none)" in html, key
    assert render_fragment(d).count(ESCAPED) >= 5
    if d.kind == "province":  # the charts were drawn (from the hostile text, as images)
        assert render_section(d, "alignment").count("data:image/png;base64,") == 1


def test_the_directives_title_shows_no_user_text_but_every_level_does(hostile_ws):
    view = WeeklyView.build(hostile_ws, "2022-01-24")
    assert ESCAPED not in render_title(view)  # title, dates and counts only
    for lv in ("general", "continuing", "in_progress"):
        html = render_section(view, lv)
        # directive titles, issuers, unit names, and six report fields per report
        assert html.count(ESCAPED) >= 6 + 3, lv
