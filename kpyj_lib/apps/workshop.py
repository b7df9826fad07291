"""The workshop app (Voila / JupyterLab): widgets only; every rule is in
:mod:`kpyj_lib.services.workshop`.

Each visitor of the Voila page has a kernel of their own, so the app keeps nothing shared:
it re-reads the session from the store (:func:`kpyj_lib.services.workshop.snapshot`) after
every action and every :data:`~kpyj_lib.services.workshop.POLL_SECONDS` seconds, and
re-draws only when something changed. The poll runs as an asyncio task on the kernel's
event loop — the thread that also runs the widget callbacks — so a refresh never races an
action.

Under JupyterHub (``JUPYTERHUB_USER`` set, see :mod:`kpyj_lib.hub`) the visitor is the
signed-in person: no name is typed, every write names the person and the services check
their roles; leader controls are left out of everyone else's page. Standalone
(``kpyj serve``) the page says that anyone may type any name.

Every piece of HTML comes from a template through :mod:`kpyj_lib.apps.views` (Jinja2
autoescape: what a person typed is never HTML); button and option labels are plain text.
Every widget a test or the stylesheet needs carries a ``kpyj-...`` CSS class.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any

import ipywidgets as w
from IPython.display import display

from .. import reference
from ..calendar import fiscal_year, today_bangkok
from ..exceptions import KpyjError
from ..model import Idea
from ..services import Store, access, connect
from ..services import workshop as wsl
from . import views as v
from .views import (
    ideas_html,
    kpi_grid_html,
    krs_html,
    pmqa_html,
    stage_html,
    tally_html,
)

__all__ = [
    "WorkshopApp",
    "ideas_html",
    "kpi_grid_html",
    "krs_html",
    "pmqa_html",
    "stage_html",
    "tally_html",
]

log = logging.getLogger(__name__)


# --------------------------------------------------------------------------- helpers
def _cls(widget: Any, *classes: str) -> Any:
    for c in classes:
        widget.add_class(c)
    return widget


def _button(label: str, cls: str, style: str = "", icon: str = "", width: str = "") -> w.Button:
    b = w.Button(description=label, button_style=style, icon=icon)
    if width:
        b.layout.width = width
    return _cls(b, cls)


def _show(widget: w.Widget, visible: bool) -> None:
    widget.layout.display = None if visible else "none"


def _text(cls: str, placeholder: str = "", width: str = "100%", **kw: Any) -> w.Text:
    return _cls(w.Text(placeholder=placeholder, layout=w.Layout(width=width), **kw), cls)


def _area(cls: str, placeholder: str = "", rows: int = 2) -> w.Textarea:
    return _cls(w.Textarea(placeholder=placeholder, rows=rows, layout=w.Layout(width="100%")), cls)


def _code_options(table: str, codes: Iterable[str]) -> list[tuple[str, str]]:
    """``(Thai label, code)`` options of a choice widget over codes of a reference table."""
    return [(reference.code_label(table, c), c) for c in codes]


_WIDE = {"description_width": "initial"}
_NEXT_LABELS = {
    "brainstorm": "เริ่มลงคะแนน ▶",
    "vote": "ใช้ความคิดที่เลือกเป็นวัตถุประสงค์ ▶",
    "draft": "บันทึกและปิดการประชุม ▶",
    "closed": "ปิดการประชุมแล้ว",
}


# --------------------------------------------------------------------------- the app
class WorkshopApp:
    """A workshop session in the browser: join, brainstorm, vote, draft OKRs, save, export.

    Parameters
    ----------
    store : Store
        The shared store (every visitor's kernel opens the same one).
    poll : bool
        Re-read the session every ``poll_seconds`` on the kernel's event loop (when one is
        running; in plain Python the app refreshes after each action and on the button).
    export_dir : path, optional
        Where exports are written (default ``reports/workshops``); each is also offered
        to the visitor as a download link.
    user : str, optional
        The signed-in hub user (:meth:`open` takes ``JUPYTERHUB_USER``). Then nobody types
        a name: the person votes and proposes as themselves, facilitator controls are
        shown only to the session's facilitator, and the services check every write
        against the person's roles in the store. Without it (``kpyj serve`` on one laptop)
        visitors type their names, as the page says.
    """

    def __init__(
        self,
        store: Store | None,
        *,
        poll: bool = True,
        poll_seconds: float | None = None,
        export_dir: str | os.PathLike[str] | None = None,
        error: str | None = None,
        user: str | None = None,
    ):
        self.store = store
        self.user = user.strip().lower() if user else None
        self.person: access.Person | None = None
        self.names: dict[str, str] = {}
        self._layouts: dict[int, tuple[w.Widget, ...]] = {}
        self._vote_rows: dict[str, w.HBox] = {}
        self.export_dir = Path(export_dir) if export_dir is not None else None
        self.ws_id: str | None = None
        self.me: str | None = None
        self.snap: wsl.Snapshot | None = None
        self.poll_seconds = wsl.POLL_SECONDS if poll_seconds is None else poll_seconds
        self._task: asyncio.Task[None] | None = None
        self._seen_title: str | None = None
        self._seen_obj_pmqa: tuple[int, ...] | None = None
        self.msg = _cls(w.HTML(), "kpyj-msg")
        header = w.HTML(v.workshop_header())
        if store is None:
            self.msg.value = v.message(error or "เปิดฐานข้อมูลไม่ได้", "error")
            self.widget = _cls(w.VBox([w.HTML(v.app_style()), header, self.msg]), "kpyj-app")
            return
        if self.user is not None:
            try:
                self.person = access.load_person(store, self.user)
            except KpyjError as e:  # not registered / suspended: say so, offer nothing
                self.msg.value = v.message(str(e), "error")
                self.widget = _cls(w.VBox([w.HTML(v.app_style()), header, self.msg]), "kpyj-app")
                return
            self.names = access.display_names(store)
        self._units = self._load_units()
        sample = self._is_sample()
        banner = w.HTML(
            (v.sample_banner() if sample else "") + v.sign_in_html(self.person, self.user)
        )
        self._build_join()
        # the session's widgets (~300 models) are built at the first join, so the first
        # page only carries the join form and shows sooner
        self.session_box = _cls(w.VBox(), "kpyj-session")
        self._session_built = False
        self.widget = _cls(
            w.VBox(
                [w.HTML(v.app_style()), header, banner, self.join_box, self.msg, self.session_box]
            ),
            "kpyj-app",
        )
        _show(self.session_box, False)
        self._refresh_workshops()
        if poll:
            self.start_polling()

    # ------------------------------------------------------------------ construction
    @classmethod
    def open(cls, db_url: str | None = None, **kwargs: Any) -> WorkshopApp:
        """The app on the store at ``db_url`` (default ``KPYJ_DB_URL``), or an error page.

        Under JupyterHub the signed-in user (``JUPYTERHUB_USER``) is the visitor.
        """
        kwargs.setdefault("user", access.hub_user())
        try:
            store = connect(db_url)
        except KpyjError as e:
            return cls(None, error=str(e))
        return cls(store, **kwargs)

    def _ipython_display_(self) -> None:
        display(self.widget)

    def _is_sample(self) -> bool:
        return wsl.is_sample(self.store)  # type: ignore[arg-type]

    def _load_units(self) -> list[tuple[str, str, str | None]]:
        return wsl.units(self.store)  # type: ignore[arg-type]

    @property
    def unit_names(self) -> dict[str, str]:
        return {u: name for u, name, _ in self._units}

    def _unit_options(self, province: str | None) -> list[tuple[str, str]]:
        """Units of the session's province first, then units of no province (central)."""
        mine = [u for u in self._units if province and u[2] == province]
        central = [u for u in self._units if not u[2]]
        return [(f"{name} ({u})", u) for u, name, _ in mine + central]

    def _build_join(self) -> None:
        self.ws_select = _cls(
            w.Dropdown(description="การประชุม", style=_WIDE, layout=w.Layout(width="100%")),
            "kpyj-ws-select",
        )
        self.name = _text("kpyj-name", "พิมพ์ชื่อของคุณ (ชื่อเดียวกันทุกครั้ง)", "60%")
        self.name.description = "ชื่อของคุณ"
        self.name.style = _WIDE
        self.join_btn = _button("เข้าร่วม", "kpyj-join", "primary", "sign-in")
        self.reload_btn = _button("รีเฟรชรายการ", "kpyj-reload", icon="refresh")
        self.join_btn.on_click(self._action(self._on_join))
        self.reload_btn.on_click(self._action(lambda _b: self._refresh_workshops()))

        provinces = reference.load("provinces").sort_values("name_th")
        prov_opts = [("— ไม่ระบุจังหวัด (การประชุมของหน่วยงาน) —", "")]
        prov_opts += [
            (f"{n} ({c})", c) for c, n in zip(provinces["code"], provinces["name_th"], strict=True)
        ]
        self.new_title = _text("kpyj-new-title", "เช่น ระดมความคิดเป้าหมายท้าทาย กพยจ. ปี 2566")
        self.new_title.description = "ชื่อการประชุม"
        self.new_title.style = _WIDE
        self.new_province = _cls(
            w.Dropdown(options=prov_opts, description="จังหวัด", style=_WIDE), "kpyj-new-province"
        )
        self.new_unit = _cls(
            w.Dropdown(
                options=[("— ไม่ระบุ —", "")] + [(f"{n} ({u})", u) for u, n, _ in self._units],
                description="หรือหน่วยงาน",
                style=_WIDE,
                layout=w.Layout(width="60%"),
            ),
            "kpyj-new-unit",
        )
        years = wsl.fiscal_years(self.store) if self.store else []
        self.new_fy = _cls(
            w.BoundedIntText(
                value=years[0] if years else fiscal_year(today_bangkok()),
                min=2500,
                max=2700,
                description="ปีงบประมาณ (พ.ศ.)",
                style=_WIDE,
            ),
            "kpyj-new-fy",
        )
        self.new_votes = _cls(
            w.BoundedIntText(value=3, min=1, max=20, description="จำนวนเสียงต่อคน", style=_WIDE),
            "kpyj-new-votes",
        )
        self.new_btn = _button("เปิดการประชุมใหม่", "kpyj-new-session", "success", "plus")
        self.new_btn.on_click(self._action(self._on_new))
        new_box = w.VBox(
            [
                w.HTML(v.note("ผู้ที่เปิดการประชุมเป็นผู้ดำเนินการ (ชื่อตามช่อง “ชื่อของคุณ”)", "p")),
                self.new_title,
                w.HBox([self.new_province, self.new_fy]),
                self.new_unit,
                w.HBox([self.new_votes, self.new_btn]),
            ]
        )
        acc = _cls(w.Accordion(children=[new_box]), "kpyj-new-box")
        acc.set_title(0, "เปิดการประชุมใหม่ (สำหรับผู้ดำเนินการ) — open a new session")
        acc.selected_index = None
        row = [self.join_btn, self.reload_btn]
        parts: list[w.Widget] = [self.ws_select, w.HBox(row)]
        if self.user is None:  # one laptop: people type their names
            row.insert(0, self.name)
            parts[1] = w.HBox(row)
        else:
            new_box.children = new_box.children[1:]  # the facilitator is the signed-in person
        if self.user is None or (self.person is not None and self.person.has("facilitator")):
            parts.append(acc)
        self.join_box = _cls(w.VBox(parts), "kpyj-join-box", "kpyj-panel")

    def _build_session(self) -> None:
        self.title_html = _cls(w.HTML(), "kpyj-title")
        self.stage_html = _cls(w.HTML(), "kpyj-stage")
        self.who_html = _cls(w.HTML(), "kpyj-who")
        self.refresh_btn = _button("รีเฟรช", "kpyj-refresh", icon="refresh")
        self.refresh_btn.on_click(self._action(lambda _b: self.refresh(force=True)))
        self.leave_btn = _button("เปลี่ยนการประชุม", "kpyj-leave", icon="sign-out")
        self.leave_btn.on_click(self._action(self._on_leave))
        # facilitator's stage controls
        self.prev_btn = _button("◀ ย้อนขั้น", "kpyj-prev-stage")
        self.next_btn = _button("ขั้นถัดไป ▶", "kpyj-next-stage", "warning", width="auto")
        self.prev_btn.on_click(self._action(lambda _b: self._move(-1)))
        self.next_btn.on_click(self._action(lambda _b: self._move(+1)))
        self.choose = _cls(
            w.Dropdown(description="วัตถุประสงค์จากความคิด", style=_WIDE, layout=w.Layout(width="70%")),
            "kpyj-choose-idea",
        )
        self.fac_box = _cls(
            w.VBox(
                [
                    w.HTML(v.bold("ผู้ดำเนินการ") + v.text(" — เปลี่ยนขั้นของการประชุม")),
                    w.HBox([self.prev_btn, self.next_btn]),
                    self.choose,
                ]
            ),
            "kpyj-facilitator-box",
            "kpyj-panel",
        )
        # 1 brainstorm
        self.idea_type = _cls(
            w.ToggleButtons(
                options=_code_options("idea_type", wsl.IDEA_TYPES),
                value=None,
                description="ประเภท",
            ),
            "kpyj-idea-type",
        )
        self.idea_text = _area("kpyj-idea-text", "เป้าหมายที่ท้าทาย เช่น ยกระดับศูนย์ข้อมูลอาชญากรรมจังหวัด")
        self.idea_count = _cls(w.HTML(), "kpyj-idea-count")
        limit = wsl.max_length(Idea, "text_th")
        self.idea_text.observe(
            lambda ch: setattr(
                self.idea_count,
                "value",
                v.idea_count_html(ch["new"], limit),
            ),
            names="value",
        )
        self.add_idea_btn = _button("เสนอความคิด", "kpyj-add-idea", "primary", "lightbulb-o")
        self.add_idea_btn.on_click(self._action(self._on_add_idea))
        self.ideas_html = _cls(w.HTML(), "kpyj-ideas")
        self.brainstorm_box = _cls(
            w.VBox(
                [
                    w.HTML(
                        v.heading("1. ระดมความคิด — เป้าหมายท้าทายที่ต้อง ทำ / ขยาย / ยกระดับ / ขับเคลื่อน")
                    ),
                    self.idea_type,
                    self.idea_text,
                    w.HBox([self.add_idea_btn, self.idea_count]),
                    self.ideas_html,
                ]
            ),
            "kpyj-brainstorm",
            "kpyj-panel",
        )
        # 2 vote
        self.votes_left = _cls(w.HTML(), "kpyj-votes-left")
        self.vote_rows = _cls(w.VBox(), "kpyj-vote-rows")
        self.tally_html = _cls(w.HTML(), "kpyj-tally")
        self.vote_box = _cls(
            w.VBox(
                [
                    w.HTML(v.heading("2. ลงคะแนนเลือกเป้าหมายหลัก")),
                    self.votes_left,
                    self.vote_rows,
                    w.HTML(v.bold("ผลคะแนน (อัปเดตอัตโนมัติทุก 2 วินาที)")),
                    self.tally_html,
                ]
            ),
            "kpyj-vote",
            "kpyj-panel",
        )
        self._build_draft()
        # lessons and export, any stage
        self.lesson_kind = _cls(
            w.Dropdown(
                options=_code_options("lesson_kind", wsl.LESSON_KINDS),
                description="ประเภท",
            ),
            "kpyj-lesson-kind",
        )
        self.lesson_title = _text("kpyj-lesson-title", "บทเรียนที่ได้ (สั้น ๆ)")
        self.lesson_detail = _area("kpyj-lesson-detail", "รายละเอียด (ถ้ามี)")
        self.add_lesson_btn = _button("บันทึกบทเรียน", "kpyj-add-lesson", "info", "book")
        self.add_lesson_btn.on_click(self._action(self._on_add_lesson))
        self.lessons_html = _cls(w.HTML(), "kpyj-lessons-list")
        self.lesson_box = _cls(
            w.VBox(
                [
                    w.HTML(v.heading("บทเรียนจากการประชุม (ถอดบทเรียน)")),
                    w.HBox([self.lesson_kind]),
                    self.lesson_title,
                    self.lesson_detail,
                    self.add_lesson_btn,
                    self.lessons_html,
                ]
            ),
            "kpyj-lessons",
            "kpyj-panel",
        )
        self.export_btn = _button("ส่งออกเป็น .xlsx", "kpyj-export", icon="download")
        self.export_btn.on_click(self._action(self._on_export))
        self.download = _cls(w.HTML(), "kpyj-download")
        export_box = _cls(w.HBox([self.export_btn, self.download]), "kpyj-export-box")
        self.session_box.children = [
            self.title_html,
            self.stage_html,
            w.HBox([self.who_html, self.refresh_btn, self.leave_btn]),
            self.fac_box,
            self.brainstorm_box,
            self.vote_box,
            self.draft_box,
            export_box,
            self.lesson_box,
        ]
        self._session_built = True

    def _build_draft(self) -> None:
        self.obj_title = _text("kpyj-obj-title")
        self.obj_title.description = "วัตถุประสงค์ (O)"
        self.obj_title.style = _WIDE
        self.obj_pmqa = self._pmqa_boxes("kpyj-obj-pmqa")
        self.save_obj_btn = _button("บันทึกวัตถุประสงค์", "kpyj-save-objective", "primary", "save")
        self.save_obj_btn.on_click(self._action(self._on_save_objective))
        self.obj_view = _cls(w.HTML(), "kpyj-objective")
        # KR form
        self.kr_title = _text("kpyj-kr-title", "ผลลัพธ์หลักที่วัดได้ เช่น ศูนย์ปฏิบัติการข้อมูลเปิดใช้งาน")
        self.kr_title.description = "ผลลัพธ์หลัก (KR)"
        self.kr_title.style = _WIDE
        self.kr_baseline = _text("kpyj-kr-baseline", "ค่าฐาน", "150px")
        self.kr_target = _text("kpyj-kr-target", "ค่าเป้าหมาย", "150px")
        self.kr_unit = _text("kpyj-kr-unit", "หน่วยนับ เช่น แห่ง, ร้อยละ", "200px")
        self.kr_direction = _cls(
            w.Dropdown(
                options=_code_options("direction", wsl.DIRECTIONS),
                description="ทิศทาง",
                layout=w.Layout(width="230px"),
            ),
            "kpyj-kr-direction",
        )
        self.kr_owner = _cls(
            w.Dropdown(description="หน่วยงานเจ้าของ", style=_WIDE, layout=w.Layout(width="100%")),
            "kpyj-kr-owner",
        )
        self.kr_contrib = _cls(
            w.SelectMultiple(
                description="หน่วยงานร่วม", rows=5, style=_WIDE, layout=w.Layout(width="100%")
            ),
            "kpyj-kr-contrib",
        )
        self.kr_class = _cls(w.HTML(), "kpyj-kr-class")
        self.kr_how = _area("kpyj-kr-how", "วิธีการ (How) — ทำอย่างไรจึงได้ผลลัพธ์นี้", 3)
        self.kr_pmqa = self._pmqa_boxes("kpyj-kr-pmqa")
        self.add_kr_btn = _button("เพิ่มผลลัพธ์หลัก", "kpyj-add-kr", "primary", "plus")
        self.add_kr_btn.on_click(self._action(self._on_add_kr))
        for widget in (self.kr_owner, self.kr_contrib):
            widget.observe(lambda _c: self._update_kr_class(), names="value")
        for box in (*self.kr_pmqa.values(), *self.obj_pmqa.values()):
            box.observe(lambda _c: self._update_pmqa(), names="value")
        self.kr_list = _cls(w.HTML(), "kpyj-kr-list")
        self.kr_remove = _cls(w.HBox(), "kpyj-kr-remove")
        self.pmqa_html = _cls(w.HTML(), "kpyj-pmqa")
        # KPI form
        self.kpi_name = _text("kpyj-kpi-name", "ชื่อตัวชี้วัด")
        self.kpi_name.description = "ตัวชี้วัด (KPI)"
        self.kpi_name.style = _WIDE
        self.kpi_dim = _cls(
            w.Dropdown(
                options=_code_options("kpi_dimension", wsl.KPI_DIMENSIONS),
                description="มิติ",
                layout=w.Layout(width="380px"),
            ),
            "kpyj-kpi-dim",
        )
        self.kpi_level = _cls(
            w.Dropdown(
                options=_code_options("kpi_level", wsl.KPI_LEVELS),
                description="ระดับ",
                layout=w.Layout(width="300px"),
            ),
            "kpyj-kpi-level",
        )
        self.kpi_kr = _cls(
            w.Dropdown(description="วัดผลลัพธ์หลัก", style=_WIDE, layout=w.Layout(width="100%")),
            "kpyj-kpi-kr",
        )
        self.kpi_target = _text("kpyj-kpi-target", "ค่าเป้าหมาย (ถ้ามี)", "170px")
        self.kpi_unit = _text("kpyj-kpi-unit", "หน่วยนับ", "170px")
        self.add_kpi_btn = _button("เพิ่มตัวชี้วัด", "kpyj-add-kpi", "primary", "plus")
        self.add_kpi_btn.on_click(self._action(self._on_add_kpi))
        self.kpi_html = _cls(w.HTML(), "kpyj-kpi-grid")
        self.kpi_remove = _cls(w.HBox(), "kpyj-kpi-remove")
        self.warnings = _cls(w.HTML(), "kpyj-warnings")

        def pmqa_grid(boxes: dict[int, w.Checkbox]) -> w.HBox:
            cols = []
            for phase, (label, cats) in wsl.PHASES.items():
                head = w.HTML(v.phase_head_html(label, cats))
                col = w.VBox([head, *(boxes[c] for c in cats)], layout=w.Layout(width="33%"))
                cols.append(_cls(col, f"kpyj-phase-{phase}"))
            return w.HBox(cols, layout=w.Layout(width="100%"))

        self.obj_form = _cls(
            w.VBox(
                [
                    self.obj_title,
                    w.HTML(v.text("หมวด PMQA ของวัตถุประสงค์:")),
                    pmqa_grid(self.obj_pmqa),
                    self.save_obj_btn,
                ]
            ),
            "kpyj-obj-form",
        )
        self.kr_form = _cls(
            w.VBox(
                [
                    w.HTML(v.bold("เพิ่มผลลัพธ์หลัก (Key Result)")),
                    self.kr_title,
                    w.HBox([self.kr_baseline, self.kr_target, self.kr_unit, self.kr_direction]),
                    self.kr_owner,
                    self.kr_contrib,
                    self.kr_class,
                    self.kr_how,
                    w.HTML(v.text("หมวด PMQA ที่ใช้ผลักดัน (คิด 1 3 7 / เตรียม 2 / ทำ 4 5 6):")),
                    pmqa_grid(self.kr_pmqa),
                    self.add_kr_btn,
                ]
            ),
            "kpyj-kr-form",
            "kpyj-panel",
        )
        self.kpi_form = _cls(
            w.VBox(
                [
                    w.HTML(v.bold("เพิ่มตัวชี้วัด (KPI) ตามมิติและระดับ")),
                    self.kpi_name,
                    w.HBox([self.kpi_dim, self.kpi_level]),
                    self.kpi_kr,
                    w.HBox([self.kpi_target, self.kpi_unit, self.add_kpi_btn]),
                ]
            ),
            "kpyj-kpi-form",
            "kpyj-panel",
        )
        self.draft_box = _cls(
            w.VBox(
                [
                    w.HTML(v.heading("3. ร่าง OKR — วัตถุประสงค์ ผลลัพธ์หลัก วิธีการ หมวด PMQA และตัวชี้วัด")),
                    self.obj_view,
                    self.obj_form,
                    self.kr_list,
                    self.kr_remove,
                    self.kr_form,
                    self.pmqa_html,
                    w.HTML(v.bold("ตัวชี้วัดตามมิติ (4) × ระดับ (4)")),
                    self.kpi_html,
                    self.kpi_remove,
                    self.kpi_form,
                    self.warnings,
                ]
            ),
            "kpyj-draft",
            "kpyj-panel",
        )

    def _arrange(self, box: w.Box, *, present: bool, parts: Sequence[w.Widget]) -> None:
        """Put ``parts`` in ``box`` (in their built order) or take them out of the page."""
        full = self._layouts.setdefault(id(box), tuple(box.children))
        drop = set() if present else {id(p) for p in parts}
        children = tuple(c for c in full if id(c) not in drop)
        if tuple(box.children) != children:
            box.children = children

    def _pmqa_boxes(self, cls: str) -> dict[int, w.Checkbox]:
        cats = reference.load("pmqa_categories")
        names = dict(zip(cats["id"].astype(int), cats["name_th"], strict=True))
        return {
            c: _cls(
                w.Checkbox(
                    value=False,
                    description=f"{c} {names[c]}",
                    indent=False,
                    layout=w.Layout(width="98%"),
                ),
                cls,
                f"{cls}-{c}",
            )
            for c in range(1, 8)
        }

    # ------------------------------------------------------------------ messages and actions
    def say(self, text: str | Sequence[str], kind: str = "ok") -> None:
        """Show a message (escaped) to this visitor."""
        self.msg.value = v.message(text, "error" if kind == "error" else "ok")

    def _action(self, fn: Callable[..., Any]) -> Callable[..., None]:
        """Run a handler: refusals become Thai messages, anything else a short notice."""

        @wraps(fn)
        def run(*args: Any) -> None:
            try:
                fn(*args)
            except wsl.WorkshopError as e:
                self.say(e.messages, "error")
            except KpyjError as e:
                self.say(str(e), "error")
            except Exception as e:  # never a traceback on the page
                log.exception("workshop action failed")
                self.say(f"เกิดข้อผิดพลาด ({type(e).__name__}) โปรดลองอีกครั้ง", "error")

        return run

    @property
    def is_facilitator(self) -> bool:
        """Whether this visitor leads the session (signed in: checked against the roles)."""
        ws = self.snap.workshop if self.snap else None
        if self.user is not None:
            return ws is not None and access.may_lead(self.person, ws.facilitator)
        if not ws or not ws.facilitator or not self.me:
            return False
        return wsl.clean_name(ws.facilitator, "ผู้ดำเนินการ") == self.me

    def _refresh_workshops(self) -> None:
        sessions = wsl.open_workshops(self.store)  # type: ignore[arg-type]
        options = [(wsl.workshop_label(s), s.id) for s in sessions]
        if not options:
            options = [("— ยังไม่มีการประชุมที่เปิดอยู่ —", None)]
        if list(self.ws_select.options) != options:
            keep = self.ws_select.value
            self.ws_select.options = options
            ids = [v for _, v in options]
            self.ws_select.value = keep if keep in ids else ids[0]

    def join(self, ws_id: str, name: str | None = None) -> None:
        """Join a session under a name (signed in: as the hub user, whatever ``name`` is)."""
        who = self.user if self.user is not None else wsl.clean_name(name)
        wsl.get_workshop(self.store, ws_id)  # type: ignore[arg-type]
        if not self._session_built:
            self._build_session()
        self.ws_id, self.me = ws_id, who
        self.snap = None
        self._seen_title = self._seen_obj_pmqa = None
        _show(self.join_box, False)
        _show(self.session_box, True)
        self.refresh(force=True)
        role = " (ผู้ดำเนินการ)" if self.is_facilitator else ""
        self.say(f"เข้าร่วมในชื่อ {self.names.get(who, who)}{role} แล้ว")

    def _on_join(self, _b: Any = None) -> None:
        if not self.ws_select.value:
            raise wsl.WorkshopError("กรุณาเลือกการประชุม หรือเปิดการประชุมใหม่")
        self.join(self.ws_select.value, None if self.user else self.name.value)

    def _on_leave(self, _b: Any = None) -> None:
        self.ws_id = self.snap = None
        _show(self.session_box, False)
        _show(self.join_box, True)
        self._refresh_workshops()
        self.msg.value = ""

    def _on_new(self, _b: Any = None) -> None:
        if self.user is not None:
            who = self.user
        else:
            who = wsl.clean_name(self.name.value, "ชื่อของคุณ (ผู้ดำเนินการ)")
        ws = wsl.new_workshop(
            self.store,  # type: ignore[arg-type]
            title_th=self.new_title.value,
            fiscal_year=self.new_fy.value,
            province_code=self.new_province.value or None,
            unit_id=self.new_unit.value or None,
            facilitator=who,
            votes_per_participant=self.new_votes.value,
            person=self.user,
        )
        self._refresh_workshops()
        self.new_title.value = ""
        self.join(ws.id, who)
        self.say(f"เปิดการประชุม {ws.id} แล้ว คุณเป็นผู้ดำเนินการ — แจ้งผู้เข้าร่วมให้เลือกการประชุมนี้")

    def _move(self, step: int) -> None:
        ws = self.snap.workshop  # type: ignore[union-attr]
        i = wsl.STAGES.index(ws.status) + step
        if not 0 <= i < len(wsl.STAGES):
            return
        target = wsl.STAGES[i]
        if ws.status == "vote" and target == "draft":
            obj = wsl.choose_objective(
                self.store,  # type: ignore[arg-type]
                ws.id,
                self.choose.value or None,
                by=self.me,
                person=self.user,
            )  # type: ignore[arg-type]
            self.refresh(force=True)
            self.say(f"วัตถุประสงค์: {obj.title_th}")
            return
        wsl.set_stage(self.store, ws.id, target, by=self.me, person=self.user)  # type: ignore[arg-type]
        self.refresh(force=True)
        self.say(f"ไปที่ขั้น{wsl.stage_label(target)}แล้ว")

    def _on_add_idea(self, _b: Any = None) -> None:
        idea = wsl.add_idea(
            self.store,  # type: ignore[arg-type]
            self.ws_id,  # type: ignore[arg-type]
            author=self.me or "",
            person=self.user,
            idea_type=self.idea_type.value or "",
            text_th=self.idea_text.value,
        )
        self.idea_text.value = ""
        self.refresh()
        self.say(f"บันทึกความคิด {idea.id} แล้ว")

    def _toggle_vote(self, idea_id: str) -> None:
        if self.snap and idea_id in self.snap.my_votes:
            wsl.retract_vote(self.store, self.ws_id, idea_id, self.me, person=self.user)  # type: ignore[arg-type]
            self.refresh()
            self.say("ถอนคะแนนแล้ว")
        else:
            wsl.cast_vote(self.store, self.ws_id, idea_id, self.me, person=self.user)  # type: ignore[arg-type]
            self.refresh()
            left = self.snap.votes_left if self.snap else None
            self.say(f"ลงคะแนนแล้ว เหลืออีก {left} เสียง")

    def _draft(self) -> wsl.Draft:
        if not self.snap or self.snap.draft is None:
            raise wsl.WorkshopError("ยังไม่ได้เลือกวัตถุประสงค์")
        return copy.deepcopy(self.snap.draft)

    def _save(self, draft: wsl.Draft, done: str) -> None:
        res = wsl.save_draft(self.store, self.ws_id, draft, by=self.me, person=self.user)  # type: ignore[arg-type]
        self.refresh(force=True)
        self.say([done, *res.warnings] if res.warnings else done)

    def _on_save_objective(self, _b: Any = None) -> None:
        d = self._draft()
        d.title_th = wsl.clean_text(self.obj_title.value, "วัตถุประสงค์", max_len=500) or ""
        d.pmqa = tuple(c for c, b in self.obj_pmqa.items() if b.value)
        self._save(d, "บันทึกวัตถุประสงค์แล้ว")

    def _on_add_kr(self, _b: Any = None) -> None:
        d = self._draft()
        kr = wsl.make_kr(
            title_th=self.kr_title.value,
            baseline=self.kr_baseline.value,
            target=self.kr_target.value,
            unit_of_measure=self.kr_unit.value,
            direction=self.kr_direction.value,
            owner_unit_id=self.kr_owner.value or None,
            contributor_unit_ids=self.kr_contrib.value,
            how_th=self.kr_how.value,
            pmqa=[c for c, b in self.kr_pmqa.items() if b.value],
            known_units=self.unit_names,
        )
        kr = d.add_kr(kr)
        self._save(d, f"เพิ่มผลลัพธ์หลัก {kr.id} แล้ว ({wsl.classification_label(kr.classification)})")
        for t in (self.kr_title, self.kr_baseline, self.kr_target, self.kr_unit, self.kr_how):
            t.value = ""
        self.kr_contrib.value = ()
        for b in self.kr_pmqa.values():
            b.value = False

    def _on_remove_kr(self, kr_id: str) -> None:
        d = self._draft()
        d.remove_kr(kr_id)
        self._save(d, f"ลบผลลัพธ์หลัก {kr_id} แล้ว")

    def _on_add_kpi(self, _b: Any = None) -> None:
        d = self._draft()
        kpi = d.add_kpi(
            wsl.make_kpi(
                name_th=self.kpi_name.value,
                dimension=self.kpi_dim.value,
                level=self.kpi_level.value,
                key_result_id=self.kpi_kr.value or None,
                target=self.kpi_target.value,
                unit_of_measure=self.kpi_unit.value,
            )
        )
        self._save(d, f"เพิ่มตัวชี้วัด {kpi.id} แล้ว")
        for t in (self.kpi_name, self.kpi_target, self.kpi_unit):
            t.value = ""

    def _on_remove_kpi(self, kpi_id: str) -> None:
        d = self._draft()
        d.remove_kpi(kpi_id)
        self._save(d, f"ลบตัวชี้วัด {kpi_id} แล้ว")

    def _on_add_lesson(self, _b: Any = None) -> None:
        lesson = wsl.add_lesson(
            self.store,  # type: ignore[arg-type]
            self.ws_id,  # type: ignore[arg-type]
            kind=self.lesson_kind.value,
            title_th=self.lesson_title.value,
            detail_th=self.lesson_detail.value,
            person=self.user,
        )
        self.lesson_title.value = self.lesson_detail.value = ""
        self.refresh()
        self.say(f"บันทึกบทเรียน {lesson.id} แล้ว")

    def _on_export(self, _b: Any = None) -> None:
        target = None
        if self.export_dir is not None:
            target = self.export_dir / wsl.export_filename(self.ws_id)  # type: ignore[arg-type]
        path = wsl.export_session(self.store, self.ws_id, target)  # type: ignore[arg-type]
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.download.value = v.download_html(path.name, path.read_bytes(), mime)
        self.say(f"ส่งออกการประชุมเป็น {path.name} แล้ว")

    # ------------------------------------------------------------------ refresh and drawing
    def refresh(self, force: bool = False) -> bool:
        """Re-read the session from the store; re-draw if it changed. True if re-drawn."""
        if self.store is None:
            return False
        if self.ws_id is None:
            self._refresh_workshops()
            return False
        snap = wsl.snapshot(self.store, self.ws_id, self.me)
        if not force and snap == self.snap:
            return False
        if self.snap is not None and self.snap.workshop.status != snap.workshop.status:
            self.msg.value = ""  # a message of the previous stage no longer applies
        self.snap = snap
        self._render()
        return True

    def start_polling(self) -> None:
        """Poll the store on the running event loop (the kernel's); no-op without one."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._poll())

    def stop_polling(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self._task = None

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                self.refresh()
            except Exception:  # a store hiccup must not end the poll
                log.exception("workshop refresh failed")

    def _render(self) -> None:
        s = self.snap
        assert s is not None
        ws = s.workshop
        fac = self.is_facilitator
        self.title_html.value = v.title_html(ws, self.unit_names, self.names)
        self.stage_html.value = stage_html(ws.status)
        me = self.names.get(self.me or "", self.me)
        self.who_html.value = v.who_html(me, fac, len(s.participants))
        stage = ws.status
        _show(self.fac_box, fac)
        if self.user is not None:  # signed in: a participant's page has no leader controls
            self._arrange(self.session_box, present=fac, parts=(self.fac_box,))
        self.prev_btn.disabled = stage == wsl.STAGES[0]
        self.next_btn.disabled = stage == wsl.STAGES[-1]
        self.next_btn.description = _NEXT_LABELS[stage]
        _show(self.choose, fac and stage in ("vote", "draft"))
        self._render_choose(s)
        _show(self.brainstorm_box, stage == "brainstorm")
        self.ideas_html.value = ideas_html(s.tally, self.names)
        _show(self.vote_box, stage in ("vote", "draft", "closed"))
        self._render_votes(s, active=stage == "vote")
        self.tally_html.value = tally_html(s.tally, s.my_votes)
        _show(self.draft_box, stage in ("draft", "closed"))
        self._render_draft(s, editable=fac and stage == "draft")
        self.lessons_html.value = v.lessons_html(s.lessons)

    def _render_choose(self, s: wsl.Snapshot) -> None:
        opts = [(f"{r.votes} เสียง — {r.text_th[:80]}", r.idea_id) for r in s.tally]
        if list(self.choose.options) != opts:
            keep = self.choose.value
            self.choose.options = opts
            top = wsl.leaders(list(s.tally))
            ids = {v for _, v in opts}
            if keep in ids:
                self.choose.value = keep
            elif top:
                self.choose.value = top[0].idea_id

    def _render_votes(self, s: wsl.Snapshot, *, active: bool) -> None:
        self.votes_left.value = v.votes_left_html(
            active, s.votes_left, s.workshop.votes_per_participant
        )
        # one row per idea, kept and updated in place: a re-draw sends only what changed
        # (a vote changes every visitor's tally; new widgets each time would flood the page)
        rows = []
        shown = set()
        for r in s.tally if active else ():
            shown.add(r.idea_id)
            row = self._vote_row(r.idea_id)
            b, text = row.children
            mine = r.idea_id in s.my_votes
            label, style = ("✓ ถอนคะแนน", "success") if mine else ("ลงคะแนน", "info")
            b.description, b.button_style = label, style
            b.disabled = not mine and not s.votes_left
            text.value = v.vote_text_html(r)
            if mine:
                row.add_class("kpyj-voted")
            else:
                row.remove_class("kpyj-voted")
            rows.append(row)
        if tuple(self.vote_rows.children) != tuple(rows):
            self.vote_rows.children = rows
        for idea_id in set(self._vote_rows) - shown:  # ideas gone (another session)
            row = self._vote_rows.pop(idea_id)
            for child in row.children:
                child.close()
            row.close()

    def _vote_row(self, idea_id: str) -> w.HBox:
        """The vote button and text of one idea (made once, then updated)."""
        row = self._vote_rows.get(idea_id)
        if row is None:
            b = _button("ลงคะแนน", "kpyj-vote-btn", "info", width="130px")
            b.on_click(self._action(lambda _b, i=idea_id: self._toggle_vote(i)))
            text = _cls(w.HTML(), "kpyj-idea-text-view")
            row = self._vote_rows[idea_id] = _cls(w.HBox([b, text]), "kpyj-idea-row")
        return row

    def _render_draft(self, s: wsl.Snapshot, *, editable: bool) -> None:
        d = s.draft
        ws = s.workshop
        parts = (self.obj_form, self.kr_form, self.kpi_form, self.kr_remove, self.kpi_remove)
        for part in parts:
            _show(part, editable)
        if self.user is not None:
            self._arrange(self.draft_box, present=editable, parts=parts)
        if d is None:
            self.obj_view.value = ""
            self.kr_list.value = self.kpi_html.value = self.warnings.value = ""
            self.pmqa_html.value = ""
            return
        self.obj_view.value = v.objective_html(d)
        if d.title_th != self._seen_title:
            self.obj_title.value = self._seen_title = d.title_th
        if d.pmqa != self._seen_obj_pmqa:
            self._seen_obj_pmqa = d.pmqa
            for c, b in self.obj_pmqa.items():
                b.value = c in d.pmqa
        self.kr_list.value = krs_html(d, self.unit_names)
        self.kpi_html.value = kpi_grid_html(d.kpis)
        self.warnings.value = v.warnings_html(wsl.draft_warnings(d))
        if editable:
            opts = [("— เลือกหน่วยงานเจ้าของ —", ""), *self._unit_options(ws.province_code)]
            if list(self.kr_owner.options) != opts:
                self.kr_owner.options = opts
                self.kr_owner.value = ""
                self.kr_contrib.options = opts[1:]
            kr_opts = [("— วัดวัตถุประสงค์โดยรวม —", "")] + [
                (f"{k.id} {k.title_th[:60]}", k.id or "") for k in d.krs
            ]
            if list(self.kpi_kr.options) != kr_opts:
                keep = self.kpi_kr.value
                self.kpi_kr.options = kr_opts
                self.kpi_kr.value = keep if keep in {v for _, v in kr_opts} else ""
            self.kr_remove.children = [
                _button(f"ลบ {k.id}", "kpyj-remove-kr", "danger", width="auto") for k in d.krs
            ]
            for b, k in zip(self.kr_remove.children, d.krs, strict=True):
                b.on_click(self._action(lambda _b, i=k.id: self._on_remove_kr(i)))
            self.kpi_remove.children = [
                _button(f"ลบ {k.id}", "kpyj-remove-kpi", "danger", width="auto") for k in d.kpis
            ]
            for b, k in zip(self.kpi_remove.children, d.kpis, strict=True):
                b.on_click(self._action(lambda _b, i=k.id: self._on_remove_kpi(i)))
            self._update_kr_class()
        self._update_pmqa()

    def _update_kr_class(self) -> None:
        self.kr_class.value = v.kr_class_html(self.kr_owner.value, self.kr_contrib.value)

    def _update_pmqa(self) -> None:
        d = self.snap.draft if self.snap else None
        if d is None:
            self.pmqa_html.value = ""
            return
        objective = list(d.pmqa)
        krs = [c for k in d.krs for c in dict.fromkeys(k.pmqa)]
        pending: list[int] = []
        if self.is_facilitator and self.snap and self.snap.workshop.status == "draft":
            # what the facilitator is ticking counts at once ("live"), saved or not
            objective = [c for c, b in self.obj_pmqa.items() if b.value]
            pending = [c for c, b in self.kr_pmqa.items() if b.value]
        self.pmqa_html.value = pmqa_html(objective + krs, pending)
