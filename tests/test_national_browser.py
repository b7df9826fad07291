"""The national overview as สกธ. opens it: ``kpyj reports --pilot`` on the sample, then
``reports/2565/index.html`` in headless Debian Chromium (Playwright) — Thai rendered in the
embedded Sarabun, all 77 provinces on the map, every tile a working link, a province without
data shown as «ไม่มีข้อมูล», the measure picked without any script."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from kpyj_lib.batch import CHROMIUM_FLAGS
from kpyj_lib.cli import main
from kpyj_lib.reference import model_provinces

ARTIFACTS = Path(__file__).parent / "artifacts"
pytestmark = [pytest.mark.slow, pytest.mark.browser]  # kernels, then Chromium


@pytest.fixture(scope="module")
def year(sample_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    argv = ["--db", sample_db, "reports", "--pilot", "--out", str(out), "--jobs", "2",
            "--no-progress"]  # fmt: skip
    assert main(argv) == 0
    return out / "2565"


def test_the_overview_in_chromium(year):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=list(CHROMIUM_FLAGS))
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto((year / "index.html").as_uri())
            page.wait_for_load_state("load")
            assert "ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ" in page.title()
            assert "ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ" in page.locator("h1").first.inner_text()
            assert page.locator("text=ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ").count() >= 1
            # Thai in the embedded Sarabun: the font faces are in the page and loaded
            assert page.evaluate("document.fonts.check('16px Sarabun', 'ภูเก็ต')")
            loaded = page.evaluate(
                "document.fonts.ready.then(() => [...document.fonts]"
                ".filter(f => f.family.replace(/\"/g, '') === 'Sarabun' && f.status === 'loaded')"
                ".map(f => f.weight))"
            )
            assert {"400", "700"} <= set(loaded), loaded

            # 77 tiles, each a link that leads somewhere real
            tiles = page.eval_on_selector_all(
                "a.kpyj-tile",
                "as => as.map(a => [a.dataset.code, a.getAttribute('href'), a.innerText])",
            )
            assert len(tiles) == 77 and len({c for c, _, _ in tiles}) == 77
            for code, href, _ in tiles:
                assert href, code
                if href.startswith("#"):
                    assert href == f"#p-{code}"
                    assert page.locator(f"tr[id='p-{code}']").count() == 1
                else:
                    assert href == f"{code}/analysis.html" and (year / href).is_file(), code
            linked = {c for c, h, _ in tiles if h.endswith("analysis.html")}
            assert linked == set(model_provinces())
            # the province without data says so on the map, never 0
            text = {c: t for c, _, t in tiles}
            assert "ไม่มีข้อมูล" in text["66"] and "\n0" not in text["66"]
            hatched = page.eval_on_selector(
                "a.kpyj-tile[data-code='66']", "a => getComputedStyle(a).backgroundImage"
            )
            assert "repeating-linear-gradient" in hatched

            page.screenshot(path=str(ARTIFACTS / "national_overview.png"), full_page=False)
            page.screenshot(path=str(ARTIFACTS / "national_overview_full.png"), full_page=True)

            # pick another measure: the colours and the legend change, no script involved
            def colour(code: str) -> str:
                return page.eval_on_selector(
                    f"a.kpyj-tile[data-code='{code}']", "a => getComputedStyle(a).backgroundColor"
                )

            before = colour("83")
            assert page.locator(".kpyj-legend-coverage").is_hidden()
            page.click("label[for='kpyj-m-coverage']")
            assert page.locator(".kpyj-legend-coverage").is_visible()
            assert colour("83") != before
            page.locator(".kpyj-map").screenshot(
                path=str(ARTIFACTS / "national_overview_coverage.png")
            )
            assert page.locator("script").count() == 0

            # a tile opens its province's report
            page.click("a.kpyj-tile[data-code='83']")
            page.wait_for_load_state("load")
            assert page.url.endswith("/83/analysis.html")
            assert "จังหวัดภูเก็ต" in page.locator("h1").first.inner_text()
            # and the build status is one link away
            page.go_back()
            page.click("a[href='status.html']")
            page.wait_for_load_state("load")
            assert page.url.endswith("/status.html")
        finally:
            browser.close()
