"""Weekly directive reports (seed 002): rules, analyses, the print-out notebook and the form.

Every test that writes uses a real SQLite store in ``tmp_path``; every refused report is
checked to leave the store exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest

from kpyj_lib.analysis import directives as ad
from kpyj_lib.calendar import BANGKOK
from kpyj_lib.documents.directives import WeeklyView
from kpyj_lib.io import import_workbook, read_workbook, write_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.render import render_fragment
from kpyj_lib.services.directives import (
    DirectiveContext,
    DirectiveReportError,
    allowed_levels,
    build_report,
    check_report,
    directive_options,
    form_state,
    report_id_for,
    required_fields,
    submit_report,
    unit_options,
    validate_report,
)
from kpyj_lib.store import Store
from kpyj_lib.workspace import Workspace

UTC = dt.UTC
SIX = {
    "goal": "เป้าหมาย",
    "plan": "แผน",
    "results": "ผล",
    "outputs": "ผลผลิต",
    "outcomes": "ผลลัพธ์",
    "impact": "ผลกระทบ",
}
#: Friday 28 Jan 2022 noon in Bangkok: the current week starts Monday 24 Jan.
NOW = dt.datetime(2022, 1, 28, 12, 0, tzinfo=BANGKOK)


# --------------------------------------------------------------------------- fixtures
def small_tables() -> dict[str, list[dict[str, Any]]]:
    """Four directives (one per level) and three units; U-C is assigned to nothing."""
    fy = 2565
    return {
        "meta": [{"key": "is_sample", "value": "true"}],
        "units": [
            {"id": "U-A", "name_th": "กองแผนงาน"},
            {"id": "U-B", "name_th": "สำนักงานยุติธรรมจังหวัดภูเก็ต"},
            {"id": "U-C", "name_th": "กองคลัง"},
        ],
        "directives": [
            {"id": "D-GEN", "fiscal_year": fy, "title_th": "ประชาสัมพันธ์ช่องทางบริการ",
             "meeting_date": dt.date(2022, 1, 3), "level": "general"},
            {"id": "D-CONT", "fiscal_year": fy, "title_th": "ขับเคลื่อน กพยจ. ต่อเนื่อง",
             "meeting_date": dt.date(2022, 1, 5), "level": "continuing"},
            {"id": "D-PROG", "fiscal_year": fy, "title_th": "ศึกษาความเป็นไปได้",
             "meeting_date": dt.date(2022, 1, 3), "level": "in_progress"},
            {"id": "D-DONE", "fiscal_year": fy, "title_th": "จัดทำสรุปผล",
             "meeting_date": dt.date(2022, 1, 3), "level": "completed",
             "completed_date": dt.date(2022, 1, 19)},
        ],
        "directive_units": [
            {"directive_id": "D-GEN", "unit_id": "U-A"},
            {"directive_id": "D-CONT", "unit_id": "U-A"},
            {"directive_id": "D-CONT", "unit_id": "U-B"},
            {"directive_id": "D-PROG", "unit_id": "U-A"},
            {"directive_id": "D-PROG", "unit_id": "U-B"},
            {"directive_id": "D-DONE", "unit_id": "U-A"},
        ],
        "weekly_reports": [
            {"id": "WR-DONE-A-20220117", "directive_id": "D-DONE", "unit_id": "U-A",
             "week_start": dt.date(2022, 1, 17),
             "submitted_at": dt.datetime(2022, 1, 19, 15, 0, tzinfo=BANGKOK),
             "level": "completed", **SIX},
        ],
    }  # fmt: skip


@pytest.fixture
def store(tmp_path) -> Store:
    s = Store(f"sqlite:///{tmp_path}/kpyj.sqlite")
    s.init()
    s.write(small_tables())
    yield s
    s.close()


@pytest.fixture(scope="module")
def sample_ws() -> Workspace:
    return Workspace.from_tables(read_workbook(SAMPLE_WORKBOOK), 2565)


@pytest.fixture
def other_tz(monkeypatch):
    """Run with the machine's zone far from Bangkok (results must not depend on it)."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")
    monkeypatch.setenv("TZ", "America/Los_Angeles")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def report(directive: str, unit: str, week: str, level: str | None, **fields: Any) -> dict:
    return build_report(directive, unit, week, level, fields)


