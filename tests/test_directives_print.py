"""The weekly executive print-out on directives (seed 002): the document
(documents.directives.WeeklyView), its template, and the notebook run through publish."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kpyj_lib.analysis import directives as ad
from kpyj_lib.calendar import BANGKOK
from kpyj_lib.documents import Document
from kpyj_lib.documents.directives import SECTIONS, WeeklyView
from kpyj_lib.examples import tiny_workspace
from kpyj_lib.io import import_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.publish import publish_directives
from kpyj_lib.render import render_fragment, render_page, render_section
from kpyj_lib.services.directives import build_report, submit_report
from kpyj_lib.store import Store

LEVEL_HEADINGS = (
    "ข้อสั่งการทั่วไป",
    "ข้อสั่งการต่อเนื่อง",
    "ข้อสั่งการแล้วเสร็จ",
    "ข้อสั่งการอยู่ระหว่างดำเนินการ",
)


def report(directive: str, unit: str, week: str, level: str | None, **fields) -> dict:
    return build_report(directive, unit, week, level, fields)


def test_the_print_out_has_the_four_groups_a_sample_banner_and_landscape_pages():
    view = WeeklyView.build(tiny_workspace(), "2022-01-19")
    assert isinstance(view, Document)
    assert view.week == dt.date(2022, 1, 17) and view.headline()["missing"] == 1
    page = render_fragment(view)
    assert all(h in page for h in LEVEL_HEADINGS)
    assert "ข้อมูลตัวอย่าง" in page and "size: A4 landscape" in page
    assert page.count("<style>") == 1  # the stylesheet once, with the title
    assert "2.1 ข้อสั่งการทั่วไป" in render_section(view, "general")
    assert render_page(view).startswith("<!DOCTYPE html>")


def test_an_empty_week_says_so_in_every_part():
    view = WeeklyView.build(tiny_workspace(), "2021-10-04")  # before any directive
    for s in SECTIONS:
        html = render_section(view, s.key)
        assert s.title_th in html
        if s.key in ad.LEVELS:
            assert "0 เรื่อง" in html and '<p class="kpyj-none">ไม่มี</p>' in html


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory) -> Store:
    d = tmp_path_factory.mktemp("sample")
    s = Store(f"sqlite:///{d}/kpyj.sqlite")
    s.init()
    import_workbook(SAMPLE_WORKBOOK, s)
    yield s
    s.close()


@pytest.mark.slow  # a kernel; Chromium prints the PDF when installed
@pytest.mark.browser
def test_weekly_notebook_renders_all_four_groups(sample_store, tmp_path):
    # DIR-2565-11 was issued on Monday 24 Jan: a report in its meeting week is allowed
    submit_report(
        sample_store,
        report(
            "DIR-2565-11",
            "OPS",
            "2022-01-24",
            "in_progress",
            goal='<script>alert("kpyj")</script>',
            plan="ประสานงาน",
        ),
        now=dt.datetime(2022, 1, 27, 10, 0, tzinfo=BANGKOK),
    )
    from kpyj_lib.batch import find_chromium

    pdf = find_chromium() is not None
    out = publish_directives(sample_store, "2022-01-26", tmp_path / "out", pdf=pdf)
    assert out["html"].name == "directives_2022-01-24.html" and out["ipynb"].is_file()
    page = out["html"].read_text(encoding="utf-8")
    for heading in LEVEL_HEADINGS:
        assert heading in page
    assert '<p class="kpyj-none">ไม่มี</p>' in page  # nothing completed that week: it says so
    assert "WR-2565-01-RLPD-20220124" in page  # the planted late report
    assert "24–30 มกราคม 2565" in page and "ข้อมูลตัวอย่าง" in page
    assert "size: A4 landscape" in page
    # escaped (Jinja writes &#34;; an exporter may re-serialise it as &quot; or a plain quote)
    quote = r"(&#34;|&quot;|\")"
    assert re.search(rf"&lt;script&gt;alert\({quote}kpyj{quote}\)&lt;/script&gt;", page)
    assert "<script>alert" not in page
    assert "<script>alert" not in page
    assert "from kpyj_lib" not in page  # code hidden
    if pdf:
        data = out["pdf"].read_bytes()
        assert data.startswith(b"%PDF-")
        boxes = {
            tuple(float(x) for x in m.split())
            for m in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)
        }
        assert all(w > h for _, _, w, h in boxes)  # landscape
