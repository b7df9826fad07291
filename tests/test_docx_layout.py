"""Word layout for a meeting (issue 17, point 7): columns sized to their content (never
narrower than a column's longest Thai word, numbers narrow, widths on every cell, autofit
off), tables that do not start with one row at a page foot, and a one-page executive
summary first with page breaks only before the main part and the appendix. Checked on
saved files read back with python-docx, and (slow) through LibreOffice's PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from kpyj_lib.documents.base import Block, Section
from kpyj_lib.documents.lessons import build_lessons, build_synthesis, build_writeup
from kpyj_lib.documents.summary import SUMMARY_TITLE_TH, executive_summary
from kpyj_lib.examples import tiny_workspace
from kpyj_lib.render.docx import SUMMARY_STYLE, build_docx, write_docx
from kpyj_lib.render.html import render_page
from kpyj_lib.render.textwidth import column_widths_pt, longest_word, text_width_pt

EMU_PER_PT = 12700
LONG_WORD = "ประชาสัมพันธ์"


@dataclass
class _Memo:
    """A text document of our own: a summary, two sections and an appendix."""

    kind: str = "memo"
    title_th: str = "บันทึกทดสอบการจัดหน้า"
    sample: bool = False
    summary: Section | None = None
    sections: list[Section] = field(default_factory=list)

    def headline(self) -> dict:
        return {}


def _memo() -> _Memo:
    rows = [
        [f"P-{i:02d}", f"โครงการ{LONG_WORD}ศูนย์ยุติธรรมชุมชนเพื่อผู้พ้นโทษรุ่นที่ {i}", f"{i * 12_500:,}", "48%"]
        for i in range(1, 41)
    ]
    table = Block("table", columns=["รหัส", "โครงการ", "งบประมาณ (บาท)", "เบิกจ่าย"], rows=rows)
    return _Memo(
        summary=executive_summary(
            [("โครงการ", "40 รายการ"), ("งบประมาณ", "10,250,000 บาท")],
            ["ผลลัพธ์หลักที่ล่าช้ากว่าแผน: KR-1"],
            ["รับทราบผลการดำเนินงาน"],
        ),
        sections=[
            Section("a", "ส่วนที่หนึ่ง", "One", [Block("p", text="ตารางโครงการทั้งหมด"), table]),
            Section("b", "ส่วนที่สอง", "Two", [Block("p", text="ข้อความสั้น")]),
            Section("appendix", "ภาคผนวก", "Appendix", [Block("p", text="รายการทั้งหมด")]),
        ],
    )


@pytest.fixture
def saved(tmp_path) -> docx.document.Document:
    path = write_docx(_memo(), tmp_path / "memo.docx")
    return docx.Document(str(path))


def test_columns_fit_their_longest_word_and_numbers_stay_narrow(saved):
    table = saved.tables[-1]
    sec = saved.sections[0]
    text_width = sec.page_width - sec.left_margin - sec.right_margin
    widths = [c.width for c in table.columns]
    assert abs(sum(widths) - text_width) < 10 * EMU_PER_PT  # the text width, not more
    _code, name, budget, share = widths
    assert name == max(widths) and name > 2 * budget  # the names get the room
    assert share < 0.15 * text_width and budget < 0.2 * text_width  # numbers narrow
    size = 14 if table.rows[1].cells[1].paragraphs[0].style.name == "KPYJ Table" else 12
    columns = [[c.text for c in col.cells] for col in table.columns]
    for w, texts in zip(widths, columns, strict=True):
        word = max((longest_word(t, size) for t in texts), key=lambda x: text_width_pt(x, size))
        assert w / EMU_PER_PT >= text_width_pt(word, size), word  # never narrower than a word
    # widths on every cell, autofit off (fixed layout), so Word and LibreOffice keep them
    for row in table.rows:
        assert [c.width for c in row.cells] == widths
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert table.autofit is False


def test_tables_do_not_start_with_one_row_at_a_page_foot(saved):
    table = saved.tables[-1]
    rows = table.rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeats
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in rows)  # rows whole
    keep = [
        all(p.paragraph_format.keep_with_next for c in r.cells for p in c.paragraphs) for r in rows
    ]
    assert keep[:2] == [True, True] and not any(keep[3:])  # header + first rows together
    body = list(saved.element.body.iterchildren())
    before = body[body.index(table._tbl) - 1]
    assert before.tag == qn("w:p")
    intro = docx.text.paragraph.Paragraph(before, saved._body)
    assert intro.text == "ตารางโครงการทั้งหมด" and intro.paragraph_format.keep_with_next


def test_summary_first_and_page_breaks_only_before_the_main_part_and_the_appendix(saved):
    paras = saved.paragraphs
    styles = [p.style.name for p in paras]
    at = styles.index(SUMMARY_STYLE)
    assert paras[at].text == SUMMARY_TITLE_TH
    assert styles[:at] == ["Title"]  # right after the title, on the first page
    h1 = [p for p in paras if p.style.name == "Heading 1"]
    assert [p.text for p in h1] == ["ส่วนที่หนึ่ง", "ส่วนที่สอง", "ภาคผนวก"]
    assert [bool(p.paragraph_format.page_break_before) for p in h1] == [True, False, True]
    assert not any(r.text == "" and 'w:br w:type="page"' in r._r.xml for p in paras for r in p.runs)
    facts = saved.tables[0]
    assert [c.text for c in facts.rows[0].cells] == ["โครงการ", "40 รายการ"]  # no header row


def test_a_document_without_a_summary_has_no_page_break_before_its_sections():
    memo = _memo()
    memo.summary = None
    d = build_docx(memo)
    h1 = [p for p in d.paragraphs if p.style.name == "Heading 1"]
    assert [bool(p.paragraph_format.page_break_before) for p in h1] == [False, False, True]
    assert SUMMARY_STYLE not in [p.style.name for p in d.paragraphs]


def test_a_column_is_never_narrower_than_its_word_even_when_the_table_is_too_wide():
    cols = [f"หัวข้อ{LONG_WORD}{i}" for i in range(9)]
    widths = column_widths_pt(cols, [[LONG_WORD] * 9], 300, 14)
    assert all(w >= text_width_pt(LONG_WORD, 14, bold=True) for w in widths)
    assert sum(widths) > 300  # more than the room: the words win


def test_lessons_documents_open_with_their_summary_in_word_and_html():
    ws = tiny_workspace()
    for doc in (build_writeup(ws, "83", "2022-03-31"), build_synthesis(ws, as_of="2022-03-31")):
        d = build_docx(doc)
        first = next(p for p in d.paragraphs if p.style.name in (SUMMARY_STYLE, "Heading 1"))
        assert first.text == SUMMARY_TITLE_TH
        h1 = [p for p in d.paragraphs if p.style.name == "Heading 1"]
        breaks = [p.text for p in h1 if p.paragraph_format.page_break_before]
        assert breaks == [h1[0].text, "ภาคผนวก: ข้อมูลที่ใช้"]
        html = render_page(doc)
        assert html.index(SUMMARY_TITLE_TH) < html.index(doc.sections[0].title_th)
        assert html.rindex("ภาคผนวก") > html.index(doc.sections[-2].title_th)
        text = doc.summary.text()
        assert "ข้อค้นพบสำคัญ" in text and "เรื่องที่เสนอที่ประชุมพิจารณา" in text
    buf = io.BytesIO()
    build_docx(doc).save(buf)
    assert SUMMARY_TITLE_TH in "\n".join(p.text for p in docx.Document(buf).paragraphs)


# --------------------------------------------------------------------------- LibreOffice
def _pdf(docx_path: Path) -> tuple[int, list[str]]:
    out = docx_path.parent
    profile = (out / "lo-profile").as_uri()  # a profile of its own: parallel runs do not clash
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = docx_path.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(x for x in info.stdout.splitlines() if x.startswith("Pages:")).split()[1])
    texts = [
        subprocess.run(
            ["pdftotext", "-f", str(i), "-l", str(i), "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for i in (1, 2)
    ]
    return pages, texts


#: Pages of the sample's write-ups through LibreOffice before issue 17 (same fonts).
PAGES_BEFORE = {"83": 27, "ALL": 69}


@pytest.mark.slow  # LibreOffice: tens of seconds
@pytest.mark.skipif(
    not shutil.which("soffice") or not shutil.which("pdftotext"), reason="no LibreOffice"
)
@pytest.mark.parametrize("scope", ["83", "ALL"])
def test_libreoffice_pdf_opens_with_the_summary_and_is_shorter(scope, tmp_path):
    from kpyj_lib.io import read_workbook
    from kpyj_lib.paths import SAMPLE_WORKBOOK
    from kpyj_lib.workspace import Workspace

    ws = Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)
    doc = build_lessons(ws, scope, dt.date(2022, 6, 30))
    pages, (page1, page2) = _pdf(write_docx(doc, tmp_path / f"lessons_{scope}.docx"))
    flat1 = page1.replace(" ", "")
    assert SUMMARY_TITLE_TH in flat1
    assert "เรื่องที่เสนอที่ประชุมพิจารณา" in flat1  # the whole summary on page 1
    assert doc.sections[0].title_th.replace(" ", "")[:8] in page2.replace(" ", "")
    assert pages < PAGES_BEFORE[scope] - (2 if scope == "83" else 10), pages


def test_plan_documents_open_with_their_summary_too():
    from kpyj_lib.documents import strategic_plan as sp
    from kpyj_lib.documents._plans import PlanDoc
    from kpyj_lib.examples import tiny_tables
    from kpyj_lib.render.html import render_title
    from kpyj_lib.workspace import Workspace

    doc = sp.build_strategic_plan(Workspace.from_tables(tiny_tables(), 2565), "83")
    assert doc.summary is not None and PlanDoc.from_dict(doc.to_dict()) == doc
    text = doc.summary.text()
    assert f"{doc.figures['projects']} โครงการ" in text and "ให้ความเห็นต่อ(ร่าง)" in text
    d = build_docx(doc, glosses=False, thai_pages=True)
    styles = [p.style.name for p in d.paragraphs]
    assert styles.index(SUMMARY_STYLE) < styles.index("Heading 1")
    assert SUMMARY_TITLE_TH in render_title(doc)


@pytest.mark.slow  # seconds: the whole sample
@pytest.mark.parametrize("scope", ["83", "ALL"])
def test_sample_write_ups_have_no_column_narrower_than_its_thai_words(scope):
    """The sample's write-up and synthesis in Word: no table column narrower than the
    longest Thai word in it (the synthesis' 14-column comparison once broke «จังหวัด»),
    measured with the first-plan check's conservative character widths; no row splits."""
    from first_plan.outputs import docx_column_problems, docx_rows_that_split

    from kpyj_lib.io import read_workbook
    from kpyj_lib.paths import SAMPLE_WORKBOOK
    from kpyj_lib.workspace import Workspace

    ws = Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)
    buf = io.BytesIO()
    build_docx(build_lessons(ws, scope, dt.date(2022, 6, 30))).save(buf)
    d = docx.Document(io.BytesIO(buf.getvalue()))
    assert len(d.tables) > 5
    assert docx_column_problems(d) == []
    assert docx_rows_that_split(d) == []