def refuse(store: Store, snapshot, rep: dict, expected: str, **kw: Any) -> list[str]:
    """Submitting ``rep`` raises with a message containing ``expected``; nothing changes."""
    before_counts, before = store.counts(), snapshot(store)
    with pytest.raises(DirectiveReportError) as info:
        submit_report(store, rep, now=kw.pop("now", NOW), **kw)
    assert any(expected in m for m in info.value.messages), info.value.messages
    assert store.counts() == before_counts
    assert snapshot(store) == before
    return info.value.messages


# --------------------------------------------------------------------------- deadline
@pytest.mark.parametrize(
    "as_given",
    [
        pytest.param(lambda h, m, s: dt.datetime(2022, 1, 28, h, m, s, tzinfo=BANGKOK), id="bkk"),
        pytest.param(
            lambda h, m, s: dt.datetime(2022, 1, 28, h, m, s, tzinfo=BANGKOK).astimezone(UTC),
            id="utc",
        ),
        pytest.param(lambda h, m, s: dt.datetime(2022, 1, 28, h, m, s), id="naive-is-bangkok"),
    ],
)
def test_friday_16_boundary_in_bangkok_whatever_the_machine_zone(store, other_tz, as_given):
    assert time.strftime("%Z") in {"PST", "PDT"}  # the machine really is elsewhere
    cases = [
        ("D-GEN", "U-A", (15, 59, 59), "on_time"),
        ("D-CONT", "U-B", (16, 0, 0), "late"),  # «ก่อน 16.00 น.»: 16:00:00 is late
        ("D-CONT", "U-A", (16, 0, 1), "late"),
    ]
    for did, unit, hms, _ in cases:
        rec = submit_report(store, report(did, unit, "2022-01-24", None, **SIX), now=as_given(*hms))
        assert rec.submitted_at.astimezone(BANGKOK).time() == dt.time(*hms)
    status = ad.weekly_status(store.workspace(2565), "2022-01-24")
    got = {(r["directive_id"], r["unit_id"]): r["status"] for _, r in status.iterrows()}
    for did, unit, _, expected in cases:
        assert got[(did, unit)] == expected
    # a late report is accepted, with a note saying so
    chk = check_report(
        DirectiveContext.from_store(store),
        report("D-PROG", "U-A", "2022-01-24", "in_progress", goal="ก", plan="ข"),
        now=as_given(16, 0, 1),
    )
    assert chk.ok and any("recorded as late" in n for n in chk.notes)


# --------------------------------------------------------------------------- rules
def test_required_fields_per_level():
    assert required_fields("in_progress") == ("goal", "plan")
    for level in ("general", "continuing", "completed"):
        assert required_fields(level) == tuple(SIX)


def test_a_good_report_is_stored_as_typed(store):
    text = '  <script>alert("x")</script> & ผล\nบรรทัดสอง  '
    rec = submit_report(
        store, report("D-GEN", "U-A", "2022-01-26", "general", **{**SIX, "results": text}), now=NOW
    )
    assert rec.id == "WR-D-GEN-U-A-20220124" == report_id_for("D-GEN", "U-A", "2022-01-24")
    assert rec.week_start == dt.date(2022, 1, 24)  # the form normalised Wednesday to Monday
    rows = store.read("weekly_reports").set_index("id")
    assert rows.loc[rec.id, "results"] == text.strip()  # as typed (surrounding spaces off)
    html = render_fragment(WeeklyView.build(store.workspace(2565), "2022-01-24"))
    # escaped (Jinja2 writes a double quote as &#34;, the old f-strings wrote &quot;)
    assert re.search(
        r"&lt;script&gt;alert\((&quot;|&#34;)x(&quot;|&#34;)\)&lt;/script&gt; &amp; ผล", html
    )
    assert "<script>alert" not in html


