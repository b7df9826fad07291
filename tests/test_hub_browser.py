"""Many users, each in their place (issue 15): a real JupyterHub on 127.0.0.1 with the store
on PostgreSQL, configurable-http-proxy from npm, and people signing in with Playwright and
Debian's Chromium.

* the participant votes as themselves (no name to type), cannot go past the vote budget,
  has no leader controls, and a crafted click on the hidden "next stage" widget is refused
  by the services with a Thai message; an ``execute_request`` sent to the app's kernel runs
  nothing; ``/lab``, ``/terminals`` and starting kernels are refused;
* the reporter files only for their own unit: a crafted link for another unit is refused
  on the page, and a report sent after the unit was withdrawn is refused by the services
  with a Thai message, nothing stored;
* the workshop page works on a phone (360 × 740): join, vote, see the results.

The dummy authenticator (one shared test password) is used here only: kpyj refuses it off
127.0.0.1. The hub's log and screenshots are kept in ``tests/artifacts/``.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from pgserver import PgServer, start_pg
from playwright.sync_api import sync_playwright

from kpyj_lib.batch import CHROMIUM, CHROMIUM_FLAGS
from kpyj_lib.calendar import fiscal_year, today_bangkok
from kpyj_lib.hub import launch
from kpyj_lib.hub.settings import find_proxy
from kpyj_lib.io import import_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store
from kpyj_lib.store.pgroles import create_roles, role_url

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.postgres,
    pytest.mark.timeout(1500),
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "kpyj-test-password"
WAIT = 180_000  # ms: a server and a kernel start under load
FAC, PART, PHONE, REPORTER = "facilitator01", "participant01", "participant02", "report.dop"
DIRECTIVE = "DIR-HUB-1"


@pytest.fixture(scope="module")
def pg() -> Iterator[PgServer]:
    server = start_pg()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def store(pg: PgServer) -> Iterator[Store]:
    """The sample workspace (with its hub users) plus a directive of this week and an open
    session led by facilitator01."""
    s = Store(pg.url)
    s.init()
    import_workbook(SAMPLE_WORKBOOK, s, replace=True)
    today = today_bangkok()
    s.write(
        {
            "directives": [
                {
                    "id": DIRECTIVE,
                    "fiscal_year": fiscal_year(today),
                    "title_th": "รายงานความคืบหน้าการใช้ระบบหลายผู้ใช้ (ทดสอบ)",
                    "meeting_date": today - dt.timedelta(days=14),
                    "level": "continuing",
                }
            ],
            "directive_units": [
                {"directive_id": DIRECTIVE, "unit_id": u} for u in ("DOP", "OJA", "RLPD")
            ],
        }
    )
    create_roles(s)
    yield s
    s.close()


@pytest.fixture(scope="module")
def session_id(store: Store) -> str:
    ws = wsl.new_workshop(
        store,
        title_th="ระดมความคิดผ่าน JupyterHub",
        fiscal_year=fiscal_year(today_bangkok()),
        unit_id="OJA",
        facilitator=FAC,
        votes_per_participant=2,
        person=FAC,
    )
    for text in ("ยกระดับศูนย์ข้อมูล", "ขยายเครือข่ายยุติธรรมชุมชน", "ทำแผนที่อาชญากรรม"):
        wsl.add_idea(store, ws.id, idea_type="do", text_th=text, person=FAC)
    return ws.id


@pytest.fixture(scope="module")
def hub(store: Store, pg: PgServer, tmp_path_factory) -> Iterator[launch.HubServer]:
    assert find_proxy(), "configurable-http-proxy is missing: run make venv (npm)"
    home = tmp_path_factory.mktemp("hub")
    server = launch.start(
        db_url=pg.url,
        home=home,
        auth="dummy",
        log_path=home / "hub.log",
        extra_env={
            "KPYJ_HUB_TEST_PASSWORD": PASSWORD,
            "KPYJ_APP_DB_URL": role_url(store, "kpyj_app"),
            "KPYJ_READ_DB_URL": role_url(store, "kpyj_reader"),
        },
    )
    try:
        server.wait_ready(timeout=180)
        yield server
    finally:
        server.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copy(home / "hub.log", ARTIFACTS / "hub.log")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        try:
            yield b
        finally:
            b.close()


def sign_in(browser, hub: launch.HubServer, user: str, viewport=(1280, 2000)):
    """A browser context signed in as ``user``, on the page the hub lands them on."""
    ctx = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = ctx.new_page()
    page.set_default_timeout(WAIT)
    page.goto(hub.url + "hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", PASSWORD)
    page.click("#login_submit")
    page.wait_for_url("**/hub/home**")
    page.goto(hub.url + "hub/spawn", wait_until="commit")
    page.wait_for_url(f"**/user/{user}/**", timeout=WAIT)
    page.wait_for_selector(".kpyj-app")
    return ctx, page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def base(hub: launch.HubServer, user: str) -> str:
    return f"{hub.url}user/{user}/"


def rows(store: Store, sql: str, **params) -> list[tuple]:
    with store.engine.connect() as c:
        return [tuple(r) for r in c.execute(sa.text(sql), params)]


# A second websocket to the app's own kernel, opened from the page (same origin, the
# person's own cookie): it watches the widget updates and can send messages of its own.
SPY = """async () => {
  const cfg = JSON.parse(document.getElementById('jupyter-config-data').textContent);
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${proto}://${location.host}${cfg.baseUrl}api/kernels/${cfg.kernelId}` +
              `/channels?session_id=kpyj-spy`;
  const spy = {next: null, replies: [], ws: new WebSocket(url)};
  window.__kpyjSpy = spy;
  spy.ws.onmessage = (ev) => {
    if (typeof ev.data !== 'string') return;
    const m = JSON.parse(ev.data);
    const type = m.msg_type || (m.header && m.header.msg_type);
    const state = m.content && m.content.data && m.content.data.state;
    if (type === 'comm_msg' && state && typeof state.description === 'string'
        && state.description.includes('ใช้ความคิด')) spy.next = m.content.comm_id;
    if (['execute_reply', 'execute_result', 'stream', 'error'].includes(type)) {
      spy.replies.push(type);
    }
  };
  await new Promise((ok, fail) => { spy.ws.onopen = ok; spy.ws.onerror = fail; });
  return cfg.kernelId;
}"""

SEND = """([type, content]) => {
  const id = 'kpyj-' + Math.random().toString(16).slice(2);
  const header = {msg_id: id, msg_type: type, username: '', session: 'kpyj-spy',
                  date: new Date().toISOString(), version: '5.3'};
  window.__kpyjSpy.ws.send(JSON.stringify({header, parent_header: {}, metadata: {},
                                           content, channel: 'shell', buffers: []}));
  return id;
}"""


def test_participant_votes_as_themselves_and_nothing_more(browser, hub, store, session_id):
    marker = Path(hub.log_path).parent / "executed-by-a-participant"
    fac_ctx, fac = sign_in(browser, hub, FAC)
    par_ctx, par = sign_in(browser, hub, PART)
    try:
        # the participant types no name and has no leader controls
        assert "/voila/render/workshop.ipynb" in par.url
        assert par.locator(".kpyj-name").count() == 0
        assert par.locator(".kpyj-new-box").count() == 0
        assert "ผู้เข้าร่วม 01" in par.locator(".kpyj-signed-in").inner_text()
        par.click(".kpyj-join")
        par.wait_for_selector(f".kpyj-title:has-text('{session_id}')")
        assert par.locator(".kpyj-facilitator-box").count() == 0
        par.evaluate(SPY)

        # the facilitator leads: opens voting from their page
        assert fac.locator(".kpyj-new-box").count() == 1
        fac.click(".kpyj-join")
        fac.wait_for_selector(".kpyj-facilitator-box")
        fac.click(".kpyj-next-stage")
        fac.wait_for_selector(".kpyj-vote-btn")
        par.wait_for_selector(".kpyj-vote-btn")  # the participant's page follows (poll)

        # a crafted click on the participant's hidden "next stage" button: refused
        par.wait_for_function("() => window.__kpyjSpy.next !== null")
        comm = par.evaluate("() => window.__kpyjSpy.next")
        par.evaluate(
            SEND,
            [
                "comm_msg",
                {"comm_id": comm, "data": {"method": "custom", "content": {"event": "click"}}},
            ],
        )
        par.wait_for_selector(".kpyj-msg .kpyj-error:has-text('ท่านไม่ใช่ผู้ดำเนินการ')")
        assert wsl.get_workshop(store, session_id).status == "vote"

        # code sent to the app's kernel is not run
        code = (
            f"open({str(marker)!r}, 'w').write('x')\n"
            "from kpyj_lib.services import workshop as w\n"
            f"w.cast_vote(w.connect(), {session_id!r}, w.tally(w.connect(), {session_id!r})[0]"
            ".idea_id, person='participant03')"
        )
        request = {"code": code, "silent": False, "store_history": False,
                   "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}  # fmt: skip
        par.evaluate(SEND, ["execute_request", request])
        time.sleep(5)
        assert not marker.exists()
        assert par.evaluate("() => window.__kpyjSpy.replies") == []

        # votes as themselves, up to the budget of 2
        buttons = par.locator(".kpyj-vote-btn")
        buttons.nth(0).click()
        par.wait_for_selector(".kpyj-msg .kpyj-ok:has-text('เหลืออีก 1 เสียง')")
        par.locator(".kpyj-idea-row:not(.kpyj-voted) .kpyj-vote-btn").first.click()
        par.wait_for_selector(".kpyj-left:text-is('0')")
        # three ideas: two voted (retract buttons), the third cannot be voted for any more
        par.wait_for_function(
            """() => { const b = [...document.querySelectorAll('.kpyj-vote-btn')];
                       return b.length === 3 && b.filter(x => x.disabled).length === 1; }"""
        )
        assert par.locator(".kpyj-vote-btn:disabled").inner_text().strip() == "ลงคะแนน"
        votes = rows(
            store,
            "SELECT v.voter FROM votes v JOIN ideas i ON i.id = v.idea_id "
            "WHERE i.workshop_id = :ws",
            ws=session_id,
        )
        assert sorted(votes) == [(PART,), (PART,)]  # no other name, not past the budget
        shot(par, "hub-participant.png")

        # no JupyterLab, no terminals, no new kernels
        for path in ("lab", "tree", "terminals/1", "api/terminals"):
            assert par_ctx.request.get(base(hub, PART) + path).status == 404, path
        xsrf = next(
            c["value"] for c in par_ctx.cookies() if c["name"] == "_xsrf" and PART in c["path"]
        )
        resp = par_ctx.request.post(
            base(hub, PART) + "api/kernels", headers={"X-XSRFToken": xsrf}, data="{}"
        )
        assert resp.status == 403
        resp = par_ctx.request.put(
            base(hub, PART) + "api/contents/evil.ipynb",
            headers={"X-XSRFToken": xsrf},
            data=json.dumps({"type": "notebook", "content": {}}),
        )
        assert resp.status == 403
        assert "refused execute" not in hub.log_text()  # the app's own widget traffic passes
        # the facilitator, by contrast, gets their leader controls
        assert fac.locator(".kpyj-facilitator-box").is_visible()
    finally:
        fac_ctx.close()
        par_ctx.close()


def test_reporter_files_only_for_their_unit(browser, hub, store):
    ctx, page = sign_in(browser, hub, REPORTER)
    try:
        assert "/voila/render/directive_report.ipynb" in page.url
        units = page.locator(".kpyj-unit select option").all_inner_texts()
        assert len(units) == 1 and "(DOP)" in units[0]
        page.locator(".kpyj-directive select").select_option(index=_option(page, DIRECTIVE))
        for field in ("goal", "plan", "results", "outputs", "outcomes", "impact"):
            page.fill(f".kpyj-field-{field} textarea", f"รายงานของกรมคุมประพฤติ ({field})")
        page.click(".kpyj-submit")
        page.wait_for_selector(".kpyj-message:has-text('บันทึกแล้ว')")
        assert rows(
            store, "SELECT unit_id FROM weekly_reports WHERE directive_id = :d", d=DIRECTIVE
        ) == [("DOP",)]

        # a crafted link for another unit: refused on the page, OJA not offered
        page.goto(base(hub, REPORTER) + "voila/render/directive_report.ipynb?unit=OJA")
        page.wait_for_selector(".kpyj-message:has-text('ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน OJA')")
        assert all(
            "(OJA)" not in u for u in page.locator(".kpyj-unit select option").all_inner_texts()
        )

        # the unit withdrawn while the form is open: the services refuse, nothing stored
        page.goto(base(hub, REPORTER) + "voila/render/directive_report.ipynb?unit=DOP")
        page.wait_for_selector(".kpyj-unit select")
        page.locator(".kpyj-directive select").select_option(index=_option(page, DIRECTIVE))
        page.check(".kpyj-replace input")
        for field in ("goal", "plan"):
            page.fill(f".kpyj-field-{field} textarea", "แก้ไขหลังถูกถอนสิทธิ์")
        with store.engine.begin() as c:
            c.execute(sa.text("DELETE FROM person_units WHERE person_id = :p"), {"p": REPORTER})
        before = rows(
            store, "SELECT id, goal FROM weekly_reports WHERE directive_id = :d", d=DIRECTIVE
        )
        page.click(".kpyj-submit")
        page.wait_for_selector(".kpyj-message:has-text('ท่านไม่มีสิทธิ์รายงานในนามหน่วยงาน DOP')")
        after = rows(
            store, "SELECT id, goal FROM weekly_reports WHERE directive_id = :d", d=DIRECTIVE
        )
        assert after == before
        shot(page, "hub-reporter.png")
        assert ctx.request.get(base(hub, REPORTER) + "lab").status == 404
    finally:
        with store.engine.begin() as c:
            c.execute(
                sa.text(
                    "INSERT INTO person_units (person_id, unit_id) VALUES (:p, 'DOP') "
                    "ON CONFLICT DO NOTHING"
                ),
                {"p": REPORTER},
            )
        ctx.close()


def _option(page, directive_id: str) -> int:
    """The index of a directive in the form's list (once the kernel has filled it)."""
    page.wait_for_selector(
        f".kpyj-directive select option:has-text('{directive_id}')", state="attached"
    )
    labels = page.locator(".kpyj-directive select option").all_inner_texts()
    return next(i for i, t in enumerate(labels) if directive_id in t)


def test_workshop_on_a_phone(browser, hub, store, session_id):
    if wsl.get_workshop(store, session_id).status == "brainstorm":  # run on its own
        wsl.set_stage(store, session_id, "vote", person=FAC)
    ctx, page = sign_in(browser, hub, PHONE, viewport=(360, 740))
    try:
        page.click(".kpyj-join")
        page.wait_for_selector(".kpyj-vote-btn")
        page.locator(".kpyj-vote-btn").first.click()
        page.wait_for_selector(".kpyj-msg .kpyj-ok:has-text('เหลืออีก 1 เสียง')")
        page.wait_for_selector(".kpyj-tally-table")
        shot(page, "hub-phone-360.png")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 362, f"the page is {width} px wide on a 360 px phone"
        for sel in (".kpyj-vote-btn", ".kpyj-tally-table", ".kpyj-left"):
            box = page.locator(sel).first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 362, (sel, box)
        assert rows(store, "SELECT count(*) FROM votes WHERE voter = :v", v=PHONE) == [(1,)]
    finally:
        ctx.close()
