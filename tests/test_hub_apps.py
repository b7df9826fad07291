"""The apps with a signed-in hub user (issue 15), driven without a browser.

The identity comes from the hub (``user=``, which ``open()`` takes from
``JUPYTERHUB_USER``): no name to type, votes counted per person, leader controls not on a
participant's page and refused by the services when a handler is called anyway (what a
crafted widget message would do), the directive form limited to the person's units.
"""

from __future__ import annotations

import re

import ipywidgets as w
import pytest
from hub_people import NOW, tables

from kpyj_lib.apps.directive_form import DirectiveReportForm
from kpyj_lib.apps.workshop import WorkshopApp
from kpyj_lib.services import access
from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store


@pytest.fixture
def store(tmp_store: Store, monkeypatch) -> Store:
    monkeypatch.delenv(access.HUB_USER_ENV, raising=False)
    tmp_store.write(tables())
    return tmp_store


def widgets(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widgets(child)


def classes(widget: w.Widget) -> set[str]:
    return {c for x in widgets(widget) for c in x._dom_classes}


def html_of(widget: w.Widget) -> str:
    return "".join(x.value for x in widgets(widget) if isinstance(x, w.HTML))


def _app(store: Store, user: str) -> WorkshopApp:
    return WorkshopApp(store, poll=False, user=user)


def _open_session(store: Store) -> tuple[WorkshopApp, str]:
    fac = _app(store, "fac")
    assert "kpyj-name" not in classes(fac.widget)  # nobody types a name under the hub
    assert "kpyj-new-box" in classes(fac.widget)
    assert "kpyj-signed-in" in fac.widget.children[2].value  # who is signed in
    fac.new_title.value = "ระดมความคิด"
    fac.new_unit.value = "OJA"
    fac.new_btn.click()
    assert fac.ws_id and fac.is_facilitator, fac.msg.value
    assert wsl.get_workshop(store, fac.ws_id).facilitator == "fac"
    return fac, fac.ws_id


def test_open_under_the_hub_takes_the_user_from_the_environment(store, monkeypatch):
    monkeypatch.setenv("KPYJ_DB_URL", str(store.url.render_as_string(hide_password=False)))
    monkeypatch.setenv(access.HUB_USER_ENV, "P1")
    app = WorkshopApp.open(poll=False)
    assert app.user == "p1" and app.person.id == "p1"
    form = DirectiveReportForm.open()
    assert form.user == "p1" and form.unit.options == ()


def test_participant_votes_as_themselves_without_leader_controls(store, store_snapshot):
    fac, ws = _open_session(store)
    p1 = _app(store, "p1")
    found = classes(p1.widget)
    assert "kpyj-name" not in found and "kpyj-new-box" not in found
    assert "kpyj-standalone" not in html_of(p1.widget) and "kpyj-signed-in" in html_of(p1.widget)
    p1.join_btn.click()
    assert p1.ws_id == ws and p1.me == "p1" and not p1.is_facilitator
    assert "kpyj-facilitator-box" not in classes(p1.widget)  # absent, not only hidden
    p1.idea_type.value, p1.idea_text.value = "do", "ความคิดของผู้เข้าร่วม"
    p1.add_idea_btn.click()
    assert wsl.tally(store, ws)[0].author == "p1"
    assert "คุณ p1" in p1.ideas_html.value  # shown by name
    # a handler called anyway (a crafted message): refused in the services, nothing changes
    before = store_snapshot(store)
    p1._action(lambda: p1._move(+1))()
    assert "ไม่ใช่ผู้ดำเนินการ" in p1.msg.value and "kpyj-error" in p1.msg.value
    assert store_snapshot(store) == before
    fac.refresh()
    fac.next_btn.click()
    assert wsl.get_workshop(store, ws).status == "vote"
    p1.refresh()
    p1.vote_rows.children[0].children[0].click()
    assert {v.voter for v in wsl.session_tables(store, ws)["votes"]} == {"p1"}
    assert "kpyj-facilitator-box" in classes(fac.widget)


def test_reporter_cannot_take_part_and_stranger_gets_a_thai_page(store):
    _, ws = _open_session(store)
    rep = _app(store, "rep.dop")
    rep.join_btn.click()
    rep.idea_type.value, rep.idea_text.value = "do", "ก"
    rep.add_idea_btn.click()
    assert "ท่านไม่มีสิทธิ์ร่วมการประชุม" in rep.msg.value
    assert wsl.tally(store, ws) == []
    stranger = _app(store, "nobody")
    assert "ยังไม่ได้ลงทะเบียน" in stranger.msg.value
    assert "kpyj-ws-select" not in classes(stranger.widget)


def test_standalone_page_states_its_limits(store):
    app = WorkshopApp(store, poll=False)
    page = html_of(app.widget)
    assert "kpyj-standalone" in page and "พิมพ์ชื่อใดก็ได้" in page
    assert "kpyj-name" in classes(app.widget)


def test_directive_form_offers_only_the_persons_units(store, store_snapshot):
    form = DirectiveReportForm(store, now=NOW, user="plan.oja")
    assert [u for _, u in form.unit.options] == ["OJA", "OJA-RDO"]
    assert form.unit.value == "OJA" and [d for _, d in form.directive.options] == ["D-1"]
    form = DirectiveReportForm(store, now=NOW, user="rep.dop", unit="OJA")
    assert [u for _, u in form.unit.options] == ["DOP"]
    assert "ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน OJA" in form.message.value
    form.unit.value = "DOP"
    form.directive.value = "D-1"
    for f in form.fields.values():
        f.value = "รายงาน"
    assert form.on_submit() is not None
    # a unit that is not offered, forced in the kernel (as a crafted message would try)
    before = store_snapshot(store)
    form.unit.options = [("สำนักงานกิจการยุติธรรม (OJA)", "OJA")]
    form.unit.value = "OJA"
    form.directive.value = "D-1"
    for f in form.fields.values():
        f.value = "รายงานแทนผู้อื่น"
    assert form.on_submit() is None
    assert re.search(r"ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน OJA", form.message.value)
    assert store_snapshot(store) == before
    form = DirectiveReportForm(store, now=NOW, user="p1")
    assert form.unit.options == () and "ยังไม่มีหน่วยงานที่รายงานได้" in form.message.value


def test_names_from_the_workbook_are_escaped(store):
    store.write({"people": [{"id": "fac", "name_th": "<script>alert(1)</script>"}]})
    fac, _ = _open_session(store)
    page = html_of(fac.widget)
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)" in page


def test_a_link_may_preselect_a_unit_but_not_anothers(store, monkeypatch):
    monkeypatch.setenv("KPYJ_DB_URL", store.url.render_as_string(hide_password=False))
    monkeypatch.setenv(access.HUB_USER_ENV, "rep.dop")
    monkeypatch.setenv("QUERY_STRING", "unit=DOP")
    assert DirectiveReportForm.open().unit.value == "DOP"
    monkeypatch.setenv("QUERY_STRING", "unit=OJA&x=1")
    form = DirectiveReportForm.open()
    assert [u for _, u in form.unit.options] == ["DOP"]
    assert "ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน OJA" in form.message.value