def test_report_after_completion_is_refused(store, store_snapshot):
    refuse(
        store,
        store_snapshot,
        report("D-DONE", "U-A", "2022-01-24", "completed", **SIX),
        "no report is taken for a later week",
    )


def test_completed_is_reported_once_then_never_again(store, store_snapshot):
    first = submit_report(store, report("D-PROG", "U-A", "2022-01-17", "completed", **SIX), now=NOW)
    assert first.level == "completed"
    # the directive is not completed yet: U-B still works on it
    d = store.read("directives").set_index("id").loc["D-PROG"]
    assert d["level"] == "in_progress" and d["completed_date"] is None
    # any report of U-A after its completed report
    refuse(
        store,
        store_snapshot,
        report("D-PROG", "U-A", "2022-01-24", "in_progress", goal="ก", plan="ข"),
        "no report after that",
    )
    # a second completed report, even for an earlier week
    refuse(
        store,
        store_snapshot,
        report("D-PROG", "U-A", "2022-01-10", "completed", **SIX),
        "reported completed only once",
    )
    # the completion week of a directive with a completed_date takes only 'completed'
    msgs = refuse(
        store,
        store_snapshot,
        report("D-DONE", "U-A", "2022-01-17", "general", **SIX),
        "this week's report must have level 'completed'",
    )
    assert any("already reported D-DONE" in m for m in msgs)  # and U-A has reported it
    # a 'completed' report cannot come before the recorded completion week
    store.write(
        {
            "directives": [
                {"id": "D-DONE2", "fiscal_year": 2565, "title_th": "ปิดแล้ว", "level": "completed",
                 "meeting_date": dt.date(2022, 1, 3), "completed_date": dt.date(2022, 1, 19)}
            ],
            "directive_units": [{"directive_id": "D-DONE2", "unit_id": "U-B"}],
        }
    )  # fmt: skip
    refuse(
        store,
        store_snapshot,
        report("D-DONE2", "U-B", "2022-01-10", "completed", **SIX),
        "is recorded as completed on 2022-01-19, not in the week of 2022-01-10",
    )


def test_last_unit_completing_completes_the_directive(store):
    submit_report(store, report("D-CONT", "U-A", "2022-01-24", "completed", **SIX), now=NOW)
    assert store.read("directives").set_index("id").loc["D-CONT", "level"] == "continuing"
    chk = check_report(
        DirectiveContext.from_store(store),
        report("D-CONT", "U-B", "2022-01-24", "completed", **SIX),
        now=NOW,
    )
    assert chk.completes_directive and any("completes directive D-CONT" in n for n in chk.notes)
    submit_report(store, report("D-CONT", "U-B", "2022-01-24", "completed", **SIX), now=NOW)
    d = store.read("directives").set_index("id").loc["D-CONT"]
    assert d["level"] == "completed" and d["completed_date"] == dt.date(2022, 1, 28)
    ws = store.workspace(2565)
    assert ad.completed_this_week(ws, "2022-01-24")["directive_id"].tolist() == ["D-CONT"]
    assert "D-CONT" not in set(ad.directives_by_level(ws, "2022-01-31")["directive_id"])


def test_in_progress_with_extra_fields_is_accepted_with_a_note(store):
    rep = report("D-PROG", "U-B", "2022-01-24", "in_progress", **SIX)
    chk = check_report(DirectiveContext.from_store(store), rep, now=NOW)
    assert chk.ok
    assert any("only goal and plan are required" in n for n in chk.notes)
    rec = submit_report(store, rep, now=NOW)
    assert (rec.results, rec.impact) == (SIX["results"], SIX["impact"])  # kept as typed
    # and goal + plan alone are enough
    only = report("D-PROG", "U-A", "2022-01-24", "in_progress", goal="ก", plan="ข")
    assert submit_report(store, only, now=NOW).results is None


