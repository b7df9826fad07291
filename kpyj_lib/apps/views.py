"""What the apps show, as HTML from templates: plain values in, escaped HTML out.

This module never imports ipywidgets: each function looks up what a piece of an app shows
(labels, counts, the 3 : 1 : 3 balance) through the services and reference data, and
hands plain values to a macro of ``render/templates/apps/`` (:func:`kpyj_lib.render.apps.app_html`),
where Jinja2's autoescape escapes everything a person typed. The widget classes of
:mod:`kpyj_lib.apps` put the results into ``HTML`` widgets.

Examples
--------
>>> stage_html("vote").count("kpyj-done"), 'data-stage="vote"' in stage_html("vote")
(1, True)
>>> message("<b>", "error")
'<p class="kpyj-error">&lt;b&gt;</p>'
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .. import reference
from ..calendar import format_thai_datetime
from ..render import frame_table
from ..render.apps import app_html, app_style
from ..services import access
from ..services import workshop as wsl

__all__ = [
    "app_style",
    "bold",
    "choose_first_html",
    "classification_html",
    "download_html",
    "field_label_html",
    "gaps_html",
    "heading",
    "idea_count_html",
    "ideas_html",
    "kpi_grid_html",
    "kr_class_html",
    "krs_html",
    "lessons_html",
    "message",
    "neighbourhood_html",
    "no_directive_html",
    "not_saved_html",
    "note",
    "objective_html",
    "phase_head_html",
    "pmqa_html",
    "sample_banner",
    "saved_html",
    "sign_in_html",
    "stage_html",
    "tally_html",
    "text",
    "title_html",
    "vote_text_html",
    "votes_left_html",
    "warnings_html",
    "week_info_html",
    "who_html",
    "workshop_header",
]


# --------------------------------------------------------------------------- any app
def sample_banner() -> str:
    """The banner of a store holding sample data (ตัวอย่าง)."""
    return app_html("_app", "sample_banner")


def heading(text: str, level: int = 3) -> str:
    """A heading ``<h{level}>``."""
    return app_html("_app", "heading", text, level)


def note(text: str, tag: str = "span") -> str:
    """Small grey text."""
    return app_html("_app", "note", text, tag)


def bold(text: str, note: str = "") -> str:
    """A bold label, optionally followed by a note.

    >>> bold("ผู้ดำเนินการ", "— เปลี่ยนขั้น")
    '<b>ผู้ดำเนินการ</b> <span class="kpyj-note">— เปลี่ยนขั้น</span>'
    """
    return app_html("_app", "bold", text, note)


def text(value: str) -> str:
    """Plain text, escaped.

    >>> text("a < b")
    'a &lt; b'
    """
    return app_html("_app", "text", value)


def message(items: str | Sequence[str], kind: str = "ok") -> str:
    """A message to the visitor: one text as a paragraph, several as a list."""
    return app_html("_app", "message", [items] if isinstance(items, str) else list(items), kind)


def download_html(name: str, data: bytes, mime: str) -> str:
    """A download link carrying ``data`` in a ``data:`` URI.

    >>> link = download_html('a"b.xlsx', b"x", "text/plain")
    >>> 'download="a&#34;b.xlsx"' in link, 'href="data:text/plain;base64,eA=="' in link
    (True, True)
    """
    href = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return app_html("_app", "download", name, href)


# --------------------------------------------------------------------------- workshop
def _type_labels() -> dict[str, str]:
    return {t: reference.code_label("idea_type", t) for t in wsl.IDEA_TYPES}


def workshop_header() -> str:
    """The workshop page's heading and the four steps in one line."""
    return app_html("workshop", "header")


def stage_html(stage: str) -> str:
    """The four stages with the current one highlighted."""
    now = wsl.STAGES.index(stage)
    steps = [
        (s, wsl.stage_label(s), "kpyj-current" if i == now else ("kpyj-done" if i < now else ""))
        for i, s in enumerate(wsl.STAGES)
    ]
    return app_html("workshop", "stages", steps)


