"""The weekly directive report form (JupyterLab or Voila): widgets only.

Every rule lives in :mod:`kpyj_lib.services.directives` (unit-tested without widgets); this
class only assembles the widgets, asks :func:`~kpyj_lib.services.directives.form_state` what
to show and hands the typed report to :func:`~kpyj_lib.services.directives.submit_report`,
which checks it against the store's current data and saves it in one transaction (or
refuses with every reason). Text is stored as typed; every piece of HTML comes from a
template through :mod:`kpyj_lib.apps.views` (autoescape).
"""

from __future__ import annotations

import datetime as dt
import os
import urllib.parse
from typing import Any

import ipywidgets as w
from IPython.display import display

from ..calendar import today_bangkok
from ..exceptions import AccessError, KpyjError
from ..model import WeeklyReport
from ..services import Store, access, connect
from ..services.directives import (
    FIELD_LABELS,
    REPORT_FIELDS,
    DirectiveContext,
    DirectiveReportError,
    build_report,
    check_report,
    directive_options,
    form_state,
    submit_report,
    unit_options,
)
from . import views as v

__all__ = ["DirectiveReportForm"]


class DirectiveReportForm:
    """A unit picks itself, a directive assigned to it and a week, types and submits.

    Parameters
    ----------
    store : Store
        Where reports are saved (and read back after each save).
    unit : str, optional
        Preselect this unit id.
    now : datetime, optional
        A fixed present for demonstrations and tests (default: the live Bangkok clock).
    user : str, optional
        The signed-in hub user (:meth:`open` takes ``JUPYTERHUB_USER``): the form offers
        only the units the person may report for, and the save is checked again against
        the person's roles and units in the store.
    """

    def __init__(
        self,
        store: Store,
        *,
        unit: str | None = None,
        now: dt.datetime | None = None,
        user: str | None = None,
    ):
        self.store = store
        self.now = now
        self.user = user.strip().lower() if user else None
        self.person: access.Person | None = None
        self.allowed: frozenset[str] | None = None
        self.ctx = DirectiveContext.from_store(store)
        self.last_saved: WeeklyReport | None = None
        lay = w.Layout(width="95%")
        style = {"description_width": "8rem"}
        self.unit = w.Dropdown(description="หน่วยงาน", layout=lay, style=style)
        start = now.date() if now is not None else today_bangkok()
        self.week = w.DatePicker(description="สัปดาห์ (วันใดก็ได้)", value=start, style=style)
        self.week_info = w.HTML()
        self.directive = w.Dropdown(description="ข้อสั่งการ", layout=lay, style=style)
        self.level = w.Dropdown(description="ระดับข้อสั่งการ", layout=lay, style=style)
        self.labels = {f: w.HTML() for f in REPORT_FIELDS}
        self.fields = {
            f: w.Textarea(layout=w.Layout(width="95%", height="4.5rem")) for f in REPORT_FIELDS
        }
        self.replace = w.Checkbox(
            description="แก้ไขรายงานเดิมของสัปดาห์นี้ (correct this week's report)", indent=False
        )
        self.submit = w.Button(
            description="ส่งรายงาน (submit)", button_style="primary", icon="check"
        )
        self.message = w.HTML()
        refusal = ""
        if self.user is not None:
            try:
                self.person = access.load_person(store, self.user)
                self.allowed = access.units_for(store, self.person)
            except KpyjError as e:  # not registered / suspended: nothing to report for
                refusal = str(e)
                self.allowed = frozenset()
        header = w.HTML(
            v.app_style()
            + (v.sample_banner() if self.ctx.is_sample else "")
            + v.sign_in_html(self.person, self.user)
        )
        field_boxes = [w.VBox([self.labels[f], self.fields[f]]) for f in REPORT_FIELDS]
        self.widget = w.VBox(
            [
                header,
                self.unit,
                self.week,
                self.week_info,
                self.directive,
                self.level,
                *field_boxes,
                self.replace,
                self.submit,
                self.message,
            ]
        )
        self.widget.add_class("kpyj-app")
        for widget, cls in (
            (self.unit, "kpyj-unit"),
            (self.week, "kpyj-week"),
            (self.directive, "kpyj-directive"),
            (self.level, "kpyj-level"),
            (self.replace, "kpyj-replace"),
            (self.submit, "kpyj-submit"),
            (self.message, "kpyj-message"),
            *((self.fields[f], f"kpyj-field-{f}") for f in REPORT_FIELDS),
        ):
            widget.add_class(cls)  # for the stylesheet and the browser tests
        self.unit.options = unit_options(self.ctx, only=self.allowed)
        offered = [u for _, u in self.unit.options]
        if unit and unit in offered:
            self.unit.value = unit
        elif self.user is not None and offered:
            self.unit.value = offered[0]  # signed in: one of the person's own units
        if refusal:
            self.message.value = v.message(refusal, "error")
        elif self.user is not None and not offered:
            self.message.value = v.message(
                "ท่านยังไม่มีหน่วยงานที่รายงานได้ โปรดติดต่อผู้ดูแลระบบ (สกธ.) (no unit to report for)",
                "error",
            )
        elif unit and unit not in offered and self.allowed is not None:
            self.message.value = v.message(
                f"ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน {unit} (not one of your units)", "error"
            )
        self.unit.observe(self._on_choice, names="value")
        self.week.observe(self._on_choice, names="value")
        self.directive.observe(self._on_directive, names="value")
        self.level.observe(self._on_level, names="value")
        self.replace.observe(self._on_replace, names="value")
        self.submit.on_click(self.on_submit)
        self._on_choice()

    @classmethod
    def open(cls, db_url: str = "", *, unit: str = "") -> DirectiveReportForm:
        """The form on the store at ``db_url`` (``""`` = the default store), for the
        signed-in hub user when there is one (``JUPYTERHUB_USER``).

        Served by Voila, a link may preselect the unit: ``directive_report.ipynb?unit=DOP``
        (Voila hands the query string to the kernel as ``QUERY_STRING``); a unit the person
        may not report for is refused on the page, not offered.
        """
        if not unit:
            query = urllib.parse.parse_qs(os.environ.get("QUERY_STRING", ""))
            unit = (query.get("unit") or [""])[0]
        return cls(connect(db_url), unit=unit or None, user=access.hub_user())

    def _ipython_display_(self) -> None:
        display(self.widget)

    # ------------------------------------------------------------------ state
    def _present(self) -> dt.datetime | None:
        return self.now

    def _state(self) -> Any:
        if self.unit.value is None or self.directive.value is None or self.week.value is None:
            return None
        return form_state(
            self.ctx, self.unit.value, self.directive.value, self.week.value, now=self._present()
        )

    def _on_choice(self, _change: object = None) -> None:
        current = self.directive.value
        opts = []
        if self.unit.value is not None:
            opts = directive_options(
                self.ctx, self.unit.value, self.week.value, now=self._present()
            )
        self.directive.options = opts
        if current in [v for _, v in opts]:
            self.directive.value = current
        self._on_directive()

    def _on_directive(self, _change: object = None) -> None:
        state = self._state()
        if state is None:
            self.level.options = []
            self.week_info.value = v.no_directive_html()
            self.submit.disabled = True
            self._on_level()
            return
        self.level.options = state.levels
        if state.default_level is not None:
            self.level.value = state.default_level
        self.week_info.value = v.week_info_html(state)
        self.submit.disabled = bool(state.blocked)
        self._on_level()

    def _on_level(self, _change: object = None) -> None:
        state = self._state()
        need = state.required.get(self.level.value, ()) if state is not None else ()
        for f in REPORT_FIELDS:
            th, en = FIELD_LABELS[f]
            self.labels[f].value = v.field_label_html(th, en, f in need)

    def _on_replace(self, _change: object = None) -> None:
        state = self._state()
        if self.replace.value and state is not None and state.existing is not None:
            for f in REPORT_FIELDS:
                self.fields[f].value = state.existing.get(f) or ""

    # ------------------------------------------------------------------ submit
    def report(self) -> dict[str, Any]:
        """The report as typed in the form (the week normalised to its Monday)."""
        return build_report(
            self.directive.value,
            self.unit.value,
            self.week.value,
            self.level.value,
            {f: self.fields[f].value for f in REPORT_FIELDS},
        )

    def on_submit(self, _button: object = None) -> WeeklyReport | None:
        """Check and save the report; show the result (every message escaped)."""
        if self.unit.value is None or self.directive.value is None or self.week.value is None:
            self.message.value = v.choose_first_html()
            return None
        report = self.report()
        notes = check_report(
            self.ctx, report, now=self._present(), replace=self.replace.value
        ).notes
        try:
            saved = submit_report(
                self.store,
                report,
                now=self._present(),
                replace=self.replace.value,
                person=self.user,
            )
        except (DirectiveReportError, AccessError) as exc:
            self.message.value = v.not_saved_html(exc.messages)
            return None
        self.last_saved = saved
        self.message.value = v.saved_html(saved.id, saved.submitted_at, notes)
        for f in REPORT_FIELDS:
            self.fields[f].value = ""
        self.replace.value = False
        self.ctx = DirectiveContext.from_store(self.store)
        self._on_choice()
        return saved
