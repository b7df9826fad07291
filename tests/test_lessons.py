"""Lessons learned (ถอดบทเรียน): queries, write-ups, synthesis, HTML and DOCX.

One module-scoped batch runs the real notebook through papermill (a pilot province and the
``ALL`` synthesis) against a store built from the sample workbook; the other tests compute
the same content in-process and check it against numbers recomputed from the frames.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter

import pytest
from docx import Document

from kpyj_lib.analysis import kr_progress, rollup
from kpyj_lib.analysis import lessons as al
from kpyj_lib.documents.lessons import (
    ALL,
    NO_LESSONS,
    SECTION_KEYS,
    LessonsDoc,
    build_synthesis,
    build_writeup,
)
from kpyj_lib.examples import tiny_tables
from kpyj_lib.exceptions import KpyjError, UnknownProvinceError
from kpyj_lib.graph import build_graph
from kpyj_lib.io import import_workbook, read_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.publish import write_lessons
from kpyj_lib.reference import model_provinces
from kpyj_lib.render import render_fragment
from kpyj_lib.render.docx import build_docx
from kpyj_lib.services.lessons import add_lesson
from kpyj_lib.store import Store
from kpyj_lib.workspace import Workspace

PILOT = "64"  # Sukhothai: on track in the sample, one lesson of each kind
PLANTED = "LL-64-02"  # good practice about KR-64-01-1 and PMQA category 6
PLANTED_KR, PLANTED_CAT = "KR-64-01-1", 6
KINDS = ("success_factor", "obstacle", "recommendation", "good_practice")


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture(scope="module")
def G(ws):
    return build_graph(ws)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """papermill runs of notebooks/lessons_learned.ipynb for one pilot and for ALL."""
    tmp = tmp_path_factory.mktemp("lessons")
    store = Store(f"sqlite:///{tmp}/s.sqlite")
    store.init()
    import_workbook(SAMPLE_WORKBOOK, store)
    out = tmp / "reports"
    result = write_lessons(store, 2565, [PILOT], out, workers=2)
    yield store, out / "2565", result
    store.close()


def _section_html(html: str, key: str) -> str:
    start = html.index(f'id="lessons-{key}"')
    end = html.find('<section class="kpyj-section"', start)
    return html[start : end if end != -1 else len(html)]


def _pmqa_cats(ws: Workspace) -> dict[str, set[int]]:
    """PMQA categories of every lesson, straight from the two sheets."""
    cats: dict[str, set[int]] = {lid: set() for lid in ws["lessons"]["id"]}
    links = ws["lesson_links"]
    for lid, t, tid in zip(
        links["lesson_id"], links["target_type"], links["target_id"], strict=True
    ):
        if t == "pmqa_category":
            cats[lid].add(int(tid))
    m = ws["pmqa_mappings"]
    for st, sid, c in zip(m["source_type"], m["source_id"], m["category"], strict=True):
        if st == "lesson":
            cats[sid].add(int(c))
    return cats


# ------------------------------------------------------------------ the papermill run
@pytest.mark.slow  # papermill
def test_batch_runs_the_notebook(run):
    _, year, result = run
    by_key = {r.key: r for r in result["results"]}
    assert [by_key[k].status for k in (PILOT, ALL)] == ["ok", "ok"], result["results"]
    assert result["failed"] == []
    for path in (year / PILOT / "lessons", year / "lessons_synthesis"):
        for ext in (".html", ".ipynb", ".docx"):
            assert path.with_suffix(ext).is_file(), path.with_suffix(ext)
    assert by_key[PILOT].outputs["docx"] == "lessons.docx"
    assert by_key[PILOT].headline["lessons"] == 4
    assert by_key[ALL].headline["lessons"] == 22 and by_key[ALL].headline["provinces"] == 4
    assert result["links"][0][1] == "lessons_synthesis.html"
    # the executed notebook passed ASCII parameters and has no error output
    nb = json.loads((year / PILOT / "lessons.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert not list(year.rglob("*.tmp*"))


@pytest.mark.slow  # papermill
def test_pilot_writeup_has_every_section(run, ws):
    _, year, _ = run
    html = (year / PILOT / "lessons.html").read_text(encoding="utf-8")
    doc = build_writeup(ws, PILOT)
    assert doc.keys() == list(SECTION_KEYS)
    assert "ถอดบทเรียนการขับเคลื่อน กพยจ. จังหวัดสุโขทัย" in html
    assert "ตัวอย่าง" in html  # sample marking
    for section in doc.sections:
        assert f'id="lessons-{section.key}"' in html, section.key
        assert section.title_th in html, section.key
        assert section.blocks, section.key
    # the background cites the two source documents by title, issuer and date
    background = _section_html(html, "background")
    assert "(บันทึกข้อความ สกธ. ลงวันที่ 20 มกราคม 2565)" in background
    assert "(การประชุมชี้แจง 1 เมษายน 2564)" in background
    assert "เอกสาร 00" not in background and "seeds/" not in background
    assert "สุโขทัย นครพนม ภูเก็ต และราชบุรี" in background
    # the plan and the results are the province's own
    assert "OBJ-64-01" in _section_html(html, "plan")
    assert "KR-64-01-1" in _section_html(html, "results")


@pytest.mark.slow  # papermill
def test_planted_lesson_appears_under_its_pmqa_category_with_evidence(run, ws, G):
    links = ws["lesson_links"]
    mine = set(zip(links.loc[links["lesson_id"] == PLANTED, "target_type"],
                   links.loc[links["lesson_id"] == PLANTED, "target_id"], strict=True))  # fmt: skip
    assert ("pmqa_category", str(PLANTED_CAT)) in mine and ("key_result", PLANTED_KR) in mine
    title = ws["lessons"].set_index("id").at[PLANTED, "title_th"]

    # the query layer
    by = al.lessons_by_pmqa(G, PILOT)
    assert PLANTED in set(by.loc[by["category"] == PLANTED_CAT, "lesson_id"])
    kp = kr_progress(ws)
    ev = al.evidence_of(G, PLANTED, progress=kp).set_index("node")
    kr = kp.set_index("key_result_id").loc[PLANTED_KR]
    assert ev.at[f"key_result:{PLANTED_KR}", "progress"] == pytest.approx(kr["progress_clipped"])
    assert ev.at[f"key_result:{PLANTED_KR}", "status"] == kr["status"]
    pct = f"ความก้าวหน้า {kr['progress_clipped'] * 100:.0f}%"

    # the write-up: under the heading of category 6, before the next category
    blocks = build_writeup(ws, PILOT).section("pmqa").blocks
    heads = [i for i, b in enumerate(blocks) if b.kind == "h" and b.level == 4]
    start = next(i for i in heads if blocks[i].text.startswith(f"หมวด {PLANTED_CAT} "))
    end = next((i for i in heads if i > start), len(blocks))
    part = blocks[start:end]
    assert any(b.lead == title for b in part)
    evidence = [item for b in part if b.kind == "ul" for item in b.items]
    assert any(PLANTED_KR in item and pct in item for item in evidence), evidence

    # and in the HTML the notebook produced
    html = _section_html((run[1] / PILOT / "lessons.html").read_text(encoding="utf-8"), "pmqa")
    cat_at = html.index(f"หมวด {PLANTED_CAT} ")
    next_cat = html.find("<h4>", cat_at + 1)
    fragment = html[cat_at : next_cat if next_cat != -1 else len(html)]
    assert title in fragment and PLANTED_KR in fragment and pct in fragment


@pytest.mark.slow  # papermill
def test_synthesis_counts_match_the_data(run, ws):
    pilots = sorted(model_provinces())
    lessons = ws["lessons"]
    key = ["national" if p is None else p for p in lessons["province_code"]]
    kinds = Counter(zip(key, lessons["kind"], strict=True))
    cats = _pmqa_cats(ws)
    per_cat = Counter()
    for lid, k in zip(lessons["id"], key, strict=True):
        for c in cats[lid]:
            per_cat[(c, k)] += 1

    counts = al.lesson_kind_counts(ws, pilots)
    for k in [*pilots, "national"]:
        for kind in KINDS:
            assert counts.loc[k, kind] == kinds[(k, kind)], (k, kind)
    assert counts.loc["total", "total"] == len(lessons) == 22
    pmqa = al.lesson_pmqa_counts(ws, pilots)
    for c in range(1, 8):
        for k in [*pilots, "national"]:
            assert pmqa.loc[c, k] == per_cat[(c, k)], (c, k)

    # the synthesis shows the same numbers: kinds table and PMQA table
    doc = build_synthesis(ws)
    names = dict(zip(ws["provinces"]["code"], ws["provinces"]["name_th"], strict=True))
    kind_table = doc.section("success").tables()[0]
    rows = {r[0]: r[1:] for r in kind_table.rows}
    for k in pilots:
        assert rows[names[k]] == [str(kinds[(k, kind)]) for kind in KINDS] + [
            str(sum(kinds[(k, kind)] for kind in KINDS))
        ]
    assert rows["รวม"][-1] == "22"
    pmqa_table = doc.section("pmqa").tables()[0]
    assert pmqa_table.columns[2:6] == [names[k] for k in pilots]
    for row in pmqa_table.rows:
        c = int(row[0].split()[0])
        assert row[2:7] == [str(per_cat[(c, k)]) for k in [*pilots, "national"]]
        assert row[-1] == str(sum(per_cat[(c, k)] for k in [*pilots, "national"]))

    # the comparison table: objectives, KRs and status per pilot
    status = dict(
        zip(*rollup(ws, "province")[["province_code", "status_th"]].T.values, strict=True)
    )
    krs_per = Counter(
        ws["objectives"].set_index("id")["province_code"].get(o)
        for o in ws["key_results"]["objective_id"]
    )
    comp = {r[0]: r for r in doc.section("results").tables()[0].rows}
    for k in pilots:
        r = comp[names[k]]
        assert r[2] == str(int((ws["objectives"]["province_code"] == k).sum()))
        assert r[3] == str(krs_per[k])
        assert r[6] == status[k]
    # the synthesis HTML the notebook wrote has the same kinds table
    html = (run[1] / "lessons_synthesis.html").read_text(encoding="utf-8")
    assert "จำนวนบทเรียนตามประเภทและจังหวัด" in html
    assert all(names[k] in html for k in pilots)


def test_shared_features_are_exactly_those_of_every_on_track_province(ws, G):
    pilots = sorted(model_provinces())
    status = dict(zip(*rollup(ws, "province")[["province_code", "status"]].T.values, strict=True))
    features = al.province_features(ws, pilots, G=G)
    shared = al.shared_by_on_track(features, status)
    on = [p for p in pilots if status[p] == "on_track"]
    off = [p for p in pilots if status[p] in ("at_risk", "off_track")]
    assert on == ["64", "83"] and off == ["48", "70"]
    expected = {
        f for f in features.index if features.loc[f, on].all() and not features.loc[f, off].all()
    }
    assert set(shared.index) == expected and expected
    # planted: Nakhon Phanom has no objective through PMQA 5 and a KR nobody owns
    assert {"pmqa_plan:5", "practice:kr_owned"} <= expected
    assert shared.loc["pmqa_plan:5", "missing_in"] == "48"


def test_rollout_is_computed_from_on_track_pilots_in_phase_order(ws, G):
    doc = build_synthesis(ws)
    steps = al.rollout_steps(G, ["64", "83"])
    assert set(steps["kind"]) <= {"good_practice", "success_factor"}
    assert set(steps["province_code"]) <= {"64", "83"}
    order = [al.PHASE_ORDER.get(p, 9) if isinstance(p, str) else 9 for p in steps["phase"]]
    assert order == sorted(order)
    rec = doc.section("recommendations")
    assert "ส่วนนี้คำนวณจากข้อมูลจังหวัดต้นแบบ" in rec.text()
    table = rec.tables()[0]
    assert [r[-1] for r in table.rows] == list(steps["lesson_id"])
    assert "กลุ่มที่ 2" in rec.text() and "กลุ่มที่ 3" in rec.text()


def test_lessons_can_be_queried_from_any_neighbour(G):
    assert PLANTED in set(al.lessons_about(G, f"key_result:{PLANTED_KR}")["lesson_id"])
    assert PLANTED in set(al.lessons_about(G, ("pmqa_category", PLANTED_CAT))["lesson_id"])
    assert PLANTED in set(al.lessons_about(G, "unit:U64-POL", kind="good_practice")["lesson_id"])
    assert set(al.lessons_about(G, "province:64")["lesson_id"]) == {
        "LL-64-01", "LL-64-02", "LL-64-03", "LL-64-04"
    }  # fmt: skip
    # LL-64-01 is about PMQA 1 both by a link and by a pmqa_mappings row: listed once
    assert list(al.lessons_about(G, "pmqa_category:1")["lesson_id"]).count("LL-64-01") == 1


@pytest.mark.slow  # papermill
def test_docx_opens_with_thai_title_and_complex_script_font(run, ws):
    _, year, _ = run
    for path, title in (
        (year / PILOT / "lessons.docx", build_writeup(ws, PILOT).title_th),
        (year / "lessons_synthesis.docx", build_synthesis(ws).title_th),
    ):
        d = Document(str(path))
        assert d.paragraphs[0].text == title and "ถอดบทเรียน" in title
        styles = d.styles.element.xml
        assert 'w:cs="TH Sarabun New"' in styles and 'w:ascii="TH Sarabun New"' in styles
        assert 'w:bidi="th-TH"' in styles
        assert "asciiTheme" not in d.styles["Normal"].element.xml
        normal = d.styles["Normal"].element.xml
        assert '<w:sz w:val="32"/>' in normal and '<w:szCs w:val="32"/>' in normal  # 16 pt
        assert "ตัวอย่าง" in d.sections[0].header.paragraphs[0].text
        headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
        assert len(headings) == len(SECTION_KEYS)
        assert d.tables and d.core_properties.language == "th-TH"


def test_docx_and_html_come_from_the_same_sections(ws):
    doc = build_writeup(ws, PILOT)
    d = build_docx(doc)
    text = "\n".join(p.text for p in d.paragraphs)
    cells = {c.text for t in d.tables for row in t.rows for c in row.cells}
    html = render_fragment(doc)
    for section in doc.sections:
        for b in section.blocks:
            if b.kind in ("h", "empty", "note"):
                assert b.text in text
            elif b.kind == "ul":
                assert all(i in text for i in b.items)
            elif b.kind == "table":
                assert all(c in cells for r in b.rows for c in r if c)
    assert html.count("<table") == len(d.tables)


def _without_lessons() -> Workspace:
    t = tiny_tables()
    t.pop("lessons", None)
    t.pop("lesson_links", None)
    t["pmqa_mappings"] = [m for m in t["pmqa_mappings"] if m["source_type"] != "lesson"]
    return Workspace.from_tables(t, 2565)


def test_a_province_without_lessons_says_so():
    w = _without_lessons()
    doc = build_writeup(w, "83", "2022-03-31")
    assert doc.keys() == list(SECTION_KEYS)
    for key in ("success", "obstacles", "pmqa", "recommendations"):
        assert NO_LESSONS in doc.section(key).text(), key
    assert "LES-83-01" not in render_fragment(doc)
    assert doc.headline()["lessons"] == 0
    # the plan and results still come from the data
    assert "OBJ-83-01" in doc.section("plan").text()
    d = build_docx(doc)
    assert any(NO_LESSONS in p.text for p in d.paragraphs)
    syn = build_synthesis(w, as_of="2022-03-31")
    assert NO_LESSONS in syn.section("success").text()
    assert syn.headline()["lessons"] == 0


def test_user_text_is_escaped():
    t = tiny_tables()
    t["lessons"][0]["title_th"] = "<script>alert(1)</script> บทเรียน"
    html = render_fragment(build_writeup(Workspace.from_tables(t, 2565), "83", "2022-03-31"))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_lessons_doc_round_trips_as_json(ws):
    doc = build_synthesis(ws)
    again = LessonsDoc.from_dict(json.loads(json.dumps(doc.to_dict(), ensure_ascii=False)))
    assert again == doc


# ------------------------------------------------------------------ writing lessons
def test_add_lesson_validates_and_writes_in_one_transaction(tmp_store):
    tmp_store.write(tiny_tables())
    before = tmp_store.counts()
    lesson = {
        "id": "LES-83-02",
        "province_code": "83",
        "kind": "good_practice",
        "source": "workshop",
        "date": "2022-04-20",
        "title_th": "ประชุมร่วมเรือนจำและคุมประพฤติทุกเดือน",
    }
    links = [
        {"target_type": "key_result", "target_id": "KR-83-01-1"},
        {"target_type": "pmqa_category", "target_id": "6"},
    ]
    # refused: an unknown target, a bad kind, a duplicate link, a foreign lesson id
    bad = [
        (lesson, [{"target_type": "key_result", "target_id": "KR-XX"}]),
        ({**lesson, "kind": "anecdote"}, links),
        (lesson, [*links, links[0]]),
        (lesson, [{"lesson_id": "OTHER", "target_type": "unit", "target_id": "PJO-83"}]),
        ({**lesson, "province_code": "99"}, links),
    ]
    for les, lk in bad:
        with pytest.raises(KpyjError):
            add_lesson(tmp_store, les, lk)
        assert tmp_store.counts() == before
    assert add_lesson(tmp_store, lesson, links) == {"lessons": 1, "lesson_links": 2}
    w = tmp_store.workspace(2565)
    row = w["lessons"].set_index("id").loc["LES-83-02"]
    assert row["fiscal_year"] == 2565  # from the date
    G = build_graph(w)
    assert "LES-83-02" in set(al.lessons_about(G, "pmqa_category:6")["lesson_id"])
    with pytest.raises(KpyjError, match="replace=True"):
        add_lesson(tmp_store, lesson, links)
    add_lesson(tmp_store, lesson, links[:1], replace=True)
    ll = tmp_store.workspace(2565)["lesson_links"]
    assert list(ll.loc[ll["lesson_id"] == "LES-83-02", "target_id"]) == ["KR-83-01-1"]


@pytest.mark.slow  # papermill
def test_write_lessons_refuses_a_bad_province_before_writing(run, tmp_path):
    store, _, _ = run
    with pytest.raises(UnknownProvinceError):
        write_lessons(store, 2565, ["64", "../../etc"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow  # papermill
def test_a_second_run_skips_and_keeps_the_docx(run):
    store, year, _ = run
    docx = year / PILOT / "lessons.docx"
    before = docx.stat().st_mtime_ns
    again = write_lessons(store, 2565, [PILOT], year.parent, workers=1)
    assert {r.key: r.status for r in again["results"]} == {PILOT: "skipped", ALL: "skipped"}
    assert docx.stat().st_mtime_ns == before
    assert again["docx"][PILOT] == docx
    # a fresh DOCX is written when it is missing
    docx.unlink()
    write_lessons(store, 2565, [PILOT], year.parent, workers=1, synthesis=False)
    assert Document(io.BytesIO(docx.read_bytes())).paragraphs[0].text.startswith("ถอดบทเรียน")


def test_check_script_exists_and_is_executable():
    from kpyj_lib.paths import PROJECT_ROOT

    script = PROJECT_ROOT / "scripts" / "check_docx_pdf.sh"
    text = script.read_text(encoding="utf-8")
    assert "--convert-to pdf" in text and "pdftotext" in text
    assert re.search(r"^#!/usr/bin/env bash", text)