def ideas_html(rows: Sequence[wsl.TallyRow], names: Mapping[str, str] | None = None) -> str:
    """Brainstormed ideas grouped by ทำ / ขยาย / ยกระดับ / ขับเคลื่อน (escaped); authors
    shown by ``names`` (hub user name → name) when given."""
    labels = _type_labels()
    names = {r.author: r.author for r in rows} | dict(names or {})
    groups = [
        {
            "type": t,
            "label": labels[t],
            "rows": [
                {"idea_id": r.idea_id, "text_th": r.text_th, "author": names.get(r.author)}
                for r in rows
                if r.idea_type == t
            ],
        }
        for t in wsl.IDEA_TYPES
    ]
    return app_html("workshop", "ideas", [g for g in groups if g["rows"]])


def tally_html(rows: Sequence[wsl.TallyRow], my_votes: frozenset[str] = frozenset()) -> str:
    """The tally: rank, tag, idea, votes with a bar; the visitor's own votes ticked."""
    labels = _type_labels()
    labels.update({r.idea_type: r.type_th for r in rows if r.idea_type not in labels})
    return app_html("workshop", "tally", list(rows), my_votes, labels)


def vote_text_html(row: wsl.TallyRow) -> str:
    """An idea as shown next to its vote button: its tag and its text."""
    return app_html("workshop", "vote_text", row.idea_type, row.type_th, row.text_th)


def classification_html(code: str) -> str:
    """The End Product / Key Result tag of :func:`~kpyj_lib.services.workshop.classify_units`."""
    return app_html(
        "workshop", "classification", code == "end_product", wsl.classification_label(code)
    )


def krs_html(draft: wsl.Draft | None, unit_names: Mapping[str, str]) -> str:
    """The drafted KRs with their units, End Product flag, the how and PMQA categories."""
    if draft is None:
        return ""

    def unit(u: str | None) -> str:
        return unit_names.get(u, u) if u else "-"

    rows = [
        {
            "id": k.id,
            "title": k.title_th,
            "end_product": k.classification == "end_product",
            "classification": wsl.classification_label(k.classification),
            "baseline": k.baseline,
            "target": k.target,
            "uom": k.unit_of_measure,
            "direction": reference.code_label("direction", k.direction),
            "owner": unit(k.owner_unit_id),
            "contributors": ", ".join(unit(u) for u in k.contributor_unit_ids) or "-",
            "how": k.how_th or "-",
            "pmqa": " ".join(map(str, k.pmqa)) or "-",
        }
        for k in draft.krs
    ]
    return app_html("workshop", "krs", rows)


def kr_class_html(owner: str | None, contributors: Iterable[str]) -> str:
    """What the units chosen in the KR form make the result (End Product needs two)."""
    contributors = tuple(contributors)
    code = wsl.classify_units(owner or None, contributors)
    n = len({u for u in (owner, *contributors) if u})
    return app_html(
        "workshop", "kr_class", code == "end_product", wsl.classification_label(code), n
    )


def pmqa_html(categories: Sequence[int], pending: Sequence[int] = ()) -> str:
    """The 3 : 1 : 3 balance (think 1 3 7 / prepare 2 / act 4 5 6), saved plus pending."""
    bal = wsl.pmqa_balance([*categories, *pending])
    return app_html("workshop", "pmqa", bal, wsl.balance_message(bal), bool(pending))


def phase_head_html(label: str, categories: Sequence[int]) -> str:
    """The heading over one phase's PMQA tick boxes."""
    return app_html("workshop", "phase_head", label, list(categories))


def kpi_grid_html(kpis: Sequence[wsl.KpiDraft]) -> str:
    """KPIs counted by dimension × level, then the list."""
    grid: pd.DataFrame = wsl.kpi_grid(kpis)
    rows = [(str(dim), [int(v) for v in grid.loc[dim]]) for dim in grid.index]
    items = [
        {
            "name": k.name_th,
            "dimension": reference.code_label("kpi_dimension", k.dimension),
            "level": reference.code_label("kpi_level", k.level),
            "kr": k.key_result_id or "",
        }
        for k in kpis
    ]
    return app_html("workshop", "kpi_grid", [str(c) for c in grid.columns], rows, items)


