"""The plan documents on the sample (issue 14): สกธ.'s yearly driving plan and each model
province's draft strategic plan, for FY2566 (the sample plus its add-on) and FY2565.

What is checked: every section present, numbered and not empty; the numbers in the
documents equal those in the store (read here with plain pandas, not through the document
code); the planted gaps are listed, never filled in; sample data is marked everywhere
(title, HTML banner, every Word page header); the Word layout (TH Sarabun New 16 pt, A4,
Thai page numbers, numbered Thai-only headings); user text is escaped in the HTML. The
slow tests convert the Word files to PDF with LibreOffice and read them back with
pdftotext, and run ``kpyj reports --driving-plan`` / ``--strategic-plan`` end to end.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pandas as pd
import pytest

from kpyj_lib import analysis as an
from kpyj_lib import publish, reference
from kpyj_lib.calendar import format_thai_date
from kpyj_lib.documents import driving_plan as dp
from kpyj_lib.documents import strategic_plan as sp
from kpyj_lib.documents._plans import SAMPLE_NOTE, quantity
from kpyj_lib.documents.base import Block
from kpyj_lib.examples import tiny_tables
from kpyj_lib.render import render_page
from kpyj_lib.render.docx import build_docx
from kpyj_lib.store import Store
from kpyj_lib.text import format_baht, format_number
from kpyj_lib.workspace import Workspace

MODEL = ("64", "48", "83", "70")


@pytest.fixture(scope="module")
def store(plans_db):
    s = Store(plans_db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def years(store):
    return {2566: store.workspace(2566), 2565: store.workspace(2565)}


@pytest.fixture(scope="module")
def driving(years):
    return {
        2566: publish.plan_document("driving_plan", "", years[2566], years[2565]),
        2565: publish.plan_document("driving_plan", "", years[2565], None),
    }


@pytest.fixture(scope="module")
def strategic(years):
    out = {}
    for code in MODEL:
        out[(code, 2566)] = publish.plan_document("strategic_plan", code, years[2566], years[2565])
        out[(code, 2565)] = publish.plan_document("strategic_plan", code, years[2565], None)
    return out


def _rows(doc, key: str) -> list[list[str]]:
    return [r for b in doc.section(key).tables() for r in b.rows]


def _ul(doc, key: str) -> list[str]:
    return [i for b in doc.section(key).blocks if b.kind == "ul" for i in b.items]


# =========================================================================== both documents
def test_every_section_present_numbered_and_not_empty(driving, strategic):
    for doc in [*driving.values(), *strategic.values()]:
        keys = dp.SECTION_KEYS if doc.kind == "driving_plan" else sp.SECTION_KEYS
        assert doc.keys() == list(keys)
        for n, s in enumerate(doc.sections, 1):
            assert s.title_th.startswith(f"{n}. "), s.title_th
            assert s.blocks, (doc.title_th, s.key)
            heads = [b.text for b in s.blocks if b.kind == "h"]
            assert all(re.match(rf"{n}\.\d+(\.\d+)? ", t) for t in heads), heads


def test_titles(driving, strategic):
    assert driving[2566].title_th == "แผนการดำเนินงานขับเคลื่อน กพยจ. ประจำปีงบประมาณ พ.ศ. 2566"
    assert driving[2565].title_th.endswith("พ.ศ. 2565")
    for code in MODEL:
        name = reference.province_name(code)
        doc = strategic[(code, 2566)]
        assert doc.title_th == f"(ร่าง) แผนยุทธศาสตร์การบริหารงานยุติธรรมจังหวัด{name}"
        assert "ปีงบประมาณ พ.ศ. 2566" in doc.subtitle_th


@pytest.mark.slow  # seconds: the whole sample or national data
def test_sample_is_marked_in_every_document(driving, strategic):
    for doc in [*driving.values(), *strategic.values()]:
        assert doc.sample and SAMPLE_NOTE in doc.subtitle_th
        page = render_page(doc)
        assert f'<div class="kpyj-sample">{SAMPLE_NOTE}</div>' in page
        d = build_docx(doc, glosses=False, thai_pages=True, sample_text=SAMPLE_NOTE)
        sec = d.sections[0]
        for header in (sec.header, sec.first_page_header):  # every page, the first included
            assert SAMPLE_NOTE in "\n".join(p.text for p in header.paragraphs)
        assert "ตัวอย่าง" in d.core_properties.keywords


def test_not_marked_when_the_data_is_not_sample():
    tables = tiny_tables()
    tables["meta"] = [m for m in tables["meta"] if m["key"] != "is_sample"]
    ws = Workspace.from_tables(tables, 2565)
    for doc in (dp.build_driving_plan(ws), sp.build_strategic_plan(ws, "83")):
        assert not doc.sample and SAMPLE_NOTE not in doc.text()
        assert 'class="kpyj-sample"' not in render_page(doc)


def test_the_sample_rows_themselves_say_sample(store):
    goals = store.read("driving_goals")
    assert goals["goal_th"].str.contains("ตัวอย่าง").all()
    assert goals["source"].str.contains("ตัวอย่าง").all()
    base = store.read("baseline_indicators")
    assert base["source"].str.contains("ตัวอย่าง").all()


# =========================================================================== driving plan
def _plan(store, fy: int) -> dict[str, pd.DataFrame]:
    g = store.read("driving_goals")
    g = g[g["fiscal_year"] == fy]
    ind = store.read("driving_indicators")
    ind = ind[ind["goal_id"].isin(g["id"])]
    tg = store.read("driving_targets")
    tg = tg[tg["indicator_id"].isin(ind["id"])]
    al = store.read("driving_alignments")
    al = al[al["goal_id"].isin(g["id"])]
    act = store.read("driving_activities")
    act = act[act["goal_id"].isin(g["id"])]
    pg = store.read("province_groups")
    return {
        "goals": g,
        "ind": ind,
        "tg": tg,
        "al": al,
        "act": act,
        "pg": pg[pg["fiscal_year"] == fy],
    }


@pytest.mark.parametrize("fy", [2566, 2565])
def test_driving_plan_numbers_equal_the_store(store, driving, fy):
    doc, t = driving[fy], _plan(store, fy)
    h = doc.headline()
    assert (h["goals"], h["indicators"], h["activities"], h["targets"], h["alignments"]) == (
        len(t["goals"]), len(t["ind"]), len(t["act"]), len(t["tg"]), len(t["al"])
    )  # fmt: skip
    assert h["goals"] == 4 and h["sample"]
    # goals in order, each with its number of activities and indicators
    goal_rows = _rows(doc, "goals")
    assert [r[1] for r in goal_rows] == t["goals"].sort_values("code")["goal_th"].tolist()
    for r in goal_rows:
        gid = t["goals"].loc[t["goals"]["goal_th"] == r[1], "id"].item()
        assert r[2] == str((t["act"]["goal_id"] == gid).sum())
        assert r[3] == str((t["ind"]["goal_id"] == gid).sum())
    # indicators: baseline and target with their years, as the store has them
    text = doc.section("indicators").text()
    for i in t["ind"].itertuples():
        assert i.name_th in text
        if not pd.isna(i.baseline):
            assert f"{quantity(i.baseline, i.unit_of_measure)} (ปี {i.baseline_year})" in text
        assert f"{quantity(i.target, i.unit_of_measure)} (ปี {i.target_year})" in text
        if not pd.isna(i.method_th):
            assert i.method_th in text
    # each group: its provinces and its targets
    background = doc.section("background").text()
    listed: dict[int, set[str]] = {}
    group = 0
    for b in doc.section("groups").blocks:
        if b.kind == "h" and b.level == 3:
            group += 1
        elif b.kind == "p" and b.lead.startswith("จังหวัดในกลุ่ม"):
            listed[group] = set(b.text.split())
    for g in (1, 2, 3):
        members = t["pg"].loc[t["pg"]["group"] == g, "province_code"]
        assert f"กลุ่มที่ {g} จำนวน {len(members)} จังหวัด" in background
        assert listed.get(g, set()) == {reference.province_name(c) for c in members}
    units = t["ind"].set_index("id")["unit_of_measure"]
    group_rows = _rows(doc, "groups")
    for r in t["tg"].itertuples():
        value = quantity(r.target, units[r.indicator_id])
        due = format_thai_date(r.due_date, style="abbr")
        assert any(row[2] == value and row[3] == due for row in group_rows), (r, value)
    # the plan items each goal serves
    al_rows = _rows(doc, "alignment")
    assert len(al_rows) == len(t["al"])
    items = store.read("plan_items").set_index("id")
    for a in t["al"].itertuples():
        name = items.at[a.plan_item_id, "name_th"]
        assert any(name in row[2] for row in al_rows), name


def test_driving_plan_lists_the_planted_gaps_instead_of_filling_them(driving):
    doc = driving[2566]
    gaps = _ul(doc, "gaps")
    assert "เป้าหมายที่ 4 ยังไม่มีตัวชี้วัด" in gaps
    assert "เป้าหมายที่ 4 ยังไม่ได้ระบุแนวทางต่อยอดการดำเนินงาน" in gaps
    assert any("DP2566-G2-I2" in g and g.endswith("ยังไม่ระบุวิธีการวัด") for g in gaps)
    assert any("DP2566-G1-I2" in g and g.endswith("ยังไม่ระบุค่าฐาน") for g in gaps)
    assert f"รายการต่อไปนี้ยังไม่มีในข้อมูล {len(gaps)} รายการ" in doc.section("gaps").text()
    ind = doc.section("indicators")
    assert any(b.kind == "empty" and "ยังไม่มีตัวชี้วัด" in b.text for b in ind.blocks)
    assert any(b.kind == "note" and "ยังไม่ระบุวิธีการวัด" in b.text for b in ind.blocks)
    measures = [r for b in ind.tables() if b.columns[1] == "วิธีการวัด" for r in b.rows]
    name = "จำนวนผู้พ้นโทษที่ได้รับการช่วยเหลือผ่านเครือข่าย กพยจ."
    assert [r[1] for r in measures if r[0] == name] == ["ยังไม่ระบุ"]


def test_driving_plan_2565_has_no_group_3_targets_and_says_so(driving):
    doc = driving[2565]
    assert "กลุ่มที่ 3 ยังไม่มีค่าเป้าหมายของตัวชี้วัดใด" in _ul(doc, "gaps")
    assert "ผลการดำเนินงาน" not in doc.section("background").text()  # no FY2564 in the store


def test_driving_plan_background_counts_the_prior_year(years, driving):
    text = driving[2566].section("background").text()
    prior = years[2565]
    provinces = prior["objectives"]["province_code"].dropna().nunique()
    kr = an.kr_progress(prior, an.default_as_of(prior))
    assert f"บันทึกวัตถุประสงค์ของ กพยจ. {provinces} จังหวัด" in text
    assert f"ผลลัพธ์หลัก {len(kr)} ตัว" in text
    on_track = int((kr["status"] == "on_track").sum())
    assert f"เป็นไปตามแผน {on_track} ตัว" in text


def test_target_for_an_empty_group_is_a_visible_note():
    """A group target whose group has no province this year (groups recorded, group 2
    empty): a gap in the document, named in the group section and in the list at the end."""
    tables = tiny_tables()
    tables["driving_goals"] = [{"id": "G1", "fiscal_year": 2565, "goal_th": "เป้าหมาย", "code": "1"}]
    tables["driving_indicators"] = [{"id": "I1", "goal_id": "G1", "name_th": "ตัวชี้วัด"}]
    groups = {g["group"] for g in tables["province_groups"]}
    assert 2 not in groups and groups  # the tiny year records groups 1 and 3
    tables["driving_targets"] = [{"indicator_id": "I1", "group": 2, "target": 5.0}]
    doc = dp.build_driving_plan(Workspace.from_tables(tables, 2565))
    notes = [b.text for b in doc.section("groups").blocks if b.kind == "note"]
    assert notes == [
        "กลุ่มที่ 2 ไม่มีจังหวัดในปีงบประมาณ พ.ศ. 2565 ค่าเป้าหมาย 1 รายการของกลุ่มนี้จึงไม่มีจังหวัดรับผิดชอบ"
    ]
    assert any("กำหนดให้กลุ่มที่ 2 ซึ่งไม่มีจังหวัด" in g for g in _ul(doc, "gaps"))
    assert any("ยังไม่ระบุวิธีการวัด" in g for g in _ul(doc, "gaps"))  # I1 has no method


# =========================================================================== strategic plan
@pytest.mark.parametrize("code", MODEL)
def test_strategic_plan_numbers_equal_the_store(store, strategic, code):
    for fy in (2566, 2565):
        doc = strategic[(code, fy)]
        ini = store.read("initiatives")
        ini = ini[(ini["province_code"] == code) & (ini["fiscal_year"] == 2565)]
        h = doc.headline()
        assert h["analysis_year"] == 2565 and h["projects"] == len(ini)
        assert h["budget_requested"] == ini["budget_requested"].fillna(0).sum()
        assert h["budget"] == ini["budget"].fillna(0).sum()
        assert h["budget_next_year"] == ini["budget_next_year"].fillna(0).sum()
        rows = _rows(doc, "projects")
        total = rows[-1]
        assert total[0] == "รวม"
        assert total[3] == format_baht(ini["budget_requested"].fillna(0).sum())
        assert total[4] == format_baht(ini["budget"].fillna(0).sum())
        assert total[6] == format_baht(ini["budget_spent"].fillna(0).sum())
        assert total[7] == format_baht(ini["budget_next_year"].fillna(0).sum())
        for r in ini.itertuples():
            row = next(x for x in rows if x[0].startswith(f"{r.id} "))
            want = [r.budget_requested, r.budget, r.budget_spent, r.budget_next_year]
            got = [row[3], row[4], row[6], row[7]]
            assert got == ["–" if pd.isna(v) else format_baht(v) for v in want], r.id
        # the baseline figures, year by year
        base = store.read("baseline_indicators")
        base = base[base["province_code"] == code]
        if fy == 2565:  # the FY2565 workspace sees the 2565 figures of the add-on too
            assert sorted(base["year"].unique()) == [2563, 2564, 2565]
        table = doc.section("situation").tables()[0]
        years = [int(c.removeprefix("ปี ")) for c in table.columns[2:]]
        assert years == sorted(base["year"].unique())
        for row in table.rows:
            s = base[base["name_th"] == row[0]].set_index("year")["value"]
            assert row[2:] == [format_number(s[y]) for y in years], row[0]
        # every KR of the province, with its target; a linked baseline shows its row
        krs = store.read("key_results")
        objs = store.read("objectives")
        mine = krs[krs["objective_id"].isin(objs.loc[objs["province_code"] == code, "id"])]
        text = doc.section("strategies").text()
        assert h["indicators"] == len(mine)
        bl = base.set_index("id")
        for k in mine.itertuples():
            assert f"{k.id} {k.title_th}" in text
            row = next(r for r in _rows(doc, "strategies") if r[0] == f"{k.id} {k.title_th}")
            assert row[3] == quantity(k.target, k.unit_of_measure)
            if not pd.isna(k.baseline_indicator_id):
                b = bl.loc[k.baseline_indicator_id]
                assert row[2].startswith(f"{format_number(b['value'])} (ปี {b['year']})")
            else:
                assert row[2] == "ยังไม่ระบุ"


@pytest.mark.parametrize("code", MODEL)
def test_strategic_issues_come_from_the_analyses(years, strategic, code):
    doc = strategic[(code, 2566)]
    ws = years[2565]
    prog = an.kr_progress(ws, an.default_as_of(ws))
    prog = prog[prog["province_code"] == code]
    behind = prog[prog["status"].isin(["off_track", "at_risk"])]
    items = _ul(doc, "issues")
    for k in behind.itertuples():
        assert any(i.startswith(f"{k.key_result_id} ") for i in items), k.key_result_id
    text = doc.section("issues").text()
    assert f"ผลลัพธ์หลักที่ล่าช้าหรือมีความเสี่ยง {len(behind)} รายการ" in text
    counts = prog["status"].value_counts()
    perf = doc.section("performance").text()
    for status, n in counts.items():
        assert f"{an.STATUS_LABELS[status][0]} {n} ตัว" in perf


def test_planted_gaps_reach_the_strategic_issues(strategic):
    issues = {code: "\n".join(_ul(strategic[(code, 2566)], "issues")) for code in MODEL}
    assert "OBJ-48-04" in issues["48"]  # the planted orphan objective
    assert "KR-48-02-3" in issues["48"]  # the KR nobody owns
    assert "INI-83-04" in issues["83"]  # the project that delivers no KR
    assert "PMQA หมวด 5" in issues["48"]
    unsupported = [r[1] for r in _rows(strategic[("70", 2566)], "issues")]
    assert any(r.startswith("S-PP-70-4 ") for r in unsupported)  # the unsupported plan item


def test_strategic_plan_says_what_the_province_must_write(strategic):
    doc = strategic[("83", 2566)]
    items = _ul(doc, "to_write")
    for part in sp.TO_WRITE:
        assert part in items
    assert "ค่าเป้าหมายของปีงบประมาณ พ.ศ. 2566 ของทุกตัวชี้วัด" in items
    assert "ตัวชี้วัด KR-83-02-2 ยังไม่ระบุวิธีการวัด" in items
    assert "คำของบประมาณปีถัดไปของโครงการ INI-83-03" in items
    note = next(b.text for b in doc.section("strategies").blocks if b.kind == "note")
    assert "ใช้วัตถุประสงค์และผลลัพธ์หลักของปีงบประมาณ พ.ศ. 2565 เป็นจุดตั้งต้น" in note
    mismatch = [b.text for b in doc.section("strategies").blocks if b.kind == "note"]
    assert any("KR-83-01-2: ค่าฐานของตัวชี้วัด (260) ไม่ตรงกับข้อมูลพื้นฐาน" in t for t in mismatch)


def test_strategic_plan_quotes_its_groups_driving_targets(store, strategic):
    doc = strategic[("83", 2566)]
    rows = [r for r in _rows(doc, "alignment") if len(r) == 4 and r[0].startswith("ขับเคลื่อน")]
    tg = store.read("driving_targets")
    ind = store.read("driving_indicators")
    mine = tg[tg["indicator_id"].str.startswith("DP2566-") & (tg["group"] == 1)]
    assert len(rows) >= 2 and len(
        [r for r in _rows(doc, "alignment") if "(ตัวอย่าง)" in r[0]]
    ) == len(mine)
    units = ind.set_index("id")["unit_of_measure"]
    for t in mine.itertuples():
        assert any(
            r[2] == quantity(t.target, units[t.indicator_id]) for r in _rows(doc, "alignment")
        )


def test_strategic_plan_trend_chart_block_holds_the_store_values(store, strategic):
    doc = strategic[("64", 2566)]
    chart = next(b for b in doc.section("situation").blocks if b.kind == "chart")
    assert chart.lead == "baseline_trends"
    base = store.read("baseline_indicators")
    base = base[base["province_code"] == "64"]
    got = {(r[0], int(r[1])): float(r[2]) for r in chart.rows}
    assert got == {(r.name_th, int(r.year)): float(r.value) for r in base.itertuples()}


def test_baseline_changes_per_year():
    b = pd.DataFrame(
        {
            "name_th": ["ก", "ก", "ก", "ข"],
            "unit_of_measure": ["คดี"] * 4,
            "year": [2565, 2563, 2564, 2564],
            "value": [90.0, 100.0, 80.0, 5.0],
        }
    )
    ch = sp.baseline_changes(b)
    assert ch["year"].tolist() == [2563, 2564, 2565, 2564]
    assert ch["change"].tolist()[1:3] == [-20.0, 10.0]
    assert ch["change_pct"].tolist()[1:3] == [-0.2, 0.125]
    assert ch["change"].isna().tolist() == [True, False, False, True]


def test_empty_province_gets_every_section_and_honest_gaps():
    ws = Workspace.from_tables({}, 2566)
    doc = sp.build_strategic_plan(ws, "10")
    assert doc.keys() == list(sp.SECTION_KEYS)
    assert "ยังไม่มีข้อมูลพื้นฐานของจังหวัดกรุงเทพมหานคร" in doc.section("situation").text()
    assert "ข้อมูลพื้นฐานของจังหวัด (ชีตข้อมูลพื้นฐาน)" in _ul(doc, "to_write")


# =========================================================================== HTML and Word
def test_html_has_every_section_and_the_chart(driving, strategic):
    page = render_page(driving[2566])
    for key in dp.SECTION_KEYS:
        assert f'id="driving_plan-{key}"' in page
    page = render_page(strategic[("83", 2566)])
    for key in sp.SECTION_KEYS:
        assert f'id="strategic_plan-{key}"' in page
    # the chart drawn inline, its Thai labels as text the page's Sarabun draws
    assert page.count('<div class="kpyj-chart" role="img"') == 1 and page.count("<svg ") == 1
    svg = page[page.index("<svg ") : page.index("</svg>")]
    assert "font-family: 'Sarabun'" in svg and re.search(r"<text [^>]*>[^<]*[ก-๙]", svg)


def test_user_text_is_escaped():
    tables = tiny_tables()
    evil = "<script>alert(1)</script>"
    tables["driving_goals"] = [{"id": "G1", "fiscal_year": 2565, "goal_th": evil, "code": "1"}]
    tables["objectives"][0]["title_th"] = evil
    ws = Workspace.from_tables(tables, 2565)
    for doc in (dp.build_driving_plan(ws), sp.build_strategic_plan(ws, "83")):
        page = render_page(doc)
        assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page
        d = build_docx(doc, glosses=False, thai_pages=True)
        buf = io.BytesIO()
        d.save(buf)
        body = "\n".join(p.text for p in docx.Document(io.BytesIO(buf.getvalue())).paragraphs)
        cells = "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
        assert evil in body + cells  # literal text in Word


@pytest.mark.slow  # seconds: the whole sample or national data
def test_word_layout_follows_thai_government_style(strategic):
    doc = strategic[("70", 2566)]
    d = build_docx(doc, **publish.PLAN_DOCX)
    sec = d.sections[0]
    assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (21.0, 29.7)
    assert (round(sec.left_margin.cm, 1), round(sec.right_margin.cm, 1)) == (3.0, 2.0)
    styles = d.styles.element.xml
    assert 'w:cs="TH Sarabun New"' in styles and 'w:ascii="TH Sarabun New"' in styles
    normal = d.styles["Normal"].element.rPr
    assert normal.find(docx.oxml.ns.qn("w:szCs")).get(docx.oxml.ns.qn("w:val")) == "32"  # 16 pt
    xml = sec._sectPr.xml
    assert 'w:fmt="thaiNumbers"' in xml and "w:titlePg" in xml
    header = sec.header.paragraphs[0]
    assert header.text == "-  -" and 'w:instr="PAGE"' in header._p.xml  # "- ๒ -" in Word
    h1 = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert h1 == [s.title_th for s in doc.sections]
    assert all(re.match(r"\d+\. ", t) and "(" not in t for t in h1)  # Thai only, numbered
    h2 = [p.text for p in d.paragraphs if p.style.name == "Heading 2"]
    assert h2 and all(re.match(r"\d+\.\d+ ", t) for t in h2)
    assert len(d.inline_shapes) == 1  # the trend chart
    projects = next(t for t in d.tables if t.rows[0].cells[0].text == "โครงการ")
    widths = [c.width for c in projects.columns]
    assert widths[0] == max(widths) > 1.5 * min(widths)  # the project names get the room
    # across the text width; a table whose words need more reaches at most 2.5 cm into the
    # margins rather than breaking a Thai word (issue 17)
    text_width = sec.page_width - sec.left_margin - sec.right_margin
    assert text_width - 10_000 < sum(widths) <= text_width + docx.shared.Cm(2.5) + 10_000


@pytest.mark.slow  # seconds: the whole sample or national data
def test_chart_block_is_a_picture_in_word():
    doc = sp.build_strategic_plan(Workspace.from_tables(tiny_tables(), 2565), "83")
    blocks = doc.section("situation").blocks
    assert blocks[0].kind == "chart"
    d = build_docx(doc, glosses=False, thai_pages=True)
    assert len(d.inline_shapes) == 1
    bad = Block("chart", lead="no_such_chart", columns=["a"], rows=[])
    doc.section("situation").blocks = [bad]
    from kpyj_lib.exceptions import ReportError

    with pytest.raises(ReportError, match="unknown chart"):
        build_docx(doc)


# =========================================================================== slow
_MARKS = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\\s]")


def _flat(text: str) -> str:
    """Text without spaces and Thai above/below marks: pdftotext puts a tone mark stacked
    on a vowel after the next letter (ชี้แจง → ชีแ ้จง), the letters stay in order."""
    return _MARKS.sub("", text)


@pytest.mark.slow
def test_word_files_convert_to_pdf_with_thai_intact(driving, strategic, tmp_path):
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftotext") is None:
        pytest.skip("needs libreoffice-writer(-nogui) and poppler-utils (make sysdeps)")
    docs = {
        "driving_plan": driving[2566],
        **{f"strategic_{c}": strategic[(c, 2566)] for c in MODEL},
    }
    paths = []
    for stem, doc in docs.items():
        path = tmp_path / f"{stem}.docx"
        from kpyj_lib.render.docx import write_docx

        write_docx(doc, path, **publish.PLAN_DOCX)
        paths.append(str(path))
    res = subprocess.run(
        [office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), *paths],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    for stem, doc in docs.items():
        pdf = tmp_path / f"{stem}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 10_000, res.stdout + res.stderr
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        assert "\ufffd" not in text and "กพยจ" in text
        assert sum("\u0e48" <= ch <= "\u0e4b" for ch in text) > 50  # tone marks survive
        flat = _flat(text)
        for want in [doc.title_th, SAMPLE_NOTE, *(s.title_th for s in doc.sections)]:
            assert _flat(want) in flat, want
        for b in doc.section(doc.keys()[-1]).blocks:  # the last section's list, word for word
            for item in b.items:
                assert _flat(item) in flat, item
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "strategic_83.pdf"), "-"], capture_output=True, text=True
    ).stdout
    total = _rows(docs["strategic_83"], "projects")[-1]
    assert total[3] in text and total[4] in text  # 1,620,000 and 1,265,000 baht


@pytest.mark.slow
def test_kpyj_reports_writes_both_documents(tmp_path):
    """`kpyj init --sample --plans`, then `kpyj reports --driving-plan --fy 2566` and
    `--strategic-plan --province 83`: HTML (through the notebooks) and Word beside it."""
    db = f"sqlite:///{tmp_path}/kpyj.sqlite"
    out = tmp_path / "reports"
    kpyj = [sys.executable, "-m", "kpyj_lib", "--db", db]

    def run(*args: str) -> str:
        res = subprocess.run([*kpyj, *args], capture_output=True, text=True, timeout=600)
        assert res.returncode == 0, res.stdout + res.stderr
        return res.stdout

    run("init", "--sample", "--plans")
    run("reports", "--driving-plan", "--fy", "2566", "--out", str(out), "--no-progress")
    run("reports", "--strategic-plan", "--province", "83", "--out", str(out), "--no-progress")
    for folder, kind, keys in (
        (out / "2566", "driving_plan", dp.SECTION_KEYS),
        (out / "2566" / "83", "strategic_plan", sp.SECTION_KEYS),
    ):
        html = (folder / f"{kind}.html").read_text(encoding="utf-8")
        for key in keys:
            assert f'id="{kind}-{key}"' in html
        assert "open_document(" not in html and SAMPLE_NOTE in html
        d = docx.Document(str(folder / f"{kind}.docx"))
        assert d.paragraphs[0].text.startswith(("แผนการดำเนินงาน", "(ร่าง) แผนยุทธศาสตร์"))
    assert Path(out / "2566" / "83" / "strategic_plan.docx").stat().st_size > 50_000  # chart
