"""Every executive print-out built from the sample reads as an official Thai document.

The province reports, the lessons write-ups (HTML and Word), the synthesis, the weekly
directives print-outs and the index page, rendered from the sample workbook exactly as
``kpyj reports`` renders them (charts are images and are left out): no English sentence
outside proper names, codes and acronyms unless ``lang="th-en"``; no citation of a source
document by a file name or a number of ours; no number written with a trailing ``.0``
(``tests/official_text.py``; the words follow ``docs/glossary.md``).
"""

from __future__ import annotations

import pytest
from html_text import html_text
from lessons_text import docx_texts
from official_text import forbidden, latin_problems

from kpyj_lib.batch import JobResult
from kpyj_lib.documents.directives import WeeklyView
from kpyj_lib.documents.lessons import ALL, build_lessons
from kpyj_lib.documents.province import ProvinceReport
from kpyj_lib.graph import build_graph
from kpyj_lib.io import read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.publish import PROVINCE_REPORT_COLUMNS, write_index
from kpyj_lib.render import render_page
from kpyj_lib.render.docx import build_docx
from kpyj_lib.workspace import Workspace

AS_OF = "2022-06-30"
#: The four model provinces, one province with light data, and the synthesis.
PROVINCES = ("64", "48", "83", "70", "50")
#: Weeks of the directives print-out: a late report, a level change, a completion, a missing report.
WEEKS = ("2022-01-24", "2022-01-31", "2022-02-07", "2022-02-14")


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture(scope="module")
def G(ws):
    return build_graph(ws)


@pytest.fixture(autouse=True)
def no_charts(monkeypatch):
    """Charts are images (no text to check here): skip drawing them."""
    from kpyj_lib.render import charts

    for name in charts.CHARTS:
        monkeypatch.setattr(charts, name, lambda *a, **kw: None)
    monkeypatch.setattr(charts, "to_data_uri", lambda fig: "data:,")
    monkeypatch.setattr(charts, "draw_svg", lambda name, *a, **kw: "<svg></svg>")


def _documents(ws, G, lang: str) -> list:
    docs: list = [ProvinceReport.build(ws, c, AS_OF, graph=G, lang=lang) for c in PROVINCES]
    docs += [build_lessons(ws, c, AS_OF, G=G, lang=lang) for c in (*PROVINCES[:4], ALL)]
    docs += [WeeklyView.build(ws, w, lang=lang) for w in WEEKS]
    return docs


def _index(ws, tmp_path, lang: str) -> str:
    results = [
        JobResult(
            c,
            f"{c} จังหวัด",
            "ok",
            2.5,
            outputs={"html": "analysis.html", "ipynb": "analysis.ipynb"},
            headline=ProvinceReport.build(ws, c, AS_OF).headline(),
            output_dir=str(tmp_path / c),
        )
        for c in PROVINCES[:4]
    ]
    index, _ = write_index(
        results,
        tmp_path,
        title="รายงานวิเคราะห์ กพยจ. รายจังหวัด ปีงบประมาณ พ.ศ. 2565",
        fiscal_year=2565,
        sample=True,
        columns=PROVINCE_REPORT_COLUMNS,
        links=[("ถอดบทเรียนภาพรวมจังหวัดต้นแบบ (HTML)", "lessons_synthesis.html")],
        lang=lang,
    )
    return index.read_text(encoding="utf-8")


@pytest.mark.slow  # seconds: the whole sample or national data
def test_every_print_out_is_thai_only_by_default(ws, G, tmp_path):
    problems = {}
    for doc in _documents(ws, G, "th"):
        text = html_text(render_page(doc))
        where = f"{doc.kind}:{getattr(doc, 'scope', '') or getattr(doc, 'province', '')}"
        if doc.kind == "directives":
            where = f"directives:{doc.week}"
        assert "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ" in text, where
        if latin_problems(text) or forbidden(text):
            problems[where] = latin_problems(text) + forbidden(text)
        if doc.kind in ("lessons", "synthesis"):  # the Word file says the same, also Thai only
            word = " ".join(docx_texts(build_docx(doc)).values())
            if latin_problems(word) or forbidden(word):
                problems[f"{where}.docx"] = latin_problems(word) + forbidden(word)
    page = html_text(_index(ws, tmp_path, "th"))
    if latin_problems(page) or forbidden(page):
        problems["index"] = latin_problems(page) + forbidden(page)
    assert problems == {}


@pytest.mark.slow  # seconds: the whole sample or national data
def test_english_glosses_only_with_th_en(ws, G, tmp_path):
    for doc in _documents(ws, G, "th-en")[::3]:
        text = html_text(render_page(doc))
        assert latin_problems(text), doc.kind  # the glosses are there when asked for
        assert forbidden(text) == [], doc.kind  # the other rules hold in any language
    page = html_text(_index(ws, tmp_path / "en", "th-en"))
    assert "(ok)" in page and "sample data, not official figures" in page


def test_numbers_times_and_terms_as_an_official_writes_them(ws, G):
    rep = html_text(render_page(ProvinceReport.build(ws, "83", AS_OF, graph=G)))
    assert "1,265,000 บาท" in rep  # thousands separators
    assert "ความก้าวหน้าร้อยละ " in rep  # ร้อยละ in running text
    assert "ระดับความสำคัญ: " in rep and "End Product (ผลงานที่เกิดจากการทำงานร่วมกัน" in rep
    assert rep.count("End Product (") == 1  # glossed once
    week = html_text(render_page(WeeklyView.build(ws, "2022-01-24")))
    assert "ประจำสัปดาห์ระหว่างวันที่ 24–30 มกราคม 2565" in week
    assert "เวลา 16.00 น." in week and "16:00" not in week
    lessons = html_text(render_page(build_lessons(ws, "83", AS_OF, G=G)))
    assert "30 มิถุนายน 2565" in lessons and "2022-06-30" not in lessons
    assert "บันทึกข้อความ สำนักงานกิจการยุติธรรม" in lessons
    for text in (rep, week, lessons):
        assert "คุณ " not in text and "สมุดงาน (ipynb)" not in text