@pytest.mark.parametrize(
    ("rep", "expected"),
    [
        (report("D-GEN", "U-A", "2022-01-31", "general", **SIX), "is in the future"),
        (report("D-CONT", "U-A", "2021-12-27", "continuing", **SIX), "before the meeting"),
        (report("D-GEN", "U-C", "2022-01-24", "general", **SIX), "is not assigned to directive"),
        (report("D-NOPE", "U-A", "2022-01-24", "general", **SIX), "unknown directive 'D-NOPE'"),
        (report("D-GEN", "U-NOPE", "2022-01-24", "general", **SIX), "unknown unit 'U-NOPE'"),
        (
            report("D-CONT", "U-A", "2022-01-24", "continuing", goal="ก", plan="ข", results=" "),
            "missing required field(s) for level 'continuing': results, outputs, outcomes, impact",
        ),
        (
            report("D-PROG", "U-A", "2022-01-24", "in_progress", goal="ก"),
            "missing required field(s) for level 'in_progress': plan",
        ),
        (
            report("D-DONE", "U-A", "2022-01-10", "completed", **SIX),
            "a directive is reported completed only once",
        ),
        (report("D-GEN", "U-A", "2022-01-24", "urgent", **SIX), "unknown level 'urgent'"),
        (
            report("D-GEN", "U-A", "2022-01-24", "general", **{**SIX, "results": "ก" * 4001}),
            "results is longer than 4000 characters: 4001",
        ),
        (
            {**report("D-GEN", "U-A", "2022-01-24", "general", **SIX), "note": "x"},
            "unknown field(s): note",
        ),
    ],
    ids=[
        "future-week",
        "before-meeting",
        "unit-not-assigned",
        "unknown-directive",
        "unknown-unit",
        "missing-fields",
        "in-progress-needs-plan",
        "completed-twice",
        "unknown-level",
        "too-long",
        "unknown-key",
    ],
)
def test_bad_reports_are_refused_and_nothing_is_stored(store, store_snapshot, rep, expected):
    messages = refuse(store, store_snapshot, rep, expected)
    assert all("(" in m and ")" in m for m in messages)  # Thai with English alongside


def test_week_start_must_be_a_monday_but_the_form_normalises(store, store_snapshot):
    rep = {**report("D-GEN", "U-A", "2022-01-24", "general", **SIX), "week_start": "2022-01-26"}
    msgs = refuse(store, store_snapshot, rep, "week_start must be a Monday")
    assert any("2022-01-26 is a Wednesday; its week starts 2022-01-24" in m for m in msgs)
    assert any(m.startswith("สัปดาห์ที่รายงานต้องเป็นวันจันทร์") for m in msgs)
    assert report("D-GEN", "U-A", "26/01/2565", None)["week_start"] == dt.date(2022, 1, 24)


def test_every_problem_is_listed_at_once(store, store_snapshot):
    rep = {"directive_id": "D-NOPE", "unit_id": "U-NOPE", "week_start": "2022-01-26"}
    msgs = refuse(store, store_snapshot, rep, "unknown directive")
    assert len(msgs) >= 4  # Monday, directive, unit, missing goal/plan


def test_a_second_report_of_the_week_needs_replace(store, store_snapshot):
    first = submit_report(store, report("D-GEN", "U-A", "2022-01-24", "general", **SIX), now=NOW)
    refuse(
        store,
        store_snapshot,
        report("D-GEN", "U-A", "2022-01-24", "general", **SIX),
        "submit with replace=True to correct it",
    )
    later = NOW + dt.timedelta(hours=5)  # after the deadline: the correction is late
    fixed = submit_report(
        store,
        report("D-GEN", "U-A", "2022-01-24", "general", **{**SIX, "results": "แก้ไขแล้ว"}),
        now=later,
        replace=True,
    )
    assert fixed.id == first.id and store.counts()["weekly_reports"] == 2
    rows = store.read("weekly_reports").set_index("id")
    assert rows.loc[first.id, "results"] == "แก้ไขแล้ว"
    status = ad.weekly_status(store.workspace(2565), "2022-01-24").set_index("directive_id")
    assert status.loc["D-GEN", "status"] == "late"


