"""The committed notebooks execute top to bottom with papermill against a real store."""

from __future__ import annotations

import json
import re

import nbformat
import papermill as pm
import pytest

from kpyj_lib.batch import export_html
from kpyj_lib.documents.province import SECTIONS
from kpyj_lib.paths import NOTEBOOKS_DIR, PROJECT_ROOT
from kpyj_lib.render import HEADLINE_MIME
from kpyj_lib.store import Store


def _run(name: str, tmp_path, **params) -> nbformat.NotebookNode:
    out = tmp_path / name
    pm.execute_notebook(
        str(NOTEBOOKS_DIR / name), str(out), parameters=params, kernel_name="python3",
        progress_bar=False, cwd=str(PROJECT_ROOT),
    )  # fmt: skip
    return nbformat.read(out, as_version=4)


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]


@pytest.mark.parametrize("path", sorted(NOTEBOOKS_DIR.rglob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_committed_thin_and_clean(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "outputs committed"
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) <= 1
    # thin: no function or class definitions in notebooks, the logic lives in kpyj_lib
    assert not any(re.search(r"^\s*(def|class) ", c.source, re.M) for c in code)


@pytest.mark.slow
def test_explore_notebook_runs_top_to_bottom(sample_db, tmp_path):
    nb = _run("explore.ipynb", tmp_path, province="83", fiscal_year=2565, db_url=sample_db)
    assert _errors(nb) == []
    text = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert "ข้อมูลตัวอย่าง" in text  # the sample is marked as such
    assert "OBJ-48-04" in text  # the planted orphan shows up in the orphans table
    assert '"image/png"' in text  # the layered alignment graph was drawn


@pytest.fixture(scope="module")
def report_html(sample_db, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    nb = _run("province_report.ipynb", tmp, province="83", fiscal_year=2565, db_url=sample_db)
    return nb, export_html(nb)


@pytest.mark.slow
def test_province_report_has_every_section_and_no_error(report_html):
    nb, html = report_html
    assert _errors(nb) == []
    for s in SECTIONS:
        th, en = s.title_th, s.title_en
        assert th in html, th
        assert f"({en})" not in html, en  # Thai only by default
    assert "จังหวัดภูเก็ต" in html
    assert "ตัวอย่าง" in html  # sample marking on every report built from the sample
    assert html.count('class="kpyj-chart"') >= 6  # alignment, bars, timeline, KPI, PMQA, map
    assert "INI-83-04" in html  # the planted project that delivers no KR is reported
    assert "def " not in html and "open_report(" not in html  # no code in the output
    assert "open_document(" not in html


@pytest.mark.slow
def test_province_report_lang_parameter_adds_english_glosses(sample_db, tmp_path):
    nb = _run(
        "province_report.ipynb", tmp_path, province="83", fiscal_year=2565, db_url=sample_db,
        lang="th-en",
    )  # fmt: skip
    html = export_html(nb)
    assert _errors(nb) == []
    assert all(f"({s.title_en})" in html for s in SECTIONS)
    assert "Phuket KPYJ analysis report" in html


@pytest.mark.slow
def test_province_report_emits_headline(report_html):
    nb, _ = report_html
    heads = [
        o["data"][HEADLINE_MIME]
        for c in nb.cells
        for o in c.get("outputs", [])
        if HEADLINE_MIME in o.get("data", {})
    ]
    assert len(heads) == 1
    assert heads[0]["province"] == "83" and heads[0]["objectives"] == 3 and heads[0]["sample"]


@pytest.mark.slow
def test_user_text_is_escaped_in_the_report(sample_db_copy, tmp_path):
    store = Store(sample_db_copy)
    obj = store.read("objectives").set_index("id").loc["OBJ-83-01"].to_dict()
    obj.update(id="OBJ-83-01", title_th="<script>alert(1)</script>")
    store.write({"objectives": [obj]})
    store.close()
    nb = _run(
        "province_report.ipynb", tmp_path, province="83", fiscal_year=2565, db_url=sample_db_copy
    )
    html = export_html(nb)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
