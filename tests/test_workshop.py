"""The workshop session logic (kpyj_lib.services.workshop), its widgets driven without a browser,
the Voila command line and the generated app notebooks."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from kpyj_lib import reference, serve
from kpyj_lib.analysis.flows import end_products
from kpyj_lib.apps.views import (
    ideas_html,
    kpi_grid_html,
    krs_html,
    pmqa_html,
    stage_html,
    tally_html,
)
from kpyj_lib.apps.workshop import WorkshopApp
from kpyj_lib.cli import build_parser
from kpyj_lib.io import read_workbook, validate_workbook
from kpyj_lib.paths import PROJECT_ROOT
from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store

FAC = "วิทยากร สกธ."
UNITS = [
    {"id": "U83-JUS", "name_th": "สำนักงานยุติธรรมจังหวัดภูเก็ต", "province_code": "83"},
    {"id": "U83-PRB", "name_th": "สำนักงานคุมประพฤติจังหวัดภูเก็ต", "province_code": "83"},
    {"id": "U83-POL", "name_th": "ตำรวจภูธรจังหวัดภูเก็ต", "province_code": "83"},
    {"id": "OJA", "name_th": "สำนักงานกิจการยุติธรรม"},
]
XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture
def store(tmp_store: Store) -> Store:
    tmp_store.write({"units": UNITS})
    return tmp_store


def _session(store: Store, votes: int = 2, **kw) -> str:
    args = {"title_th": "ระดมความคิด กพยจ.ภูเก็ต", "fiscal_year": 2566, "province_code": "83"}
    args.update(kw)
    return wsl.new_workshop(store, facilitator=FAC, votes_per_participant=votes, **args).id


def _voting(store: Store, texts=("ก", "ข", "ค"), votes: int = 2) -> tuple[str, list[str]]:
    ws = _session(store, votes)
    ids = [wsl.add_idea(store, ws, author="สมชาย", idea_type="do", text_th=t).id for t in texts]
    wsl.set_stage(store, ws, "vote")
    return ws, ids


def _kr(**kw) -> wsl.KRDraft:
    args = {
        "title_th": "ศูนย์ปฏิบัติการข้อมูลเปิดใช้งาน",
        "baseline": 0,
        "target": 1,
        "unit_of_measure": "ศูนย์",
        "owner_unit_id": "U83-JUS",
        "how_th": "NCF และแอปพลิเคชันที่ใช้ได้จริง",
    }
    args.update(kw)
    return wsl.make_kr(**args)


# --------------------------------------------------------------------------- sessions
def test_new_workshop_ids_and_fields(store):
    a, b = _session(store), _session(store)
    c = _session(store, province_code=None, unit_id="OJA")
    assert (a, b, c) == ("WS-2566-83-01", "WS-2566-83-02", "WS-2566-OJA-01")
    ws = wsl.get_workshop(store, a)
    assert (ws.status, ws.facilitator, ws.votes_per_participant) == ("brainstorm", FAC, 2)
    assert [w.id for w in wsl.open_workshops(store)] == [c, b, a]
    assert "ภูเก็ต" in wsl.workshop_label(ws)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"province_code": None}, "กรุณาเลือกจังหวัดหรือหน่วยงานของการประชุม"),
        ({"province_code": "99"}, "รหัสจังหวัดไม่ถูกต้อง"),
        ({"unit_id": "NOPE", "province_code": None}, "ไม่พบหน่วยงานรหัส NOPE"),
        ({"title_th": "  "}, "กรุณากรอกชื่อการประชุม"),
        ({"title_th": "ก" * 501}, "สูงสุด 500 ตัวอักษร แต่พิมพ์มา 501"),
    ],
)
def test_new_workshop_refusals(store, kw, message):
    with pytest.raises(wsl.WorkshopError, match=message):
        _session(store, **kw)


def test_new_workshop_vote_limits(store):
    with pytest.raises(wsl.WorkshopError, match="1 ถึง 20"):
        _session(store, votes=0)
    with pytest.raises(wsl.WorkshopError, match="1 ถึง 20"):
        _session(store, votes=21)


def test_closed_sessions_are_not_offered(store):
    ws, ideas = _voting(store)
    wsl.cast_vote(store, ws, ideas[0], "ก")
    wsl.choose_objective(store, ws)
    draft = wsl.load_draft(store, ws)
    draft.add_kr(_kr())
    wsl.save_draft(store, ws, draft, close=True)
    assert ws not in [w.id for w in wsl.open_workshops(store)]
    assert ws in [w.id for w in wsl.open_workshops(store, include_closed=True)]


# --------------------------------------------------------------------------- stages
def test_stage_rules(store):
    ws = _session(store)
    with pytest.raises(wsl.WorkshopError, match="ยังไม่มีความคิดให้ลงคะแนน"):
        wsl.set_stage(store, ws, "vote")
    with pytest.raises(wsl.WorkshopError, match="โดยตรงไม่ได้"):
        wsl.set_stage(store, ws, "draft")
    wsl.add_idea(store, ws, author="ก", idea_type="expand", text_th="ขยายเครือข่าย")
    with pytest.raises(wsl.WorkshopError, match="เฉพาะผู้ดำเนินการ"):
        wsl.set_stage(store, ws, "vote", by="ผู้เข้าร่วม")
    assert wsl.set_stage(store, ws, "vote", by="  วิทยากร   สกธ. ").status == "vote"
    with pytest.raises(wsl.WorkshopError, match="เลือกความคิดที่ชนะ"):
        wsl.set_stage(store, ws, "draft")
    assert wsl.set_stage(store, ws, "brainstorm").status == "brainstorm"  # one step back
    with pytest.raises(wsl.WorkshopError, match="ไม่มีขั้นตอน"):
        wsl.set_stage(store, ws, "party")


def test_closing_needs_a_complete_draft(store):
    ws, ideas = _voting(store)
    wsl.cast_vote(store, ws, ideas[1], "ก")
    wsl.choose_objective(store, ws)
    with pytest.raises(wsl.WorkshopError, match="อย่างน้อย 1 รายการ"):
        wsl.set_stage(store, ws, "closed")
    draft = wsl.load_draft(store, ws)
    draft.add_kr(_kr(owner_unit_id=None, how_th=""))
    wsl.save_draft(store, ws, draft)  # a draft may be incomplete
    with pytest.raises(wsl.WorkshopError) as e:
        wsl.set_stage(store, ws, "closed")
    assert any("หน่วยงานเจ้าของ" in m for m in e.value.messages)
    assert any("วิธีการ (How)" in m for m in e.value.messages)
    draft.replace_kr(draft.krs[0].id, _kr())
    wsl.save_draft(store, ws, draft)
    assert wsl.set_stage(store, ws, "closed").status == "closed"
    assert wsl.set_stage(store, ws, "draft").status == "draft"  # reopened


# --------------------------------------------------------------------------- brainstorm
def test_ideas_are_stored_as_typed_and_numbered(store):
    ws = _session(store)
    a = wsl.add_idea(store, ws, author=" สมชาย  ใจดี ", idea_type="upgrade", text_th=f" {XSS} ")
    b = wsl.add_idea(store, ws, author="สมหญิง", idea_type="drive", text_th="ขับเคลื่อนแผนแม่บท")
    assert (a.id, b.id) == (f"{ws}-I001", f"{ws}-I002")
    rows = wsl.tally(store, ws)
    assert rows[0].text_th == XSS  # as typed (only the outer spaces removed)
    assert rows[0].author == "สมชาย ใจดี"
    assert rows[0].created_at.tzinfo is not None
    assert {r.type_th for r in rows} == {"ยกระดับ", "ขับเคลื่อน"}


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"text_th": ""}, "กรุณากรอกข้อความความคิด"),
        ({"text_th": "ก" * 501}, "ข้อความความคิดยาวเกินกำหนด: สูงสุด 500 ตัวอักษร แต่พิมพ์มา 501"),
        ({"idea_type": "think"}, "กรุณาเลือกประเภทความคิด (ทำ / ขยาย / ยกระดับ / ขับเคลื่อน)"),
        ({"author": ""}, "กรุณากรอกชื่อผู้เข้าร่วม"),
        ({"author": "ก" * 101}, "ชื่อผู้เข้าร่วมยาวเกินกำหนด: สูงสุด 100 ตัวอักษร"),
        ({"text_th": "  ยกระดับ   ศอช. "}, "มีความคิดนี้อยู่แล้วในการประชุม"),
    ],
)
def test_idea_refusals(store, kw, message):
    ws = _session(store)
    wsl.add_idea(store, ws, author="ก", idea_type="upgrade", text_th="ยกระดับ ศอช.")
    args = {"author": "ข", "idea_type": "do", "text_th": "ทำศูนย์ข้อมูล"}
    args.update(kw)
    with pytest.raises(wsl.WorkshopError, match=message.replace("(", r"\(").replace(")", r"\)")):
        wsl.add_idea(store, ws, **args)


def test_ideas_only_in_brainstorm_and_withdrawal(store):
    ws, ideas = _voting(store)
    with pytest.raises(wsl.WorkshopError, match="เสนอความคิดได้เฉพาะขั้นระดมความคิด"):
        wsl.add_idea(store, ws, author="ก", idea_type="do", text_th="ใหม่")
    wsl.set_stage(store, ws, "brainstorm")
    with pytest.raises(wsl.WorkshopError, match="ผู้เสนอความคิดหรือผู้ดำเนินการ"):
        wsl.remove_idea(store, ws, ideas[0], by="คนอื่น")
    wsl.remove_idea(store, ws, ideas[0], by="สมชาย")
    wsl.remove_idea(store, ws, ideas[1], by=FAC)
    assert [r.idea_id for r in wsl.tally(store, ws)] == [ideas[2]]


# --------------------------------------------------------------------------- voting
def test_vote_limit_double_votes_and_retraction(store):
    ws, ideas = _voting(store, votes=2)
    wsl.cast_vote(store, ws, ideas[0], "สมชาย")
    with pytest.raises(wsl.WorkshopError, match="ลงซ้ำไม่ได้"):
        wsl.cast_vote(store, ws, ideas[0], "  สมชาย ")  # the same person, typed differently
    wsl.cast_vote(store, ws, ideas[1], "สมชาย")
    with pytest.raises(wsl.WorkshopError, match="ใช้สิทธิ์ครบ 2 เสียงแล้ว"):
        wsl.cast_vote(store, ws, ideas[2], "สมชาย")
    assert wsl.votes_used(store, ws, "สมชาย") == 2
    assert wsl.retract_vote(store, ws, ideas[0], "สมชาย") is True
    assert wsl.retract_vote(store, ws, ideas[0], "สมชาย") is False
    wsl.cast_vote(store, ws, ideas[2], "สมชาย")
    snap = wsl.snapshot(store, ws, "สมชาย")
    assert snap.my_votes == {ideas[1], ideas[2]} and snap.votes_left == 0


def test_votes_only_in_the_vote_stage_and_only_on_the_sessions_ideas(store):
    ws = _session(store)
    idea = wsl.add_idea(store, ws, author="ก", idea_type="do", text_th="ทำ").id
    with pytest.raises(wsl.WorkshopError, match="ลงคะแนนได้เฉพาะขั้นลงคะแนน"):
        wsl.cast_vote(store, ws, idea, "ข")
    other, other_ideas = _voting(store)
    with pytest.raises(wsl.WorkshopError, match="ไม่พบความคิดนี้ในการประชุม"):
        wsl.cast_vote(store, other, idea, "ข")
    with pytest.raises(wsl.WorkshopError, match="ไม่พบการประชุม"):
        wsl.cast_vote(store, "WS-NOPE", other_ideas[0], "ข")


def test_tally_order_ranks_and_ties(store):
    ws, (a, b, c) = _voting(store, votes=3)
    for voter, picks in {"ก": [b, c], "ข": [b, c], "ค": [a]}.items():
        for i in picks:
            wsl.cast_vote(store, ws, i, voter)
    rows = wsl.tally(store, ws)
    assert [(r.idea_id, r.votes, r.rank) for r in rows] == [(b, 2, 1), (c, 2, 1), (a, 1, 3)]
    assert [r.idea_id for r in wsl.leaders(rows)] == [b, c]
    with pytest.raises(wsl.WorkshopError, match="คะแนนเสมอกัน"):
        wsl.choose_objective(store, ws)
    obj = wsl.choose_objective(store, ws, c, by=FAC)
    assert (obj.id, obj.title_th, obj.province_code, obj.fiscal_year) == (
        f"{ws}-O1",
        "ค",
        "83",
        2566,
    )
    ws_row = wsl.get_workshop(store, ws)
    assert (ws_row.status, ws_row.objective_id) == ("draft", obj.id)
    # choosing again (from the draft stage) keeps the id
    assert wsl.choose_objective(store, ws, b).id == obj.id
    assert store.read("objectives").set_index("id").loc[obj.id, "title_th"] == "ข"


def test_no_objective_without_votes(store):
    ws, _ = _voting(store)
    with pytest.raises(wsl.WorkshopError, match="ยังไม่มีผู้ลงคะแนน"):
        wsl.choose_objective(store, ws)


def test_snapshot_is_equal_when_nothing_changed(store):
    ws, ideas = _voting(store)
    s1, s2 = wsl.snapshot(store, ws, "ก"), wsl.snapshot(store, ws, "ก")
    assert s1 == s2  # the app re-draws only on a difference
    wsl.cast_vote(store, ws, ideas[0], "ข")
    s3 = wsl.snapshot(store, ws, "ก")
    assert s3 != s1 and s3.total_votes == 1 and s3.participants == ("ข", "สมชาย")


# --------------------------------------------------------------------------- drafting
def test_make_kr_reports_every_problem_in_thai():
    with pytest.raises(wsl.WorkshopError) as e:
        wsl.make_kr(title_th="", baseline="abc", target="", unit_of_measure="", pmqa=[8])
    assert e.value.messages == [
        "กรุณากรอกผลลัพธ์หลัก",
        "ค่าฐานต้องเป็นตัวเลข (พิมพ์มา 'abc')",
        "กรุณากรอกค่าเป้าหมาย",
        "กรุณากรอกหน่วยนับ",
        "หมวด PMQA ต้องเป็นเลข 1-7 (ได้ 8)",
    ]
    with pytest.raises(wsl.WorkshopError, match="ค่าฐานเท่ากับค่าเป้าหมาย"):
        _kr(baseline=5, target=5)
    with pytest.raises(wsl.WorkshopError, match="ไม่พบหน่วยงาน: U99"):
        _kr(owner_unit_id="U99", known_units={"U83-JUS"})
    with pytest.raises(wsl.WorkshopError, match="วิธีการ \\(How\\)ยาวเกินกำหนด"):
        _kr(how_th="ก" * 4001)
    kr = _kr(baseline="๑,๒๐๐", target="1,500", contributor_unit_ids=["U83-JUS", "U83-PRB"])
    assert (kr.baseline, kr.target, kr.contributor_unit_ids) == (1200.0, 1500.0, ("U83-PRB",))


def test_end_product_flag_matches_the_flows_analysis(store):
    ws, ideas = _voting(store)
    wsl.cast_vote(store, ws, ideas[0], "ก")
    wsl.choose_objective(store, ws)
    draft = wsl.load_draft(store, ws)
    ep = draft.add_kr(_kr(contributor_unit_ids=["U83-PRB", "U83-POL"], pmqa=[1, 2, 4]))
    one = draft.add_kr(_kr(title_th="ผลลัพธ์ของหน่วยเดียว", pmqa=[6]))
    assert (ep.is_end_product, one.is_end_product) == (True, False)
    res = wsl.save_draft(store, ws, draft)
    assert res.end_products == (ep.id,)
    flows = end_products(store.workspace(2566)).set_index("key_result_id")
    assert flows.loc[ep.id, "classification"] == "end_product"
    assert flows.loc[ep.id, "n_units"] == 3
    assert flows.loc[one.id, "classification"] == "key_result"


def test_save_draft_replaces_removed_rows_and_links_lessons(store):
    ws, ideas = _voting(store)
    early = wsl.add_lesson(store, ws, kind="obstacle", title_th="ข้อมูลกระจัดกระจาย")
    wsl.cast_vote(store, ws, ideas[0], "ก")
    obj = wsl.choose_objective(store, ws)
    draft = wsl.load_draft(store, ws)
    draft.title_th = "ยกระดับศูนย์ข้อมูลอาชญากรรมจังหวัด"
    draft.pmqa = (1, 7)
    k1 = draft.add_kr(_kr(contributor_unit_ids=["U83-PRB"], pmqa=[2, 4]))
    k2 = draft.add_kr(_kr(title_th="แอปพลิเคชันใช้งานจริง", pmqa=[6]))
    draft.add_kpi(
        wsl.make_kpi(
            name_th="ร้อยละความพึงพอใจ",
            dimension="service_quality",
            level="organisation",
            key_result_id=k2.id,
            target="80",
        )
    )
    draft.add_kpi(wsl.make_kpi(name_th="จำนวนรายงาน", dimension="efficiency", level="group"))
    wsl.save_draft(store, ws, draft)
    assert wsl.load_draft(store, ws) == draft
    late = wsl.add_lesson(store, ws, kind="success_factor", title_th="ทุกความเห็นสำคัญ")
    # remove a KR (its KPI goes with it) and save again
    draft.remove_kr(k2.id)
    res = wsl.save_draft(store, ws, draft)
    assert res.key_result_ids == (k1.id,) and len(res.kpi_ids) == 1
    krs = store.read("key_results")
    assert krs.loc[krs["objective_id"] == obj.id, "id"].tolist() == [k1.id]
    maps = store.read("pmqa_mappings")
    mine = maps[maps["source_id"].isin([obj.id, k1.id, k2.id])]
    assert sorted(zip(mine["source_id"], mine["category"], strict=True)) == [
        (obj.id, 1),
        (obj.id, 7),
        (k1.id, 2),
        (k1.id, 4),
    ]
    kru = store.read("kr_units")
    assert sorted(kru.loc[kru["key_result_id"] == k1.id, "role"]) == ["contributor", "owner"]
    lessons = store.read("lessons").set_index("id")
    assert set(lessons.loc[[early.id, late.id], "source"]) == {"workshop"}
    assert lessons.loc[early.id, "province_code"] == "83"
    links = store.read("lesson_links")
    linked = links[(links["target_type"] == "objective") & (links["target_id"] == obj.id)]
    assert sorted(linked["lesson_id"]) == [early.id, late.id]
    assert (early.id, late.id) == (f"{ws}-L01", f"{ws}-L02")


def test_saving_is_the_facilitators_and_only_while_drafting(store):
    ws, ideas = _voting(store)
    wsl.cast_vote(store, ws, ideas[0], "ก")
    wsl.choose_objective(store, ws)
    draft = wsl.load_draft(store, ws)
    with pytest.raises(wsl.WorkshopError, match="เฉพาะผู้ดำเนินการ"):
        wsl.save_draft(store, ws, draft, by="ผู้เข้าร่วม")
    wsl.set_stage(store, ws, "vote")
    with pytest.raises(wsl.WorkshopError, match="บันทึกร่าง OKRได้เฉพาะขั้นร่าง OKR"):
        wsl.save_draft(store, ws, draft)


def test_pmqa_balance_and_kpi_grid():
    bal = wsl.pmqa_balance([1, 3, 7, 2, 4, 5, 6])
    assert [(p.phase, p.mappings, round(p.share, 3)) for p in bal] == [
        ("think", 3, 0.429),
        ("prepare", 1, 0.143),
        ("act", 3, 0.429),
    ]
    assert "ครบทั้ง 3 ขั้น" in wsl.balance_message(bal)
    assert wsl.balance_message(wsl.pmqa_balance([])) == "ยังไม่ได้เชื่อมโยงหมวด PMQA"
    grid = wsl.kpi_grid([wsl.KpiDraft("ก", "org_development", "individual")] * 2)
    assert grid.loc["มิติด้านการพัฒนาองค์การ", "ระดับบุคคล"] == 2
    assert list(grid.columns) == [reference.code_label("kpi_level", lv) for lv in wsl.KPI_LEVELS]


def test_lesson_validation(store):
    ws = _session(store)
    with pytest.raises(wsl.WorkshopError, match="กรุณาเลือกประเภทบทเรียน"):
        wsl.add_lesson(store, ws, kind="gossip", title_th="ก")
    with pytest.raises(wsl.WorkshopError, match="รายละเอียดยาวเกินกำหนด"):
        wsl.add_lesson(store, ws, kind="obstacle", title_th="ก", detail_th="ข" * 4001)
    lesson = wsl.add_lesson(store, ws, kind="obstacle", title_th="ก", date=dt.date(2023, 1, 5))
    assert lesson.date == dt.date(2023, 1, 5) and lesson.fiscal_year == 2566


def test_export_is_a_self_contained_workbook(store, tmp_path):
    ws, ideas = _voting(store)
    wsl.cast_vote(store, ws, ideas[0], "ก")
    wsl.add_lesson(store, ws, kind="recommendation", title_th="ใช้ข้อมูลร่วมกัน")
    wsl.choose_objective(store, ws)
    draft = wsl.load_draft(store, ws)
    draft.add_kr(_kr(contributor_unit_ids=["U83-PRB"], pmqa=[4]))
    draft.add_kpi(wsl.make_kpi(name_th="จำนวนผู้ใช้", dimension="effectiveness", level="division"))
    wsl.save_draft(store, ws, draft, close=True)
    path = wsl.export_session(store, ws, tmp_path / "out" / wsl.export_filename(ws))
    assert path.name == f"{ws}.xlsx"
    tables = read_workbook(path)  # validates every reference inside the file
    counts = {k: len(v) for k, v in tables.items() if v}
    assert counts == {
        "units": 2,
        "objectives": 1,
        "key_results": 1,
        "kr_units": 2,
        "kpis": 1,
        "pmqa_mappings": 1,
        "lessons": 1,
        "lesson_links": 1,
        "workshops": 1,
        "ideas": 3,
        "votes": 1,
    }
    assert validate_workbook(path, store=store) == []


# --------------------------------------------------------------------------- HTML views
def test_html_views_escape_user_text():
    row = wsl.TallyRow("I1", "do", XSS, XSS, 2, 1)
    kr = wsl.KRDraft(XSS, 0, 1, XSS, owner_unit_id="U1", contributor_unit_ids=("U2",), how_th=XSS)
    draft = wsl.Draft("O1", XSS, krs=[kr], kpis=[wsl.KpiDraft(XSS, "efficiency", "group")])
    pages = [
        ideas_html([row]),
        tally_html([row], frozenset({"I1"})),
        krs_html(draft, {"U1": XSS}),
        kpi_grid_html(draft.kpis),
        pmqa_html([1], [2]),
        stage_html("vote"),
    ]
    for page in pages:
        assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in pages[0] and "kpyj-end-product" in pages[2]
    assert 'class="kpyj-tally-votes">2<' in pages[1]


# --------------------------------------------------------------------------- widgets
def _app(store: Store) -> WorkshopApp:
    export_dir = Path(store.url.database).parent / "exports"
    return WorkshopApp(store, poll=False, export_dir=export_dir)


def test_app_walks_a_session_and_escapes_what_people_type(store):
    fac = _app(store)
    fac.name.value = FAC
    fac.new_title.value = "ระดมความคิด"
    fac.new_province.value = "83"
    fac.new_fy.value = 2566
    fac.new_btn.click()
    ws = fac.ws_id
    assert ws == "WS-2566-83-01" and fac.is_facilitator
    assert fac.fac_box.layout.display is None and "kpyj-current" in fac.stage_html.value

    guest = _app(store)
    assert guest.ws_select.options[0][1] == ws
    guest.name.value = "ผู้เข้าร่วม ๑"
    guest.join_btn.click()
    assert not guest.is_facilitator and guest.fac_box.layout.display == "none"

    guest.add_idea_btn.click()  # nothing chosen or typed
    assert "กรุณาเลือกประเภทความคิด" in guest.msg.value
    guest.idea_type.value = "upgrade"
    guest.idea_text.value = XSS
    guest.add_idea_btn.click()
    assert "kpyj-ok" in guest.msg.value and guest.idea_text.value == ""
    fac.idea_type.value, fac.idea_text.value = "do", "ทำแผนที่อาชญากรรม"
    fac.add_idea_btn.click()
    assert fac.refresh() is False  # already up to date
    guest.refresh()
    for page in (guest.ideas_html.value, fac.ideas_html.value):
        assert "<script>" not in page and "&lt;script&gt;" in page

    guest.next_btn.click()  # hidden for guests, and refused by the logic anyway
    assert wsl.get_workshop(store, ws).status == "brainstorm"
    fac.next_btn.click()
    guest.refresh()
    assert guest.vote_box.layout.display is None and guest.brainstorm_box.layout.display == "none"
    row = next(r for r in guest.vote_rows.children if "ยกระดับ" in r.children[1].value)
    row.children[0].click()
    assert "เหลืออีก 2 เสียง" in guest.msg.value
    guest.vote_rows.children[0].children[0].click()  # the row re-drawn: now "retract"
    assert "ถอนคะแนนแล้ว" in guest.msg.value
    guest.vote_rows.children[0].children[0].click()
    fac.refresh()
    shown = {r.idea_id: r.votes for r in fac.snap.tally}
    assert shown == {r.idea_id: r.votes for r in wsl.tally(store, ws)}
    assert 'class="kpyj-tally-votes">1<' in fac.tally_html.value

    fac.next_btn.click()  # the leader becomes the objective
    assert wsl.get_workshop(store, ws).status == "draft"
    assert "&lt;script&gt;" in fac.obj_view.value and "<script>" not in fac.obj_view.value
    fac.kr_title.value = "ศูนย์ข้อมูลใช้งานได้"
    fac.kr_baseline.value, fac.kr_target.value, fac.kr_unit.value = "0", "1", "ศูนย์"
    fac.kr_owner.value = "U83-JUS"
    fac.kr_contrib.value = ("U83-PRB",)
    assert "End Product" in fac.kr_class.value
    fac.kr_how.value = "NCF"
    fac.kr_pmqa[2].value = True
    assert 'data-phase="prepare"' in fac.pmqa_html.value and "ยังไม่บันทึก" in fac.pmqa_html.value
    fac.add_kr_btn.click()
    assert "เพิ่มผลลัพธ์หลัก" in fac.msg.value, fac.msg.value
    assert "kpyj-end-product" in fac.kr_list.value and fac.kr_title.value == ""
    fac.kpi_name.value = "ร้อยละคดีที่ส่งต่อทันเวลา"
    fac.add_kpi_btn.click()
    fac.lesson_title.value = XSS
    fac.add_lesson_btn.click()
    assert "<script>" not in fac.lessons_html.value
    guest.refresh()
    assert guest.draft_box.layout.display is None and guest.kr_form.layout.display == "none"
    assert "kpyj-end-product" in guest.kr_list.value
    fac.next_btn.click()
    assert wsl.get_workshop(store, ws).status == "closed", fac.msg.value
    fac.export_btn.click()
    assert 'download="WS-2566-83-01.xlsx"' in fac.download.value
    assert (fac.export_dir / "WS-2566-83-01.xlsx").exists()


def test_app_without_a_store_shows_a_thai_message(tmp_path):
    app = WorkshopApp.open(f"sqlite:///{tmp_path}/missing.sqlite")
    assert app.store is None and "kpyj init" in app.msg.value


# --------------------------------------------------------------------------- serving
def test_voila_command_keeps_voila_safe_defaults():
    cmd = serve.voila_command("workshop", port=8899)
    assert cmd[:3] == [cmd[0], "-m", "voila"] and cmd[3].endswith("apps/workshop.ipynb")
    for flag in (
        "--no-browser",
        "--port=8899",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        "--preheat_kernel=True",
        f"--pool_size={serve.DEFAULT_POOL_SIZE}",
        f"--MappingKernelManager.cull_idle_timeout={serve.DEFAULT_CULL_IDLE}",
    ):
        assert flag in cmd
    assert not any("show_tracebacks" in c or "allowlist" in c for c in cmd)
    assert "--token" not in cmd
    assert "--token" in serve.voila_command("explorer", port=1, host="0.0.0.0")
    no_pool = serve.voila_command("explorer", port=1, preheat=False)
    assert not any("preheat" in c for c in no_pool)
    with pytest.raises(serve.ServeError, match="ไม่พบแอป"):
        serve.app_path("nothing")


def test_cli_serve_arguments():
    args = build_parser().parse_args(["serve"])
    assert (args.app, args.port, args.host, args.no_preheat) == (
        "workshop",
        8866,
        "127.0.0.1",
        False,
    )
    args = build_parser().parse_args(["serve", "explorer", "--no-preheat", "--port", "9000"])
    assert (args.app, args.port, args.no_preheat) == ("explorer", 9000, True)


def test_app_notebooks_are_generated_and_without_outputs():
    path = PROJECT_ROOT / "scripts" / "make_notebooks.py"
    spec = importlib.util.spec_from_file_location("make_nb", path)
    make_nb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_nb)

    def sources(cells):
        return ["".join(c["source"]) for c in cells]

    for name, build in (("workshop", make_nb.workshop_app), ("explorer", make_nb.explorer_app)):
        on_disk = json.loads((PROJECT_ROOT / "notebooks" / "apps" / f"{name}.ipynb").read_text())
        assert sources(on_disk["cells"]) == sources(build()["cells"])
        assert all(not c.get("outputs") for c in on_disk["cells"])
        assert sum("parameters" in c["metadata"].get("tags", []) for c in on_disk["cells"]) == 1