def test_validate_report_on_a_workspace_and_allowed_levels(store):
    ws = store.workspace(2565)
    ok = report("D-GEN", "U-A", "2022-01-24", "general", **SIX)
    assert validate_report(ws, ok, now=NOW) == []
    assert allowed_levels(ws, "D-GEN", "2022-01-24") == [
        "general",
        "continuing",
        "in_progress",
        "completed",
    ]
    assert allowed_levels(ws, "D-DONE", "2022-01-17") == ["completed"]
    assert allowed_levels(ws, "D-DONE", "2022-01-10") == ["in_progress", "general", "continuing"]
    assert allowed_levels(ws, "D-DONE", "2022-01-24") == []
    # the level defaults to the directive's level as of the week
    assert validate_report(ws, report("D-CONT", "U-A", "2022-01-24", None, **SIX), now=NOW) == []


def test_the_level_is_the_state_of_the_week_and_may_change(store):
    """«หากสัปดาห์ใดที่ข้อสั่งการนั้นอยู่ในระดับ 2.4»: a continuing directive reported in
    progress one week (goal and plan only) and continuing again the next; completed ends it."""
    weeks = ["2022-01-10", "2022-01-17", "2022-01-24"]
    now = dt.datetime(2022, 1, 26, 10, 0, tzinfo=BANGKOK)
    # week 1: in progress, goal and plan suffice (the relief applies to that week)
    submit_report(
        store, report("D-CONT", "U-A", weeks[0], "in_progress", goal="ก", plan="ข"), now=now
    )
    # week 2: continuing again, so all six fields are required that week
    refuse(
        store,
        lambda st: st.read("weekly_reports").to_dict("records"),
        report("D-CONT", "U-A", weeks[1], "continuing", goal="ก", plan="ข"),
        "missing required field(s) for level 'continuing'",
        now=now,
    )
    submit_report(store, report("D-CONT", "U-A", weeks[1], "continuing", **SIX), now=now)
    ws = store.workspace(2565)
    assert [ad.level_as_of(ws, "D-CONT", w) for w in weeks] == [
        "in_progress",
        "continuing",
        "continuing",  # no report yet: the last reported level carries on
    ]
    by = {w: ad.directives_by_level(ws, w) for w in weeks[:2]}
    assert set(by[weeks[0]].loc[by[weeks[0]]["directive_id"] == "D-CONT", "level"]) == {
        "in_progress"
    }
    assert set(by[weeks[1]].loc[by[weeks[1]]["directive_id"] == "D-CONT", "level"]) == {
        "continuing"
    }
    # completed is terminal: U-A completes, U-B completes, then nothing after that week
    submit_report(store, report("D-CONT", "U-A", weeks[2], "completed", **SIX), now=now)
    submit_report(store, report("D-CONT", "U-B", weeks[2], "completed", **SIX), now=now)
    ws = store.workspace(2565)
    assert ad.level_as_of(ws, "D-CONT", weeks[2]) == "completed"
    assert ad.level_as_of(ws, "D-CONT", "2022-01-31") is None
    assert allowed_levels(ws, "D-CONT", "2022-01-31") == []


def test_form_logic(store):
    ctx = DirectiveContext.from_store(store)
    assert [v for _, v in unit_options(ctx)] == ["U-A", "U-B"]
    assert [v for _, v in directive_options(ctx, "U-A", "2022-01-24", now=NOW)] == [
        "D-CONT",
        "D-GEN",
        "D-PROG",
    ]
    s = form_state(ctx, "U-A", "D-PROG", "2022-01-26", now=NOW)
    assert s.week == dt.date(2022, 1, 24) and s.week_th == "24–30 มกราคม 2565"
    assert [v for _, v in s.levels] == ["in_progress", "general", "continuing", "completed"]
    assert s.levels[0] == ("ข้อสั่งการอยู่ระหว่างดำเนินการ", "in_progress")
    assert s.required["in_progress"] == ("goal", "plan") and len(s.required["completed"]) == 6
    assert s.deadline_th == "28 ม.ค. 2565 เวลา 16.00 น." and not s.blocked and not s.notes
    assert s.compilation_th == "วันจันทร์ที่ 31 มกราคม 2565 ช่วงเช้า"  # no invented hour
    s = form_state(ctx, "U-A", "D-DONE", "2022-01-24", now=NOW)
    assert s.levels == [] and any("no report is taken for a later week" in m for m in s.blocked)
    assert form_state(ctx, "U-A", "D-GEN", "2022-01-31", now=NOW).blocked  # future week


