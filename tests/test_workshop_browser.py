"""The workshop and explorer apps in a real browser: Playwright drives Debian's Chromium
against Voila started on 127.0.0.1 at a free port with a temporary SQLite store holding the
sample data. Two browser contexts are two participants in their own kernels; everything
they share goes through the store.

Screenshots are kept in ``tests/artifacts/`` (git-ignored). The server is always stopped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kpyj_lib import serve
from kpyj_lib.batch import CHROMIUM, CHROMIUM_FLAGS
from kpyj_lib.io import import_workbook
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.services import workshop as wsl
from kpyj_lib.store import Store

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = list(CHROMIUM_FLAGS)  # the project's one set of flags
WAIT = 90_000  # ms: a kernel start under load can take a while; we wait for selectors
FAC, GUEST = "วิทยากร สกธ.", "ผู้เข้าร่วม ภูเก็ต"
IDEA_A = "ยกระดับศูนย์ข้อมูลอาชญากรรมจังหวัดให้ใช้งานได้จริง"
IDEA_B = "ขยายเครือข่ายยุติธรรมชุมชน <b>ทุกอำเภอ</b>"  # shown literally, never as HTML
IDEA_C = "ขับเคลื่อนแผนพัฒนาจังหวัดด้านความปลอดภัย"

pytestmark = [pytest.mark.timeout(900), pytest.mark.slow, pytest.mark.browser]  # Voila


@pytest.fixture(scope="module")
def sample_url(tmp_path_factory) -> str:
    d = tmp_path_factory.mktemp("workshop-browser")
    url = f"sqlite:///{d}/kpyj.sqlite"
    store = Store(url)
    store.init()
    import_workbook(SAMPLE_WORKBOOK, store, replace=True)
    store.close()
    return url


def _server(app: str, url: str, home: Path, **kw) -> Iterator[serve.VoilaServer]:
    env = {**os.environ, "KPYJ_HOME": str(home)}  # exports land in tmp
    server = serve.start(app, db_url=url, log_path=home / f"voila-{app}.log", env=env, **kw)
    try:
        server.wait_ready(timeout=120)
        yield server
    finally:
        server.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        (ARTIFACTS / f"voila-{app}.log").write_text(server.log_text(), encoding="utf-8")


@pytest.fixture(scope="module")
def workshop_server(sample_url, tmp_path_factory) -> Iterator[serve.VoilaServer]:
    home = tmp_path_factory.mktemp("voila-home")
    yield from _server("workshop", sample_url, home, preheat=True, pool_size=2)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _open(browser, url: str):
    ctx = browser.new_context(viewport={"width": 1280, "height": 2400}, accept_downloads=True)
    page = ctx.new_page()
    page.set_default_timeout(WAIT)
    page.goto(url, wait_until="commit")  # Voila streams the page while the kernel runs
    page.wait_for_selector(".kpyj-app .kpyj-ws-select select")
    return ctx, page


def _shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _add_idea(page, kind: str, text: str) -> None:
    page.click(f".kpyj-idea-type button:has-text('{kind}')")
    page.fill(".kpyj-idea-text textarea", text)
    page.click(".kpyj-add-idea")
    page.wait_for_selector(".kpyj-msg .kpyj-ok:has-text('บันทึกความคิด')")


def _dom_tally(page) -> dict[str, int]:
    rows = page.locator(".kpyj-tally-table tr[data-idea]")
    out = {}
    for i in range(rows.count()):
        row = rows.nth(i)
        out[row.get_attribute("data-idea")] = int(row.locator(".kpyj-tally-votes").inner_text())
    return out


def test_two_participants_brainstorm_vote_and_save(workshop_server, browser, sample_url):
    store = Store(sample_url)
    ctx_a, a = _open(browser, workshop_server.url)
    ctx_b, b = _open(browser, workshop_server.url)
    try:
        # the facilitator opens a session for Phuket
        a.fill(".kpyj-name input", FAC)
        a.click(".kpyj-new-box .jupyter-widget-Collapse-header")
        a.fill(".kpyj-new-title input", "ระดมความคิดเป้าหมายท้าทาย กพยจ.ภูเก็ต")
        a.locator(".kpyj-new-province select").select_option(label="ภูเก็ต (83)")
        a.click(".kpyj-new-session")
        a.wait_for_selector(".kpyj-title:has-text('WS-2565-83-01')")
        ws_id = "WS-2565-83-01"
        assert a.locator(".kpyj-facilitator-box").is_visible()

        # the participant's list (rendered before the session existed) catches up by polling
        b.wait_for_selector(f".kpyj-ws-select option:has-text('{ws_id}')", state="attached")
        b.locator(".kpyj-ws-select select").select_option(label=_option_label(b, ws_id))
        b.fill(".kpyj-name input", GUEST)
        b.click(".kpyj-join")
        b.wait_for_selector(f".kpyj-me:has-text('{GUEST}')")
        assert not b.locator(".kpyj-facilitator-box").is_visible()

        _add_idea(a, "ยกระดับ", IDEA_A)
        _add_idea(b, "ขยาย", IDEA_B)
        _add_idea(b, "ขับเคลื่อน", IDEA_C)
        a.wait_for_selector(f".kpyj-ideas li:has-text('{IDEA_C}')")  # seen through the store
        assert a.locator(".kpyj-ideas b:has-text('ทุกอำเภอ')").count() == 0  # not bold: text
        assert "<b>ทุกอำเภอ</b>" in a.locator(".kpyj-ideas").inner_text()

        a.click(".kpyj-next-stage")  # to voting
        for page in (a, b):
            page.wait_for_selector(".kpyj-vote-btn")
        _shot(b, "workshop_vote_participant.png")

        def vote(page, text: str) -> None:
            page.locator(".kpyj-idea-row", has_text=text).locator(".kpyj-vote-btn").click()
            page.wait_for_selector(
                f".kpyj-idea-row.kpyj-voted:has-text('{text[:20]}') .kpyj-vote-btn"
            )

        vote(b, IDEA_A)
        vote(b, IDEA_C)
        vote(a, IDEA_A)
        for page in (a, b):  # everyone's tally converges on 3 votes
            page.wait_for_selector(".kpyj-tally-total:text-is('3')")
        stored = {r.idea_id: r.votes for r in wsl.tally(store, ws_id)}
        assert _dom_tally(a) == stored == _dom_tally(b)
        assert sorted(stored.values()) == [0, 1, 2]
        assert b.locator(".kpyj-left").inner_text() == "1"

        a.click(".kpyj-next-stage")  # the leader becomes the objective
        b.wait_for_selector(f".kpyj-objective-title:has-text('{IDEA_A}')")
        objective = wsl.get_workshop(store, ws_id).objective_id
        assert objective == f"{ws_id}-O1"
        objs = store.read("objectives").set_index("id")
        assert (objs.loc[objective, "title_th"], objs.loc[objective, "province_code"]) == (
            IDEA_A,
            "83",
        )

        # a Key Result two units share: an End Product, flagged live and after saving
        a.fill(".kpyj-kr-title input", "ศูนย์ปฏิบัติการข้อมูลอาชญากรรมจังหวัดเปิดใช้งาน")
        a.fill(".kpyj-kr-baseline input", "0")
        a.fill(".kpyj-kr-target input", "1")
        a.fill(".kpyj-kr-unit input", "ศูนย์")
        owner = _option_label(a, "U83-JUS", ".kpyj-kr-owner")
        a.locator(".kpyj-kr-owner select").select_option(label=owner)
        a.locator(".kpyj-kr-contrib select").select_option(
            label=[_option_label(a, "U83-PRB", ".kpyj-kr-contrib")]
        )
        a.wait_for_selector(".kpyj-kr-class:has-text('End Product')")
        a.fill(".kpyj-kr-how textarea", "NCF; แอปพลิเคชันใช้ได้จริง เข้าถึงง่าย ปลอดภัย เป็นปัจจุบัน")
        for c in (1, 2, 4):
            a.locator(f".kpyj-kr-pmqa-{c} input").check()
        a.wait_for_selector(".kpyj-pmqa-message:has-text('มีทั้งขั้นการคิดและขั้นการลงมือทำ')")
        a.click(".kpyj-add-kr")
        for page in (a, b):
            page.wait_for_selector(".kpyj-kr-list .kpyj-end-product")
        _shot(a, "workshop_draft_facilitator.png")

        a.click(".kpyj-next-stage")  # save and close
        b.wait_for_selector(".kpyj-stage .kpyj-current[data-stage='closed']")
        with a.expect_download() as dl:
            a.click(".kpyj-export")
            a.click(".kpyj-download-link")
        saved = ARTIFACTS / "workshop_export.xlsx"
        dl.value.save_as(saved)
        assert saved.read_bytes()[:2] == b"PK"
        _shot(b, "workshop_closed_participant.png")

        ws = wsl.get_workshop(store, ws_id)
        assert ws.status == "closed"
        krs = store.read("key_results")
        kr = krs[krs["objective_id"] == objective]
        assert kr["id"].tolist() == [f"{objective}-KR1"]
        units = store.read("kr_units")
        assert sorted(units.loc[units["key_result_id"] == f"{objective}-KR1", "unit_id"]) == [
            "U83-JUS",
            "U83-PRB",
        ]
    except Exception:
        for name, page in (("facilitator", a), ("participant", b)):
            _shot(page, f"workshop_failure_{name}.png")
        raise
    finally:
        ctx_a.close()
        ctx_b.close()
        store.close()


def _option_label(page, code: str, widget: str = ".kpyj-ws-select") -> str:
    """The text of the option of a drop-down whose label names ``code``."""
    labels = page.locator(f"{widget} option").all_inner_texts()
    return next(x for x in labels if code in x)


def test_explorer_shows_a_province(sample_url, browser, tmp_path):
    for server in _server("explorer", sample_url, tmp_path, preheat=False):
        ctx = browser.new_context(viewport={"width": 1280, "height": 1400})
        page = ctx.new_page()
        page.set_default_timeout(WAIT)
        try:
            page.goto(server.url, wait_until="commit")
            page.wait_for_selector(".kpyj-explorer select", timeout=3 * WAIT)
            labels = page.locator(".kpyj-explorer select").first.locator("option").all_inner_texts()
            assert any("ภูเก็ต" in x for x in labels)
            page.wait_for_selector(".kpyj-explorer img, .kpyj-explorer svg")
            _shot(page, "explorer_graph.png")
            page.click(".kpyj-explorer .lm-TabBar-tab:has-text('ช่องว่าง')")
            page.wait_for_selector(".kpyj-explorer h4:has-text('orphans')")
            _shot(page, "explorer.png")
        finally:
            ctx.close()
