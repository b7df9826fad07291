"""Batch report runs: real papermill runs with real kernels, kept few and small.

One module-scoped batch of three jobs (one of which fails) serves most tests; the tests
that run again (skip, force, PDF, a failure after a success) come last in the file. The
tests that need no kernel are in the fast loop (``make check``); the index page and the
job builder of ``kpyj reports`` are tested in ``tests/test_publish.py``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kpyj_lib import batch
from kpyj_lib.batch import Job, run_jobs
from kpyj_lib.exceptions import ReportError
from kpyj_lib.publish import write_index

NB_DIR = Path(__file__).parent / "notebooks"
HEADLINE_NB = NB_DIR / "headline.ipynb"
FAILS_NB = NB_DIR / "fails.ipynb"
XSS = "<script>alert(1)</script>"


def _jobs(root: Path) -> list[Job]:
    return [
        Job(
            HEADLINE_NB,
            root / "83",
            parameters={"province": "83", "fiscal_year": 2565, "note": XSS},
            label=f"83 ภูเก็ต {XSS}",
            key="83",
            env={"KPYJ_BATCH_TEST": "ค่าจาก Job.env"},  # reaches the kernel, not the notebook
        ),
        Job(FAILS_NB, root / "70", parameters={"province": "70"}, label="70 ราชบุรี", key="70"),
        Job(FAILS_NB, root / "48", parameters={"province": "48"}, label="48 นครพนม", key="48"),
    ]


slow = pytest.mark.slow  # starts kernels


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("reports")
    jobs = _jobs(root)
    results = run_jobs(jobs, workers=2, progress=False)
    write_index(results, root, title="รายงานทดสอบ", fiscal_year=2565, sample=True)
    return root, jobs, {r.key: r for r in results}


def _tmp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if ".tmp" in p.name]


# ------------------------------------------------------------------ one batch, one failure
@slow
def test_failure_is_isolated(run):
    root, _, res = run
    assert [res[k].status for k in ("83", "70", "48")] == ["ok", "failed", "ok"]
    for code in ("83", "48"):
        assert (root / code / "analysis.ipynb").is_file()
        assert (root / code / "analysis.html").is_file()
        assert not (root / code / "analysis.error.ipynb").exists()
    assert (root / "70" / "analysis.error.ipynb").is_file()
    assert not (root / "70" / "analysis.ipynb").exists()
    assert not (root / "70" / "analysis.html").exists()
    assert res["70"].error == "ValueError: ข้อมูลจังหวัดเสียหาย"
    assert res["70"].outputs["error"] == "analysis.error.ipynb"
    # the error notebook holds the traceback of the failing cell
    error_nb = json.loads((root / "70" / "analysis.error.ipynb").read_text(encoding="utf-8"))
    outputs = [o for c in error_nb["cells"] for o in c.get("outputs", [])]
    errors = [o for o in outputs if o["output_type"] == "error"]
    assert errors and errors[0]["ename"] == "ValueError"


@slow
def test_summary_names_the_failure(run):
    root, _, _ = run
    summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"] == {"ok": 2, "skipped": 0, "failed": 1}
    assert summary["sample"] is True and summary["fiscal_year"] == 2565
    by_key = {r["key"]: r for r in summary["reports"]}
    assert by_key["70"]["status"] == "failed"
    assert by_key["70"]["error"] == "ValueError: ข้อมูลจังหวัดเสียหาย"
    assert by_key["70"]["outputs"]["error"] == "70/analysis.error.ipynb"
    assert by_key["48"]["outputs"] == {"ipynb": "48/analysis.ipynb", "html": "48/analysis.html"}
    raw = (root / "summary.json").read_text(encoding="utf-8")
    assert "ข้อมูลจังหวัดเสียหาย" in raw  # UTF-8, not \u-escaped
    text = batch.format_summary(list(run[2].values()))
    assert "ล้มเหลว (failed) 1" in text and "70 ราชบุรี: ValueError: ข้อมูลจังหวัดเสียหาย" in text


@slow
def test_headline_is_read_from_the_notebook(run):
    root, _, res = run
    assert res["83"].headline == {
        "province": "83",
        "name_th": "ภูเก็ต",  # the kernel imported kpyj_lib: it runs the project's Python
        "objectives": 83 % 7,
        "progress": 0.625,
        "as_of": "",
        "note": XSS,
        "env": "ค่าจาก Job.env",
    }
    assert res["48"].headline == {"province": "48", "objectives": 3}
    assert res["70"].headline == {}
    # Job.env is not recorded as a parameter (papermill records parameters in the notebook)
    executed = json.loads((root / "83" / "analysis.ipynb").read_text(encoding="utf-8"))
    recorded = json.dumps(executed["metadata"]) + "".join(
        "".join(c["source"]) for c in executed["cells"]
    )
    assert "ค่าจาก Job.env" not in recorded and "KPYJ_BATCH_TEST=" not in recorded


@slow
def test_html_hides_code_and_is_thai(run):
    root, _, _ = run
    page = (root / "83" / "analysis.html").read_text(encoding="utf-8")
    assert '<html lang="th">' in page
    assert '<meta charset="utf-8"' in page
    assert "จังหวัดภูเก็ต ปีงบประมาณ 2565" in page  # the printed output
    assert "province_name(" not in page  # the code is hidden
    assert 'font-family: "Sarabun"' in page and "data:font/ttf;base64," in page
    assert "@page { size: A4" in page
    assert "headline 83" not in page  # headline outputs are data, not content
    assert "<script src=" not in page  # no CDN scripts: reports work offline


@slow
def test_index_escapes_user_text(run):
    root, _, _ = run
    page = (root / "index.html").read_text(encoding="utf-8")
    assert '<html lang="th">' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page.lower()
    assert "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ" in page  # Thai only by default
    assert 'href="83/analysis.html"' in page
    assert 'href="70/analysis.error.ipynb"' in page
    assert "ValueError: ข้อมูลจังหวัดเสียหาย" in page


@slow
def test_no_temporary_files_left(run):
    root, _, _ = run
    assert _tmp_files(root) == []


# ------------------------------------------------------------------ no kernels needed
def test_parameters_must_be_ascii_and_json_friendly(tmp_path):
    with pytest.raises(ReportError, match="ASCII"):
        Job(HEADLINE_NB, tmp_path, parameters={"province": "ภูเก็ต"})
    with pytest.raises(ReportError, match="date"):
        Job(HEADLINE_NB, tmp_path, parameters={"as_of": dt.date(2022, 9, 30)})
    with pytest.raises(ReportError):
        Job(HEADLINE_NB, tmp_path, parameters={"values": [1, float("nan")]})
    with pytest.raises(ReportError):
        Job(HEADLINE_NB, tmp_path, parameters={"not an identifier": 1})
    with pytest.raises(ReportError):
        Job(HEADLINE_NB, tmp_path, stem="../analysis")
    ok = Job(HEADLINE_NB, tmp_path, parameters={"codes": ["83", "48"], "n": 2, "x": None})
    assert ok.parameters["codes"] == ["83", "48"]
    assert list(tmp_path.iterdir()) == []


def test_bad_jobs_are_refused_before_anything_runs(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="template"):
        run_jobs([Job(tmp_path / "missing.ipynb", out)], workers=1, progress=False)
    same = [Job(HEADLINE_NB, out, key="a"), Job(FAILS_NB, out, key="b")]
    with pytest.raises(ReportError):
        run_jobs(same, workers=1, progress=False)
    with pytest.raises(ReportError):
        run_jobs([Job(HEADLINE_NB, out)], workers=0, progress=False)
    assert not out.exists()


def test_fingerprint_follows_inputs(tmp_path):
    job = Job(HEADLINE_NB, tmp_path, parameters={"province": "83"})
    base = batch.job_fingerprint(job)
    assert batch.job_fingerprint(job) == base
    assert batch.job_fingerprint(job, "data-v2") != base
    other = Job(HEADLINE_NB, tmp_path, parameters={"province": "48"})
    assert batch.job_fingerprint(other) != base
    copy = tmp_path / "copy.ipynb"
    copy.write_bytes(HEADLINE_NB.read_bytes() + b"\n")
    assert batch.job_fingerprint(Job(copy, tmp_path, parameters={"province": "83"})) != base


def test_html_to_pdf_needs_chromium(tmp_path, monkeypatch):
    monkeypatch.setattr(batch.export, "find_chromium", lambda: None)
    with pytest.raises(ReportError, match="chromium"):
        batch.html_to_pdf(tmp_path / "a.html", tmp_path / "a.pdf")
    with pytest.raises(ReportError, match="chromium"):
        run_jobs([Job(HEADLINE_NB, tmp_path / "x")], pdf=True, progress=False)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ runs again (kernels)
@slow
@pytest.mark.browser
def test_rerun_skips_unchanged_and_force_reruns_with_pdf(run):
    root, jobs, first = run
    again = {r.key: r for r in run_jobs(jobs, workers=2, progress=False)}
    assert again["83"].status == "skipped" and again["48"].status == "skipped"
    assert again["83"].headline == first["83"].headline  # kept from the previous run
    assert again["70"].status == "failed"  # a failure is never skipped
    forced = run_jobs([jobs[0]], workers=2, progress=False, force=True, pdf=True)
    assert forced[0].status == "ok" and forced[0].outputs["pdf"] == "analysis.pdf"
    assert (root / "83" / "analysis.pdf").read_bytes().startswith(b"%PDF")
    assert _tmp_files(root) == []


@slow
def test_failure_after_success_replaces_the_stale_report(tmp_path):
    out = tmp_path / "64"
    good = Job(FAILS_NB, out, parameters={"province": "64"}, key="64")
    bad = Job(FAILS_NB, out, parameters={"province": "70"}, key="64")
    assert run_jobs([good], workers=1, progress=False)[0].status == "ok"
    res = run_jobs([bad], workers=1, progress=False)[0]
    assert res.status == "failed"
    names = sorted(p.name for p in out.iterdir())
    assert "analysis.html" not in names and "analysis.ipynb" not in names
    assert "analysis.error.ipynb" in names and ".analysis.state.json" not in names
