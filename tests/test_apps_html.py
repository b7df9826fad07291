"""The apps' HTML comes only from templates, and whatever a person typed comes out escaped.

``<script>`` is typed into every field a visitor of an app can fill (and into the names a
workbook gives units and directives, which the apps also show); afterwards no HTML widget
of the app holds a live tag, and the escaped text is there. The apps' sources hold no HTML
(every piece is a macro of ``render/templates/apps``).
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w
import networkx as nx
import pandas as pd
import pytest

import kpyj_lib
from kpyj_lib.apps import views
from kpyj_lib.apps.directive_form import DirectiveReportForm
from kpyj_lib.apps.explorer import GraphExplorer
from kpyj_lib.apps.workshop import WorkshopApp
from kpyj_lib.calendar import BANGKOK
from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store

XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
LIVE = re.compile(r"<\s*(script|img|iframe|svg)\b", re.I)
APPS = Path(kpyj_lib.__file__).resolve().parent / "apps"


def html_values(widget: w.Widget) -> Iterator[str]:
    """The value of every HTML widget under ``widget``."""
    if isinstance(widget, w.HTML | w.HTMLMath):
        yield widget.value
    for child in getattr(widget, "children", ()):
        yield from html_values(child)


def assert_escaped(widget: w.Widget) -> str:
    page = "\n".join(html_values(widget))
    assert not LIVE.search(page), LIVE.search(page)
    return page


# --------------------------------------------------------------------------- workshop
def test_script_in_every_workshop_field_is_escaped(tmp_store: Store, tmp_path):
    tmp_store.write(
        {
            "units": [
                {"id": "U1", "name_th": f"หน่วย {XSS}", "province_code": "83"},
                {"id": "U2", "name_th": "หน่วยที่สอง", "province_code": "83"},
            ]
        }
    )
    fac = WorkshopApp(tmp_store, poll=False, export_dir=tmp_path)
    fac.name.value = f"วิทยากร {XSS}"
    fac.new_title.value = f"การประชุม {XSS}"
    fac.new_province.value = "83"
    fac.new_fy.value = 2566
    fac.new_btn.click()
    assert fac.ws_id and fac.is_facilitator, fac.msg.value
    guest = WorkshopApp(tmp_store, poll=False, export_dir=tmp_path)
    guest.name.value = f"ผู้เข้าร่วม {XSS}"
    guest.join_btn.click()
    guest.idea_type.value = "upgrade"
    guest.idea_text.value = f"ความคิด {XSS}"
    assert ESCAPED in guest.idea_count.value or "ตัวอักษร" in guest.idea_count.value
    guest.add_idea_btn.click()
    fac.next_btn.click()  # vote
    guest.refresh()
    guest.vote_rows.children[0].children[0].click()
    fac.next_btn.click()  # draft: the idea becomes the objective
    fac.obj_title.value = f"วัตถุประสงค์ {XSS}"
    fac.save_obj_btn.click()
    fac.kr_title.value = f"ผลลัพธ์ {XSS}"
    fac.kr_baseline.value, fac.kr_target.value = "0", "1"
    fac.kr_unit.value = f"แห่ง {XSS}"
    fac.kr_owner.value = "U1"
    fac.kr_contrib.value = ("U2",)
    fac.kr_how.value = f"วิธี {XSS}"
    fac.add_kr_btn.click()
    assert "เพิ่มผลลัพธ์หลัก" in fac.msg.value, fac.msg.value
    fac.kpi_name.value = f"ตัวชี้วัด {XSS}"
    fac.kpi_unit.value = f"ร้อยละ {XSS}"
    fac.add_kpi_btn.click()
    fac.lesson_title.value = f"บทเรียน {XSS}"
    fac.lesson_detail.value = f"รายละเอียด {XSS}"
    fac.add_lesson_btn.click()
    fac.refresh(force=True)
    guest.refresh(force=True)
    fac.idea_text.value = XSS  # the live character count
    for app in (fac, guest):
        page = assert_escaped(app.widget)
        for typed in (
            "วิทยากร",
            "การประชุม",
            "ความคิด",
            "วัตถุประสงค์",
            "ผลลัพธ์",
            "หน่วย",
            "บทเรียน",
            "รายละเอียด",
        ):
            assert f"{typed} {ESCAPED}" in page, typed
    assert f"ผู้เข้าร่วม {ESCAPED}" in assert_escaped(guest.who_html)
    assert f"ตัวชี้วัด {ESCAPED}" in fac.kpi_html.value
    # a refusal quoting what was typed is escaped too
    fac.kr_title.value = XSS
    fac.kr_baseline.value = XSS
    fac.add_kr_btn.click()
    assert "kpyj-error" in fac.msg.value and not LIVE.search(fac.msg.value)


def test_workshop_views_escape_every_argument():
    row = wsl.TallyRow("I1", "do", XSS, XSS, 1, 1)
    kr = wsl.KRDraft(XSS, 0, 1, XSS, owner_unit_id="U1", how_th=XSS)
    draft = wsl.Draft("O1", XSS, krs=[kr], kpis=[wsl.KpiDraft(XSS, "efficiency", "group", "K1")])
    ws = wsl.Workshop(
        id="WS-1",
        date=dt.date(2022, 1, 5),
        title_th=XSS,
        fiscal_year=2566,
        facilitator=XSS,
        votes_per_participant=3,
        status="vote",
    )
    pieces = [
        views.ideas_html([row]),
        views.tally_html([row]),
        views.vote_text_html(row),
        views.krs_html(draft, {"U1": XSS}),
        views.kpi_grid_html(draft.kpis),
        views.objective_html(draft),
        views.title_html(ws, {}),
        views.who_html(XSS, True, 2),
        views.warnings_html([XSS]),
        views.message([XSS, XSS], "error"),
        views.heading(XSS),
        views.note(XSS),
        views.bold(XSS, XSS),
        views.download_html(XSS, b"", "text/plain"),
        views.phase_head_html(XSS, [1, 3]),
    ]
    for piece in pieces:
        assert ESCAPED in piece and not LIVE.search(piece), piece


# --------------------------------------------------------------------------- directive form
def test_script_in_the_directive_form_is_escaped(tmp_store: Store, store_snapshot):
    fy = 2565
    tmp_store.write(
        {
            "units": [{"id": "U-A", "name_th": f"กอง {XSS}"}],
            "directives": [
                {
                    "id": "D-1",
                    "fiscal_year": fy,
                    "title_th": f"ข้อสั่งการ {XSS}",
                    "meeting_date": dt.date(2022, 1, 5),
                    "level": "continuing",
                }
            ],
            "directive_units": [{"directive_id": "D-1", "unit_id": "U-A"}],
        }
    )
    now = dt.datetime(2022, 1, 28, 12, 0, tzinfo=BANGKOK)
    form = DirectiveReportForm(tmp_store, unit="U-A", now=now)
    form.directive.value = "D-1"
    assert f"ข้อสั่งการ {ESCAPED}" in form.week_info.value
    for field in form.fields.values():
        field.value = f"รายงาน {XSS}"
    saved = form.on_submit()
    assert saved is not None and saved.goal == f"รายงาน {XSS}"  # stored as typed
    assert "บันทึกแล้ว" in form.message.value
    assert "ส่งเมื่อ" in form.week_info.value  # the week's report is shown now
    assert_escaped(form.widget)
    # refused (the same week again, without replace): the reasons are escaped too
    before = store_snapshot(tmp_store)
    form.fields["goal"].value = XSS
    assert form.on_submit() is None
    assert "ยังไม่ได้บันทึก" in form.message.value
    assert_escaped(form.widget)
    assert store_snapshot(tmp_store) == before


# --------------------------------------------------------------------------- explorer
def test_explorer_tables_escape_labels():
    orphans = pd.DataFrame({"id": ["O1"], "label_th": [XSS], "problem_th": [XSS]})
    unsupported = pd.DataFrame(columns=["plan_item_id", "label_th", "plan_kind_th"])
    page = views.gaps_html(orphans, unsupported)
    assert ESCAPED in page and not LIVE.search(page) and "ไม่มีข้อมูล" in page
    nb = pd.DataFrame(
        {"direction": ["out"], "edge_kind": ["aligns_to"], "other": ["P1"], "other_label_th": [XSS]}
    )
    page = views.neighbourhood_html(nb)
    assert ESCAPED in page and not LIVE.search(page)


def test_explorer_widget_builds_without_html_of_its_own():
    G = nx.MultiDiGraph()
    G.add_node("objective:O1", kind="objective", id="O1", label_th=XSS, province_code="83")
    app = GraphExplorer(G, provinces=[])
    assert_escaped(app.widget)
    assert "kpyj-app" in app.widget._dom_classes


# --------------------------------------------------------------------------- no HTML in apps
TAG = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?>")


@pytest.mark.parametrize("path", sorted(APPS.glob("*.py")), ids=lambda p: p.name)
def test_app_sources_build_no_html(path: Path):
    """No string literal of an app module holds an HTML tag (docstrings aside)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and TAG.search(node.value)
    ]
    assert found == []


def test_the_legacy_html_helpers_are_gone():
    assert not (APPS.parent / "render" / "legacy.py").exists()