def test_the_form_widget_saves_and_refuses(store, store_snapshot):
    from kpyj_lib.apps.directive_form import DirectiveReportForm

    form = DirectiveReportForm(store, unit="U-A", now=NOW)
    assert form.week.value == dt.date(2022, 1, 28)
    form.directive.value = "D-CONT"
    assert form.level.value == "continuing"
    assert "* จำเป็น" in form.labels["impact"].value
    form.level.value = "completed"
    for f, v in SIX.items():
        form.fields[f].value = v
    form.fields["goal"].value = "<b>ตัวหนา</b>"
    saved = form.on_submit()
    assert saved is not None and saved.goal == "<b>ตัวหนา</b>"
    assert "บันทึกแล้ว" in form.message.value and "<b>ตัวหนา" not in form.message.value
    # the same week again: refused with the Thai message, nothing stored
    before = store_snapshot(store)
    form.directive.value = "D-GEN"
    form.fields["goal"].value = "ก"
    assert form.on_submit() is None
    assert "ยังไม่ได้บันทึก" in form.message.value and "ยังไม่ได้กรอก" in form.message.value
    assert store_snapshot(store) == before


# --------------------------------------------------------------------------- analyses
def test_sample_grouping_matches_the_workbook(sample_ws):
    by = ad.directives_by_level(sample_ws, "2022-02-09")
    groups = {lv: sorted(set(g["directive_id"])) for lv, g in by.groupby("level")}
    assert groups == {
        "general": ["DIR-2565-01", "DIR-2565-08", "DIR-2565-10"],
        "continuing": ["DIR-2565-02", "DIR-2565-03", "DIR-2565-09"],
        "completed": ["DIR-2565-04"],
        "in_progress": ["DIR-2565-06", "DIR-2565-07", "DIR-2565-11"],
    }
    assert by["level"].drop_duplicates().tolist() == list(ad.LEVELS)  # print-out order
    # DIR-2565-05: in progress one week, completed the next, then never again
    assert ad.level_as_of(sample_ws, "DIR-2565-05", "2022-01-10") == "in_progress"
    assert ad.completed_this_week(sample_ws, "2022-01-17")["directive_id"].tolist() == [
        "DIR-2565-05"
    ]
    assert ad.level_as_of(sample_ws, "DIR-2565-05", "2022-01-24") is None
    assert ad.completed_this_week(sample_ws, "2022-02-07")["directive_id"].tolist() == [
        "DIR-2565-04"
    ]
    assert "DIR-2565-04" not in set(ad.directives_by_level(sample_ws, "2022-02-14")["directive_id"])


def test_sample_planted_late_and_missing_reports(sample_ws):
    period = ad.report_status(sample_ws, "2021-10-01", "2022-03-06")
    assert period["expected"].all()  # every sample report was owed
    late = set(period.loc[period["status"] == "late", "report_id"])
    assert late == {"WR-2565-01-RLPD-20220124", "WR-2565-07-DOC-20220221"}
    missing = period[period["status"] == "missing"]
    assert list(
        zip(missing["directive_id"], missing["unit_id"], missing["week_start"], strict=True)
    ) == [("DIR-2565-03", "DOC", dt.date(2022, 2, 14))]
    edge = period.set_index("report_id").loc["WR-2565-10-DLE-20220117"]
    assert edge["status"] == "on_time"  # Friday 15:59:59
    week = ad.weekly_status(sample_ws, "2022-01-24").set_index("report_id")
    assert week.loc["WR-2565-01-RLPD-20220124", "status_th"] == "ส่งล่าช้า"  # 16:00:00
    comp = ad.unit_compliance(sample_ws, "2021-10-01", "2022-02-28").set_index("unit_id")
    assert (comp["expected"].sum(), comp["late"].sum(), comp["missing"].sum()) == (104, 2, 1)
    assert comp.loc["DOC", ["expected", "on_time", "late", "missing"]].tolist() == [16, 14, 1, 1]
    assert comp.loc["RLPD", "rate"] == pytest.approx(7 / 8)


