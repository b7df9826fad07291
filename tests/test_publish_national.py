"""``kpyj reports`` for the national picture (issue 13): the overview and cluster jobs, the
follow-up round folders, the build status page, the notebooks and the main run on the
sample. The job builder needs no kernel; the runs start kernels and are marked ``slow``."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from html_text import html_text

from kpyj_lib import publish
from kpyj_lib.batch import JobResult, export_html
from kpyj_lib.calendar import parse_thai_date
from kpyj_lib.cli import main
from kpyj_lib.exceptions import CalendarError, KpyjError, ReportError
from kpyj_lib.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from kpyj_lib.publish import document_jobs, existing_documents, write_index
from kpyj_lib.render import HEADLINE_MIME

BANNER = "ข้อมูลตัวอย่าง (สมมติ) ไม่ใช่ข้อมูลทางราชการ"


@pytest.fixture
def tiny_store(tmp_store):
    from kpyj_lib.examples import tiny_tables

    tmp_store.write(tiny_tables(), replace=True)
    return tmp_store


# ------------------------------------------------------------------ jobs (no kernel)
def test_overview_and_cluster_jobs(tiny_store, tmp_path):
    (nat,) = document_jobs("national", tiny_store, 2565, ["ignored"], tmp_path, linked="83,status")
    assert nat.output_dir == tmp_path / "2565" and nat.stem == "index"
    assert nat.path("html") == tmp_path / "2565" / "index.html"
    assert nat.parameters["linked"] == "83,status" and nat.parameters["round_no"] == 0
    assert nat.notebook.name == "national.ipynb" and "ทั่วประเทศ" in nat.title
    jobs = document_jobs("cluster", tiny_store, 2565, ["south_andaman", " east_1"], tmp_path)
    assert [j.key for j in jobs] == ["south_andaman", "east_1"]
    assert jobs[0].path("html") == tmp_path / "2565" / "clusters" / "south_andaman.html"
    assert jobs[0].parameters["cluster"] == "south_andaman"
    assert jobs[0].label == "กลุ่มจังหวัดภาคใต้ฝั่งอันดามัน"
    with pytest.raises(ReportError, match="ไม่มีกลุ่มจังหวัด"):  # before it becomes a path
        document_jobs("cluster", tiny_store, 2565, ["../../etc"], tmp_path)


def test_round_jobs_go_to_their_own_folder(tiny_store, tmp_path):
    (p,) = document_jobs("province", tiny_store, 2565, ["83"], tmp_path, round_no=2)
    assert p.output_dir == tmp_path / "2565" / "round2" / "83"
    assert p.parameters["round_no"] == 2 and p.parameters["as_of"] == ""
    (n,) = document_jobs("national", tiny_store, 2565, (), tmp_path, round_no=2)
    assert n.path("html") == tmp_path / "2565" / "round2" / "index.html"
    assert "รอบ 6 เดือน" in n.title
    # without a round the province job is as before (no round parameter)
    (q,) = document_jobs("province", tiny_store, 2565, ["83"], tmp_path)
    assert "round_no" not in q.parameters and q.output_dir == tmp_path / "2565" / "83"
    with pytest.raises(CalendarError):
        document_jobs("national", tiny_store, 2565, (), tmp_path, round_no=5)
    with pytest.raises(ReportError, match="as_of"):
        document_jobs("province", tiny_store, 2565, ["83"], tmp_path, "2022-03-31", round_no=2)
    with pytest.raises(ReportError):
        document_jobs("lessons", tiny_store, 2565, ["83"], tmp_path, round_no=2)


@pytest.mark.slow  # seconds: the whole sample or national data
def test_plan_reports_brings_the_overview_with_pilot_all_and_round(tiny_store, tmp_path):
    out = tmp_path / "r"
    pilot = publish.plan_reports(tiny_store, pilot=True, out_dir=out)
    assert pilot.national and pilot.codes == ["64", "83"] and not pilot.clusters
    assert not publish.plan_reports(tiny_store, provinces=["83"], out_dir=out).national
    assert not publish.plan_reports(tiny_store, out_dir=out).national  # the old default
    only = publish.plan_reports(tiny_store, national=True, out_dir=out)
    assert only.national and only.jobs == [] and only.codes == []
    clusters = publish.plan_reports(tiny_store, clusters=["east_1"], out_dir=out)
    assert clusters.clusters == ["east_1"] and clusters.jobs == [] and not clusters.national
    rnd = publish.plan_reports(tiny_store, round_no=3, out_dir=out)
    assert rnd.national and rnd.year_dir == out / "2565" / "round3"
    assert rnd.jobs[0].output_dir == out / "2565" / "round3" / "64"
    with pytest.raises(ReportError):
        publish.plan_reports(tiny_store, round_no=2, lessons=True, out_dir=out)
    with pytest.raises(ReportError):
        publish.plan_reports(tiny_store, clusters=["nowhere"], out_dir=out)


def test_existing_documents_lists_what_is_there(tmp_path):
    (tmp_path / "83").mkdir()
    (tmp_path / "83" / "analysis.html").write_text("x")
    (tmp_path / "64").mkdir()  # a folder without a report is not linked
    (tmp_path / "clusters").mkdir()
    (tmp_path / "clusters" / "east_1.html").write_text("x")
    assert existing_documents(tmp_path) == "83,east_1"
    assert existing_documents(tmp_path, status=True, index=True) == "83,east_1,status,index"


def test_the_status_page_lists_the_overview_and_keeps_the_summary(tmp_path):
    prov = JobResult("83", "83 ภูเก็ต", "ok", 1.0, outputs={"html": "analysis.html"},
                     output_dir=str(tmp_path / "83"), headline={"objectives": 3})  # fmt: skip
    nat = JobResult("national", "ภาพรวมทั่วประเทศ <b>", "ok", 2.0, outputs={"html": "index.html"},
                    output_dir=str(tmp_path), headline={"provinces": 77})  # fmt: skip
    status, summary = write_index(
        [prov], tmp_path, title="สถานะ", name="status.html", others=[nat],
        links=[("ภาพรวม", "index.html")],
    )  # fmt: skip
    assert status == tmp_path / "status.html" and not (tmp_path / "index.html").exists()
    page = status.read_text("utf-8")
    assert 'href="index.html"' in page and "ภาพรวมทั่วประเทศ &lt;b&gt;" in page
    data = json.loads(summary.read_text("utf-8"))
    assert [r["key"] for r in data["reports"]] == ["83"]
    assert [d["key"] for d in data["documents"]] == ["national"]
    assert data["counts"]["ok"] == 2
    with pytest.raises(ReportError):
        write_index([prov], tmp_path, title="x", name="../escape.html")


def test_cli_refuses_bad_cluster_and_round_before_reading(tmp_path, capsys):
    db = f"sqlite:///{tmp_path}/none.sqlite"
    assert main(["--db", db, "reports", "--cluster", "../x"]) == 2
    assert "ไม่มีกลุ่มจังหวัด" in capsys.readouterr().err
    assert main(["--db", db, "reports", "--directives", "--week", "2022-02-14", "--national"]) == 2
    assert not (tmp_path / "none.sqlite").exists()


# ------------------------------------------------------------------ notebooks (kernels)
def _run(name: str, tmp_path: Path, **params) -> nbformat.NotebookNode:
    out = tmp_path / name
    pm.execute_notebook(
        str(NOTEBOOKS_DIR / name), str(out), parameters=params, kernel_name="python3",
        progress_bar=False, cwd=str(PROJECT_ROOT),
    )  # fmt: skip
    return nbformat.read(out, as_version=4)


def _headline(nb: nbformat.NotebookNode) -> dict:
    (head,) = [
        o["data"][HEADLINE_MIME]
        for c in nb.cells
        for o in c.get("outputs", [])
        if HEADLINE_MIME in o.get("data", {})
    ]
    return head


@pytest.mark.slow
def test_the_national_notebook_runs(sample_db, tmp_path):
    nb = _run("national.ipynb", tmp_path, fiscal_year=2565, as_of="", db_url=sample_db)
    html = export_html(nb, title="ภาพรวม")
    head = _headline(nb)
    assert (head["provinces"], head["clusters"], head["groups"]) == (77, 18, 3)
    assert BANNER in html and "ภาพรวมการขับเคลื่อน กพยจ. ทั่วประเทศ" in html
    assert len(re.findall(r'<a class="kpyj-tile[ "]', html)) == 77
    assert "open_document(" not in html


@pytest.mark.slow
def test_the_cluster_notebook_runs(sample_db, tmp_path):
    nb = _run(
        "cluster_report.ipynb", tmp_path, cluster="south_andaman", fiscal_year=2565,
        db_url=sample_db, round_no=2,
    )  # fmt: skip
    head = _headline(nb)
    assert head["cluster"] == "south_andaman" and head["provinces"] == 6 and head["round"] == 2
    html = export_html(nb)
    assert BANNER in html and "รอบ 6 เดือน" in html


def _thai_dates(text: str) -> list[dt.date]:
    pattern = r"\d{1,2} (?:[ก-๙]+\.){1,2}[ก-๙]*\.? ?\d{4}|\d{1,2} [ก-๙]+ \d{4}"
    out = []
    for m in re.findall(pattern, text):
        with contextlib.suppress(KpyjError):
            out.append(parse_thai_date(m))
    return out


@pytest.mark.slow
def test_kpyj_reports_round_2(sample_db, tmp_path):
    out = tmp_path / "reports"
    argv = ["--db", sample_db, "reports", "--round", "2", "--fy", "2565", "--province", "83",
            "--national", "--cluster", "south_andaman", "--out", str(out), "--jobs", "2",
            "--no-progress"]  # fmt: skip
    assert main(argv) == 0
    year = out / "2565" / "round2"
    for rel in ("index.html", "status.html", "summary.json", "83/analysis.html",
                "clusters/south_andaman.html"):  # fmt: skip
        assert (year / rel).is_file(), rel
    assert not (out / "2565" / "index.html").exists()  # the year's own overview is untouched
    page = (year / "83" / "analysis.html").read_text("utf-8")
    report = html_text(page)
    assert "ข้อมูล ณ วันที่ 31 มีนาคม 2565" in report
    assert "รอบ 6 เดือน (ถึง 31 มีนาคม 2565) เทียบกับรอบ 3 เดือน" in report
    # nothing reported after the round; the projects' planned dates (their own section,
    # e.g. an end date of 30 ก.ย. 2565) are plans, not data
    planned = re.compile(r'<section class="kpyj-section"><h2 id="projects">.*?</section>', re.S)
    assert planned.search(page)
    days = _thai_dates(html_text(planned.sub("", page)))
    assert days and max(days) <= dt.date(2022, 3, 31)
    overview = (year / "index.html").read_text("utf-8")
    assert "รอบ 6 เดือน" in html_text(overview) and BANNER in overview
    assert 'href="83/analysis.html"' in overview and 'href="#p-64"' in overview
    assert 'href="clusters/south_andaman.html"' in overview and 'href="status.html"' in overview
    cluster = (year / "clusters" / "south_andaman.html").read_text("utf-8")
    assert 'href="../83/analysis.html"' in cluster and 'href="../index.html"' in cluster
    summary = json.loads((year / "summary.json").read_text("utf-8"))
    assert [r["key"] for r in summary["reports"]] == ["83"]
    assert {d["key"] for d in summary["documents"]} == {"national", "south_andaman"}
    assert summary["documents"][-1]["headline"]["round"] == 2