def title_html(
    ws: Any, unit_names: Mapping[str, str], names: Mapping[str, str] | None = None
) -> str:
    """The session's title line: id, province or unit, year, facilitator, votes per person."""
    where = reference.province_name(ws.province_code) if ws.province_code else ""
    unit = unit_names.get(ws.unit_id or "", ws.unit_id or "")
    place = " / ".join(x for x in (where, unit) if x)
    facilitator = (names or {}).get(ws.facilitator or "", ws.facilitator or "-")
    return app_html("workshop", "title", ws, place, facilitator)


def sign_in_html(person: Any, user: str | None) -> str:
    """Who is signed in and in which roles (under the hub), or the limits of the one-laptop
    page (no sign-in: anyone may type any name)."""
    if user is None or person is None:
        return app_html("_app", "standalone_limits")
    roles = [access.role_label(r) for r in access.ROLES if r in person.roles]
    return app_html("_app", "signed_in", person.name_th, person.id, roles)


def who_html(me: str | None, facilitator: bool, participants: int) -> str:
    """Who is looking (and whether they lead the session), and how many take part."""
    return app_html("workshop", "who", me or "", facilitator, participants)


def votes_left_html(active: bool, left: int | None, budget: int) -> str:
    """Votes this visitor has left (while voting is open)."""
    return app_html("workshop", "votes_left", active, left, budget)


def objective_html(draft: wsl.Draft) -> str:
    """The chosen objective with its PMQA categories."""
    return app_html("workshop", "objective", draft, " ".join(map(str, draft.pmqa)) or "-")


def warnings_html(items: Sequence[str]) -> str:
    """Warnings on the draft (a list, or nothing)."""
    return app_html("workshop", "warnings", list(items))


def lessons_html(lessons: Sequence[Any]) -> str:
    """The session's lessons: title, kind, detail."""
    items = [
        {
            "title": x.title_th,
            "kind": reference.code_label("lesson_kind", x.kind),
            "detail": x.detail_th or "",
        }
        for x in lessons
    ]
    return app_html("workshop", "lessons", items)


def idea_count_html(text_typed: str, limit: int | None) -> str:
    """Characters typed in the idea box out of the limit."""
    return app_html("workshop", "idea_count", len(text_typed.strip()), limit)


# --------------------------------------------------------------------------- directive form
def no_directive_html() -> str:
    """No directive to report for this unit and week."""
    return app_html("directive_form", "no_directive")


def week_info_html(state: Any) -> str:
    """The week, its deadline, the directive and the reasons a report is blocked."""
    submitted = ""
    if state.existing is not None:
        submitted = format_thai_datetime(state.existing["submitted_at"])
    return app_html("directive_form", "week_info", state, submitted)


def field_label_html(th: str, en: str, required: bool) -> str:
    """A report field's label, marked when the level makes it required."""
    return app_html("directive_form", "field_label", th, en, required)


def choose_first_html() -> str:
    """Nothing chosen yet."""
    return app_html("directive_form", "choose_first")


def not_saved_html(messages: Sequence[str]) -> str:
    """The report was refused, with every reason."""
    return app_html("directive_form", "not_saved", list(messages))


def saved_html(report_id: str, submitted_at: Any, notes: Sequence[str]) -> str:
    """The report was saved: its id and time, with any notes."""
    return app_html(
        "directive_form", "saved", report_id, format_thai_datetime(submitted_at), list(notes)
    )


# --------------------------------------------------------------------------- explorer
def gaps_html(orphans: pd.DataFrame, unsupported: pd.DataFrame) -> str:
    """A province's orphans and plan items nobody supports, as two tables."""
    return app_html(
        "explorer",
        "gaps",
        frame_table(orphans, {"id": "รหัส", "label_th": "ชื่อ", "problem_th": "ประเด็น"}),
        frame_table(
            unsupported,
            {"plan_item_id": "รหัส", "label_th": "ประเด็นแผน", "plan_kind_th": "ระดับแผน"},
        ),
    )


def neighbourhood_html(nb: pd.DataFrame) -> str:
    """A node's edges: direction, kind, the other node and its name."""
    columns = {
        "direction": "ทิศ",
        "edge_kind": "ความสัมพันธ์",
        "other": "โหนด",
        "other_label_th": "ชื่อ",
    }
    return app_html("explorer", "neighbourhood", frame_table(nb, columns))
