"""Bad input in a batch of real province reports (issue 11), with one worker.

One worker, so that the province after each failure runs in the same worker (and, with
warm kernels, would run in the same kernel were it not replaced). The real province report
notebook is run with one cell added after its parameters:

* province 70: the notebook raises;
* province 48: the kernel dies (``os._exit`` in a cell);
* province 64: a chart cannot be drawn — the cell leaves the kernel's chart module
  broken (an A4 width that is not a number), so the province fails in its first chart
  cell, and the next province would fail too if it ran in the same kernel.

Each is one failed row in ``summary.json`` and the index, ``kpyj reports`` exits with
status 1, every other report is written, and the province after each failure is whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from kpyj_lib import cli, publish
from kpyj_lib.paths import NOTEBOOKS_DIR

pytestmark = pytest.mark.slow

AS_OF = "2022-06-30"
# each failing province is followed by a good one on the one worker
ORDER = ["70", "83", "48", "10", "64", "50"]
FAILED = {"70", "48", "64"}
BAD_CELL = """import os

if province == "70":
    raise ValueError("ข้อมูลจังหวัดเสียหาย (ทดสอบ)")
if province == "48":
    os._exit(1)  # the kernel dies
if province == "64":  # this province's charts cannot be drawn, and the module stays broken
    from kpyj_lib.render.charts import theme

    theme.A4_WIDTH_IN = float("nan")
"""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    nb = nbformat.read(NOTEBOOKS_DIR / publish.NOTEBOOKS["province"], as_version=4)
    at = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(at + 1, nbformat.v4.new_code_cell(BAD_CELL))
    path = tmp_path_factory.mktemp("nb") / "province_bad_input.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def batch(template, sample_db, tmp_path_factory):
    """``kpyj reports`` over ORDER with one worker, the template swapped for the bad one."""
    out = tmp_path_factory.mktemp("reports")
    mp = pytest.MonkeyPatch()
    mp.setitem(publish.NOTEBOOKS, "province", str(template))  # an absolute path wins
    try:
        argv = ["--db", sample_db, "reports", "--out", str(out), "--jobs", "1"]
        argv += ["--as-of", AS_OF, "--no-progress", "--force"]
        for code in ORDER:
            argv += ["--province", code]
        status = cli.main(argv)
    finally:
        mp.undo()
    return status, out / "2565"


def test_exit_status_is_1(batch):
    status, _ = batch
    assert status == 1


def test_each_failure_is_one_failed_row(batch):
    _, year = batch
    summary = json.loads((year / "summary.json").read_text(encoding="utf-8"))
    rows = {r["key"]: r for r in summary["reports"]}
    assert [r["key"] for r in summary["reports"]] == ORDER
    assert summary["counts"] == {"ok": 3, "skipped": 0, "failed": 3}
    assert {k for k, r in rows.items() if r["status"] == "failed"} == FAILED
    assert rows["70"]["error"] == "ValueError: ข้อมูลจังหวัดเสียหาย (ทดสอบ)"
    assert rows["48"]["error"].startswith("DeadKernelError")
    assert rows["64"]["error"].startswith("ValueError")  # matplotlib: no finite size
    for code in ("70", "64"):  # the error notebook with its error cell
        assert rows[code]["outputs"]["error"] == f"{code}/analysis.error.ipynb"
        assert rows[code]["error_cell"] is not None
        nb = json.loads((year / code / "analysis.error.ipynb").read_text(encoding="utf-8"))
        errors = [
            o for c in nb["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"
        ]
        assert errors and errors[0]["ename"] == "ValueError"
    # parameters [1], papermill's injected parameters [2], the bad cell [3]: counted from 1
    assert rows["70"]["error_cell"] == 3
    index = (year / publish.STATUS_PAGE).read_text(encoding="utf-8")  # the build status
    assert index.count("ล้มเหลว") >= 3
    assert "ข้อมูลจังหวัดเสียหาย (ทดสอบ)" in index and "DeadKernelError" in index


def test_every_other_report_is_written_whole(batch, sample_db):
    _, year = batch
    for code in sorted(set(ORDER) - FAILED):
        html = (year / code / "analysis.html").read_text(encoding="utf-8")
        assert html.count('class="kpyj-chart"') == 6  # every chart was drawn
        expected = publish.open_document("province", code, 2565, sample_db, AS_OF)
        assert expected.title_th in html
        nb = json.loads((year / code / "analysis.ipynb").read_text(encoding="utf-8"))
        counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1))  # a clean kernel: 1, 2, 3 ...
        assert not (year / code / "analysis.error.ipynb").exists()
    for code in FAILED:
        assert not (year / code / "analysis.html").exists()
