"""What ``kpyj reports`` publishes: the one job builder, the index page, the CLI's run.

The job builder and the index need no kernel (the fast loop, ``make check``); the
end-to-end run of ``kpyj reports`` starts kernels and is marked ``slow``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest

from kpyj_lib import publish
from kpyj_lib.batch import JobResult
from kpyj_lib.cli import main
from kpyj_lib.exceptions import KpyjError, ReportError, UnknownProvinceError
from kpyj_lib.publish import document_jobs, write_index

NB_DIR = Path(__file__).parent / "notebooks"
HEADLINE_NB = NB_DIR / "headline.ipynb"
XSS = "<script>alert(1)</script>"


def _tmp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if ".tmp" in p.name]


@pytest.fixture
def tiny_store(tmp_store):
    from kpyj_lib.examples import tiny_tables

    tmp_store.write(tiny_tables(), replace=True)
    return tmp_store


# ------------------------------------------------------------------ the one job builder
def test_province_report_jobs(tiny_store, tmp_path):
    tmp_store = tiny_store
    jobs = document_jobs(
        "province",
        tmp_store,
        2565,
        ["83", 64, "83"],
        tmp_path,
        dt.date(2022, 9, 30),
        notebook=HEADLINE_NB,
    )
    assert [j.key for j in jobs] == ["83", "64"]
    assert jobs[0].label == "83 ภูเก็ต"
    assert jobs[0].output_dir == tmp_path / "2565" / "83"
    p = jobs[0].parameters
    assert p["province"] == "83" and p["fiscal_year"] == 2565 and p["as_of"] == "2022-09-30"
    assert p["db_url"] == f"sqlite:///{tmp_path}/kpyj.sqlite"
    with pytest.raises(UnknownProvinceError):
        document_jobs("province", tmp_store, 2565, ["../../etc"], tmp_path, notebook=HEADLINE_NB)
    # the data of the year is part of the fingerprint
    before = jobs[0].input_fingerprint
    tmp_store.write({"meta": [{"key": "note", "value": "แก้ไขแล้ว"}]})
    after = document_jobs("province", tmp_store, 2565, ["83"], tmp_path, notebook=HEADLINE_NB)
    assert after[0].input_fingerprint != before


def test_lessons_jobs_put_the_synthesis_last_and_fix_one_date(tiny_store, tmp_path):
    jobs = document_jobs("lessons", tiny_store, 2565, ["all", "83", "64", "83"], tmp_path)
    assert [(j.key, j.stem) for j in jobs] == [
        ("83", "lessons"),
        ("64", "lessons"),
        ("ALL", "lessons_synthesis"),
    ]
    assert jobs[0].output_dir == tmp_path / "2565" / "83"
    assert jobs[-1].output_dir == tmp_path / "2565"
    assert jobs[-1].parameters["province"] == "ALL"
    assert jobs[0].title == "ถอดบทเรียน กพยจ. จังหวัดภูเก็ต ปีงบประมาณ พ.ศ. 2565"
    # no as_of given: one date resolved here for every notebook and DOCX (ISO, ASCII)
    days = {j.parameters["as_of"] for j in jobs}
    assert len(days) == 1 and dt.date.fromisoformat(days.pop())
    assert jobs[0].notebook.name == "lessons_learned.ipynb"
    with pytest.raises(UnknownProvinceError):  # "ALL" is only a lessons scope
        document_jobs("province", tiny_store, 2565, ["ALL"], tmp_path)
    with pytest.raises(ReportError, match="as_of"):
        document_jobs("lessons", tiny_store, 2565, ["83"], tmp_path, "30/09/2565")


def test_the_lessons_notebook_writes_its_word_file_and_the_docx_step_keeps_it(tiny_store, tmp_path):
    (job,) = document_jobs("lessons", tiny_store, 2565, ["83"], tmp_path)
    docx = job.output_dir / "lessons.docx"
    assert job.parameters["docx"] == str(docx.absolute())  # beside the page, ASCII
    docx.parent.mkdir(parents=True)
    started = time.time()
    docx.write_bytes(b"written by the notebook")
    res = JobResult(job.key, job.label, "ok", 1.0, outputs={"html": "lessons.html"})
    # written during this run: kept as it is (no workspace: a second build would fail)
    publish.write_lessons_docx([job], [res], None, written_since=started)
    assert docx.read_bytes() == b"written by the notebook"
    assert res.outputs["docx"] == "lessons.docx"
    # older than the run (a notebook without the cell): built here, from the same document
    os.utime(docx, (started - 60, started - 60))
    publish.write_lessons_docx([job], [res], tiny_store.workspace(2565), written_since=started)
    assert docx.read_bytes()[:2] == b"PK"  # a real .docx (a zip)
    # a failed job leaves no Word file of older data
    failed = JobResult(job.key, job.label, "failed", 1.0, error="boom")
    publish.write_lessons_docx([job], [failed], None, written_since=started)
    assert not docx.exists()
    # parameters are ASCII: under a Thai folder the notebook gets none, the DOCX step writes it
    (thai,) = document_jobs("lessons", tiny_store, 2565, ["83"], tmp_path / "รายงาน")
    assert "docx" not in thai.parameters


def test_directives_job_is_one_week_of_every_year(tiny_store, tmp_path):
    (job,) = document_jobs("directives", tiny_store, None, (), tmp_path, "2022-01-19")
    assert job.output_dir == tmp_path / "directives"
    assert job.stem == job.key == "directives_2022-01-17"  # the Monday of the week
    assert job.parameters == {
        "week": "2022-01-17",
        "fiscal_year": 0,
        "lang": "th",
        "db_url": f"sqlite:///{tmp_path}/kpyj.sqlite",
    }
    assert "ประจำสัปดาห์ระหว่างวันที่ 17–23 มกราคม 2565" in job.title
    assert job.notebook.name == "directives_weekly.ipynb"


def test_jobs_are_refused_before_anything_is_written(tiny_store, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ReportError, match="kind"):
        document_jobs("brochure", tiny_store, 2565, ["83"], out)
    with pytest.raises(ReportError, match="template"):
        document_jobs("province", tiny_store, 2565, ["83"], out, notebook=tmp_path / "no.ipynb")
    with pytest.raises(ReportError, match="2566"):
        document_jobs("province", tiny_store, 2566, ["83"], out, workspace=tiny_store.workspace())
    with pytest.raises(ReportError, match="memory"):
        from kpyj_lib.store import Store

        memory = Store("sqlite://")
        memory.init()
        document_jobs("province", memory, 2565, ["83"], out, workspace=tiny_store.workspace())
    assert not out.exists()


def test_store_password_stays_out_of_the_notebook():
    class FakeStore:
        import sqlalchemy as sa

        url = sa.make_url("postgresql+psycopg://kpyj:s3cret@db.example/kpyj")

    db_url, env = publish.store_url_for_kernel(FakeStore())
    assert db_url == "" and env == {
        "KPYJ_DB_URL": "postgresql+psycopg://kpyj:s3cret@db.example/kpyj"
    }


def test_plan_reports_takes_the_pilots_by_default(tiny_store, tmp_path):
    out = tmp_path / "reports"
    plan = publish.plan_reports(tiny_store, out_dir=out)
    assert plan.codes == ["64", "83"] and plan.year_dir == out / "2565"
    assert [j.key for j in plan.jobs] == ["64", "83"]
    assert publish.plan_reports(tiny_store, provinces=["83"], out_dir=out).codes == ["83"]
    everyone = publish.plan_reports(tiny_store, all_provinces=True, out_dir=out).codes
    assert everyone == list(tiny_store.workspace(2565).province_codes)
    assert not out.exists()  # planning writes nothing


@pytest.mark.slow  # seconds: the whole sample or national data
def test_open_document_builds_each_kind(sample_db):
    rep = publish.open_document("province", "83", 2565, sample_db, "2022-03-31")
    assert rep.headline()["province"] == "83" and rep.headline()["sample"]
    doc = publish.open_document("lessons", "ALL", 2565, sample_db, "2022-03-31")
    assert doc.title_th.startswith("ถอดบทเรียน")
    view = publish.open_document("directives", "", 0, sample_db, "2022-01-26")
    assert view.week == dt.date(2022, 1, 24)
    with pytest.raises(UnknownProvinceError):
        publish.open_document("province", "../../etc", 2565, sample_db)
    with pytest.raises(ReportError):
        publish.open_document("brochure", "83", 2565, sample_db)


# ------------------------------------------------------------------ the index page
def test_write_index_without_results_and_with_columns(tmp_path):
    r = JobResult(
        "83",
        "83 ภูเก็ต",
        "ok",
        1.23,
        outputs={"html": "analysis.html"},
        headline={"budget": 1234567.0, "share": 0.5},
        output_dir=str(tmp_path / "83"),
    )
    index, summary = write_index([r], tmp_path, title="T <b>", columns=[("budget", "งบ <i>")])
    page = index.read_text(encoding="utf-8")
    assert "T &lt;b&gt;" in page and "งบ &lt;i&gt;" in page and "1,234,567" in page
    assert "ตัวอย่าง" not in page  # no sample banner unless asked
    assert json.loads(summary.read_text(encoding="utf-8"))["reports"][0]["outputs"] == {
        "html": "83/analysis.html"
    }
    assert _tmp_files(tmp_path) == []


def test_index_escapes_every_user_field_through_the_template(tmp_path):
    r = JobResult(
        "83",
        f"83 {XSS}",
        "failed",
        0.5,
        outputs={"error": "analysis.error.ipynb", "lessons_docx": "lessons.docx"},
        error=f"ValueError: {XSS}",
        headline={XSS: XSS},
        output_dir=str(tmp_path / "83"),
        error_cell=4,
    )
    ok = JobResult("64", "64 สุโขทัย", "skipped", 0.0, outputs={"html": "analysis.html"},
                   headline={"budget": 480000, "progress_pct": 62.5, "orphans": None},
                   output_dir=str(tmp_path / "64"))  # fmt: skip
    index, summary = write_index(
        [r, ok],
        tmp_path,
        title=f"ดัชนี {XSS}",
        fiscal_year=2565,
        sample=True,
        links=[(f"ภาพรวม {XSS}", 'lessons synthesis".html')],
        key_header=XSS,
    )
    page = index.read_text(encoding="utf-8")
    assert "<script>" not in page.lower()
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # title x2, header, row, error
    assert 'href="lessons%20synthesis%22.html"' in page  # links are URL-quoted
    assert "(cell [4])" in page and 'class="badge failed"' in page
    assert "ถอดบทเรียน (Word)" in page and 'href="83/lessons.docx"' in page
    assert "ปีงบประมาณ พ.ศ. 2565" in page and "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ" in page
    assert "sample data" not in page and "(ok)" not in page  # Thai only by default
    assert "480,000" in page and "62.5" in page and "–" in page
    assert 'font-family: "Sarabun"' in page  # the stylesheet is not HTML-escaped
    assert '<body class="kpyj-index">' in page
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["counts"] == {"ok": 0, "skipped": 1, "failed": 1}
    assert data["links"] == [{"text": f"ภาพรวม {XSS}", "href": 'lessons synthesis".html'}]


def test_attach_outputs_never_hides_a_failed_write_up():
    rows = [JobResult("83", "83", "ok", 1.0, outputs={"html": "analysis.html"})]
    extra = [JobResult("83", "83", "failed", 1.0, outputs={"error": "lessons.error.ipynb"},
                       error="KeyError: x")]  # fmt: skip
    publish.attach_outputs(rows, extra, prefix="lessons_")
    assert rows[0].status == "failed" and rows[0].error == "lessons: KeyError: x"
    assert rows[0].outputs == {"html": "analysis.html", "lessons_error": "lessons.error.ipynb"}


# ------------------------------------------------------------------ kpyj reports
def test_cli_refuses_a_bad_province_before_writing(tmp_path, capsys):
    out = tmp_path / "reports"
    db = tmp_path / "kpyj.sqlite"
    argv = ["--db", f"sqlite:///{db}", "reports", "--province", "../../etc", "--out", str(out)]
    code = main(argv)
    assert code == 2
    assert "../../etc" in capsys.readouterr().err
    assert not out.exists() and not db.exists()
    assert list(tmp_path.iterdir()) == []


def test_cli_refuses_bad_combinations(tiny_store, tmp_path, capsys):
    db = ["--db", tiny_store.display_url, "reports", "--out", str(tmp_path / "r")]
    assert main([*db, "--week", "2022-01-19"]) == 2
    assert "--week" in capsys.readouterr().err
    assert main([*db, "--directives"]) == 2
    assert "--week" in capsys.readouterr().err
    assert main([*db, "--jobs", "0"]) == 2
    assert main([*db, "--as-of", "yesterday"]) == 2
    assert not (tmp_path / "r").exists()


def test_plan_reports_refuses_a_year_without_pilots(tmp_store, tmp_path):
    from kpyj_lib.examples import tiny_tables

    tables = tiny_tables()
    for o in tables["objectives"]:  # every objective in Chiang Mai, not a model province
        o["province_code"] = "50"
    tmp_store.write(tables, replace=True)
    with pytest.raises(KpyjError, match="model province"):
        publish.plan_reports(tmp_store, pilot=True, out_dir=tmp_path / "r")
    # without --pilot: every province with data
    assert publish.plan_reports(tmp_store, out_dir=tmp_path / "r").codes == ["50", "64", "83"]


@pytest.mark.slow
def test_cli_reports_end_to_end(tmp_path, monkeypatch, capsys):
    from kpyj_lib.examples import tiny_tables
    from kpyj_lib.store import Store

    store = Store(f"sqlite:///{tmp_path}/kpyj.sqlite")
    store.init()
    store.write(tiny_tables(), replace=True)
    templates = tmp_path / "notebooks"
    templates.mkdir()
    shutil.copy(HEADLINE_NB, templates / "province_report.ipynb")
    monkeypatch.setattr(publish, "NOTEBOOKS_DIR", templates)
    out = tmp_path / "reports"
    argv = ["--db", store.display_url, "reports", "--out", str(out), "--jobs", "2", "--no-progress"]
    assert main(argv) == 0  # default: the pilot provinces 64 and 83
    summary = json.loads((out / "2565" / "summary.json").read_text(encoding="utf-8"))
    heads = {r["key"]: r["headline"] for r in summary["reports"]}
    assert sorted(heads) == ["64", "83"]
    assert heads["83"]["objectives"] == 2  # the kernel read the store through db_url
    assert summary["sample"] is True
    # the build status page (status.html since issue 13: index.html is the national overview)
    status = (out / "2565" / "status.html").read_text(encoding="utf-8")
    assert "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ" in status and "sample data" not in status
    assert main([*argv, "--province", "83"]) == 0
    assert "ไม่เปลี่ยนแปลง (skipped) 1" in capsys.readouterr().out
    # --lang th-en reaches the jobs (a new parameter: the report runs again) and the index
    assert main([*argv, "--province", "83", "--lang", "th-en"]) == 0
    assert "สำเร็จ (ok) 1" in capsys.readouterr().out
    assert "sample data, not official figures" in (out / "2565" / "status.html").read_text("utf-8")


@pytest.mark.slow
def test_directives_run_in_a_worker_not_in_the_caller(tiny_store, tmp_path):
    import os

    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    template = tmp_path / "weekly.ipynb"
    params = new_code_cell(
        'week = ""\ndb_url = ""\nfiscal_year = 0', metadata={"tags": ["parameters"]}
    )
    show = new_code_cell(
        "import os\nfrom IPython.display import display\n"
        'display({"application/vnd.kpyj.headline+json": {"parent": os.getppid(), "week": week,'
        ' "db_url": db_url}}, raw=True)\nprint("สัปดาห์", week)'
    )
    kernel = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb = new_notebook(cells=[params, show], metadata={"kernelspec": kernel})
    nbformat.write(nb, template)
    environ = dict(os.environ)
    paths = publish.publish_directives(
        tiny_store, "2022-01-19", tmp_path / "out", notebook=template
    )
    folder = tmp_path / "out" / "directives"
    assert paths == {
        "ipynb": folder / "directives_2022-01-17.ipynb",
        "html": folder / "directives_2022-01-17.html",
    }
    assert "สัปดาห์ 2022-01-17" in paths["html"].read_text(encoding="utf-8")
    state = json.loads((folder / ".directives_2022-01-17.state.json").read_text(encoding="utf-8"))
    # the kernel's parent is a pool worker, not this process; the caller's environment is intact
    assert state["headline"]["parent"] != os.getpid()
    assert state["headline"]["db_url"] == tiny_store.display_url
    assert dict(os.environ) == environ
    # a second call runs again (the print-out depends on the day it is compiled)
    before = paths["ipynb"].stat().st_mtime_ns
    publish.publish_directives(tiny_store, "2022-01-19", tmp_path / "out", notebook=template)
    assert paths["ipynb"].stat().st_mtime_ns > before


def test_library_fingerprint_follows_templates_and_stylesheet(tmp_path, monkeypatch):
    """A template or stylesheet edit re-runs the reports, like a code edit."""
    import shutil

    from kpyj_lib import publish

    copy = tmp_path / "kpyj_lib"
    shutil.copytree(publish.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(publish, "PACKAGE_DIR", copy)
    fingerprint = publish.library_fingerprint
    fingerprint.cache_clear()  # it is computed once per process
    first = fingerprint()
    fingerprint.cache_clear()
    assert fingerprint() == first
    for rel in ("render/style.css", "render/templates/province.html.j2"):
        path = copy / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        fingerprint.cache_clear()
        changed = fingerprint()
        assert changed != first, rel
        first = changed
    fingerprint.cache_clear()  # the real package's again for the tests that follow
