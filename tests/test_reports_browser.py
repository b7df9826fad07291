"""The main job end to end: `kpyj reports` on the sample store, then the index and a report
opened in headless Debian Chromium (Playwright), checking the Thai title and the images."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kpyj_lib.batch import CHROMIUM_FLAGS
from kpyj_lib.cli import main

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = [pytest.mark.slow, pytest.mark.browser]  # kernels, then Chromium


@pytest.fixture(scope="module")
def reports(sample_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    argv = ["--db", sample_db, "reports", "--province", "83", "--province", "64",
            "--out", str(out), "--jobs", "2", "--no-progress"]  # fmt: skip
    assert main(argv) == 0
    return out / "2565"


def test_summary_lists_both_provinces(reports):
    summary = json.loads((reports / "summary.json").read_text(encoding="utf-8"))
    assert {r["key"]: r["status"] for r in summary["reports"]} == {"83": "ok", "64": "ok"}
    assert summary["sample"] is True
    for code in ("83", "64"):
        assert (reports / code / "analysis.html").is_file()
        assert (reports / code / "analysis.ipynb").is_file()


def test_index_and_report_render_in_chromium(reports):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            # the build status page (index.html is the national overview since issue 13)
            page.goto((reports / "status.html").as_uri())
            assert "รายงานวิเคราะห์ กพยจ." in page.title()
            assert page.locator("text=ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ").count() >= 1
            page.screenshot(path=str(ARTIFACTS / "reports_index.png"), full_page=True)

            page.click("a:has-text('83 ภูเก็ต')")
            page.wait_for_load_state("load")
            assert page.url.endswith("/83/analysis.html")
            h1 = page.locator("h1").first.inner_text()
            assert "จังหวัดภูเก็ต" in h1
            # every chart drawn inline at the page's width, its Thai text laid out by the
            # browser in the embedded Sarabun (a text element with no width was not drawn)
            sizes = page.eval_on_selector_all(
                "div.kpyj-chart > svg",
                "svgs => svgs.map(s => [s.getBoundingClientRect().width,"
                " s.querySelectorAll('text').length,"
                " Math.min(...[...s.querySelectorAll('text')].map(t => t.getBBox().width))])",
            )
            assert len(sizes) >= 6
            assert all(w > 100 and n >= 3 and least > 0 for w, n, least in sizes), sizes
            # the embedded Thai font is used, so Thai does not depend on system fonts
            assert page.evaluate("document.fonts.check('16px Sarabun', 'ภูเก็ต')")
            # no code cell is visible in the report
            assert page.locator(".jp-CodeCell .jp-InputArea").count() == 0
            assert "open_report(" not in page.content()
            assert "open_document(" not in page.content()
            page.screenshot(path=str(ARTIFACTS / "report_83.png"), full_page=False)
        finally:
            browser.close()