def test_sample_stalled_directives(sample_ws):
    st = ad.stalled(sample_ws, "2022-02-28")
    assert set(zip(st["directive_id"], st["unit_id"], strict=True)) == {
        ("DIR-2565-06", "OJA"),
        ("DIR-2565-07", "DOC"),
        ("DIR-2565-07", "DOP"),
        ("DIR-2565-11", "OPS"),
    }
    assert set(st["reason"]) == {"no_results"}  # in-progress reports carry goal and plan only


def test_general_directives_expect_a_report_every_week_until_completed(store):
    ws = store.workspace(2565)
    exp = ad.expected_reports(ws, "2022-01-03", "2022-01-30")
    gen = exp[exp["directive_id"] == "D-GEN"]["week_start"].tolist()
    # the week after the meeting week; no earlier reporting start in this workspace's meta
    # besides the earliest report (week of 17 Jan)
    assert gen == [dt.date(2022, 1, 17), dt.date(2022, 1, 24)]
    store.write({"meta": [{"key": "directive_reporting_start", "value": "2022-01-03"}]})
    exp = ad.expected_reports(store.workspace(2565), "2022-01-03", "2022-01-30")
    gen = exp[exp["directive_id"] == "D-GEN"]["week_start"].tolist()
    assert gen == [dt.date(2022, 1, 10), dt.date(2022, 1, 17), dt.date(2022, 1, 24)]
    done = exp[exp["directive_id"] == "D-DONE"]["week_start"].tolist()
    assert done == [dt.date(2022, 1, 10), dt.date(2022, 1, 17)]  # up to its completion week


# --------------------------------------------------------------------------- import
def test_import_a_small_workbook_of_directives_and_reports(tmp_path, tmp_store):
    tables = small_tables()
    tables["weekly_reports"].append(
        {"id": "WR-GEN-A-20220117", "directive_id": "D-GEN", "unit_id": "U-A",
         "week_start": dt.date(2022, 1, 17),
         "submitted_at": dt.datetime(2022, 1, 21, 16, 0, 1, tzinfo=BANGKOK),
         "level": "general", **SIX}
    )  # fmt: skip
    path = write_workbook(tables, tmp_path / "directives.xlsx")
    written = import_workbook(path, tmp_store)
    assert written["directives"] == 4 and written["weekly_reports"] == 2
    assert written["directive_units"] == 6
    ws = tmp_store.workspace(2565)
    status = ad.weekly_status(ws, "2022-01-17").set_index(["directive_id", "unit_id"])
    assert status.loc[("D-GEN", "U-A"), "status"] == "late"
    assert status.loc[("D-DONE", "U-A"), "status"] == "on_time"
    assert status.loc[("D-CONT", "U-B"), "status"] == "missing"
    assert ad.completed_this_week(ws, "2022-01-17")["directive_id"].tolist() == ["D-DONE"]


# --------------------------------------------------------------------------- notebook
def test_notebooks_are_thin_and_without_outputs():
    import nbformat

    root = Path(__file__).resolve().parents[1] / "notebooks"
    for name in ("directives_weekly.ipynb", "apps/directive_report.ipynb"):
        nb = nbformat.read(root / name, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1
        assert all(not c.get("outputs") for c in code)
        assert all(len(c.source.splitlines()) <= 5 for c in code)
