"""The `kpyj` command in-process: exit codes, messages on stderr, the store left unchanged."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest

from kpyj_lib.cli import main
from kpyj_lib.io.spec import header_text
from kpyj_lib.model import ENTITIES
from kpyj_lib.paths import SAMPLE_WORKBOOK
from kpyj_lib.store import Store


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path}/cli.sqlite"
    assert main(["--db", url, "init", "--sample"]) == 0
    return url


def _cell(ws, entity: str, row_id: str, column: str):
    """The worksheet cell of ``column`` in the row whose first column is ``row_id``."""
    headers = [c.value for c in ws[1]]
    col = headers.index(header_text(ENTITIES[entity].column(column))) + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, 1).value == row_id:
            return ws.cell(r, col), r
    raise AssertionError(f"{row_id} not in {entity}")


def test_init_and_info(db, capsys):
    assert main(["--db", db, "info"]) == 0
    out = capsys.readouterr().out
    assert "ตัวอย่าง" in out and "2565" in out and "83" in out


@pytest.mark.slow  # seconds: the whole sample or national data
def test_validate_names_each_planted_problem_with_its_row(db, tmp_path, capsys):
    damaged = tmp_path / "damaged.xlsx"
    shutil.copy(SAMPLE_WORKBOOK, damaged)
    wb = openpyxl.load_workbook(damaged)
    krs, objs, cis = (wb[ENTITIES[n].sheet_th] for n in ("key_results", "objectives", "checkins"))
    cell, kr_row = _cell(krs, "key_results", "KR-83-01-1", "objective_id")
    cell.value = "OBJ-NOPE"  # dangling reference
    cell, obj_row = _cell(objs, "objectives", "OBJ-64-01", "province_code")
    cell.value = "99"  # no such province
    first_ci = cis.cell(2, 1).value
    cell, ci_row = _cell(cis, "checkins", first_ci, "value")
    cell.value = "สามสิบ"  # not a number
    wb.save(damaged)
    before = Store(db).counts()

    assert main(["--db", db, "validate", str(damaged)]) == 2
    err = capsys.readouterr().err
    for sheet, row, text in (
        (ENTITIES["key_results"].sheet_th, kr_row, "OBJ-NOPE"),
        (ENTITIES["objectives"].sheet_th, obj_row, "99"),
        (ENTITIES["checkins"].sheet_th, ci_row, "สามสิบ"),
    ):
        line = next((ln for ln in err.splitlines() if f"'{sheet}'" in ln and text in ln), "")
        assert f"row {row}" in line, (sheet, row, err)
    assert main(["--db", db, "import", str(damaged)]) == 2
    assert Store(db).counts() == before  # nothing written


@pytest.mark.slow  # seconds: the whole sample or national data
def test_export_import_export_round_trip(db, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["--db", db, "export", str(first)]) == 0
    fresh = f"sqlite:///{tmp_path}/fresh.sqlite"
    assert main(["--db", fresh, "init"]) == 0
    assert main(["--db", fresh, "import", str(first)]) == 0
    assert main(["--db", fresh, "export", str(second)]) == 0

    def cells(path):
        wb = openpyxl.load_workbook(path)
        return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in wb}

    assert cells(first) == cells(second)


def test_template(tmp_path):
    out = tmp_path / "template.xlsx"
    assert main(["template", str(out)]) == 0
    assert ENTITIES["objectives"].sheet_th in openpyxl.load_workbook(out).sheetnames


@pytest.mark.slow  # seconds: the whole sample or national data
def test_graph_of_phuket_reaches_cluster_and_national_plans(db, tmp_path):
    out = tmp_path / "phuket.json"
    assert main(["--db", db, "graph", "--province", "83", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    kinds = {n["id"]: n.get("plan_kind") for n in data["nodes"]}
    assert any(k == "cluster_plan" for k in kinds.values())
    # FY2565: the plans in force (Justice Master Plan No. 3, the 2561-2580 master plans)
    assert {"plan_item:JMP3-ALL", "plan_item:NMP61-22"} <= set(kinds)
    assert "province:83" in kinds and "province:64" not in kinds


def test_bad_province_is_refused_without_writing(db, tmp_path, capsys):
    out = tmp_path / "g" / "x.json"
    assert main(["--db", db, "graph", "--province", "../../etc", "--out", str(out)]) == 2
    assert "../../etc" in capsys.readouterr().err
    assert not out.parent.exists()


def test_uninitialised_store_is_bad_input(tmp_path, capsys):
    assert (
        main(["--db", f"sqlite:///{tmp_path}/none.sqlite", "export", str(tmp_path / "x.xlsx")]) == 2
    )
    assert "kpyj init" in capsys.readouterr().err


def test_carry_over(db, capsys):
    assert main(["--db", db, "carry-over", "--from", "2565", "--dry-run"]) == 0
    assert Store(db).fiscal_years() == [2565]
    assert main(["--db", db, "carry-over", "--from", "2565"]) == 0
    store = Store(db)
    assert 2566 in store.fiscal_years()
    carried = store.workspace(2566)["objectives"]["carried_from_id"]
    assert carried.notna().all() and len(carried) > 0


def test_init_synthetic(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/syn.sqlite"
    assert main(["--db", url, "init", "--synthetic", "3"]) == 0
    assert len(Store(url).workspace(2565).province_codes) == 3
    assert main(["--db", url, "init", "--synthetic", "78"]) == 2
