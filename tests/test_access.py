"""People, roles and units under the hub (issue 15): the rules of kpyj_lib.services.access
and how the workshop and directive services enforce them, on a real SQLite store.

Every refusal is checked to leave the store as it was and to speak Thai («ท่าน…»).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hub_people import NOW, PEOPLE, tables

from kpyj_lib.exceptions import AccessError
from kpyj_lib.services import access
from kpyj_lib.services import workshop as wsl
from kpyj_lib.services.directives import DirectiveContext, submit_report, unit_options
from kpyj_lib.store import Store


@pytest.fixture
def store(tmp_store: Store, monkeypatch) -> Store:
    monkeypatch.delenv(access.HUB_USER_ENV, raising=False)
    tmp_store.write(tables())
    return tmp_store


def _report(unit: str) -> dict:
    return {
        "directive_id": "D-1",
        "unit_id": unit,
        "week_start": dt.date(2022, 1, 24),
        "level": "continuing",
        **{f: f"ข้อความ {f}" for f in ("goal", "plan", "results", "outputs", "outcomes", "impact")},
    }


def _thai_refusal(exc: pytest.ExceptionInfo) -> str:
    msg = str(exc.value)
    assert msg.startswith(("ท่าน", "บัญชีผู้ใช้ของท่าน")), msg
    return msg


# --------------------------------------------------------------------------- the rules
def test_people_are_read_with_roles_and_units(store):
    p = access.load_person(store, "Plan.OJA")  # hub names are lower case
    assert (p.id, p.roles, p.units) == ("plan.oja", {"planning"}, {"OJA"})
    with pytest.raises(AccessError) as e:
        access.load_person(store, "nobody")
    assert "ยังไม่ได้ลงทะเบียน" in _thai_refusal(e)
    with pytest.raises(AccessError) as e:
        access.load_person(store, "gone")
    assert "ระงับ" in _thai_refusal(e)


def test_reportable_units_follow_role_and_unit_tree(store):
    people = [p for p in PEOPLE if p != "gone"]
    units = {p: access.units_for(store, access.load_person(store, p)) for p in people}
    assert units["rep.dop"] == {"DOP"}
    assert units["plan.oja"] == {"OJA", "OJA-RDO"}  # the agency and its bureau
    assert units["admin"] == {"MOJ", "OJA", "OJA-RDO", "DOP"}
    assert units["p1"] == units["fac"] == frozenset()
    ctx = DirectiveContext.from_store(store)
    assert [v for _, v in unit_options(ctx, only=units["plan.oja"])] == ["OJA", "OJA-RDO"]
    assert [v for _, v in unit_options(ctx)] == ["DOP", "OJA", "OJA-RDO"]


def test_lab_is_for_strategy_and_administrators_only():
    def person(*roles: str) -> access.Person:
        return access.Person("x", "x", frozenset(roles), frozenset())

    assert access.may_use_lab(person("administrator"))
    assert access.may_use_lab(person("strategy", "reporter"))
    for role in ("planning", "reporter", "facilitator", "participant"):
        assert not access.may_use_lab(person(role))


# --------------------------------------------------------------------------- workshop
def _session(store: Store, votes: int = 2) -> str:
    ws = wsl.new_workshop(
        store,
        title_th="ระดมความคิด",
        fiscal_year=2565,
        unit_id="OJA",
        facilitator="ชื่อที่พิมพ์ไม่มีผล",
        votes_per_participant=votes,
        person="fac",
    )
    assert ws.facilitator == "fac"
    for i, text in enumerate(("ก", "ข", "ค")):
        wsl.add_idea(store, ws.id, idea_type="do", text_th=text, person=("p1", "p2", "fac")[i])
    wsl.set_stage(store, ws.id, "vote", person="fac")
    return ws.id


def test_only_facilitators_open_and_lead_sessions(store, store_snapshot):
    before = store_snapshot(store)
    for who in ("p1", "rep.dop"):
        with pytest.raises(AccessError) as e:
            wsl.new_workshop(
                store,
                title_th="x",
                fiscal_year=2565,
                unit_id="OJA",
                facilitator=who,
                person=who,
            )
        assert "ผู้ดำเนินการประชุม" in _thai_refusal(e)
    assert store_snapshot(store) == before
    ws = _session(store)
    before = store_snapshot(store)
    # a participant, and another facilitator, cannot lead this session, whatever they type
    for who in ("p1", "fac2"):
        with pytest.raises(AccessError) as e:
            wsl.set_stage(store, ws, "brainstorm", by="fac", person=who)
        assert "ไม่ใช่ผู้ดำเนินการ" in _thai_refusal(e)
        with pytest.raises(AccessError):
            wsl.choose_objective(store, ws, person=who)
    assert store_snapshot(store) == before
    # the administrator may
    assert wsl.set_stage(store, ws, "brainstorm", person="admin").status == "brainstorm"


def test_votes_are_per_signed_in_person(store, store_snapshot):
    ws = _session(store, votes=2)
    ideas = [r.idea_id for r in wsl.tally(store, ws)]
    # the typed voter name is ignored: the vote is p1's
    assert wsl.cast_vote(store, ws, ideas[0], "p2", person="p1").voter == "p1"
    wsl.cast_vote(store, ws, ideas[1], person="p1")
    before = store_snapshot(store)
    with pytest.raises(wsl.WorkshopError, match="ครบ 2 เสียง"):
        wsl.cast_vote(store, ws, ideas[2], person="p1")
    with pytest.raises(wsl.WorkshopError, match="ลงซ้ำไม่ได้"):
        wsl.cast_vote(store, ws, ideas[0], person="p1")
    # a reporter has no workshop role; an unknown or suspended person is nobody
    for who in ("rep.dop", "nobody", "gone"):
        with pytest.raises(AccessError) as e:
            wsl.cast_vote(store, ws, ideas[2], person=who)
        _thai_refusal(e)
    assert store_snapshot(store) == before
    assert wsl.votes_used(store, ws, "p1") == 2 and wsl.votes_used(store, ws, "p2") == 0
    assert wsl.snapshot(store, ws, "p1").votes_left == 0


def test_under_the_hub_a_kernel_acts_only_for_its_owner(store, store_snapshot, monkeypatch):
    ws = _session(store)
    idea = wsl.tally(store, ws)[0].idea_id
    monkeypatch.setenv(access.HUB_USER_ENV, "p1")
    before = store_snapshot(store)
    with pytest.raises(AccessError) as e:
        wsl.cast_vote(store, ws, idea, person="p2")  # as another person
    assert "ในนามผู้อื่น" in _thai_refusal(e)
    with pytest.raises(AccessError) as e:
        wsl.cast_vote(store, ws, idea, "p2")  # a typed name, nobody signed in named
    assert "ลงชื่อเข้าใช้" in _thai_refusal(e)
    with pytest.raises(AccessError):
        submit_report(store, _report("DOP"), now=NOW)
    assert store_snapshot(store) == before
    assert wsl.cast_vote(store, ws, idea, person="P1").voter == "p1"


def test_lessons_and_ideas_need_a_workshop_role(store, store_snapshot):
    ws = _session(store)
    wsl.set_stage(store, ws, "brainstorm", person="fac")
    before = store_snapshot(store)
    with pytest.raises(AccessError):
        wsl.add_idea(store, ws, idea_type="do", text_th="ใหม่", person="rep.dop")
    with pytest.raises(AccessError):
        wsl.add_lesson(store, ws, kind="obstacle", title_th="บท", person="rep.dop")
    assert store_snapshot(store) == before
    assert wsl.add_idea(store, ws, idea_type="do", text_th="ใหม่", person="p2").author == "p2"
    assert wsl.add_lesson(store, ws, kind="obstacle", title_th="บท", person="p2").id


def test_standalone_without_hub_keeps_typed_names(store):
    ws = wsl.new_workshop(
        store, title_th="x", fiscal_year=2565, unit_id="OJA", facilitator="วิทยากร"
    )
    idea = wsl.add_idea(store, ws.id, author="สมชาย", idea_type="do", text_th="ก")
    wsl.set_stage(store, ws.id, "vote", by="วิทยากร")
    assert wsl.cast_vote(store, ws.id, idea.id, "สมหญิง").voter == "สมหญิง"


# --------------------------------------------------------------------------- directives
def test_reporters_file_only_for_their_units(store, store_snapshot):
    saved = submit_report(store, _report("DOP"), now=NOW, person="rep.dop")
    assert saved.unit_id == "DOP"
    before = store_snapshot(store)
    with pytest.raises(AccessError) as e:
        submit_report(store, _report("OJA"), now=NOW, person="rep.dop")
    msg = _thai_refusal(e)
    assert "ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน OJA" in msg and "DOP" in msg
    for who in ("p1", "fac", "nobody"):
        with pytest.raises(AccessError):
            submit_report(store, _report("DOP"), now=NOW, person=who, replace=True)
    assert store_snapshot(store) == before
    # the planning group reports for the agency and the bureau below it, not for DOP
    assert submit_report(store, _report("OJA-RDO"), now=NOW, person="plan.oja").unit_id
    with pytest.raises(AccessError):
        submit_report(store, _report("DOP"), now=NOW, person="plan.oja", replace=True)
